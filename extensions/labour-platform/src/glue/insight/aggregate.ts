/**
 * The counts of a municipality's living migrants, computed by the database (GROUP BY, on SQLite and PostgreSQL): only
 * the groups one figure needs leave the database. The people present on a date come as groups per location and
 * status, per nationality and per birth year; arrivals and departures per day; lengths of stay per pair of days; those
 * who had to register, registered within 5 days or not, per first location or month of arrival in the figure's window
 * (on PostgreSQL; SQLite has no time zones for the Dutch day of a registration, so there they are counted from rows,
 * load.ts). The erased people (anonymous_people: few, and already anonymous) are counted from their rows by the domain
 * (aggregatesOf, ./load.ts), and the two are added; ../../domain/insight protects and publishes the sum.
 *
 * Dates: PostgreSQL keeps date columns as dates (compared as such); SQLite keeps what was written, epoch ms (through
 * Directus) or text, so there every date column is read through `day()` as YYYY-MM-DD text.
 */
import type { Knex } from 'knex';
import { addMonths, toNetherlandsDate } from '../../domain/dates';
import {
  aggregatesOf,
  cohortWindow,
  mergeAggregates,
  NO_AGGREGATES,
  type FigureName,
  type InsightAggregates,
  type InsightLocation,
  type PerDay,
} from '../../domain/insight';
import { dateOnly, timestamp } from '../retention/facts';
import { erasedInput, insightInput } from './load';

type Row = Record<string, unknown>;

/** The parts of the counts each figure reads. */
const PARTS: Readonly<Record<FigureName, ReadonlyArray<keyof typeof NO_AGGREGATES>>> = {
  'present-by-location': ['presentByLocationStatus', 'presentByNationality', 'presentByBirthYear'],
  'brp-status-by-location': ['presentByLocationStatus', 'presentByNationality', 'presentByBirthYear'],
  'present-by-nationality': ['presentByLocationStatus', 'presentByNationality', 'presentByBirthYear'],
  'present-by-age-band': ['presentByLocationStatus', 'presentByNationality', 'presentByBirthYear'],
  occupancy: ['presentByLocationStatus', 'presentByNationality', 'presentByBirthYear'],
  'arrivals-by-month': ['arrivals'],
  'arrivals-by-week': ['arrivals'],
  'departures-by-month': ['departures'],
  'departures-by-week': ['departures'],
  'length-of-stay': ['departed'],
  'registered-within-5-days': ['cohortsByLocation'],
  'registered-within-5-days-by-month': ['cohortsByMonth'],
  'planned-registrations': ['appointments'],
};

const isPostgres = (knex: Knex) => /^(pg|postgres|postgresql)$/.test(String(knex.client.config.client));

/** A date column as comparable SQL: the column on PostgreSQL, YYYY-MM-DD text on SQLite (epoch ms or text). */
function day(knex: Knex, column: string): Knex.Raw {
  if (isPostgres(knex)) return knex.raw('??', [column]);
  return knex.raw(
    `(CASE WHEN typeof(??) IN ('integer', 'real') THEN date(?? / 1000, 'unixepoch') ELSE substr(??, 1, 10) END)`,
    [column, column, column],
  );
}

const count = (value: unknown) => Number(value ?? 0);
const text = (value: unknown) => (value === null || value === undefined ? null : String(value));

/** The municipality's stays, its migrant's, at its locations (the migrant known, the start a date). */
function ourStays(knex: Knex, municipality: string, alias: string) {
  return knex({ [alias]: 'stays' })
    .whereIn(`${alias}.location`, knex('locations').select('id').where('municipality', municipality))
    .whereNotNull(`${alias}.migrant`)
    .whereNotNull(`${alias}.start_date`);
}

/** The stays at a location of ours that cover `date` (alias s), joined with their migrant's plain fields (alias sm). */
function coveringStays(knex: Knex, municipality: string, date: string, alias = 's', withMigrant = true) {
  const stays = ourStays(knex, municipality, alias)
    .where(day(knex, `${alias}.start_date`), '<=', date)
    .where((open) => open.whereNull(`${alias}.end_date`).orWhere(day(knex, `${alias}.end_date`), '>=', date));
  return withMigrant ? stays.join({ [`${alias}m`]: 'migrants' }, `${alias}m.id`, `${alias}.migrant`) : stays;
}

type PresentCounts = Pick<InsightAggregates, 'presentByLocationStatus' | 'presentByNationality' | 'presentByBirthYear'>;

/**
 * The people present on `date` three ways. A person counts once, at the stay that covers the date and started last
 * (then the greatest location, then id, in byte order). The database counts every covering stay (one GROUPING SETS
 * query on PostgreSQL, which also names the people with more than one covering stay; three GROUP BYs on SQLite: no
 * sort of every stay); the few people with more than one covering stay (a move on the date itself) come as rows, and
 * all but their chosen stay are taken off again.
 */
async function present(knex: Knex, municipality: string, date: string): Promise<PresentCounts> {
  const birthYear = (value: unknown) => (value === null || value === undefined ? null : Number(value));
  const byLocation = new Map<string, { location: string; brpStatus: string | null; count: number }>();
  const byNationality = new Map<string, { nationality: string | null; count: number }>();
  const byBirthYear = new Map<string, { birthYear: number | null; count: number }>();
  const add = (row: Row, n: number, sets: { location?: boolean; nationality?: boolean; birth?: boolean }) => {
    const bump = <T extends { count: number }>(map: Map<string, T>, group: Omit<T, 'count'>) => {
      const key = JSON.stringify(group);
      const found = map.get(key) ?? map.set(key, { ...group, count: 0 } as T).get(key)!;
      found.count += n;
    };
    if (sets.location) bump(byLocation, { location: String(row['location']), brpStatus: text(row['brp_status']) });
    if (sets.nationality) bump(byNationality, { nationality: text(row['nationality']) });
    if (sets.birth) bump(byBirthYear, { birthYear: birthYear(row['birth_year']) });
  };
  // the stays that cover the date of the people with more than one (a move on the date itself), as rows
  const movingStays = (people: Knex.QueryBuilder | string[]) =>
    coveringStays(knex, municipality, date)
      // a list of ids as one array parameter (PostgreSQL), however many moved
      .where((them) =>
        Array.isArray(people) ? them.whereRaw('?? = ANY(?)', ['s.migrant', people]) : them.whereIn('s.migrant', people),
      )
      .select('s.migrant', 's.location', 's.id', 'sm.brp_status', 'sm.nationality', 'sm.birth_year')
      .select({ start: day(knex, 's.start_date') }) as Promise<Row[]>;
  let movers: Row[];
  if (isPostgres(knex)) {
    // one pass: the three counts and (a fourth grouping set, kept only where a migrant has more than one covering
    // stay) the people who moved on the date; GROUPING(column) is 0 in the sets that group by the column
    const rows = (await coveringStays(knex, municipality, date)
      .select('s.location', 'sm.brp_status', 'sm.nationality', 'sm.birth_year', 's.migrant')
      .select({
        by_location: knex.raw('GROUPING(??)', ['s.location']),
        by_nationality: knex.raw('GROUPING(??)', ['sm.nationality']),
        by_birth_year: knex.raw('GROUPING(??)', ['sm.birth_year']),
      })
      .count({ n: '*' })
      .groupByRaw('GROUPING SETS ((??, ??), (??), (??), (??))', [
        's.location',
        'sm.brp_status',
        'sm.nationality',
        'sm.birth_year',
        's.migrant',
      ])
      .havingRaw('GROUPING(??) = 1 OR COUNT(*) > 1', ['s.migrant'])) as Row[];
    const moved: string[] = [];
    for (const row of rows) {
      const n = count(row['n']);
      if (Number(row['by_location']) === 0) add(row, n, { location: true });
      else if (Number(row['by_nationality']) === 0) add(row, n, { nationality: true });
      else if (Number(row['by_birth_year']) === 0) add(row, n, { birth: true });
      else moved.push(String(row['migrant']));
    }
    movers = moved.length > 0 ? await movingStays(moved) : [];
  } else {
    const twice = knex
      .from(coveringStays(knex, municipality, date, 'd', false).select('d.migrant').as('twice'))
      .select('twice.migrant')
      .groupBy('twice.migrant')
      .havingRaw('COUNT(*) > 1');
    const [locations, nationalities, births, moving] = await Promise.all([
      coveringStays(knex, municipality, date)
        .groupBy('s.location', 'sm.brp_status')
        .select('s.location', 'sm.brp_status')
        .count({ n: '*' }) as Promise<Row[]>,
      coveringStays(knex, municipality, date)
        .groupBy('sm.nationality')
        .select('sm.nationality')
        .count({ n: '*' }) as Promise<Row[]>,
      coveringStays(knex, municipality, date)
        .groupBy('sm.birth_year')
        .select('sm.birth_year')
        .count({ n: '*' }) as Promise<Row[]>,
      movingStays(twice),
    ]);
    for (const row of locations) add(row, count(row['n']), { location: true });
    for (const row of nationalities) add(row, count(row['n']), { nationality: true });
    for (const row of births) add(row, count(row['n']), { birth: true });
    movers = moving;
  }
  // a person with several covering stays counts at the last one only: take the others off
  const stays = new Map<string, Row[]>();
  for (const row of movers) {
    const migrant = String(row['migrant']);
    (stays.get(migrant) ?? stays.set(migrant, []).get(migrant)!).push(row);
  }
  const later = (a: Row, b: Row) => {
    for (const key of ['start', 'location', 'id']) {
      const [x, y] = [
        key === 'start' ? dateOnly(a[key]) : String(a[key]),
        key === 'start' ? dateOnly(b[key]) : String(b[key]),
      ];
      if (x !== y) return (x ?? '') > (y ?? '') ? a : b;
    }
    return a;
  };
  for (const rows of stays.values()) {
    const chosen = rows.reduce(later);
    for (const row of rows) if (row !== chosen) add(row, -1, { location: true, nationality: true, birth: true });
  }
  const kept = <T extends { count: number }>(map: Map<string, T>) =>
    [...map.values()].filter((group) => group.count > 0);
  return {
    presentByLocationStatus: kept(byLocation),
    presentByNationality: kept(byNationality),
    presentByBirthYear: kept(byBirthYear),
  };
}

/**
 * Per living migrant of ours, the episode in the municipality: the first start there (arrival), the last end when no
 * stay there is open (departure, else null).
 */
function episodes(knex: Knex, municipality: string) {
  return ourStays(knex, municipality, 'e')
    .join({ em: 'migrants' }, 'em.id', 'e.migrant')
    .groupBy('e.migrant')
    .select('e.migrant')
    .select({ arrival: knex.raw('MIN(?)', [day(knex, 'e.start_date')]) })
    .select({
      departure: knex.raw('CASE WHEN COUNT(*) = COUNT(??) THEN MAX(?) END', ['e.end_date', day(knex, 'e.end_date')]),
    });
}

/**
 * Those of the living migrants of ours who had to register, per first location or per month of arrival (`by`), in the
 * window of the figures of `date` (cohortWindow), registered within 5 days or not (PostgreSQL). Per migrant: the
 * first stay here (the earliest start, then the least location: DISTINCT ON), whether the BRP rules made them register
 * (mustRegisterOf: no expected departure, or one at least 4 months after the arrival date, else the first start), and
 * the Dutch day of the first registration (the least occurred_at of a transition to ingeschreven).
 */
async function cohortCounts(
  knex: Knex,
  municipality: string,
  date: string,
  by: 'location' | 'month',
): Promise<Array<{ key: string; inTime: boolean; count: number }>> {
  const window = cohortWindow(date);
  const first = ourStays(knex, municipality, 'f')
    .distinctOn('f.migrant')
    .select('f.migrant', 'f.location', { arrival: 'f.start_date' })
    .orderBy([{ column: 'f.migrant' }, { column: 'f.start_date' }, { column: 'f.location' }]);
  const registered = knex({ h: 'status_history' })
    .select('h.migrant')
    .min({ at: 'h.occurred_at' })
    .where('h.to_status', 'ingeschreven')
    .groupBy('h.migrant');
  const cohort = knex
    .from(first.as('c'))
    .join({ cm: 'migrants' }, 'cm.id', 'c.migrant')
    .leftJoin(registered.as('r'), 'r.migrant', 'c.migrant')
    .where('c.arrival', '<=', window.until)
    .where((must) =>
      must
        .whereNull('cm.expected_departure_date')
        .orWhereRaw(`?? >= (COALESCE(??, ??) + interval '4 months')::date`, [
          'cm.expected_departure_date',
          'cm.arrival_date',
          'c.arrival',
        ]),
    )
    .count({ n: '*' });
  // whether registered within 5 days of arrival (registeredInTime), on the Dutch day of the registration
  const inTime = knex.raw(`COALESCE((?? AT TIME ZONE 'Europe/Amsterdam')::date <= ?? + 5, false)`, [
    'r.at',
    'c.arrival',
  ]);
  const month = knex.raw(`to_char(??, 'YYYY-MM')`, ['c.arrival']);
  const rows = (await (by === 'location'
    ? cohort
        .where('c.arrival', '>', window.after)
        .select({ key: 'c.location', in_time: inTime })
        .groupBy('c.location')
        .groupByRaw('?', [inTime])
    : cohort
        .where('c.arrival', '>=', `${window.firstMonth}-01`)
        .select({ key: month, in_time: inTime })
        .groupByRaw('?, ?', [month, inTime]))) as Row[];
  return rows.map((row) => ({ key: String(row['key']), inTime: Boolean(row['in_time']), count: count(row['n']) }));
}

async function living(
  knex: Knex,
  municipality: string,
  date: string,
  parts: ReadonlySet<keyof typeof NO_AGGREGATES>,
): Promise<Omit<InsightAggregates, 'locations'>> {
  // the windows the figures read (24 months or 104 weeks back, and a month's margin), nothing older
  const from = addMonths(date, -26);
  const result: Omit<InsightAggregates, 'locations'> = { ...NO_AGGREGATES };
  const jobs: Array<Promise<void>> = [];
  if (parts.has('presentByLocationStatus') || parts.has('presentByNationality') || parts.has('presentByBirthYear'))
    jobs.push(
      present(knex, municipality, date).then((counts) => {
        result.presentByLocationStatus = counts.presentByLocationStatus;
        result.presentByNationality = counts.presentByNationality;
        result.presentByBirthYear = counts.presentByBirthYear;
      }),
    );
  const perDay = (rows: Row[]): PerDay[] =>
    rows.flatMap((row) => {
      const value = dateOnly(row['day']);
      return value ? [{ day: value, count: count(row['n']) }] : [];
    });
  // how many episodes began (arrival) or ended (departure) on each day of the window
  const countPerDay = (column: 'arrival' | 'departure'): Promise<PerDay[]> =>
    (
      knex
        .from(episodes(knex, municipality).as('ep'))
        .whereNotNull(`ep.${column}`)
        .where(`ep.${column}`, '>=', from)
        .where(`ep.${column}`, '<=', date)
        .groupBy(`ep.${column}`)
        .select({ day: `ep.${column}` })
        .count({ n: '*' }) as Promise<Row[]>
    ).then(perDay);
  if (parts.has('arrivals'))
    jobs.push(
      countPerDay('arrival').then((days) => {
        result.arrivals = days;
      }),
    );
  if (parts.has('departures'))
    jobs.push(
      countPerDay('departure').then((days) => {
        result.departures = days;
      }),
    );
  if (parts.has('departed'))
    jobs.push(
      (
        knex
          .from(episodes(knex, municipality).as('ep'))
          .whereNotNull('ep.departure')
          .where('ep.departure', '>=', from)
          .where('ep.departure', '<=', date)
          .groupBy('ep.arrival', 'ep.departure')
          .select('ep.arrival', 'ep.departure')
          .count({ n: '*' }) as Promise<Row[]>
      ).then((rows) => {
        result.departed = rows.flatMap((row) => {
          const arrival = dateOnly(row['arrival']);
          const departure = dateOnly(row['departure']);
          return arrival && departure ? [{ arrival, departure, count: count(row['n']) }] : [];
        });
      }),
    );
  if (isPostgres(knex) && parts.has('cohortsByLocation'))
    jobs.push(
      cohortCounts(knex, municipality, date, 'location').then((groups) => {
        result.cohortsByLocation = groups.map(({ key, ...group }) => ({ location: key, ...group }));
      }),
    );
  if (isPostgres(knex) && parts.has('cohortsByMonth'))
    jobs.push(
      cohortCounts(knex, municipality, date, 'month').then((groups) => {
        result.cohortsByMonth = groups.map(({ key, ...group }) => ({ month: key, ...group }));
      }),
    );
  if (parts.has('appointments'))
    jobs.push(
      (
        knex('appointments')
          .select('starts_at')
          .count({ n: '*' })
          .where('municipality', municipality)
          .whereIn('status', ['proposed', 'confirmed'])
          .groupBy('starts_at') as Promise<Row[]>
      ).then((rows) => {
        const days = new Map<string, number>();
        for (const row of rows) {
          const at = timestamp(row['starts_at']);
          if (!at) continue;
          const value = toNetherlandsDate(at);
          days.set(value, (days.get(value) ?? 0) + count(row['n']));
        }
        result.appointments = [...days].map(([value, n]) => ({ day: value, count: n }));
      }),
    );
  await Promise.all(jobs);
  return result;
}

/**
 * The counts one figure (or, without a name, every figure) of a municipality on `date` is published from: the living
 * migrants' through GROUP BY, the erased people's from their anonymous rows.
 */
export async function insightAggregates(
  knex: Knex,
  municipality: string,
  date: string,
  name?: FigureName,
): Promise<InsightAggregates> {
  const parts = new Set(name ? PARTS[name] : (Object.keys(NO_AGGREGATES) as Array<keyof typeof NO_AGGREGATES>));
  const [locationRows, counts, erased] = await Promise.all([
    knex('locations').select('id', 'name', 'capacity').where('municipality', municipality) as Promise<Row[]>,
    living(knex, municipality, date, parts),
    erasedInput(knex, municipality),
  ]);
  const locations: InsightLocation[] = locationRows.map((row) => ({
    id: String(row['id']),
    name: text(row['name']),
    capacity: row['capacity'] === null || row['capacity'] === undefined ? null : Number(row['capacity']),
  }));
  const known = new Set(locations.map((location) => location.id));
  // a location that is gone: its erased people still count, under an unnamed location
  for (const location of erased.locations) if (!known.has(location.id)) locations.push(location);
  const ofErased = aggregatesOf({ ...erased, locations }, date);
  if (!isPostgres(knex) && (parts.has('cohortsByLocation') || parts.has('cohortsByMonth'))) {
    // SQLite has no time zones to find the Dutch day of a registration: there the living migrants' cohorts are
    // counted from their rows (load.ts), with the erased people's
    const fromRows = aggregatesOf(await insightInput(knex, municipality), date);
    counts.cohortsByLocation = fromRows.cohortsByLocation;
    counts.cohortsByMonth = fromRows.cohortsByMonth;
    ofErased.cohortsByLocation = [];
    ofErased.cohortsByMonth = [];
  }
  return mergeAggregates({ locations, ...counts }, { ...ofErased, locations: [] });
}
