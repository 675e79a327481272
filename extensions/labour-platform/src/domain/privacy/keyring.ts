/**
 * The master key ring, read from the environment.
 *
 *   FIELD_ENCRYPTION_KEYS        id:base64-key[,id:base64-key…]   every key exactly 32 bytes, ids [A-Za-z0-9_-]{1,32}, unique
 *   FIELD_ENCRYPTION_ACTIVE_KEY  id                               one of the ids above; new data keys are wrapped with it
 *   FIELD_BLIND_INDEX_KEY        base64-key                       32 bytes; only used to derive blind-index keys (HKDF-SHA256)
 *
 * Master keys wrap the per-migrant data keys (./envelope). Old keys stay in the list until every wrapped data key
 * has been rewrapped to the active key (./rotation); then they can be removed.
 *
 * The ring object itself holds ids only: key material lives in a module-private WeakMap as node:crypto KeyObjects,
 * so logging or JSON-serialising a ring never prints a key. Error messages never contain key material either.
 * Plain module: no Directus import.
 */

import { createSecretKey, hkdfSync, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';

export const KEY_BYTES = 32;
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

export const ENV_KEYS = 'FIELD_ENCRYPTION_KEYS';
export const ENV_ACTIVE_KEY = 'FIELD_ENCRYPTION_ACTIVE_KEY';
export const ENV_BLIND_INDEX_KEY = 'FIELD_BLIND_INDEX_KEY';
export type KeyRingVariable = typeof ENV_KEYS | typeof ENV_ACTIVE_KEY | typeof ENV_BLIND_INDEX_KEY;

/** What a blind index is computed for; each purpose gets its own derived key. */
export type BlindIndexPurpose = 'bsn' | 'name' | 'address';
export const BLIND_INDEX_PURPOSES: readonly BlindIndexPurpose[] = Object.freeze(['bsn', 'name', 'address'] as const);

/** HKDF info for a blind-index key: `labour-platform/blind-index/v1/<purpose>`. */
export function blindIndexInfo(purpose: BlindIndexPurpose): string {
  return `labour-platform/blind-index/v1/${purpose}`;
}

/** Ids only. Obtain one from parseKeyRing; a hand-built object is not a key ring. */
export interface KeyRing {
  readonly activeKeyId: string;
  readonly keyIds: readonly string[];
}

interface KeyMaterial {
  readonly masterKeys: ReadonlyMap<string, KeyObject>;
  readonly blindIndexKey: KeyObject;
  readonly derived: Map<BlindIndexPurpose, KeyObject>;
}

const material = new WeakMap<KeyRing, KeyMaterial>();

export class KeyRingError extends Error {
  override readonly name = 'KeyRingError';
  constructor(
    /** The environment variable to fix. */
    readonly variable: KeyRingVariable,
    message: string,
  ) {
    super(message);
  }
}

const KEYS_FORMAT = 'id:base64-32-byte-key[,id:key…]';
const GENERATE_HINT = '`npm start` generates one into .env in development';
const NEW_KEY_HINT = 'generate one with `openssl rand -base64 32`';
const ID_RULE = 'ids are 1–32 characters from A–Z a–z 0–9 _ -';

/** Standard or URL-safe base64, padding optional, canonical. Returns null when it is not base64. */
function decodeBase64(text: string): Buffer | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) && !/^[A-Za-z0-9_-]*={0,2}$/.test(text)) return null;
  const unpadded = text.replace(/=+$/, '');
  if (unpadded.length % 4 === 1) return null;
  if (text.length !== unpadded.length && text.length % 4 !== 0) return null;
  const standard = unpadded.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Buffer.from(standard, 'base64');
  if (bytes.toString('base64').replace(/=+$/, '') !== standard) return null;
  return bytes;
}

function readKey(variable: KeyRingVariable, label: string, text: string): Buffer {
  if (text === '') {
    throw new KeyRingError(
      variable,
      `${label} is empty: set it to 32 random bytes, base64-encoded (44 characters); ${NEW_KEY_HINT}`,
    );
  }
  const bytes = decodeBase64(text);
  if (bytes === null || bytes.length === 0) {
    throw new KeyRingError(
      variable,
      `${label} is not valid base64: each key must be 32 random bytes, base64-encoded (44 characters); ${NEW_KEY_HINT}`,
    );
  }
  if (bytes.length !== KEY_BYTES) {
    throw new KeyRingError(
      variable,
      `${label} is ${bytes.length} bytes; it must be exactly ${KEY_BYTES} bytes, base64-encoded (44 characters); ${NEW_KEY_HINT}`,
    );
  }
  return bytes;
}

/**
 * Reads and checks the key ring. Throws KeyRingError naming the variable to set and its format; the message
 * never contains key material (a malformed entry is referred to by its position, a valid id by name).
 */
export function parseKeyRing(env: Record<string, string | undefined>): KeyRing {
  const keysText = env[ENV_KEYS]?.trim() ?? '';
  if (keysText === '') {
    throw new KeyRingError(ENV_KEYS, `${ENV_KEYS} is not set: set it to ${KEYS_FORMAT}; ${GENERATE_HINT}`);
  }

  const entries = keysText.split(',').map((entry) => entry.trim());
  const masterKeys = new Map<string, KeyObject>();
  const rawKeys: Array<{ id: string; bytes: Buffer }> = [];
  entries.forEach((entry, index) => {
    const position = `entry ${index + 1}`;
    if (entry === '') {
      throw new KeyRingError(
        ENV_KEYS,
        `${ENV_KEYS} ${position} is empty: set it to ${KEYS_FORMAT} without empty entries`,
      );
    }
    const colon = entry.indexOf(':');
    if (colon < 0) {
      throw new KeyRingError(
        ENV_KEYS,
        `${ENV_KEYS} ${position} has no id: every entry is id:base64-32-byte-key (${KEYS_FORMAT})`,
      );
    }
    const id = entry.slice(0, colon).trim();
    if (!KEY_ID_PATTERN.test(id)) {
      throw new KeyRingError(
        ENV_KEYS,
        `${ENV_KEYS} ${position} has an invalid key id: ${ID_RULE} (format ${KEYS_FORMAT})`,
      );
    }
    if (masterKeys.has(id)) {
      throw new KeyRingError(ENV_KEYS, `${ENV_KEYS} lists key id "${id}" more than once: ids must be unique`);
    }
    const bytes = readKey(ENV_KEYS, `${ENV_KEYS} key "${id}"`, entry.slice(colon + 1).trim());
    const same = rawKeys.find((other) => timingSafeEqual(other.bytes, bytes));
    if (same) {
      throw new KeyRingError(
        ENV_KEYS,
        `${ENV_KEYS} keys "${same.id}" and "${id}" are the same key: every id needs its own random key; ${NEW_KEY_HINT}`,
      );
    }
    rawKeys.push({ id, bytes });
    masterKeys.set(id, createSecretKey(bytes));
  });
  const keyIds = [...masterKeys.keys()];

  const activeKeyId = env[ENV_ACTIVE_KEY]?.trim() ?? '';
  if (activeKeyId === '') {
    throw new KeyRingError(
      ENV_ACTIVE_KEY,
      `${ENV_ACTIVE_KEY} is not set: set it to the id of the key that wraps new data keys, one of: ${keyIds.join(', ')}`,
    );
  }
  if (!KEY_ID_PATTERN.test(activeKeyId)) {
    throw new KeyRingError(
      ENV_ACTIVE_KEY,
      `${ENV_ACTIVE_KEY} is not a key id (${ID_RULE}): set it to one of: ${keyIds.join(', ')}`,
    );
  }
  if (!masterKeys.has(activeKeyId)) {
    throw new KeyRingError(
      ENV_ACTIVE_KEY,
      `${ENV_ACTIVE_KEY} "${activeKeyId}" is not in ${ENV_KEYS}: set it to one of: ${keyIds.join(', ')}, or add that key to ${ENV_KEYS}`,
    );
  }

  const blindText = env[ENV_BLIND_INDEX_KEY]?.trim() ?? '';
  if (blindText === '') {
    throw new KeyRingError(
      ENV_BLIND_INDEX_KEY,
      `${ENV_BLIND_INDEX_KEY} is not set: set it to a base64-encoded 32-byte key, separate from the encryption keys; ${GENERATE_HINT}`,
    );
  }
  const blindBytes = readKey(ENV_BLIND_INDEX_KEY, ENV_BLIND_INDEX_KEY, blindText);
  const sameAsMaster = rawKeys.find((other) => timingSafeEqual(other.bytes, blindBytes));
  if (sameAsMaster) {
    throw new KeyRingError(
      ENV_BLIND_INDEX_KEY,
      `${ENV_BLIND_INDEX_KEY} is the same key as ${ENV_KEYS} key "${sameAsMaster.id}": it must be a separate random key; ${NEW_KEY_HINT}`,
    );
  }
  for (const raw of rawKeys) raw.bytes.fill(0);
  const blindIndexKey = createSecretKey(blindBytes);
  blindBytes.fill(0);

  const ring: KeyRing = Object.freeze({ activeKeyId, keyIds: Object.freeze(keyIds) });
  material.set(ring, { masterKeys, blindIndexKey, derived: new Map() });
  return ring;
}

function materialOf(ring: KeyRing): KeyMaterial {
  const found = material.get(ring);
  if (!found) throw new TypeError('Not a key ring: obtain one from parseKeyRing(process.env)');
  return found;
}

/** @internal for ./envelope: the master key with this id, or undefined when the ring does not hold it. */
export function masterKeyOf(ring: KeyRing, id: string): KeyObject | undefined {
  return materialOf(ring).masterKeys.get(id);
}

/** @internal for ./blind-index: HKDF-SHA256(FIELD_BLIND_INDEX_KEY, salt = empty, info = blindIndexInfo(purpose), 32 bytes), cached. */
export function blindIndexKeyOf(ring: KeyRing, purpose: BlindIndexPurpose): KeyObject {
  const { blindIndexKey, derived } = materialOf(ring);
  let key = derived.get(purpose);
  if (!key) {
    if (!BLIND_INDEX_PURPOSES.includes(purpose)) throw new TypeError('Unknown blind-index purpose');
    key = createSecretKey(
      Buffer.from(hkdfSync('sha256', blindIndexKey, Buffer.alloc(0), blindIndexInfo(purpose), KEY_BYTES)),
    );
    derived.set(purpose, key);
  }
  return key;
}

/** A fresh master key id for a date: `k<yyyymmdd>-<4 hex>` (the suffix keeps two keys made on one day apart). */
export function newKeyId(now: Date = new Date()): string {
  const date = now.toISOString().slice(0, 10).replace(/-/g, '');
  return `k${date}-${randomBytes(2).toString('hex')}`;
}

/** One new `id:base64` entry to append to FIELD_ENCRYPTION_KEYS when rotating. */
export function generateMasterKeyEntry(now: Date = new Date()): { id: string; entry: string } {
  const id = newKeyId(now);
  return { id, entry: `${id}:${randomBytes(KEY_BYTES).toString('base64')}` };
}

/** A fresh random ring for development: one active master key plus a blind-index key. */
export function generateKeyRingEnv(now: Date = new Date()): Record<string, string> {
  const { id, entry } = generateMasterKeyEntry(now);
  return {
    [ENV_KEYS]: entry,
    [ENV_ACTIVE_KEY]: id,
    [ENV_BLIND_INDEX_KEY]: randomBytes(KEY_BYTES).toString('base64'),
  };
}

/** For logs: ids only, e.g. `2 master keys (k20250101-ab12, k20260101-cd34), active k20260101-cd34; blind-index key set`. */
export function describeKeyRing(ring: KeyRing): string {
  materialOf(ring);
  const count = ring.keyIds.length;
  return `${count} master key${count === 1 ? '' : 's'} (${ring.keyIds.join(', ')}), active ${ring.activeKeyId}; blind-index key set`;
}
