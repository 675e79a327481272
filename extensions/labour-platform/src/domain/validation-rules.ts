/**
 * The validation rules of the data model, per collection: the rule of every field, the fields required on create,
 * the date order and the dates that may not lie in the future. Plain module: no Directus import.
 */

import { MINIMUM_PROTECTION } from './insight/protection';
import type { IssueCode } from './validation-issues';
import {
  APPOINTMENT_STATUSES,
  BRP_STATUSES,
  CHECKLIST_ITEMS,
  GENDERS,
  INSPECTION_OUTCOMES,
  ORGANISATION_TYPES,
  TASK_PRIORITIES,
  TASK_STATUSES,
  TASK_TYPES,
} from './vocabulary';

export type ValidatedCollection =
  | 'organisations'
  | 'locations'
  | 'migrants'
  | 'stays'
  | 'appointments'
  | 'inspections'
  | 'inspection_findings'
  | 'tasks';

export const VALIDATED_COLLECTIONS: readonly ValidatedCollection[] = Object.freeze([
  'organisations',
  'locations',
  'migrants',
  'stays',
  'appointments',
  'inspections',
  'inspection_findings',
  'tasks',
]);

/** Directus `string` fields are varchar(255). */
export const MAX_STRING_LENGTH = 255;

export type FieldRule =
  | { kind: 'string' }
  | { kind: 'text' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'date' }
  | { kind: 'timestamp' }
  | { kind: 'integer'; min?: number; max?: number }
  | { kind: 'float'; min: number; max: number }
  | { kind: 'boolean' }
  | { kind: 'reference' }
  | { kind: 'postcode' }
  | { kind: 'bsn' }
  | { kind: 'bag_id' }
  | { kind: 'kvk_number' }
  | { kind: 'branch_number' }
  | { kind: 'municipality_code' }
  | { kind: 'country' }
  | { kind: 'language' }
  | { kind: 'email' }
  | { kind: 'phone' };

const STRING: FieldRule = { kind: 'string' };
const TEXT: FieldRule = { kind: 'text' };
const DATE: FieldRule = { kind: 'date' };
const TIMESTAMP: FieldRule = { kind: 'timestamp' };
const REFERENCE: FieldRule = { kind: 'reference' };
const choice = (values: readonly string[]): FieldRule => ({ kind: 'enum', values });

/**
 * The rule for every validated field, in form order (issues are reported in this order).
 * System fields (id, date_created, date_updated) and fields not listed here pass through untouched.
 */
export const FIELD_RULES: Readonly<Record<ValidatedCollection, Readonly<Record<string, FieldRule>>>> = Object.freeze({
  organisations: {
    name: STRING,
    type: choice(ORGANISATION_TYPES),
    municipality_code: { kind: 'municipality_code' },
    kvk_number: { kind: 'kvk_number' },
    // the vestigingsnummer an eHerkenning sign-in may name (domain/sign-in/eherkenning.ts)
    branch_number: { kind: 'branch_number' },
    email: { kind: 'email' },
    // the insight thresholds: stricter than the law where a municipality asks, never below it (DOMAIN.md)
    insight_min_count: { kind: 'integer', min: MINIMUM_PROTECTION.minCount, max: 1000 },
    insight_min_cross_count: { kind: 'integer', min: MINIMUM_PROTECTION.minCrossCount, max: 1000 },
    insight_rounding: { kind: 'integer', min: MINIMUM_PROTECTION.rounding, max: 1000 },
    insight_min_people: { kind: 'integer', min: MINIMUM_PROTECTION.minPeople, max: 1000 },
  },
  locations: {
    name: STRING,
    street: STRING,
    house_number: STRING,
    house_number_addition: STRING,
    postcode: { kind: 'postcode' },
    city: STRING,
    bag_id: { kind: 'bag_id' },
    municipality: REFERENCE,
    provider: REFERENCE,
    capacity: { kind: 'integer', min: 0 },
    latitude: { kind: 'float', min: -90, max: 90 },
    longitude: { kind: 'float', min: -180, max: 180 },
    active: { kind: 'boolean' },
  },
  migrants: {
    bsn: { kind: 'bsn' },
    first_names: STRING,
    surname: STRING,
    date_of_birth: DATE,
    birth_year: { kind: 'integer', min: 1000, max: 9999 },
    gender: choice(GENDERS),
    nationality: { kind: 'country' },
    email: { kind: 'email' },
    phone: { kind: 'phone' },
    home_address: TEXT,
    id_document_number: STRING,
    language: { kind: 'language' },
    brp_status: choice(BRP_STATUSES),
    provider: REFERENCE,
    employer: REFERENCE,
    work_address: STRING,
    work_postcode: { kind: 'postcode' },
    work_city: STRING,
    arrival_date: DATE,
    expected_departure_date: DATE,
    departure_date: DATE,
    current_location: REFERENCE,
    external_reference: STRING,
  },
  stays: {
    migrant: REFERENCE,
    location: REFERENCE,
    start_date: DATE,
    end_date: DATE,
  },
  appointments: {
    migrant: REFERENCE,
    municipality: REFERENCE,
    desk: STRING,
    starts_at: TIMESTAMP,
    ends_at: TIMESTAMP,
    status: choice(APPOINTMENT_STATUSES),
    group_reference: STRING,
    notes: TEXT,
  },
  inspections: {
    location: REFERENCE,
    inspected_on: DATE,
    inspector: REFERENCE,
    beds_counted: { kind: 'integer', min: 0 },
    outcome: choice(INSPECTION_OUTCOMES),
    notes: TEXT,
    remedy_deadline: DATE,
  },
  inspection_findings: {
    inspection: REFERENCE,
    item: choice(CHECKLIST_ITEMS),
    met: { kind: 'boolean' },
    note: TEXT,
    answer: TEXT,
  },
  tasks: {
    type: choice(TASK_TYPES),
    migrant: REFERENCE,
    owner_organisation: REFERENCE,
    status: choice(TASK_STATUSES),
    due_date: DATE,
    priority: choice(TASK_PRIORITIES),
    assignee: REFERENCE,
    outcome: STRING,
    closed_at: TIMESTAMP,
    escalated_at: TIMESTAMP,
  },
});

/**
 * Fields that must have a value on create and may not be emptied on update. Ownership relations (provider,
 * municipality, owner_organisation) are left to the tenancy hooks, which fill them from the acting user's
 * organisation; fields with a database default (active, brp_status, statuses, priority) are not listed.
 */
export const REQUIRED_ON_CREATE: Readonly<Record<ValidatedCollection, readonly string[]>> = Object.freeze({
  organisations: ['name', 'type'],
  locations: ['name', 'street', 'house_number', 'postcode', 'city', 'capacity'],
  migrants: ['first_names', 'surname', 'date_of_birth', 'arrival_date'],
  stays: ['migrant', 'location', 'start_date'],
  appointments: ['migrant', 'starts_at', 'ends_at'],
  inspections: ['location', 'inspected_on', 'outcome'],
  inspection_findings: ['inspection', 'item', 'met'],
  tasks: ['type', 'migrant'],
});

export type OrderRelation = 'before' | 'on_or_before' | 'after' | 'on_or_after';

export interface OrderRule {
  /** The field the issue is reported on when the payload touches it. */
  field: string;
  relation: OrderRelation;
  other: string;
}

/** Date order rules; when only `other` is touched, the mirrored rule is reported on `other`. */
export const ORDER_RULES: Readonly<Record<ValidatedCollection, readonly OrderRule[]>> = Object.freeze({
  organisations: [],
  locations: [],
  migrants: [
    { field: 'date_of_birth', relation: 'before', other: 'arrival_date' },
    { field: 'expected_departure_date', relation: 'on_or_after', other: 'arrival_date' },
    { field: 'departure_date', relation: 'on_or_after', other: 'arrival_date' },
  ],
  stays: [{ field: 'end_date', relation: 'on_or_after', other: 'start_date' }],
  appointments: [{ field: 'ends_at', relation: 'after', other: 'starts_at' }],
  inspections: [{ field: 'remedy_deadline', relation: 'on_or_after', other: 'inspected_on' }],
  inspection_findings: [],
  tasks: [],
});

/** Dates that may not lie after `today`. */
export const NOT_IN_FUTURE: Readonly<Partial<Record<ValidatedCollection, readonly string[]>>> = {
  migrants: ['date_of_birth'],
};

export const MIRRORED: Readonly<Record<OrderRelation, OrderRelation>> = {
  before: 'after',
  after: 'before',
  on_or_before: 'on_or_after',
  on_or_after: 'on_or_before',
};

export const ORDER_CODES: Readonly<Record<OrderRelation, IssueCode>> = {
  before: 'must_be_before',
  on_or_before: 'must_be_on_or_before',
  after: 'must_be_after',
  on_or_after: 'must_be_on_or_after',
};

/** True when the collection has validation rules (so a hook can skip the others). */
export function isValidatedCollection(collection: string): collection is ValidatedCollection {
  return (VALIDATED_COLLECTIONS as readonly string[]).includes(collection);
}
