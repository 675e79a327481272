/**
 * Attack class 2: fields that decide tenancy or responsibility are not the tenant's to set. As every role and
 * anonymous, through REST and GraphQL, on create and update, including nested writes: try to set each tenancy
 * field; none moves. The BRP endpoint never lets a provider take a municipality's step.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGANISATION_IDS as ORG } from '../../../scripts/demo-data.js';
import { ACTORS, gql, http, printAttackTable, tried, type Actor, type HttpAnswer } from './support.js';

printAttackTable('tenancy fields');

const NON_ADMINS: readonly Actor[] = ACTORS.filter((actor) => actor !== 'admin');
const TODAY = new Date().toISOString().slice(0, 10);
const BAG_A = '1911010000990001';
const BAG_B = '0441010000990001';
/** An organisation that is not the actor's own. */
const otherProvider = (actor: Actor): string => (actor === 'providerB' ? ORG.providerA : ORG.providerB);
const otherMunicipality = (actor: Actor): string => (actor === 'clerkB' ? ORG.gemeenteA : ORG.gemeenteB);

interface Fixture {
  location: string;
  migrant: string;
  stay: string;
  appointment: string;
  task: string | null;
}
let f: Fixture;

async function admin(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const answer = await http('admin', method, path, body);
  if (answer.status >= 300) throw new Error(`${method} ${path} as admin: ${answer.status} ${answer.text}`);
  return ((answer.body as { data?: Record<string, unknown> } | null)?.data ?? {}) as Record<string, unknown>;
}

const outcome = (answer: HttpAnswer): string => {
  const errors = (answer.body as { errors?: Array<{ message?: string; extensions?: { code?: string } }> } | null)
    ?.errors;
  return `${answer.status} ${answer.code ?? (errors ? '' : 'ok')} ${errors?.[0]?.message ?? ''}`.trim();
};

/** A write that must be refused: a 4xx over REST, an error and no data over GraphQL. */
function expectRefused(answer: HttpAnswer & { data?: Record<string, unknown> | null }, label: string): void {
  if (answer.data !== undefined) {
    const values = Object.values(answer.data ?? {});
    expect(
      values.every((value) => value === null),
      `${label}: GraphQL wrote ${JSON.stringify(answer.data)}`,
    ).toBe(true);
    expect(answer.code, `${label}: GraphQL error`).not.toBeNull();
  } else {
    expect(answer.status, `${label}: ${answer.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
    expect(answer.status, label).toBeLessThan(500);
  }
}

async function tenancyState(): Promise<string> {
  const location = await admin('GET', `/items/locations/${f.location}?fields=municipality,provider,bag_id`);
  const migrant = await admin('GET', `/items/migrants/${f.migrant}?fields=provider,current_location,brp_status`);
  const appointment = await admin('GET', `/items/appointments/${f.appointment}?fields=municipality`);
  const task = f.task ? await admin('GET', `/items/tasks/${f.task}?fields=owner_organisation`) : {};
  const users = (await http('admin', 'GET', '/users?fields=email,organisation&sort=email,id&limit=-1')).body as {
    data: unknown;
  };
  return JSON.stringify({ location, migrant, appointment, task, users: users.data });
}

beforeAll(async () => {
  const location = await admin('POST', '/items/locations', {
    name: 'Tenancy probe',
    street: 'Molenvaart',
    house_number: '99',
    postcode: '1761 AB',
    city: 'Anna Paulowna',
    capacity: 8,
    provider: ORG.providerA,
    bag_id: BAG_A,
  });
  const migrant = await admin('POST', '/items/migrants', {
    first_names: 'Tenancy',
    surname: 'Fields',
    date_of_birth: '1990-01-01',
    nationality: 'RO',
    language: 'ro',
    arrival_date: TODAY,
    provider: ORG.providerA,
  });
  const stay = await admin('POST', '/items/stays', {
    migrant: migrant['id'],
    location: location['id'],
    start_date: TODAY,
  });
  const soon = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  const appointment = await admin('POST', '/items/appointments', {
    migrant: migrant['id'],
    municipality: ORG.gemeenteA,
    desk: 'Balie 3',
    starts_at: `${soon}T09:00:00`,
    ends_at: `${soon}T09:15:00`,
  });
  // the current location and the municipality's task follow the stay in action hooks: wait until they did
  let task: string | null = null;
  for (let round = 0; round < 50; round += 1) {
    const tasks = (await http('admin', 'GET', `/items/tasks?filter[migrant][_eq]=${String(migrant['id'])}&fields=id`))
      .body as { data: Array<{ id: string }> };
    const current = await admin('GET', `/items/migrants/${String(migrant['id'])}?fields=current_location`);
    task = tasks.data[0]?.id ?? null;
    if (task && current['current_location'] === location['id']) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  f = {
    location: String(location['id']),
    migrant: String(migrant['id']),
    stay: String(stay['id']),
    appointment: String(appointment['id']),
    task,
  };
});

describe('tenancy fields are not the tenant’s to set', () => {
  it('derives a new location’s municipality from its BAG id, for the administrator too', async () => {
    const location = await admin('GET', `/items/locations/${f.location}?fields=municipality`);
    expect(location['municipality']).toBe(ORG.gemeenteA);
  });

  it('refuses every attempt to set a tenancy field, REST and GraphQL, create and update, nested too', async () => {
    const before = await tenancyState();
    const otherLocation = await admin('POST', '/items/locations', {
      name: 'Tenancy other',
      street: 'Markt',
      house_number: '1',
      postcode: '1741 AA',
      city: 'Schagen',
      capacity: 4,
      provider: ORG.providerB,
      bag_id: BAG_B,
    });
    const attempts: Array<{
      what: string;
      channel: 'REST' | 'GraphQL';
      run: (actor: Actor) => Promise<HttpAnswer & { data?: Record<string, unknown> | null }>;
    }> = [
      // locations.municipality
      {
        what: 'PATCH location municipality -> other gemeente',
        channel: 'REST',
        run: (a) => http(a, 'PATCH', `/items/locations/${f.location}`, { municipality: ORG.gemeenteB }),
      },
      {
        what: 'PATCH location municipality -> null (out of sight)',
        channel: 'REST',
        run: (a) => http(a, 'PATCH', `/items/locations/${f.location}`, { municipality: null }),
      },
      {
        what: 'PATCH location municipality -> own organisation',
        channel: 'REST',
        run: (a) => http(a, 'PATCH', `/items/locations/${f.location}`, { municipality: ORG.providerA }),
      },
      {
        what: 'PATCH location bag_id -> other municipality',
        channel: 'REST',
        run: (a) => http(a, 'PATCH', `/items/locations/${f.location}`, { bag_id: BAG_B }),
      },
      {
        what: 'PATCH locations batch municipality',
        channel: 'REST',
        run: (a) => http(a, 'PATCH', '/items/locations', { keys: [f.location], data: { municipality: ORG.gemeenteB } }),
      },
      {
        what: 'POST location with municipality',
        channel: 'REST',
        run: (a) =>
          http(a, 'POST', '/items/locations', {
            name: `Probe ${a}`,
            street: 'S',
            house_number: '1',
            postcode: '1761 AB',
            city: 'C',
            capacity: 1,
            bag_id: BAG_A,
            municipality: ORG.gemeenteB,
          }),
      },
      {
        what: 'POST location with own organisation as municipality',
        channel: 'REST',
        run: (a) =>
          http(a, 'POST', '/items/locations', {
            name: `Probe ${a}`,
            street: 'S',
            house_number: '1',
            postcode: '1761 AB',
            city: 'C',
            capacity: 1,
            municipality: ORG.providerA,
          }),
      },
      {
        what: 'POST location without BAG id',
        channel: 'REST',
        run: (a) =>
          http(a, 'POST', '/items/locations', {
            name: `Probe ${a}`,
            street: 'S',
            house_number: '1',
            postcode: '1761 AB',
            city: 'C',
            capacity: 1,
          }),
      },
      {
        what: 'POST location with a BAG id of no municipality',
        channel: 'REST',
        run: (a) =>
          http(a, 'POST', '/items/locations', {
            name: `Probe ${a}`,
            street: 'S',
            house_number: '1',
            postcode: '1761 AB',
            city: 'C',
            capacity: 1,
            bag_id: '9999010000000001',
          }),
      },
      {
        what: 'update_locations_item municipality',
        channel: 'GraphQL',
        run: (a) =>
          gql(
            a,
            `mutation { update_locations_item(id: "${f.location}", data: { municipality: "${ORG.gemeenteB}" }) { id } }`,
          ),
      },
      {
        what: 'create_locations_item municipality',
        channel: 'GraphQL',
        run: (a) =>
          gql(
            a,
            `mutation { create_locations_item(data: { name: "G", street: "S", house_number: "1", postcode: "1761 AB", city: "C", capacity: 1, bag_id: "1911010000990002", municipality: "${ORG.gemeenteB}" }) { id } }`,
          ),
      },
      // locations.provider
      {
        what: 'PATCH location provider -> other provider',
        channel: 'REST',
        run: (a) => http(a, 'PATCH', `/items/locations/${f.location}`, { provider: ORG.providerB }),
      },
      {
        what: 'POST location for another provider',
        channel: 'REST',
        run: (a) =>
          http(a, 'POST', '/items/locations', {
            name: `Probe ${a}`,
            street: 'S',
            house_number: '1',
            postcode: '1761 AB',
            city: 'C',
            capacity: 1,
            bag_id: BAG_A,
            provider: otherProvider(a),
          }),
      },
      // migrants.provider and current_location
      {
        what: 'PATCH migrant provider -> other provider',
        channel: 'REST',
        run: (a) => http(a, 'PATCH', `/items/migrants/${f.migrant}`, { provider: ORG.providerB }),
      },
      {
        what: 'PATCH migrant current_location -> other location',
        channel: 'REST',
        run: (a) => http(a, 'PATCH', `/items/migrants/${f.migrant}`, { current_location: otherLocation['id'] }),
      },
      {
        what: 'PATCH migrant current_location -> null',
        channel: 'REST',
        run: (a) => http(a, 'PATCH', `/items/migrants/${f.migrant}`, { current_location: null }),
      },
      {
        what: 'POST migrant for another provider',
        channel: 'REST',
        run: (a) =>
          http(a, 'POST', '/items/migrants', {
            first_names: 'X',
            surname: `Probe ${a}`,
            date_of_birth: '1990-01-01',
            nationality: 'PL',
            language: 'pl',
            arrival_date: TODAY,
            provider: otherProvider(a),
          }),
      },
      {
        what: 'POST migrant with current_location',
        channel: 'REST',
        run: (a) =>
          http(a, 'POST', '/items/migrants', {
            first_names: 'X',
            surname: `Probe ${a}`,
            date_of_birth: '1990-01-01',
            nationality: 'PL',
            language: 'pl',
            arrival_date: TODAY,
            current_location: f.location,
          }),
      },
      {
        what: 'update_migrants_item provider',
        channel: 'GraphQL',
        run: (a) =>
          gql(
            a,
            `mutation { update_migrants_item(id: "${f.migrant}", data: { provider: "${ORG.providerB}" }) { id } }`,
          ),
      },
      // nested writes
      {
        what: 'PATCH stay with nested location {municipality}',
        channel: 'REST',
        run: (a) =>
          http(a, 'PATCH', `/items/stays/${f.stay}`, { location: { id: f.location, municipality: ORG.gemeenteB } }),
      },
      {
        what: 'PATCH stay with nested migrant {provider}',
        channel: 'REST',
        run: (a) => http(a, 'PATCH', `/items/stays/${f.stay}`, { migrant: { id: f.migrant, provider: ORG.providerB } }),
      },
      {
        what: 'POST stay with a nested new location {municipality}',
        channel: 'REST',
        run: (a) =>
          http(a, 'POST', '/items/stays', {
            migrant: f.migrant,
            start_date: TODAY,
            location: {
              name: 'Nested',
              street: 'S',
              house_number: '1',
              postcode: '1761 AB',
              city: 'C',
              capacity: 1,
              bag_id: BAG_A,
              municipality: ORG.gemeenteB,
            },
          }),
      },
      {
        what: 'POST migrant with nested stay at a new location {municipality}',
        channel: 'REST',
        run: (a) =>
          http(a, 'POST', '/items/migrants', {
            first_names: 'X',
            surname: `Nested ${a}`,
            date_of_birth: '1990-01-01',
            nationality: 'PL',
            language: 'pl',
            arrival_date: TODAY,
            stays: [
              {
                start_date: TODAY,
                location: {
                  name: 'Nested',
                  street: 'S',
                  house_number: '1',
                  postcode: '1761 AB',
                  city: 'C',
                  capacity: 1,
                  bag_id: BAG_A,
                  municipality: ORG.gemeenteB,
                },
              },
            ],
          }),
      },
      {
        what: 'PATCH location with nested stays moving a migrant elsewhere',
        channel: 'REST',
        run: (a) => http(a, 'PATCH', `/items/stays/${f.stay}`, { location: otherLocation['id'] }),
      },
      // appointments.municipality, tasks.owner_organisation
      {
        what: 'PATCH appointment municipality',
        channel: 'REST',
        run: (a) => http(a, 'PATCH', `/items/appointments/${f.appointment}`, { municipality: ORG.gemeenteB }),
      },
      {
        what: 'POST appointment for another municipality',
        channel: 'REST',
        run: (a) =>
          http(a, 'POST', '/items/appointments', {
            migrant: f.migrant,
            municipality: otherMunicipality(a),
            desk: 'B',
            starts_at: '2030-01-01T09:00:00',
            ends_at: '2030-01-01T09:15:00',
          }),
      },
      ...(f.task
        ? [
            {
              what: 'PATCH task owner_organisation',
              channel: 'REST' as const,
              run: (a: Actor) => http(a, 'PATCH', `/items/tasks/${f.task}`, { owner_organisation: ORG.providerA }),
            },
          ]
        : []),
      // directus_users.organisation
      {
        what: 'PATCH /users/me organisation',
        channel: 'REST',
        run: (a) => http(a, 'PATCH', '/users/me', { organisation: ORG.gemeenteB }),
      },
      {
        what: 'update_users_me organisation',
        channel: 'GraphQL',
        run: (a) =>
          gql(
            a,
            `mutation { update_users_me(data: { organisation: "${ORG.gemeenteB}" }) { id } }`,
            {},
            '/graphql/system',
          ),
      },
    ];
    for (const actor of NON_ADMINS) {
      for (const attempt of attempts) {
        const answer = await attempt.run(actor);
        tried({
          attack: 'tenancy-fields',
          actor,
          channel: attempt.channel,
          what: attempt.what,
          outcome: outcome(answer),
        });
        expectRefused(answer, `${actor}: ${attempt.what}`);
      }
    }
    expect(await tenancyState(), 'no tenancy field moved').toBe(before);
    // no location was created anywhere with a municipality the caller chose
    const probes = (await http('admin', 'GET', '/items/locations?filter[name][_in]=Nested,G&fields=id')).body as {
      data: unknown[];
    };
    expect(probes.data).toEqual([]);
  });

  it('lets a provider place a new location only where its BAG id is, and refuses a move of an existing one', async () => {
    const created = await http('providerA', 'POST', '/items/locations', {
      name: 'Derived',
      street: 'S',
      house_number: '2',
      postcode: '1761 AB',
      city: 'C',
      capacity: 2,
      bag_id: '1911010000990003',
    });
    tried({
      attack: 'tenancy-fields',
      actor: 'providerA',
      channel: 'REST',
      what: 'POST location with a BAG id of gemeente A (allowed)',
      outcome: outcome(created),
    });
    expect(created.status).toBe(200);
    const id = String((created.body as { data: { id: string } }).data.id);
    expect(await admin('GET', `/items/locations/${id}?fields=municipality,provider`)).toEqual({
      municipality: ORG.gemeenteA,
      provider: ORG.providerA,
    });
    const moved = await http('providerA', 'PATCH', `/items/locations/${id}`, { bag_id: BAG_B });
    tried({
      attack: 'tenancy-fields',
      actor: 'providerA',
      channel: 'REST',
      what: 'PATCH own location bag_id into gemeente B',
      outcome: outcome(moved),
    });
    expect(moved.status).toBe(400);
    expect(moved.code).toBe('FAILED_VALIDATION');
    expect(await admin('GET', `/items/locations/${id}?fields=municipality,bag_id`)).toEqual({
      municipality: ORG.gemeenteA,
      bag_id: '1911010000990003',
    });
  });

  it('never lets a provider take a municipality’s BRP step, even at a location an administrator put under its own organisation', async () => {
    // legacy data: a location whose municipality is the provider itself (only an administrator can write this)
    const odd = await admin('POST', '/items/locations', {
      name: 'Odd',
      street: 'S',
      house_number: '3',
      postcode: '1761 AB',
      city: 'C',
      capacity: 2,
      provider: ORG.providerA,
      municipality: ORG.providerA,
    });
    const migrant = await admin('POST', '/items/migrants', {
      first_names: 'Odd',
      surname: 'Step',
      date_of_birth: '1990-01-01',
      nationality: 'PL',
      language: 'pl',
      arrival_date: TODAY,
      provider: ORG.providerA,
    });
    await admin('POST', '/items/stays', { migrant: migrant['id'], location: odd['id'], start_date: TODAY });
    for (const migrantId of [String(migrant['id']), f.migrant]) {
      for (const actor of NON_ADMINS.filter((a) => a !== 'clerkA')) {
        const answer = await http(actor, 'POST', `/brp/migrants/${migrantId}/events`, {
          type: 'ASSESS',
          outcome: 'registered',
          reason: 'attack',
        });
        tried({
          attack: 'tenancy-fields',
          actor,
          channel: 'REST',
          what: `ASSESS as the municipality (${migrantId === f.migrant ? 'gemeente A location' : 'location under the provider itself'})`,
          outcome: outcome(answer),
        });
        // a migrant the actor sees: another organisation's step (403); one it does not see: not found (404)
        const sees =
          actor !== 'public' && (await http(actor, 'GET', `/items/migrants/${migrantId}?fields=id`)).status === 200;
        expect(answer.status, `${actor} ASSESS`).toBe(actor === 'public' ? 401 : sees ? 403 : 404);
        expect(answer.code, `${actor} ASSESS`).toBe(
          actor === 'public' ? 'NOT_SIGNED_IN' : sees ? 'NOT_YOUR_STEP' : 'NOT_FOUND',
        );
      }
      const history = (await http('admin', 'GET', `/items/status_history?filter[migrant][_eq]=${migrantId}&fields=id`))
        .body as { data: unknown[] };
      expect(history.data, 'nothing written to the history').toEqual([]);
      expect((await admin('GET', `/items/migrants/${migrantId}?fields=brp_status`))['brp_status']).toBe('geen');
    }
    // unknown ids answer like hidden ones
    const missing = await http('providerA', 'POST', `/brp/migrants/${randomUUID()}/events`, {
      type: 'ASSESS',
      outcome: 'registered',
    });
    expect(missing.status).toBe(404);
    expect(missing.code).toBe('NOT_FOUND');
  });
});
