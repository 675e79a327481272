/**
 * The anonymous figures of a municipality (issue 11), as pure functions over plain rows: people present on a date
 * (per location with their BRP status, per nationality, per age band), arrivals and departures per month and per week
 * over 24 months, length of stay, planned registrations, the share registered within 5 days of arrival, and occupancy
 * against capacity. Every count leaves through ./protection; nothing here reads a database or a clock.
 *
 * Living migrants come in with their stays; erased ones (anonymous_people, kept by the retention rule) with the one
 * interval the anonymous row keeps (arrival to departure at its last location). Per person, the figures look at the
 * person's episode in the municipality: from the first start of a stay there to the last end (open while a stay
 * there is open). Dimensions and periods are fixed: a caller chooses the municipality (its own) and a date, nothing
 * else, so two answers cannot be differenced down to a hidden cell.
 * Plain module: no Directus import.
 */
import { expectsLongStay } from '../brp/machine';
import { addDays, addMonths, isCalendarDate } from '../dates';
import { localised, type LocalisedText } from '../ui-language';
import { BRP_STATUSES } from '../vocabulary';
import {
  MINIMUM_PROTECTION,
  protectCrossTable,
  protectList,
  protectedShare,
  type ProtectedList,
  type ProtectionRules,
  type Published,
} from './protection';
import { aggregatesOf, type InsightAggregates, type PresentByNationality } from './aggregates';

export interface InsightStay {
  location: string;
  start: string;
  end: string | null;
}

/** One person, living or erased, with no name, number or id. */
export interface InsightPerson {
  nationality: string | null;
  birthYear: number | null;
  brpStatus: string | null;
  /** Stays at locations (of any municipality; the figures keep those of theirs). */
  stays: InsightStay[];
  /** Must register as a resident (a stay of 4 months or more within 6); null when unknown (erased people). */
  mustRegister: boolean | null;
  /** The day of the first registration (ingeschreven); null when none or unknown. */
  registeredOn: string | null;
}

export interface InsightLocation {
  id: string;
  name: string | null;
  capacity: number | null;
}

/** What the figures of one municipality are computed from. */
export interface InsightInput {
  /** The municipality's locations (and any location its erased people name). */
  locations: InsightLocation[];
  people: InsightPerson[];
  /** Start days (YYYY-MM-DD) of the municipality's proposed and confirmed registration appointments. */
  appointments: string[];
}

export const FIGURE_NAMES = [
  'present-by-location',
  'brp-status-by-location',
  'present-by-nationality',
  'present-by-age-band',
  'arrivals-by-month',
  'departures-by-month',
  'arrivals-by-week',
  'departures-by-week',
  'length-of-stay',
  'planned-registrations',
  'registered-within-5-days',
  'registered-within-5-days-by-month',
  'occupancy',
] as const;
export type FigureName = (typeof FIGURE_NAMES)[number];

/**
 * Whether a person must register as a resident, as the BRP rules say at arrival (a stay of 4 months or more; an
 * unknown departure counts as long): from the arrival date (else the first stay's start) and the expected departure.
 * The same for a living person and, written at erasure, for an erased one.
 */
export function mustRegisterOf(arrival: string | null, expectedDeparture: string | null): boolean | null {
  return arrival
    ? expectsLongStay({ arrivalDate: arrival, expectedDepartureDate: expectedDeparture, today: arrival })
    : null;
}

export function isFigureName(value: unknown): value is FigureName {
  return typeof value === 'string' && (FIGURE_NAMES as readonly string[]).includes(value);
}

export interface FigureDescription {
  name: FigureName;
  title: LocalisedText;
  /** The dimensions of its rows, in order. */
  dimensions: string[];
  /** What the date chooses. */
  period: LocalisedText;
}

const ON_DATE = localised('op de gekozen datum', 'on the chosen date');
const MONTHS_24 = localised(
  'de 24 volle maanden vóór de maand van de datum, zonder totaal',
  'the 24 complete months before the month of the date, without a total',
);
const WEEKS_104 = localised(
  'de 104 volle weken vóór de week van de datum, zonder totaal',
  'the 104 complete weeks before the week of the date, without a total',
);

export const FIGURES: Readonly<Record<FigureName, FigureDescription>> = Object.freeze({
  'present-by-location': {
    name: 'present-by-location',
    title: localised('Aanwezig per locatie', 'Present per location'),
    dimensions: ['location'],
    period: ON_DATE,
  },
  'brp-status-by-location': {
    name: 'brp-status-by-location',
    title: localised('BRP-status per locatie', 'BRP status per location'),
    dimensions: ['location', 'brp_status'],
    period: ON_DATE,
  },
  'present-by-nationality': {
    name: 'present-by-nationality',
    title: localised('Aanwezig per nationaliteit', 'Present per nationality'),
    dimensions: ['nationality'],
    period: ON_DATE,
  },
  'present-by-age-band': {
    name: 'present-by-age-band',
    title: localised('Aanwezig per leeftijdsgroep', 'Present per age band'),
    dimensions: ['age_band'],
    period: ON_DATE,
  },
  'arrivals-by-month': {
    name: 'arrivals-by-month',
    title: localised('Aankomsten per maand', 'Arrivals per month'),
    dimensions: ['month'],
    period: MONTHS_24,
  },
  'departures-by-month': {
    name: 'departures-by-month',
    title: localised('Vertrekken per maand', 'Departures per month'),
    dimensions: ['month'],
    period: MONTHS_24,
  },
  'arrivals-by-week': {
    name: 'arrivals-by-week',
    title: localised('Aankomsten per week', 'Arrivals per week'),
    dimensions: ['week'],
    period: WEEKS_104,
  },
  'departures-by-week': {
    name: 'departures-by-week',
    title: localised('Vertrekken per week', 'Departures per week'),
    dimensions: ['week'],
    period: WEEKS_104,
  },
  'length-of-stay': {
    name: 'length-of-stay',
    title: localised('Verblijfsduur (vertrokken)', 'Length of stay (departed)'),
    dimensions: ['length_band'],
    period: localised('vertrokken in de 24 maanden tot en met de datum', 'departed in the 24 months up to the date'),
  },
  'planned-registrations': {
    name: 'planned-registrations',
    title: localised('Geplande inschrijvingen per week', 'Planned registrations per week'),
    dimensions: ['week'],
    period: localised('6 weken vanaf de week van de datum', '6 weeks from the week of the date'),
  },
  'registered-within-5-days': {
    name: 'registered-within-5-days',
    title: localised('Binnen 5 dagen ingeschreven', 'Registered within 5 days'),
    dimensions: ['location'],
    period: localised(
      'aangekomen in de 24 maanden tot 5 dagen voor de datum, inschrijfplichtig',
      'arrived in the 24 months up to 5 days before the date, required to register',
    ),
  },
  'registered-within-5-days-by-month': {
    name: 'registered-within-5-days-by-month',
    title: localised('Binnen 5 dagen ingeschreven per maand', 'Registered within 5 days per month'),
    dimensions: ['month'],
    period: localised(
      'per maand van aankomst, de 24 volle maanden vóór de maand van de datum, inschrijfplichtig, zonder totaal',
      'per month of arrival, the 24 complete months before the month of the date, required to register, without a total',
    ),
  },
  occupancy: {
    name: 'occupancy',
    title: localised('Bezetting en capaciteit per locatie', 'Occupancy and capacity per location'),
    dimensions: ['location'],
    period: ON_DATE,
  },
});

/** A published row: its dimension values (`total` for a total), the value as published, whether it is hidden. */
export type FigureRow = Record<string, string | number | null | boolean> & Published;

export interface PublishedFigure {
  name: FigureName;
  date: string;
  dimensions: string[];
  rows: FigureRow[];
  /** length-of-stay: the median in days (null under the minimum number of people). */
  median_days?: number | null;
}

export const TOTAL = 'total';

// ---------------------------------------------------------------------------------------------------------------
// Periods

/** The ISO 8601 week of a date: `2026-W48`. */
export function isoWeek(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const at = new Date(Date.UTC(year, month - 1, day));
  const weekday = at.getUTCDay() || 7;
  at.setUTCDate(at.getUTCDate() + 4 - weekday); // the Thursday of the week decides its year
  const weekYear = at.getUTCFullYear();
  const week = Math.ceil(((at.getTime() - Date.UTC(weekYear, 0, 1)) / 86_400_000 + 1) / 7);
  return `${weekYear}-W${String(week).padStart(2, '0')}`;
}

/**
 * The `count` complete months before the month of `date`, oldest first (`2026-10`): every date of a month gives the
 * same months, so two dates cannot be differenced down to a day.
 */
export function monthsBefore(date: string, count = 24): string[] {
  const months: string[] = [];
  for (let back = count; back >= 1; back--) months.push(addMonths(`${date.slice(0, 7)}-01`, -back).slice(0, 7));
  return months;
}

/** The `count` complete ISO weeks before the week of `date`, oldest first. */
export function weeksBefore(date: string, count = 104): string[] {
  const weeks: string[] = [];
  for (let back = count; back >= 1; back--) weeks.push(isoWeek(addDays(date, -7 * back)));
  return weeks;
}

/** The `count` ISO weeks from the week of `date` on. */
export function weeksFrom(date: string, count = 6): string[] {
  return Array.from({ length: count }, (_, index) => isoWeek(addDays(date, 7 * index)));
}

export const AGE_BANDS = ['<20', '20-29', '30-39', '40-49', '50-59', '60+', 'unknown'] as const;

/** The age band on `date` of someone born in `birthYear` (the age that year reaches). */
export function ageBand(birthYear: number | null, date: string): (typeof AGE_BANDS)[number] {
  if (birthYear === null) return 'unknown';
  const age = Number(date.slice(0, 4)) - birthYear;
  if (age < 20) return '<20';
  if (age >= 60) return '60+';
  const decade = Math.floor(age / 10) * 10;
  return `${decade}-${decade + 9}` as (typeof AGE_BANDS)[number];
}

export const LENGTH_BANDS = ['<1m', '1-3m', '3-6m', '6-12m', '12m+'] as const;

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The length band of a stay from `arrival` to `departure` (its last night). */
export function lengthBand(arrival: string, departure: string): (typeof LENGTH_BANDS)[number] {
  if (departure < addMonths(arrival, 1)) return '<1m';
  if (departure < addMonths(arrival, 3)) return '1-3m';
  if (departure < addMonths(arrival, 6)) return '3-6m';
  if (departure < addMonths(arrival, 12)) return '6-12m';
  return '12m+';
}

// ---------------------------------------------------------------------------------------------------------------
// Counting from the aggregates

function locationsInOrder(locations: readonly InsightLocation[]): InsightLocation[] {
  return [...locations].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'nl') || a.id.localeCompare(b.id));
}

/** The sum of the groups' counts per category (`key` null or outside the categories: not counted). */
function countBy<T extends { count: number }>(
  groups: readonly T[],
  key: (group: T) => string | null,
  categories: readonly string[],
): number[] {
  const counts = new Map(categories.map((category) => [category, 0]));
  for (const group of groups) {
    const name = key(group);
    if (name !== null && counts.has(name)) counts.set(name, counts.get(name)! + group.count);
  }
  return categories.map((category) => counts.get(category)!);
}

function listFigure(
  name: FigureName,
  date: string,
  dimension: string,
  categories: readonly string[],
  counts: readonly number[],
  rules: ProtectionRules,
  withTotal = true,
): PublishedFigure {
  // a trend has no total: a total over a window that moves with the date would difference two windows' ends
  const protectedList = withTotal
    ? protectList(counts, rules)
    : { cells: counts.map((count) => protectList([count], rules).cells[0]!), total: null };
  return {
    name,
    date,
    dimensions: [dimension],
    rows: [
      ...categories.map((category, index) => ({
        [dimension]: category,
        ...protectedList.cells[index]!,
      })),
      ...(protectedList.total ? [{ [dimension]: TOTAL, ...protectedList.total }] : []),
    ],
  };
}

const STATUS_COLUMNS: readonly string[] = [...BRP_STATUSES, 'unknown'];

/**
 * The figures of the people present on `date`: BRP status per location (whose row totals are the people per
 * location), per nationality, per age band. They share one total; when one of them has to hide it (a table that would
 * give a cell away through it otherwise), all of them hide it, so no figure of the date opens another.
 */
function presentFigures(aggregates: InsightAggregates, date: string, rules: ProtectionRules) {
  const locations = locationsInOrder(aggregates.locations);
  const index = new Map(locations.map((location, i) => [location.id, i]));
  const cells = locations.map(() => STATUS_COLUMNS.map(() => 0));
  for (const group of aggregates.presentByLocationStatus) {
    const row = index.get(group.location);
    if (row === undefined) continue;
    const status = group.brpStatus && STATUS_COLUMNS.includes(group.brpStatus) ? group.brpStatus : 'unknown';
    cells[row]![STATUS_COLUMNS.indexOf(status)]! += group.count;
  }
  const nationalityOf = (group: PresentByNationality) => group.nationality ?? 'unknown';
  const nationalities = [
    ...new Set(aggregates.presentByNationality.filter((group) => group.count > 0).map(nationalityOf)),
  ].sort();
  const byNationality = countBy(aggregates.presentByNationality, nationalityOf, nationalities);
  const byAge = countBy(aggregates.presentByBirthYear, (group) => ageBand(group.birthYear, date), AGE_BANDS);
  const protect = (hideTotal: boolean) => ({
    locations,
    nationalities,
    status: protectCrossTable(cells, rules, { hideTotal }),
    nationality: protectList(byNationality, rules, { hideTotal }),
    age: protectList(byAge, rules, { hideTotal }),
  });
  const first = protect(false);
  const hidden = [first.status.total, first.nationality.total, first.age.total].some((total) => total.suppressed);
  return hidden ? protect(true) : first;
}

function listRows(dimension: string, categories: readonly string[], list: ProtectedList): FigureRow[] {
  return [
    ...categories.map((category, i) => ({ [dimension]: category, ...list.cells[i]! })),
    { [dimension]: TOTAL, ...list.total },
  ];
}

function locationColumns(location: InsightLocation): Record<string, string | null> {
  return { location: location.id, location_name: location.name };
}

/** The median of grouped whole numbers, or null over fewer than the minimum number of people. */
function groupedMedian(groups: ReadonlyArray<{ value: number; count: number }>, rules: ProtectionRules): number | null {
  const people = groups.reduce((sum, group) => sum + group.count, 0);
  if (people < rules.minPeople || people === 0) return null;
  const sorted = [...groups].filter((group) => group.count > 0).sort((a, b) => a.value - b.value);
  const at = (position: number): number => {
    let seen = 0;
    for (const group of sorted) {
      seen += group.count;
      if (position < seen) return group.value;
    }
    return sorted[sorted.length - 1]!.value;
  };
  const middle = Math.floor(people / 2);
  return Math.round(people % 2 ? at(middle) : (at(middle - 1) + at(middle)) / 2);
}

// ---------------------------------------------------------------------------------------------------------------
// The figures

/** One figure of a municipality on `date`, as published, from plain rows (erased people; the unit tests). */
export function figure(
  name: FigureName,
  input: InsightInput,
  date: string,
  rules: ProtectionRules = MINIMUM_PROTECTION,
): PublishedFigure {
  if (!isCalendarDate(date)) throw new RangeError('a figure needs a date YYYY-MM-DD');
  return publishFigure(name, aggregatesOf(input, date), date, rules);
}

/** One figure of a municipality on `date`, as published, from the counts (./aggregates) of that date. */
export function publishFigure(
  name: FigureName,
  aggregates: InsightAggregates,
  date: string,
  rules: ProtectionRules = MINIMUM_PROTECTION,
): PublishedFigure {
  if (!isCalendarDate(date)) throw new RangeError('a figure needs a date YYYY-MM-DD');
  switch (name) {
    case 'brp-status-by-location': {
      const { locations, status: table } = presentFigures(aggregates, date, rules);
      const rows: FigureRow[] = [];
      locations.forEach((location, i) => {
        STATUS_COLUMNS.forEach((status, j) =>
          rows.push({ ...locationColumns(location), brp_status: status, ...table.cells[i]![j]! }),
        );
        rows.push({ ...locationColumns(location), brp_status: TOTAL, ...table.rowTotals[i]! });
      });
      STATUS_COLUMNS.forEach((status, j) =>
        rows.push({ location: TOTAL, location_name: null, brp_status: status, ...table.columnTotals[j]! }),
      );
      rows.push({ location: TOTAL, location_name: null, brp_status: TOTAL, ...table.total });
      return { name, date, dimensions: FIGURES[name].dimensions, rows };
    }
    case 'present-by-location':
    case 'occupancy': {
      // the row totals of the status table, so the two figures publish the same numbers and hide the same ones
      const { locations, status: table } = presentFigures(aggregates, date, rules);
      const rows: FigureRow[] = locations.map((location, i) => {
        const occupied = table.rowTotals[i]!;
        if (name === 'present-by-location') return { ...locationColumns(location), ...occupied };
        return {
          ...locationColumns(location),
          capacity: location.capacity,
          ...occupied,
          ...occupancyState(occupied, location.capacity, rules),
        };
      });
      const capacity = locations.reduce((sum, location) => sum + (location.capacity ?? 0), 0);
      rows.push(
        name === 'present-by-location'
          ? { location: TOTAL, location_name: null, ...table.total }
          : {
              location: TOTAL,
              location_name: null,
              capacity,
              ...table.total,
              ...occupancyState(table.total, capacity, rules),
            },
      );
      return { name, date, dimensions: FIGURES[name].dimensions, rows };
    }
    case 'present-by-nationality': {
      const { nationalities, nationality } = presentFigures(aggregates, date, rules);
      return {
        name,
        date,
        dimensions: FIGURES[name].dimensions,
        rows: listRows('nationality', nationalities, nationality),
      };
    }
    case 'present-by-age-band': {
      const { age } = presentFigures(aggregates, date, rules);
      return { name, date, dimensions: FIGURES[name].dimensions, rows: listRows('age_band', AGE_BANDS, age) };
    }
    case 'arrivals-by-month':
    case 'departures-by-month': {
      const months = monthsBefore(date);
      const days = name === 'arrivals-by-month' ? aggregates.arrivals : aggregates.departures;
      const counts = countBy(days, (group) => group.day.slice(0, 7), months);
      return listFigure(name, date, 'month', months, counts, rules, false);
    }
    case 'arrivals-by-week':
    case 'departures-by-week': {
      const weeks = weeksBefore(date);
      const days = name === 'arrivals-by-week' ? aggregates.arrivals : aggregates.departures;
      const counts = countBy(days, (group) => isoWeek(group.day), weeks);
      return listFigure(name, date, 'week', weeks, counts, rules, false);
    }
    case 'length-of-stay': {
      const from = addMonths(date, -24);
      const departed = aggregates.departed.filter((group) => group.departure > from && group.departure <= date);
      const counts = countBy(departed, (group) => lengthBand(group.arrival, group.departure), LENGTH_BANDS);
      const published = listFigure(name, date, 'length_band', LENGTH_BANDS, counts, rules);
      const lengths = departed.map((group) => ({
        value: Math.max(0, daysBetween(group.arrival, group.departure)),
        count: group.count,
      }));
      return { ...published, median_days: groupedMedian(lengths, rules) };
    }
    case 'planned-registrations': {
      const weeks = weeksFrom(date);
      const counts = countBy(
        aggregates.appointments.filter((group) => group.day >= date),
        (group) => isoWeek(group.day),
        weeks,
      );
      return listFigure(name, date, 'week', weeks, counts, rules);
    }
    case 'registered-within-5-days': {
      // those who had to register and arrived in the 24 months up to 5 days before the date (./aggregates)
      const locations = locationsInOrder(aggregates.locations);
      const ids = locations.map((location) => location.id);
      const cohort = aggregates.cohortsByLocation;
      const registered = cohort.filter((group) => group.inTime);
      const counts = countBy(cohort, (group) => group.location, ids);
      const inTime = countBy(registered, (group) => group.location, ids);
      const sum = (groups: ReadonlyArray<{ count: number }>) => groups.reduce((total, group) => total + group.count, 0);
      const people = protectList(counts, rules);
      const rows: FigureRow[] = locations.map((location, i) => ({
        ...locationColumns(location),
        ...people.cells[i]!,
        share_percent: people.cells[i]!.suppressed ? null : protectedShare(inTime[i]!, counts[i]!, rules),
      }));
      rows.push({
        location: TOTAL,
        location_name: null,
        ...people.total,
        share_percent: people.total.suppressed ? null : protectedShare(sum(registered), sum(cohort), rules),
      });
      return { name, date, dimensions: FIGURES[name].dimensions, rows };
    }
    case 'registered-within-5-days-by-month': {
      // per month of arrival: those who had to register and had had 5 days by the date; no total (a trend)
      const months = monthsBefore(date);
      const cohort = aggregates.cohortsByMonth;
      const counts = countBy(cohort, (group) => group.month, months);
      const registered = countBy(
        cohort.filter((group) => group.inTime),
        (group) => group.month,
        months,
      );
      const rows: FigureRow[] = months.map((month, i) => {
        const people = protectList([counts[i]!], rules).cells[0]!;
        return {
          month,
          ...people,
          share_percent: people.suppressed ? null : protectedShare(registered[i]!, counts[i]!, rules),
        };
      });
      return { name, date, dimensions: FIGURES[name].dimensions, rows };
    }
  }
}

/**
 * Free, about full or over capacity, from the published occupancy only: a shown number n stands for n − 2 … n + 2
 * (rounded to 5), so the state is what every value in that range says, `about_full` when they disagree, and nothing
 * for a hidden number.
 */
function occupancyState(
  occupied: Published,
  capacity: number | null,
  rules: ProtectionRules,
): { state: 'free' | 'about_full' | 'over' | null } {
  if (occupied.suppressed || occupied.value === null || capacity === null) return { state: null };
  const spread = Math.floor(rules.rounding / 2);
  if (occupied.value - spread > capacity) return { state: 'over' };
  if (occupied.value + spread < capacity) return { state: 'free' };
  return { state: 'about_full' };
}
