/**
 * The BRP event transaction (glue/brp/workflow.ts: applyEventInTransaction inside runInTransaction) on an in-memory
 * database with a fake data access: the status, its history row and the tasks change together or not at all, and
 * only the organisation whose step it is may take it.
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  applyEventInTransaction,
  runInTransaction,
  type EventRequest,
} from '../../../extensions/labour-platform/src/glue/brp/workflow';
import { Refused } from '../../../extensions/labour-platform/src/glue/http/seam';
import type { DataAccess, ItemsServiceConstructor, Row } from '../../../extensions/labour-platform/src/glue/items';
import { ROLE_IDS } from '../../../extensions/labour-platform/src/glue/roles';
import type { Accountability } from '@directus/types';
import { caller, fakeItemsService, memoryAccess, memoryDatabase, type Permissions } from './memory-data';

const GEMEENTE = 'org-gemeente-a';
const OTHER_GEMEENTE = 'org-gemeente-b';
const PROVIDER = 'org-provider-a';
const NOW = new Date('2026-03-02T10:00:00Z');

const RELATIONS = {
  migrants: { current_location: 'locations' },
  stays: { location: 'locations' },
  directus_users: { organisation: 'organisations' },
};
/** A caller reads a migrant when it is of its organisation's municipality or provider (as the platform's permissions say). */
const permissions: Permissions = (collection, row, accountability) => {
  const organisation = ORGANISATION_OF.get(String(accountability.user));
  if (collection !== 'migrants') return true;
  return row['provider'] === organisation || (organisation === GEMEENTE && row['current_location'] === LOCATION);
};
const ORGANISATION_OF = new Map<string, string>();
const LOCATION = 'location-1';

let db: Knex;
let access: DataAccess;
let migrant: string;

async function user(organisation: string, role: string): Promise<Accountability> {
  const id = randomUUID();
  await db('directus_users').insert({ id, organisation });
  ORGANISATION_OF.set(id, organisation);
  return caller(id, role);
}

beforeEach(async () => {
  db = await memoryDatabase({
    organisations: { type: 'text' },
    locations: { municipality: 'text', provider: 'text' },
    migrants: {
      brp_status: 'text',
      status_version: 'integer',
      brp_machine_version: 'integer',
      provider: 'text',
      current_location: 'text',
      arrival_date: 'text',
      expected_departure_date: 'text',
      departure_date: 'text',
    },
    stays: { migrant: 'text', location: 'text', start_date: 'text' },
    directus_users: { organisation: 'text' },
    appointments: {
      migrant: 'text',
      municipality: 'text',
      status: 'text',
      desk: 'text',
      starts_at: 'text',
      ends_at: 'text',
      group_reference: 'text',
      notes: 'text',
    },
    task_types: { type: 'text', days: 'integer', working_days: 'boolean', counted_from: 'text' },
    tasks: {
      migrant: 'text',
      type: 'text',
      status: 'text',
      owner_organisation: 'text',
      due_date: 'text',
      priority: 'text',
      open_step: 'unique text',
      outcome: 'text',
      closed_at: 'text',
      assignee: 'text',
      claimed_at: 'text',
      urgency: 'integer',
    },
    status_history: {
      migrant: 'text',
      from_status: 'text',
      to_status: 'text',
      event: 'text',
      actor: 'text',
      occurred_at: 'text',
      reason: 'text',
      machine_version: 'integer',
      snapshot: 'json',
    },
  });
  access = memoryAccess(db, fakeItemsService(RELATIONS, permissions));
  await db('organisations').insert([
    { id: GEMEENTE, type: 'gemeente' },
    { id: OTHER_GEMEENTE, type: 'gemeente' },
    { id: PROVIDER, type: 'provider' },
  ]);
  await db('locations').insert({ id: LOCATION, municipality: GEMEENTE, provider: PROVIDER });
  migrant = randomUUID();
  await db('migrants').insert({
    id: migrant,
    brp_status: 'geen',
    status_version: 0,
    brp_machine_version: 1,
    provider: PROVIDER,
    current_location: LOCATION,
    arrival_date: '2026-03-01',
  });
  await db('tasks').insert({
    id: 'assess-task',
    migrant,
    type: 'assess_status',
    status: 'open',
    owner_organisation: GEMEENTE,
    open_step: `${migrant}:assess_status`,
  });
});
afterEach(() => db.destroy());

const ASSESS: EventRequest = { type: 'ASSESS', outcome: 'not_registered' };
const apply = (
  accountability: Accountability | null,
  body: EventRequest = ASSESS,
  data: DataAccess = access,
  id: string = migrant,
) => runInTransaction(db, (trx) => applyEventInTransaction({ ...data, knex: trx }, id, body, accountability, NOW));
const refusalOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => (error instanceof Refused ? error.refusal.code : error),
  );
const state = async () => ({
  migrant: await db('migrants').select('brp_status', 'status_version').where('id', migrant).first(),
  history: await db('status_history').select('from_status', 'to_status', 'event'),
  open: (await db('tasks').select('type', 'owner_organisation').where({ migrant, status: 'open' })) as Row[],
});

describe('a BRP event in one transaction', () => {
  it('moves the status on, writes its history and swaps the open task', async () => {
    const clerk = await user(GEMEENTE, ROLE_IDS.clerk);
    await apply(clerk);
    expect(await state()).toEqual({
      migrant: { brp_status: 'niet_ingeschreven', status_version: 1 },
      history: [{ from_status: 'geen', to_status: 'niet_ingeschreven', event: 'ASSESS' }],
      open: [{ type: 'schedule', owner_organisation: GEMEENTE }],
    });
  });

  it('closes the task the step completes, with the event as its outcome', async () => {
    await apply(await user(GEMEENTE, ROLE_IDS.clerk));
    expect(await db('tasks').select('status', 'outcome', 'open_step').where('id', 'assess-task').first()).toEqual({
      status: 'done',
      outcome: 'ASSESS',
      open_step: null,
    });
  });

  it('answers the result the caller sees', async () => {
    const result = await apply(await user(GEMEENTE, ROLE_IDS.clerk));
    expect(result).toEqual({
      migrant,
      event: 'ASSESS',
      from: 'geen',
      to: 'niet_ingeschreven',
      status_version: 1,
      appointment: null,
    });
  });

  it('writes nothing when a later step of the transaction fails', async () => {
    const failing = fakeItemsService(RELATIONS, permissions);
    const FailingTasks: ItemsServiceConstructor = class extends failing {
      override async createOne(data: Row) {
        if ('open_step' in data) throw new Error('disk full');
        return super.createOne(data);
      }
    };
    const before = await state();
    await refusalOf(apply(await user(GEMEENTE, ROLE_IDS.clerk), ASSESS, memoryAccess(db, FailingTasks)));
    expect(await state()).toEqual(before);
  });

  it('refuses a step of another party (a provider assessing) and writes nothing', async () => {
    const before = await state();
    const refusal = await refusalOf(apply(await user(PROVIDER, ROLE_IDS.provider)));
    expect([refusal, await state()]).toEqual(['not_your_step', before]);
  });

  it('answers a migrant the caller cannot see as it answers a migrant that does not exist', async () => {
    const clerk = await user(OTHER_GEMEENTE, ROLE_IDS.clerk);
    expect([await refusalOf(apply(clerk)), await refusalOf(apply(clerk, ASSESS, access, randomUUID()))]).toEqual([
      'not_found',
      'not_found',
    ]);
  });

  it('refuses an event based on a stale version (someone else moved the status on)', async () => {
    expect(await refusalOf(apply(await user(GEMEENTE, ROLE_IDS.clerk), { ...ASSESS, expected_version: 7 }))).toBe(
      'stale',
    );
  });

  it('refuses an event the status does not allow', async () => {
    expect(await refusalOf(apply(await user(GEMEENTE, ROLE_IDS.clerk), { type: 'REGISTER' }))).toBe(
      'not_allowed_in_state',
    );
  });

  it('refuses an unknown event before reading anything', async () => {
    expect(await refusalOf(apply(await user(GEMEENTE, ROLE_IDS.clerk), { type: 'DROP TABLE' }))).toBe('unknown_event');
  });

  it('lets the second of two clerks acting on the same version lose (compare-and-set)', async () => {
    const clerk = await user(GEMEENTE, ROLE_IDS.clerk);
    await apply(clerk, { ...ASSESS, expected_version: 0 });
    expect(await refusalOf(apply(clerk, { ...ASSESS, expected_version: 0 }))).toBe('stale');
  });
});
