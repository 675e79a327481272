/**
 * Every role × collection × action, over HTTP as the demo users: what must work works, what must not is refused,
 * across tenants (provider A on provider B's rows, clerk B on gemeente A's migrants, policy officer on
 * migrants, the public on everything). Prints the observed matrix.
 */
import { createItem, deleteItem, readItems, updateItem } from '@directus/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGANISATION_IDS } from '../../scripts/demo-data.js';
import { ACTORS, as, attempt, demoData, type Actor } from '../support/as-user.js';
import { gql } from './attacks/support.js';

type Collection = 'organisations' | 'locations' | 'migrants' | 'stays' | 'tasks' | 'appointments' | 'consents' | 'status_history' | 'inspections';
type Action = 'create' | 'read' | 'update' | 'delete';
type World = 'A' | 'B';
type Row = Record<string, unknown>;
const ACTIONS: readonly Action[] = ['create', 'read', 'update', 'delete'];
const COLLECTIONS: readonly Collection[] = ['organisations', 'locations', 'migrants', 'stays', 'tasks', 'appointments', 'consents', 'status_history', 'inspections'];

/**
 * Expected rights, one letter per action (create, read, update, delete): upper case = on every organisation's
 * rows, lower case = only on the actor's own organisation's rows, '-' = never.
 */
const MATRIX: Record<Collection, Record<Actor, string>> = {
  organisations: { admin: 'CRUD', clerkA: '-R--', clerkB: '-R--', providerA: '-r--', providerB: '-r--', inspectorA: '-R--', policyA: '-R--', municipalityAdminA: '-R--', public: '----' },
  locations: { admin: 'CRUD', clerkA: '-r--', clerkB: '-r--', providerA: 'crud', providerB: 'crud', inspectorA: '-r--', policyA: '-r--', municipalityAdminA: '----', public: '----' },
  migrants: { admin: 'CRUD', clerkA: '-r--', clerkB: '-r--', providerA: 'crud', providerB: 'crud', inspectorA: '----', policyA: '----', municipalityAdminA: '----', public: '----' },
  stays: { admin: 'CRUD', clerkA: '-r--', clerkB: '-r--', providerA: 'crud', providerB: 'crud', inspectorA: '----', policyA: '----', municipalityAdminA: '----', public: '----' },
  tasks: { admin: 'CRUD', clerkA: '-ru-', clerkB: '-ru-', providerA: '-ru-', providerB: '-ru-', inspectorA: '----', policyA: '----', municipalityAdminA: '----', public: '----' },
  appointments: { admin: 'CRUD', clerkA: 'cru-', clerkB: 'cru-', providerA: '-r--', providerB: '-r--', inspectorA: '----', policyA: '----', municipalityAdminA: '----', public: '----' },
  consents: { admin: 'CRUD', clerkA: '-r--', clerkB: '-r--', providerA: '-r--', providerB: '-r--', inspectorA: '----', policyA: '----', municipalityAdminA: '----', public: '----' },
  status_history: { admin: 'CR--', clerkA: '-r--', clerkB: '-r--', providerA: '-r--', providerB: '-r--', inspectorA: '----', policyA: '----', municipalityAdminA: '----', public: '----' },
  inspections: { admin: 'CRUD', clerkA: '-r--', clerkB: '-r--', providerA: '-r--', providerB: '-r--', inspectorA: 'cru-', policyA: '----', municipalityAdminA: '----', public: '----' },
};

const ORG = DEMO_ORGANISATION_IDS;
const worldOf = (actor: Actor): World => (actor === 'clerkB' || actor === 'providerB' ? 'B' : 'A');
const other = (world: World): World => (world === 'A' ? 'B' : 'A');
const isProvider = (actor: Actor) => actor === 'providerA' || actor === 'providerB';
const gemeente = (world: World) => (world === 'A' ? ORG.gemeenteA : ORG.gemeenteB);
const provider = (world: World) => (world === 'A' ? ORG.providerA : ORG.providerB);
const today = new Date().toISOString().slice(0, 10);

/** Fixture rows per world, created by the administrator. */
const fixture = {} as Record<World, { location: string; migrant: string; stay: string; taskGemeente: string; taskProvider: string; appointment: string; consent: string; history: string; inspection: string }>;

function createPayload(collection: Collection, world: World, actor: Actor): Row {
  const f = fixture[world];
  switch (collection) {
    case 'organisations': return { name: `Matrix organisation ${actor}`, type: 'huisvester' };
    case 'locations': return { name: `Matrix ${actor}`, street: 'Teststraat', house_number: '1', postcode: '1761 AB', city: 'Anna Paulowna', capacity: 4, bag_id: `${world === 'A' ? '1911' : '0441'}010000999001`, provider: provider(world) };
    case 'migrants': return { first_names: 'Test', surname: `Matrix ${actor}`, date_of_birth: '1990-02-03', nationality: 'PL', language: 'pl', arrival_date: today, provider: provider(world) };
    case 'stays': return { migrant: f.migrant, location: f.location, start_date: '2020-01-01', end_date: '2020-01-31' };
    case 'tasks': return { type: 'assess_status', migrant: f.migrant, owner_organisation: isProvider(actor) ? provider(world) : gemeente(world), due_date: today };
    case 'appointments': return { migrant: f.migrant, municipality: gemeente(world), desk: 'Balie 1', starts_at: `${today}T09:00:00`, ends_at: `${today}T09:15:00` };
    case 'consents': return { migrant: f.migrant, status: 'requested', language: 'pl' };
    case 'status_history': return { migrant: f.migrant, from_status: 'geen', to_status: 'niet_ingeschreven', event: 'MATRIX', occurred_at: `${today}T10:00:00` };
    case 'inspections': return { location: f.location, inspected_on: today, outcome: 'in_order', beds_counted: 2 };
  }
}

const UPDATE_PAYLOAD: Record<Collection, Row> = {
  organisations: { email: 'matrix@example.org' },
  locations: { capacity: 42 },
  migrants: { work_city: 'Schagen' },
  stays: { end_date: '2099-12-31' },
  tasks: { priority: 'high' },
  appointments: { desk: 'Balie 2' },
  consents: { language: 'ro' },
  status_history: { reason: 'matrix' },
  inspections: { notes: 'matrix' },
};

function rowOf(collection: Collection, world: World, actor: Actor): string {
  const f = fixture[world];
  switch (collection) {
    case 'organisations': return isProvider(actor) ? provider(world) : gemeente(world);
    case 'locations': return f.location;
    case 'migrants': return f.migrant;
    case 'stays': return f.stay;
    case 'tasks': return isProvider(actor) ? f.taskProvider : f.taskGemeente;
    case 'appointments': return f.appointment;
    case 'consents': return f.consent;
    case 'status_history': return f.history;
    case 'inspections': return f.inspection;
  }
}

async function adminCreate(collection: Collection, payload: Row): Promise<string> {
  const admin = await as('admin');
  const created = (await admin.request(createItem(collection, payload))) as Row;
  return String(created['id']);
}

/** What the actor may do to a row of its own world and of the other world. */
function expected(collection: Collection, actor: Actor, action: Action): { own: boolean; other: boolean } {
  const letter = MATRIX[collection][actor][ACTIONS.indexOf(action)]!;
  if (letter === '-') return { own: false, other: false };
  return { own: true, other: letter === letter.toUpperCase() };
}

const observed = new Map<string, string>();
function record(collection: Collection, actor: Actor, action: Action, own: boolean, otherWorld: boolean): void {
  const letter = 'CRUD'[ACTIONS.indexOf(action)]!;
  const symbol = own && otherWorld ? letter : own ? letter.toLowerCase() : otherWorld ? '!' : '-';
  const key = `${collection}|${actor}`;
  observed.set(key, (observed.get(key) ?? '') + symbol);
}

/** A refusal is a refusal of access (403), never a validation error of our own making. */
function expectRefused(outcome: { ok: boolean; status: number; code: string | null }, context: string): void {
  expect(outcome.ok, context).toBe(false);
  expect(outcome.status, context).toBe(403);
}

beforeAll(async () => {
  const demo = demoData();
  for (const world of ['A', 'B'] as const) {
    const location = demo.locations.find((l) => l.provider === provider(world) && l.municipality === gemeente(world))!;
    const migrant = await adminCreate('migrants', { first_names: 'Fixture', surname: `World ${world}`, date_of_birth: '1988-05-06', nationality: 'RO', language: 'ro', arrival_date: today, provider: provider(world) });
    const stay = await adminCreate('stays', { migrant, location: location.id, start_date: today });
    fixture[world] = {
      location: location.id,
      migrant,
      stay,
      taskGemeente: await adminCreate('tasks', { type: 'assess_status', migrant, owner_organisation: gemeente(world), due_date: today }),
      taskProvider: await adminCreate('tasks', { type: 'confirm_appointment', migrant, owner_organisation: provider(world), due_date: today }),
      appointment: await adminCreate('appointments', { migrant, municipality: gemeente(world), desk: 'Balie 1', starts_at: `${today}T09:00:00`, ends_at: `${today}T09:15:00` }),
      consent: await adminCreate('consents', { migrant, status: 'requested', language: 'ro' }),
      history: await adminCreate('status_history', { migrant, from_status: 'geen', to_status: 'niet_ingeschreven', event: 'FIXTURE', occurred_at: `${today}T08:00:00` }),
      inspection: await adminCreate('inspections', { location: location.id, inspected_on: today, outcome: 'in_order', beds_counted: 1 }),
    };
  }
}, 120_000);

describe('access matrix', () => {
  // the matrix's updates of organisations change their e-mail address: put the demo's back for the test files after
  // this one (the consent page names a municipality's address to whom to ask)
  afterAll(async () => {
    const admin = await as('admin');
    for (const organisation of demoData().organisations) await admin.request(updateItem('organisations', organisation.id, { email: organisation.email }));
  });

  for (const collection of COLLECTIONS) {
    describe(collection, () => {
      for (const actor of ACTORS) {
        it(`${actor}: ${MATRIX[collection][actor]}`, async () => {
          const client = await as(actor);
          const own = worldOf(actor);
          const admin = await as('admin');

          // create
          const mayCreate = expected(collection, actor, 'create');
          const createdIds: string[] = [];
          const createResults: boolean[] = [];
          for (const [world, allowed] of [[own, mayCreate.own], [other(own), mayCreate.other]] as const) {
            const outcome = await attempt(client.request(createItem(collection, createPayload(collection, world, actor))));
            const context = `${actor} create ${collection} in world ${world}: ${outcome.code} ${outcome.message}`;
            if (allowed) {
              expect(outcome.ok, context).toBe(true);
              const createdId = (outcome.data as Row | null)?.['id'];
              if (createdId) createdIds.push(String(createdId));
            } else expectRefused(outcome, context);
            createResults.push(outcome.ok);
          }
          record(collection, actor, 'create', createResults[0]!, createResults[1]!);

          // read
          const mayRead = expected(collection, actor, 'read');
          const ownRow = rowOf(collection, own, actor);
          const otherRow = rowOf(collection, other(own), actor);
          const read = await attempt(client.request(readItems(collection, { filter: { id: { _in: [ownRow, otherRow] } }, fields: ['id'] })));
          if (!mayRead.own) {
            if (read.ok) expect((read.data as Row[]).length, `${actor} read ${collection}`).toBe(0);
            else expect(read.status, `${actor} read ${collection}`).toBe(403);
            record(collection, actor, 'read', false, false);
          } else {
            expect(read.ok, `${actor} read ${collection}: ${read.message}`).toBe(true);
            const ids = (read.data as Row[]).map((row) => row['id']);
            expect(ids.includes(ownRow), `${actor} sees own ${collection}`).toBe(true);
            expect(ids.includes(otherRow), `${actor} sees other world's ${collection}`).toBe(mayRead.other);
            record(collection, actor, 'read', true, ids.includes(otherRow));
          }

          // update
          const mayUpdate = expected(collection, actor, 'update');
          const updateResults: boolean[] = [];
          for (const [row, allowed] of [[ownRow, mayUpdate.own], [otherRow, mayUpdate.other]] as const) {
            const before = await admin.request(readItems(collection, { filter: { id: { _eq: row } }, limit: 1 }));
            const outcome = await attempt(client.request(updateItem(collection, row, UPDATE_PAYLOAD[collection])));
            const context = `${actor} update ${collection} ${row}: ${outcome.code} ${outcome.message}`;
            if (allowed) expect(outcome.ok, context).toBe(true);
            else {
              expectRefused(outcome, context);
              const after = await admin.request(readItems(collection, { filter: { id: { _eq: row } }, limit: 1 }));
              expect(after, `${context}: the row must be unchanged`).toEqual(before);
            }
            updateResults.push(outcome.ok);
          }
          record(collection, actor, 'update', updateResults[0]!, updateResults[1]!);

          // delete (disposable rows, so the fixtures stay)
          const mayDelete = expected(collection, actor, 'delete');
          const deleteResults: boolean[] = [];
          for (const [world, allowed] of [[own, mayDelete.own], [other(own), mayDelete.other]] as const) {
            const disposable = await adminCreate(collection, createPayload(collection, world, isProvider(actor) ? actor : 'admin'));
            const outcome = await attempt(client.request(deleteItem(collection, disposable)));
            const context = `${actor} delete ${collection} in world ${world}: ${outcome.code} ${outcome.message}`;
            const still = await admin.request(readItems(collection, { filter: { id: { _eq: disposable } }, fields: ['id'] }));
            if (allowed) {
              expect(outcome.ok, context).toBe(true);
              expect(still, context).toHaveLength(0);
            } else {
              expectRefused(outcome, context);
              expect(still, `${context}: the row must still exist`).toHaveLength(1);
              // evidence (status_history) stays for good: nobody deletes it through the API, the administrator neither
              await attempt(admin.request(deleteItem(collection, disposable)));
            }
            deleteResults.push(outcome.ok);
          }
          record(collection, actor, 'delete', deleteResults[0]!, deleteResults[1]!);

          // created rows are cleaned up so other tests see the demo data as seeded
          for (const id of createdIds) await attempt(admin.request(deleteItem(collection, id)));
        });
      }
    });
  }

  it('prints the observed matrix', () => {
    const header = ['collection'.padEnd(15), ...ACTORS.map((actor) => actor.padEnd(11))].join(' ');
    const lines = COLLECTIONS.map((collection) => [collection.padEnd(15), ...ACTORS.map((actor) => (observed.get(`${collection}|${actor}`) ?? '?').padEnd(11))].join(' '));
    console.log(['', 'Observed access (C R U D; upper case: every organisation, lower case: own organisation only, -: refused, !: other organisation only)', header, ...lines].join('\n'));
    for (const collection of COLLECTIONS) for (const actor of ACTORS) expect(observed.get(`${collection}|${actor}`), `${collection} ${actor}`).toBe(MATRIX[collection][actor]);
  });
});

/**
 * The collections only the platform writes (the key vault, the anonymous figures, the destruction log): every role
 * and anonymous, REST and GraphQL. 'R' reads every row, 'r' only its own municipality's, '-' nothing; nobody writes
 * (the full write attacks, administrators included, are in attacks/retention.test.ts).
 */
const PLATFORM_WRITTEN = ['data_keys', 'anonymous_people', 'destruction_log'] as const;
const PLATFORM_READ: Record<(typeof PLATFORM_WRITTEN)[number], Record<Actor, string>> = {
  data_keys: { admin: '-', clerkA: '-', clerkB: '-', providerA: '-', providerB: '-', inspectorA: '-', policyA: '-', municipalityAdminA: '-', public: '-' },
  anonymous_people: { admin: 'R', clerkA: '-', clerkB: '-', providerA: '-', providerB: '-', inspectorA: '-', policyA: '-', municipalityAdminA: '-', public: '-' },
  destruction_log: { admin: 'R', clerkA: '-', clerkB: '-', providerA: '-', providerB: '-', inspectorA: '-', policyA: '-', municipalityAdminA: 'r', public: '-' },
};

describe('access matrix: collections the platform writes', () => {
  for (const collection of PLATFORM_WRITTEN) {
    for (const actor of ACTORS) {
      it(`${collection} ${actor}: ${PLATFORM_READ[collection][actor]}`, async () => {
        const client = await as(actor);
        const rest = await attempt(client.request(readItems(collection, { fields: ['id'], limit: 1 })));
        const expected = PLATFORM_READ[collection][actor];
        expect(rest.ok, `${actor} reads ${collection}: ${rest.code}`).toBe(expected !== '-');
        const graphql = await gql(actor, `{ ${collection}(limit: 1) { id } }`);
        expect(Array.isArray(graphql.data?.[collection]), `${actor} reads ${collection} over GraphQL`).toBe(expected !== '-');
        const write = await attempt(client.request(createItem(collection, { id: crypto.randomUUID() })));
        expect(write.ok, `${actor} creates ${collection}`).toBe(false);
      });
    }
  }
});
