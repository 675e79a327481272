/**
 * Calendar dates and timestamps, the one date module of the domain. A date is a plain `YYYY-MM-DD` string: a day
 * in the Netherlands, no time zone. Validation (./validation) checks dates and timestamps with it; the BRP workflow
 * (./brp) computes stays and due dates with it. Pure, except `todayInNetherlands()` without an argument, which
 * reads the clock. Plain module: no Directus import.
 */

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

interface DateParts {
  year: number;
  month: number; // 1-12
  day: number;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isRealDate({ year, month, day }: DateParts): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** The parts of a real calendar date in the form YYYY-MM-DD, or null. */
function partsOf(date: string): DateParts | null {
  const match = DATE_PATTERN.exec(date);
  if (!match) return null;
  const parts = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return isRealDate(parts) ? parts : null;
}

function parts(date: string): DateParts {
  const result = partsOf(date);
  if (result === null) {
    throw new RangeError(
      DATE_PATTERN.test(date) ? `not a calendar date: ${date}` : `expected a date in the form YYYY-MM-DD, got ${date}`,
    );
  }
  return result;
}

function format({ year, month, day }: DateParts): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** True when `date` is a real calendar date in the form YYYY-MM-DD ('2023-02-29' is not). */
export function isCalendarDate(date: string): boolean {
  return partsOf(date) !== null;
}

/** The Netherlands' calendar (made once: making a formatter costs far more than using it). */
const NETHERLANDS_DAY = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in the Netherlands as YYYY-MM-DD. */
export function todayInNetherlands(now: Date = new Date()): string {
  const dateParts = NETHERLANDS_DAY.formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes): string => dateParts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/**
 * ISO 8601 date and time ('2025-03-01T09:30', with optional seconds, fraction and zone) as epoch ms; null if
 * invalid. A time without zone is read as UTC.
 */
export function parseTimestamp(value: string): number | null {
  const match = TIMESTAMP_PATTERN.exec(value);
  if (!match) return null;
  const field = (index: number): number => Number(match[index] ?? '0');
  const date = { year: field(1), month: field(2), day: field(3) };
  const [hour, minute, second] = [field(4), field(5), field(6)];
  const millis = Number((match[7] ?? '0').padEnd(3, '0').slice(0, 3));
  if (!isRealDate(date) || hour > 23 || minute > 59 || second > 59) return null;
  let offsetMinutes = 0;
  const zone = match[8];
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const zoneHours = Number(digits.slice(0, 2));
    const zoneMinutes = Number(digits.slice(2) || '0');
    if (zoneHours > 14 || zoneMinutes > 59) return null;
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (zoneHours * 60 + zoneMinutes);
  }
  return Date.UTC(date.year, date.month - 1, date.day, hour, minute, second, millis) - offsetMinutes * 60_000;
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

/** Whole days from `from` to `to` (negative when `to` is earlier); both YYYY-MM-DD. */
export function daysBetween(from: string, to: string): number {
  const a = parts(from);
  const b = parts(to);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
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
