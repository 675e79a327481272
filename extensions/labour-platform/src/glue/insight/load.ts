/**
 * What the figures of one municipality are computed from, read from the database in a few set-based queries: its
 * locations, the stays at them with the few plain fields of their migrants (nationality, birth year, BRP status,
 * arrival and expected departure: none of them personal data, none encrypted, so nothing is decrypted here), the day
 * each was first registered, its erased people (anonymous_people, as the retention rule keeps them) and its planned
 * registration appointments. No name, BSN or contact detail is read; the rows leave here only as plain InsightInput
 * for ../../domain/insight, and only its protected figures leave the platform.
 */
import type { Knex } from 'knex';
import { toNetherlandsDate } from '../../domain/dates';
import {
  mustRegisterOf,
  protectionRules,
  type InsightInput,
  type InsightLocation,
  type InsightPerson,
  type InsightStay,
  type ProtectionRules,
} from '../../domain/insight';
import { dateOnly, timestamp } from '../retention/facts';
import { parsedJson } from '../../domain/json';

type Row = Record<string, unknown>;

const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/** The stays an anonymous row keeps (JSON: [{ location, start, end }]), or null when it keeps none. */
function anonymousStays(value: unknown): InsightStay[] | null {
  const parsed = parsedJson(value);
  if (!Array.isArray(parsed) || parsed.length === 0) return null;
  return parsed.flatMap((stay: unknown) => {
    if (!stay || typeof stay !== 'object') return [];
    const { location, start, end } = stay as Record<string, unknown>;
    const from = dateOnly(start);
    return typeof location === 'string' && from ? [{ location, start: from, end: dateOnly(end) }] : [];
  });
}

/** Its former residents (anonymous_people): those whose last stay was here, and (written since) those with any stay here. */
function erasedRows(knex: Knex, municipality: string): Promise<Row[]> {
  return knex('anonymous_people')
    .select(
      'municipality',
      'location',
      'nationality',
      'birth_year',
      'arrival_date',
      'departure_date',
      'brp_outcome',
      'registered_on',
      'must_register',
      'stays',
    )
    .where('municipality', municipality)
    .orWhere('municipalities', 'like', `%${municipality}%`) as Promise<Row[]>;
}

/**
 * The erased people of anonymous rows, and the locations they name in this municipality (a location that is gone:
 * its people still count, under an unnamed location; the caller keeps those it does not know).
 */
function erasedPeople(rows: Row[], municipality: string): { people: InsightPerson[]; locations: InsightLocation[] } {
  const people: InsightPerson[] = [];
  const locations: InsightLocation[] = [];
  const named = new Set<string>();
  for (const row of rows) {
    const location = text(row['location']);
    const arrival = dateOnly(row['arrival_date']);
    const history = anonymousStays(row['stays']);
    if (location && !named.has(location) && row['municipality'] === municipality) {
      named.add(location);
      locations.push({ id: location, name: null, capacity: null });
    }
    people.push({
      nationality: text(row['nationality']),
      birthYear: row['birth_year'] === null || row['birth_year'] === undefined ? null : Number(row['birth_year']),
      brpStatus: text(row['brp_outcome']),
      // the periods per location when written (since issue 11), else the one interval older rows keep
      stays:
        history ?? (location && arrival ? [{ location, start: arrival, end: dateOnly(row['departure_date']) }] : []),
      mustRegister:
        row['must_register'] === null || row['must_register'] === undefined ? null : Boolean(row['must_register']),
      registeredOn: dateOnly(row['registered_on']),
    });
  }
  return { people, locations };
}

/** The erased people of a municipality as plain rows (no appointments): the domain counts them (aggregatesOf). */
export async function erasedInput(knex: Knex, municipality: string): Promise<InsightInput> {
  const { people, locations } = erasedPeople(await erasedRows(knex, municipality), municipality);
  return { locations, people, appointments: [] };
}

export async function insightInput(knex: Knex, municipality: string): Promise<InsightInput> {
  const ours = () => knex('locations').select('id').where('municipality', municipality);
  const theirMigrants = () => knex('stays').distinct('migrant').whereIn('location', ours()).whereNotNull('migrant');

  const [locationRows, stayRows, migrantRows, registrationRows, anonymousRows, appointmentRows] = await Promise.all([
    knex('locations').select('id', 'name', 'capacity').where('municipality', municipality) as Promise<Row[]>,
    knex('stays')
      .select('migrant', 'location', 'start_date', 'end_date')
      .whereIn('location', ours())
      .whereNotNull('migrant') as Promise<Row[]>,
    knex('migrants')
      .select('id', 'nationality', 'birth_year', 'brp_status', 'arrival_date', 'expected_departure_date')
      .whereIn('id', theirMigrants()) as Promise<Row[]>,
    knex('status_history')
      .select('migrant')
      .min({ at: 'occurred_at' })
      .where('to_status', 'ingeschreven')
      .whereIn('migrant', theirMigrants())
      .groupBy('migrant') as Promise<Row[]>,
    // its former residents: those whose last stay was here, and (written since) those with any stay here
    erasedRows(knex, municipality),
    knex('appointments')
      .select('starts_at')
      .where('municipality', municipality)
      .whereIn('status', ['proposed', 'confirmed']) as Promise<Row[]>,
  ]);

  const locations: InsightLocation[] = locationRows.map((row) => ({
    id: String(row['id']),
    name: text(row['name']),
    capacity: row['capacity'] === null || row['capacity'] === undefined ? null : Number(row['capacity']),
  }));
  const known = new Set(locations.map((location) => location.id));

  const staysOf = new Map<string, InsightStay[]>();
  for (const row of stayRows) {
    const start = dateOnly(row['start_date']);
    if (!start) continue;
    const migrant = String(row['migrant']);
    const stays = staysOf.get(migrant) ?? staysOf.set(migrant, []).get(migrant)!;
    stays.push({ location: String(row['location']), start, end: dateOnly(row['end_date']) });
  }
  const registeredOn = new Map(
    registrationRows.map((row) => {
      const at = timestamp(row['at']);
      return [String(row['migrant']), at ? toNetherlandsDate(at) : null];
    }),
  );

  const living: InsightPerson[] = migrantRows.map((row) => {
    const id = String(row['id']);
    const stays = staysOf.get(id) ?? [];
    const firstStart = stays.reduce<string | null>(
      (first, stay) => (!first || stay.start < first ? stay.start : first),
      null,
    );
    const arrival = dateOnly(row['arrival_date']) ?? firstStart;
    return {
      nationality: text(row['nationality']),
      birthYear: row['birth_year'] === null || row['birth_year'] === undefined ? null : Number(row['birth_year']),
      brpStatus: text(row['brp_status']),
      stays,
      mustRegister: mustRegisterOf(arrival, dateOnly(row['expected_departure_date'])),
      registeredOn: registeredOn.get(id) ?? null,
    };
  });

  const erased = erasedPeople(anonymousRows, municipality);
  for (const location of erased.locations)
    if (!known.has(location.id)) {
      known.add(location.id);
      locations.push(location);
    }

  const appointments = appointmentRows
    .map((row) => timestamp(row['starts_at']))
    .filter((value): value is string => value !== null)
    .map((value) => toNetherlandsDate(value));

  return { locations, people: [...living, ...erased.people], appointments };
}

/** The protection rules of a municipality: its own thresholds (organisations.insight_*), never below the law's. */
export async function municipalityRules(knex: Knex, municipality: string): Promise<ProtectionRules> {
  const row = (await knex('organisations')
    .select('insight_min_count', 'insight_min_cross_count', 'insight_rounding', 'insight_min_people')
    .where('id', municipality)
    .first()) as Row | undefined;
  const number = (value: unknown) => (value === null || value === undefined ? null : Number(value));
  return protectionRules({
    minCount: number(row?.['insight_min_count']),
    minCrossCount: number(row?.['insight_min_cross_count']),
    rounding: number(row?.['insight_rounding']),
    minPeople: number(row?.['insight_min_people']),
  });
}
