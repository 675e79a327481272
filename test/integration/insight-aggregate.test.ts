/**
 * The database's counts (GROUP BY, glue/insight/aggregate.ts) equal the counts the domain computed before from every
 * row in JavaScript (glue/insight/load.ts → aggregatesOf), on a fixture of the test's own: a municipality of its own
 * with 4 locations (one of them gone: erased people only), 240 living migrants over 26 months (some moving between
 * locations, some moving on the same day, open and closed stays, registrations at various days after arrival,
 * late-evening registrations whose Dutch day is the next one), erased people with and without their stays, and
 * appointments. On SQLite half of the dates are written as Directus writes them (epoch ms), half as text. Compared
 * per part of the counts (within the window the figures read) and as every published figure, on several dates.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGANISATION_IDS as ORG } from '../../scripts/demo-data.js';
import { addDays, addMonths, todayInNetherlands } from '../../extensions/labour-platform/src/domain/dates';
import {
  aggregatesOf,
  canonicalAggregates,
  figure,
  FIGURE_NAMES,
  publishFigure,
  type InsightAggregates,
} from '../../extensions/labour-platform/src/domain/insight';
import { insightAggregates } from '../../extensions/labour-platform/src/glue/insight/aggregate';
import { insightInput } from '../../extensions/labour-platform/src/glue/insight/load';
import { BRP_STATUSES } from '../../extensions/labour-platform/src/domain/vocabulary';
import { closeTestDatabase, testDatabase } from '../support/database.js';

const today = todayInNetherlands();
const municipality = randomUUID();
const locations = [randomUUID(), randomUUID(), randomUUID()];
const gone = randomUUID();
const NATIONALITIES = ['PL', 'RO', 'BG', null];

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

beforeAll(async () => {
  const db = testDatabase();
  const sqlite = !/^(pg|postgres)/.test(String(db.client.config.client));
  const next = random(5);
  // a date as Directus writes it on SQLite (epoch ms at UTC midnight), or as text
  const stored = (day: string | null) =>
    day === null ? null : sqlite && next() < 0.5 ? Date.parse(`${day}T00:00:00Z`) : day;
  await db('organisations').insert({ id: municipality, name: 'Gemeente Aggregaat', type: 'gemeente' });
  await db('locations').insert(
    locations.map((id, i) => ({
      id,
      name: `Aggregaat ${i + 1}`,
      municipality,
      provider: ORG.providerA,
      capacity: 50 + 10 * i,
      active: true,
    })),
  );
  const migrants: Array<Record<string, unknown>> = [];
  const stays: Array<Record<string, unknown>> = [];
  const history: Array<Record<string, unknown>> = [];
  const pick = () => locations[Math.floor(next() * locations.length)]!;
  for (let i = 0; i < 240; i++) {
    const id = randomUUID();
    const arrival = addDays(today, -Math.floor(next() * 790));
    const length = 3 + Math.floor(next() * 300);
    const departure = addDays(arrival, length);
    const left = departure < today;
    migrants.push({
      id,
      nationality: NATIONALITIES[Math.floor(next() * NATIONALITIES.length)],
      birth_year: next() < 0.1 ? null : 1960 + Math.floor(next() * 45),
      brp_status: BRP_STATUSES[Math.floor(next() * BRP_STATUSES.length)],
      arrival_date: next() < 0.2 ? null : stored(next() < 0.8 ? arrival : addDays(arrival, -2)),
      expected_departure_date: next() < 0.4 ? stored(addDays(arrival, 30 + Math.floor(next() * 200))) : null,
      provider: ORG.providerA,
    });
    const first = pick();
    const kind = next();
    if (kind < 0.25) {
      // moves half-way (the move day is in both stays)
      const move = addDays(arrival, Math.floor(length / 2));
      stays.push({
        id: randomUUID(),
        migrant: id,
        location: first,
        start_date: stored(arrival),
        end_date: stored(move),
      });
      stays.push({
        id: randomUUID(),
        migrant: id,
        location: pick(),
        start_date: stored(move),
        end_date: left ? stored(departure) : null,
      });
    } else if (kind < 0.3) {
      // two stays that start on the same day
      stays.push({
        id: randomUUID(),
        migrant: id,
        location: locations[0],
        start_date: stored(arrival),
        end_date: null,
      });
      stays.push({
        id: randomUUID(),
        migrant: id,
        location: locations[1],
        start_date: stored(arrival),
        end_date: stored(departure),
      });
    } else
      stays.push({
        id: randomUUID(),
        migrant: id,
        location: first,
        start_date: stored(arrival),
        end_date: left ? stored(departure) : null,
      });
    if (next() < 0.75) {
      const late = next() < 0.2;
      history.push({
        id: randomUUID(),
        migrant: id,
        from_status: 'afspraak_bevestigd',
        to_status: 'ingeschreven',
        event: 'REGISTER',
        occurred_at: new Date(`${addDays(arrival, Math.floor(next() * 9))}T${late ? '22:30' : '09:00'}:00Z`),
      });
    }
  }
  await db.batchInsert('migrants', migrants, 100);
  await db.batchInsert('stays', stays, 100);
  await db.batchInsert('status_history', history, 100);
  await db('anonymous_people').insert(
    Array.from({ length: 30 }, (_, i) => {
      const arrival = addDays(today, -40 - 20 * i);
      const withStays = i % 2 === 0;
      return {
        id: randomUUID(),
        municipality,
        location: i % 3 === 0 ? gone : locations[i % 3],
        nationality: 'LV',
        birth_year: 1980 + i,
        arrival_date: arrival,
        departure_date: i % 4 === 0 ? null : addDays(arrival, 30 + i),
        brp_outcome: 'uitgeschreven',
        registered_on: addDays(arrival, i % 8),
        must_register: i % 5 !== 0,
        ...(withStays
          ? {
              stays: JSON.stringify([
                { location: locations[0], start: arrival, end: addDays(arrival, 10) },
                { location: i % 3 === 0 ? gone : locations[2], start: addDays(arrival, 10), end: null },
              ]),
            }
          : {}),
      };
    }),
  );
  await db('appointments').insert(
    Array.from({ length: 12 }, (_, i) => ({
      id: randomUUID(),
      municipality,
      starts_at: new Date(`${addDays(today, 3 * i)}T${i % 3 === 0 ? '23:30' : '10:00'}:00Z`),
      status: i % 4 === 0 ? 'cancelled' : i % 2 ? 'proposed' : 'confirmed',
    })),
  );
}, 120_000);

afterAll(() => closeTestDatabase());

const DATES = [today, addDays(today, -3), addMonths(today, -7), addMonths(today, -18)];

/** The groups a figure of `date` reads (the database counts only those windows). */
function windowed(aggregates: InsightAggregates, date: string) {
  const from = addMonths(date, -26);
  return canonicalAggregates(aggregates, {
    arrivals: (group) => group.day >= from && group.day <= date,
    departures: (group) => group.day >= from && group.day <= date,
    departed: (group) => group.departure >= from && group.departure <= date,
  });
}

describe('the figures counted by the database', () => {
  for (const date of DATES)
    it(`equal the counts from every row, and publish the same figures (${date === today ? 'today' : date})`, async () => {
      const db = testDatabase();
      const input = await insightInput(db, municipality);
      expect(input.people.length).toBe(270);
      const fromRows = aggregatesOf(input, date);
      const fromDatabase = await insightAggregates(db, municipality, date);
      const expected = windowed(fromRows, date);
      const actual = windowed(fromDatabase, date);
      for (const part of Object.keys(expected)) expect(actual[part], part).toEqual(expected[part]);
      expect(fromDatabase.locations.map((location) => location.id).sort()).toEqual(
        input.locations.map((location) => location.id).sort(),
      );
      // the fixture reaches every part of the counts
      for (const part of Object.keys(expected))
        if (part !== 'appointments' || date === today) expect(expected[part]!.length, part).toBeGreaterThan(0);
      for (const name of FIGURE_NAMES) {
        const one = await insightAggregates(db, municipality, date, name);
        expect(publishFigure(name, one, date), name).toEqual(figure(name, input, date));
      }
    });
});
