/**
 * The agenda of a municipal desk (balie): which slots of a day are free for an appointment of a given length, and
 * whether a new appointment would double-book the desk. Times are milliseconds since the epoch, intervals
 * half-open [start, end): an appointment that ends at 09:15 and one that starts at 09:15 do not overlap.
 * Plain module: no Directus import.
 */

export interface Interval {
  start: number;
  end: number;
}

/** Opening hours of a desk, local time 'HH:MM' (the clerk's own day). */
export const DESK_HOURS = Object.freeze({ opens: '08:30', closes: '16:30' });

/** An appointment's length when nothing else is said, in minutes. */
export const DEFAULT_APPOINTMENT_MINUTES = 15;

/** Appointment lengths a clerk picks from, in minutes. */
export const APPOINTMENT_MINUTES: readonly number[] = Object.freeze([10, 15, 20, 30, 45, 60]);

/** Appointments that hold their slot at the desk (a declined or missed one frees it). */
export const BOOKED_APPOINTMENT_STATUSES: readonly string[] = Object.freeze(['proposed', 'confirmed']);

const MINUTE_MS = 60_000;

export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}

/** The first booked interval the candidate overlaps, or null when the desk is free for it. */
export function findDoubleBooking(candidate: Interval, booked: readonly Interval[]): Interval | null {
  return booked.find((interval) => overlaps(candidate, interval)) ?? null;
}

export interface FreeSlotsInput {
  /** The desk opens (first possible start) and closes (last possible end). */
  opens: number;
  closes: number;
  durationMinutes: number;
  /** Slots start every this many minutes from `opens`; default: the duration. */
  stepMinutes?: number;
  booked: readonly Interval[];
  /** No slot starts before this (now, for today). */
  notBefore?: number;
}

/** Every slot on the grid from `opens` that fits before `closes`, starts at or after `notBefore` and is free. */
export function freeSlots(input: FreeSlotsInput): Interval[] {
  const duration = Math.round(input.durationMinutes) * MINUTE_MS;
  const step = Math.round(input.stepMinutes ?? input.durationMinutes) * MINUTE_MS;
  if (!(duration > 0) || !(step > 0) || !Number.isFinite(input.opens) || !Number.isFinite(input.closes)) return [];
  const slots: Interval[] = [];
  for (let start = input.opens; start + duration <= input.closes; start += step) {
    if (input.notBefore !== undefined && start < input.notBefore) continue;
    const slot = { start, end: start + duration };
    if (findDoubleBooking(slot, input.booked) === null) slots.push(slot);
  }
  return slots;
}

/** 'HH:MM' as minutes after midnight; null when it is no time of day. */
export function minutesOfDay(time: string): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}
