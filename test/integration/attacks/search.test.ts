/**
 * Attacks on finding people: the search of migrants (REST `search`, the SEARCH method, GraphQL `search` on
 * migrants and migrants_aggregated), the case number and the duplicate-BSN warning, tried by every role and
 * anonymous. A search never shows a row the caller cannot read, never matches a name or BSN the caller may not see
 * (a hidden row's, or a shielded one's), the warning is no oracle across tenants, the name index is the platform's
 * alone, and no search text reaches the server log.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { testRangeBsn } from '../../../extensions/labour-platform/src/domain/bsn.js';
import { DEMO_ORGANISATION_IDS as ORG } from '../../../scripts/demo-data.js';
import { demoData } from '../../support/as-user.js';
import { ACTORS, gql, http, printAttackTable, tried, type Actor, type HttpAnswer } from './support.js';
import { patient } from '../../support/patience.js';

printAttackTable('search');

type Row = Record<string, unknown>;
const today = new Date().toISOString().slice(0, 10);
const SURNAME = 'Verborgenowska';
const BSN = testRangeBsn(8_500);
const UNKNOWN_BSN = testRangeBsn(8_501);
const json = (value: unknown) => encodeURIComponent(JSON.stringify(value));

function outcome(answer: HttpAnswer): string {
  const rows = (answer.body as { data?: unknown } | null)?.data;
  return `${answer.status}${answer.code ? ` ${answer.code}` : ''}${Array.isArray(rows) ? ` ${rows.length} rows` : ''}`;
}

function idsOf(answer: HttpAnswer): string[] {
  const rows = (answer.body as { data?: unknown } | null)?.data;
  return Array.isArray(rows) ? rows.map((row) => String((row as Row)['id'])) : [];
}

/** Provider A's migrant at its location in gemeente A, without consent: seen by provider A, clerk A (shielded). */
let target: { id: string; case_number: string } | null = null;
async function theTarget(): Promise<{ id: string; case_number: string }> {
  if (target) return target;
  const created = await http('providerA', 'POST', '/items/migrants', {
    first_names: 'Jadwiga',
    surname: SURNAME,
    bsn: BSN,
    date_of_birth: '1988-02-03',
    nationality: 'PL',
    language: 'pl',
    arrival_date: today,
    expected_departure_date: '2099-01-01',
  });
  expect(created.status, created.text.slice(0, 300)).toBe(200);
  const row = (created.body as { data: { id: string; case_number: string } }).data;
  const location = demoData().locations.find((l) => l.provider === ORG.providerA && l.municipality === ORG.gemeenteA)!;
  await http('providerA', 'POST', '/items/stays', { migrant: row.id, location: location.id, start_date: today });
  // clerk A sees the row once the stay is its municipality's (the outbox refreshes the current location)
  await expect
    .poll(
      async () => idsOf(await http('clerkA', 'GET', `/items/migrants?filter[id][_eq]=${row.id}&fields=id`)).length,
      { timeout: patient(15_000) },
    )
    .toBe(1);
  target = { id: row.id, case_number: row.case_number };
  return target;
}

/** Who may find the target by what. */
const FINDS_BY_CASE_NUMBER: readonly Actor[] = ['providerA', 'clerkA', 'admin'];
const FINDS_BY_PERSONAL_DATA: readonly Actor[] = ['providerA'];

describe('search attacks: REST', () => {
  for (const [what, text, finders] of [
    ['the surname', () => SURNAME, FINDS_BY_PERSONAL_DATA],
    ['a prefix of the surname', () => SURNAME.slice(0, 5), FINDS_BY_PERSONAL_DATA],
    ['the exact BSN', () => BSN, FINDS_BY_PERSONAL_DATA],
    ['the case number', () => target!.case_number, FINDS_BY_CASE_NUMBER],
  ] as const) {
    it(`search by ${what}: found only by ${finders.join(', ')}; nobody else gets a row or a count`, async () => {
      const { id } = await theTarget();
      for (const actor of ACTORS) {
        const answer = await http(
          actor,
          'GET',
          `/items/migrants?search=${encodeURIComponent(text())}&fields=id&meta=filter_count`,
        );
        tried({ attack: 'search', actor, channel: 'REST', what: `GET search by ${what}`, outcome: outcome(answer) });
        const found = idsOf(answer);
        if (finders.includes(actor)) {
          expect(found, `${actor} finds by ${what}`).toContain(id);
          continue;
        }
        expect(found, `${actor} by ${what}`).not.toContain(id);
        const count = (answer.body as { meta?: { filter_count?: number } } | null)?.meta?.filter_count;
        if (answer.status === 200) expect(found.length, `${actor}: ${answer.text.slice(0, 200)}`).toBe(count);
      }
    });
  }

  it('the SEARCH method with a search in its body: the same answers', async () => {
    const { id } = await theTarget();
    for (const actor of ACTORS) {
      const answer = await http(actor, 'SEARCH', '/items/migrants', { query: { search: SURNAME, fields: ['id'] } });
      tried({
        attack: 'search',
        actor,
        channel: 'REST',
        what: 'SEARCH body search by surname',
        outcome: outcome(answer),
      });
      if (FINDS_BY_PERSONAL_DATA.includes(actor)) expect(idsOf(answer)).toContain(id);
      else expect(idsOf(answer), actor).not.toContain(id);
    }
  });

  it('a search combined with a filter on the name index, the BSN index or the read bundle is refused: those are the platform’s', async () => {
    await theTarget();
    for (const actor of ACTORS.filter((a) => a !== 'admin')) {
      for (const path of [
        `/items/migrants?search=x&filter=${json({ name_index: { _nnull: true } })}`,
        `/items/migrants?filter=${json({ name_index: { _contains: ' ' } })}`,
        '/items/migrants?sort=name_index',
        `/items/migrants?filter=${json({ read_bundle: { _nnull: true } })}`,
        '/items/migrants?sort=read_bundle',
        `/items/migrants?filter=${json({ _and: [{ bsn_index: { _nnull: true } }] })}&search=x`,
      ]) {
        const answer = await http(actor, 'GET', path);
        tried({
          attack: 'search',
          actor,
          channel: 'REST',
          what: `GET ${decodeURIComponent(path).slice(15, 80)}`,
          outcome: outcome(answer),
        });
        expect(answer.status, `${actor} ${path}`).toBe(400);
        expect(idsOf(answer)).toEqual([]);
      }
    }
  });

  it('a provider never reads the name index, the BSN index or the read bundle back', async () => {
    const { id } = await theTarget();
    const answer = await http('providerA', 'GET', `/items/migrants/${id}?fields=*`);
    expect(answer.status).toBe(200);
    const row = (answer.body as { data: Row }).data;
    expect(row).not.toHaveProperty('name_index');
    expect(row).not.toHaveProperty('bsn_index');
    expect(row).not.toHaveProperty('read_bundle');
    expect(row['case_number']).toBe(target!.case_number);
  });

  it('nobody sets or changes a case number, the name index or the read bundle', async () => {
    const { id } = await theTarget();
    for (const actor of ACTORS) {
      for (const body of [
        { case_number: 'AM-2000-000001' },
        { name_index: ' 0123456789abcdef0123 ' },
        { read_bundle: 'enc1.x' },
      ]) {
        const answer = await http(actor, 'PATCH', `/items/migrants/${id}`, body);
        tried({
          attack: 'search',
          actor,
          channel: 'REST',
          what: `PATCH ${Object.keys(body)[0]}`,
          outcome: outcome(answer),
        });
        expect(answer.status, `${actor} ${JSON.stringify(body)}: ${answer.text.slice(0, 200)}`).toBeGreaterThanOrEqual(
          400,
        );
        const created = await http(actor, 'POST', '/items/migrants', {
          first_names: 'Forged',
          surname: 'Forged',
          date_of_birth: '1988-02-03',
          nationality: 'PL',
          arrival_date: today,
          ...body,
        });
        tried({
          attack: 'search',
          actor,
          channel: 'REST',
          what: `POST with ${Object.keys(body)[0]}`,
          outcome: outcome(created),
        });
        expect(created.status, `${actor} POST ${JSON.stringify(body)}`).toBeGreaterThanOrEqual(400);
      }
    }
    const stored = await http('providerA', 'GET', `/items/migrants/${id}?fields=case_number`);
    expect((stored.body as { data: Row }).data['case_number']).toBe(target!.case_number);
  });

  it('the duplicate warning is no oracle: a BSN of another tenant and an unknown one get the same answer', async () => {
    const { id } = await theTarget();
    for (const actor of ACTORS) {
      const known = await http(actor, 'POST', '/privacy/duplicates', { bsn: BSN });
      const unknown = await http(actor, 'POST', '/privacy/duplicates', { bsn: UNKNOWN_BSN });
      tried({
        attack: 'search',
        actor,
        channel: 'REST',
        what: 'POST /privacy/duplicates (a BSN of provider A)',
        outcome: outcome(known),
      });
      if (actor === 'providerA') {
        expect(known.text).toContain(id);
        continue;
      }
      expect(known.status, actor).toBe(unknown.status);
      expect(known.body, actor).toEqual(unknown.body);
      expect(known.text).not.toContain(id);
      const search = await http(actor, 'POST', '/privacy/migrants/search', { bsn: BSN });
      tried({
        attack: 'search',
        actor,
        channel: 'REST',
        what: 'POST /privacy/migrants/search (a BSN of provider A)',
        outcome: outcome(search),
      });
      expect(search.text, actor).not.toContain(id);
    }
  });

  it('a search of tasks, stays and appointments finds the person’s rows only for those who may find the person', async () => {
    const { id } = await theTarget();
    for (const collection of ['tasks', 'stays', 'appointments']) {
      for (const actor of ACTORS) {
        for (const [what, text, finders] of [
          ['surname', SURNAME, FINDS_BY_PERSONAL_DATA],
          ['BSN', BSN, FINDS_BY_PERSONAL_DATA],
          ['case number', target!.case_number, FINDS_BY_CASE_NUMBER],
        ] as const) {
          const answer = await http(
            actor,
            'GET',
            `/items/${collection}?search=${encodeURIComponent(text)}&fields=id,migrant&limit=-1`,
          );
          tried({
            attack: 'search',
            actor,
            channel: 'REST',
            what: `GET ${collection} search by ${what}`,
            outcome: outcome(answer),
          });
          if (!finders.includes(actor)) expect(answer.text, `${actor} ${collection} by ${what}`).not.toContain(id);
        }
      }
    }
  });

  it('keeps search texts out of the server log', async () => {
    await theTarget();
    for (const actor of ACTORS) {
      await http(actor, 'GET', `/items/migrants?search=${encodeURIComponent(SURNAME)}&fields=id`);
      await http(actor, 'GET', `/items/tasks?search=${encodeURIComponent(SURNAME)}&fields=id`);
    }
    await http('providerA', 'GET', `/items/migrants?search=${encodeURIComponent(SURNAME)}`, undefined, {
      Authorization: 'Bearer not-a-token',
    });
    await http('admin', 'GET', `/items/migrants?%73earch=${BSN}&fields=id`);
    await http('admin', 'GET', '/server/ping');
    const log = readFileSync(inject('directusLog'), 'utf8');
    expect(log).not.toContain(SURNAME);
    expect(log).not.toContain(BSN);
  });
});

describe('search attacks: GraphQL', () => {
  it('migrants(search:) and migrants_aggregated(search:) find the person only for provider A', async () => {
    const { id } = await theTarget();
    for (const actor of ACTORS) {
      for (const text of [SURNAME, BSN]) {
        const list = await gql(actor, 'query ($s: String) { migrants(search: $s) { id } }', { s: text });
        const count = await gql(actor, 'query ($s: String) { migrants_aggregated(search: $s) { count { id } } }', {
          s: text,
        });
        tried({
          attack: 'search',
          actor,
          channel: 'GraphQL',
          what: `migrants(search: ${text === BSN ? 'BSN' : 'surname'})`,
          outcome: `${list.status}${list.data?.['migrants'] ? ` ${(list.data['migrants'] as unknown[]).length} rows` : ''}`,
        });
        const ids = ((list.data?.['migrants'] as Row[] | undefined) ?? []).map((row) => String(row['id']));
        const counted = Number(
          ((count.data?.['migrants_aggregated'] as Array<{ count: { id: number } }> | undefined) ?? [])[0]?.count.id ??
            0,
        );
        if (FINDS_BY_PERSONAL_DATA.includes(actor)) {
          expect(ids, `${actor} ${text}`).toContain(id);
          expect(counted).toBeGreaterThanOrEqual(1);
        } else {
          expect(ids, `${actor} ${text}`).not.toContain(id);
          expect(counted, `${actor} ${text}: ${count.text.slice(0, 200)}`).toBe(0);
        }
      }
    }
  });

  it('a nested search of migrants (deep) is still refused: it would be Directus’s LIKE over ciphertext', async () => {
    await theTarget();
    for (const actor of ACTORS.filter((a) => a !== 'admin')) {
      const answer = await gql(actor, `{ tasks { id migrant(search: "${SURNAME}") { id } } }`);
      tried({
        attack: 'search',
        actor,
        channel: 'GraphQL',
        what: 'tasks { migrant(search:) }',
        outcome: `${answer.status}${answer.code ? ` ${answer.code}` : ''}`,
      });
      expect(answer.text).not.toContain(target!.id);
    }
  });
});
