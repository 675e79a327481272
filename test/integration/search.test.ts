/**
 * Finding people: every migrant has a case number (AM-<year>-<6 digits>) that the platform assigns; Directus's
 * `search` of migrants (REST, GraphQL, the admin app's lists and pickers) finds a person by case number, by exact
 * BSN and by name, only where the caller may see the person's data; a second migrant with the same BSN at the same
 * provider is refused at the BSN field, and the warning before saving names only the caller's own rows.
 */
import { createItem, readItems, updateItem } from '@directus/sdk';
import { describe, expect, it } from 'vitest';
import { testRangeBsn } from '../../extensions/labour-platform/src/domain/bsn.js';
import { DEMO_ORGANISATION_IDS as ORG } from '../../scripts/demo-data.js';
import { as, attempt, demoData, type Actor } from '../support/as-user.js';
import { gql, http } from './attacks/support.js';
import { patient } from '../support/patience.js';

type Row = Record<string, unknown>;
const today = new Date().toISOString().slice(0, 10);
const CASE_NUMBER = /^AM-\d{4}-\d{6}$/;
const locationOf = (provider: string, municipality: string) =>
  demoData().locations.find((l) => l.provider === provider && l.municipality === municipality)!;

/** BSNs of this file only (far from the demo data's and the other tests'). */
const bsn = (n: number) => testRangeBsn(8_000 + n);

async function housed(
  actor: 'providerA' | 'providerB',
  names: { first_names: string; surname: string },
  extra: Row = {},
): Promise<Row> {
  const client = await as(actor);
  const provider = actor === 'providerA' ? ORG.providerA : ORG.providerB;
  const municipality = actor === 'providerA' ? ORG.gemeenteA : ORG.gemeenteB;
  const migrant = (await client.request(
    createItem('migrants', {
      ...names,
      date_of_birth: '1990-05-17',
      nationality: 'PL',
      language: 'pl',
      arrival_date: today,
      expected_departure_date: '2099-01-01',
      ...extra,
    }),
  )) as Row;
  await client.request(
    createItem('stays', { migrant: migrant['id'], location: locationOf(provider, municipality).id, start_date: today }),
  );
  // the municipality's first task follows the stay (outbox): wait for it
  const admin = await as('admin');
  await expect
    .poll(
      async () =>
        (
          await admin.request(
            readItems('tasks', {
              filter: { _and: [{ migrant: { _eq: migrant['id'] } }, { status: { _eq: 'open' } }] },
              fields: ['id'],
            }),
          )
        ).length,
      { timeout: patient(15_000) },
    )
    .toBeGreaterThan(0);
  return migrant;
}

/** The ids a REST search as `actor` finds (a refusal: null). */
async function search(actor: Actor, text: string, filter?: Row): Promise<string[] | null> {
  const params = new URLSearchParams({ search: text, fields: 'id,case_number', limit: '-1' });
  if (filter) params.set('filter', JSON.stringify(filter));
  const answer = await http(actor, 'GET', `/items/migrants?${params.toString()}`);
  if (answer.status !== 200) return null;
  return (answer.body as { data: Row[] }).data.map((row) => String(row['id']));
}

async function sign(migrant: string): Promise<void> {
  const admin = await as('admin');
  await expect
    .poll(
      async () =>
        (await admin.request(readItems('consents', { filter: { migrant: { _eq: migrant } }, fields: ['id'] }))).length,
      { timeout: patient(10_000) },
    )
    .toBeGreaterThan(0);
  const [consent] = (await admin.request(
    readItems('consents', { filter: { migrant: { _eq: migrant } }, fields: ['id'] }),
  )) as Array<{ id: string }>;
  await admin.request(updateItem('consents', consent!.id, { status: 'signed' }));
}

describe('case numbers', () => {
  it('every migrant gets one from the platform, in order, unique', async () => {
    const first = await housed('providerA', { first_names: 'Casimir', surname: 'Ordinal' });
    const second = await housed('providerB', { first_names: 'Casimir', surname: 'Ordinal' });
    expect(first['case_number']).toMatch(CASE_NUMBER);
    expect(second['case_number']).toMatch(CASE_NUMBER);
    expect(Number(String(second['case_number']).slice(-6))).toBeGreaterThan(
      Number(String(first['case_number']).slice(-6)),
    );
    const all = (await (
      await as('admin')
    ).request(readItems('migrants', { fields: ['case_number'], limit: -1 }))) as Row[];
    expect(
      all.every((row) => CASE_NUMBER.test(String(row['case_number']))),
      'the demo data has case numbers too',
    ).toBe(true);
    expect(new Set(all.map((row) => row['case_number'])).size).toBe(all.length);
  });

  it('nobody sets or changes it, an administrator included', async () => {
    const own = await housed('providerA', { first_names: 'Fixed', surname: 'Number' });
    const setOnCreate = await attempt(
      (await as('providerA')).request(
        createItem('migrants', {
          first_names: 'Chosen',
          surname: 'Number',
          date_of_birth: '1990-05-17',
          nationality: 'PL',
          arrival_date: today,
          case_number: 'AM-2020-000001',
        }),
      ),
    );
    expect(setOnCreate.ok).toBe(false);
    for (const actor of ['providerA', 'admin'] as const) {
      const changed = await attempt(
        (await as(actor)).request(updateItem('migrants', String(own['id']), { case_number: 'AM-2020-000002' })),
      );
      expect(changed.ok, actor).toBe(false);
    }
    const [row] = (await (
      await as('providerA')
    ).request(readItems('migrants', { filter: { id: { _eq: own['id'] } }, fields: ['case_number'] }))) as Row[];
    expect(row!['case_number']).toBe(own['case_number']);
  });
});

describe('search', () => {
  it('finds the provider’s own migrant by case number, exact BSN and name, in the list and through GraphQL', async () => {
    const migrant = await housed(
      'providerA',
      { first_names: 'Wiesława Maria', surname: 'Zdzisławska-Nowak' },
      { bsn: bsn(1) },
    );
    const id = String(migrant['id']);
    for (const text of [
      String(migrant['case_number']),
      String(migrant['case_number']).toLowerCase(),
      bsn(1),
      `${bsn(1).slice(0, 3)} ${bsn(1).slice(3)}`,
      'Zdzisławska',
      'zdzislawska',
      'Zdzis',
      'nowak wieslawa',
      'Maria Zdzisławska-Nowak',
    ]) {
      expect(await search('providerA', text), text).toContain(id);
    }
    expect(await search('providerA', 'Zdzisławski')).not.toContain(id);
    const graph = await gql('providerA', 'query ($s: String) { migrants(search: $s) { id case_number } }', {
      s: 'Zdzisławska',
    });
    expect((graph.data?.['migrants'] as Row[]).map((row) => row['id'])).toContain(id);
  });

  it('counts what it finds (the list’s “1–n of n items”)', async () => {
    const migrant = await housed('providerA', { first_names: 'Kazimiera', surname: 'Countable' });
    const answer = await http(
      'providerA',
      'GET',
      `/items/migrants?search=Countable&fields=id&meta=filter_count,total_count`,
    );
    expect(answer.status, answer.text.slice(0, 300)).toBe(200);
    const body = answer.body as { data: Row[]; meta: { filter_count: number } };
    expect(body.data.map((row) => row['id'])).toEqual([migrant['id']]);
    expect(body.meta.filter_count).toBe(1);
  });

  it('keeps the list’s own filter', async () => {
    const migrant = await housed('providerA', { first_names: 'Filtered', surname: 'Searchable' });
    expect(await search('providerA', 'Searchable', { brp_status: { _eq: 'geen' } })).toContain(String(migrant['id']));
    expect(await search('providerA', 'Searchable', { brp_status: { _eq: 'ingeschreven' } })).toEqual([]);
  });

  it('finds a stay’s migrant for the picker (the stays’ migrant field shows the case number)', async () => {
    const migrant = await housed('providerA', { first_names: 'Picker', surname: 'Pickable' }, { bsn: bsn(2) });
    const found = await http(
      'providerA',
      'GET',
      `/items/migrants?search=${bsn(2)}&fields=id,case_number,first_names,surname&limit=25`,
    );
    expect((found.body as { data: Row[] }).data).toEqual([
      { id: migrant['id'], case_number: migrant['case_number'], first_names: 'Picker', surname: 'Pickable' },
    ]);
  });

  it('a clerk finds by case number always, by name and BSN only with consent and an open task', async () => {
    const migrant = await housed(
      'providerA',
      { first_names: 'Klara', surname: 'Consentowska' },
      { bsn: bsn(3), email: 'klara.consentowska@example.com' },
    );
    const id = String(migrant['id']);
    expect(await search('clerkA', String(migrant['case_number']))).toEqual([id]);
    expect(await search('clerkA', 'Consentowska')).toEqual([]);
    expect(await search('clerkA', bsn(3))).toEqual([]);
    await sign(id);
    expect(await search('clerkA', 'Consentowska')).toEqual([id]);
    expect(await search('clerkA', bsn(3))).toEqual([id]);
    expect(await search('clerkB', String(migrant['case_number']))).toEqual([]);
    expect(await search('clerkB', 'Consentowska')).toEqual([]);
  });

  it('an administrator finds by case number only; roles that see no persons find nothing', async () => {
    const migrant = await housed('providerA', { first_names: 'Adminka', surname: 'Nameless' }, { bsn: bsn(4) });
    expect(await search('admin', String(migrant['case_number']))).toEqual([migrant['id']]);
    expect(await search('admin', 'Nameless')).toEqual([]);
    expect(await search('admin', bsn(4))).toEqual([]);
    for (const actor of ['inspectorA', 'policyA', 'municipalityAdminA', 'public'] as const) {
      const found = await search(actor, String(migrant['case_number']));
      expect(found === null || found.length === 0, actor).toBe(true);
    }
  });

  it('finds a migrant’s tasks and stays by its case number and name (the task view, the stays list)', async () => {
    const migrant = await housed(
      'providerA',
      { first_names: 'Taskia', surname: 'Inboxowska' },
      { bsn: bsn(10), email: 'taskia.inboxowska@example.com' },
    );
    const tasksOf = async (actor: Actor, text: string) => {
      const answer = await http(
        actor,
        'GET',
        `/items/tasks?search=${encodeURIComponent(text)}&fields=id,migrant&limit=-1&meta=filter_count`,
      );
      const body = answer.body as { data?: Row[]; meta?: { filter_count: number } };
      expect(body.data?.length ?? 0, 'the count agrees with the list').toBe(body.meta?.filter_count ?? 0);
      return (body.data ?? []).map((row) => row['migrant']);
    };
    expect(await tasksOf('clerkA', String(migrant['case_number']))).toContain(migrant['id']);
    expect(await tasksOf('clerkA', 'Inboxowska'), 'no consent yet: not by name').toEqual([]);
    await sign(String(migrant['id']));
    expect(await tasksOf('clerkA', 'Inboxowska')).toContain(migrant['id']);
    expect(await tasksOf('clerkB', String(migrant['case_number']))).toEqual([]);
    expect(await tasksOf('clerkA', 'open'), 'the tasks’ own fields are still searched').not.toEqual([]);
    const stays = await http('providerA', 'GET', `/items/stays?search=Inboxowska&fields=id,migrant`);
    expect((stays.body as { data: Row[] }).data.map((row) => row['migrant'])).toEqual([migrant['id']]);
  });

  it('another provider finds nothing of provider A’s, by any of the three', async () => {
    const migrant = await housed('providerA', { first_names: 'Hidden', surname: 'Elsewhereska' }, { bsn: bsn(5) });
    for (const text of [String(migrant['case_number']), 'Elsewhereska', bsn(5)])
      expect(await search('providerB', text), text).toEqual([]);
  });
});

describe('the same BSN twice', () => {
  it('is refused within one provider, at the BSN field, with the existing case number and in the user’s language', async () => {
    const first = await housed('providerA', { first_names: 'Doubled', surname: 'Original' }, { bsn: bsn(6) });
    const again = await http('providerA', 'POST', '/items/migrants', {
      first_names: 'Doubled',
      surname: 'Copy',
      date_of_birth: '1990-05-17',
      nationality: 'PL',
      arrival_date: today,
      bsn: bsn(6),
    });
    expect(again.status).toBe(400);
    const error = (
      again.body as {
        errors: Array<{ message: string; extensions: { code: string; field: string; issues: string[] } }>;
      }
    ).errors[0]!;
    expect(error.extensions).toMatchObject({ code: 'FAILED_VALIDATION', field: 'bsn', issues: ['duplicate_bsn'] });
    expect(error.message).toContain(String(first['case_number']));
    expect(error.message).toMatch(/BSN/);
    expect(again.text).not.toContain(bsn(6));
    const english = await http('providerB', 'POST', '/items/migrants', {
      first_names: 'Doubled',
      surname: 'Elsewhere',
      date_of_birth: '1990-05-17',
      nationality: 'PL',
      arrival_date: today,
      bsn: bsn(7),
    });
    expect(english.status, 'another BSN at another provider is fine').toBe(200);
    const englishAgain = await http('providerB', 'POST', '/items/migrants', {
      first_names: 'Doubled',
      surname: 'Elsewhere',
      date_of_birth: '1990-05-17',
      nationality: 'PL',
      arrival_date: today,
      bsn: bsn(7),
    });
    expect((englishAgain.body as { errors: Array<{ message: string }> }).errors[0]!.message).toMatch(
      /already exists at your organisation/,
    );
  });

  it('is refused when an update gives a migrant a BSN its provider already has', async () => {
    await housed('providerA', { first_names: 'Update', surname: 'Holder' }, { bsn: bsn(8) });
    const other = await housed('providerA', { first_names: 'Update', surname: 'Taker' });
    const changed = await http('providerA', 'PATCH', `/items/migrants/${String(other['id'])}`, { bsn: bsn(8) });
    expect(changed.status).toBe(400);
    expect(changed.text).toContain('duplicate_bsn');
  });

  it('is allowed at another provider, and the warning before saving names only the caller’s own rows', async () => {
    const first = await housed('providerA', { first_names: 'Twice', surname: 'Housed' }, { bsn: bsn(9) });
    const warnA = await http('providerA', 'POST', '/privacy/duplicates', { bsn: bsn(9) });
    expect(warnA.body).toMatchObject({ data: { yours: [{ id: first['id'], case_number: first['case_number'] }] } });
    expect((warnA.body as { data: { warning: string } }).data.warning).toContain(String(first['case_number']));
    const warnB = await http('providerB', 'POST', '/privacy/duplicates', { bsn: bsn(9) });
    const unknown = await http('providerB', 'POST', '/privacy/duplicates', { bsn: bsn(99) });
    expect(warnB.body).toEqual({ data: { yours: [], warning: null } });
    expect(warnB.body, 'a BSN known elsewhere and an unknown one get the same answer').toEqual(unknown.body);
    const atB = await http('providerB', 'POST', '/items/migrants', {
      first_names: 'Twice',
      surname: 'Housed',
      date_of_birth: '1990-05-17',
      nationality: 'PL',
      arrival_date: today,
      bsn: bsn(9),
    });
    expect(atB.status, atB.text.slice(0, 300)).toBe(200);
  });
});
