/** Demo data into a running platform, through the REST API as the administrator (so every hook runs). */
import { ROLE_IDS } from '../../extensions/labour-platform/src/glue/roles.js';
import { buildDemoData, type DemoData, type DemoRole } from '../demo-data.js';
import { call, type DirectusClient } from './directus-client.js';

type Client = { request: DirectusClient['request'] };

const ROLE_BY_DEMO_ROLE: Record<Exclude<DemoRole, 'administrator'>, string> = {
  clerk: ROLE_IDS.clerk,
  provider: ROLE_IDS.provider,
  inspector: ROLE_IDS.inspector,
  policy_officer: ROLE_IDS.policyOfficer,
  municipality_admin: ROLE_IDS.municipalityAdmin,
};

export async function hasData(client: Client): Promise<boolean> {
  const rows = await call<unknown[]>(client, 'GET', '/items/organisations?limit=1&fields=id');
  return rows.length > 0;
}

export async function seedDemoData(client: Client, password: string, referenceDate: string): Promise<DemoData> {
  const data = buildDemoData({ referenceDate });
  await call(client, 'POST', '/items/organisations', data.organisations);
  await call(client, 'POST', '/items/locations', data.locations);
  await call(
    client,
    'POST',
    '/items/migrants',
    data.migrants.map(({ current_location: _derived, ...migrant }) => migrant),
  );
  await call(client, 'POST', '/items/stays', data.stays);
  const appointments = demoAppointments(data);
  if (appointments.length > 0) await call(client, 'POST', '/items/appointments', appointments);
  const me = await call<{ id: string }>(client, 'GET', '/users/me?fields=id');
  for (const user of data.users) {
    if (user.role === 'administrator') {
      await call(client, 'PATCH', `/users/${me.id}`, {
        first_name: user.first_name,
        last_name: user.last_name,
        language: user.language,
      });
      continue;
    }
    await call(client, 'POST', '/users', {
      id: user.id,
      email: user.email,
      password,
      first_name: user.first_name,
      last_name: user.last_name,
      role: ROLE_BY_DEMO_ROLE[user.role],
      organisation: user.organisation,
      language: user.language,
      status: 'active',
    });
  }
  return data;
}

/**
 * Migrants seeded as scheduled get a proposed appointment in the coming days; those with a confirmed appointment
 * get one today at the desk of their municipality (so a clerk can register them in the demo).
 */
function demoAppointments(data: DemoData): Array<Record<string, string>> {
  const municipalityOf = new Map(data.locations.map((location) => [location.id, location.municipality]));
  const day = (offset: number) =>
    new Date(Date.parse(`${data.referenceDate}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
  return data.migrants
    .filter(
      (migrant) =>
        (migrant.brp_status === 'ingepland' || migrant.brp_status === 'afspraak_bevestigd') && migrant.current_location,
    )
    .map((migrant, index) => {
      const confirmed = migrant.brp_status === 'afspraak_bevestigd';
      const date = confirmed ? day(0) : day(3 + (index % 5));
      const minute = String((index % 4) * 15).padStart(2, '0');
      return {
        migrant: migrant.id,
        municipality: municipalityOf.get(migrant.current_location!)!,
        desk: `Balie ${1 + (index % 3)}`,
        starts_at: `${date}T08:${minute}:00.000Z`,
        ends_at: `${date}T08:${minute === '45' ? '59' : String(Number(minute) + 14).padStart(2, '0')}:00.000Z`,
        status: confirmed ? 'confirmed' : 'proposed',
      };
    });
}
