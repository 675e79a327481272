/**
 * Small calendar helpers for the BRP workflow, on plain `YYYY-MM-DD` dates (no time zone: a date is a day in
 * the Netherlands). Pure; no Directus import.
 */

import { todayInNetherlands } from '../validation';

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

interface DateParts {
  year: number;
  month: number; // 1-12
  day: number;
}

function parts(date: string): DateParts {
  const match = DATE_PATTERN.exec(date);
  if (!match) throw new RangeError(`expected a date in the form YYYY-MM-DD, got ${date}`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`not a calendar date: ${date}`);
  }
  return { year, month, day };
}

function format({ year, month, day }: DateParts): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True when `date` is a real calendar date in the form YYYY-MM-DD. */
export function isCalendarDate(date: string): boolean {
  try {
    parts(date);
    return true;
  } catch {
    return false;
  }
}

/**
 * Adds calendar months. A day that does not exist in the target month is clamped to that month's last day:
 * 2025-10-31 + 4 months = 2026-02-28.
 */
export function addMonths(date: string, months: number): string {
  const { year, month, day } = parts(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return format({ year: targetYear, month: targetMonth, day: Math.min(day, daysInMonth(targetYear, targetMonth)) });
}

/** Adds (or, when negative, subtracts) calendar days. */
export function addDays(date: string, days: number): string {
  const { year, month, day } = parts(date);
  const moved = new Date(Date.UTC(year, month - 1, day + days));
  return format({ year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() });
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  const { year, month, day } = parts(date);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

export function isWeekend(date: string): boolean {
  const weekday = dayOfWeek(date);
  return weekday === 0 || weekday === 6;
}

/**
 * Adds working days (Monday to Friday): each of the `days` steps moves to the next weekday. Public holidays
 * are not skipped. Adding 0 working days returns the date itself, even on a weekend.
 */
export function addWorkingDays(date: string, days: number): string {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${days}`);
  let current = format(parts(date));
  let remaining = days;
  while (remaining > 0) {
    current = addDays(current, 1);
    if (!isWeekend(current)) remaining -= 1;
  }
  return current;
}

/**
 * The Netherlands calendar date of a `YYYY-MM-DD` date (returned as is) or of an ISO 8601 timestamp
 * (e.g. a task's `date_created`).
 */
export function toNetherlandsDate(value: string): string {
  if (DATE_PATTERN.test(value)) return format(parts(value));
  const instant = Date.parse(value);
  if (Number.isNaN(instant)) throw new RangeError(`expected a date or an ISO 8601 timestamp, got ${value}`);
  return todayInNetherlands(new Date(instant));
}

/** Lexicographic order equals calendar order for YYYY-MM-DD. */
export function maxDate(a: string, b: string): string {
  return a >= b ? a : b;
}
