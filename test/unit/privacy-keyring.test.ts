import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  describeKeyRing,
  generateKeyRingEnv,
  generateMasterKeyEntry,
  KeyRingError,
  parseKeyRing,
  type KeyRing,
} from '../../extensions/labour-platform/src/domain/privacy/keyring';
import { generateDataKey, wrapDataKey } from '../../extensions/labour-platform/src/domain/privacy/envelope';

const key = (fill: number, bytes = 32): string => Buffer.alloc(bytes, fill).toString('base64');
const K1 = key(1);
const K2 = key(2);
const BLIND = key(9);
const valid = {
  FIELD_ENCRYPTION_KEYS: `k1:${K1},k2:${K2}`,
  FIELD_ENCRYPTION_ACTIVE_KEY: 'k2',
  FIELD_BLIND_INDEX_KEY: BLIND,
};

/** Every secret-looking string in an environment: whole values, the key part of every entry, their hex and url forms. */
function secretsOf(env: Record<string, string | undefined>): string[] {
  const secrets = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (!value || name === 'FIELD_ENCRYPTION_ACTIVE_KEY') continue;
    for (const entry of value.split(',')) {
      const material = entry.includes(':') ? entry.slice(entry.indexOf(':') + 1) : entry;
      for (const candidate of [entry, material, material.replace(/=+$/, '')])
        if (candidate.trim().length >= 8) secrets.add(candidate.trim());
      const bytes = Buffer.from(material, 'base64');
      if (bytes.length >= 8) {
        secrets.add(bytes.toString('hex'));
        secrets.add(bytes.toString('base64url'));
      }
    }
  }
  return [...secrets];
}

function failure(env: Record<string, string | undefined>): KeyRingError {
  try {
    parseKeyRing(env);
  } catch (error) {
    expect(error).toBeInstanceOf(KeyRingError);
    return error as KeyRingError;
  }
  throw new Error('parseKeyRing did not throw');
}

describe('parseKeyRing', () => {
  it('reads ids and the active key, and holds no key material on the ring object', () => {
    const ring = parseKeyRing(valid);
    expect(ring.keyIds).toEqual(['k1', 'k2']);
    expect(ring.activeKeyId).toBe('k2');
    expect(Object.isFrozen(ring)).toBe(true);
    for (const shown of [JSON.stringify(ring), inspect(ring, { depth: 10, showHidden: true }), describeKeyRing(ring)]) {
      for (const secret of secretsOf(valid)) expect(shown).not.toContain(secret);
    }
  });

  it('accepts spaces around entries, URL-safe base64 and missing padding', () => {
    const urlSafe = Buffer.alloc(32, 0xfb).toString('base64url'); // contains - and _
    const ring = parseKeyRing({
      FIELD_ENCRYPTION_KEYS: ` k_1 : ${K1.replace(/=$/, '')} , K-2:${urlSafe} `,
      FIELD_ENCRYPTION_ACTIVE_KEY: ' K-2 ',
      FIELD_BLIND_INDEX_KEY: ` ${BLIND} `,
    });
    expect(ring.keyIds).toEqual(['k_1', 'K-2']);
    expect(ring.activeKeyId).toBe('K-2');
  });

  it('accepts ids of 1 and 32 characters', () => {
    const long = 'a'.repeat(32);
    expect(
      parseKeyRing({ ...valid, FIELD_ENCRYPTION_KEYS: `x:${K1},${long}:${K2}`, FIELD_ENCRYPTION_ACTIVE_KEY: long })
        .keyIds,
    ).toEqual(['x', long]);
  });

  it('gives the exact message for a missing FIELD_ENCRYPTION_KEYS', () => {
    const error = failure({ FIELD_ENCRYPTION_ACTIVE_KEY: 'k1', FIELD_BLIND_INDEX_KEY: BLIND });
    expect(error.variable).toBe('FIELD_ENCRYPTION_KEYS');
    expect(error.name).toBe('KeyRingError');
    expect(error.message).toBe(
      'FIELD_ENCRYPTION_KEYS is not set: set it to id:base64-32-byte-key[,id:key…]; `npm start` generates one into .env in development',
    );
  });

  const cases: Array<[string, Record<string, string | undefined>, string, RegExp]> = [
    [
      'KEYS empty',
      { ...valid, FIELD_ENCRYPTION_KEYS: '' },
      'FIELD_ENCRYPTION_KEYS',
      /is not set: set it to id:base64-32-byte-key/,
    ],
    ['KEYS blank', { ...valid, FIELD_ENCRYPTION_KEYS: '   ' }, 'FIELD_ENCRYPTION_KEYS', /is not set/],
    [
      'a key pasted without id',
      { ...valid, FIELD_ENCRYPTION_KEYS: K1 },
      'FIELD_ENCRYPTION_KEYS',
      /entry 1 has no id: every entry is id:base64-32-byte-key/,
    ],
    [
      'an empty entry',
      { ...valid, FIELD_ENCRYPTION_KEYS: `k1:${K1},,k2:${K2}` },
      'FIELD_ENCRYPTION_KEYS',
      /entry 2 is empty/,
    ],
    [
      'an invalid id',
      { ...valid, FIELD_ENCRYPTION_KEYS: `k1:${K1},bad id!:${K2}` },
      'FIELD_ENCRYPTION_KEYS',
      /entry 2 has an invalid key id: ids are 1–32 characters from A–Z a–z 0–9 _ -/,
    ],
    [
      'an id of 33 characters',
      { ...valid, FIELD_ENCRYPTION_KEYS: `${'a'.repeat(33)}:${K1}` },
      'FIELD_ENCRYPTION_KEYS',
      /entry 1 has an invalid key id/,
    ],
    [
      'an empty id',
      { ...valid, FIELD_ENCRYPTION_KEYS: `:${K1}` },
      'FIELD_ENCRYPTION_KEYS',
      /entry 1 has an invalid key id/,
    ],
    [
      'a duplicate id',
      { ...valid, FIELD_ENCRYPTION_KEYS: `k1:${K1},k1:${K2}` },
      'FIELD_ENCRYPTION_KEYS',
      /lists key id "k1" more than once: ids must be unique/,
    ],
    [
      'an empty key',
      { ...valid, FIELD_ENCRYPTION_KEYS: 'k1:', FIELD_ENCRYPTION_ACTIVE_KEY: 'k1' },
      'FIELD_ENCRYPTION_KEYS',
      /key "k1" is empty: set it to 32 random bytes, base64-encoded/,
    ],
    [
      'a 16-byte key',
      { ...valid, FIELD_ENCRYPTION_KEYS: `k1:${key(1, 16)}` },
      'FIELD_ENCRYPTION_KEYS',
      /key "k1" is 16 bytes; it must be exactly 32 bytes, base64-encoded \(44 characters\); generate one with `openssl rand -base64 32`/,
    ],
    [
      'a 31-byte key',
      { ...valid, FIELD_ENCRYPTION_KEYS: `k1:${key(1, 31)}` },
      'FIELD_ENCRYPTION_KEYS',
      /key "k1" is 31 bytes/,
    ],
    [
      'a 64-byte key',
      { ...valid, FIELD_ENCRYPTION_KEYS: `k1:${key(1, 64)}` },
      'FIELD_ENCRYPTION_KEYS',
      /key "k1" is 64 bytes/,
    ],
    [
      'a key that is not base64',
      { ...valid, FIELD_ENCRYPTION_KEYS: 'k1:not*base64*at*all' },
      'FIELD_ENCRYPTION_KEYS',
      /key "k1" is not valid base64/,
    ],
    [
      'a hex key',
      { ...valid, FIELD_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 7).toString('hex')}` },
      'FIELD_ENCRYPTION_KEYS',
      /key "k1" is 48 bytes/,
    ],
    [
      'the same key under two ids',
      { ...valid, FIELD_ENCRYPTION_KEYS: `k1:${K1},k2:${K1}` },
      'FIELD_ENCRYPTION_KEYS',
      /keys "k1" and "k2" are the same key/,
    ],
    [
      'ACTIVE missing',
      { ...valid, FIELD_ENCRYPTION_ACTIVE_KEY: undefined },
      'FIELD_ENCRYPTION_ACTIVE_KEY',
      /FIELD_ENCRYPTION_ACTIVE_KEY is not set: set it to the id of the key that wraps new data keys, one of: k1, k2/,
    ],
    [
      'ACTIVE not in the list',
      { ...valid, FIELD_ENCRYPTION_ACTIVE_KEY: 'k3' },
      'FIELD_ENCRYPTION_ACTIVE_KEY',
      /FIELD_ENCRYPTION_ACTIVE_KEY "k3" is not in FIELD_ENCRYPTION_KEYS: set it to one of: k1, k2/,
    ],
    [
      'ACTIVE holding a key instead of an id',
      { ...valid, FIELD_ENCRYPTION_ACTIVE_KEY: K1 },
      'FIELD_ENCRYPTION_ACTIVE_KEY',
      /FIELD_ENCRYPTION_ACTIVE_KEY is not a key id .*one of: k1, k2/,
    ],
    [
      'BLIND missing',
      { ...valid, FIELD_BLIND_INDEX_KEY: undefined },
      'FIELD_BLIND_INDEX_KEY',
      /FIELD_BLIND_INDEX_KEY is not set: set it to a base64-encoded 32-byte key, separate from the encryption keys/,
    ],
    [
      'BLIND short',
      { ...valid, FIELD_BLIND_INDEX_KEY: key(9, 20) },
      'FIELD_BLIND_INDEX_KEY',
      /FIELD_BLIND_INDEX_KEY is 20 bytes; it must be exactly 32 bytes/,
    ],
    [
      'BLIND not base64',
      { ...valid, FIELD_BLIND_INDEX_KEY: '!!' },
      'FIELD_BLIND_INDEX_KEY',
      /FIELD_BLIND_INDEX_KEY is not valid base64/,
    ],
    [
      'BLIND equal to a master key',
      { ...valid, FIELD_BLIND_INDEX_KEY: K2 },
      'FIELD_BLIND_INDEX_KEY',
      /is the same key as FIELD_ENCRYPTION_KEYS key "k2": it must be a separate random key/,
    ],
  ];

  it.each(cases)('rejects %s, saying what to set, without key material', (_label, env, variable, message) => {
    const error = failure(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toMatch(message);
    expect(error.message.startsWith(variable)).toBe(true);
    for (const secret of secretsOf(env)) expect(error.message).not.toContain(secret);
  });

  it('does not echo an invalid id (it may be key material pasted in the wrong place)', () => {
    const error = failure({ ...valid, FIELD_ENCRYPTION_KEYS: `${K1.slice(0, 20)}+/:${K2}` });
    expect(error.message).not.toContain(K1.slice(0, 20));
  });
});

describe('generateKeyRingEnv', () => {
  it('generates a parseable development ring with one active key k<yyyymmdd>-<hex>', () => {
    const env = generateKeyRingEnv(new Date('2025-03-07T12:00:00Z'));
    expect(Object.keys(env).sort()).toEqual([
      'FIELD_BLIND_INDEX_KEY',
      'FIELD_ENCRYPTION_ACTIVE_KEY',
      'FIELD_ENCRYPTION_KEYS',
    ]);
    expect(env.FIELD_ENCRYPTION_ACTIVE_KEY).toMatch(/^k20250307-[0-9a-f]{4}$/);
    const ring = parseKeyRing(env);
    expect(ring.keyIds).toEqual([env.FIELD_ENCRYPTION_ACTIVE_KEY]);
    expect(ring.activeKeyId).toBe(env.FIELD_ENCRYPTION_ACTIVE_KEY);
    expect(wrapDataKey(ring, generateDataKey(), { collection: 'migrants', id: 'm1' })).toMatch(/^dk1\.k20250307-/);
  });

  it('generates fresh keys every time', () => {
    const a = generateKeyRingEnv();
    const b = generateKeyRingEnv();
    expect(a.FIELD_ENCRYPTION_KEYS).not.toBe(b.FIELD_ENCRYPTION_KEYS);
    expect(a.FIELD_BLIND_INDEX_KEY).not.toBe(b.FIELD_BLIND_INDEX_KEY);
  });

  it('makes an entry to append when rotating', () => {
    const env = generateKeyRingEnv();
    const next = generateMasterKeyEntry();
    const ring = parseKeyRing({
      ...env,
      FIELD_ENCRYPTION_KEYS: `${env.FIELD_ENCRYPTION_KEYS},${next.entry}`,
      FIELD_ENCRYPTION_ACTIVE_KEY: next.id,
    });
    expect(ring.keyIds).toHaveLength(2);
    expect(ring.activeKeyId).toBe(next.id);
  });
});

describe('describeKeyRing', () => {
  it('lists ids and the active one only', () => {
    expect(describeKeyRing(parseKeyRing(valid))).toBe('2 master keys (k1, k2), active k2; blind-index key set');
  });

  it('refuses an object that was not made by parseKeyRing', () => {
    const fake: KeyRing = { activeKeyId: 'k1', keyIds: ['k1'] };
    expect(() => describeKeyRing(fake)).toThrow(TypeError);
    expect(() => wrapDataKey(fake, generateDataKey(), { collection: 'migrants', id: 'm1' })).toThrow(/Not a key ring/);
  });
});
