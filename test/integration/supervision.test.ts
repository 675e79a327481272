/**
 * Supervision warnings from the outside (issue 12), with a clock the test moves (RETENTION_TEST_CLOCK: the run takes
 * a `today`): a location of the test's own with more people than beds and than the SNF norm allows, and three people
 * there who must register and have not; the warnings open once and notify once, close themselves when the cause is
 * gone, move along their life only as it allows (stamped with who and when), and each role sees only its own —
 * through REST and GraphQL; an inspector never a person's warning.
 */
import { createItem, readItems, updateItem } from '@directus/sdk';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGANISATION_IDS as ORG } from '../../scripts/demo-data.js';
import { addDays, todayInNetherlands } from '../../extensions/labour-platform/src/domain/dates';
import { ACTORS, as } from '../support/as-user.js';
import { closeTestDatabase, testDatabase } from '../support/database.js';
import { gql, http } from './attacks/support.js';
import { patient } from '../support/patience.js';

type Row = Record<string, unknown>;
const today = todayInNetherlands();
const arrival = addDays(today, -10);
let location = '';
const migrants: string[] = [];

async function run(day = today): Promise<{ opened: number; resolved: number; kept: number; notifications: number }> {
  const answer = await http('admin', 'POST', '/supervision/warnings/run', { today: day });
  expect(answer.status, answer.text).toBe(200);
  return (answer.body as { data: { opened: number; resolved: number; kept: number; notifications: number } }).data;
}

async function warningsAbout(): Promise<Row[]> {
  return (await testDatabase()('warnings')
    .where('location', location)
    .orWhereIn('migrant', migrants)
    .select('id', 'type', 'status', 'details', 'resolved_by', 'acknowledged_by', 'notified_at')) as Row[];
}

beforeAll(async () => {
  const admin = await as('admin');
  const created = (await admin.request(
    createItem('locations', {
      name: `Supervision test ${randomUUID().slice(0, 8)}`,
      street: 'Toezichtstraat',
      house_number: '3',
      postcode: '1761 AC',
      city: 'Anna Paulowna',
      capacity: 2,
      bag_id: `1911010000996${String(Math.floor(Math.random() * 900) + 100)}`,
      provider: ORG.providerA,
      housing_type: 'dwelling',
      living_area_m2: 24,
      toilets: 1,
      showers: 1,
    }),
  )) as Row;
  location = String(created['id']);
  await admin.request(createItem('bedrooms', { location, area_m2: 7, beds: 2 }));
  const provider = await as('providerA');
  for (const [index, nationality] of ['PL', 'RO', 'BG'].entries()) {
    const migrant = (await provider.request(
      createItem('migrants', {
        first_names: `Toezicht ${index}`,
        surname: 'Test',
        date_of_birth: '1991-02-03',
        nationality,
        language: 'en',
        arrival_date: arrival,
      }),
    )) as Row;
    migrants.push(String(migrant['id']));
    await provider.request(createItem('stays', { migrant: migrant['id'], location, start_date: arrival }));
  }
  // the extension keeps occupied beds in step from the stays (through the outbox)
  const deadline = Date.now() + 120_000;
  const occupied = async () =>
    Number((await testDatabase()('locations').where('id', location).first('occupied_beds'))?.occupied_beds);
  while ((await occupied()) !== 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 500));
  expect(await occupied()).toBe(3);
}, patient(240_000));

afterAll(() => closeTestDatabase());

describe('warnings open, notify once, and close themselves', () => {
  it('opens the location’s and the people’s warnings, with the norm’s figures, and notifies once', async () => {
    await run();
    const warnings = await warningsAbout();
    const byType = (type: string) => warnings.filter((w) => w['type'] === type && w['status'] === 'open');
    expect(byType('no_free_bed')).toHaveLength(1);
    expect(byType('overcrowded')).toHaveLength(1);
    expect(byType('not_registered_in_time')).toHaveLength(3);
    const overcrowded = byType('overcrowded')[0]!;
    const details =
      typeof overcrowded['details'] === 'string' ? JSON.parse(overcrowded['details']) : overcrowded['details'];
    expect(details).toMatchObject({
      type: 'overcrowded',
      worst_norm: 'living_space',
      allowed: 2,
      occupancy: 3,
      excess: 1,
    });
    expect(warnings.every((w) => w['notified_at'] !== null)).toBe(true);
    const norm = await testDatabase()('locations').where('id', location).first('norm_capacity');
    expect(Number(norm?.norm_capacity)).toBe(2);

    const ids = warnings.map((w) => String(w['id']));
    const notifications = async () =>
      Number(
        (
          await testDatabase()('directus_notifications')
            .where('collection', 'warnings')
            .whereIn('item', ids)
            .count({ n: '*' })
        )[0]?.n,
      );
    const first = await notifications();
    expect(first).toBeGreaterThan(0);
    await run();
    expect((await warningsAbout()).length).toBe(warnings.length);
    expect(await notifications()).toBe(first);
  });

  it('shows no personal value in a warning or its notification', async () => {
    const ids = (await warningsAbout()).map((w) => String(w['id']));
    const notes = (await testDatabase()('directus_notifications')
      .whereIn('item', ids)
      .select('subject', 'message')) as Row[];
    const text = JSON.stringify([notes, await warningsAbout()]);
    for (const value of ['Toezicht', '1991-02-03']) expect(text).not.toContain(value);
  });

  it('an inspector sees the location’s warnings and never a person’s; a provider its own; others nothing', async () => {
    const visible = async (actor: (typeof ACTORS)[number]) => {
      const answer = await http(
        actor,
        'GET',
        `/items/warnings?filter[location][_eq]=${location}&fields=type,migrant&limit=-1`,
      );
      if (answer.status !== 200) return { status: answer.status, types: [] as string[] };
      return { status: 200, types: (answer.body as { data: Row[] }).data.map((w) => String(w['type'])).sort() };
    };
    const clerk = await visible('clerkA');
    expect(clerk.types).toEqual([
      'no_free_bed',
      'not_registered_in_time',
      'not_registered_in_time',
      'not_registered_in_time',
      'overcrowded',
    ]);
    expect((await visible('providerA')).types).toEqual(clerk.types);
    expect((await visible('municipalityAdminA')).types).toEqual(clerk.types);
    expect((await visible('inspectorA')).types).toEqual(['no_free_bed', 'overcrowded']);
    for (const actor of ['clerkB', 'providerB', 'policyA', 'public'] as const) {
      const answer = await visible(actor);
      expect(answer.types, actor).toEqual([]);
    }
    // GraphQL: the same rows
    const count = async (actor: (typeof ACTORS)[number]) => {
      const answer = await gql(
        actor,
        `query { warnings(filter: { location: { id: { _eq: "${location}" } } }, limit: -1) { type } }`,
      );
      if (actor !== 'public' && actor !== 'policyA') expect(answer.text, actor).not.toMatch(/GRAPHQL_VALIDATION/);
      return ((answer.data?.['warnings'] as Row[] | undefined) ?? []).length;
    };
    expect(await count('inspectorA')).toBe(2);
    expect(await count('clerkA')).toBe(5);
    for (const actor of ['clerkB', 'providerB', 'policyA', 'public'] as const)
      expect(await count(actor), actor).toBe(0);
  });

  it('moves only as its life allows, stamped with who and when; nothing else is anyone’s to set', async () => {
    const target = (await warningsAbout()).find((w) => w['type'] === 'not_registered_in_time')!;
    const id = String(target['id']);
    const clerk = await as('clerkA');
    await clerk.request(updateItem('warnings', id, { status: 'acknowledged' }));
    const me = (await http('clerkA', 'GET', '/users/me?fields=id')).body as { data: { id: string } };
    await expect
      .poll(async () => (await testDatabase()('warnings').where('id', id).first('acknowledged_by'))?.acknowledged_by)
      .toBe(me.data.id);
    const back = await http('clerkA', 'PATCH', `/items/warnings/${id}`, { status: 'open' });
    expect(back.status, back.text).toBe(400);
    expect(back.code).toBe('FAILED_VALIDATION');
    expect(back.text).toMatch(/status/i);
    for (const field of ['type', 'severity', 'municipality', 'provider', 'migrant', 'details', 'resolved_by']) {
      const answer = await http('clerkA', 'PATCH', `/items/warnings/${id}`, { [field]: null });
      expect(answer.status, `${field}: ${answer.text}`).toBe(403);
    }
    for (const actor of ['providerA', 'providerB', 'clerkB', 'policyA', 'public'] as const) {
      const answer = await http(actor, 'PATCH', `/items/warnings/${id}`, { status: 'resolved' });
      expect(answer.status, actor).toBe(actor === 'public' ? 403 : 403);
    }
    for (const actor of ACTORS.filter((a) => a !== 'admin')) {
      const create = await http(actor, 'POST', '/items/warnings', {
        type: 'overcrowded',
        status: 'open',
        subject_key: 'x',
      });
      expect(create.status, actor).toBe(403);
      const remove = await http(actor, 'DELETE', `/items/warnings/${id}`);
      expect(remove.status, actor).toBe(403);
    }
  });

  it('closes the location’s warnings itself when the cause is gone (nobody resolved them)', async () => {
    const admin = await as('admin');
    await admin.request(
      updateItem('locations', location, { capacity: 10, living_area_m2: 120, toilets: 2, showers: 2 }),
    );
    await admin.request(createItem('bedrooms', { location, area_m2: 14, beds: 4 }));
    await run();
    const warnings = await warningsAbout();
    for (const type of ['no_free_bed', 'overcrowded']) {
      const warning = warnings.find((w) => w['type'] === type)!;
      expect(warning['status'], type).toBe('resolved');
      expect(warning['resolved_by'], type).toBeNull();
    }
    expect(
      Number((await testDatabase()('locations').where('id', location).first('norm_capacity'))?.norm_capacity),
    ).toBe(6);
  });

  it('the run is the administrator’s; a date only on a test clock, well-formed', async () => {
    for (const actor of ACTORS.filter((a) => a !== 'admin')) {
      const answer = await http(actor, 'POST', '/supervision/warnings/run', {});
      expect(answer.status, actor).toBe(actor === 'public' ? 401 : 403);
    }
    const bad = await http('admin', 'POST', '/supervision/warnings/run', { today: '2026-02-30' });
    expect(bad.status).toBe(400);
  });
});

describe('a provider records its bedrooms; only its own', () => {
  it('refuses a bedroom at another provider’s location and reading another’s', async () => {
    const other = (await (
      await as('admin')
    ).request(
      readItems('locations', { filter: { provider: { _eq: ORG.providerB } }, fields: ['id'], limit: 1 }),
    )) as Row[];
    const answer = await http('providerA', 'POST', '/items/bedrooms', {
      location: other[0]!['id'],
      area_m2: 10,
      beds: 2,
    });
    expect(answer.status, answer.text).toBe(403);
    const own = await http('providerA', 'POST', '/items/bedrooms', { location, area_m2: 10, beds: 2 });
    expect(own.status, own.text).toBe(200);
    const id = (own.body as { data: Row }).data['id'];
    expect((await http('providerB', 'GET', `/items/bedrooms/${String(id)}`)).status).toBe(403);
    expect((await http('providerB', 'PATCH', `/items/bedrooms/${String(id)}`, { beds: 9 })).status).toBe(403);
    expect((await http('inspectorA', 'GET', `/items/bedrooms/${String(id)}`)).status).toBe(200);
    expect((await http('inspectorA', 'PATCH', `/items/bedrooms/${String(id)}`, { beds: 9 })).status).toBe(403);
    expect((await http('public', 'GET', `/items/bedrooms/${String(id)}`)).status).toBe(403);
  });
});

describe('the inspector’s plan', () => {
  it('lists the municipality’s due locations with their checklist, and never a person', async () => {
    const answer = await http('inspectorA', 'GET', '/supervision/inspections/due');
    expect(answer.status, answer.text).toBe(200);
    const plan = (answer.body as { data: Row[] }).data;
    const own = plan.find((row) => row['location'] === location);
    expect(own).toBeDefined();
    expect(own!['reasons']).toContain('never_inspected');
    expect((own!['checklist'] as Row[]).map((line) => line['item'])).toContain('occupancy_within_norm');
    const municipalities = await testDatabase()('locations')
      .whereIn(
        'id',
        plan.map((row) => String(row['location'])),
      )
      .distinct('municipality');
    expect(municipalities.map((row) => row['municipality'])).toEqual([ORG.gemeenteA]);
    expect(answer.text).not.toMatch(/migrant|first_names|surname|bsn/i);
  });

  it('does not exist for anyone else, administrators and anonymous included', async () => {
    for (const actor of ACTORS.filter((a) => a !== 'inspectorA')) {
      const answer = await http(actor, 'GET', '/supervision/inspections/due');
      expect(answer.status, actor).toBe(404);
      expect(answer.code, actor).toBe('ROUTE_NOT_FOUND');
    }
  });
});
