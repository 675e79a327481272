/**
 * The anonymous figures survive erasure: people of this test's own municipality (two locations; some move from one
 * to the other, some register within 5 days of arrival, some later, some never, some stay short) are erased by the
 * retention rule, and every figure on every date around their stay is the same before and after, computed exactly
 * (no suppression or rounding, so a difference of one person shows). anonymous_people keeps their registration date,
 * whether they had to register, and their stays as periods per location.
 */
import { createItem } from '@directus/sdk';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRangeBsn } from '../../extensions/labour-platform/src/domain/bsn.js';
import { FIGURE_NAMES, figure, type ProtectionRules } from '../../extensions/labour-platform/src/domain/insight';
import { insightInput } from '../../extensions/labour-platform/src/glue/insight/load';
import { DEMO_ORGANISATION_IDS as ORG } from '../../scripts/demo-data.js';
import { as } from '../support/as-user.js';
import { closeTestDatabase, testDatabase } from '../support/database.js';
import { http } from './attacks/support.js';
import { parsedJson } from '../../extensions/labour-platform/src/domain/json';

type Row = Record<string, unknown>;

const municipality = randomUUID();
const north = randomUUID();
const south = randomUUID();
const DUE_DAY = '2016-01-01';
/** Every count as it is: the test compares the figures themselves, not what protection leaves of them. */
const EXACT: ProtectionRules = { minCount: 1, minCrossCount: 1, rounding: 1, minPeople: 1 };
const DATES = [
  '2014-02-03',
  '2014-03-01',
  '2014-06-15',
  '2014-08-01',
  '2014-09-01',
  '2014-12-31',
  '2015-06-01',
  DUE_DAY,
];
const people: string[] = [];

interface Person {
  stays: Array<[string, string, string]>;
  registeredOn?: string;
  expectedDeparture?: string;
  nationality: string;
}

const PEOPLE: Person[] = [
  // moved from north to south; registered within 5 days
  {
    stays: [
      [north, '2014-02-01', '2014-08-01'],
      [south, '2014-08-01', '2015-01-01'],
    ],
    registeredOn: '2014-02-04',
    nationality: 'PL',
  },
  {
    stays: [
      [north, '2014-02-01', '2014-08-01'],
      [south, '2014-08-01', '2015-01-01'],
    ],
    registeredOn: '2014-02-05',
    nationality: 'RO',
  },
  // registered late, never
  { stays: [[north, '2014-02-01', '2014-10-01']], registeredOn: '2014-03-01', nationality: 'PL' },
  { stays: [[north, '2014-03-01', '2014-12-01']], nationality: 'BG' },
  // a short stay: not required to register
  { stays: [[south, '2014-05-01', '2014-07-01']], expectedDeparture: '2014-07-01', nationality: 'PL' },
  {
    stays: [
      [south, '2014-05-01', '2014-06-30'],
      [north, '2014-06-30', '2014-07-15'],
    ],
    expectedDeparture: '2014-07-15',
    nationality: 'LT',
  },
];

async function allFigures(): Promise<unknown[]> {
  const input = await insightInput(testDatabase(), municipality);
  return DATES.flatMap((date) => FIGURE_NAMES.map((name) => figure(name, input, date, EXACT)));
}

beforeAll(async () => {
  const db = testDatabase();
  await db('organisations').insert({
    id: municipality,
    name: `Gemeente wissen ${municipality.slice(0, 6)}`,
    type: 'gemeente',
  });
  await db('locations').insert([
    { id: north, name: 'Noordhof', municipality, provider: ORG.providerA, capacity: 10, active: true },
    { id: south, name: 'Zuidhof', municipality, provider: ORG.providerA, capacity: 10, active: true },
  ]);
  const provider = await as('providerA');
  for (const [i, person] of PEOPLE.entries()) {
    const migrant = (await provider.request(
      createItem('migrants', {
        first_names: `Erasmus${i}`,
        surname: `Wisselaar-${i}`,
        bsn: testRangeBsn(7_700 + i),
        date_of_birth: '1988-05-17',
        nationality: person.nationality,
        language: 'pl',
        arrival_date: person.stays[0]![1],
        ...(person.expectedDeparture ? { expected_departure_date: person.expectedDeparture } : {}),
        provider: ORG.providerA,
      }),
    )) as { id: string };
    people.push(migrant.id);
    await db('stays').insert(
      person.stays.map(([location, start, end]) => ({
        id: randomUUID(),
        migrant: migrant.id,
        location,
        start_date: start,
        end_date: end,
      })),
    );
    if (person.registeredOn)
      await db('status_history').insert({
        id: randomUUID(),
        migrant: migrant.id,
        from_status: 'afspraak_bevestigd',
        to_status: 'ingeschreven',
        event: 'REGISTER',
        occurred_at: new Date(`${person.registeredOn}T10:00:00Z`),
      });
  }
});

afterAll(() => closeTestDatabase());

describe('the anonymous figures and erasure', () => {
  it('every figure on every date is the same before and after the people are erased', async () => {
    const before = await allFigures();
    // the figures see these people: someone is present on a date of their stay
    const present = figure(
      'present-by-location',
      await insightInput(testDatabase(), municipality),
      '2014-06-15',
      EXACT,
    );
    expect(present.rows.find((row) => row['location'] === 'total')!.value).toBe(6);

    const run = await http('admin', 'POST', '/privacy/retention/run', { dry_run: false, today: DUE_DAY });
    expect(run.status, run.text).toBe(200);
    const left = await testDatabase()('migrants').whereIn('id', people).count({ n: '*' });
    expect(Number(left[0]!['n'])).toBe(0);

    expect(await allFigures()).toEqual(before);
  });

  it('keeps no link to the person: anonymous rows with periods per location, the registration day, no id', async () => {
    const rows = (await testDatabase()('anonymous_people').where('municipality', municipality)) as Row[];
    expect(rows.length).toBe(PEOPLE.length);
    const text = JSON.stringify(rows);
    for (const id of people) expect(text).not.toContain(id);
    expect(text).not.toMatch(/Wisselaar|Erasmus/);
    const moved = rows.filter(
      (row) =>
        JSON.stringify(parsedJson(row['stays'])).includes(north) &&
        JSON.stringify(parsedJson(row['stays'])).includes(south),
    );
    expect(moved.length).toBe(3);
    expect(rows.filter((row) => row['registered_on'] !== null).length).toBe(3);
  });
});
