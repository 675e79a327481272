/**
 * The read bundle (domain/privacy/read-bundle): one sealed value per row with all its personal fields, bound to the row,
 * the field list and the exact stored value of each field, so it can never be used when stale.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decryptValue,
  DecryptionError,
  encryptValue,
  generateDataKey,
  openReadBundle,
  sealReadBundle,
} from '../../extensions/labour-platform/src/domain/privacy';

const FIELDS = ['bsn', 'first_names', 'surname', 'email'] as const;
const ROW = { collection: 'migrants', id: 'm-1' };

/** Each field's value sealed as the platform stores it (null: absent). */
function stored(dataKey: Uint8Array, plain: Record<string, string | null>, id = ROW.id): Record<string, string | null> {
  return Object.fromEntries(
    FIELDS.map((field) => {
      const value = plain[field] ?? null;
      return [field, value === null ? null : encryptValue(dataKey, value, { collection: 'migrants', field, id })];
    }),
  );
}

const wellFormed = fc.string({ unit: 'grapheme', maxLength: 40 });
const plainRows = fc.record(Object.fromEntries(FIELDS.map((field) => [field, fc.option(wellFormed)])));

function reasonOf(work: () => unknown): string | null {
  try {
    work();
    return null;
  } catch (error) {
    if (error instanceof DecryptionError) return error.reason;
    throw error;
  }
}

describe('read bundle', () => {
  it('gives exactly what decrypting each stored value gives (round trip)', () => {
    fc.assert(
      fc.property(plainRows, (plain) => {
        const key = generateDataKey();
        const values = stored(key, plain);
        const bundle = sealReadBundle(key, ROW, FIELDS, values);
        expect(bundle).not.toBeNull();
        const expected = FIELDS.map((field) =>
          values[field] ? decryptValue(key, values[field]!, { collection: 'migrants', field, id: ROW.id }) : null,
        );
        expect(openReadBundle(key, bundle!, ROW, FIELDS, values)).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('holds no plain text', () => {
    const key = generateDataKey();
    const bundle = sealReadBundle(key, ROW, FIELDS, stored(key, { surname: 'Kowalska', email: 'anna@example.org' }))!;
    expect(bundle).toMatch(/^enc1\.[A-Za-z0-9_.-]+$/);
    expect(bundle).not.toMatch(/Kowalska|anna/);
  });

  it('detects any change of a character of the bundle', () => {
    const key = generateDataKey();
    const values = stored(key, { bsn: '123456782', surname: 'Kowalska' });
    const bundle = sealReadBundle(key, ROW, FIELDS, values)!;
    fc.assert(
      fc.property(fc.nat(bundle.length - 1), fc.constantFrom(...'AQgw_-.x'), (at, char) => {
        fc.pre(bundle[at] !== char);
        const damaged = bundle.slice(0, at) + char + bundle.slice(at + 1);
        expect(reasonOf(() => openReadBundle(key, damaged, ROW, FIELDS, values))).not.toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it('refuses another migrant’s bundle, and opening it as another migrant’s', () => {
    fc.assert(
      fc.property(plainRows, fc.uuid(), (plain, otherId) => {
        const key = generateDataKey();
        const values = stored(key, plain);
        const bundle = sealReadBundle(key, ROW, FIELDS, values)!;
        // the same key and stored values, another row: its binding differs before any decryption
        expect(reasonOf(() => openReadBundle(key, bundle, { ...ROW, id: otherId }, FIELDS, values))).toBe(
          'wrong_binding',
        );
        const otherValues = stored(key, plain, otherId);
        const otherBundle = sealReadBundle(key, { ...ROW, id: otherId }, FIELDS, otherValues)!;
        expect(reasonOf(() => openReadBundle(key, otherBundle, ROW, FIELDS, values))).toBe('wrong_binding');
      }),
      { numRuns: 30 },
    );
  });

  it('is never used when stale: any field stored anew (even the same value), added, removed or another field list', () => {
    fc.assert(
      fc.property(plainRows, fc.constantFrom(...FIELDS), fc.option(wellFormed), (plain, field, next) => {
        const key = generateDataKey();
        const values = stored(key, plain);
        const bundle = sealReadBundle(key, ROW, FIELDS, values)!;
        const value = next ?? plain[field] ?? null;
        const changed = {
          ...values,
          [field]: value === null ? null : encryptValue(key, value, { collection: 'migrants', field, id: ROW.id }),
        };
        fc.pre(changed[field] !== values[field]);
        expect(reasonOf(() => openReadBundle(key, bundle, ROW, FIELDS, changed))).toBe('wrong_binding');
        expect(reasonOf(() => openReadBundle(key, bundle, ROW, FIELDS.slice(1), values))).toBe('wrong_binding');
      }),
      { numRuns: 60 },
    );
  });

  it('refuses another data key', () => {
    const key = generateDataKey();
    const values = stored(key, { surname: 'Kowalska' });
    const bundle = sealReadBundle(key, ROW, FIELDS, values)!;
    expect(reasonOf(() => openReadBundle(generateDataKey(), bundle, ROW, FIELDS, values))).toBe('unknown_key');
  });

  it('is not made when a stored value does not decrypt (its failure stays the field’s to report)', () => {
    const key = generateDataKey();
    const values = stored(key, { surname: 'Kowalska', email: 'anna@example.org' });
    expect(sealReadBundle(key, ROW, FIELDS, { ...values, email: values['surname'] })).toBeNull();
    expect(sealReadBundle(generateDataKey(), ROW, FIELDS, values)).toBeNull();
  });
});
