/**
 * Validation and normalisation of records before they are stored, for the collections of the data model.
 * Plain module: no Directus import. The Directus hooks call `validateRecord` on create (existing = null) and on
 * update (existing = the stored row, payload = only the changed fields) and turn the issues into errors with
 * `issuesByField` from ./issue-messages.
 *
 * The parts: the issue codes (./validation-issues), the rules per collection (./validation-rules), the rules for
 * every write (./validation-shape) and the normalisation of one value (./validation-normalise).
 * Issues for personal fields (see ./personal-fields) never carry the submitted value.
 */

import { isCalendarDate, parseTimestamp, todayInNetherlands } from './dates';
import { languageOfNationality } from './languages';
import { isPersonalField } from './personal-fields';
import type { ValidationIssue, ValidationResult } from './validation-issues';
import { normaliseValue, type Problem } from './validation-normalise';
import {
  FIELD_RULES,
  MIRRORED,
  NOT_IN_FUTURE,
  ORDER_CODES,
  ORDER_RULES,
  REQUIRED_ON_CREATE,
  type FieldRule,
  type OrderRelation,
  type OrderRule,
  type ValidatedCollection,
} from './validation-rules';
import { isBlank, malformedTextIssues } from './validation-shape';

const DATE: FieldRule = { kind: 'date' };

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

  // No language chosen for a new migrant: the nationality's own language when the platform has it, else English.
  if (collection === 'migrants' && isCreate && isBlank(result.language) && !invalid.has('language')) {
    result.language = languageOfNationality(invalid.has('nationality') ? null : result.nationality);
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
