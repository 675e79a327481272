/**
 * Work and home inconsistent, and the task a warning opens (issue 12), from the outside with a clock the test moves
 * (RETENTION_TEST_CLOCK: the run takes a `today`). Two locations of its own in gemeente A (provider B's, one at the
 * address the BRP mock gives BSN 999993653), three people of provider B: one whose work postcode lies far away (geocoded
 * by the Locatieserver stand-in), one the BRP places at another address, one the BRP places in Amsterdam. The warnings
 * open once, notify the municipality once (never the provider, who may not read them), each opens one task for gemeente
 * A that names the warning and no person, and they close (with their task) when the cause is gone or a clerk resolves
 * them; reopened, the task opens again. The BRP's answer leaves only a municipality code and a keyed hash, which no
 * one reads or writes through the API.
 */
import { createItem, readItems, updateItem } from '@directus/sdk';
import { randomInt, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGANISATION_IDS as ORG } from '../../scripts/demo-data.js';
import { addDays, todayInNetherlands } from '../../extensions/labour-platform/src/domain/dates';
import { as } from '../support/as-user.js';
import { closeTestDatabase, testDatabase } from '../support/database.js';
import { gql, http } from './attacks/support.js';
import { patient } from '../support/patience.js';

type Row = Record<string, unknown>;
const today = todayInNetherlands();
const arrival = addDays(today, -2);
const BRP_ADDRESS_BAG = '1911010000900002'; // the BRP mock's address of 999993653 (Proefweg 7A, 1775AB)
let atBrpAddress = '';
let elsewhere = '';
let far = ''; // works in Groningen, lives at the BRP address location
let moved = ''; // 999993653, lives elsewhere than the BRP says
let amsterdam = ''; // 999996940, registered in Amsterdam

interface RunResult {
  opened: number;
  resolved: number;
  kept: number;
  notifications: number;
  tasksOpened: number;
  tasksClosed: number;
}

async function run(day: string): Promise<RunResult> {
  const answer = await http('admin', 'POST', '/supervision/warnings/run', { today: day });
  expect(answer.status, answer.text).toBe(200);
  return (answer.body as { data: RunResult }).data;
}

async function warningOf(migrant: string, type: string): Promise<Row[]> {
  return (await testDatabase()('warnings')
    .where({ migrant, type })
    .select('id', 'status', 'details', 'municipality', 'provider', 'notified_at')) as Row[];
}

async function tasksOf(warning: string): Promise<Row[]> {
  return (await testDatabase()('tasks')
    .where('warning', warning)
    .select('id', 'type', 'status', 'owner_organisation', 'migrant', 'open_step', 'due_date')) as Row[];
}

async function notificationsAbout(ids: readonly string[]): Promise<Row[]> {
  return (await testDatabase()('directus_notifications')
    .where('collection', 'warnings')
    .whereIn('item', [...ids])
    .select('recipient', 'subject', 'message')) as Row[];
}

async function location(fields: Row): Promise<string> {
  const admin = await as('admin');
  const created = (await admin.request(
    createItem('locations', {
      name: `Work-home test ${randomUUID().slice(0, 8)}`,
      capacity: 10,
      provider: ORG.providerB,
      ...fields,
    }),
  )) as Row;
  return String(created['id']);
}

async function housed(at: string, extra: Row): Promise<string> {
  const provider = await as('providerB');
  const migrant = (await provider.request(
    createItem('migrants', {
      first_names: 'Werkwoon',
      surname: 'Proef',
      date_of_birth: '1990-05-06',
      nationality: 'RO',
      language: 'ro',
      arrival_date: arrival,
      expected_departure_date: addDays(today, 60),
      ...extra,
    }),
  )) as Row;
  const id = String(migrant['id']);
  await provider.request(createItem('stays', { migrant: id, location: at, start_date: arrival }));
  return id;
}

async function currentLocation(migrant: string): Promise<string | null> {
  const row = await testDatabase()('migrants').where('id', migrant).first('current_location');
  return (row?.current_location as string | null) ?? null;
}

/** Waits (in a hook, where expect.poll is not available) until `read` gives `expected`. */
async function settled<T>(read: () => Promise<T>, expected: T): Promise<void> {
  const deadline = Date.now() + patient(120_000);
  while ((await read()) !== expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 500));
  expect(await read()).toBe(expected);
}

beforeAll(async () => {
  atBrpAddress = await location({
    street: 'Proefweg',
    house_number: '7A',
    postcode: '1775 AB',
    city: 'Middenmeer',
    bag_id: BRP_ADDRESS_BAG,
    latitude: 52.8124,
    longitude: 5.0008,
  });
  elsewhere = await location({
    street: 'Werkwoonstraat',
    house_number: '3',
    postcode: '1761 AB',
    city: 'Anna Paulowna',
    bag_id: `1911010000997${String(randomInt(100, 1000))}`,
    latitude: 52.8675,
    longitude: 4.8722,
  });
  far = await housed(atBrpAddress, { work_postcode: '9711 AB', work_city: 'Groningen', work_address: 'Grote Markt 1' });
  moved = await housed(elsewhere, { bsn: '999993653', work_postcode: '1775 TA' });
  amsterdam = await housed(atBrpAddress, { bsn: '999996940' });
  // the current location follows the stays through the outbox
  for (const [migrant, at] of [
    [far, atBrpAddress],
    [moved, elsewhere],
    [amsterdam, atBrpAddress],
  ] as const)
    await settled(() => currentLocation(migrant), at);
  // the municipality's clerk looks both up in the BRP (the assess task's lookup)
  for (const migrant of [moved, amsterdam]) {
    const answer = await http('clerkA', 'GET', `/brp/migrants/${migrant}/lookup`);
    expect(answer.status, answer.text).toBe(200);
    expect((answer.body as { data: { result: { kind: string } } }).data.result.kind).toBe('registered');
  }
}, patient(300_000));

afterAll(() => closeTestDatabase());

describe('work and home inconsistent', () => {
  it('keeps of the BRP answer only a municipality code and a keyed hash, which nobody reads or writes', async () => {
    const row = (await testDatabase()('migrants')
      .where('id', moved)
      .first('brp_municipality_code', 'brp_address_key', 'brp_checked_at')) as Row;
    expect(row['brp_municipality_code']).toBe('1911');
    expect(String(row['brp_address_key'])).toMatch(/^bag:[0-9a-f]{64}$/);
    expect(String(row['brp_address_key'])).not.toContain(BRP_ADDRESS_BAG);
    expect(row['brp_checked_at']).not.toBeNull();
    const other = (await testDatabase()('migrants').where('id', amsterdam).first('brp_municipality_code')) as Row;
    expect(other['brp_municipality_code']).toBe('0363');

    for (const actor of ['admin', 'clerkA', 'providerB'] as const) {
      const answer = await http(actor, 'GET', `/items/migrants/${moved}?fields=*`);
      expect(answer.status, actor).toBe(200);
      const data = (answer.body as { data: Row }).data;
      for (const field of ['brp_municipality_code', 'brp_address_key', 'brp_checked_at'])
        expect(data, `${actor} ${field}`).not.toHaveProperty(field);
    }
    for (const actor of ['admin', 'clerkA', 'providerB'] as const) {
      const write = await http(actor, 'PATCH', `/items/migrants/${moved}`, { brp_municipality_code: '1911' });
      expect(write.status, actor).toBeGreaterThanOrEqual(400);
      expect(write.status, actor).toBeLessThan(500);
      if (actor === 'admin') continue; // an administrator's queries are not guarded (it reads no value either)
      const filter = await http(actor, 'GET', `/items/migrants?filter[brp_address_key][_nnull]=true&fields=id`);
      expect(filter.status, actor).toBeGreaterThanOrEqual(400);
      expect(filter.status, actor).toBeLessThan(500);
    }
  });

  it('opens the three warnings once, each with one task for the municipality, and notifies it once', async () => {
    const first = await run(addDays(today, 1));
    expect(first.opened).toBeGreaterThanOrEqual(3);
    const [distance] = await warningOf(far, 'work_far_from_home');
    const [address] = await warningOf(moved, 'brp_address_mismatch');
    const [municipality] = await warningOf(amsterdam, 'brp_address_mismatch');
    expect(distance && address && municipality).toBeTruthy();
    const details = (warning: Row) =>
      typeof warning['details'] === 'string' ? JSON.parse(warning['details']) : warning['details'];
    expect(details(distance!)).toMatchObject({ type: 'work_far_from_home', threshold_km: 50 });
    expect(Number(details(distance!).km)).toBeGreaterThan(100);
    expect(details(address!)).toEqual({ type: 'brp_address_mismatch', mismatch: 'address' });
    expect(details(municipality!)).toEqual({ type: 'brp_address_mismatch', mismatch: 'municipality' });
    // the person at the BRP's own address has no such warning
    expect(await warningOf(far, 'brp_address_mismatch')).toEqual([]);

    const warnings = [distance!, address!, municipality!];
    for (const warning of warnings) {
      expect(warning['municipality']).toBe(ORG.gemeenteA);
      const tasks = await tasksOf(String(warning['id']));
      expect(tasks).toHaveLength(1);
      expect(tasks[0]).toMatchObject({
        type: 'handle_warning',
        status: 'open',
        owner_organisation: ORG.gemeenteA,
        migrant: null,
        open_step: `warning:${String(warning['id'])}`,
      });
      expect(tasks[0]!['due_date']).not.toBeNull();
    }
    const ids = warnings.map((warning) => String(warning['id']));
    const notes = await notificationsAbout(ids);
    expect(notes.length).toBeGreaterThan(0);
    // only the municipality's users: provider B may not read these warnings, so it is not told about them
    const recipients = (await testDatabase()('directus_users')
      .whereIn(
        'id',
        notes.map((note) => String(note['recipient'])),
      )
      .distinct('organisation')) as Row[];
    expect(recipients.map((row) => row['organisation'])).toEqual([ORG.gemeenteA]);

    // again, a day later: nothing new, no second notification, no second task
    const second = await run(addDays(today, 2));
    expect(second.tasksOpened).toBe(0);
    expect((await notificationsAbout(ids)).length).toBe(notes.length);
    for (const id of ids) expect(await tasksOf(id)).toHaveLength(1);
    for (const [migrant, type] of [
      [far, 'work_far_from_home'],
      [moved, 'brp_address_mismatch'],
      [amsterdam, 'brp_address_mismatch'],
    ] as const)
      expect(await warningOf(migrant, type)).toHaveLength(1);
  });

  it('shows no personal value in the warnings, their tasks or notifications', async () => {
    const warnings = [
      ...(await warningOf(far, 'work_far_from_home')),
      ...(await warningOf(moved, 'brp_address_mismatch')),
      ...(await warningOf(amsterdam, 'brp_address_mismatch')),
    ];
    const ids = warnings.map((warning) => String(warning['id']));
    const tasks = (await Promise.all(ids.map(tasksOf))).flat();
    const text = JSON.stringify([warnings, tasks, await notificationsAbout(ids)]);
    for (const value of [
      'Werkwoon',
      'Proef',
      '1990-05-06',
      '999993653',
      '999996940',
      '9711',
      'Groningen',
      'Grote Markt',
      BRP_ADDRESS_BAG,
      '1775AB',
      'Proefweg',
      'Amsterdam',
    ])
      expect(text).not.toContain(value);
  });

  it('the municipality reads the warnings and their tasks; the provider, the inspector and others neither', async () => {
    const ids = [
      ...(await warningOf(far, 'work_far_from_home')),
      ...(await warningOf(moved, 'brp_address_mismatch')),
      ...(await warningOf(amsterdam, 'brp_address_mismatch')),
    ].map((warning) => String(warning['id']));
    const filter = encodeURIComponent(JSON.stringify({ id: { _in: ids } }));
    const taskFilter = encodeURIComponent(JSON.stringify({ warning: { _in: ids } }));
    const count = async (actor: Parameters<typeof http>[0], collection: string, query: string) => {
      const answer = await http(actor, 'GET', `/items/${collection}?filter=${query}&fields=id&limit=-1`);
      return answer.status === 200 ? (answer.body as { data: Row[] }).data.length : 0;
    };
    expect(await count('clerkA', 'warnings', filter)).toBe(3);
    expect(await count('clerkA', 'tasks', taskFilter)).toBe(3);
    expect(await count('municipalityAdminA', 'warnings', filter)).toBe(3);
    for (const actor of ['providerB', 'providerA', 'clerkB', 'inspectorA', 'policyA', 'public'] as const) {
      expect(await count(actor, 'warnings', filter), actor).toBe(0);
      expect(await count(actor, 'tasks', taskFilter), actor).toBe(0);
    }
    // the clerk's task names the warning, which the clerk may open
    const clerk = await as('clerkA');
    const [task] = (await clerk.request(
      readItems('tasks', { filter: { warning: { _eq: ids[0]! } }, fields: ['id', 'type', 'migrant', 'warning.type'] }),
    )) as Row[];
    expect(task).toMatchObject({ type: 'handle_warning', migrant: null });
    expect((task!['warning'] as Row)['type']).toBe('work_far_from_home');
    // GraphQL: the same
    const graph = async (actor: Parameters<typeof http>[0]) => {
      const list = ids.map((id) => `"${id}"`).join(', ');
      const answer = await gql(actor, `query { tasks(filter: { warning: { id: { _in: [${list}] } } }) { id } }`);
      if (actor === 'clerkA') expect(answer.text).not.toMatch(/"errors"/);
      return ((answer.data?.['tasks'] as Row[] | undefined) ?? []).length;
    };
    expect(await graph('clerkA')).toBe(3);
    for (const actor of ['providerB', 'clerkB', 'inspectorA', 'public'] as const)
      expect(await graph(actor), actor).toBe(0);
    // nobody but the platform links a task to a warning or opens one
    for (const actor of ['clerkA', 'providerB'] as const) {
      const create = await http(actor, 'POST', '/items/tasks', { type: 'handle_warning', warning: ids[0] });
      expect(create.status, actor).toBe(403);
    }
    const [own] = (await clerk.request(
      readItems('tasks', { filter: { warning: { _eq: ids[0]! } }, fields: ['id'] }),
    )) as Row[];
    const relink = await http('clerkA', 'PATCH', `/items/tasks/${String(own!['id'])}`, { warning: ids[1] });
    expect(relink.status).toBe(403);
  });

  it('closes a warning and its task when the cause is gone: work nearby, the person at the BRP’s address', async () => {
    const provider = await as('providerB');
    await provider.request(updateItem('migrants', far, { work_postcode: '1775 TA' }));
    const [stay] = (await provider.request(
      readItems('stays', { filter: { migrant: { _eq: moved } }, fields: ['id'] }),
    )) as Row[];
    await provider.request(updateItem('stays', String(stay!['id']), { location: atBrpAddress }));
    await expect.poll(() => currentLocation(moved), { timeout: patient(120_000) }).toBe(atBrpAddress);

    const result = await run(addDays(today, 3));
    expect(result.tasksClosed).toBeGreaterThanOrEqual(2);
    for (const [migrant, type] of [
      [far, 'work_far_from_home'],
      [moved, 'brp_address_mismatch'],
    ] as const) {
      const [warning] = await warningOf(migrant, type);
      expect(warning!['status'], type).toBe('resolved');
      const tasks = await tasksOf(String(warning!['id']));
      expect(tasks.map((task) => task['status'])).toEqual(['done']);
      expect(tasks[0]!['open_step']).toBeNull();
    }
    // the one in Amsterdam stays open
    const [still] = await warningOf(amsterdam, 'brp_address_mismatch');
    expect(still!['status']).toBe('open');
  });

  it('a clerk who resolves the warning closes its task; reopened, the task opens again, once', async () => {
    const [warning] = await warningOf(amsterdam, 'brp_address_mismatch');
    const id = String(warning!['id']);
    const clerk = await as('clerkA');
    await clerk.request(updateItem('warnings', id, { status: 'resolved' }));
    await expect.poll(async () => (await tasksOf(id)).map((task) => task['status'])).toEqual(['done']);
    await clerk.request(updateItem('warnings', id, { status: 'open' }));
    await expect.poll(async () => (await tasksOf(id)).map((task) => task['status']).sort()).toEqual(['done', 'open']);
    // the cause is still there: the evaluation keeps the warning and opens no other task
    const result = await run(addDays(today, 4));
    expect(result.tasksOpened).toBe(0);
    expect((await tasksOf(id)).filter((task) => task['status'] === 'open')).toHaveLength(1);
    expect(await warningOf(amsterdam, 'brp_address_mismatch')).toHaveLength(1);
  });
});
