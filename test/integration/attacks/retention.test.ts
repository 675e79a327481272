/**
 * Attack class: retention. The key vault, the anonymous figures and the destruction log, as every demo user and
 * anonymous, through REST and GraphQL: nobody reads the key vault (administrators included), nobody writes any of
 * the three through the API, a municipality administrator reads only its own municipality's destruction batches;
 * the retention endpoints answer the seam's usual refusals (401 anonymous, 403 not an administrator, 404 hidden or
 * missing), and a `today` is refused where the clock is not movable (checked by the unit of the seam: here the test
 * instance's clock is movable).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGANISATION_IDS as ORG } from '../../../scripts/demo-data.js';
import { testRangeBsn } from '../../../extensions/labour-platform/src/domain/bsn.js';
import { demoData } from '../../support/as-user.js';
import { closeTestDatabase, rowCount, testDatabase } from '../../support/database.js';
import {
  ACTORS,
  gql as rawGql,
  http as rawHttp,
  printAttackTable,
  tried,
  unlessShed,
  type HttpAnswer,
} from './support.js';

// a busy machine sheds load with 503: sent again (support.ts), never counted as an answer
const http = (...args: Parameters<typeof rawHttp>) => unlessShed(() => rawHttp(...args));
const gql = (...args: Parameters<typeof rawGql>) => unlessShed(() => rawGql(...args));

type Row = Record<string, unknown>;
const COLLECTIONS = ['data_keys', 'anonymous_people', 'destruction_log'] as const;
const outcome = (answer: HttpAnswer) => `${answer.status}${answer.code ? ` ${answer.code}` : ''}`;

printAttackTable('retention: key vault, anonymous figures, destruction log, endpoints');
afterAll(() => closeTestDatabase());

const batches = { A: '', B: '' };
const vaultRow = randomUUID();

beforeAll(async () => {
  const db = testDatabase();
  const now = new Date();
  const run = randomUUID();
  batches.A = randomUUID();
  batches.B = randomUUID();
  const counts = { migrants: 1, stays: 1, tasks: 0, appointments: 0, consents: 0, status_history: 0, reveal_log: 0 };
  await db('destruction_log').insert([
    {
      id: run,
      run,
      run_key: `attack:${run}`,
      kind: 'run',
      trigger: 'manual',
      status: 'done',
      started_at: now,
      ...counts,
    },
    {
      id: batches.A,
      run,
      kind: 'batch',
      trigger: 'manual',
      status: 'done',
      municipality: ORG.gemeenteA,
      rule: 'end+12m',
      started_at: now,
      ...counts,
    },
    {
      id: batches.B,
      run,
      kind: 'batch',
      trigger: 'manual',
      status: 'done',
      municipality: ORG.gemeenteB,
      rule: 'end+12m',
      started_at: now,
      ...counts,
    },
  ]);
  await db('anonymous_people').insert({
    id: randomUUID(),
    municipality: ORG.gemeenteA,
    nationality: 'PL',
    birth_year: 1980,
  });
  await db('data_keys').insert({ id: vaultRow, wrapped: 'enc1.attack-not-a-key', created_at: now });
});

describe('the retention collections', () => {
  for (const collection of COLLECTIONS) {
    it(`${collection}: nobody writes it through the API; only the allowed read it`, async () => {
      for (const actor of ACTORS) {
        const create = await http(actor, 'POST', `/items/${collection}`, { id: randomUUID() });
        tried({ attack: 'retention', actor, channel: 'REST', what: `create ${collection}`, outcome: outcome(create) });
        expect(create.status, `${actor} create ${collection}`).toBeGreaterThanOrEqual(400);
        const update = await http(
          actor,
          'PATCH',
          `/items/${collection}/${collection === 'destruction_log' ? batches.A : vaultRow}`,
          { status: 'x' },
        );
        tried({ attack: 'retention', actor, channel: 'REST', what: `update ${collection}`, outcome: outcome(update) });
        expect(update.status, `${actor} update ${collection}`).toBeGreaterThanOrEqual(400);
        const remove = await http(
          actor,
          'DELETE',
          `/items/${collection}/${collection === 'destruction_log' ? batches.A : vaultRow}`,
        );
        tried({ attack: 'retention', actor, channel: 'REST', what: `delete ${collection}`, outcome: outcome(remove) });
        expect(remove.status, `${actor} delete ${collection}`).toBeGreaterThanOrEqual(400);

        const read = await http(actor, 'GET', `/items/${collection}?limit=-1`);
        tried({ attack: 'retention', actor, channel: 'REST', what: `read ${collection}`, outcome: outcome(read) });
        const rows = read.status === 200 ? ((read.body as { data: Row[] }).data ?? []) : [];
        const query = await gql(actor, `{ ${collection}(limit: -1) { id } }`);
        tried({
          attack: 'retention',
          actor,
          channel: 'GraphQL',
          what: `read ${collection}`,
          outcome: query.data?.[collection] ? `${(query.data[collection] as Row[]).length} rows` : outcome(query),
        });
        const viaGraphql = (query.data?.[collection] as Row[] | undefined) ?? [];
        if (collection === 'data_keys' || actor !== 'admin') {
          if (collection === 'destruction_log' && actor === 'municipalityAdminA') {
            // its own municipality's batches only: not the other municipality's, not the run rows
            for (const found of [rows, viaGraphql]) {
              expect(found.map((r) => r['id'])).toContain(batches.A);
              expect(found.map((r) => r['id'])).not.toContain(batches.B);
            }
            continue;
          }
          expect(rows, `${actor} reads ${collection}`).toEqual([]);
          expect(viaGraphql, `${actor} reads ${collection} (GraphQL)`).toEqual([]);
          expect(read.status, `${actor} read ${collection}`).toBeGreaterThanOrEqual(400);
        } else {
          expect(read.status).toBe(200);
        }
      }
      const mutation = await gql(
        'admin',
        `mutation { delete_${collection}_item(id: "${collection === 'destruction_log' ? batches.A : vaultRow}") { id } }`,
      );
      tried({
        attack: 'retention',
        actor: 'admin',
        channel: 'GraphQL',
        what: `delete ${collection}`,
        outcome: mutation.code ?? JSON.stringify(mutation.body).slice(0, 60),
      });
      expect(JSON.stringify(mutation.body)).toMatch(/errors/);
    });
  }

  it('the rows are all still there', async () => {
    const db = testDatabase();
    expect(await rowCount(db('destruction_log').whereIn('id', [batches.A, batches.B]))).toBe(2);
    expect(await rowCount(db('data_keys').where('id', vaultRow))).toBe(1);
  });
});

describe('the retention endpoints', () => {
  it('run: administrators only; erase and report: hidden is missing', async () => {
    for (const actor of ACTORS) {
      const run = await http(actor, 'POST', '/privacy/retention/run', { dry_run: true });
      tried({
        attack: 'retention',
        actor,
        channel: 'REST',
        what: 'POST /privacy/retention/run dry',
        outcome: outcome(run),
      });
      expect(run.status, actor).toBe(actor === 'admin' ? 200 : actor === 'public' ? 401 : 403);
      const report = await http(actor, 'GET', `/privacy/retention/reports/${batches.B}/csv`);
      tried({ attack: 'retention', actor, channel: 'REST', what: 'report of gemeente B', outcome: outcome(report) });
      expect(report.status, actor).toBe(
        actor === 'admin' ? 200 : actor === 'public' ? 401 : actor === 'municipalityAdminA' ? 404 : 403,
      );
      const erase = await http(actor, 'POST', `/privacy/migrants/${randomUUID()}/erase`, { reason: 'Verzoek 2026-1' });
      tried({ attack: 'retention', actor, channel: 'REST', what: 'erase a missing migrant', outcome: outcome(erase) });
      expect(erase.status, actor).toBe(
        actor === 'admin' || actor === 'municipalityAdminA' ? 404 : actor === 'public' ? 401 : 403,
      );
    }
    for (const bad of ['../etc', 'not-a-uuid', `${batches.A}' or 1=1`]) {
      const answer = await http('admin', 'GET', `/privacy/retention/reports/${encodeURIComponent(bad)}`);
      tried({ attack: 'retention', actor: 'admin', channel: 'REST', what: `report ${bad}`, outcome: outcome(answer) });
      expect(answer.status).toBe(404);
    }
    const wrongFormat = await http('admin', 'GET', `/privacy/retention/reports/${batches.A}/pdf`);
    expect(wrongFormat.status).toBe(404);
    const badToday = await http('admin', 'POST', '/privacy/retention/run', { dry_run: true, today: '2016-13-45' });
    expect([badToday.status, badToday.code]).toEqual([400, 'INVALID_INPUT']);
  });
});

describe('finding the person of a request', () => {
  /** A demo migrant with a BSN whose current stay is in this municipality (its case number from the database). */
  async function housedIn(municipality: string): Promise<{ id: string; caseNumber: string; bsn: string }> {
    const db = testDatabase();
    const withBsn = new Map(
      demoData()
        .migrants.filter((m) => m.bsn)
        .map((m) => [m.id, m.bsn!]),
    );
    const rows = (await db('migrants')
      .join('locations', 'locations.id', 'migrants.current_location')
      .select('migrants.id as id', 'migrants.case_number as case_number')
      .where('locations.municipality', municipality)
      .whereIn('migrants.id', [...withBsn.keys()])
      .orderBy('migrants.case_number')
      .limit(1)) as Row[];
    const id = String(rows[0]!['id']);
    return { id, caseNumber: String(rows[0]!['case_number']), bsn: withBsn.get(id)! };
  }

  it('answers the municipality administrator only, within its municipality; another’s person and nobody are one empty list', async () => {
    const inA = await housedIn(ORG.gemeenteA);
    const inB = await housedIn(ORG.gemeenteB);
    for (const actor of ACTORS) {
      const answer = await http(actor, 'POST', '/privacy/requests/find', { query: inA.caseNumber });
      tried({ attack: 'retention', actor, channel: 'REST', what: 'find by case number', outcome: outcome(answer) });
      expect(answer.status, actor).toBe(actor === 'municipalityAdminA' ? 200 : actor === 'public' ? 401 : 403);
    }
    const find = async (query: unknown) => {
      const answer = await http('municipalityAdminA', 'POST', '/privacy/requests/find', { query });
      return { ...answer, body: (answer.body as { data?: unknown }).data ?? answer.body };
    };
    const byCase = await find(inA.caseNumber.toLowerCase());
    expect(byCase.body).toEqual([
      expect.objectContaining({ id: inA.id, case_number: inA.caseNumber, may_export: true, held: false }),
    ]);
    // nothing personal in the answer: the case number, the provider, the rights and the date only
    expect(Object.keys((byCase.body as Row[])[0]!).sort()).toEqual(
      ['case_number', 'erasure_date', 'held', 'id', 'may_erase', 'may_export', 'provider'].sort(),
    );
    const byBsn = await find(`${inA.bsn.slice(0, 4)}.${inA.bsn.slice(4, 6)}.${inA.bsn.slice(6)}`);
    expect((byBsn.body as Row[]).map((row) => row['id'])).toEqual([inA.id]);
    // gemeente B's person, by case number or BSN, and an unknown one: the same empty list
    for (const query of [inB.caseNumber, inB.bsn, 'AM-1999-999999', testRangeBsn(8_950)]) {
      const answer = await find(query);
      tried({
        attack: 'retention',
        actor: 'municipalityAdminA',
        channel: 'REST',
        what: `find ${query === inB.bsn ? "gemeente B's BSN" : query}`,
        outcome: outcome(answer),
      });
      expect([answer.status, answer.body], query).toEqual([200, []]);
    }
    // no name search, no wildcard, no injection, no type confusion: a sentence in the caller's language
    for (const query of [
      'Kowalski',
      'AM-%',
      "AM-2026-000001' or 1=1",
      '',
      12,
      null,
      ['AM-2026-000001'],
      'x'.repeat(41),
    ]) {
      const answer = await find(query);
      tried({
        attack: 'retention',
        actor: 'municipalityAdminA',
        channel: 'REST',
        what: `find ${JSON.stringify(query).slice(0, 30)}`,
        outcome: outcome(answer),
      });
      expect([answer.status, answer.code], JSON.stringify(query)).toEqual([400, 'REQUEST_QUERY']);
    }
    // GraphQL has no such door
    const graph = await gql('municipalityAdminA', 'query { migrants { id case_number } }');
    expect(JSON.stringify(graph.body)).not.toContain(inA.caseNumber);
  });
});
