/**
 * The anonymous figures the platform keeps after a person is erased: per person only what the insight figures need
 * (municipality, location, nationality, birth year, arrival and departure, BRP outcome), with nothing that links back
 * (no migrant id, no case number). The figures are computed the same way over living migrants and erased ones, so
 * erasing a person changes no figure. Plain module: no Directus import.
 */

/** One person, anonymously. */
export interface AnonymousPerson {
  municipality: string | null;
  location: string | null;
  nationality: string | null;
  birthYear: number | null;
  arrival: string | null;
  departure: string | null;
  brpOutcome: string | null;
}

export interface Figures {
  people: number;
  byMunicipality: Record<string, number>;
  byLocation: Record<string, number>;
  byNationality: Record<string, number>;
  byBirthYear: Record<string, number>;
  byBrpOutcome: Record<string, number>;
  byArrivalMonth: Record<string, number>;
  byDepartureMonth: Record<string, number>;
  /** Total days stayed (arrival to departure) of those with both dates, per municipality. */
  stayDaysByMunicipality: Record<string, number>;
}

const NONE = '-';

function count(target: Record<string, number>, key: string | number | null, add = 1): void {
  const name = key === null || key === '' ? NONE : String(key);
  target[name] = (target[name] ?? 0) + add;
}

function sorted(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function days(from: string, to: string): number {
  return Math.round(
    (Date.parse(`${to.slice(0, 10)}T00:00:00Z`) - Date.parse(`${from.slice(0, 10)}T00:00:00Z`)) / 86_400_000,
  );
}

/** The figures over a set of people (order does not matter; keys are sorted, so equal sets give equal figures). */
export function figures(people: Iterable<AnonymousPerson>): Figures {
  const result: Figures = {
    people: 0,
    byMunicipality: {},
    byLocation: {},
    byNationality: {},
    byBirthYear: {},
    byBrpOutcome: {},
    byArrivalMonth: {},
    byDepartureMonth: {},
    stayDaysByMunicipality: {},
  };
  for (const person of people) {
    result.people += 1;
    count(result.byMunicipality, person.municipality);
    count(result.byLocation, person.location);
    count(result.byNationality, person.nationality);
    count(result.byBirthYear, person.birthYear);
    count(result.byBrpOutcome, person.brpOutcome);
    count(result.byArrivalMonth, person.arrival ? person.arrival.slice(0, 7) : null);
    count(result.byDepartureMonth, person.departure ? person.departure.slice(0, 7) : null);
    if (person.arrival && person.departure)
      count(result.stayDaysByMunicipality, person.municipality, Math.max(0, days(person.arrival, person.departure)));
  }
  for (const key of Object.keys(result) as Array<keyof Figures>) {
    const value = result[key];
    if (typeof value === 'object') (result as unknown as Record<string, unknown>)[key] = sorted(value);
  }
  return result;
}

/** What one migrant's row and stays give (dates as YYYY-MM-DD): arrival the first known start, departure the last end. */
export function anonymousPerson(input: {
  municipality: string | null;
  location: string | null;
  nationality: string | null;
  birthYear: number | null;
  arrivalDate: string | null;
  departureDate: string | null;
  brpStatus: string | null;
  stays: ReadonlyArray<{ start: string | null; end: string | null }>;
}): AnonymousPerson {
  const starts = input.stays
    .map((stay) => stay.start)
    .filter((value): value is string => !!value)
    .map((value) => value.slice(0, 10));
  const ends = input.stays
    .map((stay) => stay.end)
    .filter((value): value is string => !!value)
    .map((value) => value.slice(0, 10));
  const arrival = input.arrivalDate?.slice(0, 10) ?? (starts.length ? starts.reduce((a, b) => (a < b ? a : b)) : null);
  const departure = input.departureDate?.slice(0, 10) ?? (ends.length ? ends.reduce((a, b) => (a > b ? a : b)) : null);
  return {
    municipality: input.municipality,
    location: input.location,
    nationality: input.nationality,
    birthYear: input.birthYear,
    arrival,
    departure,
    brpOutcome: input.brpStatus,
  };
}
