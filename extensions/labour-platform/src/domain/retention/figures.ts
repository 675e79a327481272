/**
 * The anonymous figures the platform keeps after a person is erased: per person only what the insight figures need
 * (municipality, location, nationality, birth year, arrival and departure, BRP outcome, the day of the first
 * registration, whether the person had to register, and the stays as periods per location with their municipalities),
 * with nothing that links back
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
  /** The day of the first registration (ingeschreven), if any. */
  registeredOn: string | null;
  /** Whether the person had to register as a resident (a stay of 4 months or more), null when not known. */
  mustRegister: boolean | null;
  /** Every stay as a period at a location (no id of the stay or the person). */
  stays: AnonymousStay[];
  /** The municipalities of those stays (ids), so each municipality finds its former residents. */
  municipalities: string[];
}

export interface AnonymousStay {
  location: string;
  start: string;
  end: string | null;
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
/** What the counts below read of a person. */
export type CountedPerson = Pick<
  AnonymousPerson,
  'municipality' | 'location' | 'nationality' | 'birthYear' | 'arrival' | 'departure' | 'brpOutcome'
>;

export function figures(people: Iterable<CountedPerson>): Figures {
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
  stays: ReadonlyArray<{ location?: string | null; start: string | null; end: string | null }>;
  registeredOn?: string | null;
  mustRegister?: boolean | null;
  /** The municipality of each location of the stays. */
  municipalityOf?: (location: string) => string | null;
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
    registeredOn: input.registeredOn?.slice(0, 10) ?? null,
    mustRegister: input.mustRegister ?? null,
    stays: input.stays
      .filter(
        (stay): stay is { location: string; start: string; end: string | null } => !!stay.location && !!stay.start,
      )
      .map((stay) => ({ location: stay.location, start: stay.start.slice(0, 10), end: stay.end?.slice(0, 10) ?? null }))
      .sort((a, b) => a.start.localeCompare(b.start) || a.location.localeCompare(b.location)),
    municipalities: [
      ...new Set(
        input.stays
          .map((stay) => (stay.location ? (input.municipalityOf?.(stay.location) ?? null) : null))
          .filter((id): id is string => id !== null),
      ),
    ].sort(),
  };
}
