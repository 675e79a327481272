/**
 * Personal data at rest and on the way out, from the outside: what each role sees in each situation (including
 * nested reads), the reveal log, break-glass, tampered values, BSN search and duplicates through the blind index,
 * queries on personal data refused, key rotation while serving, and a scan of the database and the server log
 * for every plain value the tests used: zero hits.
 */
import { createItem, customEndpoint, readItems, updateItem } from '@directus/sdk';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import {
  decryptValue,
  generateDataKey,
  generateKeyRingEnv,
  parseKeyRing,
  planRotation,
  unwrapDataKey,
  wrapDataKey,
} from '../../extensions/labour-platform/src/domain/privacy/index.js';
import { PERSONAL_FIELDS } from '../../extensions/labour-platform/src/domain/personal-fields.js';
import { DEMO_ORGANISATION_IDS as ORG } from '../../scripts/demo-data.js';
import { projectRoot } from '../../scripts/lib/project.js';
import { as, attempt, demoData, directusUrl, type Actor } from '../support/as-user.js';
import { closeTestDatabase, rowCount, testDatabase } from '../support/database.js';
import { patient } from '../support/patience.js';

type Row = Record<string, unknown>;
const PERSONAL = PERSONAL_FIELDS.migrants;
const today = new Date().toISOString().slice(0, 10);
const locationA = () =>
  demoData().locations.find((l) => l.provider === ORG.providerA && l.municipality === ORG.gemeenteA)!;

/** Distinctive values, so a scan finds nothing by accident. Every value used anywhere in this file is listed. */
const PLAIN_VALUES: string[] = [];
function person(tag: string): Row {
  const values = {
    first_names: `Zbigniewa${tag}`,
    surname: `Przykładowska-${tag}`,
    date_of_birth: '1987-06-15',
    email: `zbigniewa.${tag.toLowerCase()}@example.com`,
    phone: `+48 600 ${tag.length}11 ${tag.length}22`,
    home_address: `ul. Testowa ${tag}, 00-950 Warszawa`,
    id_document_number: `EX${tag.toUpperCase()}77`,
  };
  PLAIN_VALUES.push(values.first_names, values.surname, values.email, values.home_address, values.id_document_number);
  return values;
}
const BSN_A = '999993653';
const BSN_B = '999990408';
PLAIN_VALUES.push(BSN_A, BSN_B);

async function createHoused(tag: string, extra: Row = {}): Promise<string> {
  const providerA = await as('providerA');
  const migrant = (await providerA.request(
    createItem('migrants', {
      ...person(tag),
      nationality: 'PL',
      language: 'pl',
      arrival_date: today,
      expected_departure_date: '2099-01-01',
      ...extra,
    }),
  )) as { id: string };
  await providerA.request(createItem('stays', { migrant: migrant.id, location: locationA().id, start_date: today }));
  await expect
    .poll(
      async () =>
        (
          await (
            await as('admin')
          ).request(
            readItems('tasks', {
              filter: { _and: [{ migrant: { _eq: migrant.id } }, { status: { _eq: 'open' } }] },
              fields: ['id'],
            }),
          )
        ).length,
      { timeout: patient(15_000) },
    )
    .toBe(1);
  return migrant.id;
}

async function read(actor: Actor, id: string, fields: string[] = ['id', ...PERSONAL]): Promise<Row | null> {
  const outcome = await attempt(
    (await as(actor)).request(readItems('migrants', { filter: { id: { _eq: id } }, fields })),
  );
  if (!outcome.ok) return null;
  return (outcome.data as Row[])[0] ?? null;
}

async function sign(migrant: string, status: 'signed' | 'revoked'): Promise<void> {
  const admin = await as('admin');
  // a migrant with an e-mail address gets its consent request (the invitation) from a hook: wait for it first
  await expect
    .poll(
      async () =>
        (await admin.request(readItems('consents', { filter: { migrant: { _eq: migrant } }, fields: ['id'] }))).length,
      { timeout: patient(10_000) },
    )
    .toBeGreaterThan(0);
  const existing = (await admin.request(
    readItems('consents', { filter: { migrant: { _eq: migrant } }, fields: ['id'] }),
  )) as Array<{ id: string }>;
  if (existing[0]) await admin.request(updateItem('consents', existing[0].id, { status }));
  else await admin.request(createItem('consents', { migrant, status, language: 'pl' }));
}

afterAll(() => closeTestDatabase());

describe('personal data', () => {
  it('shows a provider its own migrants in plain text, and nobody else’s', async () => {
    const id = await createHoused('Own');
    const own = await read('providerA', id);
    expect(own).toMatchObject({
      first_names: 'ZbigniewaOwn',
      surname: 'Przykładowska-Own',
      date_of_birth: '1987-06-15',
    });
    expect(await read('providerB', id)).toBeNull();
    for (const actor of ['inspectorA', 'policyA', 'public'] as const) expect(await read(actor, id), actor).toBeNull();
  });

  it('shows a clerk the data only with a signed consent and an open task of its municipality', async () => {
    const id = await createHoused('Clerk', { bsn: BSN_A });
    const shielded = await read('clerkA', id);
    expect(shielded).toMatchObject({ surname: '•••', bsn: '•••', privacy: { shielded: true, reason: 'no_consent' } });

    await sign(id, 'signed');
    expect(await read('clerkA', id)).toMatchObject({ surname: 'Przykładowska-Clerk', bsn: BSN_A });
    // nested reads follow the same rule
    const tasks = (await (
      await as('clerkA')
    ).request(
      readItems('tasks', { filter: { migrant: { _eq: id } }, fields: ['id', 'migrant.id', 'migrant.surname'] }),
    )) as Array<{ migrant: Row }>;
    expect(tasks[0]!.migrant['surname']).toBe('Przykładowska-Clerk');
    const stays = (await (
      await as('clerkA')
    ).request(
      readItems('stays', { filter: { migrant: { _eq: id } }, fields: ['id', 'migrant.id', 'migrant.first_names'] }),
    )) as Array<{ migrant: Row }>;
    expect(stays[0]!.migrant['first_names']).toBe('ZbigniewaClerk');

    // every reveal is logged, without the data
    // the reveal log is written in small batches, a moment after the read
    const readLog = async () =>
      (await (
        await as('admin')
      ).request(
        readItems('reveal_log', {
          filter: { _and: [{ migrant: { _eq: id } }, { viewer_role: { _eq: 'clerk' } }] },
          fields: ['viewer_role', 'basis', 'fields', 'task', 'municipality'],
          limit: -1,
        }),
      )) as Row[];
    await expect.poll(async () => (await readLog()).length, { timeout: patient(10_000) }).toBeGreaterThan(0);
    const log = await readLog();
    expect(log[0]).toMatchObject({ viewer_role: 'clerk', basis: 'consent_and_open_task', municipality: ORG.gemeenteA });
    expect(log[0]!['task']).toBeTruthy();
    expect(JSON.stringify(log)).not.toContain('Przykładowska');

    // revoked: masked again at once, also nested
    await sign(id, 'revoked');
    expect(await read('clerkA', id)).toMatchObject({ surname: '•••', privacy: { reason: 'no_consent' } });
    const nested = (await (
      await as('clerkA')
    ).request(
      readItems('appointments', { filter: { migrant: { _eq: id } }, fields: ['id', 'migrant.id', 'migrant.surname'] }),
    )) as Array<{ migrant: Row }>;
    for (const appointment of nested) expect(appointment.migrant['surname']).toBe('•••');

    // signed again, but once the municipality has no open task the data is shielded
    await sign(id, 'signed');
    const assessed = await attempt(
      (await as('clerkA')).request(
        customEndpoint({
          method: 'POST',
          path: `/brp/migrants/${id}/events`,
          body: JSON.stringify({ type: 'ASSESS', outcome: 'registered' }),
        }),
      ),
    );
    expect(assessed.ok).toBe(true);
    // still housed in gemeente A, so the clerk sees the migrant, but no task of A needs the data any more
    expect(await read('clerkA', id)).toMatchObject({ surname: '•••', privacy: { reason: 'no_open_task' } });
  });

  it('lets the municipality administrator read its own municipality’s reveal log, and no person', async () => {
    const id = await createHoused('Beheer');
    await sign(id, 'signed');
    await read('clerkA', id);
    const beheer = await as('municipalityAdminA');
    await expect
      .poll(
        async () =>
          (
            (await beheer.request(
              readItems('reveal_log', { filter: { migrant: { _eq: id } }, fields: ['viewer_role'] }),
            )) as Row[]
          ).length,
        { timeout: patient(10_000) },
      )
      .toBeGreaterThan(0);
    const all = (await beheer.request(readItems('reveal_log', { fields: ['municipality'], limit: -1 }))) as Row[];
    expect(new Set(all.map((row) => row['municipality']))).toEqual(new Set([ORG.gemeenteA]));
    expect(await read('municipalityAdminA', id)).toBeNull();
  });

  it('gives administrators the placeholder, and the data only by break-glass with a logged reason', async () => {
    const id = await createHoused('Admin');
    expect(await read('admin', id)).toMatchObject({ surname: '•••', privacy: { reason: 'not_permitted' } });
    const admin = await as('admin');
    const noReason = await attempt(
      admin.request(
        customEndpoint({
          method: 'POST',
          path: `/privacy/migrants/${id}/break-glass`,
          body: JSON.stringify({ reason: '' }),
        }),
      ),
    );
    expect(noReason.status).toBe(400);
    const revealed = await admin.request(
      customEndpoint<Row[]>({
        method: 'POST',
        path: `/privacy/migrants/${id}/break-glass`,
        body: JSON.stringify({ reason: 'Incident 42: verify identity for the police' }),
      }),
    );
    expect(revealed[0]).toMatchObject({ surname: 'Przykładowska-Admin' });
    const log = (await admin.request(
      readItems('reveal_log', {
        filter: { _and: [{ migrant: { _eq: id } }, { basis: { _eq: 'break_glass' } }] },
        fields: ['reason'],
      }),
    )) as Row[];
    expect(log[0]!['reason']).toBe('Incident 42: verify identity for the police');
    const clerk = await attempt(
      (await as('clerkA')).request(
        customEndpoint({
          method: 'POST',
          path: `/privacy/migrants/${id}/break-glass`,
          body: JSON.stringify({ reason: 'I would like to see it please' }),
        }),
      ),
    );
    expect(clerk.status).toBe(403);
  });

  it('reports a tampered, swapped or truncated value as an error naming the field, and serves the rest', async () => {
    const id = await createHoused('Tamper');
    const other = await createHoused('Other');
    const db = testDatabase();
    const [row] = (await db('migrants').select('surname', 'first_names', 'email').where('id', id)) as Array<{
      surname: string;
      first_names: string;
      email: string;
    }>;
    const [otherRow] = (await db('migrants').select('phone').where('id', other)) as Array<{ phone: string }>;
    const flipped = row!.surname.slice(0, -3) + (row!.surname.at(-3) === 'A' ? 'B' : 'A') + row!.surname.slice(-2);
    await db('migrants')
      .where('id', id)
      .update({ surname: flipped, first_names: row!.email, email: row!.email.slice(0, 20), phone: otherRow!.phone });
    const seen = await read('providerA', id);
    const errors = (seen!['privacy'] as { errors: Array<{ field: string; reason: string }> }).errors;
    expect(Object.fromEntries(errors.map((error) => [error.field, error.reason]))).toEqual({
      surname: 'tampered',
      first_names: 'wrong_binding',
      email: 'truncated',
      phone: 'wrong_binding',
    });
    expect(seen).toMatchObject({
      surname: '•••',
      first_names: '•••',
      home_address: 'ul. Testowa Tamper, 00-950 Warszawa',
    });
    const all = await attempt(
      (await as('providerA')).request(readItems('migrants', { fields: ['id', 'surname'], limit: -1 })),
    );
    expect(all.ok, 'one broken row does not break the list').toBe(true);

    // a data key wrapped with a master key the platform does not have: every field says so, nothing is shown
    const foreignRing = parseKeyRing(generateKeyRingEnv());
    const [third] = (await db('data_keys').select('id', 'wrapped as data_key').where('id', other)) as Array<{
      id: string;
      data_key: string;
    }>;
    await db('data_keys')
      .where('id', third!.id)
      .update({ wrapped: wrapDataKey(foreignRing, generateDataKey(), { collection: 'migrants', id: third!.id }) });
    const wrongKey = await read('providerA', third!.id);
    expect(wrongKey).toMatchObject({ surname: '•••', first_names: '•••' });
    expect((wrongKey!['privacy'] as { errors: Array<{ field: string; reason: string }> }).errors).toContainEqual({
      field: 'data_key',
      reason: 'unknown_key',
    });
    await db('data_keys').where('id', third!.id).update({ wrapped: third!.data_key });
  });

  it('finds a BSN through the blind index, and tells another provider nothing', async () => {
    const id = await createHoused('Blind', { bsn: BSN_B });
    const search = (actor: Actor, path: string) =>
      (async () =>
        (await as(actor)).request(
          customEndpoint<Row>({ method: 'POST', path, body: JSON.stringify({ bsn: BSN_B }) }),
        ))();
    const mine = (await search('providerA', '/privacy/migrants/search')) as unknown as Row[];
    expect(mine.map((m) => m['id'])).toContain(id);
    expect(mine.find((m) => m['id'] === id)).toMatchObject({ surname: 'Przykładowska-Blind', bsn: BSN_B });
    expect(await search('providerB', '/privacy/migrants/search')).toEqual([]);
    const duplicate = await search('providerB', '/privacy/duplicates');
    expect(duplicate).toEqual({ yours: [], warning: null });
  });

  it('refuses to filter, sort or search on personal data, and does not log the value', async () => {
    const provider = await as('providerA');
    const bySurname = await attempt(
      provider.request(readItems('migrants', { filter: { surname: { _eq: 'Przykładowska-Secret' } } })),
    );
    expect(bySurname.status).toBe(400);
    expect(bySurname.message).toMatch(/surname/);
    const nested = await attempt(
      provider.request(readItems('stays', { filter: { migrant: { bsn: { _eq: '999996940' } } } })),
    );
    expect(nested.status).toBe(400);
    const sorted = await attempt(provider.request(readItems('migrants', { sort: ['surname'] })));
    expect(sorted.status).toBe(400);
    PLAIN_VALUES.push('Przykładowska-Secret');
  });

  it('rotates every data key to a new master key while serving, resumably, after which the old key is not needed', async () => {
    for (let i = 0; i < 3; i++) await createHoused(`Rotate${i}`);
    const ring = inject('keyRing');
    const [oldKey, newKey] = ring['FIELD_ENCRYPTION_KEYS']!.split(',');
    const newId = newKey!.split(':')[0]!;
    const env = {
      ...process.env,
      ...inject('databaseEnv'),
      ...ring,
      FIELD_ENCRYPTION_ACTIVE_KEY: newId,
      ROTATE_WITHOUT_DOTENV: '1',
    };
    const rotate = (extra: Record<string, string> = {}) =>
      spawnSync(
        process.execPath,
        [
          join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
          join(projectRoot, 'scripts', 'keys-rotate.ts'),
          '--batch-size',
          '25',
        ],
        { env: { ...env, ...extra }, encoding: 'utf8' },
      );

    const crashed = rotate({ ROTATE_CRASH_AFTER_BATCHES: '1' });
    expect(crashed.status, crashed.stderr).toBe(137);
    const db = testDatabase();
    const half = planRotation(
      ((await db('data_keys').select('id', 'wrapped as data_key')) as Array<{ id: string; data_key: string }>).map(
        (r) => ({ id: r.id, wrapped: r.data_key }),
      ),
      parseKeyRing(env),
    );
    expect(half.done).toBeGreaterThanOrEqual(25);
    expect(half.toRewrap.length).toBeGreaterThan(0);
    // the platform keeps serving reads and writes in the middle of a rotation
    const during = await createHoused('DuringRotation');
    expect(await read('providerA', during)).toMatchObject({ surname: 'Przykładowska-DuringRotation' });

    const finished = rotate();
    expect(finished.status, finished.stdout + finished.stderr).toBe(0);
    expect(finished.stdout).toMatch(/can be removed from FIELD_ENCRYPTION_KEYS/);
    // with the old key gone, every value still decrypts
    const onlyNew = parseKeyRing({ ...ring, FIELD_ENCRYPTION_KEYS: newKey, FIELD_ENCRYPTION_ACTIVE_KEY: newId });
    void oldKey;
    // the keys are in the vault; no migrant row holds one any more
    expect(await rowCount(db('migrants').whereNotNull('data_key'))).toBe(0);
    const rows = (await db('migrants')
      .join('data_keys', 'data_keys.id', 'migrants.id')
      .select([
        'migrants.id as id',
        'data_keys.wrapped as data_key',
        ...PERSONAL.map((field) => `migrants.${field} as ${field}`),
      ])) as Row[];
    let values = 0;
    for (const row of rows) {
      const key = unwrapDataKey(onlyNew, String(row['data_key']), { collection: 'migrants', id: String(row['id']) });
      for (const field of PERSONAL) {
        if (typeof row[field] !== 'string') continue;
        try {
          decryptValue(key, String(row[field]), { collection: 'migrants', field, id: String(row['id']) });
          values++;
        } catch (error) {
          // the tampered row of the test above stays broken, as it should
          expect(String(row['surname'] ?? '')).not.toBe('');
          expect((error as { reason?: string }).reason).toMatch(/tampered|wrong_binding|truncated/);
        }
      }
    }
    expect(values).toBeGreaterThan(rows.length);
    expect(await read('providerA', during)).toMatchObject({ surname: 'Przykładowska-DuringRotation' });
  });

  it('leaves no plain personal value in the database or the server log', async () => {
    const hits: string[] = [];
    const unique = [...new Set(PLAIN_VALUES)];
    if (inject('databaseClient') === 'sqlite3') {
      const file = readFileSync(inject('databaseEnv')['DB_FILENAME']!);
      for (const value of unique) if (file.includes(Buffer.from(value, 'utf8'))) hits.push(`database file: ${value}`);
    } else {
      const env = inject('databaseEnv');
      const dump = execFileSync(
        'pg_dump',
        ['-h', env['DB_HOST']!, '-p', env['DB_PORT']!, '-U', env['DB_USER']!, env['DB_DATABASE']!],
        { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 },
      );
      for (const value of unique) if (dump.includes(value)) hits.push(`pg_dump: ${value}`);
    }
    const log = readFileSync(inject('directusLog'), 'utf8');
    for (const value of unique) if (log.includes(value)) hits.push(`server log: ${value}`);
    expect(unique.length).toBeGreaterThan(20);
    expect(hits).toEqual([]);
    void directusUrl;
  });
});
