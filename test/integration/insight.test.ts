/**
 * The figures endpoint against the demo data (and a location of the test's own with erased people on it): the
 * policy officer of gemeente A gets every figure; the BRP status per location equals the same aggregate computed here
 * straight from the database (stays, migrants, anonymous_people) and protected by the domain's rules; erased people
 * (anonymous_people) count; the figures of a date share their total; a date in the past works.
 */
import { createItem } from '@directus/sdk';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGANISATION_IDS as ORG } from '../../scripts/demo-data.js';
import { addMonths, todayInNetherlands } from '../../extensions/labour-platform/src/domain/dates';
import { BRP_STATUSES } from '../../extensions/labour-platform/src/domain/vocabulary';
import { protectCrossTable, TOTAL } from '../../extensions/labour-platform/src/domain/insight';
import { dateOnly } from '../../extensions/labour-platform/src/glue/retention/facts';
import { as } from '../support/as-user.js';
import { closeTestDatabase, testDatabase } from '../support/database.js';
import { http } from './attacks/support.js';

type Row = Record<string, unknown>;
interface Figure {
  name: string;
  municipality: string;
  date: string;
  rows: Row[];
  median_days?: number | null;
}

const today = todayInNetherlands();
let ownLocation = '';

async function figureOf(name: string, query = ''): Promise<Figure> {
  const answer = await http('policyA', 'GET', `/insights/figures/${name}${query}`);
  expect(answer.status, answer.text).toBe(200);
  return (answer.body as { data: Figure }).data;
}

beforeAll(async () => {
  const admin = await as('admin');
  const location = (await admin.request(
    createItem('locations', {
      name: `Insight test ${randomUUID().slice(0, 8)}`,
      street: 'Teststraat',
      house_number: '11',
      postcode: '1761 AB',
      city: 'Anna Paulowna',
      capacity: 9,
      bag_id: '1911010000997011',
      provider: ORG.providerA,
    }),
  )) as Row;
  ownLocation = String(location['id']);
  // 12 people erased by the retention rule who lived here (7 still on today's date by their departure day)
  await testDatabase()('anonymous_people').insert(
    Array.from({ length: 12 }, (_, i) => ({
      id: randomUUID(),
      municipality: ORG.gemeenteA,
      location: ownLocation,
      nationality: 'LV',
      birth_year: 1985,
      arrival_date: addMonths(today, -14),
      departure_date: i < 7 ? addMonths(today, 1) : addMonths(today, -2),
      brp_outcome: 'uitgeschreven',
    })),
  );
});

afterAll(() => closeTestDatabase());

/** The people present today per location and BRP status in gemeente A, straight from the tables. */
async function presentFromTables(): Promise<Map<string, Map<string, number>>> {
  const db = testDatabase();
  const stays = (await db('stays')
    .join('locations', 'locations.id', 'stays.location')
    .join('migrants', 'migrants.id', 'stays.migrant')
    .where('locations.municipality', ORG.gemeenteA)
    .select('stays.migrant', 'stays.location', 'stays.start_date', 'stays.end_date', 'migrants.brp_status')) as Row[];
  const latest = new Map<string, { location: string; start: string; status: string }>();
  for (const stay of stays) {
    const start = dateOnly(stay['start_date'])!;
    const end = dateOnly(stay['end_date']);
    if (start > today || (end !== null && end < today)) continue;
    const migrant = String(stay['migrant']);
    const known = latest.get(migrant);
    if (!known || known.start < start)
      latest.set(migrant, {
        location: String(stay['location']),
        start,
        status: String(stay['brp_status'] ?? 'unknown'),
      });
  }
  const anonymous = (await db('anonymous_people').where('municipality', ORG.gemeenteA)) as Row[];
  const counts = new Map<string, Map<string, number>>();
  const add = (location: string, status: string) => {
    const row = counts.get(location) ?? counts.set(location, new Map()).get(location)!;
    row.set(status, (row.get(status) ?? 0) + 1);
  };
  for (const { location, status } of latest.values()) add(location, status);
  for (const person of anonymous) {
    const arrival = dateOnly(person['arrival_date']);
    const departure = dateOnly(person['departure_date']);
    if (!person['location'] || !arrival || arrival > today || (departure !== null && departure < today)) continue;
    add(String(person['location']), String(person['brp_outcome'] ?? 'unknown'));
  }
  return counts;
}

describe('the figures of gemeente A', () => {
  it('lists its figures, in Dutch and English', async () => {
    const answer = await http('policyA', 'GET', '/insights/figures');
    const figures = (answer.body as { data: Array<{ name: string; title: { nl: string; en: string } }> }).data;
    expect(figures.map((figure) => figure.name)).toContain('brp-status-by-location');
    for (const figure of figures) expect(figure.title.nl && figure.title.en).toBeTruthy();
  });

  it('BRP status per location equals the aggregate from the tables, protected by the same rules', async () => {
    const published = await figureOf('brp-status-by-location');
    expect(published.municipality).toBe(ORG.gemeenteA);
    expect(published.date).toBe(today);
    const locations = [...new Set(published.rows.map((row) => String(row['location'])).filter((id) => id !== TOTAL))];
    const statuses = [...BRP_STATUSES, 'unknown'];
    const counts = await presentFromTables();
    const cells = locations.map((location) => statuses.map((status) => counts.get(location)?.get(status) ?? 0));
    // every location of gemeente A is in the figure, and nobody is counted at a location outside it
    const db = testDatabase();
    const ours = ((await db('locations').select('id').where('municipality', ORG.gemeenteA)) as Row[]).map((row) =>
      String(row['id']),
    );
    expect(new Set(locations)).toEqual(new Set([...ours, ...locations.filter((id) => !ours.includes(id))]));
    for (const id of ours) expect(locations).toContain(id);
    const expected = protectCrossTable(cells);
    const at = (location: string, status: string) =>
      published.rows.find((row) => row['location'] === location && row['brp_status'] === status)!;
    locations.forEach((location, i) => {
      statuses.forEach((status, j) =>
        expect({ ...at(location, status) }, `${location} ${status}`).toMatchObject(expected.cells[i]![j]!),
      );
      expect(at(location, TOTAL)).toMatchObject(expected.rowTotals[i]!);
    });
    statuses.forEach((status, j) => expect(at(TOTAL, status)).toMatchObject(expected.columnTotals[j]!));
    expect(at(TOTAL, TOTAL)).toMatchObject(expected.total);
    console.log(
      `\nbrp-status-by-location, gemeente A, ${today}: ${locations.length} locations, ${cells.flat().reduce((a, b) => a + b, 0)} present, ` +
        `${published.rows.filter((row) => row['suppressed']).length} of ${published.rows.length} cells hidden`,
    );
  });

  it('counts erased people (anonymous_people) at their location', async () => {
    const present = await figureOf('present-by-location');
    const row = present.rows.find((candidate) => candidate['location'] === ownLocation)!;
    // 7 present: shown as 5, unless another cell needed it hidden
    expect(row['suppressed'] ? null : row['value']).toBe(row['suppressed'] ? null : 5);
    const occupancy = await figureOf('occupancy');
    const own = occupancy.rows.find((candidate) => candidate['location'] === ownLocation)!;
    expect(own['capacity']).toBe(9);
    expect({ value: own['value'], suppressed: own['suppressed'] }).toEqual({
      value: row['value'],
      suppressed: row['suppressed'],
    });
    const nationality = await figureOf('present-by-nationality');
    expect(nationality.rows.map((candidate) => candidate['nationality'])).toContain('LV');
  });

  it('the figures of one date share their total', async () => {
    const totals = await Promise.all(
      ['present-by-location', 'present-by-nationality', 'present-by-age-band', 'occupancy'].map(async (name) => {
        const figure = await figureOf(name);
        const total = figure.rows.find((row) =>
          ['location', 'nationality', 'age_band'].some((key) => row[key] === TOTAL),
        )!;
        return { value: total['value'], suppressed: total['suppressed'] };
      }),
    );
    for (const total of totals) expect(total).toEqual(totals[0]);
  });

  it('trends over 24 months, length of stay, registrations, and a date in the past', async () => {
    const arrivals = await figureOf('arrivals-by-month');
    expect(arrivals.rows).toHaveLength(24);
    const weeks = await figureOf('departures-by-week');
    expect(weeks.rows).toHaveLength(104);
    const stay = await figureOf('length-of-stay');
    expect('median_days' in stay).toBe(true);
    await figureOf('planned-registrations');
    await figureOf('registered-within-5-days');
    const past = await figureOf('present-by-location', `?date=${addMonths(today, -6)}`);
    expect(past.date).toBe(addMonths(today, -6));
  });
});
