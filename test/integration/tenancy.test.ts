/**
 * Multi-tenant behaviour beyond the matrix: the current stay decides which municipality sees a migrant,
 * references to another organisation's rows are refused, and system configuration is the administrator's.
 */
import {
  createFlow,
  createItem,
  createRole,
  createUser,
  customEndpoint,
  deleteItem,
  readItems,
  readPermissions,
  readUsers,
  updateItem,
  updateSettings,
} from '@directus/sdk';
import { describe, expect, it } from 'vitest';
import { DEMO_ORGANISATION_IDS as ORG } from '../../scripts/demo-data.js';
import { ACTORS, as, attempt, demoData, type Actor } from '../support/as-user.js';

const today = new Date().toISOString().slice(0, 10);
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

async function visibleTo(actor: Actor, migrantId: string): Promise<boolean> {
  const client = await as(actor);
  const rows = await client.request(readItems('migrants', { filter: { id: { _eq: migrantId } }, fields: ['id'] }));
  return rows.length === 1;
}

describe('tenancy', () => {
  it('seeds what each clerk sees from the current stays, and the open tasks of its municipality', async () => {
    const demo = demoData();
    const locationMunicipality = new Map(demo.locations.map((location) => [location.id, location.municipality]));
    for (const [actor, gemeente] of [
      ['clerkA', ORG.gemeenteA],
      ['clerkB', ORG.gemeenteB],
    ] as const) {
      const client = await as(actor);
      const seen = new Set(
        (await client.request(readItems('migrants', { fields: ['id'], limit: -1 }))).map((row) =>
          String((row as { id: string }).id),
        ),
      );
      const expected = demo.migrants
        .filter((m) => m.current_location && locationMunicipality.get(m.current_location) === gemeente)
        .map((m) => m.id);
      for (const id of expected) expect(seen.has(id), `${actor} sees migrant ${id}`).toBe(true);
      // a migrant who left is still the municipality's while its task (deregister) is open
      const tasks = (await (
        await as('admin')
      ).request(
        readItems('tasks', {
          filter: { _and: [{ owner_organisation: { _eq: gemeente } }, { status: { _eq: 'open' } }] },
          fields: ['migrant'],
          limit: -1,
        }),
      )) as Array<{ migrant: string }>;
      const withTask = new Set(tasks.map((task) => task.migrant));
      const foreign = demo.migrants.filter((m) => !expected.includes(m.id) && !withTask.has(m.id)).map((m) => m.id);
      for (const id of foreign) expect(seen.has(id), `${actor} must not see migrant ${id}`).toBe(false);
    }
  });

  it('shows a migrant to the clerk of its current stay, and after it leaves only while a task of that municipality is open', async () => {
    const providerA = await as('providerA');
    const location = demoData().locations.find(
      (l) => l.provider === ORG.providerA && l.municipality === ORG.gemeenteA,
    )!;
    const migrant = (await providerA.request(
      createItem('migrants', {
        first_names: 'Tenancy',
        surname: 'Probe',
        date_of_birth: '1990-01-01',
        nationality: 'LT',
        language: 'lt',
        arrival_date: today,
      }),
    )) as { id: string; provider: string };
    expect(migrant.provider, 'the provider is filled in from the user').toBe(ORG.providerA);
    expect(await visibleTo('clerkA', migrant.id)).toBe(false);

    const stay = (await providerA.request(
      createItem('stays', { migrant: migrant.id, location: location.id, start_date: today }),
    )) as { id: string };
    await expect.poll(() => visibleTo('clerkA', migrant.id)).toBe(true);
    expect(await visibleTo('clerkB', migrant.id)).toBe(false);
    expect(await visibleTo('providerB', migrant.id)).toBe(false);

    await providerA.request(updateItem('stays', stay.id, { start_date: yesterday, end_date: yesterday }));
    // no current stay any more, but gemeente A still has the assess task open: its clerk still needs the migrant
    const admin = await as('admin');
    await expect
      .poll(
        async () =>
          (
            (await admin.request(
              readItems('migrants', { filter: { id: { _eq: migrant.id } }, fields: ['current_location'] }),
            )) as Array<{ current_location: string | null }>
          )[0]!.current_location,
      )
      .toBeNull();
    expect(await visibleTo('clerkA', migrant.id)).toBe(true);
    // the provider reports the departure: a final status, no open task, so the municipality no longer sees it
    const departed = await attempt(
      providerA.request(
        customEndpoint({
          method: 'POST',
          path: `/brp/migrants/${migrant.id}/events`,
          body: JSON.stringify({ type: 'REPORT_DEPARTURE' }),
        }),
      ),
    );
    expect(departed.ok, departed.message ?? '').toBe(true);
    expect(await visibleTo('clerkA', migrant.id)).toBe(false);
    expect(await visibleTo('providerA', migrant.id), 'the provider keeps its own migrant').toBe(true);
  });

  it('refuses a stay at another provider’s location, and a migrant for another provider', async () => {
    const providerA = await as('providerA');
    const foreignLocation = demoData().locations.find((l) => l.provider === ORG.providerB)!;
    const migrant = (await providerA.request(
      createItem('migrants', {
        first_names: 'Ref',
        surname: 'Check',
        date_of_birth: '1990-01-01',
        nationality: 'PL',
        language: 'pl',
        arrival_date: today,
      }),
    )) as { id: string };
    const stay = await attempt(
      providerA.request(createItem('stays', { migrant: migrant.id, location: foreignLocation.id, start_date: today })),
    );
    expect(stay.status).toBe(403);
    expect(stay.code).toBe('FORBIDDEN_REFERENCE');
    const foreignMigrant = await attempt(
      providerA.request(
        createItem('migrants', {
          first_names: 'X',
          surname: 'Y',
          date_of_birth: '1990-01-01',
          nationality: 'PL',
          language: 'pl',
          arrival_date: today,
          provider: ORG.providerB,
        }),
      ),
    );
    expect(foreignMigrant.ok).toBe(false);
    const hijack = await attempt(providerA.request(updateItem('migrants', migrant.id, { provider: ORG.providerB })));
    expect(hijack.ok, 'a provider cannot hand a migrant to another provider').toBe(false);
    await providerA.request(deleteItem('migrants', migrant.id));
  });

  it('refuses an inspection of another municipality’s location', async () => {
    const inspector = await as('inspectorA');
    const foreign = demoData().locations.find((l) => l.municipality === ORG.gemeenteB)!;
    const outcome = await attempt(
      inspector.request(createItem('inspections', { location: foreign.id, inspected_on: today, outcome: 'in_order' })),
    );
    expect(outcome.status).toBe(403);
  });

  it('keeps users, roles, permissions, settings and flows the administrator’s', async () => {
    for (const actor of ACTORS.filter((a) => a !== 'admin')) {
      const client = await as(actor);
      const attempts = [
        createUser({ email: `intruder-${actor}@example.org`, password: 'x-password-123', role: null }),
        createRole({ name: `Intruder ${actor}` }),
        updateSettings({ project_name: 'Hacked' }),
        createFlow({ name: 'Intruder', trigger: 'manual', status: 'active' }),
      ];
      for (const request of attempts) {
        const outcome = await attempt(client.request(request as Parameters<typeof client.request>[0]));
        expect(outcome.ok, `${actor} must not change system configuration`).toBe(false);
        expect(outcome.status, actor).toBe(403);
      }
      const permissions = await attempt(client.request(readPermissions()));
      if (permissions.ok) expect(permissions.data, `${actor} reads no permission rows`).toEqual([]);
    }
  });

  it('shows users only their own organisation’s colleagues', async () => {
    const providerA = await as('providerA');
    const users = (await providerA.request(
      readUsers({ fields: ['email', 'first_name', 'organisation'], limit: -1 }),
    )) as Array<{ email: string | null; first_name: string | null; organisation: string | null }>;
    // besides its people, a provider may have its own systems' API credentials (system users without an e-mail
    // address, made by the intake's credential endpoint when another test file ran first): its own organisation's
    // (other test files may add people to provider A, such as an English-speaking user: still its own organisation)
    expect(users.map((u) => u.email)).toContain('provider-a@example.org');
    for (const user of users) expect(user.organisation, user.email ?? 'an API credential').toBe(ORG.providerA);
    for (const system of users.filter((u) => u.email === null)) expect(system).toMatchObject({ first_name: 'API' });
    const clerkA = await as('clerkA');
    const colleagues = (await clerkA.request(readUsers({ fields: ['email'], limit: -1 }))) as Array<{ email: string }>;
    expect(colleagues.map((u) => u.email)).not.toContain('clerk-b@example.org');
  });
});
