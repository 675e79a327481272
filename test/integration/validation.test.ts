/**
 * Bad input over HTTP: a 400 that names the field in the user's language, nothing written, no personal value
 * echoed, and never a 500.
 */
import { aggregate, createItem, createItems, readItems, updateItem, updateUser } from '@directus/sdk';
import { describe, expect, it } from 'vitest';
import { DEMO_ORGANISATION_IDS as ORG } from '../../scripts/demo-data.js';
import { as, attempt, demoData } from '../support/as-user.js';

const today = new Date().toISOString().slice(0, 10);
const validMigrant = (surname: string) => ({
  first_names: 'Anna',
  surname,
  date_of_birth: '1991-04-12',
  nationality: 'PL',
  language: 'pl',
  arrival_date: today,
  provider: ORG.providerA,
});
// The municipality is not the provider's to set: the BAG id's municipality code decides it.
const validLocation = (name: string, provider: string, municipality: string) => ({
  name,
  street: 'Molenvaart',
  house_number: '12',
  postcode: '1761 AB',
  city: 'Anna Paulowna',
  capacity: 10,
  provider,
  bag_id: `${municipality === ORG.gemeenteA ? '1911' : '0441'}010000999002`,
});

async function migrantCount(): Promise<number> {
  const admin = await as('admin');
  const result = (await admin.request(aggregate('migrants', { aggregate: { count: '*' } }))) as Array<{
    count: number | string;
  }>;
  return Number(result[0]!.count);
}

describe('validation in the data layer', () => {
  it('rejects a bad postcode with a Dutch message for a Dutch user, naming the field', async () => {
    const providerA = await as('providerA'); // language nl-NL
    const outcome = await attempt(
      providerA.request(
        createItem('locations', { ...validLocation('Bad postcode', ORG.providerA, ORG.gemeenteA), postcode: '12AB' }),
      ),
    );
    expect(outcome.status).toBe(400);
    expect(outcome.code).toBe('FAILED_VALIDATION');
    expect(outcome.message).toContain('Postcode');
    expect(outcome.message).toMatch(/ongeldig|vier cijfers/);
  });

  it('answers in English for a user whose language is English', async () => {
    const providerB = await as('providerB'); // language en-US
    const outcome = await attempt(
      providerB.request(
        createItem('locations', { ...validLocation('Negative', ORG.providerB, ORG.gemeenteB), capacity: -1 }),
      ),
    );
    expect(outcome.status).toBe(400);
    expect(outcome.message).toMatch(/Capacity/);
    expect(outcome.message).not.toMatch(/Capaciteit/);
  });

  it('falls back to Accept-Language when the user has no language set', async () => {
    const admin = await as('admin');
    const clerkA = demoData().users.find((user) => user.email === 'clerk-a@example.org')!;
    await admin.request(updateUser(clerkA.id, { language: null }));
    try {
      const response = await fetch(`${(await import('../support/as-user.js')).directusUrl()}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'clerk-a@example.org', password: 'demo-password' }),
      });
      const token = ((await response.json()) as { data: { access_token: string } }).data.access_token;
      // A migrant who lives in gemeente A now, so clerk A may refer to it: the only thing wrong is the end before the start.
      const demo = demoData();
      const inGemeenteA = new Set(
        demo.locations.filter((location) => location.municipality === ORG.gemeenteA).map((location) => location.id),
      );
      const current = demo.stays.find((stay) => stay.end_date === null && inGemeenteA.has(stay.location))!;
      const appointment = {
        migrant: current.migrant,
        municipality: ORG.gemeenteA,
        desk: 'Balie 1',
        starts_at: `${today}T10:00:00`,
        ends_at: `${today}T09:00:00`,
      };
      const english = await fetch(`${(await import('../support/as-user.js')).directusUrl()}/items/appointments`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'accept-language': 'en-GB,en;q=0.9,nl;q=0.5',
        },
        body: JSON.stringify(appointment),
      });
      const body = (await english.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
      expect({ status: english.status, message: body.errors[0]?.message }).toMatchObject({
        status: 400,
        message: expect.stringMatching(/must be|after|End/i),
      });
    } finally {
      await admin.request(updateUser(clerkA.id, { language: 'nl-NL' }));
    }
  });

  it('rejects an invalid BSN without echoing it', async () => {
    const providerA = await as('providerA');
    const outcome = await attempt(
      providerA.request(createItem('migrants', { ...validMigrant('Invalid BSN'), bsn: '123456789' })),
    );
    expect(outcome.status).toBe(400);
    expect(outcome.message).toContain('BSN');
    expect(outcome.message).not.toContain('123456789');
  });

  it('accepts the DOMAIN test BSNs and pads an 8-digit one', async () => {
    const providerA = await as('providerA');
    const created = (await providerA.request(
      createItem('migrants', { ...validMigrant('Padded BSN'), bsn: '10000008' }),
    )) as { id: string };
    const [row] = (await providerA.request(
      readItems('migrants', { filter: { id: { _eq: created.id } }, fields: ['id', 'bsn', 'birth_year'] }),
    )) as Array<{ id: string; bsn: string; birth_year: number }>;
    expect(row).toEqual({ id: created.id, bsn: '010000008', birth_year: 1991 });
  });

  it('rejects a nationality that is not an ISO 3166 code', async () => {
    const providerA = await as('providerA');
    const outcome = await attempt(
      providerA.request(createItem('migrants', { ...validMigrant('Bad nationality'), nationality: 'XX' })),
    );
    expect(outcome.status).toBe(400);
    expect(outcome.message).toContain('Nationaliteit');
  });

  it('rejects dates out of order, on create and on update', async () => {
    const providerA = await as('providerA');
    const outcome = await attempt(
      providerA.request(createItem('migrants', { ...validMigrant('Dates'), expected_departure_date: '2001-01-01' })),
    );
    expect(outcome.status).toBe(400);
    const created = (await providerA.request(createItem('migrants', validMigrant('Dates later')))) as { id: string };
    const update = await attempt(
      providerA.request(updateItem('migrants', created.id, { departure_date: '1999-12-31' })),
    );
    expect(update.status).toBe(400);
    expect(update.message).toMatch(/[Vv]ertrekdatum/);
  });

  it('rejects a stay that ends before it starts', async () => {
    const providerA = await as('providerA');
    const migrant = (await providerA.request(createItem('migrants', validMigrant('Stay order')))) as { id: string };
    const location = demoData().locations.find((l) => l.provider === ORG.providerA)!;
    const outcome = await attempt(
      providerA.request(
        createItem('stays', { migrant: migrant.id, location: location.id, start_date: today, end_date: '2000-01-01' }),
      ),
    );
    expect(outcome.status).toBe(400);
  });

  it('writes nothing of a batch with one bad row', async () => {
    const providerA = await as('providerA');
    const before = await migrantCount();
    const outcome = await attempt(
      providerA.request(
        createItems('migrants', [
          validMigrant('Batch 1'),
          validMigrant('Batch 2'),
          { ...validMigrant('Batch 3'), bsn: '111111111' },
        ]),
      ),
    );
    expect(outcome.status).toBe(400);
    expect(outcome.message).toContain('BSN');
    expect(await migrantCount()).toBe(before);
  });

  it('normalises a valid postcode to 1234AB', async () => {
    const providerA = await as('providerA');
    const created = (await providerA.request(
      createItem('locations', { ...validLocation('Normalised', ORG.providerA, ORG.gemeenteA), postcode: '1761 ab' }),
    )) as { id: string; postcode: string };
    const admin = await as('admin');
    const [row] = (await admin.request(
      readItems('locations', { filter: { id: { _eq: created.id } }, fields: ['postcode'] }),
    )) as Array<{ postcode: string }>;
    expect(row!.postcode).toBe('1761AB');
  });

  it('answers a malformed request with a 4xx, never a 500', async () => {
    const providerA = await as('providerA');
    const cases = [
      () => providerA.request(createItem('migrants', { ...validMigrant('Bad date'), date_of_birth: '31-12-1990' })),
      () =>
        providerA.request(
          createItem('locations', { ...validLocation('Bad capacity', ORG.providerA, ORG.gemeenteA), capacity: 'many' }),
        ),
      () => providerA.request(createItem('stays', { migrant: 'not-a-uuid', location: 'nope', start_date: today })),
      () =>
        providerA.request(
          createItem('migrants', {
            ...validMigrant('Unknown provider'),
            provider: '00000000-0000-4000-8000-000000000000',
          }),
        ),
    ];
    for (const send of cases) {
      const outcome = await attempt(send());
      expect(outcome.ok).toBe(false);
      expect(outcome.status).toBeGreaterThanOrEqual(400);
      expect(outcome.status).toBeLessThan(500);
    }
  });
});
