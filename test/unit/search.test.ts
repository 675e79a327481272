/**
 * Finding people without plain text at rest: case numbers, the name index and what a search means
 * (domain/case-number.ts, domain/privacy/name-index.ts, domain/privacy/search.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  caseNumberSearchText,
  caseYear,
  formatCaseNumber,
  nextCaseNumber,
  parseCaseNumber,
} from '../../extensions/labour-platform/src/domain/case-number';
import { parseKeyRing } from '../../extensions/labour-platform/src/domain/privacy/keyring';
import {
  indexTerms,
  MAX_PREFIX,
  nameIndex,
  nameSearchNeedles,
  nameTokens,
} from '../../extensions/labour-platform/src/domain/privacy/name-index';
import {
  bsnInSearch,
  migrantSearchFilter,
  withSearchFilter,
  type PersonalScope,
} from '../../extensions/labour-platform/src/domain/privacy/search';
import { duplicateBsnMessage, duplicateBsnWarning } from '../../extensions/labour-platform/src/domain/duplicate-bsn';

const ring = parseKeyRing({
  FIELD_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
  FIELD_ENCRYPTION_ACTIVE_KEY: 'k1',
  FIELD_BLIND_INDEX_KEY: Buffer.alloc(32, 9).toString('base64'),
});
const otherRing = parseKeyRing({
  FIELD_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
  FIELD_ENCRYPTION_ACTIVE_KEY: 'k1',
  FIELD_BLIND_INDEX_KEY: Buffer.alloc(32, 8).toString('base64'),
});

/** Whether a search for `text` finds a row whose names are `names` (the LIKE the database does, in memory). */
const finds = (names: string[], text: string, keys = ring): boolean => {
  const index = nameIndex(ring, names);
  const needles = nameSearchNeedles(keys, text);
  return needles.length > 0 && needles.every((needle) => index.includes(needle));
};

describe('case numbers', () => {
  it('are AM-<year>-<6 digits>', () => {
    expect(formatCaseNumber(2026, 123)).toBe('AM-2026-000123');
    expect(parseCaseNumber('AM-2026-000123')).toEqual({ year: 2026, sequence: 123 });
    expect(parseCaseNumber('AM-2026-12')).toBeNull();
    expect(parseCaseNumber('XX-2026-000001')).toBeNull();
  });

  it('count on from the highest of the year, and start at 1 in a new year', () => {
    expect(nextCaseNumber(2026, ['AM-2026-000009', 'AM-2026-000010', null, 'AM-2025-000500'])).toBe('AM-2026-000011');
    expect(nextCaseNumber(2027, ['AM-2026-000010'])).toBe('AM-2027-000001');
  });

  it('format and parse are each other’s inverse', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 99_999_999 }), (year, sequence) => {
        expect(parseCaseNumber(formatCaseNumber(year, sequence))).toEqual({ year, sequence });
      }),
    );
  });

  it('belong to the year in the Netherlands’ time zone', () => {
    expect(caseYear(new Date('2025-12-31T23:30:00Z'))).toBe(2026);
    expect(caseYear(new Date('2026-06-01T12:00:00Z'))).toBe(2026);
  });

  it('are searched as typed, without case or spaces, and only when they can be one', () => {
    expect(caseNumberSearchText(' am-2026-000123 ')).toBe('AM-2026-000123');
    expect(caseNumberSearchText('000123')).toBe('000123');
    expect(caseNumberSearchText('Kowalski')).toBeNull();
  });
});

describe('name index', () => {
  it('splits names into folded words', () => {
    expect(nameTokens('Łukasz  Nowak-Żak')).toEqual(['lukasz', 'nowak', 'zak']);
    expect(nameTokens('Ștefan Dumitrescu')).toEqual(['stefan', 'dumitrescu']);
    expect(nameTokens('Øyvind Åsmund Straße')).toEqual(['oyvind', 'asmund', 'strasse']);
  });

  it('stores no name and no word: only sorted keyed hashes', () => {
    const index = nameIndex(ring, ['Zbigniew', 'Kowalski']);
    expect(index).toMatch(/^ ([0-9a-f]{20} )+$/);
    expect(index.toLowerCase()).not.toMatch(/zbig|kowal/);
    const hashes = index.trim().split(' ');
    expect([...hashes].sort()).toEqual(hashes);
  });

  it('finds a name by a whole word, a prefix of three letters or more, and words in any order', () => {
    const names = ['Zbigniew Jan', 'Kowalski-Wiśniewski'];
    for (const text of [
      'Kowalski',
      'kowal',
      'KOW',
      'wisniewski',
      'Wiśniewski',
      'jan kowalski',
      'Kowalski Zbigniew',
      'zbi kow',
    ])
      expect(finds(names, text), text).toBe(true);
    for (const text of ['ko', 'owalski', 'Nowak', 'kowalski nowak', '']) expect(finds(names, text), text).toBe(false);
  });

  it('finds a name by its whole word or prefix whatever the letters (property)', () => {
    const word = fc.stringMatching(/^[a-z]{3,20}$/);
    fc.assert(
      fc.property(word, word, fc.integer({ min: 3, max: 20 }), (first, surname, length) => {
        expect(finds([first, surname], surname)).toBe(true);
        expect(finds([first, surname], surname.slice(0, length))).toBe(true);
        expect(finds([first, surname], `${surname} ${first}`)).toBe(true);
      }),
    );
  });

  it('finds a long word by its first letters beyond the longest stored prefix', () => {
    const long = 'Abcdefghijklmnopqrstu';
    expect(indexTerms('abcdefghijklmnopqrstu')).toContain('abcdefghijkl');
    expect(indexTerms('abcdefghijklmnopqrstu')).not.toContain(`abcdefghijklm`);
    expect(finds([long], long.slice(0, MAX_PREFIX + 3))).toBe(true);
  });

  it('needs the key: another blind-index key finds nothing', () => {
    expect(finds(['Kowalski'], 'Kowalski', otherRing)).toBe(false);
  });

  it('is empty without names', () => {
    expect(nameIndex(ring, [null, undefined, '  '])).toBe('');
  });
});

describe('what a search means', () => {
  const indexes = {
    bsn: (bsn: string) => `bsn:${bsn}`,
    nameNeedles: (text: string) => nameTokens(text).map((token) => ` n:${token} `),
  };
  const readable: PersonalScope = { kind: 'readable' };

  it('reads a BSN in the ways it is typed, and nothing else as one', () => {
    expect(bsnInSearch('999 99 3653')).toBe('999993653');
    expect(bsnInSearch('99999365')).toBe('099999365');
    expect(bsnInSearch('AM-2026-000123')).toBeNull();
    expect(bsnInSearch('Jan 999993653')).toBeNull();
  });

  it('matches a BSN exactly through the blind index, and names through the name index, for a caller who may see them', () => {
    expect(migrantSearchFilter('999993653', readable, indexes)).toEqual({
      _or: [{ case_number: { _icontains: '999993653' } }, { bsn_index: { _eq: 'bsn:999993653' } }],
    });
    expect(migrantSearchFilter('Jan Kowalski', readable, indexes)).toEqual({
      _and: [{ name_index: { _contains: ' n:jan ' } }, { name_index: { _contains: ' n:kowalski ' } }],
    });
  });

  it('limits personal matches to the rows the caller may see the data of, and to the case number when none', () => {
    expect(migrantSearchFilter('Kowalski', { kind: 'rows', ids: ['a'] }, indexes)).toEqual({
      _and: [{ id: { _in: ['a'] } }, { name_index: { _contains: ' n:kowalski ' } }],
    });
    expect(migrantSearchFilter('Kowalski', { kind: 'none' }, indexes)).toEqual({ id: { _null: true } });
    expect(migrantSearchFilter('Kowalski', { kind: 'rows', ids: [] }, indexes)).toEqual({ id: { _null: true } });
    expect(migrantSearchFilter('999993653', { kind: 'none' }, indexes)).toEqual({
      case_number: { _icontains: '999993653' },
    });
    expect(migrantSearchFilter('AM-2026-000001', { kind: 'none' }, indexes)).toEqual({
      case_number: { _icontains: 'AM-2026-000001' },
    });
  });

  it('never reaches a personal field, whatever the text (property)', () => {
    const scopes = fc.constantFrom<PersonalScope>(readable, { kind: 'rows', ids: ['x'] }, { kind: 'none' });
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), scopes, (text, scope) => {
        const fields = JSON.stringify(migrantSearchFilter(text, scope, indexes)).match(/"[a-z_]+":/g) ?? [];
        for (const field of fields)
          expect([
            '"case_number":',
            '"bsn_index":',
            '"name_index":',
            '"id":',
            '"_or":',
            '"_and":',
            '"_in":',
            '"_eq":',
            '"_icontains":',
            '"_contains":',
            '"_null":',
          ]).toContain(field);
      }),
    );
  });

  it('keeps the client’s own filter', () => {
    expect(withSearchFilter({ brp_status: { _eq: 'geen' } }, { id: { _null: true } })).toEqual({
      _and: [{ brp_status: { _eq: 'geen' } }, { id: { _null: true } }],
    });
    expect(withSearchFilter(undefined, { id: { _null: true } })).toEqual({ _and: [{ id: { _null: true } }] });
  });
});

describe('duplicate BSN messages', () => {
  it('name the case number, never the BSN, in Dutch and English', () => {
    expect(duplicateBsnMessage('AM-2026-000001', 'nl')).toMatch(/AM-2026-000001/);
    expect(duplicateBsnMessage('AM-2026-000001', 'en')).toMatch(
      /already exists at your organisation \(AM-2026-000001\)/,
    );
    expect(duplicateBsnWarning([], 'en')).toBeNull();
    expect(duplicateBsnWarning(['AM-2026-000001'], 'nl')).toMatch(/^Let op/);
  });
});
