/**
 * Envelope encryption. Which reason a failure gets (decryptValue / unwrapDataKey check in this order):
 *   format problems            → 'unsupported_version' | 'malformed' | 'truncated'
 *   value of another row/field → 'wrong_binding' (its bindRef names another place; cross-row copies are caught here too,
 *                                 before the data-key check, since another migrant's row also has another data key)
 *   another data key / a master key id not in the ring → 'unknown_key'
 *   anything else (flipped bits, forged bindRef/keyRef, same master id with other material) → 'tampered' (GCM)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PERSONAL_FIELDS } from '../../extensions/labour-platform/src/domain/personal-fields';
import {
  DecryptionError,
  dataKeyRef,
  decryptValue,
  encryptValue,
  fieldValueParts,
  generateDataKey,
  isCanonicalBase64url,
  isEncryptedValue,
  isWrappedDataKey,
  rewrapDataKey,
  unwrapDataKey,
  wrapDataKey,
  wrappedKeyId,
  type DecryptionFailure,
  type FieldBinding,
} from '../../extensions/labour-platform/src/domain/privacy/envelope';
import { parseKeyRing, type KeyRing } from '../../extensions/labour-platform/src/domain/privacy/keyring';
import {
  decryptPersonalFields,
  encryptPersonalFields,
} from '../../extensions/labour-platform/src/domain/privacy/record';

const material = (fill: number): string => Buffer.alloc(32, fill).toString('base64');
const BLIND = material(99);
function ring(keys: Record<string, number>, active: string): KeyRing {
  return parseKeyRing({
    FIELD_ENCRYPTION_KEYS: Object.entries(keys)
      .map(([id, fill]) => `${id}:${material(fill)}`)
      .join(','),
    FIELD_ENCRYPTION_ACTIVE_KEY: active,
    FIELD_BLIND_INDEX_KEY: BLIND,
  });
}
const ringOld = ring({ old: 1 }, 'old');

const SECRET = 'Zofia Wiśniewska-Secret-Plaintext';
const ROW = 'a6b2c8e4-1111-4222-8333-944455556666';
const OTHER_ROW = 'b7c3d9f5-2222-4333-9444-055566667777';
const at = (field: string, id: string | number = ROW): FieldBinding => ({ collection: 'migrants', field, id });

const FIELD_VALUE = /^enc1\.[A-Za-z0-9_-]{11}\.[A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]{22}$/;
const WRAPPED_KEY =
  /^dk1\.[A-Za-z0-9_-]{1,32}\.[A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{22}$/;

/** Every error message seen in this file, checked at the end for leaked plaintext, ciphertext and keys. */
const messages: string[] = [];
const forbidden = new Set<string>([SECRET, material(1), material(2), material(3)]);

function failureOf(run: () => unknown): DecryptionError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DecryptionError);
    messages.push((error as Error).message);
    return error as DecryptionError;
  }
  throw new Error('expected a DecryptionError');
}
function reasonOf(run: () => unknown): DecryptionFailure {
  return failureOf(run).reason;
}

/** Replaces part `index` of a dotted value. */
function withPart(stored: string, index: number, change: (part: string) => string): string {
  const parts = stored.split('.');
  parts[index] = change(parts[index]!);
  return parts.join('.');
}
function flipBit(part: string, bit: number): string {
  const bytes = Buffer.from(part, 'base64url');
  bytes[bit >> 3]! ^= 1 << (bit & 7);
  return bytes.toString('base64url');
}
function remember(stored: string, dataKey?: Buffer): string {
  forbidden.add(stored);
  for (const part of stored.split('.').slice(3)) if (part.length >= 8) forbidden.add(part);
  if (dataKey)
    for (const form of [dataKey.toString('base64'), dataKey.toString('base64url'), dataKey.toString('hex')])
      forbidden.add(form);
  return stored;
}

describe('field values', () => {
  const dataKey = generateDataKey();

  it.each([
    ['ASCII', 'Jan Jansen'],
    ['Polish', 'Łukasz Żółkiewski-Wiśniewski'],
    ['Romanian', 'Ștefan Țăranu'],
    ['Bulgarian', 'Стоян Петров'],
    ['Greek', 'Γιώργος Παπαδόπουλος'],
    ['Arabic', 'محمد العلي'],
    ['emoji and astral plane', 'Ana 👩🏽‍🌾 𝔘𝔫𝔦𝔠𝔬𝔡𝔢'],
    ['combining marks (not normalised)', 'Jose\u0301 Mun\u0303oz'],
    ['empty string', ''],
    ['dots and separators', 'enc1 . dk1 / migrants/bsn/1'],
    ['long text', 'Westlandseweg 1, 2291 PG Wateringen; '.repeat(500)],
  ])('round-trips %s', (_label, plaintext) => {
    const stored = encryptValue(dataKey, plaintext, at('surname'));
    expect(stored).toMatch(FIELD_VALUE);
    expect(isEncryptedValue(stored)).toBe(true);
    expect(decryptValue(dataKey, stored, at('surname'))).toBe(plaintext);
  });

  it.each(PERSONAL_FIELDS.migrants)('round-trips personal field %s', (field) => {
    const stored = encryptValue(dataKey, SECRET, at(field));
    expect(stored).not.toContain('Secret');
    expect(decryptValue(dataKey, stored, at(field))).toBe(SECRET);
  });

  it('accepts numeric row ids', () => {
    const stored = encryptValue(dataKey, SECRET, at('bsn', 42));
    expect(decryptValue(dataKey, stored, at('bsn', 42))).toBe(SECRET);
    expect(decryptValue(dataKey, stored, at('bsn', '42'))).toBe(SECRET);
  });

  it('uses a fresh nonce every time and names the data key by its public reference', () => {
    const a = encryptValue(dataKey, SECRET, at('bsn'));
    const b = encryptValue(dataKey, SECRET, at('bsn'));
    expect(a).not.toBe(b);
    expect(a.split('.')[1]).toBe(dataKeyRef(dataKey));
    expect(a.split('.')[1]).toBe(b.split('.')[1]);
    expect(a.split('.')[3]).not.toBe(b.split('.')[3]);
    expect(dataKeyRef(generateDataKey())).not.toBe(dataKeyRef(dataKey));
  });

  it('has ciphertext as long as the UTF-8 plaintext', () => {
    const stored = encryptValue(dataKey, 'Ł', at('surname'));
    expect(Buffer.from(stored.split('.')[4]!, 'base64url')).toHaveLength(2);
  });

  describe('tampering', () => {
    const stored = remember(encryptValue(dataKey, SECRET, at('bsn')), dataKey);

    it('flipping any bit of the nonce, the ciphertext or the tag gives tampered', () => {
      for (const [index, label] of [
        [3, 'nonce'],
        [4, 'ciphertext'],
        [5, 'tag'],
      ] as const) {
        const bits = Buffer.from(stored.split('.')[index]!, 'base64url').length * 8;
        expect(bits, label).toBeGreaterThan(0);
        for (let bit = 0; bit < bits; bit++) {
          const changed = withPart(stored, index, (part) => flipBit(part, bit));
          expect(
            reasonOf(() => decryptValue(dataKey, changed, at('bsn'))),
            `${label} bit ${bit}`,
          ).toBe('tampered');
        }
      }
    });

    it('removing or adding ciphertext bytes gives tampered', () => {
      const shorter = withPart(stored, 4, (part) => Buffer.from(part, 'base64url').subarray(1).toString('base64url'));
      const longer = withPart(stored, 4, (part) =>
        Buffer.concat([Buffer.from(part, 'base64url'), Buffer.from([0])]).toString('base64url'),
      );
      expect(reasonOf(() => decryptValue(dataKey, shorter, at('bsn')))).toBe('tampered');
      expect(reasonOf(() => decryptValue(dataKey, longer, at('bsn')))).toBe('tampered');
    });

    it('a changed keyRef gives unknown_key, a changed bindRef wrong_binding (public diagnostics, checked before GCM)', () => {
      expect(
        reasonOf(() =>
          decryptValue(
            dataKey,
            withPart(stored, 1, (p) => flipBit(p, 0)),
            at('bsn'),
          ),
        ),
      ).toBe('unknown_key');
      expect(
        reasonOf(() =>
          decryptValue(
            dataKey,
            withPart(stored, 2, (p) => flipBit(p, 0)),
            at('bsn'),
          ),
        ),
      ).toBe('wrong_binding');
    });

    it('every proper prefix gives truncated (or malformed when even the version is cut)', () => {
      for (let length = 0; length < stored.length; length++) {
        const prefix = stored.slice(0, length);
        const reason = reasonOf(() => decryptValue(dataKey, prefix, at('bsn')));
        expect(reason, `prefix of ${length}`).toBe(length >= 4 ? 'truncated' : 'malformed');
      }
    });

    it.each([
      ['an extra part', `${'x'}`],
      ['characters outside base64url', 'plus+slash/'],
      ['padding', '='],
    ])('%s gives malformed', (_label, suffix) => {
      const changed = suffix === 'x' ? `${stored}.x` : withPart(stored, 4, (part) => `${part}${suffix}`);
      expect(reasonOf(() => decryptValue(dataKey, changed, at('bsn')))).toBe('malformed');
    });

    it('a tag that is too long is malformed, a short one truncated', () => {
      expect(reasonOf(() => decryptValue(dataKey, `${stored}A`, at('bsn')))).toBe('malformed');
      expect(
        reasonOf(() =>
          decryptValue(
            dataKey,
            withPart(stored, 5, (p) => p.slice(0, 10)),
            at('bsn'),
          ),
        ),
      ).toBe('truncated');
    });

    it('a non-canonical base64url part (unused bits set) is malformed, not silently accepted', () => {
      const tag = stored.split('.')[5]!;
      const last = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      const sibling = last[last.indexOf(tag.at(-1)!) ^ 1]!; // same decoded bits, different unused low bit
      const changed = withPart(stored, 5, (p) => `${p.slice(0, -1)}${sibling}`);
      expect(reasonOf(() => decryptValue(dataKey, changed, at('bsn')))).toBe('malformed');
    });

    it.each([
      ['a wrong nonce length', (s: string) => withPart(s, 3, (p) => p.slice(0, 12))],
      ['a wrong keyRef length', (s: string) => withPart(s, 1, (p) => `${p}AAAA`)],
      ['a wrong bindRef length', (s: string) => withPart(s, 2, (p) => p.slice(0, 4))],
      ['plain text', () => 'Jan Jansen'],
      ['a BSN', () => '999993653'],
      ['an empty string', () => ''],
      ['an unknown prefix', (s: string) => s.replace(/^enc1/, 'xyz1')],
      ['a wrapped data key', () => wrapDataKey(ringOld, dataKey, { collection: 'migrants', id: ROW })],
    ])('%s is malformed', (_label, change) => {
      expect(reasonOf(() => decryptValue(dataKey, change(stored), at('bsn')))).toBe('malformed');
    });

    it('a value that is not a string is malformed', () => {
      expect(reasonOf(() => decryptValue(dataKey, 123 as unknown as string, at('bsn')))).toBe('malformed');
      expect(reasonOf(() => decryptValue(dataKey, null as unknown as string, at('bsn')))).toBe('malformed');
    });

    it.each(['enc2', 'enc10', 'enc999'])('format version %s is unsupported_version', (version) => {
      const error = failureOf(() => decryptValue(dataKey, stored.replace(/^enc1/, version), at('bsn')));
      expect(error.reason).toBe('unsupported_version');
      expect(error.message).toContain(`"${version}"`);
      expect(isEncryptedValue(stored.replace(/^enc1/, version))).toBe(true);
    });
  });

  describe('binding', () => {
    const stored = remember(encryptValue(dataKey, SECRET, at('bsn')), dataKey);

    it('a value copied to another field of the same row gives wrong_binding', () => {
      expect(reasonOf(() => decryptValue(dataKey, stored, at('id_document_number')))).toBe('wrong_binding');
    });

    it('a value copied to another migrant gives wrong_binding (also with that migrant’s own data key)', () => {
      expect(reasonOf(() => decryptValue(dataKey, stored, at('bsn', OTHER_ROW)))).toBe('wrong_binding');
      expect(reasonOf(() => decryptValue(generateDataKey(), stored, at('bsn', OTHER_ROW)))).toBe('wrong_binding');
    });

    it('a value copied to another collection gives wrong_binding', () => {
      expect(
        reasonOf(() => decryptValue(dataKey, stored, { collection: 'archived_migrants', field: 'bsn', id: ROW })),
      ).toBe('wrong_binding');
    });

    it('forging the bindRef does not help: the associated data still fails, as tampered', () => {
      const other = encryptValue(dataKey, 'x', at('id_document_number'));
      const forged = withPart(stored, 2, () => other.split('.')[2]!);
      expect(reasonOf(() => decryptValue(dataKey, forged, at('id_document_number')))).toBe('tampered');
      const otherRow = encryptValue(dataKey, 'x', at('bsn', OTHER_ROW));
      expect(
        reasonOf(() =>
          decryptValue(
            dataKey,
            withPart(stored, 2, () => otherRow.split('.')[2]!),
            at('bsn', OTHER_ROW),
          ),
        ),
      ).toBe('tampered');
    });

    it('another data key gives unknown_key; forging its keyRef gives tampered', () => {
      const wrongKey = generateDataKey();
      remember(stored, wrongKey);
      expect(reasonOf(() => decryptValue(wrongKey, stored, at('bsn')))).toBe('unknown_key');
      const forged = withPart(stored, 1, () => dataKeyRef(wrongKey));
      expect(reasonOf(() => decryptValue(wrongKey, forged, at('bsn')))).toBe('tampered');
    });
  });

  it('carries the reason, field and collection on the error', () => {
    const error = failureOf(() => decryptValue(dataKey, encryptValue(dataKey, SECRET, at('phone')), at('email')));
    expect(error.name).toBe('DecryptionError');
    expect(error.reason).toBe('wrong_binding');
    expect(error.field).toBe('email');
    expect(error.collection).toBe('migrants');
    expect(error.message).toMatch(/^Cannot decrypt migrants\.email: wrong_binding — /);
  });

  it('refuses bad inputs with TypeErrors that do not contain the value', () => {
    const attempts: Array<() => unknown> = [
      () => encryptValue(Buffer.alloc(16), SECRET, at('bsn')),
      () => encryptValue(dataKey, SECRET, { collection: 'migrants/x', field: 'bsn', id: ROW }),
      () => encryptValue(dataKey, SECRET, { collection: 'migrants', field: '', id: ROW }),
      () => encryptValue(dataKey, SECRET, { collection: 'migrants', field: 'bsn', id: '' }),
      () => encryptValue(dataKey, SECRET, { collection: 'migrants', field: 'bsn', id: 1.5 }),
      () => encryptValue(dataKey, `${SECRET}\uD800`, at('surname')),
      () => encryptValue(dataKey, 42 as unknown as string, at('surname')),
      () => encryptValue(dataKey, encryptValue(dataKey, SECRET, at('surname')), at('surname')),
      () => decryptValue(Buffer.alloc(31), 'enc1', at('bsn')),
    ];
    for (const attempt of attempts) {
      let message = '';
      expect(() => {
        try {
          attempt();
        } catch (error) {
          message = (error as Error).message;
          throw error;
        }
      }).toThrow(TypeError);
      expect(message).not.toContain(SECRET);
    }
  });

  it('isEncryptedValue tells stored values from plaintext', () => {
    expect(isEncryptedValue(encryptValue(dataKey, SECRET, at('bsn')))).toBe(true);
    for (const plain of ['Jan', '999993653', 'enc1.jan@example.com', 'enc1', 'enc2', '', '1990-01-01', 'enc1.a.b']) {
      expect(isEncryptedValue(plain), plain).toBe(false);
    }
    expect(isEncryptedValue(null)).toBe(false);
    expect(isEncryptedValue(7)).toBe(false);
    expect(isEncryptedValue(wrapDataKey(ringOld, dataKey, { collection: 'migrants', id: ROW }))).toBe(false);
  });
});

describe('data keys', () => {
  const owner = { collection: 'migrants', id: ROW };
  const dataKey = generateDataKey();

  it('wraps with the active master key and unwraps to the same bytes', () => {
    const wrapped = wrapDataKey(ringOld, dataKey, owner);
    expect(wrapped).toMatch(WRAPPED_KEY);
    expect(wrappedKeyId(wrapped)).toBe('old');
    expect(isWrappedDataKey(wrapped)).toBe(true);
    expect(isWrappedDataKey(encryptValue(dataKey, 'x', at('bsn')))).toBe(false);
    expect(unwrapDataKey(ringOld, wrapped, owner).equals(dataKey)).toBe(true);
    expect(wrapDataKey(ringOld, dataKey, owner)).not.toBe(wrapped);
  });

  it('a wrapped key of another row gives wrong_binding; forging its bindRef gives tampered', () => {
    const wrapped = remember(wrapDataKey(ringOld, dataKey, owner), dataKey);
    const error = failureOf(() => unwrapDataKey(ringOld, wrapped, { collection: 'migrants', id: OTHER_ROW }));
    expect(error.reason).toBe('wrong_binding');
    expect(error.field).toBe('data_key');
    expect(error.collection).toBe('migrants');
    const forged = withPart(
      wrapped,
      2,
      () => wrapDataKey(ringOld, dataKey, { collection: 'migrants', id: OTHER_ROW }).split('.')[2]!,
    );
    expect(reasonOf(() => unwrapDataKey(ringOld, forged, { collection: 'migrants', id: OTHER_ROW }))).toBe('tampered');
  });

  it('flipping any bit of a wrapped key gives tampered', () => {
    const wrapped = remember(wrapDataKey(ringOld, dataKey, owner), dataKey);
    for (const index of [3, 4, 5]) {
      const bits = Buffer.from(wrapped.split('.')[index]!, 'base64url').length * 8;
      for (let bit = 0; bit < bits; bit++) {
        expect(
          reasonOf(() =>
            unwrapDataKey(
              ringOld,
              withPart(wrapped, index, (p) => flipBit(p, bit)),
              owner,
            ),
          ),
        ).toBe('tampered');
      }
    }
  });

  it('a master key id that is not in the ring gives unknown_key, naming the id to add back', () => {
    const wrapped = remember(wrapDataKey(ringOld, dataKey, owner), dataKey);
    const error = failureOf(() => unwrapDataKey(ring({ new: 2 }, 'new'), wrapped, owner));
    expect(error.reason).toBe('unknown_key');
    expect(error.message).toContain('"old"');
    expect(error.message).toContain('FIELD_ENCRYPTION_KEYS');
  });

  it('the same master key id with other key material gives tampered, naming the id', () => {
    const wrapped = remember(wrapDataKey(ringOld, dataKey, owner), dataKey);
    const error = failureOf(() => unwrapDataKey(ring({ old: 3 }, 'old'), wrapped, owner));
    expect(error.reason).toBe('tampered');
    expect(error.message).toContain('master key "old"');
  });

  it('wrapped keys are format-checked like field values', () => {
    const wrapped = remember(wrapDataKey(ringOld, dataKey, owner), dataKey);
    for (let length = 4; length < wrapped.length; length += 7) {
      expect(reasonOf(() => unwrapDataKey(ringOld, wrapped.slice(0, length), owner))).toBe('truncated');
    }
    expect(reasonOf(() => unwrapDataKey(ringOld, wrapped.replace(/^dk1/, 'dk2'), owner))).toBe('unsupported_version');
    expect(
      reasonOf(() =>
        unwrapDataKey(
          ringOld,
          withPart(wrapped, 4, (p) => p.slice(0, 42) + 'AAAA'),
          owner,
        ),
      ),
    ).toBe('malformed');
    expect(
      reasonOf(() =>
        unwrapDataKey(
          ringOld,
          withPart(wrapped, 1, () => 'bad+id'),
          owner,
        ),
      ),
    ).toBe('malformed');
    expect(reasonOf(() => wrappedKeyId('nonsense'))).toBe('malformed');
    expect(reasonOf(() => wrappedKeyId(encryptValue(dataKey, 'x', at('bsn'))))).toBe('malformed');
  });

  it('rewraps to the new active key; afterwards the old key can be removed from the ring', () => {
    const rows = [ROW, OTHER_ROW].map((id) => {
      const key = generateDataKey();
      return {
        id,
        key,
        wrapped: wrapDataKey(ringOld, key, { collection: 'migrants', id }),
        bsn: encryptValue(key, SECRET, at('bsn', id)),
      };
    });
    const ringBoth = ring({ old: 1, new: 2 }, 'new');
    const ringNewOnly = ring({ new: 2 }, 'new');
    for (const row of rows) {
      const owner = { collection: 'migrants', id: row.id };
      const rewrapped = rewrapDataKey(ringBoth, row.wrapped, owner);
      expect(wrappedKeyId(rewrapped)).toBe('new');
      expect(rewrapDataKey(ringBoth, rewrapped, owner)).toBe(rewrapped); // identity when already active
      expect(reasonOf(() => unwrapDataKey(ringNewOnly, row.wrapped, owner))).toBe('unknown_key');
      const key = unwrapDataKey(ringNewOnly, rewrapped, owner);
      expect(key.equals(row.key)).toBe(true);
      expect(decryptValue(key, row.bsn, at('bsn', row.id))).toBe(SECRET); // field values are untouched by rotation
    }
  });

  it('rewrapping needs the old key and refuses a damaged value, even one on the active key', () => {
    const wrapped = remember(wrapDataKey(ringOld, dataKey, owner), dataKey);
    expect(reasonOf(() => rewrapDataKey(ring({ new: 2 }, 'new'), wrapped, owner))).toBe('unknown_key');
    const damaged = withPart(wrapped, 5, (p) => flipBit(p, 3));
    expect(reasonOf(() => rewrapDataKey(ringOld, damaged, owner))).toBe('tampered');
  });
});

describe('personal fields of a row', () => {
  it('encrypts every personal field present and leaves the rest', () => {
    const dataKey = generateDataKey();
    const row = { bsn: '999993653', surname: 'Kowalska', email: null, nationality: 'PL', arrival_date: '2025-01-06' };
    const stored = encryptPersonalFields(dataKey, 'migrants', ROW, row);
    expect(isEncryptedValue(stored.bsn)).toBe(true);
    expect(isEncryptedValue(stored.surname)).toBe(true);
    expect(stored.email).toBeNull();
    expect(stored.nationality).toBe('PL');
    expect(stored.arrival_date).toBe('2025-01-06');
    expect('phone' in stored).toBe(false);
    expect(decryptPersonalFields(dataKey, 'migrants', ROW, stored)).toEqual(row);
    expect(reasonOf(() => decryptPersonalFields(dataKey, 'migrants', OTHER_ROW, stored))).toBe('wrong_binding');
    expect(() => encryptPersonalFields(dataKey, 'migrants', ROW, { date_of_birth: new Date() })).toThrow(TypeError);
  });
});

describe('error messages', () => {
  it('never contain plaintext, stored ciphertext parts or key material, and always name the field and reason', () => {
    expect(messages.length).toBeGreaterThan(300);
    for (const message of messages) {
      expect(message).toMatch(
        /^Cannot decrypt (migrants\.[a-z_]+|archived_migrants\.bsn|the data key( of a migrants row)?): (malformed|truncated|tampered|wrong_binding|unknown_key|unsupported_version) — /,
      );
      for (const secret of forbidden) expect(message).not.toContain(secret);
    }
  });
});

describe('stored values stay readable', () => {
  // written by an earlier version of this module: the format and what each value is bound to do not change
  const key = Buffer.alloc(32, 7);
  const id = '0b8e2f7c-1111-4222-8333-000000000001';
  const ring = parseKeyRing({
    FIELD_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 9).toString('base64')}`,
    FIELD_ENCRYPTION_ACTIVE_KEY: 'k1',
    FIELD_BLIND_INDEX_KEY: Buffer.alloc(32, 5).toString('base64'),
  });
  const STORED_VALUE = 'enc1.gY4UqRAKFbE.rjmO14M1.VY--C1eV0AE-8gb1.iDruI5Wg8XGbl1IPQnA10aQ.j3EW_czsBEgHbOLH5-Ypjg';
  const STORED_KEY =
    'dk1.k1.w-6olyFG.DVC66hpdFKcDpoli.J_5CPkzDXTEWh55i0zo5Or7Y4AuxXVuCRLJo49cSgAc.XL4S1KwTXEbNJrTXHjb5uw';

  it('decrypts a value stored before', () => {
    expect(decryptValue(key, STORED_VALUE, { collection: 'migrants', field: 'surname', id })).toBe('Kowalska-Żółć');
  });

  it('still binds a value stored before to its field', () => {
    expect(() => decryptValue(key, STORED_VALUE, { collection: 'migrants', field: 'first_names', id })).toThrow(
      expect.objectContaining({ reason: 'wrong_binding' }),
    );
  });

  it('unwraps a data key stored before', () => {
    expect(unwrapDataKey(ring, STORED_KEY, { collection: 'migrants', id }).equals(key)).toBe(true);
  });

  it('writes new values with the same binding reference as before', () => {
    expect(encryptValue(key, 'x', { collection: 'migrants', field: 'surname', id }).split('.')[2]).toBe(
      STORED_VALUE.split('.')[2],
    );
  });
});

describe('reading a stored value in one pass', () => {
  const dataKey = generateDataKey();
  const values = ['', 'a', 'ab', 'abc', 'Łukasz', SECRET, 'x'.repeat(300)].map((plain, index) =>
    encryptValue(dataKey, plain, at(PERSONAL_FIELDS.migrants[index % PERSONAL_FIELDS.migrants.length]!)),
  );
  const same = (stored: string) => {
    const onePass = fieldValueParts(stored, 'one_pass');
    const long = fieldValueParts(stored, 'long');
    expect(onePass === null, stored).toBe(long === null);
    if (onePass && long) {
      expect(onePass.keyRef).toBe(long.keyRef);
      expect(onePass.bindRef).toBe(long.bindRef);
      expect(onePass.nonce.equals(long.nonce)).toBe(true);
      expect(onePass.ciphertext.equals(long.ciphertext)).toBe(true);
      expect(onePass.tag.equals(long.tag)).toBe(true);
    }
    return onePass !== null;
  };

  it('reads every value this module writes, with the same parts as the long way', () => {
    for (const stored of values) expect(same(stored)).toBe(true);
  });

  it('accepts exactly what the long way accepts, whatever is changed, inserted or removed', () => {
    const characters = [...'AQgw_-.=+/é\u0000 1', 'enc1.', 'enc2.', 'dk1.'];
    fc.assert(
      fc.property(
        fc.constantFrom(...values),
        fc.array(
          fc.record({
            at: fc.nat(),
            remove: fc.nat({ max: 3 }),
            insert: fc.array(fc.constantFrom(...characters), { maxLength: 3 }).map((chars) => chars.join('')),
          }),
          { minLength: 1, maxLength: 3 },
        ),
        (stored, edits) => {
          let changed = stored;
          for (const edit of edits) {
            const at = edit.at % (changed.length + 1);
            changed = `${changed.slice(0, at)}${edit.insert}${changed.slice(at + edit.remove)}`;
          }
          same(changed);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('refuses what the long way refuses: stray bits, wrong lengths, other kinds of value', () => {
    const stored = values[5]!;
    const tag = stored.split('.')[5]!;
    const last = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sibling = last[last.indexOf(tag.at(-1)!) ^ 1]!;
    for (const changed of [
      withPart(stored, 5, (p) => `${p.slice(0, -1)}${sibling}`),
      withPart(stored, 1, (p) => `${p.slice(0, -1)}${last[last.indexOf(p.at(-1)!) ^ 1]!}`),
      withPart(stored, 4, (p) => `${p}=`),
      withPart(stored, 3, (p) => p.slice(0, 12)),
      stored.replace(/^enc1/, 'enc2'),
      `${stored}.x`,
      wrapDataKey(ringOld, dataKey, { collection: 'migrants', id: ROW }),
      'Jan Jansen',
    ]) {
      expect(same(changed), changed).toBe(false);
    }
  });
});

describe('canonical base64url', () => {
  const alphabet = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/=.'];
  it('is exactly the text that decodes and encodes back to itself', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...alphabet), { maxLength: 30 }).map((chars) => chars.join('')),
        (text) => {
          const roundTrip =
            /^[A-Za-z0-9_-]*$/.test(text) &&
            text.length % 4 !== 1 &&
            Buffer.from(text, 'base64url').toString('base64url') === text;
          expect(isCanonicalBase64url(text)).toBe(roundTrip);
        },
      ),
      { numRuns: 5000 },
    );
  });
});
