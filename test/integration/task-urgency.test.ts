/**
 * The inbox sorts by urgency: overdue first, then priority (high, normal, low), then due date. The priority is stored
 * as text, so the platform keeps a rank beside each open task (tasks.urgency): set when the task opens, after every
 * write through Directus, and by the hourly maintenance (yesterday's tasks become overdue without a write). Nobody
 * but the platform writes it; the clerk's and the administrator's task lists sort by it.
 */
import { createItem, customEndpoint, readItems, readPresets, updateItem } from '@directus/sdk';
import { afterAll, describe, expect, it } from 'vitest';
import { ROLE_IDS } from '../../extensions/labour-platform/src/glue/roles.js';
import { todayInNetherlands, addDays } from '../../extensions/labour-platform/src/domain/dates.js';
import { DEMO_ORGANISATION_IDS as ORG } from '../../scripts/demo-data.js';
import { as, attempt, demoData } from '../support/as-user.js';
import { closeTestDatabase, testDatabase } from '../support/database.js';
import { patient } from '../support/patience.js';

const today = todayInNetherlands();
const locationA = () =>
  demoData().locations.find((l) => l.provider === ORG.providerA && l.municipality === ORG.gemeenteA)!;

/** A new migrant of provider A at one of its locations in gemeente A: the municipality's first task opens for it. */
async function newMigrantsTask(): Promise<string> {
  const providerA = await as('providerA');
  const migrant = (await providerA.request(
    createItem('migrants', {
      first_names: 'Urgentie',
      surname: 'Test',
      date_of_birth: '1991-04-05',
      nationality: 'PL',
      language: 'pl',
      arrival_date: addDays(today, -3),
    }),
  )) as { id: string };
  await providerA.request(
    createItem('stays', { migrant: migrant.id, location: locationA().id, start_date: addDays(today, -3) }),
  );
  const admin = await as('admin');
  let task: string | undefined;
  await expect
    .poll(
      async () => {
        const open = (await admin.request(
          readItems('tasks', {
            filter: { _and: [{ migrant: { _eq: migrant.id } }, { status: { _eq: 'open' } }] },
            fields: ['id', 'owner_organisation'],
          }),
        )) as Array<{ id: string; owner_organisation: string }>;
        task = open.find((t) => t.owner_organisation === ORG.gemeenteA)?.id;
        return task;
      },
      { timeout: patient(30_000) },
    )
    .toBeDefined();
  return task!;
}

async function urgencyOf(task: string): Promise<unknown> {
  const [row] = (await (
    await as('admin')
  ).request(readItems('tasks', { filter: { id: { _eq: task } }, fields: ['urgency'] }))) as Array<{ urgency: unknown }>;
  return row?.urgency;
}

const settles = (task: string, urgency: number) =>
  expect.poll(() => urgencyOf(task), { timeout: patient(20_000) }).toBe(urgency);

afterAll(closeTestDatabase);

describe('task urgency', () => {
  it('is set when a task opens, and follows the clerk’s priority and the due date', async () => {
    const task = await newMigrantsTask();
    await settles(task, 2); // normal priority, due in the future
    const clerk = await as('clerkA');
    await clerk.request(updateItem('tasks', task, { priority: 'high' }));
    await settles(task, 1);
    await clerk.request(updateItem('tasks', task, { priority: 'low' }));
    await settles(task, 3);
    await (await as('admin')).request(updateItem('tasks', task, { due_date: addDays(today, -1) }));
    await settles(task, 0); // overdue comes first, whatever its priority
    // a task due today is not overdue yet
    await (await as('admin')).request(updateItem('tasks', task, { due_date: today }));
    await settles(task, 3);
  });

  it('is the platform’s: a clerk or provider that sends it is refused, and nothing changes', async () => {
    const task = await newMigrantsTask();
    await settles(task, 2);
    for (const actor of ['clerkA', 'providerA'] as const) {
      const refused = await attempt((await as(actor)).request(updateItem('tasks', task, { urgency: 0 })));
      expect(refused.ok).toBe(false);
      expect(refused.status).toBe(403);
    }
    expect(await urgencyOf(task)).toBe(2);
  });

  it('becomes overdue through the hourly maintenance, without a write', async () => {
    const task = await newMigrantsTask();
    await settles(task, 2);
    await (await as('admin')).request(updateItem('tasks', task, { due_date: addDays(today, -2) }));
    await settles(task, 0);
    // as if the day passed without a write: the stored rank is still that of yesterday
    await testDatabase()('tasks').where({ id: task }).update({ urgency: 2 });
    expect(await urgencyOf(task)).toBe(2);
    await (await as('admin')).request(customEndpoint({ method: 'POST', path: '/brp/maintenance' }));
    await settles(task, 0);
  });

  it('orders the clerk’s and the administrator’s task lists', async () => {
    const presets = (await (
      await as('admin')
    ).request(
      readPresets({ filter: { collection: { _eq: 'tasks' } }, fields: ['role', 'user', 'layout_query'], limit: -1 }),
    )) as Array<{ role: string | null; user: string | null; layout_query: { tabular?: { sort?: string[] } } | null }>;
    const shared = presets.filter((p) => p.user === null && (p.role === null || p.role === ROLE_IDS.clerk));
    expect(shared.length).toBeGreaterThan(1);
    for (const preset of shared) expect(preset.layout_query?.tabular?.sort).toEqual(['urgency', 'due_date']);
    // what the clerk's list asks for comes back most urgent first
    const rows = (await (
      await as('clerkA')
    ).request(
      readItems('tasks', {
        filter: { status: { _eq: 'open' } },
        fields: ['urgency', 'due_date', 'priority'],
        sort: ['urgency', 'due_date'],
        limit: -1,
      }),
    )) as Array<{ urgency: number; due_date: string | null; priority: string }>;
    expect(rows.length).toBeGreaterThan(1);
    const overdue = rows.map((row) => row.due_date !== null && row.due_date.slice(0, 10) < today);
    expect(overdue).toEqual([...overdue].sort((a, b) => Number(b) - Number(a)));
    expect(rows.every((row, i) => (row.urgency === 0) === overdue[i])).toBe(true);
  });
});
