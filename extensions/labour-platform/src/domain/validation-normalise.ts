/**
 * Normalisation of one value by its field rule: trimmed text, a BSN of 9 digits, a postcode as 1234 AB, ... or the
 * problem with it. Plain module: no Directus import.
 */

import { normaliseBsn, passesElevenCheck } from './bsn';
import { isIsoCountryCode } from './countries';
import { isCalendarDate, parseTimestamp } from './dates';
import { isSupportedLanguage } from './languages';
import { checkPostcode } from './postcode';
import type { IssueCode } from './validation-issues';
import { MAX_STRING_LENGTH, type FieldRule } from './validation-rules';
import { UUID_PATTERN } from './validation-shape';

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_PATTERN = /^\+?[0-9 ()./-]+$/;

export type Problem = { code: IssueCode; params?: Record<string, string | number> };
export type Outcome = { ok: true; value: unknown } | { ok: false; problem: Problem };

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

export function normaliseValue(rule: FieldRule, raw: unknown): Outcome {
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
      if (raw instanceof Date)
        return Number.isNaN(raw.getTime()) ? reject('invalid_datetime') : accept(raw.toISOString());
      return typeof raw === 'string' && parseTimestamp(raw.trim()) !== null
        ? accept(raw.trim())
        : reject('invalid_datetime');
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
      return value < rule.min || value > rule.max
        ? reject('out_of_range', rangeParams(rule.min, rule.max))
        : accept(value);
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return accept(raw);
      if (raw === 1 || raw === 0) return accept(raw === 1);
      if (typeof raw === 'string' && /^(true|false)$/i.test(raw.trim()))
        return accept(raw.trim().toLowerCase() === 'true');
      return reject('invalid_type', { expected: 'boolean' });
    }
    case 'reference': {
      // A nested object is a Directus nested create/update: its own hook validates it.
      if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) return accept(raw);
      return typeof raw === 'string' && UUID_PATTERN.test(raw.trim())
        ? accept(raw.trim())
        : reject('invalid_reference');
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
    case 'branch_number': {
      const digits = asText(raw)?.replace(/[\s.]/g, '') ?? '';
      return /^\d{12}$/.test(digits) ? accept(digits) : reject('invalid_branch_number');
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
