import { describe, expect, it } from 'vitest';
import {
  CHOICE_LABELS,
  COLLECTION_LABELS,
  FIELD_LABELS,
  collectionLabel,
  fieldLabel,
} from '../../extensions/labour-platform/src/domain/labels';
import { formatIssue, formatIssues } from '../../extensions/labour-platform/src/domain/issue-messages';
import { pickUiLanguage, type UiLanguage } from '../../extensions/labour-platform/src/domain/ui-language';
import { FIELD_CHOICES } from '../../extensions/labour-platform/src/domain/vocabulary';
import { FIELD_RULES, VALIDATED_COLLECTIONS } from '../../extensions/labour-platform/src/domain/validation-rules';
import { validateRecord } from '../../extensions/labour-platform/src/domain/validation';
import { type IssueCode, type ValidationIssue } from '../../extensions/labour-platform/src/domain/validation-issues';

describe('pickUiLanguage', () => {
  it.each<[string | null | undefined, string | null | undefined, UiLanguage]>([
    ['nl-NL', null, 'nl'],
    ['en-US', null, 'en'],
    ['EN', 'nl', 'en'],
    ['en_GB', 'nl-NL', 'en'],
    ['nl', 'en-US,en;q=0.9', 'nl'],
    ['de-DE', 'en-GB,en;q=0.9', 'en'],
    ['', 'en', 'en'],
    [null, 'de-DE,de;q=0.9,en;q=0.8,nl;q=0.7', 'en'],
    [null, 'de, nl;q=0.5, en;q=0.6', 'en'],
    [null, 'en;q=0.4, NL-be;q=0.8', 'nl'],
    [null, 'en;q=0, nl;q=0.1', 'nl'],
    [null, 'en;q=0', 'nl'],
    [null, 'en-US', 'en'],
    [null, 'fr-FR, pl;q=0.9', 'nl'],
    [null, '*', 'nl'],
    [null, '*;q=1, en;q=0.5', 'en'],
    [null, 'en;q=abc, nl;q=0.2', 'nl'],
    [null, 'en;q=1.5', 'nl'],
    [null, 'en ; q = 0.7 , nl;q=0.6', 'en'],
    [null, 'english', 'nl'],
    [null, ',,;', 'nl'],
    [null, '', 'nl'],
    [null, null, 'nl'],
    [undefined, undefined, 'nl'],
  ])('user %j, Accept-Language %j → %s', (user, header, expected) => {
    expect(pickUiLanguage(user, header)).toBe(expected);
  });

  it('defaults to Dutch without arguments', () => {
    expect(pickUiLanguage()).toBe('nl');
  });
});

describe('labels', () => {
  it('labels every validated field in both languages', () => {
    for (const collection of VALIDATED_COLLECTIONS) {
      for (const field of Object.keys(FIELD_RULES[collection])) {
        const label = FIELD_LABELS[collection][field];
        expect(label, `${collection}.${field}`).toBeDefined();
        expect(label?.nl).toBeTruthy();
        expect(label?.en).toBeTruthy();
      }
    }
  });

  it('labels the other collections of the data model', () => {
    expect(Object.keys(FIELD_LABELS.consents)).toEqual(
      expect.arrayContaining([
        'id',
        'migrant',
        'status',
        'language',
        'requested_at',
        'expires_at',
        'signed_at',
        'revoked_at',
      ]),
    );
    expect(Object.keys(FIELD_LABELS.status_history).sort()).toEqual(
      [
        'id',
        'migrant',
        'from_status',
        'to_status',
        'event',
        'actor',
        'occurred_at',
        'reason',
        'machine_version',
        'snapshot',
      ].sort(),
    );
    expect(FIELD_LABELS.directus_users.organisation).toEqual({ nl: 'Organisatie', en: 'Organisation' });
  });

  it('uses the Dutch terms of a municipality', () => {
    expect(fieldLabel('migrants', 'bsn', 'nl')).toBe('BSN');
    expect(fieldLabel('migrants', 'first_names', 'nl')).toBe('Voornamen');
    expect(fieldLabel('migrants', 'surname', 'nl')).toBe('Achternaam');
    expect(fieldLabel('migrants', 'date_of_birth', 'nl')).toBe('Geboortedatum');
    expect(fieldLabel('locations', 'capacity', 'nl')).toBe('Capaciteit (bedden)');
    expect(fieldLabel('locations', 'postcode', 'nl')).toBe('Postcode');
    expect(fieldLabel('migrants', 'first_names', 'en')).toBe('First names');
    expect(fieldLabel('migrants', 'unknown_field', 'nl')).toBe('unknown_field');
    expect(fieldLabel('unknown_collection', 'x', 'en')).toBe('x');
  });

  it('labels collections in singular and plural', () => {
    for (const labels of Object.values(COLLECTION_LABELS)) {
      for (const form of [labels.singular, labels.plural]) {
        expect(form.nl).toBeTruthy();
        expect(form.en).toBeTruthy();
      }
    }
    expect(collectionLabel('migrants', 'nl')).toBe('Arbeidsmigrant');
    expect(collectionLabel('migrants', 'nl', true)).toBe('Arbeidsmigranten');
    expect(collectionLabel('migrants', 'en', true)).toBe('Labour migrants');
    expect(collectionLabel('nope', 'nl')).toBe('nope');
  });

  it('labels every choice value in both languages', () => {
    for (const [collection, fields] of Object.entries(FIELD_CHOICES)) {
      for (const [field, values] of Object.entries(fields)) {
        for (const value of values) {
          const label = CHOICE_LABELS[collection]?.[field]?.[value];
          expect(label?.nl, `${collection}.${field}.${value}`).toBeTruthy();
          expect(label?.en, `${collection}.${field}.${value}`).toBeTruthy();
        }
      }
    }
  });
});

describe('formatIssue', () => {
  it('names the field and quotes a non-personal value', () => {
    const issue: ValidationIssue = {
      field: 'postcode',
      code: 'invalid_postcode',
      params: { reason: 'format', value: '12AB' },
    };
    expect(formatIssue('locations', issue, 'nl')).toBe(
      'Postcode "12AB" is ongeldig: gebruik vier cijfers en twee letters, zoals 1234 AB.',
    );
    expect(formatIssue('locations', issue, 'en')).toBe(
      'Postcode "12AB" is invalid: use four digits and two letters, such as 1234 AB.',
    );
  });

  it('formats the issues validateRecord produces', () => {
    const { issues } = validateRecord(
      'locations',
      { name: 'De Kas', postcode: '2671 SA', capacity: -3 },
      null,
      '2025-06-15',
    );
    expect(formatIssues('locations', issues, 'nl')).toBe(
      [
        'Straat is verplicht.',
        'Huisnummer is verplicht.',
        'Postcode "2671 SA" bestaat niet: postcodes met de letters SA, SD of SS worden niet uitgegeven.',
        'Plaats is verplicht.',
        'Capaciteit (bedden) "-3" is ongeldig: vul 0 of meer in.',
      ].join(' '),
    );
    expect(formatIssues('locations', issues, 'en')).toContain('Capacity (beds) "-3" is invalid: enter 0 or more.');
  });

  it('explains date order with both field names', () => {
    const { issues } = validateRecord('stays', { end_date: '2025-01-01' }, { start_date: '2025-02-01' }, '2025-06-15');
    expect(formatIssues('stays', issues, 'nl')).toBe('Einddatum moet op of na de begindatum liggen.');
    expect(formatIssues('stays', issues, 'en')).toBe('End date must be on or after the start date.');
    const appointment: ValidationIssue = { field: 'ends_at', code: 'must_be_after', params: { other: 'starts_at' } };
    expect(formatIssue('appointments', appointment, 'nl')).toBe('Eindtijd moet na de begintijd liggen.');
    const birth: ValidationIssue = {
      field: 'date_of_birth',
      code: 'must_be_before',
      params: { other: 'arrival_date' },
    };
    expect(formatIssue('migrants', birth, 'nl')).toBe('Geboortedatum moet vóór de aankomstdatum liggen.');
    expect(formatIssue('migrants', birth, 'en')).toBe('Date of birth must be before the arrival date.');
  });

  it('never quotes personal values', () => {
    const bsn: ValidationIssue = {
      field: 'bsn',
      code: 'invalid_bsn',
      params: { reason: 'checksum', value: '999993654' },
    };
    expect(formatIssue('migrants', bsn, 'nl')).toBe(
      'BSN is ongeldig: het nummer voldoet niet aan de elfproef. Controleer of het goed is overgenomen.',
    );
    expect(formatIssue('migrants', bsn, 'en')).not.toContain('999993654');
  });

  it('lists the allowed choices with their labels', () => {
    const gender: ValidationIssue = { field: 'gender', code: 'invalid_choice', params: { value: 'F' } };
    expect(formatIssue('migrants', gender, 'nl')).toBe(
      'Geslacht "F" is geen geldige keuze: kies M (Man), V (Vrouw) of O (Onbekend).',
    );
    expect(formatIssue('migrants', gender, 'en')).toBe(
      'Sex "F" is not a valid choice: choose M (Male), V (Female) or O (Unknown).',
    );
    const type: ValidationIssue = { field: 'type', code: 'invalid_choice', params: { value: 'bank' } };
    expect(formatIssue('organisations', type, 'nl')).toBe(
      'Soort organisatie "bank" is geen geldige keuze: kies gemeente, huisvester of werkgever.',
    );
  });

  it('lists the supported languages', () => {
    const issue: ValidationIssue = { field: 'language', code: 'invalid_language', params: { value: 'de' } };
    const text = formatIssue('migrants', issue, 'nl');
    expect(text).toMatch(
      /^Taal "de" wordt niet ondersteund: kies een van nl \(Nederlands\), en \(English\), pl \(Polski\)/,
    );
    expect(text).toContain('el (Ελληνικά)');
  });

  it('has a sentence for every issue code in both languages that names the field', () => {
    const all: IssueCode[] = [
      'required',
      'required_for_gemeente',
      'invalid_type',
      'invalid_choice',
      'too_long',
      'invalid_postcode',
      'invalid_bsn',
      'invalid_bag_id',
      'invalid_kvk_number',
      'invalid_branch_number',
      'invalid_municipality_code',
      'invalid_country',
      'invalid_language',
      'invalid_email',
      'invalid_phone',
      'invalid_date',
      'invalid_datetime',
      'invalid_reference',
      'not_integer',
      'not_a_number',
      'out_of_range',
      'in_future',
      'must_be_before',
      'must_be_on_or_before',
      'must_be_after',
      'must_be_on_or_after',
    ];
    const seen = new Set<string>();
    for (const lang of ['nl', 'en'] as const) {
      for (const code of all) {
        const text = formatIssue(
          'migrants',
          { field: 'nationality', code, params: { other: 'arrival_date', min: 0, max: 9 } },
          lang,
        );
        expect(text.startsWith(fieldLabel('migrants', 'nationality', lang))).toBe(true);
        expect(text.endsWith('.')).toBe(true);
        expect(text).not.toMatch(/undefined|\$\{/);
        seen.add(text);
      }
    }
    expect(seen.size).toBe(all.length * 2);
  });

  it('mentions the range of a bounded number', () => {
    const issue: ValidationIssue = {
      field: 'latitude',
      code: 'out_of_range',
      params: { min: -90, max: 90, value: 95 },
    };
    expect(formatIssue('locations', issue, 'nl')).toBe(
      'Breedtegraad "95" is ongeldig: vul een waarde tussen -90 en 90 in.',
    );
    expect(formatIssue('locations', issue, 'en')).toBe('Latitude "95" is invalid: enter a value between -90 and 90.');
  });

  it('joins several issues and returns an empty string for none', () => {
    expect(formatIssues('organisations', [], 'nl')).toBe('');
    const { issues } = validateRecord('organisations', { type: 'gemeente' }, null, '2025-06-15');
    expect(formatIssues('organisations', issues, 'nl')).toBe(
      'Naam is verplicht. Gemeentecode is verplicht voor een gemeente: vul de gemeentecode van vier cijfers in, zoals 0363.',
    );
    expect(formatIssues('organisations', issues, 'en')).toBe(
      'Name is required. Municipality code is required for a municipality: enter the four-digit municipality code, such as 0363.',
    );
  });
});
