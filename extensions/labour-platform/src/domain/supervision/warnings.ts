/**
 * Supervision warnings: the rules that decide whether a warning's cause is present, and the life of a warning
 * (open → acknowledged → resolved). A warning is keyed by its type and subject, so a scheduled evaluation can
 * compare the causes it finds with the warnings that exist: a cause without an unresolved warning opens one (and
 * is notified, once), an unresolved warning whose cause is gone resolves itself. Each rule takes plain facts and
 * a threshold an administrator can change. Plain module: no Directus import.
 */
import { addDays, daysBetween, isCalendarDate } from '../dates';
import { expectsLongStay } from '../brp/machine';
import type { BrpStatus, DeliveryInterval, WarningSeverity, WarningStatus, WarningType } from '../vocabulary';

export {
  DELIVERY_INTERVALS,
  WARNING_SEVERITIES,
  WARNING_STATUSES,
  WARNING_TYPES,
  type DeliveryInterval,
  type WarningSeverity,
  type WarningStatus,
  type WarningType,
} from '../vocabulary';
import { overcrowding, type HousingLayout, type HousingNormNumbers, type Overcrowding, SNF_NORM } from './housing-norm';

export type WarningSubjectType = 'migrant' | 'location' | 'organisation';

/** Of what a warning's subject is: a person, a housing location, or a provider. */
export const WARNING_SUBJECTS: Readonly<Record<WarningType, WarningSubjectType>> = Object.freeze({
  not_registered_in_time: 'migrant',
  no_free_bed: 'location',
  overcrowded: 'location',
  two_open_stays: 'migrant',
  stay_after_departure: 'migrant',
  work_far_from_home: 'migrant',
  brp_address_mismatch: 'migrant',
  delivery_overdue: 'organisation',
});

export const WARNING_SEVERITY: Readonly<Record<WarningType, WarningSeverity>> = Object.freeze({
  not_registered_in_time: 'warning',
  no_free_bed: 'warning',
  overcrowded: 'critical',
  two_open_stays: 'warning',
  stay_after_departure: 'info',
  work_far_from_home: 'info',
  brp_address_mismatch: 'warning',
  delivery_overdue: 'info',
});

/** The thresholds an administrator may change; the defaults are the law's and the norm's numbers. */
export interface WarningThresholds {
  /** Days after arrival by which someone who stays 4 months within 6 must be registered (the law: 5). */
  registrationDays: number;
  /** Distance between work and home above which they count as inconsistent, in km. */
  workDistanceKm: number;
  /** Days of grace after a provider's agreed delivery interval before the delivery counts as overdue. */
  deliveryGraceDays: number;
}

/**
 * The types a provider reads about its own locations and people (its permission in schema/permissions.json says the
 * same): not the ones only the municipality may know (work far from home, the BRP's address).
 */
export const PROVIDER_WARNING_TYPES: readonly WarningType[] = Object.freeze([
  'not_registered_in_time',
  'no_free_bed',
  'overcrowded',
  'two_open_stays',
  'stay_after_departure',
  'delivery_overdue',
] as const);

/**
 * Who must act on a warning (its task's owner): the municipality for a person's registration and for what only it may
 * see (work far from home, the BRP's address); the provider for its own records, its housing and its deliveries.
 */
export const WARNING_TASK_OWNER: Readonly<Record<WarningType, 'municipality' | 'provider'>> = Object.freeze({
  not_registered_in_time: 'municipality',
  no_free_bed: 'provider',
  overcrowded: 'provider',
  two_open_stays: 'provider',
  stay_after_departure: 'provider',
  work_far_from_home: 'municipality',
  brp_address_mismatch: 'municipality',
  delivery_overdue: 'provider',
});

/** The organisation that works a warning's task: the one its type names, else the other one it concerns. */
export function warningTaskOwner(
  type: WarningType,
  where: { municipality: string | null; provider: string | null },
): string | null {
  return WARNING_TASK_OWNER[type] === 'provider'
    ? (where.provider ?? where.municipality)
    : (where.municipality ?? null);
}

/** The open step of a warning's task (`tasks.open_step` is unique while open): one task per warning. */
export function warningTaskStep(warningId: string): string {
  return `warning:${warningId}`;
}

export const DEFAULT_WARNING_THRESHOLDS: Readonly<WarningThresholds> = Object.freeze({
  registrationDays: 5,
  workDistanceKm: 50,
  deliveryGraceDays: 2,
});

/** A cause found by a rule: what the warning is about, never a personal value. */
export interface WarningCause {
  type: WarningType;
  subject: string;
  /** Figures that explain it (days late, km, which norm by how much); numbers and codes only. */
  details: Readonly<Record<string, string | number>>;
}

export function warningKey(cause: Pick<WarningCause, 'type' | 'subject'>): string {
  return `${cause.type}:${WARNING_SUBJECTS[cause.type]}:${cause.subject}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------------------------

/** Statuses in which the person is (or was, before leaving) registered as a resident. */
const REGISTERED_STATUSES: readonly BrpStatus[] = ['ingeschreven', 'vertrek_gemeld', 'uitgeschreven'];

export interface RegistrationFacts {
  migrant: string;
  arrivalDate: string | null;
  expectedDepartureDate: string | null;
  departureDate: string | null;
  brpStatus: BrpStatus;
  today: string;
}

/**
 * Not registered in time: the person is expected to stay 4 months within 6 (the BRP machine's own rule), arrived
 * more than `registrationDays` days ago, has not left, and is not registered.
 */
export function notRegisteredInTime(
  facts: RegistrationFacts,
  thresholds: WarningThresholds = DEFAULT_WARNING_THRESHOLDS,
): WarningCause | null {
  if (facts.arrivalDate === null || !isCalendarDate(facts.arrivalDate)) return null;
  if (REGISTERED_STATUSES.includes(facts.brpStatus) || facts.brpStatus === 'vertrokken') return null;
  if (facts.departureDate !== null && facts.departureDate <= facts.today) return null;
  if (!expectsLongStay({ ...facts, today: facts.today })) return null;
  const deadline = addDays(facts.arrivalDate, thresholds.registrationDays);
  if (facts.today <= deadline) return null;
  return {
    type: 'not_registered_in_time',
    subject: facts.migrant,
    details: { deadline, days_late: daysBetween(deadline, facts.today) },
  };
}

export interface StayFacts {
  id: string;
  location: string;
  startDate: string;
  endDate: string | null;
}

/** A stay is open on `today` when it has started and not ended before today. */
export function isOpenStay(stay: StayFacts, today: string): boolean {
  return stay.startDate <= today && (stay.endDate === null || stay.endDate >= today);
}

/** Two (or more) open stays for one person. */
export function twoOpenStays(migrant: string, stays: readonly StayFacts[], today: string): WarningCause | null {
  const open = stays.filter((stay) => isOpenStay(stay, today));
  return open.length > 1 ? { type: 'two_open_stays', subject: migrant, details: { open_stays: open.length } } : null;
}

/** A stay that ends after (or is still open past) the person's recorded departure. */
export function stayAfterDeparture(
  migrant: string,
  departureDate: string | null,
  stays: readonly StayFacts[],
): WarningCause | null {
  if (departureDate === null) return null;
  const late = stays.filter((stay) => stay.endDate === null || stay.endDate > departureDate);
  return late.length > 0
    ? { type: 'stay_after_departure', subject: migrant, details: { stays: late.length, departure: departureDate } }
    : null;
}

/** A location with more people than beds declared by its provider (no free bed for the last to arrive). */
export function noFreeBed(location: string, capacity: number | null, occupancy: number): WarningCause | null {
  if (capacity === null || occupancy <= capacity) return null;
  return { type: 'no_free_bed', subject: location, details: { capacity, occupancy, excess: occupancy - capacity } };
}

/** A location over the SNF norm (or the municipality's cap): which norms, by how much. */
export function overcrowdedLocation(
  location: string,
  layout: HousingLayout | null,
  occupancy: number,
  numbers: HousingNormNumbers = SNF_NORM,
): WarningCause | null {
  if (layout === null) return null;
  const exceeded: Overcrowding[] = overcrowding(layout, null, occupancy, numbers);
  if (exceeded.length === 0) return null;
  const worst = exceeded.reduce((a, b) => (b.excess > a.excess ? b : a));
  return {
    type: 'overcrowded',
    subject: location,
    details: {
      norms: exceeded.map((item) => item.norm).join(','),
      worst_norm: worst.norm,
      allowed: worst.allowed,
      occupancy: worst.present,
      excess: worst.excess,
    },
  };
}

export interface Coordinates {
  latitude: number;
  longitude: number;
}

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance in km (haversine). */
export function distanceKm(a: Coordinates, b: Coordinates): number {
  const rad = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Work and home far apart: the employer's work address is more than the threshold from the housing location. */
export function workFarFromHome(
  migrant: string,
  work: Coordinates | null,
  home: Coordinates | null,
  thresholds: WarningThresholds = DEFAULT_WARNING_THRESHOLDS,
): WarningCause | null {
  if (work === null || home === null) return null;
  const km = distanceKm(work, home);
  return km > thresholds.workDistanceKm
    ? {
        type: 'work_far_from_home',
        subject: migrant,
        details: { km: Math.round(km), threshold_km: thresholds.workDistanceKm },
      }
    : null;
}

/** Where the platform and the BRP place a person (from the lookup's `verblijfplaats`), as codes only. */
export interface AddressFacts {
  /** The municipality code (4 digits) of the platform's current location. */
  platformMunicipality: string | null;
  /** The BRP's `gemeenteVanInschrijving.code` at the last lookup, if the person was registered. */
  brpMunicipality: string | null;
  /** Whether the BRP's address is the current location's (./address-match), null when they cannot be compared. */
  addressMatches: boolean | null;
}

/** The BRP places the person in another municipality, or at another address, than the platform. */
export function brpAddressMismatch(migrant: string, facts: AddressFacts): WarningCause | null {
  if (facts.brpMunicipality === null || facts.platformMunicipality === null) return null;
  if (facts.brpMunicipality !== facts.platformMunicipality)
    return { type: 'brp_address_mismatch', subject: migrant, details: { mismatch: 'municipality' } };
  if (facts.addressMatches === false)
    return { type: 'brp_address_mismatch', subject: migrant, details: { mismatch: 'address' } };
  return null;
}

const INTERVAL_DAYS: Readonly<Record<DeliveryInterval, number>> = Object.freeze({ weekly: 7, monthly: 31 });

/** A provider that has not delivered a list for longer than its agreed interval (plus the grace days). */
export function deliveryOverdue(
  provider: string,
  interval: DeliveryInterval | null,
  lastDelivery: string | null,
  today: string,
  thresholds: WarningThresholds = DEFAULT_WARNING_THRESHOLDS,
): WarningCause | null {
  if (interval === null || lastDelivery === null) return null;
  const due = addDays(lastDelivery, INTERVAL_DAYS[interval] + thresholds.deliveryGraceDays);
  return today > due
    ? {
        type: 'delivery_overdue',
        subject: provider,
        details: { last_delivery: lastDelivery, days_late: daysBetween(due, today) },
      }
    : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Life of a warning
// ---------------------------------------------------------------------------------------------------------------

export type WarningAction = 'acknowledge' | 'resolve' | 'reopen';

const TRANSITIONS: Readonly<Record<WarningStatus, Partial<Record<WarningAction, WarningStatus>>>> = Object.freeze({
  open: { acknowledge: 'acknowledged', resolve: 'resolved' },
  acknowledged: { resolve: 'resolved' },
  resolved: { reopen: 'open' },
});

/** The status after `action`, or null when the action is not allowed from `status`. */
export function nextWarningStatus(status: WarningStatus, action: WarningAction): WarningStatus | null {
  return TRANSITIONS[status][action] ?? null;
}

export interface ExistingWarning {
  id: string;
  key: string;
  status: WarningStatus;
}

export interface Reconciliation {
  /** Causes with no unresolved warning: open a warning (and notify, once). */
  open: WarningCause[];
  /** Unresolved warnings whose cause is gone: resolve them. */
  resolve: ExistingWarning[];
  /** Unresolved warnings whose cause is still present: their details may be refreshed. */
  keep: { warning: ExistingWarning; cause: WarningCause }[];
}

/**
 * Compare the causes found now with the warnings that exist. Only unresolved warnings count: a cause that comes
 * back after its warning was resolved opens a new warning (a new event, notified again).
 */
export function reconcileWarnings(
  existing: readonly ExistingWarning[],
  causes: readonly WarningCause[],
): Reconciliation {
  const unresolved = new Map<string, ExistingWarning>();
  for (const warning of existing) if (warning.status !== 'resolved') unresolved.set(warning.key, warning);
  const found = new Map<string, WarningCause>();
  for (const cause of causes) if (!found.has(warningKey(cause))) found.set(warningKey(cause), cause);
  const result: Reconciliation = { open: [], resolve: [], keep: [] };
  for (const [key, cause] of found) {
    const warning = unresolved.get(key);
    if (warning) result.keep.push({ warning, cause });
    else result.open.push(cause);
  }
  for (const [key, warning] of unresolved) if (!found.has(key)) result.resolve.push(warning);
  return result;
}
