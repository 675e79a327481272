/**
 * Every role × collection × action, over HTTP as the demo users: what must work works, what must not is refused,
 * across tenants (provider A on provider B's rows, clerk B on gemeente A's migrants, policy officer on
 * migrants, the public on everything). Prints the observed matrix.
 */
import { createItem, customEndpoint, deleteItem, readItems, updateItem } from '@directus/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGANISATION_IDS } from '../../scripts/demo-data.js';
import { ACTORS, as, attempt, demoData, type Actor } from '../support/as-user.js';
import { gql, http } from './attacks/support.js';
import { patient } from '../support/patience.js';
import { CHECKLIST_ITEMS } from '../../extensions/labour-platform/src/domain/vocabulary';

type Collection =
  | 'organisations'
  | 'locations'
  | 'migrants'
  | 'stays'
  | 'tasks'
  | 'appointments'
  | 'consents'
  | 'status_history'
  | 'inspections'
  | 'imports'
  | 'bedrooms'
  | 'warnings'
  | 'inspection_findings';
type Action = 'create' | 'read' | 'update' | 'delete';
type World = 'A' | 'B';
type Row = Record<string, unknown>;
const ACTIONS: readonly Action[] = ['create', 'read', 'update', 'delete'];
const COLLECTIONS: readonly Collection[] = [
  'organisations',
  'locations',
  'migrants',
  'stays',
  'tasks',
  'appointments',
  'consents',
  'status_history',
  'inspections',
  'imports',
  'bedrooms',
  'warnings',
  'inspection_findings',
];

/**
 * Expected rights, one letter per action (create, read, update, delete): upper case = on every organisation's
 * rows, lower case = only on the actor's own organisation's rows, '-' = never.
 */
const MATRIX: Record<Collection, Record<Actor, string>> = {
  organisations: {
    admin: 'CRUD',
    clerkA: '-R--',
    clerkB: '-R--',
    providerA: '-r--',
    providerB: '-r--',
    inspectorA: '-R--',
    policyA: '-R--',
    municipalityAdminA: '-R--',
    public: '----',
  },
  locations: {
    admin: 'CRUD',
    clerkA: '-r--',
    clerkB: '-r--',
    providerA: 'crud',
    providerB: 'crud',
    inspectorA: '-r--',
    policyA: '-r--',
    municipalityAdminA: '----',
    public: '----',
  },
  migrants: {
    admin: 'CRUD',
    clerkA: '-r--',
    clerkB: '-r--',
    providerA: 'crud',
    providerB: 'crud',
    inspectorA: '----',
    policyA: '----',
    municipalityAdminA: '----',
    public: '----',
  },
  stays: {
    admin: 'CRUD',
    clerkA: '-r--',
    clerkB: '-r--',
    providerA: 'crud',
    providerB: 'crud',
    inspectorA: '----',
    policyA: '----',
    municipalityAdminA: '----',
    public: '----',
  },
  tasks: {
    admin: 'CRUD',
    clerkA: '-ru-',
    clerkB: '-ru-',
    providerA: '-ru-',
    providerB: '-ru-',
    inspectorA: '----',
    policyA: '----',
    municipalityAdminA: '----',
    public: '----',
  },
  appointments: {
    admin: 'CRUD',
    clerkA: 'cru-',
    clerkB: 'cru-',
    providerA: '-r--',
    providerB: '-r--',
    inspectorA: '----',
    policyA: '----',
    municipalityAdminA: '----',
    public: '----',
  },
  consents: {
    admin: 'CRUD',
    clerkA: '-r--',
    clerkB: '-r--',
    providerA: '-r--',
    providerB: '-r--',
    inspectorA: '----',
    policyA: '----',
    municipalityAdminA: '----',
    public: '----',
  },
  status_history: {
    admin: 'CR--',
    clerkA: '-r--',
    clerkB: '-r--',
    providerA: '-r--',
    providerB: '-r--',
    inspectorA: '----',
    policyA: '----',
    municipalityAdminA: '----',
    public: '----',
  },
  inspections: {
    admin: 'CRUD',
    clerkA: '-r--',
    clerkB: '-r--',
    providerA: '-r--',
    providerB: '-r--',
    inspectorA: 'cru-',
    policyA: '----',
    municipalityAdminA: '----',
    public: '----',
  },
  // the intake's reports: written only by the platform (POST /intake/imports); a clerk reads only the imports it made
  // itself (none of these fixtures, made by the administrator)
  imports: {
    admin: 'CRUD',
    clerkA: '----',
    clerkB: '----',
    providerA: '-r--',
    providerB: '-r--',
    inspectorA: '----',
    policyA: '----',
    municipalityAdminA: '----',
    public: '----',
  },
  bedrooms: {
    admin: 'CRUD',
    clerkA: '-r--',
    clerkB: '-r--',
    providerA: 'crud',
    providerB: 'crud',
    inspectorA: '-r--',
    policyA: '----',
    municipalityAdminA: '----',
    public: '----',
  },
  // a location's warning (no free bed): a person's is never an inspector's (supervision.test.ts tries both kinds)
  warnings: {
    admin: 'CRUD',
    clerkA: '-ru-',
    clerkB: '-ru-',
    providerA: '-r--',
    providerB: '-r--',
    inspectorA: '-ru-',
    policyA: '----',
    municipalityAdminA: '-r--',
    public: '----',
  },
  // an inspection's checklist item: the inspector records its municipality's (its own update is the note, tried in
  // inspections.test.ts; this payload is the provider's answer), the location's provider answers its own open ones
  inspection_findings: {
    admin: 'CRUD',
    clerkA: '-r--',
    clerkB: '-r--',
    providerA: '-ru-',
    providerB: '-ru-',
    inspectorA: 'cr--',
    policyA: '----',
    municipalityAdminA: '----',
    public: '----',
  },
};

/**
 * The platform's own endpoints that are no collection, by every role and anonymous: the HTTP status each gets.
 * (What a caller gets inside the answer is the attack suite's: test/integration/attacks/.)
 */
const ENDPOINT_MATRIX: Record<string, Record<Actor, number>> = {
  'GET /intake/template.xlsx': {
    admin: 200,
    clerkA: 200,
    clerkB: 200,
    providerA: 200,
    providerB: 200,
    inspectorA: 200,
    policyA: 200,
    municipalityAdminA: 200,
    public: 401,
  },
  // the figures exist only for a policy officer: for everyone else a missing route (404 ROUTE_NOT_FOUND)
  'GET /insights/figures': {
    admin: 404,
    clerkA: 404,
    clerkB: 404,
    providerA: 404,
    providerB: 404,
    inspectorA: 404,
    policyA: 200,
    municipalityAdminA: 404,
    public: 404,
  },
  'GET /insights/figures/brp-status-by-location': {
    admin: 404,
    clerkA: 404,
    clerkB: 404,
    providerA: 404,
    providerB: 404,
    inspectorA: 404,
    policyA: 200,
    municipalityAdminA: 404,
    public: 404,
  },
  'GET /insights/map': {
    admin: 404,
    clerkA: 404,
    clerkB: 404,
    providerA: 404,
    providerB: 404,
    inspectorA: 404,
    policyA: 200,
    municipalityAdminA: 404,
    public: 404,
  },
  'GET /insights/export/occupancy.csv': {
    admin: 404,
    clerkA: 404,
    clerkB: 404,
    providerA: 404,
    providerB: 404,
    inspectorA: 404,
    policyA: 200,
    municipalityAdminA: 404,
    public: 404,
  },
  'GET /insights/export/occupancy.xlsx': {
    admin: 404,
    clerkA: 404,
    clerkB: 404,
    providerA: 404,
    providerB: 404,
    inspectorA: 404,
    policyA: 200,
    municipalityAdminA: 404,
    public: 404,
  },
  'GET /insights/report': {
    admin: 404,
    clerkA: 404,
    clerkB: 404,
    providerA: 404,
    providerB: 404,
    inspectorA: 404,
    policyA: 200,
    municipalityAdminA: 404,
    public: 404,
  },
  'GET /insights/tiles/7/65/42.png': {
    admin: 404,
    clerkA: 404,
    clerkB: 404,
    providerA: 404,
    providerB: 404,
    inspectorA: 404,
    policyA: 200,
    municipalityAdminA: 404,
    public: 404,
  },
  // door 2's API credentials: a provider manages its own organisation's, the administrator any provider's
  'GET /intake/credentials': {
    admin: 200,
    clerkA: 404,
    clerkB: 404,
    providerA: 200,
    providerB: 200,
    inspectorA: 404,
    policyA: 404,
    municipalityAdminA: 404,
    public: 401,
  },
};

/**
 * A provider system's API credential (provider A's), per collection: what it reads over REST ('r' its own
 * organisation's rows, '-' nothing: 401, as its token is no credential there) and that every write is a 401.
 * GraphQL is a 401 altogether. The intake door itself is the attack suite's (attacks/intake-credentials.test.ts).
 */
const CREDENTIAL_MATRIX: Record<Collection, string> = {
  organisations: '----',
  locations: '-r--',
  migrants: '-r--',
  stays: '-r--',
  tasks: '----',
  appointments: '----',
  consents: '----',
  status_history: '----',
  inspections: '----',
  imports: '----',
  bedrooms: '----',
  warnings: '----',
  inspection_findings: '----',
};

const ORG = DEMO_ORGANISATION_IDS;
const worldOf = (actor: Actor): World => (actor === 'clerkB' || actor === 'providerB' ? 'B' : 'A');
const other = (world: World): World => (world === 'A' ? 'B' : 'A');
const isProvider = (actor: Actor) => actor === 'providerA' || actor === 'providerB';
const gemeente = (world: World) => (world === 'A' ? ORG.gemeenteA : ORG.gemeenteB);
const provider = (world: World) => (world === 'A' ? ORG.providerA : ORG.providerB);
const today = new Date().toISOString().slice(0, 10);

/** Fixture rows per world, created by the administrator. */
const fixture = {} as Record<
  World,
  {
    location: string;
    migrant: string;
    stay: string;
    taskGemeente: string;
    taskProvider: string;
    appointment: string;
    consent: string;
    history: string;
    inspection: string;
    import: string;
    bedroom: string;
    warning: string;
    finding: string;
  }
>;

/** One finding per item and inspection: each new matrix finding takes the next item (the fixture has `showers`). */
const MATRIX_ITEMS = CHECKLIST_ITEMS.filter((item) => item !== 'showers');
let nextItem = 0;

function createPayload(collection: Collection, world: World, actor: Actor): Row {
  const f = fixture[world];
  switch (collection) {
    case 'organisations':
      return { name: `Matrix organisation ${actor}`, type: 'huisvester' };
    case 'locations':
      return {
        name: `Matrix ${actor}`,
        street: 'Teststraat',
        house_number: '1',
        postcode: '1761 AB',
        city: 'Anna Paulowna',
        capacity: 4,
        bag_id: `${world === 'A' ? '1911' : '0441'}010000999001`,
        provider: provider(world),
      };
    case 'migrants':
      return {
        first_names: 'Test',
        surname: `Matrix ${actor}`,
        date_of_birth: '1990-02-03',
        nationality: 'PL',
        language: 'pl',
        arrival_date: today,
        provider: provider(world),
      };
    case 'stays':
      return { migrant: f.migrant, location: f.location, start_date: '2020-01-01', end_date: '2020-01-31' };
    case 'tasks':
      return {
        type: 'assess_status',
        migrant: f.migrant,
        owner_organisation: isProvider(actor) ? provider(world) : gemeente(world),
        due_date: today,
      };
    case 'appointments':
      return {
        migrant: f.migrant,
        municipality: gemeente(world),
        desk: 'Balie 1',
        starts_at: `${today}T09:00:00`,
        ends_at: `${today}T09:15:00`,
      };
    case 'consents':
      return { migrant: f.migrant, status: 'requested', language: 'pl' };
    case 'status_history':
      return {
        migrant: f.migrant,
        from_status: 'geen',
        to_status: 'niet_ingeschreven',
        event: 'MATRIX',
        occurred_at: `${today}T10:00:00`,
      };
    case 'inspections':
      return { location: f.location, inspected_on: today, outcome: 'in_order', beds_counted: 2 };
    case 'imports':
      return {
        provider: provider(world),
        channel: 'file',
        mode: 'additions',
        status: 'committed',
        file_sha256: `matrix-${actor}`,
      };
    case 'bedrooms':
      return { location: f.location, area_m2: 8, beds: 2 };
    case 'inspection_findings':
      return { inspection: f.inspection, item: MATRIX_ITEMS[nextItem++ % MATRIX_ITEMS.length], met: false };
    case 'warnings':
      return {
        type: 'no_free_bed',
        severity: 'warning',
        status: 'open',
        subject_key: `matrix-${actor}-${world}-${Math.random()}`,
        municipality: gemeente(world),
        provider: provider(world),
        location: f.location,
        details: { type: 'no_free_bed', capacity: 1, occupancy: 2, excess: 1 },
      };
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
  imports: { count_new: 7 },
  bedrooms: { beds: 3 },
  warnings: { status: 'acknowledged' },
  inspection_findings: { answer: 'matrix' },
};

function rowOf(collection: Collection, world: World, actor: Actor): string {
  const f = fixture[world];
  switch (collection) {
    case 'organisations':
      return isProvider(actor) ? provider(world) : gemeente(world);
    case 'locations':
      return f.location;
    case 'migrants':
      return f.migrant;
    case 'stays':
      return f.stay;
    case 'tasks':
      return isProvider(actor) ? f.taskProvider : f.taskGemeente;
    case 'appointments':
      return f.appointment;
    case 'consents':
      return f.consent;
    case 'status_history':
      return f.history;
    case 'inspections':
      return f.inspection;
    case 'imports':
      return f.import;
    case 'bedrooms':
      return f.bedroom;
    case 'warnings':
      return f.warning;
    case 'inspection_findings':
      return f.finding;
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
    const migrant = await adminCreate('migrants', {
      first_names: 'Fixture',
      surname: `World ${world}`,
      date_of_birth: '1988-05-06',
      nationality: 'RO',
      language: 'ro',
      arrival_date: today,
      provider: provider(world),
    });
    const stay = await adminCreate('stays', { migrant, location: location.id, start_date: today });
    const inspection = await adminCreate('inspections', {
      location: location.id,
      inspected_on: today,
      outcome: 'deficiencies',
      beds_counted: 1,
    });
    fixture[world] = {
      location: location.id,
      migrant,
      stay,
      taskGemeente: await adminCreate('tasks', {
        type: 'assess_status',
        migrant,
        owner_organisation: gemeente(world),
        due_date: today,
      }),
      taskProvider: await adminCreate('tasks', {
        type: 'confirm_appointment',
        migrant,
        owner_organisation: provider(world),
        due_date: today,
      }),
      appointment: await adminCreate('appointments', {
        migrant,
        municipality: gemeente(world),
        desk: 'Balie 1',
        starts_at: `${today}T09:00:00`,
        ends_at: `${today}T09:15:00`,
      }),
      consent: await adminCreate('consents', { migrant, status: 'requested', language: 'ro' }),
      history: await adminCreate('status_history', {
        migrant,
        from_status: 'geen',
        to_status: 'niet_ingeschreven',
        event: 'FIXTURE',
        occurred_at: `${today}T08:00:00`,
      }),
      inspection,
      finding: await adminCreate('inspection_findings', { inspection, item: 'showers', met: false }),
      import: await adminCreate('imports', {
        provider: provider(world),
        channel: 'file',
        mode: 'additions',
        status: 'committed',
        file_sha256: `fixture-${world}`,
      }),
      bedroom: await adminCreate('bedrooms', { location: location.id, area_m2: 9, beds: 2 }),
      warning: await adminCreate('warnings', {
        type: 'no_free_bed',
        severity: 'warning',
        status: 'open',
        subject_key: `matrix-fixture-${world}-${Date.now()}`,
        municipality: gemeente(world),
        provider: provider(world),
        location: location.id,
        details: { type: 'no_free_bed', capacity: 1, occupancy: 2, excess: 1 },
      }),
    };
  }
}, patient(120_000));

describe('access matrix', () => {
  // the matrix's updates of organisations change their e-mail address: put the demo's back for the test files after
  // this one (the consent page names a municipality's address to whom to ask)
  afterAll(async () => {
    const admin = await as('admin');
    for (const organisation of demoData().organisations)
      await admin.request(updateItem('organisations', organisation.id, { email: organisation.email }));
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
          for (const [world, allowed] of [
            [own, mayCreate.own],
            [other(own), mayCreate.other],
          ] as const) {
            const outcome = await attempt(
              client.request(createItem(collection, createPayload(collection, world, actor))),
            );
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
          const read = await attempt(
            client.request(readItems(collection, { filter: { id: { _in: [ownRow, otherRow] } }, fields: ['id'] })),
          );
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
          for (const [row, allowed] of [
            [ownRow, mayUpdate.own],
            [otherRow, mayUpdate.other],
          ] as const) {
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
          for (const [world, allowed] of [
            [own, mayDelete.own],
            [other(own), mayDelete.other],
          ] as const) {
            const disposable = await adminCreate(
              collection,
              createPayload(collection, world, isProvider(actor) ? actor : 'admin'),
            );
            const outcome = await attempt(client.request(deleteItem(collection, disposable)));
            const context = `${actor} delete ${collection} in world ${world}: ${outcome.code} ${outcome.message}`;
            const still = await admin.request(
              readItems(collection, { filter: { id: { _eq: disposable } }, fields: ['id'] }),
            );
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
    const lines = COLLECTIONS.map((collection) =>
      [
        collection.padEnd(15),
        ...ACTORS.map((actor) => (observed.get(`${collection}|${actor}`) ?? '?').padEnd(11)),
      ].join(' '),
    );
    console.log(
      [
        '',
        'Observed access (C R U D; upper case: every organisation, lower case: own organisation only, -: refused, !: other organisation only)',
        header,
        ...lines,
      ].join('\n'),
    );
    for (const collection of COLLECTIONS)
      for (const actor of ACTORS)
        expect(observed.get(`${collection}|${actor}`), `${collection} ${actor}`).toBe(MATRIX[collection][actor]);
  });
});

/**
 * The access export (GET /privacy/migrants/:id/export), by every role and anonymous on the fixture migrant of its own
 * world and of the other: 'o' = answered, '-' = the 404 NOT_FOUND of a missing migrant (anonymous: 401).
 */
const EXPORT_MATRIX: Record<Actor, string> = {
  admin: '--',
  clerkA: '--',
  clerkB: '--',
  providerA: 'o-',
  providerB: 'o-',
  inspectorA: '--',
  policyA: '--',
  municipalityAdminA: 'o-',
  public: '--',
};

describe('access matrix: the access export', () => {
  for (const actor of ACTORS) {
    it(`${actor}: ${EXPORT_MATRIX[actor]}`, async () => {
      const client = await as(actor);
      const own = worldOf(actor);
      const seen: string[] = [];
      for (const world of [own, other(own)]) {
        const outcome = await attempt(
          client.request(customEndpoint({ method: 'GET', path: `/privacy/migrants/${fixture[world].migrant}/export` })),
        );
        seen.push(outcome.ok ? 'o' : '-');
        if (!outcome.ok)
          expect(outcome.status, `${actor} export in world ${world}: ${outcome.code}`).toBe(
            actor === 'public' ? 401 : 404,
          );
      }
      expect(seen.join(''), actor).toBe(EXPORT_MATRIX[actor]);
    });
  }
});

describe('access matrix: endpoints', () => {
  for (const [route, expected] of Object.entries(ENDPOINT_MATRIX)) {
    it(`${route}: ${ACTORS.map((actor) => `${actor} ${expected[actor]}`).join(', ')}`, async () => {
      const [method, path] = route.split(' ') as [string, string];
      const observedStatus: Record<string, number> = {};
      for (const actor of ACTORS) observedStatus[actor] = (await http(actor, method, path)).status;
      console.log(`\nObserved ${route}: ${ACTORS.map((actor) => `${actor} ${observedStatus[actor]}`).join(', ')}`);
      expect(observedStatus).toEqual(expected);
    });
  }
});

describe('access matrix: a provider system’s API credential', () => {
  let token = '';
  beforeAll(async () => {
    const made = await http('providerA', 'POST', '/intake/credentials', { name: 'Matrix system A' });
    expect(made.status, made.text).toBe(201);
    token = (made.body as { data: { token: string } }).data.token;
  });
  const withToken = (method: string, path: string, body?: unknown) =>
    http('public', method, path, body, { Authorization: `Bearer ${token}` });

  for (const collection of COLLECTIONS) {
    it(`${collection}: ${CREDENTIAL_MATRIX[collection]}`, async () => {
      const read = await withToken('GET', `/items/${collection}?fields=*&limit=-1`);
      const seen: string[] = ['-'];
      if (CREDENTIAL_MATRIX[collection][1] === 'r') {
        expect(read.status, read.text).toBe(200);
        const rows = (read.body as { data: Row[] }).data;
        const owner = (row: Row) => (collection === 'stays' ? null : row['provider']);
        expect(
          rows.every((row) => owner(row) === null || owner(row) === ORG.providerA),
          collection,
        ).toBe(true);
        if (collection === 'stays') {
          const other = await withToken('GET', `/items/stays/${fixture.B.stay}?fields=id`);
          expect(other.status).toBeGreaterThanOrEqual(400);
        }
        seen.push('r');
      } else {
        expect(read.status, read.text).toBe(401);
        seen.push('-');
      }
      const create = await withToken('POST', `/items/${collection}`, createPayload(collection, 'A', 'providerA'));
      const f = fixture.A;
      const row = {
        organisations: ORG.providerA,
        locations: f.location,
        migrants: f.migrant,
        stays: f.stay,
        tasks: f.taskProvider,
        appointments: f.appointment,
        consents: f.consent,
        status_history: f.history,
        inspections: f.inspection,
        imports: f.import,
        bedrooms: f.bedroom,
        warnings: f.warning,
        inspection_findings: f.finding,
      }[collection];
      const update = await withToken('PATCH', `/items/${collection}/${row}`, { name: 'changed' });
      const remove = await withToken('DELETE', `/items/${collection}/${row}`);
      for (const write of [create, update, remove]) expect(write.status, `${collection}: ${write.text}`).toBe(401);
      seen.push('-', '-');
      console.log(`\nObserved credential ${collection}: ${seen.join('')}`);
      expect(seen.join('')).toBe(CREDENTIAL_MATRIX[collection]);
    });
  }

  it('GraphQL and the system collections: 401', async () => {
    for (const [method, path, body] of [
      ['POST', '/graphql', { query: '{ migrants { id } }' }],
      ['POST', '/graphql/system', { query: '{ users_me { id } }' }],
      ['GET', '/users/me', undefined],
      ['GET', '/items/intake_credentials', undefined],
    ] as const)
      expect((await withToken(method, path, body)).status, `${method} ${path}`).toBe(401);
  });
});

/**
 * The admin app's own texts (directus_translations: labels, notes, bookmark names; nothing personal, nothing
 * secret) are read by the login page before anyone is signed in: the public reads them, every role reads them, and
 * only the administrator writes them. REST and GraphQL.
 */
describe('access matrix: directus_translations', () => {
  for (const actor of ACTORS) {
    it(`${actor}: ${actor === 'admin' ? 'CRUD' : '-R--'}`, async () => {
      const rest = await http(actor, 'GET', '/translations?limit=1&fields=key,language,value');
      expect(rest.status, rest.text).toBe(200);
      expect((rest.body as { data: unknown[] }).data.length).toBe(1);
      const graphql = await http(actor, 'POST', '/graphql/system', {
        query: '{ translations(limit: 1) { key language value } }',
      });
      expect(graphql.status, graphql.text).toBe(200);
      expect((graphql.body as { data?: { translations?: unknown[] } }).data?.translations?.length, graphql.text).toBe(
        1,
      );

      const created = await http(actor, 'POST', '/translations', {
        key: `matrix.${actor}`,
        language: 'en-US',
        value: 'Matrix',
      });
      const gqlCreate = await http(actor, 'POST', '/graphql/system', {
        query: `mutation { create_translations_item(data: { key: "matrix.gql.${actor}", language: "en-US", value: "Matrix" }) { id } }`,
      });
      if (actor === 'admin') {
        expect(created.status, created.text).toBe(200);
        const id = (created.body as { data: { id: string } }).data.id;
        expect((await http(actor, 'PATCH', `/translations/${id}`, { value: 'Matrix 2' })).status).toBe(200);
        expect((await http(actor, 'DELETE', `/translations/${id}`)).status).toBe(204);
        const gqlId = (gqlCreate.body as { data?: { create_translations_item?: { id: string } } }).data
          ?.create_translations_item?.id;
        expect(gqlId, gqlCreate.text).toBeTruthy();
        await http(actor, 'DELETE', `/translations/${gqlId}`);
        return;
      }
      expect(created.status, created.text).toBe(403);
      // without a create permission Directus leaves the mutation out of the caller's schema: refused either way
      expect(['FORBIDDEN', 'GRAPHQL_VALIDATION'], gqlCreate.text).toContain(
        (gqlCreate.body as { errors?: Array<{ extensions?: { code?: string } }> }).errors?.[0]?.extensions?.code,
      );
      const existing = (rest.body as { data: Array<{ key: string }> }).data[0]!;
      const [row] = (
        (
          await http(
            'admin',
            'GET',
            `/translations?filter[key][_eq]=${encodeURIComponent(existing.key)}&fields=id&limit=1`,
          )
        ).body as { data: Array<{ id: string }> }
      ).data;
      expect((await http(actor, 'PATCH', `/translations/${row!.id}`, { value: 'changed' })).status).toBe(403);
      expect((await http(actor, 'DELETE', `/translations/${row!.id}`)).status).toBe(403);
    });
  }
});

/**
 * The collections only the platform writes (the key vault, the anonymous figures, the destruction log): every role
 * and anonymous, REST and GraphQL. 'R' reads every row, 'r' only its own municipality's, '-' nothing; nobody writes
 * (the full write attacks, administrators included, are in attacks/retention.test.ts).
 */
const PLATFORM_WRITTEN = [
  'data_keys',
  'migrant_documents',
  'intake_credentials',
  'anonymous_people',
  'destruction_log',
] as const;
const PLATFORM_READ: Record<(typeof PLATFORM_WRITTEN)[number], Record<Actor, string>> = {
  data_keys: {
    admin: '-',
    clerkA: '-',
    clerkB: '-',
    providerA: '-',
    providerB: '-',
    inspectorA: '-',
    policyA: '-',
    municipalityAdminA: '-',
    public: '-',
  },
  // the migrants' documents: only through /privacy/migrants/:id/documents (the reveal rule), never the collection
  migrant_documents: {
    admin: '-',
    clerkA: '-',
    clerkB: '-',
    providerA: '-',
    providerB: '-',
    inspectorA: '-',
    policyA: '-',
    municipalityAdminA: '-',
    public: '-',
  },
  intake_credentials: {
    admin: '-',
    clerkA: '-',
    clerkB: '-',
    providerA: '-',
    providerB: '-',
    inspectorA: '-',
    policyA: '-',
    municipalityAdminA: '-',
    public: '-',
  },
  anonymous_people: {
    admin: 'R',
    clerkA: '-',
    clerkB: '-',
    providerA: '-',
    providerB: '-',
    inspectorA: '-',
    policyA: '-',
    municipalityAdminA: '-',
    public: '-',
  },
  destruction_log: {
    admin: 'R',
    clerkA: '-',
    clerkB: '-',
    providerA: '-',
    providerB: '-',
    inspectorA: '-',
    policyA: '-',
    municipalityAdminA: 'r',
    public: '-',
  },
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
        expect(Array.isArray(graphql.data?.[collection]), `${actor} reads ${collection} over GraphQL`).toBe(
          expected !== '-',
        );
        const write = await attempt(client.request(createItem(collection, { id: crypto.randomUUID() })));
        expect(write.ok, `${actor} creates ${collection}`).toBe(false);
      });
    }
  }
});
