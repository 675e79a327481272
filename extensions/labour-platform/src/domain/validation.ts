/**
 * Validation and normalisation of records before they are stored, for the collections of the data model.
 * Plain module: no Directus import. The Directus hooks call `validateRecord` on create (existing = null) and on
 * update (existing = the stored row, payload = only the changed fields) and turn the issues into an error with
 * `formatIssues` from ./messages.
 *
 * Issues for personal fields (see ./personal-fields) never carry the submitted value.
 */

import { normaliseBsn, passesElevenCheck } from './bsn';
import { isIsoCountryCode } from './countries';
import { isCalendarDate, parseTimestamp, todayInNetherlands } from './dates';
import { isSupportedLanguage } from './languages';
import { isPersonalField } from './personal-fields';
import { checkPostcode } from './postcode';
import {
  APPOINTMENT_STATUSES,
  BRP_STATUSES,
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
  | 'tasks';

export const VALIDATED_COLLECTIONS: readonly ValidatedCollection[] = Object.freeze([
  'organisations',
  'locations',
  'migrants',
  'stays',
  'appointments',
  'inspections',
  'tasks',
]);

export type IssueCode =
  /** Missing or emptied while the field is required. */
  | 'required'
  /** organisations.municipality_code is missing while type = gemeente. */
  | 'required_for_gemeente'
  /** Text that is not well-formed: a lone UTF-16 surrogate or a NUL character (anywhere in the value). */
  | 'malformed_text'
  /** Wrong JSON type; params.expected: 'text' | 'boolean'. */
  | 'invalid_type'
  /** Not one of the allowed values (see FIELD_CHOICES in ./vocabulary). */
  | 'invalid_choice'
  /** Longer than params.max characters. */
  | 'too_long'
  /** params.reason: 'format' | 'never_issued' (letters SA, SD, SS). */
  | 'invalid_postcode'
  /** params.reason: 'format' (not 8–9 digits) | 'checksum' (fails the 11-proef, or 000000000). */
  | 'invalid_bsn'
  | 'invalid_bag_id'
  | 'invalid_kvk_number'
  | 'invalid_municipality_code'
  /** Not an ISO 3166-1 alpha-2 code. */
  | 'invalid_country'
  /** Not one of the consent-page languages. */
  | 'invalid_language'
  | 'invalid_email'
  | 'invalid_phone'
  /** Not a real calendar date in the form YYYY-MM-DD. */
  | 'invalid_date'
  /** Not an ISO 8601 date and time. */
  | 'invalid_datetime'
  /** Not a uuid (or a nested object) for a relation. */
  | 'invalid_reference'
  | 'not_integer'
  | 'not_a_number'
  /** params.min and, when there is an upper bound, params.max. */
  | 'out_of_range'
  /** A date that may not lie after today. */
  | 'in_future'
  /** Date order; params.other names the other field. */
  | 'must_be_before'
  | 'must_be_on_or_before'
  | 'must_be_after'
  | 'must_be_on_or_after';

export interface ValidationIssue {
  field: string;
  code: IssueCode;
  params?: Record<string, string | number>;
}

export interface ValidationResult {
  payload: Record<string, unknown>;
  issues: ValidationIssue[];
}

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
    email: { kind: 'email' },
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
  tasks: ['type', 'migrant'],
});

type OrderRelation = 'before' | 'on_or_before' | 'after' | 'on_or_after';

interface OrderRule {
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
  inspections: [],
  tasks: [],
});

/** Dates that may not lie after `today`. */
const NOT_IN_FUTURE: Readonly<Partial<Record<ValidatedCollection, readonly string[]>>> = {
  migrants: ['date_of_birth'],
};

const MIRRORED: Readonly<Record<OrderRelation, OrderRelation>> = {
  before: 'after',
  after: 'before',
  on_or_before: 'on_or_after',
  on_or_after: 'on_or_before',
};

const ORDER_CODES: Readonly<Record<OrderRelation, IssueCode>> = {
  before: 'must_be_before',
  on_or_before: 'must_be_on_or_before',
  after: 'must_be_after',
  on_or_after: 'must_be_on_or_after',
};

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_PATTERN = /^\+?[0-9 ()./-]+$/;

/** A lone UTF-16 surrogate (half of a pair) or a NUL character: no database, encoder or reader handles them. */
const MALFORMED_TEXT = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\u0000/;

/** True when the text holds only well-formed Unicode and no NUL character. */
export function isWellFormedText(text: string): boolean {
  return !MALFORMED_TEXT.test(text);
}

/**
 * True when a value, or any string or object key nested in it, is malformed text. Iterative (no recursion), so
 * a deeply nested value cannot overflow the stack.
 */
export function containsMalformedText(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const current = pending.pop();
    if (typeof current === 'string') {
      if (!isWellFormedText(current)) return true;
    } else if (Array.isArray(current)) {
      for (const item of current) pending.push(item);
    } else if (typeof current === 'object' && current !== null && !(current instanceof Date)) {
      for (const [key, item] of Object.entries(current)) {
        if (!isWellFormedText(key)) return true;
        pending.push(item);
      }
    }
  }
  return false;
}

/**
 * The domain rule "well-formed text" for a write to any collection: one issue per top-level field whose value
 * (or field name) holds malformed text. Applied by `validateRecord` and, for collections without field rules,
 * on its own.
 */
export function malformedTextIssues(payload: Record<string, unknown>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const [field, value] of Object.entries(payload)) {
    if (!isWellFormedText(field)) issues.push({ field: '?', code: 'malformed_text' });
    else if (containsMalformedText(value)) issues.push({ field, code: 'malformed_text' });
  }
  return issues;
}

/** Directus field types whose values the database layer turns into dates (and throws on when it cannot). */
export type TemporalType = 'date' | 'dateTime' | 'timestamp' | 'time';

function isTemporalValue(type: TemporalType, value: unknown): boolean {
  if (value instanceof Date) return !Number.isNaN(value.getTime());
  if (typeof value === 'number') return Number.isFinite(value) && !Number.isNaN(new Date(value).getTime());
  if (typeof value !== 'string') return false;
  const text = value.trim();
  if (type === 'time') return /^\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$/.test(text);
  if (type === 'date' && isCalendarDate(text)) return true;
  return parseTimestamp(text) !== null;
}

/**
 * The domain rule "a date is a date" for every date and time column of every collection, with or without field
 * rules (date_created, requested_at, ...): a value the database layer cannot turn into a date is an issue, not a
 * crash. Blank values are left to the required rules.
 */
export function temporalIssues(payload: Record<string, unknown>, types: Readonly<Record<string, TemporalType>>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const [field, value] of Object.entries(payload)) {
    const type = Object.prototype.hasOwnProperty.call(types, field) ? types[field] : undefined;
    if (type === undefined || isBlank(value)) continue;
    if (!isTemporalValue(type, value)) issues.push({ field, code: type === 'date' ? 'invalid_date' : 'invalid_datetime' });
  }
  return issues;
}

/**
 * True when a primary key can be put in a query of a column of this type: a uuid for uuid keys, a whole number for
 * integer keys, plain text otherwise. Keys from a request body can be anything (a nested array, an object).
 */
export function isWellFormedKey(type: string, key: unknown): key is string | number {
  if (type === 'uuid') return typeof key === 'string' && UUID_PATTERN.test(key);
  if (type === 'integer' || type === 'bigInteger') return (typeof key === 'number' && Number.isSafeInteger(key)) || (typeof key === 'string' && /^\d{1,15}$/.test(key));
  return (typeof key === 'string' && key.length <= MAX_STRING_LENGTH && isWellFormedText(key)) || (typeof key === 'number' && Number.isFinite(key));
}

type Problem = { code: IssueCode; params?: Record<string, string | number> };
type Outcome = { ok: true; value: unknown } | { ok: false; problem: Problem };

const accept = (value: unknown): Outcome => ({ ok: true, value });
const reject = (code: IssueCode, params?: Record<string, string | number>): Outcome => ({
  ok: false,
  problem: params === undefined ? { code } : { code, params },
});

/** Strings are trimmed; finite numbers become strings (spreadsheets turn house numbers into numbers). */
function asText(raw: unknown): string | null {
  if (typeof raw === 'string') return raw.trim();
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  return null;
}

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

function parseNumber(raw: unknown, allowDecimalComma: boolean): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  if (typeof raw !== 'string') return null;
  let text = raw.trim();
  if (allowDecimalComma && !text.includes('.')) text = text.replace(/^([+-]?\d*),(\d+)$/, '$1.$2');
  return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : null;
}

function rangeParams(min: number | undefined, max: number | undefined): Record<string, number> {
  const params: Record<string, number> = {};
  if (min !== undefined) params.min = min;
  if (max !== undefined) params.max = max;
  return params;
}

function normaliseValue(rule: FieldRule, raw: unknown): Outcome {
  switch (rule.kind) {
    case 'string': {
      const text = asText(raw);
      if (text === null) return reject('invalid_type', { expected: 'text' });
      return text.length > MAX_STRING_LENGTH ? reject('too_long', { max: MAX_STRING_LENGTH }) : accept(text);
    }
    case 'text': {
      const text = asText(raw);
      return text === null ? reject('invalid_type', { expected: 'text' }) : accept(text);
    }
    case 'enum': {
      const text = asText(raw);
      const match = text === null ? undefined : rule.values.find((v) => v.toLowerCase() === text.toLowerCase());
      return match === undefined ? reject('invalid_choice') : accept(match);
    }
    case 'date':
      return typeof raw === 'string' && isCalendarDate(raw.trim()) ? accept(raw.trim()) : reject('invalid_date');
    case 'timestamp': {
      if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? reject('invalid_datetime') : accept(raw.toISOString());
      return typeof raw === 'string' && parseTimestamp(raw.trim()) !== null ? accept(raw.trim()) : reject('invalid_datetime');
    }
    case 'integer': {
      const value = parseNumber(raw, false);
      if (value === null || !Number.isInteger(value)) return reject('not_integer');
      const tooLow = rule.min !== undefined && value < rule.min;
      const tooHigh = rule.max !== undefined && value > rule.max;
      return tooLow || tooHigh ? reject('out_of_range', rangeParams(rule.min, rule.max)) : accept(value);
    }
    case 'float': {
      const value = parseNumber(raw, true);
      if (value === null) return reject('not_a_number');
      return value < rule.min || value > rule.max ? reject('out_of_range', rangeParams(rule.min, rule.max)) : accept(value);
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return accept(raw);
      if (raw === 1 || raw === 0) return accept(raw === 1);
      if (typeof raw === 'string' && /^(true|false)$/i.test(raw.trim())) return accept(raw.trim().toLowerCase() === 'true');
      return reject('invalid_type', { expected: 'boolean' });
    }
    case 'reference': {
      // A nested object is a Directus nested create/update: its own hook validates it.
      if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) return accept(raw);
      return typeof raw === 'string' && UUID_PATTERN.test(raw.trim()) ? accept(raw.trim()) : reject('invalid_reference');
    }
    case 'postcode': {
      if (typeof raw !== 'string') return reject('invalid_postcode', { reason: 'format' });
      const result = checkPostcode(raw);
      return result.ok ? accept(result.postcode) : reject('invalid_postcode', { reason: result.reason });
    }
    case 'bsn': {
      const text = typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 ? String(raw) : asText(raw);
      const digits = text === null ? null : normaliseBsn(text);
      if (digits === null) return reject('invalid_bsn', { reason: 'format' });
      return passesElevenCheck(digits) ? accept(digits) : reject('invalid_bsn', { reason: 'checksum' });
    }
    case 'bag_id': {
      // Only strings: a 16-digit number loses its leading zero and its precision.
      const digits = typeof raw === 'string' ? raw.replace(/\s/g, '') : '';
      return /^\d{16}$/.test(digits) ? accept(digits) : reject('invalid_bag_id');
    }
    case 'kvk_number': {
      const digits = asText(raw)?.replace(/[\s.]/g, '') ?? '';
      return /^\d{8}$/.test(digits) ? accept(digits) : reject('invalid_kvk_number');
    }
    case 'municipality_code': {
      // Spreadsheets turn 0363 into 363; CBS writes GM0363.
      if (typeof raw === 'number') {
        return Number.isInteger(raw) && raw >= 0 && raw <= 9999
          ? accept(String(raw).padStart(4, '0'))
          : reject('invalid_municipality_code');
      }
      const code = typeof raw === 'string' ? raw.trim().replace(/^GM/i, '') : '';
      return /^\d{4}$/.test(code) ? accept(code) : reject('invalid_municipality_code');
    }
    case 'country': {
      const code = typeof raw === 'string' ? raw.trim().toUpperCase() : '';
      return isIsoCountryCode(code) ? accept(code) : reject('invalid_country');
    }
    case 'language': {
      const code = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
      return isSupportedLanguage(code) ? accept(code) : reject('invalid_language');
    }
    case 'email': {
      const text = typeof raw === 'string' ? raw.trim() : '';
      return text.length <= 254 && EMAIL_PATTERN.test(text) ? accept(text) : reject('invalid_email');
    }
    case 'phone': {
      const text = typeof raw === 'string' ? raw.trim().replace(/\s+/g, ' ') : '';
      const digitCount = text.replace(/\D/g, '').length;
      return PHONE_PATTERN.test(text) && digitCount >= 6 && digitCount <= 15 ? accept(text) : reject('invalid_phone');
    }
  }
}

/** The submitted value as it may appear in a message: only for non-personal fields, only scalars, shortened. */
function echoValue(collection: ValidatedCollection, field: string, raw: unknown): string | undefined {
  if (isPersonalField(collection, field)) return undefined;
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const text = String(raw).trim();
  if (text === '') return undefined;
  return text.length > 50 ? `${text.slice(0, 50)}…` : text;
}

/** A value comparable with < and >: YYYY-MM-DD strings for dates, epoch ms for timestamps; null if unusable. */
function comparable(rule: FieldRule | undefined, value: unknown): string | number | null {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    return rule?.kind === 'timestamp' ? value.getTime() : value.toISOString().slice(0, 10);
  }
  if (typeof value !== 'string') return null;
  if (rule?.kind === 'timestamp') return parseTimestamp(value.trim());
  // A stored date may come back from the database as a full timestamp.
  const date = value.trim().slice(0, 10);
  return isCalendarDate(date) ? date : null;
}

function holds(relation: OrderRelation, a: string | number, b: string | number): boolean {
  switch (relation) {
    case 'before':
      return a < b;
    case 'on_or_before':
      return a <= b;
    case 'after':
      return a > b;
    case 'on_or_after':
      return a >= b;
  }
}

/**
 * Validates and normalises a create (existing = null) or update (existing = stored row, payload = changed fields).
 * Returns the normalised payload (invalid values are left as submitted) and the issues, in form order.
 */
export function validateRecord(
  collection: ValidatedCollection,
  payload: Record<string, unknown>,
  existing: Record<string, unknown> | null = null,
  today: string = todayInNetherlands(),
): ValidationResult {
  if (!isCalendarDate(today)) throw new RangeError(`today must be a date in the form YYYY-MM-DD, got ${today}`);
  const rules = FIELD_RULES[collection];
  const isCreate = existing === null || existing === undefined;
  const result: Record<string, unknown> = { ...payload };
  const issues: ValidationIssue[] = [];
  const invalid = new Set<string>();

  const ruleFor = (field: string): FieldRule | undefined =>
    Object.prototype.hasOwnProperty.call(rules, field) ? rules[field] : undefined;
  const touched = (field: string): boolean =>
    Object.prototype.hasOwnProperty.call(payload, field) && payload[field] !== undefined;
  /** The value after this change: the payload's if it touches the field, else the stored one. */
  const merged = (field: string): unknown => (touched(field) ? result[field] : existing?.[field]);
  const report = (field: string, problem: Problem): void => {
    const value = echoValue(collection, field, payload[field]);
    const params = value === undefined ? problem.params : { ...problem.params, value };
    issues.push(params === undefined ? { field, code: problem.code } : { field, code: problem.code, params });
    invalid.add(field);
  };

  // Well-formed text first, for every field (ruled or not): the value is never echoed.
  for (const issue of malformedTextIssues(payload)) {
    issues.push(issue);
    invalid.add(issue.field);
  }

  for (const [field, raw] of Object.entries(payload)) {
    const rule = ruleFor(field);
    if (rule === undefined || raw === undefined || invalid.has(field)) continue;
    if (isBlank(raw)) {
      result[field] = null;
      continue;
    }
    const outcome = normaliseValue(rule, raw);
    if (outcome.ok) result[field] = outcome.value;
    else report(field, outcome.problem);
  }

  for (const field of REQUIRED_ON_CREATE[collection]) {
    if ((isCreate || touched(field)) && isBlank(merged(field)) && !invalid.has(field)) {
      report(field, { code: 'required' });
    }
  }

  if (collection === 'organisations' && (isCreate || touched('type') || touched('municipality_code'))) {
    if (merged('type') === 'gemeente' && isBlank(merged('municipality_code')) && !invalid.has('municipality_code')) {
      report('municipality_code', { code: 'required_for_gemeente' });
    }
  }

  if (collection === 'migrants') {
    const dateOfBirth = merged('date_of_birth');
    if (touched('date_of_birth') || touched('birth_year')) {
      if (typeof dateOfBirth === 'string' && !invalid.has('date_of_birth') && comparable(DATE, dateOfBirth) !== null) {
        result.birth_year = Number(dateOfBirth.trim().slice(0, 4));
        if (invalid.delete('birth_year')) removeIssues(issues, 'birth_year');
      } else if (touched('date_of_birth') && result.date_of_birth === null && !touched('birth_year')) {
        result.birth_year = null;
      }
    }
  }

  for (const field of NOT_IN_FUTURE[collection] ?? []) {
    if (!touched(field) || invalid.has(field)) continue;
    const value = comparable(ruleFor(field), result[field]);
    if (typeof value === 'string' && value > today) report(field, { code: 'in_future' });
  }

  for (const rule of ORDER_RULES[collection]) {
    if (invalid.has(rule.field) || invalid.has(rule.other)) continue;
    const check: OrderRule | null = touched(rule.field)
      ? rule
      : touched(rule.other)
        ? { field: rule.other, relation: MIRRORED[rule.relation], other: rule.field }
        : null;
    if (check === null) continue;
    const value = comparable(ruleFor(check.field), merged(check.field));
    const otherValue = comparable(ruleFor(check.other), merged(check.other));
    if (value === null || otherValue === null || typeof value !== typeof otherValue) continue;
    if (!holds(check.relation, value, otherValue)) {
      issues.push({ field: check.field, code: ORDER_CODES[check.relation], params: { other: check.other } });
      invalid.add(check.field);
    }
  }

  const order = Object.keys(rules);
  const position = (field: string): number => {
    const index = order.indexOf(field);
    return index === -1 ? order.length : index;
  };
  issues.sort((a, b) => position(a.field) - position(b.field));
  return { payload: result, issues };
}

function removeIssues(issues: ValidationIssue[], field: string): void {
  for (let i = issues.length - 1; i >= 0; i--) if (issues[i]!.field === field) issues.splice(i, 1);
}

/** True when the collection has validation rules (so a hook can skip the others). */
export function isValidatedCollection(collection: string): collection is ValidatedCollection {
  return (VALIDATED_COLLECTIONS as readonly string[]).includes(collection);
}
