/**
 * What the admin app shows each role, as configured from the repo: bookmarks, landing pages, dashboards,
 * labels in Dutch and English, and the example flow whose Run Script step proves isolated-vm works on Node 22.
 */
import {
  createUser,
  readDashboards,
  readFieldsByCollection,
  readFlows,
  readItems,
  readPanels,
  readPresets,
  readUsers,
} from '@directus/sdk';
import { call, loggedInClient } from '../../scripts/lib/directus-client.js';
import { ROLE_IDS } from '../../extensions/labour-platform/src/glue/roles.js';
import { describe, expect, it } from 'vitest';
import { as, attempt, directusUrl, type Actor } from '../support/as-user.js';
import { createUserLike } from '../support/users.js';

const CAPACITY_FLOW = '40000000-0000-4000-8000-000000000001';

async function bookmarks(actor: Actor): Promise<string[]> {
  const client = await as(actor);
  const presets = (await client.request(
    readPresets({ filter: { bookmark: { _nnull: true } }, fields: ['bookmark', 'collection'], limit: -1 }),
  )) as Array<{ bookmark: string; collection: string }>;
  return presets.map((preset) => `${preset.collection}: ${preset.bookmark}`).sort();
}

describe('admin app', () => {
  it('gives each role its bookmarks', async () => {
    expect(await bookmarks('clerkA')).toEqual([
      'tasks: $t:bookmarks.my_tasks',
      'tasks: $t:bookmarks.overdue',
      'tasks: $t:bookmarks.team_tasks',
    ]);
    expect(await bookmarks('providerA')).toEqual([
      'migrants: $t:bookmarks.my_migrants',
      'tasks: $t:bookmarks.our_tasks',
    ]);
    // the inspector's one list is its role's default (a bookmark would cut "Huisvestingslocaties" in the navigation)
    expect(await bookmarks('inspectorA')).toEqual([]);
  });

  it('lands a new provider on its migrants and a new clerk on its tasks', async () => {
    const admin = await as('admin');
    const landing = async (role: string) => {
      const user = (await admin.request(
        createUser({ email: `landing-${role}-${Date.now()}@example.org`, password: 'demo-password', role } as Record<
          string,
          unknown
        >),
      )) as { id: string };
      const [row] = (await admin.request(
        readUsers({ filter: { id: { _eq: user.id } }, fields: ['last_page'] }),
      )) as Array<{ last_page: string }>;
      return row!.last_page;
    };
    expect(await landing(ROLE_IDS.provider)).toBe('/content/migrants');
    expect(await landing(ROLE_IDS.clerk)).toBe('/content/tasks');
    expect(await landing(ROLE_IDS.policyOfficer)).toBe('/insights');
  });

  it('labels collections and fields in Dutch and English', async () => {
    const fields = (await (await as('providerA')).request(readFieldsByCollection('migrants'))) as Array<{
      field: string;
      meta: { translations: Array<{ language: string; translation: string }> | null } | null;
    }>;
    const surname = fields.find((field) => field.field === 'surname')!;
    expect(surname.meta?.translations).toEqual(
      expect.arrayContaining([
        { language: 'nl-NL', translation: 'Achternaam' },
        { language: 'en-US', translation: 'Surname' },
      ]),
    );
  });

  it('shows dashboards to clerks, policy officers and inspectors, and providers their warnings only', async () => {
    const names = async (actor: Actor) =>
      ((await (await as(actor)).request(readDashboards({ fields: ['name'] }))) as Array<{ name: string }>)
        .map((d) => d.name)
        .sort();
    // one language per user: the names are `$t:` keys, translated when read (clerk A and the policy officer read Dutch)
    expect(await names('clerkA')).toEqual(['Huisvesting', 'Signalen', 'Werkvoorraad']);
    // the workload counts tasks, which a policy officer cannot read: it would only fail for them
    expect(await names('policyA')).toEqual(['Huisvesting', 'Inzicht']);
    // the inspector: its locations' warnings, and its plan of due inspections
    expect(await names('inspectorA')).toEqual(['Inspectieplanning', 'Signalen']);
    // a provider: its own warnings' counts (a dashboard of its own, without the types it may not read)
    expect(await names('providerA')).toEqual(['Signalen']);
    const [own] = (await (await as('providerA')).request(readDashboards({ fields: ['id'] }))) as Array<{ id: string }>;
    expect(own!.id).toBe('30000000-0000-4000-8000-000000000005');
  });

  it("names dashboards, panels and flows in the reader's language, and config as code reads the keys", async () => {
    const admin = await as('admin');
    // a policy officer of gemeente A who reads English (the demo's read Dutch; changing theirs would race other files)
    const email = `names-en-${Date.now()}@example.org`;
    await createUserLike('policy-a@example.org', { email, language: 'en-US', first_name: 'Noor', last_name: 'Bakker' });
    {
      const policyA = await loggedInClient(directusUrl(), email, 'demo-password');
      expect(
        (await policyA.request(readDashboards({ fields: ['name', 'note'] }))) as Array<{ name: string; note: string }>,
      ).toEqual([
        { name: 'Housing', note: 'Locations and beds, no persons' },
        { name: 'Insight', note: 'Anonymous figures; small counts hidden' },
      ]);
      expect(
        ((await policyA.request(readPanels({ fields: ['name'], sort: ['name'] }))) as Array<{ name: string }>).map(
          (panel) => panel.name,
        ),
      ).toEqual([
        'Beds',
        'Capacity by town',
        'Locations',
        'Arrivals per month (24 months)',
        'Arrivals per week (104 weeks)',
        'BRP status per location',
        'Departures per month (24 months)',
        'Departures per week (104 weeks)',
        'Map: housing and capacity',
        'Length of stay (departed)',
        'Occupancy and capacity',
        'Planned registrations per week',
        'Present per age band',
        'Present per location',
        'Present per nationality',
        'Registered within 5 days',
        'Registered within 5 days per month (24 months)',
      ]);
    }
    const flows = (await admin.request(readFlows({ fields: ['name', 'operations.name'], sort: ['name'] }))) as Array<{
      name: string;
      operations: Array<{ name: string }>;
    }>;
    expect(flows.map((flow) => flow.name)).toContain('Uitnodiging intrekken');
    expect(flows.flatMap((flow) => flow.operations.map((operation) => operation.name))).toContain('Locaties lezen');
    expect(JSON.stringify(flows)).not.toContain('$t:');
    // one language per name (the retention flow's was both, split by a slash)
    const names = [...flows.map((flow) => flow.name), ...flows.flatMap((flow) => flow.operations.map((o) => o.name))];
    expect(names.filter((name) => name.includes(' / '))).toEqual([]);
    expect(names).toContain('Bewaartermijn: verlopen gegevens wissen');
    const raw = await call<Array<{ name: string }>>(admin, 'GET', '/dashboards?fields=name&sort=name');
    expect(raw.map((dashboard) => dashboard.name)).toEqual([
      '$t:dashboards.housing.name',
      '$t:dashboards.insight.name',
      '$t:dashboards.inspection_plan.name',
      '$t:dashboards.provider_warnings.name',
      '$t:dashboards.warnings.name',
      '$t:dashboards.workload.name',
    ]);
  });

  it('runs the capacity flow (Run Script on isolated-vm) with the caller’s own permissions', async () => {
    const expectedFor = async (actor: Actor) => {
      const locations = (await (
        await as(actor)
      ).request(
        readItems('locations', { filter: { active: { _eq: true } }, fields: ['capacity'], limit: -1 }),
      )) as Array<{ capacity: number }>;
      return { locations: locations.length, beds: locations.reduce((sum, l) => sum + l.capacity, 0) };
    };
    const trigger = async (token: string | null) => {
      const response = await fetch(`${directusUrl()}/flows/trigger/${CAPACITY_FLOW}`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      return (await response.json()) as Record<string, unknown>;
    };
    const token = async (email: string) => {
      const response = await fetch(`${directusUrl()}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'demo-password' }),
      });
      return ((await response.json()) as { data: { access_token: string } }).data.access_token;
    };
    expect(await trigger(await token('admin@example.org'))).toEqual(await expectedFor('admin'));
    const policy = await trigger(await token('policy-a@example.org'));
    expect(policy).toEqual(await expectedFor('policyA'));
    expect(policy['beds'], 'a policy officer sums only its own municipality').toBeLessThan(
      (await expectedFor('admin')).beds,
    );
    const anonymous = await trigger(null);
    expect(anonymous['beds'], 'the public gets no figures').toBeUndefined();
  });
});
