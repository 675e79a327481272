/**
 * The vocabulary of the data model: the allowed values of every enum field, one place for all of them.
 * Validation (./validation), the BRP machine (./brp/machine), the labels (./labels), the reveal rule
 * (./privacy/reveal) and the demo data import them from here. Plain module: no Directus import.
 */

export const ORGANISATION_TYPES = ['gemeente', 'huisvester', 'werkgever'] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

/** BRP codes: man, vrouw, onbekend. */
export const GENDERS = ['M', 'V', 'O'] as const;
export type Gender = (typeof GENDERS)[number];

export const BRP_STATUSES = [
  'geen',
  'niet_ingeschreven',
  'ingepland',
  'afspraak_bevestigd',
  'ingeschreven',
  'rni',
  'vertrek_gemeld',
  'uitgeschreven',
  'vertrokken',
] as const;
export type BrpStatus = (typeof BRP_STATUSES)[number];

export const TASK_TYPES = [
  'assess_status',
  'schedule',
  'register',
  'deregister',
  'confirm_appointment',
  'report_departure',
  /** Act on a supervision warning (../supervision): opened with the warning, closed when it resolves. */
  'handle_warning',
] as const;
export type TaskType = (typeof TASK_TYPES)[number];

export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_PRIORITIES = ['low', 'normal', 'high'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

export const APPOINTMENT_STATUSES = ['proposed', 'confirmed', 'declined', 'no_show', 'attended', 'cancelled'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export const INSPECTION_OUTCOMES = ['in_order', 'deficiencies', 'overcrowded'] as const;
export type InspectionOutcome = (typeof INSPECTION_OUTCOMES)[number];

/** The items of an inspection's checklist (./supervision/inspections: what each checks). */
export const CHECKLIST_ITEMS = [
  'occupancy_within_norm',
  'living_space',
  'bedroom_area',
  'bed_per_resident',
  'wardrobe_per_resident',
  'toilets',
  'showers',
  'records_match',
] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];

export const CONSENT_STATUSES = ['requested', 'signed', 'refused', 'revoked', 'expired'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

/** Supervision (../supervision): warning types, their life, severity; housing types; providers' delivery intervals. */
export const WARNING_TYPES = [
  'not_registered_in_time',
  'no_free_bed',
  'overcrowded',
  'two_open_stays',
  'stay_after_departure',
  'work_far_from_home',
  'brp_address_mismatch',
  'delivery_overdue',
] as const;
export type WarningType = (typeof WARNING_TYPES)[number];

export const WARNING_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type WarningStatus = (typeof WARNING_STATUSES)[number];

export const WARNING_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type WarningSeverity = (typeof WARNING_SEVERITIES)[number];

export const HOUSING_TYPES = ['dwelling', 'lodging', 'recreational'] as const;
export type HousingType = (typeof HOUSING_TYPES)[number];

export const DELIVERY_INTERVALS = ['weekly', 'monthly'] as const;
export type DeliveryInterval = (typeof DELIVERY_INTERVALS)[number];

/** Allowed values of every enum field, per collection (consents included, though it is validated elsewhere). */
export const FIELD_CHOICES: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = Object.freeze({
  organisations: { type: ORGANISATION_TYPES, delivery_interval: DELIVERY_INTERVALS },
  locations: { housing_type: HOUSING_TYPES },
  migrants: { gender: GENDERS, brp_status: BRP_STATUSES },
  tasks: { type: TASK_TYPES, status: TASK_STATUSES, priority: TASK_PRIORITIES },
  appointments: { status: APPOINTMENT_STATUSES },
  inspections: { outcome: INSPECTION_OUTCOMES },
  inspection_findings: { item: CHECKLIST_ITEMS },
  consents: { status: CONSENT_STATUSES },
  warnings: { type: WARNING_TYPES, status: WARNING_STATUSES, severity: WARNING_SEVERITIES },
});
