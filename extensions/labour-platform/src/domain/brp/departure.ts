/**
 * A reported departure (REPORT_DEPARTURE): the day the migrant left, and what it does to the migrant's stays.
 *
 * The departure date is the last night at the location (a stay's dates are inclusive, as in the demo data): the
 * stays that cover it end on it, and from then on the migrant has no current location, so the bed is free
 * (`hasLeft`). Left out by a provider system over the API it is today; it is never in the future, and never before
 * the start of a stay it ends (the migrant cannot have left a location before arriving there).
 *
 * Plain module: no Directus import.
 */
import { isCalendarDate } from '../dates';

export interface StaySpan {
  id: string;
  /** YYYY-MM-DD */
  start_date: string;
  /** YYYY-MM-DD, or null while open. */
  end_date: string | null;
}

export type DepartureDateProblem = 'not_a_date' | 'in_future' | 'before_stay';

export type DepartureDate = { ok: true; date: string } | { ok: false; problem: DepartureDateProblem };

/** The stays a departure on `date` ends: those that started on or before it and end after it (or not at all). */
export function staysEndedBy(stays: readonly StaySpan[], date: string): StaySpan[] {
  return stays.filter((stay) => stay.start_date <= date && (stay.end_date === null || stay.end_date > date));
}

/**
 * The departure date of a REPORT_DEPARTURE: the given date (YYYY-MM-DD), or today when none was given. Refused
 * when it is no calendar date, lies after today, or lies before the start of the stay the migrant lives in (a stay
 * still open on that day, or one that starts later: the migrant was there after the day it would have left).
 */
export function departureDate(input: unknown, today: string, stays: readonly StaySpan[]): DepartureDate {
  if (input !== undefined && input !== null && input !== '' && (typeof input !== 'string' || !isCalendarDate(input))) {
    return { ok: false, problem: 'not_a_date' };
  }
  const date = typeof input === 'string' && input !== '' ? input : today;
  if (date > today) return { ok: false, problem: 'in_future' };
  // a stay that is still open after the date but started after it: the migrant was there after leaving
  if (stays.some((stay) => stay.start_date > date && (stay.end_date === null || stay.end_date >= date)))
    return { ok: false, problem: 'before_stay' };
  return { ok: true, date };
}

/** Whether a migrant with this departure date has left by `today`: then it occupies no bed. */
export function hasLeft(departure: string | null, today: string): boolean {
  return departure !== null && isCalendarDate(departure) && departure <= today;
}
