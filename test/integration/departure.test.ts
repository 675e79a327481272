/**
 * Reporting a departure finishes the job: the date is recorded on the migrant, the stay ends on it, and the bed is
 * free (the migrant has no current location), also for a migrant still at "Geen". A date in the future, or before
 * the stay the migrant lives in, is refused in the user's language and changes nothing.
 */
import { createItem, customEndpoint, readItems } from '@directus/sdk';
import { describe, expect, it } from 'vitest';
import { DEMO_ORGANISATION_IDS as ORG } from '../../scripts/demo-data.js';
import { as, attempt, demoData } from '../support/as-user.js';

const DAY = 86_400_000;
const isoDate = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);
const locationA = () =>
  demoData().locations.find((l) => l.provider === ORG.providerA && l.municipality === ORG.gemeenteA)!;

async function newMigrantWithStay(stayStart: number): Promise<{ migrant: string; stay: string }> {
  const providerA = await as('providerA');
  const migrant = (await providerA.request(
    createItem('migrants', {
      first_names: 'Vertrek',
      surname: 'Test',
      date_of_birth: '1990-01-02',
      nationality: 'RO',
      language: 'ro',
      arrival_date: isoDate(stayStart),
    }),
  )) as { id: string };
  const stay = (await providerA.request(
    createItem('stays', { migrant: migrant.id, location: locationA().id, start_date: isoDate(stayStart) }),
  )) as { id: string };
  await expect
    .poll(() => row('migrants', migrant.id, ['current_location']).then((m) => m['current_location']))
    .toBe(locationA().id);
  return { migrant: migrant.id, stay: stay.id };
}

async function row(collection: string, id: string, fields: string[]): Promise<Record<string, unknown>> {
  const admin = await as('admin');
  const [found] = (await admin.request(
    readItems(collection, { filter: { id: { _eq: id } }, fields, limit: 1 }),
  )) as Array<Record<string, unknown>>;
  return found!;
}

async function reportDeparture(
  migrant: string,
  body: Record<string, unknown>,
  actor: 'providerA' | 'providerB' = 'providerA',
) {
  return attempt(
    (await as(actor)).request(
      customEndpoint<{ to: string }>({
        method: 'POST',
        path: `/brp/migrants/${migrant}/events`,
        body: JSON.stringify({ type: 'REPORT_DEPARTURE', ...body }),
      }),
    ),
  );
}

describe('report departure', () => {
  it('records the date, ends the stay on it and frees the bed (a migrant still at "Geen")', async () => {
    const { migrant, stay } = await newMigrantWithStay(-30);
    const departed = await reportDeparture(migrant, { departure_date: isoDate(-2), reason: 'Terug naar huis' });
    expect(departed.data?.to).toBe('vertrokken');
    expect(await row('migrants', migrant, ['departure_date', 'current_location', 'brp_status'])).toEqual({
      departure_date: isoDate(-2),
      current_location: null,
      brp_status: 'vertrokken',
    });
    expect((await row('stays', stay, ['end_date']))['end_date']).toBe(isoDate(-2));
  });

  it('frees the bed on the day itself (the last night is the departure date)', async () => {
    const { migrant, stay } = await newMigrantWithStay(-10);
    expect((await reportDeparture(migrant, { departure_date: isoDate(0) })).ok).toBe(true);
    expect(await row('migrants', migrant, ['current_location'])).toEqual({ current_location: null });
    expect((await row('stays', stay, ['end_date']))['end_date']).toBe(isoDate(0));
    // the hourly refresh keeps it so
    await (await as('admin')).request(customEndpoint({ method: 'POST', path: '/brp/maintenance' }));
    expect(await row('migrants', migrant, ['current_location'])).toEqual({ current_location: null });
  });

  it('refuses a date in the future, in the user’s language, and changes nothing', async () => {
    const { migrant, stay } = await newMigrantWithStay(-10);
    const refused = await reportDeparture(migrant, { departure_date: isoDate(3) });
    expect(refused.status).toBe(400);
    expect(refused.message).toContain('vertrekdatum ligt in de toekomst');
    expect(await row('migrants', migrant, ['brp_status', 'departure_date', 'current_location'])).toEqual({
      brp_status: 'geen',
      departure_date: null,
      current_location: locationA().id,
    });
    expect((await row('stays', stay, ['end_date']))['end_date']).toBeNull();
  });

  it('refuses a date before the start of the stay the migrant lives in', async () => {
    const { migrant } = await newMigrantWithStay(-5);
    const refused = await reportDeparture(migrant, { departure_date: isoDate(-8) });
    expect(refused.status).toBe(400);
    expect(await row('migrants', migrant, ['brp_status'])).toEqual({ brp_status: 'geen' });
  });

  it('is not another provider’s to report: its migrant is not found for it', async () => {
    const { migrant } = await newMigrantWithStay(-5);
    const refused = await reportDeparture(migrant, { departure_date: isoDate(-1) }, 'providerB');
    expect(refused.status).toBe(404);
    expect(await row('migrants', migrant, ['brp_status', 'departure_date'])).toEqual({
      brp_status: 'geen',
      departure_date: null,
    });
  });
});
