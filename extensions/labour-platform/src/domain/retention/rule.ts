/**
 * When a migrant's personal data is erased: the retention rule. Plain module: no Directus import.
 *
 * The seed and the signed consent text promise deletion "one year after departure" (DOMAIN.md, Privacy: "Personal
 * data is deleted automatically after 1 year (from when it is no longer needed: departure)"). That promise is the
 * legal maximum for this platform: keeping data longer than the person was told would lack a legal basis (GDPR art.
 * 5(1)(e), 13(2)(a)). A municipality may choose a shorter period, never a longer one.
 */
import { addMonths, isCalendarDate, maxDate, toNetherlandsDate } from '../dates';

/** The longest retention any municipality may set, in months after the end (see above). */
export const LEGAL_MAXIMUM_MONTHS = 12;
/** The shortest: data is still needed for a month after departure (late deregistration, corrections). */
export const MINIMUM_MONTHS = 1;
/** A municipality without a setting of its own. */
export const DEFAULT_MONTHS = LEGAL_MAXIMUM_MONTHS;

/** Registered in the BRP: the data is needed until the municipality has deregistered the migrant. */
export const AWAITING_DEREGISTRATION = ['ingeschreven', 'vertrek_gemeld'] as const;

/** The retention period of a municipality from its setting: a whole number within the law, else the default. */
export function retentionMonths(setting: unknown): number {
  if (typeof setting !== 'number' || !Number.isInteger(setting)) return DEFAULT_MONTHS;
  return Math.min(LEGAL_MAXIMUM_MONTHS, Math.max(MINIMUM_MONTHS, setting));
}

/** Whether a setting is one an administrator may store (the write is refused otherwise, not silently clamped). */
export function isValidRetentionSetting(setting: unknown): boolean {
  return (
    setting === null ||
    (typeof setting === 'number' &&
      Number.isInteger(setting) &&
      setting >= MINIMUM_MONTHS &&
      setting <= LEGAL_MAXIMUM_MONTHS)
  );
}

export interface RetentionStay {
  start: string;
  /** null: the stay has not ended. */
  end: string | null;
}

/** What the rule reads about one migrant (dates as YYYY-MM-DD or ISO timestamps). */
export interface RetentionFacts {
  brpStatus: string | null;
  stays: readonly RetentionStay[];
  departureDate: string | null;
  /** When the municipality deregistered the migrant (the status history's move to `uitgeschreven`). */
  deregisteredOn: string | null;
  /** A legal hold's reason: while set, nothing is erased. */
  legalHold: string | null;
}

export type ErasureBasis = 'stay_ended' | 'deregistered';

export type ErasureDecision =
  /** Erased on `date` (the first day it may go), counted from `from` by `basis`. */
  | { kind: 'date'; date: string; from: string; basis: ErasureBasis; months: number }
  /** A legal hold stops the clock. */
  | { kind: 'held'; reason: string }
  /** Still needed: a stay runs, or nothing has ended yet. */
  | { kind: 'needed' };

function day(value: string): string {
  return toNetherlandsDate(value);
}

/**
 * The erasure date of a migrant: `months` after the end of its last stay or after its deregistration, whichever
 * applies; when both apply, the later (the data is needed until both are done). A stay that has not ended (or ends
 * after `today`) keeps the data; a legal hold stops it.
 */
export function erasureDecision(facts: RetentionFacts, months: number, today: string): ErasureDecision {
  const hold = facts.legalHold?.trim();
  if (hold) return { kind: 'held', reason: hold };
  const period = retentionMonths(months);
  if (facts.stays.some((stay) => stay.end === null || day(stay.end) > today)) return { kind: 'needed' };
  const candidates: Array<{ from: string; basis: ErasureBasis }> = [];
  if (facts.deregisteredOn) candidates.push({ from: day(facts.deregisteredOn), basis: 'deregistered' });
  // registered in the BRP: deregistration applies, and has not happened yet
  if ((AWAITING_DEREGISTRATION as readonly string[]).includes(facts.brpStatus ?? '')) return { kind: 'needed' };
  const stayEnds = facts.stays.map((stay) => day(stay.end!));
  if (facts.departureDate && isCalendarDate(day(facts.departureDate))) stayEnds.push(day(facts.departureDate));
  if (stayEnds.length > 0) candidates.push({ from: stayEnds.reduce(maxDate), basis: 'stay_ended' });
  if (candidates.length === 0) return { kind: 'needed' };
  const last = candidates.reduce((a, b) => (b.from > a.from ? b : a));
  return { kind: 'date', date: addMonths(last.from, period), from: last.from, basis: last.basis, months: period };
}

/** Whether the data goes on `today`. */
export function isDue(decision: ErasureDecision, today: string): boolean {
  return decision.kind === 'date' && decision.date <= today;
}
