/**
 * Rules every write to every collection meets, with or without field rules: well-formed text, dates that are
 * dates, keys that fit their column. Plain module: no Directus import.
 */

import { isCalendarDate, parseTimestamp } from './dates';
import { MAX_STRING_LENGTH } from './validation-rules';
import type { ValidationIssue } from './validation-issues';

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
export function temporalIssues(
  payload: Record<string, unknown>,
  types: Readonly<Record<string, TemporalType>>,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const [field, value] of Object.entries(payload)) {
    const type = Object.prototype.hasOwnProperty.call(types, field) ? types[field] : undefined;
    if (type === undefined || isBlank(value)) continue;
    if (!isTemporalValue(type, value))
      issues.push({ field, code: type === 'date' ? 'invalid_date' : 'invalid_datetime' });
  }
  return issues;
}

/**
 * True when a primary key can be put in a query of a column of this type: a uuid for uuid keys, a whole number for
 * integer keys, plain text otherwise. Keys from a request body can be anything (a nested array, an object).
 */
export function isWellFormedKey(type: string, key: unknown): key is string | number {
  if (type === 'uuid') return typeof key === 'string' && UUID_PATTERN.test(key);
  if (type === 'integer' || type === 'bigInteger')
    return (
      (typeof key === 'number' && Number.isSafeInteger(key)) || (typeof key === 'string' && /^\d{1,15}$/.test(key))
    );
  return (
    (typeof key === 'string' && key.length <= MAX_STRING_LENGTH && isWellFormedText(key)) ||
    (typeof key === 'number' && Number.isFinite(key))
  );
}

/** null, undefined or only whitespace: left to the required rules. */
export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}
