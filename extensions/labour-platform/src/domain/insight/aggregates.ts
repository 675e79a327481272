/**
 * The counts the figures are published from (issue 11): grouped numbers, never a person. The database computes them
 * with GROUP BY (../../glue/insight/aggregate.ts) for the living migrants; the few erased people (anonymous_people)
 * and the unit tests go through `aggregatesOf`, which computes the same counts from plain rows. Both meet in
 * `mergeAggregates`, and ./figures protects and publishes the sum.
 *
 * Per person, the figures look at the person's episode in the municipality: from the first start of a stay there
 * (its location is the first location) to the last end (open while a stay there is open). Present on a date: the
 * stay there that covers the date and started last.
 * Plain module: no Directus import.
 */
import { addDays, addMonths, isCalendarDate } from '../dates';
import type { InsightInput, InsightLocation, InsightPerson } from './figures';

export interface PresentByLocationStatus {
  location: string;
  brpStatus: string | null;
  count: number;
}
export interface PresentByNationality {
  nationality: string | null;
  count: number;
}
export interface PresentByBirthYear {
  birthYear: number | null;
  count: number;
}
export interface PerDay {
  day: string;
  count: number;
}
export interface DepartedEpisodes {
  arrival: string;
  departure: string;
  count: number;
}
/**
 * Those who had to register (a stay of 4 months or more) and arrived in the 24 months up to 5 days before the date,
 * per first location of the episode, and whether they registered within 5 days of arrival.
 */
export interface CohortByLocation {
  location: string;
  inTime: boolean;
  count: number;
}
/**
 * Those who had to register and arrived up to 5 days before the date, per month of arrival (YYYY-MM, from the first
 * of the 24 months before the month of the date), and whether they registered within 5 days of arrival.
 */
export interface CohortByMonth {
  month: string;
  inTime: boolean;
  count: number;
}

/**
 * The arrivals the registration figures of `date` count: up to `until` (5 days before the date, so each had 5 days to
 * register); per location after `after` (24 months before the date), per month from `firstMonth` (YYYY-MM, the first
 * of the 24 complete months before the month of the date).
 */
export function cohortWindow(date: string): { until: string; after: string; firstMonth: string } {
  return {
    until: addDays(date, -5),
    after: addMonths(date, -24),
    firstMonth: addMonths(`${date.slice(0, 7)}-01`, -24).slice(0, 7),
  };
}

/** Registered within 5 days of arrival (the registration day at most 5 days after the arrival day). */
export function registeredInTime(arrival: string, registeredOn: string | null): boolean {
  return registeredOn !== null && registeredOn <= addDays(arrival, 5);
}

/** What the figures of one municipality on one date are published from. */
export interface InsightAggregates {
  locations: InsightLocation[];
  /** The people present on the date, three ways (they are the same people). */
  presentByLocationStatus: PresentByLocationStatus[];
  presentByNationality: PresentByNationality[];
  presentByBirthYear: PresentByBirthYear[];
  /** Episodes per arrival day and per departure day (closed episodes only). */
  arrivals: PerDay[];
  departures: PerDay[];
  /** Closed episodes per arrival and departure day. */
  departed: DepartedEpisodes[];
  /** Those who had to register, registered in time or not, per first location and per month of arrival. */
  cohortsByLocation: CohortByLocation[];
  cohortsByMonth: CohortByMonth[];
  /** Proposed and confirmed registration appointments per day. */
  appointments: PerDay[];
}

export const NO_AGGREGATES: Readonly<Omit<InsightAggregates, 'locations'>> = Object.freeze({
  presentByLocationStatus: [],
  presentByNationality: [],
  presentByBirthYear: [],
  arrivals: [],
  departures: [],
  departed: [],
  cohortsByLocation: [],
  cohortsByMonth: [],
  appointments: [],
});

/** Adds one to the group `key` (a JSON of its dimension values) of `groups`. */
function tally<T extends { count: number }>(groups: Map<string, T>, group: Omit<T, 'count'>, by = 1): void {
  const key = JSON.stringify(group);
  const found = groups.get(key);
  if (found) found.count += by;
  else groups.set(key, { ...group, count: by } as T);
}

/** Plain code-unit order, as the database orders ids (never the locale's). */
const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface Episode {
  person: InsightPerson;
  arrival: string;
  departure: string | null;
  firstLocation: string;
}

function episodes(input: InsightInput): Episode[] {
  const ours = new Set(input.locations.map((location) => location.id));
  const result: Episode[] = [];
  for (const person of input.people) {
    const stays = person.stays.filter((stay) => ours.has(stay.location) && isCalendarDate(stay.start));
    if (stays.length === 0) continue;
    const first = stays.reduce((a, b) =>
      b.start < a.start || (b.start === a.start && b.location < a.location) ? b : a,
    );
    const open = stays.some((stay) => stay.end === null);
    const departure = open ? null : stays.map((stay) => stay.end!).reduce((a, b) => (a > b ? a : b));
    result.push({ person, arrival: first.start, departure, firstLocation: first.location });
  }
  return result;
}

/** The counts of plain rows (erased people; unit tests) on `date`, as the database computes them for the living. */
export function aggregatesOf(input: InsightInput, date: string): InsightAggregates {
  const ours = new Set(input.locations.map((location) => location.id));
  const byLocationStatus = new Map<string, PresentByLocationStatus>();
  const byNationality = new Map<string, PresentByNationality>();
  const byBirthYear = new Map<string, PresentByBirthYear>();
  for (const person of input.people) {
    const current = person.stays
      .filter((stay) => ours.has(stay.location) && stay.start <= date && (stay.end === null || stay.end >= date))
      // the stay that started last; of two that started the same day, the greatest location (by id)
      .sort((a, b) => (a.start === b.start ? byId(a.location, b.location) : byId(a.start, b.start)))
      .pop();
    if (!current) continue;
    tally(byLocationStatus, { location: current.location, brpStatus: person.brpStatus });
    tally(byNationality, { nationality: person.nationality });
    tally(byBirthYear, { birthYear: person.birthYear });
  }
  const arrivals = new Map<string, PerDay>();
  const departures = new Map<string, PerDay>();
  const departed = new Map<string, DepartedEpisodes>();
  const cohortsByLocation = new Map<string, CohortByLocation>();
  const cohortsByMonth = new Map<string, CohortByMonth>();
  const window = cohortWindow(date);
  for (const episode of episodes(input)) {
    tally(arrivals, { day: episode.arrival });
    if (episode.departure !== null) {
      tally(departures, { day: episode.departure });
      tally(departed, { arrival: episode.arrival, departure: episode.departure });
    }
    if (episode.person.mustRegister === true && episode.arrival <= window.until) {
      const inTime = registeredInTime(episode.arrival, episode.person.registeredOn);
      if (episode.arrival > window.after) tally(cohortsByLocation, { location: episode.firstLocation, inTime });
      const month = episode.arrival.slice(0, 7);
      if (month >= window.firstMonth) tally(cohortsByMonth, { month, inTime });
    }
  }
  const appointments = new Map<string, PerDay>();
  for (const day of input.appointments) tally(appointments, { day });
  return {
    locations: input.locations,
    presentByLocationStatus: [...byLocationStatus.values()],
    presentByNationality: [...byNationality.values()],
    presentByBirthYear: [...byBirthYear.values()],
    arrivals: [...arrivals.values()],
    departures: [...departures.values()],
    departed: [...departed.values()],
    cohortsByLocation: [...cohortsByLocation.values()],
    cohortsByMonth: [...cohortsByMonth.values()],
    appointments: [...appointments.values()],
  };
}

/** The counts of two disjoint groups of people (the living and the erased) together; locations once each. */
export function mergeAggregates(a: InsightAggregates, b: InsightAggregates): InsightAggregates {
  const locations = [...a.locations];
  const known = new Set(locations.map((location) => location.id));
  for (const location of b.locations) if (!known.has(location.id)) locations.push(location);
  return {
    locations,
    presentByLocationStatus: [...a.presentByLocationStatus, ...b.presentByLocationStatus],
    presentByNationality: [...a.presentByNationality, ...b.presentByNationality],
    presentByBirthYear: [...a.presentByBirthYear, ...b.presentByBirthYear],
    arrivals: [...a.arrivals, ...b.arrivals],
    departures: [...a.departures, ...b.departures],
    departed: [...a.departed, ...b.departed],
    cohortsByLocation: [...a.cohortsByLocation, ...b.cohortsByLocation],
    cohortsByMonth: [...a.cohortsByMonth, ...b.cohortsByMonth],
    appointments: [...a.appointments, ...b.appointments],
  };
}

/**
 * The same counts in one canonical form (each group once, sorted), to compare two ways of counting; `keep` chooses
 * the groups of a part (the database computes only the window a figure reads).
 */
export function canonicalAggregates(
  aggregates: InsightAggregates,
  keep: Partial<{ [K in keyof typeof NO_AGGREGATES]: (group: InsightAggregates[K][number]) => boolean }> = {},
): Record<string, Array<Record<string, unknown>>> {
  const result: Record<string, Array<Record<string, unknown>>> = {};
  for (const part of Object.keys(NO_AGGREGATES) as Array<keyof typeof NO_AGGREGATES>) {
    const groups = new Map<string, { count: number }>();
    const filter = keep[part] as ((group: unknown) => boolean) | undefined;
    for (const group of aggregates[part] as Array<{ count: number }>) {
      if (filter && !filter(group)) continue;
      const { count, ...dimensions } = group;
      tally(groups, dimensions, count);
    }
    result[part] = [...groups.entries()]
      .filter(([, group]) => group.count > 0)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([, group]) => group);
  }
  return result;
}
