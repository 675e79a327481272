/**
 * Due dates of the BRP tasks. Pure; no Directus import.
 *
 * Working days are Monday to Friday. Public holidays (King's Day, Christmas, …) are NOT skipped: a deadline that
 * falls on or runs across a holiday is one day stricter than a clerk would count. Tenants may pass their own
 * deadline table.
 */

import { addDays, addWorkingDays, isCalendarDate, maxDate, toNetherlandsDate } from '../dates';
import type { TaskType } from '../vocabulary';

/** What a deadline counts from: the day the task was opened, the arrival date or the expected departure date. */
export type DeadlineBase = 'opened' | 'arrival' | 'expected_departure';

export interface TaskDeadline {
  days: number;
  /** true: count Monday–Friday only; false: calendar days. */
  workingDays: boolean;
  from: DeadlineBase;
}

export type TaskDeadlines = Readonly<Record<TaskType, TaskDeadline>>;

export const DEFAULT_TASK_DEADLINES: TaskDeadlines = Object.freeze({
  assess_status: { days: 2, workingDays: true, from: 'opened' },
  schedule: { days: 3, workingDays: true, from: 'opened' },
  confirm_appointment: { days: 2, workingDays: true, from: 'opened' },
  // The legal rule: a resident registers within 5 days of arrival.
  register: { days: 5, workingDays: false, from: 'arrival' },
  // Report the departure on the expected departure date; no due date while it is unknown.
  report_departure: { days: 0, workingDays: false, from: 'expected_departure' },
  deregister: { days: 5, workingDays: true, from: 'opened' },
  // A supervision warning is acted on within a working week of opening.
  handle_warning: { days: 5, workingDays: true, from: 'opened' },
});

export interface DueDateFacts {
  /** When the task was opened: YYYY-MM-DD or an ISO 8601 timestamp (taken as its date in the Netherlands). */
  opened: string;
  /** YYYY-MM-DD or null. */
  arrivalDate: string | null;
  /** YYYY-MM-DD or null. */
  expectedDepartureDate: string | null;
}

/**
 * The due date (YYYY-MM-DD) of a task of `taskType` opened on `facts.opened`, or null when the date it counts
 * from is unknown (only for `from: 'expected_departure'`).
 *
 * - `from: 'arrival'` with an unknown arrival date counts from the opening date instead.
 * - A due date counted from arrival or expected departure is never before the opening date: a task cannot fall
 *   due before it exists (a migrant who arrived 10 days ago gets a register task due the day it is opened).
 */
export function dueDate(taskType: TaskType, deadlines: TaskDeadlines, facts: DueDateFacts): string | null {
  const deadline = deadlines[taskType];
  const opened = toNetherlandsDate(facts.opened);

  let base: string;
  switch (deadline.from) {
    case 'opened':
      base = opened;
      break;
    case 'arrival':
      base = facts.arrivalDate ?? opened;
      break;
    case 'expected_departure':
      if (facts.expectedDepartureDate === null) return null;
      base = facts.expectedDepartureDate;
      break;
  }
  if (!isCalendarDate(base)) throw new RangeError(`expected a date in the form YYYY-MM-DD, got ${base}`);

  const due = deadline.workingDays ? addWorkingDays(base, deadline.days) : addDays(base, deadline.days);
  return maxDate(due, opened);
}
