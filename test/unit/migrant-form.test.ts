/**
 * The domain side of the provider's migrant form: one message per field (what the admin app shows at each
 * field), the language of a new migrant from its nationality, the order of the nationality list, and help text
 * in both languages.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COMMON_NATIONALITIES,
  ISO_COUNTRY_CODES,
  nationalityOrder,
} from '../../extensions/labour-platform/src/domain/countries';
import {
  NATIONALITY_LANGUAGES,
  isSupportedLanguage,
  languageOfNationality,
} from '../../extensions/labour-platform/src/domain/languages';
import { APP_TRANSLATIONS, FIELD_LABELS, FIELD_NOTES } from '../../extensions/labour-platform/src/domain/labels';
import { issuesByField } from '../../extensions/labour-platform/src/domain/issue-messages';
import { validateRecord } from '../../extensions/labour-platform/src/domain/validation';
import type { ValidationIssue } from '../../extensions/labour-platform/src/domain/validation-issues';

const today = '2026-03-01';
const migrant = { first_names: 'Anna', surname: 'Nowak', date_of_birth: '1990-01-01', arrival_date: '2026-02-01' };

describe('issuesByField', () => {
  it('gives one message per field, in the order of each field’s first issue', () => {
    const issues: ValidationIssue[] = [
      { field: 'bsn', code: 'invalid_bsn', params: { reason: 'checksum' } },
      { field: 'date_of_birth', code: 'in_future' },
      { field: 'bsn', code: 'required' },
    ];
    expect(issuesByField('migrants', issues, 'nl').map(({ field, codes }) => ({ field, codes }))).toEqual([
      { field: 'bsn', codes: ['invalid_bsn', 'required'] },
      { field: 'date_of_birth', codes: ['in_future'] },
    ]);
  });

  it('names each field in the user’s language', () => {
    const result = issuesByField('migrants', [{ field: 'date_of_birth', code: 'in_future' }], 'en');
    expect(result[0]!.message).toBe('Date of birth cannot be in the future.');
  });

  it('never loses an issue and never repeats a field (property)', () => {
    const fields = ['bsn', 'surname', 'date_of_birth', 'work_postcode'];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            field: fc.constantFrom(...fields),
            code: fc.constantFrom('required', 'invalid_date', 'too_long') as fc.Arbitrary<ValidationIssue['code']>,
          }),
        ),
        (issues) => {
          const result = issuesByField('migrants', issues, 'nl');
          expect(new Set(result.map((entry) => entry.field)).size).toBe(result.length);
          expect(result.reduce((sum, entry) => sum + entry.codes.length, 0)).toBe(issues.length);
        },
      ),
    );
  });
});

describe('the language of a new migrant', () => {
  it('is the nationality’s own language when the platform has it', () => {
    expect(validateRecord('migrants', { ...migrant, nationality: 'RO' }, null, today).payload.language).toBe('ro');
  });

  it('is English for a nationality whose language the platform does not have', () => {
    expect(validateRecord('migrants', { ...migrant, nationality: 'IN' }, null, today).payload.language).toBe('en');
  });

  it('stays as chosen', () => {
    expect(
      validateRecord('migrants', { ...migrant, nationality: 'RO', language: 'pl' }, null, today).payload.language,
    ).toBe('pl');
  });

  it('is not touched on update', () => {
    expect(
      validateRecord('migrants', { nationality: 'RO' }, { ...migrant, language: 'en' }, today).payload,
    ).not.toHaveProperty('language');
  });

  it('is always a language of the consent page (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...ISO_COUNTRY_CODES), fc.string(), fc.constant(null)), (nationality) => {
        expect(isSupportedLanguage(languageOfNationality(nationality))).toBe(true);
      }),
    );
    expect(Object.values(NATIONALITY_LANGUAGES).every(isSupportedLanguage)).toBe(true);
  });
});

describe('the nationality list', () => {
  it('starts with the common nationalities and holds every country once', () => {
    const order = nationalityOrder();
    expect({
      first: order.slice(0, COMMON_NATIONALITIES.length),
      count: new Set(order).size,
      all: order.length,
    }).toEqual({
      first: [...COMMON_NATIONALITIES],
      count: ISO_COUNTRY_CODES.length,
      all: ISO_COUNTRY_CODES.length,
    });
  });
});

describe('help text and app texts', () => {
  it('has a Dutch and an English help text for fields that exist', () => {
    for (const [collection, notes] of Object.entries(FIELD_NOTES)) {
      for (const [field, text] of Object.entries(notes)) {
        expect(FIELD_LABELS[collection as keyof typeof FIELD_LABELS]?.[field], `${collection}.${field}`).toBeDefined();
        expect(text.nl.length * text.en.length, `${collection}.${field}`).toBeGreaterThan(0);
      }
    }
  });

  it('shows the platform’s message at the field through validationError.platform', () => {
    expect(APP_TRANSLATIONS['validationError.platform']).toEqual({
      nl: '{validation_message}',
      en: '{validation_message}',
    });
  });
});
