/**
 * Attack class 5: evidence is append-only and complete. As every demo user and anonymous, administrator included,
 * through REST (one, many, batch, by query), GraphQL and /utils/import: consent records, status history and the
 * reveal log cannot be changed or deleted; a migrant (or consent) that evidence hangs off answers 409 on delete and
 * the evidence stays; the outbox is nobody's to write; a read of personal data is in the reveal log when the
 * response arrives; a new migrant's side effects are outbox entries that get worked off.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGANISATION_IDS as ORG } from '../../../scripts/demo-data.js';
import { demoData, directusUrl } from '../../support/as-user.js';
import { ConsentApi, dateParts, waitForMail } from '../../support/consent.js';
import { closeTestDatabase, testDatabase } from '../../support/database.js';
import { ACTORS, gql, http, printAttackTable, tokenOf, tried, type Actor, type HttpAnswer } from './support.js';
import { patient } from '../../support/patience.js';

type Row = Record<string, unknown>;
const EVIDENCE = ['consent_records', 'status_history', 'reveal_log'] as const;
type Evidence = (typeof EVIDENCE)[number];
/** A field of each evidence collection to rewrite (a signed record's action, a reason). */
const REWRITE: Record<Evidence, [string, string]> = {
  consent_records: ['action', 'revoke'],
  status_history: ['reason', 'rewritten'],
  reveal_log: ['reason', 'rewritten'],
};

const today = new Date().toISOString().slice(0, 10);
const DATE_OF_BIRTH = '1991-03-14';
const locationOf = (provider: string) => demoData().locations.find((l) => l.provider === provider)!;

printAttackTable('evidence is append-only and complete');
afterAll(() => closeTestDatabase());

const ids = {} as Record<Evidence, string>;
/** A migrant of provider A with a signed consent (consent records), and one of provider B with status history. */
let signedMigrant = '';
let signedConsent = '';
let historyMigrant = '';
let evidenceBefore: Record<Evidence, Row[]>;

const outcome = (answer: HttpAnswer) => `${answer.status}${answer.code ? ` ${answer.code}` : ''}`;

async function allEvidence(): Promise<Record<Evidence, Row[]>> {
  const db = testDatabase();
  const result = {} as Record<Evidence, Row[]>;
  for (const collection of EVIDENCE) result[collection] = (await db(collection).select('*').orderBy('id')) as Row[];
  return result;
}

async function countMigrants(ids: string[]): Promise<number> {
  return Number(
    ((await testDatabase()('migrants').whereIn('id', ids).count({ n: '*' }).first()) as { n: number | string }).n,
  );
}

async function registerMigrant(actor: Actor, provider: string, email: string | null, housed = true): Promise<string> {
  const created = await http(actor, 'POST', '/items/migrants', {
    first_names: 'Evidencia',
    surname: `Proef-${Date.now().toString(36)}`,
    date_of_birth: DATE_OF_BIRTH,
    nationality: 'PL',
    language: 'pl',
    email,
    arrival_date: today,
    expected_departure_date: '2099-01-01',
  });
  expect(created.status, created.text).toBe(200);
  const id = String((created.body as { data: Row }).data['id']);
  if (!housed) return id;
  const stay = await http(actor, 'POST', '/items/stays', {
    migrant: id,
    location: locationOf(provider).id,
    start_date: today,
  });
  expect(stay.status, stay.text).toBe(200);
  return id;
}

beforeAll(async () => {
  // consent records: provider A registers a migrant with an e-mail address; the migrant signs
  const email = `evidence.${Date.now().toString(36)}@example.org`;
  signedMigrant = await registerMigrant('providerA', ORG.providerA, email);
  const mail = await waitForMail(email, new Set(), 60_000);
  const page = await new ConsentApi().start();
  const session = (await page.post<{ text: { sha256: string } }>('session', { token: mail.token })).body.data!;
  const signed = await page.post('sign', {
    token: mail.token,
    dateOfBirth: dateParts(DATE_OF_BIRTH),
    fullName: 'Evidencia Proef',
    agree: true,
    language: 'pl',
    textSha256: session.text.sha256,
  });
  expect(signed.status).toBe(200);
  const record = (await testDatabase()('consent_records')
    .join('consents', 'consents.id', 'consent_records.consent')
    .where('consents.migrant', signedMigrant)
    .select('consent_records.id as id', 'consents.id as consent')
    .first()) as { id: string; consent: string };
  ids.consent_records = record.id;
  signedConsent = record.consent;

  // status history: a status change of provider B's migrant (appended by the administrator, as an import would)
  historyMigrant = await registerMigrant('providerB', ORG.providerB, null);
  const history = await http('admin', 'POST', '/items/status_history', {
    migrant: historyMigrant,
    from_status: 'geen',
    to_status: 'niet_ingeschreven',
    event: 'ASSESS',
    occurred_at: new Date().toISOString(),
    reason: 'evidence test',
  });
  expect(history.status, history.text).toBe(200);
  ids.status_history = String((history.body as { data: Row }).data['id']);

  // the reveal log: provider A reads its migrant's personal data
  const read = await http('providerA', 'GET', `/items/migrants/${signedMigrant}?fields=id,first_names,date_of_birth`);
  expect(read.status).toBe(200);
  const reveal = (await testDatabase()('reveal_log').where('migrant', signedMigrant).select('id').first()) as
    { id: string } | undefined;
  expect(reveal, 'the reveal is logged by the time the response arrives').toBeDefined();
  ids.reveal_log = reveal!.id;

  evidenceBefore = await allEvidence();
}, patient(180_000));

function expectRefused(answer: HttpAnswer, actor: Actor, context: string): void {
  expect(answer.status, `${context}: ${answer.text}`).toBeGreaterThanOrEqual(400);
  expect(answer.status, `${context}: ${answer.text}`).toBeLessThan(500);
  // the administrator passes every permission: only the platform's own guard stops it
  if (actor === 'admin') expect(answer.code, `${context}: ${answer.text}`).toBe('EVIDENCE_APPEND_ONLY');
}

function expectGraphqlRefused(
  answer: HttpAnswer & { data: Record<string, unknown> | null },
  actor: Actor,
  context: string,
): void {
  const errors = (answer.body as { errors?: Array<{ extensions?: { code?: string } }> }).errors ?? [];
  expect(errors.length, `${context}: ${answer.text}`).toBeGreaterThan(0);
  if (actor === 'admin') expect(errors[0]?.extensions?.code, `${context}: ${answer.text}`).toBe('EVIDENCE_APPEND_ONLY');
}

describe('evidence cannot be changed or deleted through the API, by anyone', () => {
  for (const collection of EVIDENCE) {
    for (const actor of ACTORS) {
      it(`${collection} as ${actor}: REST, batch and GraphQL`, async () => {
        const id = ids[collection];
        const [field, value] = REWRITE[collection];
        const patch = { [field]: value };
        const data = `{ ${field}: "${value}" }`;
        const attempts: Array<[string, Promise<HttpAnswer>]> = [
          ['PATCH one', http(actor, 'PATCH', `/items/${collection}/${id}`, patch)],
          ['PATCH keys', http(actor, 'PATCH', `/items/${collection}`, { keys: [id], data: patch })],
          ['PATCH batch', http(actor, 'PATCH', `/items/${collection}`, [{ id, ...patch }])],
          [
            'PATCH by query',
            http(actor, 'PATCH', `/items/${collection}`, { query: { filter: { id: { _eq: id } } }, data: patch }),
          ],
          ['DELETE one', http(actor, 'DELETE', `/items/${collection}/${id}`)],
          ['DELETE keys', http(actor, 'DELETE', `/items/${collection}`, [id])],
          [
            'DELETE by query',
            http(actor, 'DELETE', `/items/${collection}`, { query: { filter: { id: { _eq: id } } } }),
          ],
        ];
        for (const [what, request] of attempts) {
          const answer = await request;
          tried({
            attack: 'evidence',
            actor,
            channel: 'REST',
            what: `${what} ${collection}`,
            outcome: outcome(answer),
          });
          expectRefused(answer, actor, `${actor} ${what} ${collection}`);
        }
        const mutations: Array<[string, string, Record<string, unknown>]> = [
          ['update_item', `mutation ($id: ID!) { update_${collection}_item(id: $id, data: ${data}) { id } }`, { id }],
          [
            'update_items',
            `mutation ($ids: [ID]!) { update_${collection}_items(ids: $ids, data: ${data}) { id } }`,
            { ids: [id] },
          ],
          [
            'update_batch',
            `mutation ($id: ID!) { update_${collection}_batch(data: [{ id: $id, ${field}: "${value}" }]) { id } }`,
            { id },
          ],
          ['delete_item', `mutation ($id: ID!) { delete_${collection}_item(id: $id) { id } }`, { id }],
          ['delete_items', `mutation ($ids: [ID]!) { delete_${collection}_items(ids: $ids) { ids } }`, { ids: [id] }],
        ];
        for (const [what, query, variables] of mutations) {
          const answer = await gql(actor, query, variables);
          const code =
            ((answer.body as { errors?: Array<{ extensions?: { code?: string } }> }).errors ?? [])[0]?.extensions
              ?.code ?? 'no error';
          tried({ attack: 'evidence', actor, channel: 'GraphQL', what: `${what} ${collection}`, outcome: code });
          expectGraphqlRefused(answer, actor, `${actor} GraphQL ${what} ${collection}`);
        }
      });
    }

    it(`${collection}: /utils/import cannot overwrite a row (administrator, provider, anonymous)`, async () => {
      for (const actor of ['admin', 'providerA', 'public'] as const) {
        const form = new FormData();
        form.append(
          'file',
          new Blob([JSON.stringify([{ id: ids[collection], [REWRITE[collection][0]]: REWRITE[collection][1] }])], {
            type: 'application/json',
          }),
          'evidence.json',
        );
        const token = await tokenOf(actor);
        const response = await fetch(`${directusUrl()}/utils/import/${collection}`, {
          method: 'POST',
          body: form,
          headers: token ? { Authorization: `Bearer ${token}` } : {},
        });
        const text = await response.text();
        tried({
          attack: 'evidence',
          actor,
          channel: 'REST',
          what: `import over ${collection}`,
          outcome: `${response.status}`,
        });
        expect(response.status, `${actor} import ${collection}: ${text}`).toBeGreaterThanOrEqual(400);
        expect(response.status, `${actor} import ${collection}: ${text}`).toBeLessThan(500);
        if (actor === 'admin') expect(text).toContain('EVIDENCE_APPEND_ONLY');
      }
    });
  }

  it('left every evidence row as it was', async () => {
    expect(await allEvidence()).toEqual(evidenceBefore);
  });
});

describe('deleting what evidence hangs off', () => {
  it('a migrant with signed consent records: 409 in Dutch for its provider and the administrator, REST and GraphQL', async () => {
    for (const actor of ['providerA', 'admin'] as const) {
      const answer = await http(actor, 'DELETE', `/items/migrants/${signedMigrant}`);
      tried({
        attack: 'evidence',
        actor,
        channel: 'REST',
        what: 'DELETE migrant with consent records',
        outcome: outcome(answer),
      });
      expect(answer.status, answer.text).toBe(409);
      expect(answer.code).toBe('EVIDENCE_PRESENT');
      expect(answer.text).toContain('Verwijderen kan niet');
    }
    const graph = await gql('admin', 'mutation ($id: ID!) { delete_migrants_item(id: $id) { id } }', {
      id: signedMigrant,
    });
    const code =
      ((graph.body as { errors?: Array<{ extensions?: { code?: string } }> }).errors ?? [])[0]?.extensions?.code ??
      'no error';
    tried({
      attack: 'evidence',
      actor: 'admin',
      channel: 'GraphQL',
      what: 'delete_migrants_item with consent records',
      outcome: code,
    });
    expect(code).toBe('EVIDENCE_PRESENT');
  });

  it('the consent itself: 409 for the administrator', async () => {
    const answer = await http('admin', 'DELETE', `/items/consents/${signedConsent}`);
    tried({
      attack: 'evidence',
      actor: 'admin',
      channel: 'REST',
      what: 'DELETE consent with records',
      outcome: outcome(answer),
    });
    expect(answer.status, answer.text).toBe(409);
  });

  it('a migrant with status history: 409 in English for provider B; a batch with it deletes nothing', async () => {
    const answer = await http('providerB', 'DELETE', `/items/migrants/${historyMigrant}`);
    tried({
      attack: 'evidence',
      actor: 'providerB',
      channel: 'REST',
      what: 'DELETE migrant with status history',
      outcome: outcome(answer),
    });
    expect(answer.status, answer.text).toBe(409);
    expect(answer.text).toContain('Cannot delete');

    const plain = await registerMigrant('providerB', ORG.providerB, null);
    const batch = await http('admin', 'DELETE', '/items/migrants', [plain, historyMigrant]);
    tried({
      attack: 'evidence',
      actor: 'admin',
      channel: 'REST',
      what: 'DELETE batch of migrants, one with evidence',
      outcome: outcome(batch),
    });
    expect(batch.status, batch.text).toBe(409);
    expect(await countMigrants([plain, historyMigrant])).toBe(2);
  });

  it('a hidden row answers like a missing one: no 409 that would tell another provider it exists', async () => {
    for (const actor of ['providerB', 'clerkB', 'inspectorA', 'public'] as const) {
      const hidden = await http(actor, 'DELETE', `/items/migrants/${signedMigrant}`);
      const missing = await http(actor, 'DELETE', '/items/migrants/00000000-0000-4000-8000-00000000dead');
      tried({
        attack: 'evidence',
        actor,
        channel: 'REST',
        what: 'DELETE another provider’s migrant with evidence',
        outcome: outcome(hidden),
      });
      expect(hidden.status, hidden.text).toBe(missing.status);
      expect(hidden.code).toBe(missing.code);
      expect(hidden.status).not.toBe(409);
    }
  });

  it('a migrant without evidence can still be deleted by its provider', async () => {
    // not housed: a housed migrant has an open task, which (NO ACTION) keeps it for reasons of its own
    const plain = await registerMigrant('providerA', ORG.providerA, null, false);
    const answer = await http('providerA', 'DELETE', `/items/migrants/${plain}`);
    tried({
      attack: 'evidence',
      actor: 'providerA',
      channel: 'REST',
      what: 'DELETE migrant without evidence',
      outcome: outcome(answer),
    });
    expect(answer.status, answer.text).toBe(204);
  });

  it('left every evidence row and both migrants as they were', async () => {
    const now = await allEvidence();
    for (const collection of ['consent_records', 'status_history'] as const)
      expect(now[collection]).toEqual(evidenceBefore[collection]);
    // the reveal log grew (reads since), but kept every row it had
    expect(now.reveal_log).toEqual(expect.arrayContaining(evidenceBefore.reveal_log));
    expect(await countMigrants([signedMigrant, historyMigrant])).toBe(2);
  });
});

describe('the outbox', () => {
  it('is nobody’s to write through the API; only the administrator reads it', async () => {
    for (const actor of ACTORS) {
      const read = await http(actor, 'GET', '/items/outbox?limit=1');
      tried({ attack: 'evidence', actor, channel: 'REST', what: 'GET outbox', outcome: outcome(read) });
      if (actor === 'admin') expect(read.status, read.text).toBe(200);
      else expect(read.status).toBe(403);
      const writes = [
        http(actor, 'POST', '/items/outbox', { kind: 'consent_invitation', subject: signedMigrant }),
        http(actor, 'PATCH', '/items/outbox', { query: { limit: -1 }, data: { status: 'done' } }),
        http(actor, 'DELETE', '/items/outbox', { query: { limit: -1 } }),
      ];
      for (const answer of await Promise.all(writes)) {
        tried({ attack: 'evidence', actor, channel: 'REST', what: 'write outbox', outcome: outcome(answer) });
        expect(answer.status, answer.text).toBe(403);
      }
      const graph = await gql(actor, 'mutation { create_outbox_item(data: { kind: "state_task" }) { id } }');
      tried({
        attack: 'evidence',
        actor,
        channel: 'GraphQL',
        what: 'create_outbox_item',
        outcome: String(((graph.body as { errors?: unknown[] }).errors ?? []).length > 0 ? 'refused' : 'ACCEPTED'),
      });
      expect(((graph.body as { errors?: unknown[] }).errors ?? []).length).toBeGreaterThan(0);
    }
  });

  it('holds a new migrant’s first task and consent invitation, written with the migrant, worked off after the commit', async () => {
    const email = `outbox.${Date.now().toString(36)}@example.org`;
    const id = await registerMigrant('providerA', ORG.providerA, email);
    const entries = async () =>
      (await testDatabase()('outbox').where('subject', id).select('kind', 'status')) as Array<{
        kind: string;
        status: string;
      }>;
    expect((await entries()).map((entry) => entry.kind).sort()).toEqual(
      expect.arrayContaining(['consent_invitation', 'state_task']),
    );
    await expect
      .poll(async () => (await entries()).every((entry) => entry.status === 'done'), {
        timeout: patient(60_000),
        interval: 250,
      })
      .toBe(true);
    await waitForMail(email, new Set(), 60_000);
    expect(await testDatabase()('consents').where('migrant', id)).toHaveLength(1);
  });
});

describe('the reveal log', () => {
  it('has the reveal the moment the response arrives, one row per migrant shown', async () => {
    const before = Number(
      (
        (await testDatabase()('reveal_log').where('migrant', signedMigrant).count({ n: '*' }).first()) as {
          n: number | string;
        }
      ).n,
    );
    const read = await http(
      'providerA',
      'GET',
      `/items/migrants?filter[id][_eq]=${signedMigrant}&fields=id,first_names,surname`,
    );
    expect(read.status).toBe(200);
    const after = Number(
      (
        (await testDatabase()('reveal_log').where('migrant', signedMigrant).count({ n: '*' }).first()) as {
          n: number | string;
        }
      ).n,
    );
    tried({
      attack: 'evidence',
      actor: 'providerA',
      channel: 'REST',
      what: 'read personal data, then count reveal rows at once',
      outcome: `${after - before} new row(s)`,
    });
    expect(after).toBe(before + 1);
  });
});
