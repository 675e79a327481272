/**
 * Blind indexes: a keyed hash of a normalised personal value, stored next to the encrypted value, so equal values can
 * be found (duplicate detection, exact search) without decrypting anything.
 *
 *   blindIndex(ring, 'bsn', value) = hex(HMAC-SHA256(K_bsn, normaliseBsn(value)))        64 lowercase hex characters
 *   K_bsn = HKDF-SHA256(FIELD_BLIND_INDEX_KEY, salt = empty, info = "labour-platform/blind-index/v1/bsn", 32 bytes)
 *
 * The key is the same for every migrant and provider, so the same BSN gives the same index everywhere. Without the key
 * nothing about the value can be learned from the index (a BSN has only ~10^9 values, so the key is what protects it:
 * keep FIELD_BLIND_INDEX_KEY as secret as the encryption keys). Plain module: no Directus import.
 */

import { createHmac } from 'node:crypto';
import { normaliseBsn } from '../bsn';
import { blindIndexKeyOf, type BlindIndexPurpose, type KeyRing } from './keyring';

export { BLIND_INDEX_PURPOSES, blindIndexInfo, type BlindIndexPurpose } from './keyring';

export class BlindIndexError extends Error {
  override readonly name = 'BlindIndexError';
  constructor(
    readonly purpose: BlindIndexPurpose,
    message: string,
  ) {
    super(message);
  }
}

const NORMALISERS: Record<BlindIndexPurpose, { normalise: (value: string) => string | null; expected: string }> = {
  bsn: { normalise: normaliseBsn, expected: 'a BSN of 8 or 9 digits (spaces, dots and dashes are ignored)' },
  // a name token as ./name-index normalises it (lower-case letters and digits, no spaces)
  name: {
    normalise: (value) => (/^[\p{L}\p{N}]+$/u.test(value) && value === value.toLowerCase() ? value : null),
    expected: 'one normalised name token',
  },
  // an address key as ../supervision/address-match builds it: `bag:<16 digits>` or `pc:<1234AB>:<number and letters>`
  address: {
    normalise: (value) => (/^(bag:\d{16}|pc:[1-9]\d{3}[A-Z]{2}:[0-9A-Z]{1,12})$/.test(value) ? value : null),
    expected: 'one address key',
  },
};

/** The normalised form a blind index is computed over; throws BlindIndexError (without the value) when it has none. */
export function normaliseForIndex(purpose: BlindIndexPurpose, value: string): string {
  const normaliser = NORMALISERS[purpose];
  if (!normaliser) throw new TypeError('Unknown blind-index purpose');
  const normalised = typeof value === 'string' ? normaliser.normalise(value) : null;
  if (normalised === null)
    throw new BlindIndexError(purpose, `Cannot index the ${purpose}: expected ${normaliser.expected}`);
  return normalised;
}

export function blindIndex(ring: KeyRing, purpose: BlindIndexPurpose, value: string): string {
  const normalised = normaliseForIndex(purpose, value);
  return createHmac('sha256', blindIndexKeyOf(ring, purpose)).update(normalised, 'utf8').digest('hex');
}

/** Whether a string has the shape of a blind index (64 lowercase hex characters). */
export function isBlindIndex(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
}
