/**
 * Door 2 of the intake: a provider's own system sends JSON rows (PUT = full list, POST = changes) with an
 * Idempotency-Key; every answer is checked against the OpenAPI description the platform serves.
 */
import { createItem, readItems } from '@directus/sdk';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRangeBsn } from '../../extensions/labour-platform/src/domain/bsn.js';
import { DEMO_ORGANISATION_IDS as ORG } from '../../scripts/demo-data.js';
import { as, demoData } from '../support/as-user.js';
import { closeTestDatabase, rowCount, testDatabase } from '../support/database.js';
import { intakeRequest, upload, fixture, type Answer } from '../support/intake.js';

type Spec = {
  components: { schemas: Record<string, unknown> };
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>
  >;
};
let spec: Spec;
let ajv: Ajv;

/** Validates an answer against the response schema the spec gives for this path, method and status. */
function conforms(path: string, method: string, answer: Answer<unknown>): void {
  const response = spec.paths[path]?.[method]?.responses[String(answer.status)];
  expect(response, `${method} ${path} documents ${answer.status}`).toBeDefined();
  const schema = response!.content?.['application/json']?.schema;
  if (schema === undefined) return;
  const validate = ajv.compile(schema as object);
  const valid = validate(answer.body);
  expect(valid, `${method} ${path} ${answer.status}: ${JSON.stringify(validate.errors)}`).toBe(true);
}

const location = () => demoData().locations.find((l) => l.provider === ORG.providerB)!;
const row = (n: number, extra: Record<string, unknown> = {}) => ({
  external_reference: `API-${n}`,
  bsn: testRangeBsn(9_000 + n),
  first_names: 'Ana',
  surname: `Popescu ${n}`,
  date_of_birth: '1991-04-05',
  nationality: 'RO',
  location: location().name,
  arrival_date: '2025-01-06',
  ...extra,
});

afterAll(async () => {
  await closeTestDatabase();
});

/** A location of provider B that only this file uses (a confirmed full list departs everyone else there). */
async function ownLocationB(): Promise<{ id: string; name: string }> {
  const name = `Logies API ${Date.now().toString(36)}`;
  const created = (await (
    await as('providerB')
  ).request(
    createItem('locations', {
      name,
      street: 'Loet',
      house_number: '97',
      postcode: '1741 BN',
      city: 'Schagen',
      capacity: 10,
      provider: ORG.providerB,
      bag_id: '0441010000997001',
    }),
  )) as { id: string };
  return { id: created.id, name };
}

beforeAll(async () => {
  const served = await intakeRequest<Spec>('public', 'GET', '/intake/openapi.json');
  expect(served.status).toBe(200);
  spec = served.body as Spec;
  ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  for (const [name, schema] of Object.entries(spec.components.schemas))
    ajv.addSchema(schema as object, `#/components/schemas/${name}`);
});

describe('intake door 2: JSON rows', () => {
  it('the description is OpenAPI 3.1 with every route', () => {
    expect((spec as unknown as { openapi: string }).openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths).sort()).toEqual([
      '/intake/imports',
      '/intake/imports/{id}',
      '/intake/imports/{id}/commit',
      '/intake/imports/{id}/refused.xlsx',
      '/intake/residents',
    ]);
  });

  it('POST adds residents at once; a retry with the same Idempotency-Key answers the same import; another body is a 409', async () => {
    const body = JSON.stringify({ rows: [row(1), row(2), row(3, { bsn: '999993654' })] });
    const first = await intakeRequest('providerB', 'POST', '/intake/residents', body, { 'Idempotency-Key': 'batch-1' });
    conforms('/intake/residents', 'post', first);
    expect(first.data).toMatchObject({ status: 'committed', dry_run: false, counts: { new: 2, refused: 1 } });
    expect(first.data!.refused[0]).toMatchObject({ row: 3, reference: 'API-3', column: 'bsn', code: 'invalid_bsn' });
    const again = await intakeRequest('providerB', 'POST', '/intake/residents', body, { 'Idempotency-Key': 'batch-1' });
    expect(again.data!.id).toBe(first.data!.id);
    const provider = await as('providerB');
    expect(
      await provider.request(
        readItems('migrants', { filter: { external_reference: { _eq: 'API-1' } }, fields: ['id'] }),
      ),
    ).toHaveLength(1);
    const conflict = await intakeRequest('providerB', 'POST', '/intake/residents', JSON.stringify({ rows: [row(4)] }), {
      'Idempotency-Key': 'batch-1',
    });
    conforms('/intake/residents', 'post', conflict);
    expect(conflict).toMatchObject({ status: 409, code: 'INTAKE_IDEMPOTENCY_CONFLICT' });
    // the same key of another provider is its own
    const otherTenant = await intakeRequest('providerA', 'POST', '/intake/residents', JSON.stringify({ rows: [] }), {
      'Idempotency-Key': 'batch-1',
    });
    expect(otherTenant.status).toBe(200);
  });

  it('PUT of the full list: a changed row, an unchanged one, and a resident missing from the list proposed to depart', async () => {
    const answer = await intakeRequest(
      'providerB',
      'PUT',
      '/intake/residents',
      JSON.stringify({ rows: [row(1, { surname: 'Popescu-Ionescu' })], locations: [location().id] }),
    );
    conforms('/intake/residents', 'put', answer);
    expect(answer.data!.counts).toMatchObject({ changed: 1, new: 0 });
    expect(answer.data!.rows[0]).toMatchObject({ outcome: 'changed', fields: ['surname'] });
    const provider = await as('providerB');
    const [api2] = (await provider.request(
      readItems('migrants', { filter: { external_reference: { _eq: 'API-2' } }, fields: ['id'] }),
    )) as Array<{ id: string }>;
    expect(answer.data!.proposed_departures.map((p) => p.migrant)).toContain(api2!.id);
    const same = await intakeRequest(
      'providerB',
      'PUT',
      '/intake/residents',
      JSON.stringify({ rows: [row(1, { surname: 'Popescu-Ionescu' })], locations: [location().id] }),
    );
    expect(same.data).toMatchObject({ status: 'unchanged', counts: { unchanged: 1, changed: 0, new: 0 } });
  });

  it('refusals conform to the description: not JSON, no rows, anonymous, another provider', async () => {
    const notJson = await intakeRequest('providerB', 'POST', '/intake/residents', undefined);
    expect(notJson.status).toBe(415);
    const noRows = await intakeRequest('providerB', 'POST', '/intake/residents', JSON.stringify({ rows: 'all' }));
    conforms('/intake/residents', 'post', noRows);
    expect(noRows.status).toBe(400);
    const anonymous = await intakeRequest('public', 'POST', '/intake/residents', JSON.stringify({ rows: [] }));
    conforms('/intake/residents', 'post', anonymous);
    const other = await intakeRequest(
      'providerB',
      'POST',
      '/intake/residents',
      JSON.stringify({ rows: [], provider: ORG.providerA }),
    );
    conforms('/intake/residents', 'post', other);
    expect(other.code).toBe('NOT_FOUND');
  });

  it('two identical requests with one Idempotency-Key at the same moment make one import and get the same answer', async () => {
    for (const [method, key, n] of [
      ['POST', 'race-post', 60],
      ['PUT', 'race-put', 61],
    ] as const) {
      const body = JSON.stringify({ rows: [row(n), row(n + 10)] });
      const answers = await Promise.all(
        [0, 1, 2].map(() => intakeRequest('providerB', method, '/intake/residents', body, { 'Idempotency-Key': key })),
      );
      for (const answer of answers) {
        conforms('/intake/residents', method.toLowerCase(), answer);
        expect(answer.status, `${method}: ${answer.message}`).toBe(200);
      }
      expect(new Set(answers.map((answer) => answer.data!.id)).size, method).toBe(1);
      expect(answers.map((answer) => answer.data!.counts.new)).toEqual([2, 2, 2]);
      const db = testDatabase();
      expect(await rowCount(db('imports').where('idempotency_key', `${ORG.providerB}:${key}`))).toBe(1);
      expect(await rowCount(db('migrants').where('external_reference', `API-${n}`))).toBe(1);
      expect(await rowCount(db('migrants').where('external_reference', `API-${n + 10}`))).toBe(1);
    }
  });

  it('PUT of a full list with confirm_departures reports the missing residents’ departures in the same commit', async () => {
    const own = await ownLocationB();
    const at = (n: number) => row(n, { location: own.name });
    const added = await intakeRequest(
      'providerB',
      'POST',
      '/intake/residents',
      JSON.stringify({ rows: [at(80), at(81)] }),
    );
    expect(added.data!.counts.new).toBe(2);
    const [leaving, staying] = added.data!.rows.map((result) => String(result.migrant)) as [string, string];
    const admin = await as('admin');
    const stateOf = async () =>
      (await admin.request(
        readItems('migrants', {
          filter: { id: { _in: [leaving, staying] } },
          fields: ['id', 'brp_status', 'current_location'],
        }),
      )) as Array<Record<string, unknown>>;
    await expect.poll(async () => (await stateOf()).filter((m) => m['current_location'] === own.id).length).toBe(2);
    const wrong = await intakeRequest(
      'providerB',
      'PUT',
      '/intake/residents',
      JSON.stringify({ rows: [at(81)], locations: [own.id], confirm_departures: 'yes' }),
    );
    conforms('/intake/residents', 'put', wrong);
    expect(wrong).toMatchObject({ status: 400, code: 'INVALID_INPUT' });
    const list = await intakeRequest(
      'providerB',
      'PUT',
      '/intake/residents',
      JSON.stringify({ rows: [at(81)], locations: [own.id], confirm_departures: true }),
    );
    conforms('/intake/residents', 'put', list);
    expect(list.data).toMatchObject({ status: 'committed', departures_recorded: 1, counts: { unchanged: 1 } });
    expect(list.data!.proposed_departures.map((p) => p.migrant)).toEqual([leaving]);
    expect(list.data!.departure_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await expect
      .poll(async () => (await stateOf()).find((m) => m['id'] === leaving))
      .toMatchObject({ brp_status: 'vertrokken', current_location: null });
    expect((await stateOf()).find((m) => m['id'] === staying)).toMatchObject({ current_location: own.id });
    // without confirm_departures a full list only proposes (nobody left meanwhile: nothing to report)
    const again = await intakeRequest(
      'providerB',
      'PUT',
      '/intake/residents',
      JSON.stringify({ rows: [at(81)], locations: [own.id] }),
    );
    expect(again.data).toMatchObject({ departures_recorded: 0, proposed_departures: [] });
  });

  it('the spreadsheet door conforms too (dry run, read, commit)', async () => {
    const dry = await upload('providerB', { name: 'residents.xlsx', data: fixture('residents.xlsx') });
    conforms('/intake/imports', 'post', dry);
    conforms('/intake/imports/{id}', 'get', await intakeRequest('providerB', 'GET', `/intake/imports/${dry.data!.id}`));
    conforms(
      '/intake/imports/{id}/commit',
      'post',
      await intakeRequest('providerB', 'POST', `/intake/imports/${dry.data!.id}/commit`),
    );
    conforms(
      '/intake/imports/{id}/commit',
      'post',
      await intakeRequest('providerB', 'POST', `/intake/imports/${dry.data!.id}/commit`),
    );
  });
});
