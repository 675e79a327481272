/**
 * The insight thresholds of a municipality (organisations.insight_*): the administrator makes them stricter, never
 * below the law's minimum (DOMAIN.md: 5, 10 in cross-tables, rounding to 5, 10 people for a median or share): a lower
 * value is refused with the platform's translated field error and nothing changes; nobody else may set them; and the
 * figures of the municipality follow them. The municipality, its location, its people (erased ones, as
 * anonymous_people) and its policy officer are this test's own.
 */
import { createUser } from '@directus/sdk';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, todayInNetherlands } from '../../extensions/labour-platform/src/domain/dates';
import { ROLE_IDS } from '../../extensions/labour-platform/src/glue/roles.js';
import { DEMO_ORGANISATION_IDS as ORG } from '../../scripts/demo-data.js';
import { as, directusUrl } from '../support/as-user.js';
import { closeTestDatabase, testDatabase } from '../support/database.js';
import { http } from './attacks/support.js';

type Row = Record<string, unknown>;

const municipality = randomUUID();
const location = randomUUID();
const email = `insight-thresholds-${Date.now()}@example.org`;
let token = '';
const ARRIVAL = addMonths(todayInNetherlands(), -3);

async function asOfficer(path: string): Promise<{ status: number; body: Row }> {
  const response = await fetch(`${directusUrl()}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as Row };
}

/** The arrivals of this test's month (a figure without a total: the 7 people are the whole cell). */
async function presentHere(): Promise<Row> {
  const answer = await asOfficer('/insights/figures/arrivals-by-month');
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  const rows = (answer.body['data'] as { rows: Row[] }).rows;
  return rows.find((row) => row['month'] === ARRIVAL.slice(0, 7))!;
}

async function setThresholds(values: Row): Promise<{ status: number; body: Row }> {
  const answer = await http('admin', 'PATCH', `/items/organisations/${municipality}`, values);
  return { status: answer.status, body: answer.body as Row };
}

beforeAll(async () => {
  const db = testDatabase();
  const today = todayInNetherlands();
  await db('organisations').insert({
    id: municipality,
    name: `Gemeente drempels ${municipality.slice(0, 6)}`,
    type: 'gemeente',
  });
  await db('locations').insert({
    id: location,
    name: 'Drempelhof',
    municipality,
    provider: ORG.providerA,
    capacity: 30,
    active: true,
  });
  // 7 people present today (erased ones: the figures count anonymous_people as they count the living)
  await db('anonymous_people').insert(
    Array.from({ length: 7 }, () => ({
      id: randomUUID(),
      municipality,
      location,
      nationality: 'PL',
      birth_year: 1990,
      arrival_date: ARRIVAL,
      departure_date: addMonths(today, 2),
      brp_outcome: 'ingeschreven',
    })),
  );
  const admin = await as('admin');
  await admin.request(
    createUser({
      email,
      password: 'demo-password',
      role: ROLE_IDS.policyOfficer,
      organisation: municipality,
      language: 'en-US',
    } as Record<string, unknown>),
  );
  const login = await fetch(`${directusUrl()}/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: 'demo-password' }),
  });
  token = ((await login.json()) as { data: { access_token: string } }).data.access_token;
});

afterAll(() => closeTestDatabase());

describe('insight thresholds per municipality', () => {
  it('by default the law’s: 7 arrivals are shown as 5', async () => {
    expect(await presentHere()).toMatchObject({ value: 5, suppressed: false });
  });

  it('refuses any threshold below the law’s, with a field error in the caller’s language, and changes nothing', async () => {
    for (const [field, value] of [
      ['insight_min_count', 4],
      ['insight_min_cross_count', 9],
      ['insight_rounding', 1],
      ['insight_min_people', 0],
      ['insight_min_count', -5],
      ['insight_rounding', 1001],
    ] as const) {
      const answer = await setThresholds({ [field]: value });
      expect(answer.status, `${field} ${value}`).toBe(400);
      const error = (answer.body['errors'] as Array<{ message: string; extensions: Row }>)[0]!;
      expect(error.extensions['code']).toBe('FAILED_VALIDATION');
      expect(error.extensions['field']).toBe(field);
      expect(error.message).not.toMatch(/^\s*$|undefined|\[object/);
    }
    const [row] = await testDatabase()('organisations')
      .select('insight_min_count', 'insight_min_cross_count', 'insight_rounding', 'insight_min_people')
      .where('id', municipality);
    expect(row).toEqual({
      insight_min_count: null,
      insight_min_cross_count: null,
      insight_rounding: null,
      insight_min_people: null,
    });
    expect(await presentHere()).toMatchObject({ value: 5, suppressed: false });
  });

  it('only the administrator sets them', async () => {
    for (const actor of ['municipalityAdminA', 'policyA', 'clerkA', 'inspectorA'] as const) {
      const answer = await http(actor, 'PATCH', `/items/organisations/${ORG.gemeenteA}`, { insight_min_count: 20 });
      expect(answer.status, actor).toBe(403);
    }
    const [row] = await testDatabase()('organisations').select('insight_min_count').where('id', ORG.gemeenteA);
    expect(row).toEqual({ insight_min_count: null });
  });

  it('the figures follow a stricter threshold: a higher minimum hides, a coarser rounding rounds', async () => {
    expect((await setThresholds({ insight_min_count: 10 })).status).toBe(200);
    expect(await presentHere()).toMatchObject({ value: null, suppressed: true });
    const map = await asOfficer('/insights/map');
    const onMap = (map.body['data'] as { locations: Row[] }).locations.find((row) => row['id'] === location)!;
    expect(onMap).toMatchObject({ occupied: null, suppressed: true });
    expect((await setThresholds({ insight_min_count: null, insight_rounding: 10 })).status).toBe(200);
    expect(await presentHere()).toMatchObject({ value: 10, suppressed: false });
    expect((await setThresholds({ insight_rounding: null })).status).toBe(200);
    expect(await presentHere()).toMatchObject({ value: 5, suppressed: false });
  });
});
