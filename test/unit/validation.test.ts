import { describe, expect, it } from 'vitest';
import {
  COUNTRY_NAMES,
  ISO_COUNTRY_CODES,
  countryName,
  isIsoCountryCode,
} from '../../extensions/labour-platform/src/domain/countries';
import {
  SUPPORTED_LANGUAGES,
  SUPPORTED_LANGUAGE_CODES,
  isSupportedLanguage,
} from '../../extensions/labour-platform/src/domain/languages';
import { isCalendarDate, parseTimestamp, todayInNetherlands } from '../../extensions/labour-platform/src/domain/dates';
import { formatIssue, formatIssues } from '../../extensions/labour-platform/src/domain/issue-messages';
import { stillReferencedMessage } from '../../extensions/labour-platform/src/domain/reference-messages';
import { PERSONAL_FIELDS, isPersonalField } from '../../extensions/labour-platform/src/domain/personal-fields';
import {
  containsMalformedText,
  temporalIssues,
  isWellFormedKey,
  isWellFormedText,
  malformedTextIssues,
} from '../../extensions/labour-platform/src/domain/validation-shape';
import {
  FIELD_RULES,
  REQUIRED_ON_CREATE,
  VALIDATED_COLLECTIONS,
  isValidatedCollection,
  type ValidatedCollection,
} from '../../extensions/labour-platform/src/domain/validation-rules';
import { validateRecord } from '../../extensions/labour-platform/src/domain/validation';
import { type IssueCode, type ValidationIssue } from '../../extensions/labour-platform/src/domain/validation-issues';

const TODAY = '2025-06-15';
const ORG = '0b6f1c3e-2a4d-4e8f-9b1a-7c5d3e2f1a00';
const LOCATION = '1c7a2d4f-3b5e-4f90-8c2b-8d6e4f3a2b11';
const MIGRANT = '2d8b3e5a-4c6f-4a01-9d3c-9e7f5a4b3c22';
const USER = '3e9c4f6b-5d7a-4b12-8e4d-af8a6b5c4d33';

function validate(
  collection: ValidatedCollection,
  payload: Record<string, unknown>,
  existing: Record<string, unknown> | null = null,
) {
  return validateRecord(collection, payload, existing, TODAY);
}

/** The issues as 'field:code' strings, for compact assertions. */
function codes(issues: ValidationIssue[]): string[] {
  return issues.map((issue) => `${issue.field}:${issue.code}`);
}

function issueFor(issues: ValidationIssue[], field: string): ValidationIssue | undefined {
  return issues.find((issue) => issue.field === field);
}

const validOrganisation = { name: 'Gemeente Westland', type: 'gemeente', municipality_code: '1783' };
const validLocation = {
  name: 'Logement De Kas',
  street: 'Burgemeester Elsenweg',
  house_number: '53',
  postcode: '2671 dp',
  city: 'Naaldwijk',
  capacity: 40,
};
const validMigrant = {
  first_names: 'Jan Piotr',
  surname: 'Kowalski',
  date_of_birth: '1990-04-12',
  arrival_date: '2025-03-01',
};

describe('ISO 3166-1 country codes', () => {
  it('has all 249 officially assigned codes, each with an English and a Dutch name', () => {
    expect(ISO_COUNTRY_CODES).toHaveLength(249);
    expect(new Set(ISO_COUNTRY_CODES).size).toBe(249);
    for (const code of ISO_COUNTRY_CODES) {
      expect(code).toMatch(/^[A-Z]{2}$/);
      expect(COUNTRY_NAMES[code]?.en).toBeTruthy();
      expect(COUNTRY_NAMES[code]?.nl).toBeTruthy();
    }
  });

  it('matches upper-case assigned codes only', () => {
    for (const code of ['PL', 'RO', 'BG', 'NL', 'GB', 'UA', 'AX', 'SS', 'BQ', 'CW'])
      expect(isIsoCountryCode(code)).toBe(true);
    for (const code of ['pl', 'Pl', 'UK', 'XK', 'EU', 'YU', 'POL', '', 'P', 'toString', 'constructor']) {
      expect(isIsoCountryCode(code)).toBe(false);
    }
  });

  it('names countries in both languages', () => {
    expect(countryName('PL', 'nl')).toBe('Polen');
    expect(countryName('PL', 'en')).toBe('Poland');
    expect(countryName('DE', 'nl')).toBe('Duitsland');
    expect(countryName('ZZ', 'nl')).toBe('ZZ');
  });
});

describe('consent-page languages', () => {
  it('lists the 14 languages with endonym and English name', () => {
    expect([...SUPPORTED_LANGUAGE_CODES].sort()).toEqual(
      ['nl', 'en', 'pl', 'ro', 'bg', 'uk', 'hu', 'lt', 'lv', 'sk', 'cs', 'pt', 'es', 'el'].sort(),
    );
    expect(SUPPORTED_LANGUAGES.map((language) => language.code)).toEqual([...SUPPORTED_LANGUAGE_CODES]);
    for (const language of SUPPORTED_LANGUAGES) {
      expect(language.endonym).toBeTruthy();
      expect(language.englishName).toBeTruthy();
    }
    expect(SUPPORTED_LANGUAGES.find((language) => language.code === 'pl')?.endonym).toBe('Polski');
    expect(SUPPORTED_LANGUAGES.find((language) => language.code === 'el')?.englishName).toBe('Greek');
  });

  it('recognises supported codes exactly', () => {
    expect(isSupportedLanguage('pl')).toBe(true);
    expect(isSupportedLanguage('uk')).toBe(true);
    for (const code of ['PL', 'pl-PL', 'de', 'ua', '', null, 3]) expect(isSupportedLanguage(code)).toBe(false);
  });
});

describe('personal fields', () => {
  it('lists the personal fields of migrants', () => {
    expect([...PERSONAL_FIELDS.migrants].sort()).toEqual(
      ['bsn', 'first_names', 'surname', 'date_of_birth', 'email', 'phone', 'home_address', 'id_document_number'].sort(),
    );
    expect(isPersonalField('migrants', 'bsn')).toBe(true);
    expect(isPersonalField('migrants', 'nationality')).toBe(false);
    expect(isPersonalField('organisations', 'email')).toBe(false);
    expect(isPersonalField('toString', 'length')).toBe(false);
  });
});

describe('date helpers', () => {
  it('accepts only real calendar dates as YYYY-MM-DD', () => {
    for (const date of ['2024-02-29', '2025-12-31', '2000-02-29', '1990-01-01'])
      expect(isCalendarDate(date)).toBe(true);
    for (const date of [
      '2025-02-29',
      '1900-02-29',
      '2025-04-31',
      '2025-13-01',
      '2025-00-10',
      '2025-01-00',
      '31-12-1990',
      '2025-1-1',
      '20250101',
      '2025-01-01T00:00',
    ]) {
      expect(isCalendarDate(date)).toBe(false);
    }
  });

  it('parses ISO timestamps with and without zone', () => {
    expect(parseTimestamp('2025-03-01T09:30:00Z')).toBe(Date.UTC(2025, 2, 1, 9, 30));
    expect(parseTimestamp('2025-03-01T10:30:00+01:00')).toBe(Date.UTC(2025, 2, 1, 9, 30));
    expect(parseTimestamp('2025-03-01T09:30')).toBe(Date.UTC(2025, 2, 1, 9, 30));
    expect(parseTimestamp('2025-03-01 09:30:15.250')).toBe(Date.UTC(2025, 2, 1, 9, 30, 15, 250));
    for (const value of ['2025-03-01', '2025-03-01T24:00', '2025-02-30T10:00', '2025-03-01T10:60', 'yesterday']) {
      expect(parseTimestamp(value)).toBeNull();
    }
  });

  it('gives today in the Netherlands', () => {
    expect(todayInNetherlands(new Date('2025-06-15T22:30:00Z'))).toBe('2025-06-16');
    expect(todayInNetherlands(new Date('2025-01-15T22:30:00Z'))).toBe('2025-01-15');
    expect(isCalendarDate(todayInNetherlands())).toBe(true);
  });

  it('refuses a malformed today', () => {
    expect(() => validateRecord('stays', {}, null, '15-06-2025')).toThrow(RangeError);
  });
});

describe('validateRecord: general behaviour', () => {
  it('knows the validated collections', () => {
    expect(VALIDATED_COLLECTIONS).toHaveLength(8);
    expect(isValidatedCollection('migrants')).toBe(true);
    expect(isValidatedCollection('consents')).toBe(false);
    for (const collection of VALIDATED_COLLECTIONS) {
      for (const field of REQUIRED_ON_CREATE[collection]) expect(FIELD_RULES[collection]).toHaveProperty(field);
    }
  });

  it('reports every required field on create', () => {
    const expected: Record<ValidatedCollection, string[]> = {
      organisations: ['name', 'type'],
      locations: ['name', 'street', 'house_number', 'postcode', 'city', 'capacity'],
      migrants: ['first_names', 'surname', 'date_of_birth', 'arrival_date'],
      stays: ['migrant', 'location', 'start_date'],
      appointments: ['migrant', 'starts_at', 'ends_at'],
      inspections: ['location', 'inspected_on', 'outcome'],
      inspection_findings: ['inspection', 'item', 'met'],
      tasks: ['type', 'migrant'],
    };
    for (const collection of VALIDATED_COLLECTIONS) {
      const { issues } = validate(collection, {});
      expect(codes(issues)).toEqual(expected[collection].map((field) => `${field}:required`));
    }
  });

  it('treats null, empty and blank strings as missing', () => {
    const { issues, payload } = validate('organisations', { name: '   ', type: null, kvk_number: '', email: '  ' });
    expect(codes(issues)).toEqual(['name:required', 'type:required']);
    expect(payload).toEqual({ name: null, type: null, kvk_number: null, email: null });
  });

  it('passes fields outside the spec through untouched', () => {
    const extra = { id: 'x', custom: '  keep me  ', nested: { a: 1 }, date_created: 'whatever' };
    const { payload, issues } = validate('organisations', { ...validOrganisation, ...extra });
    expect(issues).toEqual([]);
    expect(payload).toMatchObject(extra);
  });

  it('keeps invalid values as submitted instead of dropping them', () => {
    const { payload, issues } = validate('locations', { ...validLocation, postcode: '12AB', capacity: 'many' });
    expect(codes(issues)).toEqual(['postcode:invalid_postcode', 'capacity:not_integer']);
    expect(payload.postcode).toBe('12AB');
    expect(payload.capacity).toBe('many');
  });

  it('ignores keys whose value is undefined', () => {
    const { issues } = validate('stays', { end_date: undefined }, { start_date: '2025-01-01' });
    expect(issues).toEqual([]);
  });

  it('reports issues in form order', () => {
    const { issues } = validate('locations', { capacity: -1, postcode: 'x', name: 'A' });
    expect(issues.map((issue) => issue.field)).toEqual(['street', 'house_number', 'postcode', 'city', 'capacity']);
  });

  it('does not mutate its input', () => {
    const payload = { ...validLocation };
    validate('locations', payload);
    expect(payload).toEqual(validLocation);
  });
});

describe('validateRecord: organisations', () => {
  it('accepts a municipality and normalises its code', () => {
    expect(validate('organisations', validOrganisation)).toEqual({ payload: validOrganisation, issues: [] });
    expect(
      validate('organisations', { ...validOrganisation, municipality_code: 'GM0363' }).payload.municipality_code,
    ).toBe('0363');
    expect(validate('organisations', { ...validOrganisation, municipality_code: 363 }).payload.municipality_code).toBe(
      '0363',
    );
    expect(validate('organisations', { ...validOrganisation, municipality_code: '1999' }).issues).toEqual([]);
  });

  it('checks the organisation type', () => {
    const { issues } = validate('organisations', { ...validOrganisation, type: 'bank' });
    expect(issues).toEqual([{ field: 'type', code: 'invalid_choice', params: { value: 'bank' } }]);
    expect(validate('organisations', { name: 'X', type: 'Huisvester' }).payload.type).toBe('huisvester');
  });

  it('requires a municipality code for a gemeente only', () => {
    expect(codes(validate('organisations', { name: 'Gemeente X', type: 'gemeente' }).issues)).toEqual([
      'municipality_code:required_for_gemeente',
    ]);
    expect(validate('organisations', { name: 'Agency', type: 'werkgever' }).issues).toEqual([]);
    expect(validate('organisations', { name: 'Housing', type: 'huisvester', municipality_code: null }).issues).toEqual(
      [],
    );
  });

  it.each(['123', '12345', 'abcd', '03 63', 'GM36'])('rejects municipality code %j', (code) => {
    expect(codes(validate('organisations', { ...validOrganisation, municipality_code: code }).issues)).toEqual([
      'municipality_code:invalid_municipality_code',
    ]);
  });

  it('checks the KvK number (8 digits)', () => {
    expect(
      validate('organisations', { name: 'A', type: 'werkgever', kvk_number: '1234 5678' }).payload.kvk_number,
    ).toBe('12345678');
    expect(validate('organisations', { name: 'A', type: 'werkgever', kvk_number: 12345678 }).payload.kvk_number).toBe(
      '12345678',
    );
    for (const kvk of ['1234567', '123456789', 'ABCDEFGH']) {
      expect(codes(validate('organisations', { name: 'A', type: 'werkgever', kvk_number: kvk }).issues)).toEqual([
        'kvk_number:invalid_kvk_number',
      ]);
    }
  });

  it('checks the branch number (vestigingsnummer, 12 digits)', () => {
    const organisation = { name: 'A', type: 'werkgever', kvk_number: '12345678' };
    expect(validate('organisations', { ...organisation, branch_number: '0000 1234 5678' }).payload.branch_number).toBe(
      '000012345678',
    );
    for (const branch of ['12345678', '1234567890123', 'vestiging']) {
      expect(codes(validate('organisations', { ...organisation, branch_number: branch }).issues)).toEqual([
        'branch_number:invalid_branch_number',
      ]);
    }
  });

  it('checks the email address and quotes it (an organisation address is not personal data)', () => {
    const { issues } = validate('organisations', { ...validOrganisation, email: 'info-at-westland.nl' });
    expect(issues).toEqual([{ field: 'email', code: 'invalid_email', params: { value: 'info-at-westland.nl' } }]);
  });

  it('on update, checks the municipality code only when type or code changes', () => {
    const stored = { id: ORG, name: 'Gemeente X', type: 'gemeente', municipality_code: null };
    expect(validate('organisations', { name: 'Gemeente Y' }, stored).issues).toEqual([]);
    expect(
      codes(validate('organisations', { municipality_code: '' }, { ...stored, municipality_code: '1783' }).issues),
    ).toEqual(['municipality_code:required_for_gemeente']);
    expect(codes(validate('organisations', { type: 'gemeente' }, { ...stored, type: 'huisvester' }).issues)).toEqual([
      'municipality_code:required_for_gemeente',
    ]);
    expect(validate('organisations', { type: 'gemeente', municipality_code: '1783' }, stored).issues).toEqual([]);
  });

  it('on update, required fields may be left out but not emptied', () => {
    const stored = { id: ORG, ...validOrganisation };
    expect(validate('organisations', { email: 'info@westland.nl' }, stored).issues).toEqual([]);
    expect(codes(validate('organisations', { name: '' }, stored).issues)).toEqual(['name:required']);
    expect(codes(validate('organisations', { type: null }, stored).issues)).toEqual(['type:required']);
  });
});

describe('validateRecord: locations', () => {
  it('normalises a valid location', () => {
    const { payload, issues } = validate('locations', {
      ...validLocation,
      house_number: 53,
      house_number_addition: '',
      capacity: '40',
      latitude: '51,9951',
      longitude: 4.2059,
      bag_id: '1783 0100 0001 2345',
      active: 'true',
      provider: ORG,
      municipality: { name: 'nested create' },
    });
    expect(issues).toEqual([]);
    expect(payload).toEqual({
      ...validLocation,
      postcode: '2671DP',
      house_number: '53',
      house_number_addition: null,
      capacity: 40,
      latitude: 51.9951,
      longitude: 4.2059,
      bag_id: '1783010000012345',
      active: true,
      provider: ORG,
      municipality: { name: 'nested create' },
    });
  });

  it('checks the postcode', () => {
    expect(validate('locations', { ...validLocation, postcode: '0123 AB' }).issues).toEqual([
      { field: 'postcode', code: 'invalid_postcode', params: { reason: 'format', value: '0123 AB' } },
    ]);
    expect(validate('locations', { ...validLocation, postcode: '2671 SS' }).issues).toEqual([
      { field: 'postcode', code: 'invalid_postcode', params: { reason: 'never_issued', value: '2671 SS' } },
    ]);
    expect(codes(validate('locations', { ...validLocation, postcode: 2671 }).issues)).toEqual([
      'postcode:invalid_postcode',
    ]);
  });

  it.each(['123456789012345', '12345678901234567', '1783O10000012345', 1783010000012345])(
    'rejects BAG id %j',
    (bagId) => {
      expect(codes(validate('locations', { ...validLocation, bag_id: bagId }).issues)).toEqual([
        'bag_id:invalid_bag_id',
      ]);
    },
  );

  it('checks the capacity: an integer of 0 or more', () => {
    expect(validate('locations', { ...validLocation, capacity: 0 }).issues).toEqual([]);
    expect(validate('locations', { ...validLocation, capacity: -1 }).issues).toEqual([
      { field: 'capacity', code: 'out_of_range', params: { min: 0, value: '-1' } },
    ]);
    expect(codes(validate('locations', { ...validLocation, capacity: 2.5 }).issues)).toEqual(['capacity:not_integer']);
    expect(codes(validate('locations', { ...validLocation, capacity: '2,5' }).issues)).toEqual([
      'capacity:not_integer',
    ]);
    expect(codes(validate('locations', { ...validLocation, capacity: true }).issues)).toEqual(['capacity:not_integer']);
  });

  it('checks latitude and longitude ranges', () => {
    expect(validate('locations', { ...validLocation, latitude: 90, longitude: -180 }).issues).toEqual([]);
    expect(validate('locations', { ...validLocation, latitude: -90, longitude: 180 }).issues).toEqual([]);
    expect(validate('locations', { ...validLocation, latitude: 90.5 }).issues).toEqual([
      { field: 'latitude', code: 'out_of_range', params: { min: -90, max: 90, value: '90.5' } },
    ]);
    expect(codes(validate('locations', { ...validLocation, longitude: '-180.1' }).issues)).toEqual([
      'longitude:out_of_range',
    ]);
    expect(codes(validate('locations', { ...validLocation, latitude: 'north' }).issues)).toEqual([
      'latitude:not_a_number',
    ]);
    expect(codes(validate('locations', { ...validLocation, longitude: Number.NaN }).issues)).toEqual([
      'longitude:not_a_number',
    ]);
  });

  it('checks types of text, boolean and relation fields', () => {
    const { issues } = validate('locations', {
      ...validLocation,
      street: { line: 1 },
      city: 'x'.repeat(256),
      active: 'maybe',
      provider: 'org-1',
    });
    expect(issues).toEqual([
      { field: 'street', code: 'invalid_type', params: { expected: 'text' } },
      { field: 'city', code: 'too_long', params: { max: 255, value: `${'x'.repeat(50)}…` } },
      { field: 'provider', code: 'invalid_reference', params: { value: 'org-1' } },
      { field: 'active', code: 'invalid_type', params: { expected: 'boolean', value: 'maybe' } },
    ]);
    expect(validate('locations', { ...validLocation, city: 'x'.repeat(255), active: 0 }).payload.active).toBe(false);
  });

  it('on update, validates only the changed fields', () => {
    const stored = { id: LOCATION, ...validLocation, postcode: 'legacy' };
    expect(validate('locations', { capacity: 12 }, stored)).toEqual({ payload: { capacity: 12 }, issues: [] });
    expect(codes(validate('locations', { capacity: null }, stored).issues)).toEqual(['capacity:required']);
  });
});

describe('validateRecord: migrants', () => {
  it('accepts and normalises a complete migrant', () => {
    const { payload, issues } = validate('migrants', {
      ...validMigrant,
      bsn: '999 99 3653',
      gender: 'v',
      nationality: ' pl ',
      language: 'PL',
      email: ' jan@example.com ',
      phone: '+48  601 234 567',
      home_address: 'ul. Długa 1, Kraków',
      id_document_number: 'ABC123456',
      brp_status: 'geen',
      provider: ORG,
      employer: null,
      work_address: 'Kassenweg 1',
      work_postcode: '2671 ab',
      work_city: 'Naaldwijk',
      expected_departure_date: '2025-09-01',
      departure_date: '',
      current_location: LOCATION,
    });
    expect(issues).toEqual([]);
    expect(payload).toEqual({
      ...validMigrant,
      bsn: '999993653',
      birth_year: 1990,
      gender: 'V',
      nationality: 'PL',
      language: 'pl',
      email: 'jan@example.com',
      phone: '+48 601 234 567',
      home_address: 'ul. Długa 1, Kraków',
      id_document_number: 'ABC123456',
      brp_status: 'geen',
      provider: ORG,
      employer: null,
      work_address: 'Kassenweg 1',
      work_postcode: '2671AB',
      work_city: 'Naaldwijk',
      expected_departure_date: '2025-09-01',
      departure_date: null,
      current_location: LOCATION,
    });
  });

  it('pads an 8-digit BSN and accepts a BSN given as a number', () => {
    expect(validate('migrants', { ...validMigrant, bsn: '12345672' }).payload.bsn).toBe('012345672');
    expect(validate('migrants', { ...validMigrant, bsn: 12345672 }).payload.bsn).toBe('012345672');
    expect(validate('migrants', { ...validMigrant, bsn: 999996940 }).payload.bsn).toBe('999996940');
    expect(validate('migrants', { ...validMigrant, bsn: null }).payload.bsn).toBeNull();
  });

  it('checks the BSN with the 11-proef and never includes it in the issue', () => {
    expect(validate('migrants', { ...validMigrant, bsn: '999993654' }).issues).toEqual([
      { field: 'bsn', code: 'invalid_bsn', params: { reason: 'checksum' } },
    ]);
    expect(validate('migrants', { ...validMigrant, bsn: '000000000' }).issues).toEqual([
      { field: 'bsn', code: 'invalid_bsn', params: { reason: 'checksum' } },
    ]);
    expect(validate('migrants', { ...validMigrant, bsn: '1234567' }).issues).toEqual([
      { field: 'bsn', code: 'invalid_bsn', params: { reason: 'format' } },
    ]);
  });

  it('checks nationality, language, gender and BRP status', () => {
    const { issues } = validate('migrants', {
      ...validMigrant,
      nationality: 'UK',
      language: 'de',
      gender: 'F',
      brp_status: 'registered',
    });
    expect(issues).toEqual([
      { field: 'gender', code: 'invalid_choice', params: { value: 'F' } },
      { field: 'nationality', code: 'invalid_country', params: { value: 'UK' } },
      { field: 'language', code: 'invalid_language', params: { value: 'de' } },
      { field: 'brp_status', code: 'invalid_choice', params: { value: 'registered' } },
    ]);
    for (const status of [
      'geen',
      'niet_ingeschreven',
      'ingepland',
      'afspraak_bevestigd',
      'ingeschreven',
      'vertrek_gemeld',
      'uitgeschreven',
      'vertrokken',
    ]) {
      expect(validate('migrants', { ...validMigrant, brp_status: status }).issues).toEqual([]);
    }
    for (const gender of ['M', 'V', 'O']) expect(validate('migrants', { ...validMigrant, gender }).issues).toEqual([]);
    expect(codes(validate('migrants', { ...validMigrant, nationality: 'POL' }).issues)).toEqual([
      'nationality:invalid_country',
    ]);
  });

  it('checks email, phone and work postcode', () => {
    const { issues } = validate('migrants', {
      ...validMigrant,
      email: 'jan@',
      phone: 'call me',
      work_postcode: '2671',
    });
    expect(codes(issues)).toEqual(['email:invalid_email', 'phone:invalid_phone', 'work_postcode:invalid_postcode']);
    expect(issueFor(issues, 'work_postcode')?.params).toEqual({ reason: 'format', value: '2671' });
    expect(codes(validate('migrants', { ...validMigrant, phone: '12345' }).issues)).toEqual(['phone:invalid_phone']);
    expect(validate('migrants', { ...validMigrant, phone: '0031 (0)6-12345678' }).issues).toEqual([]);
  });

  it.each(['1990-02-30', '12-04-1990', '1990-4-12', '1990/04/12', 'April 12'])('rejects date of birth %j', (date) => {
    expect(validate('migrants', { ...validMigrant, date_of_birth: date }).issues).toEqual([
      { field: 'date_of_birth', code: 'invalid_date' },
    ]);
  });

  it('rejects a date of birth in the future (relative to today)', () => {
    expect(
      validate('migrants', { ...validMigrant, date_of_birth: '2025-06-16', arrival_date: '2025-07-01' }).issues,
    ).toEqual([{ field: 'date_of_birth', code: 'in_future' }]);
    expect(validate('migrants', { ...validMigrant, date_of_birth: TODAY, arrival_date: '2025-07-01' }).issues).toEqual(
      [],
    );
  });

  it('requires the date of birth to lie before the arrival date', () => {
    expect(validate('migrants', { ...validMigrant, date_of_birth: '2025-03-01' }).issues).toEqual([
      { field: 'date_of_birth', code: 'must_be_before', params: { other: 'arrival_date' } },
    ]);
  });

  it('requires expected and actual departure on or after arrival', () => {
    expect(
      validate('migrants', { ...validMigrant, expected_departure_date: '2025-03-01', departure_date: '2025-03-01' })
        .issues,
    ).toEqual([]);
    expect(
      validate('migrants', { ...validMigrant, expected_departure_date: '2025-02-28', departure_date: '2025-01-01' })
        .issues,
    ).toEqual([
      { field: 'expected_departure_date', code: 'must_be_on_or_after', params: { other: 'arrival_date' } },
      { field: 'departure_date', code: 'must_be_on_or_after', params: { other: 'arrival_date' } },
    ]);
  });

  it('checks date order only when both dates are valid', () => {
    expect(
      codes(validate('migrants', { ...validMigrant, arrival_date: '2025-02-30', departure_date: '2025-01-01' }).issues),
    ).toEqual(['arrival_date:invalid_date']);
    expect(
      codes(validate('migrants', { ...validMigrant, arrival_date: null, departure_date: '2025-01-01' }).issues),
    ).toEqual(['arrival_date:required']);
  });

  describe('update', () => {
    const stored = {
      id: MIGRANT,
      ...validMigrant,
      birth_year: 1990,
      expected_departure_date: null,
      departure_date: '2025-05-01',
    };

    it('merges the stored row for date order and reports on the changed field', () => {
      expect(validate('migrants', { departure_date: '2025-02-01' }, stored).issues).toEqual([
        { field: 'departure_date', code: 'must_be_on_or_after', params: { other: 'arrival_date' } },
      ]);
      expect(validate('migrants', { arrival_date: '2025-05-02' }, stored).issues).toEqual([
        { field: 'arrival_date', code: 'must_be_on_or_before', params: { other: 'departure_date' } },
      ]);
      expect(validate('migrants', { arrival_date: '1990-04-12' }, stored).issues).toEqual([
        { field: 'arrival_date', code: 'must_be_after', params: { other: 'date_of_birth' } },
      ]);
      expect(validate('migrants', { date_of_birth: '2025-03-02' }, stored).issues).toEqual([
        { field: 'date_of_birth', code: 'must_be_before', params: { other: 'arrival_date' } },
      ]);
      expect(validate('migrants', { arrival_date: '2025-04-30' }, stored).issues).toEqual([]);
    });

    it('does not report rules the payload does not touch', () => {
      const broken = { ...stored, arrival_date: '2025-06-01', date_of_birth: '2030-01-01', postcode: 'x', bsn: '1' };
      expect(validate('migrants', { surname: 'Nowak', brp_status: 'ingepland' }, broken).issues).toEqual([]);
    });

    it('skips date order when the stored date is unusable (for example encrypted)', () => {
      expect(
        validate('migrants', { arrival_date: '2025-03-01' }, { ...stored, date_of_birth: 'enc:v1:abc' }).issues,
      ).toEqual([]);
    });

    it('accepts stored dates and timestamps in database form', () => {
      expect(
        validate('migrants', { departure_date: '2025-02-01' }, { ...stored, arrival_date: '2025-03-01T00:00:00.000Z' })
          .issues,
      ).toHaveLength(1);
      expect(
        validate(
          'migrants',
          { departure_date: '2025-02-01' },
          { ...stored, arrival_date: new Date('2025-03-01T00:00:00Z') },
        ).issues,
      ).toHaveLength(1);
    });

    it('derives birth_year from a changed date of birth', () => {
      expect(validate('migrants', { date_of_birth: '1985-12-31' }, stored).payload).toEqual({
        date_of_birth: '1985-12-31',
        birth_year: 1985,
      });
    });

    it('overrides a submitted birth_year with the year of the date of birth', () => {
      expect(validate('migrants', { birth_year: 1970 }, stored)).toEqual({ payload: { birth_year: 1990 }, issues: [] });
      expect(validate('migrants', { ...validMigrant, birth_year: 'abc' })).toMatchObject({
        payload: { birth_year: 1990 },
        issues: [],
      });
      expect(validate('migrants', { birth_year: 1970 }, { id: MIGRANT })).toEqual({
        payload: { birth_year: 1970 },
        issues: [],
      });
      expect(codes(validate('migrants', { birth_year: 19.5 }, { id: MIGRANT }).issues)).toEqual([
        'birth_year:not_integer',
      ]);
    });

    it('leaves birth_year alone when the date of birth is invalid', () => {
      expect(validate('migrants', { date_of_birth: '1985-02-30' }, stored).payload).toEqual({
        date_of_birth: '1985-02-30',
      });
    });

    it('does not allow emptying a required field', () => {
      expect(codes(validate('migrants', { surname: '', first_names: null }, stored).issues)).toEqual([
        'first_names:required',
        'surname:required',
      ]);
    });

    it('returns only the changed fields (plus derived ones)', () => {
      expect(Object.keys(validate('migrants', { nationality: 'ro', language: 'RO' }, stored).payload)).toEqual([
        'nationality',
        'language',
      ]);
    });
  });
});

describe('validateRecord: stays', () => {
  const validStay = { migrant: MIGRANT, location: LOCATION, start_date: '2025-03-01' };

  it('accepts an open or closed stay', () => {
    expect(validate('stays', validStay).issues).toEqual([]);
    expect(validate('stays', { ...validStay, end_date: '2025-03-01' }).issues).toEqual([]);
    expect(validate('stays', { ...validStay, end_date: null }).issues).toEqual([]);
  });

  it('requires end_date >= start_date', () => {
    expect(validate('stays', { ...validStay, end_date: '2025-02-28' }).issues).toEqual([
      { field: 'end_date', code: 'must_be_on_or_after', params: { other: 'start_date' } },
    ]);
    expect(validate('stays', { end_date: '2025-02-28' }, { id: 'x', ...validStay }).issues).toEqual([
      { field: 'end_date', code: 'must_be_on_or_after', params: { other: 'start_date' } },
    ]);
    expect(
      validate('stays', { start_date: '2025-04-01' }, { id: 'x', ...validStay, end_date: '2025-03-31' }).issues,
    ).toEqual([{ field: 'start_date', code: 'must_be_on_or_before', params: { other: 'end_date' } }]);
  });

  it('checks date formats and relations', () => {
    expect(validate('stays', { ...validStay, start_date: '2025-3-1', migrant: 42 }).issues).toEqual([
      { field: 'migrant', code: 'invalid_reference', params: { value: '42' } },
      { field: 'start_date', code: 'invalid_date', params: { value: '2025-3-1' } },
    ]);
  });
});

describe('validateRecord: appointments', () => {
  const validAppointment = {
    migrant: MIGRANT,
    municipality: ORG,
    desk: 'Balie 3',
    starts_at: '2025-03-10T09:00:00',
    ends_at: '2025-03-10T09:15:00',
    status: 'proposed',
  };

  it('accepts a valid appointment', () => {
    expect(validate('appointments', validAppointment)).toEqual({ payload: validAppointment, issues: [] });
  });

  it('requires ends_at strictly after starts_at', () => {
    expect(validate('appointments', { ...validAppointment, ends_at: '2025-03-10T09:00:00' }).issues).toEqual([
      { field: 'ends_at', code: 'must_be_after', params: { other: 'starts_at' } },
    ]);
    expect(validate('appointments', { ...validAppointment, ends_at: '2025-03-10T08:59:00' }).issues).toHaveLength(1);
  });

  it('compares timestamps with time zones correctly', () => {
    const zoned = { ...validAppointment, starts_at: '2025-03-10T10:00:00+01:00', ends_at: '2025-03-10T09:30:00Z' };
    expect(validate('appointments', zoned).issues).toEqual([]);
    const reversed = { ...validAppointment, starts_at: '2025-03-10T10:00:00Z', ends_at: '2025-03-10T10:30:00+01:00' };
    expect(codes(validate('appointments', reversed).issues)).toEqual(['ends_at:must_be_after']);
  });

  it('merges the stored row on update', () => {
    const stored = { id: 'a', ...validAppointment };
    expect(validate('appointments', { starts_at: '2025-03-10T09:20:00' }, stored).issues).toEqual([
      { field: 'starts_at', code: 'must_be_before', params: { other: 'ends_at' } },
    ]);
    expect(
      validate('appointments', { status: 'confirmed' }, { ...stored, ends_at: '2025-03-09T00:00:00' }).issues,
    ).toEqual([]);
  });

  it('checks timestamps and status', () => {
    const { issues } = validate('appointments', {
      ...validAppointment,
      starts_at: '2025-03-10',
      ends_at: '2025-03-10T25:00',
      status: 'done',
    });
    expect(codes(issues)).toEqual(['starts_at:invalid_datetime', 'ends_at:invalid_datetime', 'status:invalid_choice']);
    for (const status of ['proposed', 'confirmed', 'declined', 'no_show', 'attended', 'cancelled']) {
      expect(validate('appointments', { ...validAppointment, status }).issues).toEqual([]);
    }
  });

  it('accepts a Date for a timestamp and stores it as ISO text', () => {
    const { payload, issues } = validate('appointments', {
      ...validAppointment,
      starts_at: new Date('2025-03-10T08:00:00Z'),
      ends_at: new Date('2025-03-10T08:15:00Z'),
    });
    expect(issues).toEqual([]);
    expect(payload.starts_at).toBe('2025-03-10T08:00:00.000Z');
  });
});

describe('validateRecord: inspections', () => {
  const validInspection = {
    location: LOCATION,
    inspected_on: '2025-05-20',
    inspector: USER,
    beds_counted: 38,
    outcome: 'in_order',
  };

  it('accepts a valid inspection', () => {
    expect(validate('inspections', validInspection).issues).toEqual([]);
    expect(validate('inspections', { ...validInspection, beds_counted: 0, outcome: 'overcrowded' }).issues).toEqual([]);
    expect(validate('inspections', { ...validInspection, outcome: 'deficiencies' }).issues).toEqual([]);
  });

  it('checks beds_counted >= 0, the outcome and the date', () => {
    const { issues } = validate('inspections', {
      ...validInspection,
      beds_counted: -2,
      outcome: 'bad',
      inspected_on: '20-05-2025',
    });
    expect(codes(issues)).toEqual(['inspected_on:invalid_date', 'beds_counted:out_of_range', 'outcome:invalid_choice']);
    expect(codes(validate('inspections', { ...validInspection, beds_counted: 3.5 }).issues)).toEqual([
      'beds_counted:not_integer',
    ]);
  });
});

describe('validateRecord: tasks', () => {
  const validTask = {
    type: 'assess_status',
    migrant: MIGRANT,
    owner_organisation: ORG,
    status: 'open',
    priority: 'normal',
    due_date: '2025-06-20',
  };

  it('accepts every task type, status and priority', () => {
    for (const type of [
      'assess_status',
      'schedule',
      'register',
      'deregister',
      'confirm_appointment',
      'report_departure',
    ]) {
      expect(validate('tasks', { ...validTask, type }).issues).toEqual([]);
    }
    for (const status of ['open', 'done', 'cancelled'])
      expect(validate('tasks', { ...validTask, status }).issues).toEqual([]);
    for (const priority of ['low', 'normal', 'high'])
      expect(validate('tasks', { ...validTask, priority }).issues).toEqual([]);
    expect(validate('tasks', { ...validTask, priority: 'High' }).payload.priority).toBe('high');
  });

  it('rejects unknown enum values, bad dates and bad timestamps', () => {
    const { issues } = validate('tasks', {
      ...validTask,
      type: 'call',
      status: 'closed',
      priority: 'urgent',
      due_date: '2025-06-31',
      closed_at: 'now',
      escalated_at: '2025-06-20T12:00:00Z',
      assignee: 'admin',
    });
    expect(codes(issues)).toEqual([
      'type:invalid_choice',
      'status:invalid_choice',
      'due_date:invalid_date',
      'priority:invalid_choice',
      'assignee:invalid_reference',
      'closed_at:invalid_datetime',
    ]);
  });
});

describe('personal data in issues and messages', () => {
  const secrets = {
    bsn: '999993654',
    first_names: `Wojciechowska${'q'.repeat(250)}`,
    surname: ['Brzęczyszczykiewicz'],
    date_of_birth: '1987-02-30',
    email: 'grzegorz.secret-at-example.pl',
    phone: 'phone 0048-777-XYZ',
    home_address: { street: 'ul. Tajna 7' },
    id_document_number: `ZX${'9'.repeat(300)}`,
  };
  const fragments = [
    '999993654',
    'Wojciechowska',
    'Brzęczyszczykiewicz',
    '1987-02-30',
    '1987',
    'grzegorz',
    '0048-777',
    'Tajna',
    'ZX999',
  ];

  it('every personal field raises an issue, without its value', () => {
    const { issues } = validate('migrants', { ...validMigrant, ...secrets });
    expect(issues.map((issue) => issue.field).sort()).toEqual(Object.keys(secrets).sort());
    const serialised = JSON.stringify(issues);
    for (const fragment of fragments) expect(serialised).not.toContain(fragment);
  });

  it.each(['nl', 'en'] as const)('no personal value appears in %s messages', (lang) => {
    const { issues } = validate('migrants', { ...validMigrant, ...secrets });
    const text = formatIssues('migrants', issues, lang);
    for (const fragment of fragments) expect(text).not.toContain(fragment);
    expect(text).not.toContain('"');
  });

  it.each(['nl', 'en'] as const)('no personal value appears in %s messages even if an issue carries one', (lang) => {
    const forged: ValidationIssue[] = (PERSONAL_FIELDS.migrants as readonly string[]).map((field) => ({
      field,
      code: 'invalid_type' as IssueCode,
      params: { value: 'LEAKED-VALUE' },
    }));
    expect(formatIssues('migrants', forged, lang)).not.toContain('LEAKED');
  });

  it.each(['nl', 'en'] as const)('no personal value appears in %s date messages', (lang) => {
    const future = validate('migrants', { ...validMigrant, date_of_birth: '2031-07-19', arrival_date: '2032-01-01' });
    const after = validate('migrants', { ...validMigrant, date_of_birth: '2025-05-17' });
    const valid = validate('migrants', { ...validMigrant, date_of_birth: '1989-11-23', arrival_date: '1989-01-01' });
    const text = [future, after, valid].map((result) => formatIssues('migrants', result.issues, lang)).join(' ');
    for (const fragment of ['2031', '07-19', '2025-05-17', '1989']) expect(text).not.toContain(fragment);
    expect(future.issues).toEqual([{ field: 'date_of_birth', code: 'in_future' }]);
  });

  it('does quote non-personal values so the user can find the mistake', () => {
    const { issues } = validate('migrants', { ...validMigrant, nationality: 'XX', work_postcode: '12AB' });
    const text = formatIssues('migrants', issues, 'nl');
    expect(text).toContain('"XX"');
    expect(text).toContain('"12AB"');
  });
});

describe('well-formed text', () => {
  it('knows a lone surrogate and a NUL character from ordinary text and emoji', () => {
    expect(isWellFormedText('Łukasz Żółć 😀')).toBe(true);
    expect(isWellFormedText('a\uD800')).toBe(false);
    expect(isWellFormedText('\uDC00b')).toBe(false);
    expect(isWellFormedText('\uDBFF\uDFFF')).toBe(true);
    expect(isWellFormedText('a\u0000b')).toBe(false);
  });

  it('refuses malformed text in every string field, ruled or not, and never echoes it', () => {
    const result = validateRecord(
      'locations',
      { name: 'Huis\uD83D', city: 'x\u0000', street: 'Dorpsstraat', notes_unknown: ['ok', { deep: '\uDE00' }] },
      {} as Record<string, unknown>,
    );
    expect(result.issues).toEqual(
      expect.arrayContaining([
        { field: 'name', code: 'malformed_text' },
        { field: 'city', code: 'malformed_text' },
        { field: 'notes_unknown', code: 'malformed_text' },
      ]),
    );
    expect(result.issues.some((issue) => issue.field === 'street')).toBe(false);
    expect(JSON.stringify(result.issues)).not.toMatch(/Huis/);
  });

  it('is one rule for collections without field rules too, iterative on deep values', () => {
    let deep: unknown = '\uD800';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(containsMalformedText(deep)).toBe(true);
    expect(malformedTextIssues({ body: 'fine', title: deep })).toEqual([{ field: 'title', code: 'malformed_text' }]);
    expect(malformedTextIssues({ body: 'fine', count: 3, when: new Date(0) })).toEqual([]);
  });

  it('has a message in Dutch and English that names the field', () => {
    expect(formatIssue('migrants', { field: 'surname', code: 'malformed_text' }, 'nl')).toMatch(
      /^Achternaam bevat ongeldige tekens/,
    );
    expect(formatIssue('migrants', { field: 'surname', code: 'malformed_text' }, 'en')).toMatch(
      /^Surname contains invalid characters/,
    );
  });
});

describe('rows still referenced', () => {
  it('says which related rows block the delete, in Dutch and English', () => {
    expect(stillReferencedMessage('migrants', ['tasks'], 1, 'nl')).toBe(
      'Deze arbeidsmigrant heeft nog taken; verwijder of wijzig die eerst.',
    );
    expect(stillReferencedMessage('migrants', ['tasks'], 1, 'en')).toBe(
      'This labour migrant still has tasks; delete or change those first.',
    );
    expect(stillReferencedMessage('locations', ['stays'], 1, 'en')).toBe(
      'This housing location still has stays; delete or change those first.',
    );
    expect(stillReferencedMessage('organisations', ['locations', 'migrants', 'tasks'], 2, 'nl')).toBe(
      'Deze organisaties hebben nog huisvestingslocaties, arbeidsmigranten en taken; verwijder of wijzig die eerst.',
    );
  });
});

describe('a date is a date, in every date and time column', () => {
  const types = { date_created: 'timestamp', inspected_on: 'date', at: 'time' } as const;
  it('refuses what cannot become a date, and leaves blanks to the required rules', () => {
    expect(temporalIssues({ date_created: 'Infinity', inspected_on: '2024-02-30', at: '25' }, types)).toEqual([
      { field: 'date_created', code: 'invalid_datetime' },
      { field: 'inspected_on', code: 'invalid_date' },
      { field: 'at', code: 'invalid_datetime' },
    ]);
    expect(temporalIssues({ date_created: -1e308 }, types)).toEqual([
      { field: 'date_created', code: 'invalid_datetime' },
    ]);
    expect(temporalIssues({ date_created: { _eq: 1 } }, types)).toEqual([
      { field: 'date_created', code: 'invalid_datetime' },
    ]);
  });
  it('accepts ISO text, Date objects, epoch milliseconds and blanks; ignores other columns', () => {
    expect(
      temporalIssues(
        { date_created: '2025-03-01T09:30:00.000Z', inspected_on: '2025-03-01', at: '09:30', name: 'Infinity' },
        types,
      ),
    ).toEqual([]);
    expect(temporalIssues({ date_created: new Date(0), inspected_on: null, at: '' }, types)).toEqual([]);
    expect(temporalIssues({ date_created: 1_700_000_000_000 }, types)).toEqual([]);
  });
});

describe('well-formed primary keys', () => {
  it('only lets a key of the column type reach a query', () => {
    expect(isWellFormedKey('uuid', '0b0f5b1e-3c1a-4c1e-9a49-0d6f3a1b2c3d')).toBe(true);
    expect(isWellFormedKey('uuid', [[[]]])).toBe(false);
    expect(isWellFormedKey('uuid', 'not-a-key')).toBe(false);
    expect(isWellFormedKey('integer', 12)).toBe(true);
    expect(isWellFormedKey('integer', '12')).toBe(true);
    expect(isWellFormedKey('integer', 1.5)).toBe(false);
    expect(isWellFormedKey('string', 'assess_status')).toBe(true);
    expect(isWellFormedKey('string', { id: 1 })).toBe(false);
    expect(isWellFormedKey('string', 'a\uD800')).toBe(false);
  });
});
