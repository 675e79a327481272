/**
 * Envelope encryption of personal fields.
 *
 * Every migrant has its own data key (32 random bytes). The data key encrypts that migrant's personal field values;
 * the data key itself is stored wrapped (encrypted) with the ACTIVE master key of the key ring (./keyring). Rotating
 * a master key therefore rewraps one small value per migrant instead of re-encrypting every field.
 *
 * Both kinds of stored value are compact, self-describing, versioned ASCII strings (base64url parts, no padding):
 *
 *   field value   enc1.<keyRef>.<bindRef>.<nonce>.<ciphertext>.<tag>
 *   wrapped key   dk1.<masterKeyId>.<bindRef>.<nonce>.<ciphertext>.<tag>
 *
 *   keyRef      11 chars  first 8 bytes of SHA-256("labour-platform/data-key-ref/v1" 0x00 dataKey): names the data key
 *   masterKeyId 1–32      [A-Za-z0-9_-], the id of the master key in FIELD_ENCRYPTION_KEYS
 *   bindRef      8 chars  first 6 bytes of SHA-256("labour-platform/binding/v1" 0x00 AAD): names where the value belongs
 *   nonce       16 chars  12 random bytes
 *   ciphertext            AES-256-GCM of the UTF-8 plaintext (field value; may be empty) or of the 32-byte data key (43 chars)
 *   tag         22 chars  16-byte GCM authentication tag
 *
 *   AAD (associated data, authenticated, not stored): field value `<collection>/<field>/<id>`,
 *                                                      wrapped key `data-key/<collection>/<id>`
 *
 * keyRef and bindRef are public diagnostics, not secrets: they let a failure say *why* it failed (another row's value,
 * another data key) instead of only "authentication failed". The security comes from GCM with the AAD: a value
 * copied to another row or field, or altered in any way, never decrypts.
 *
 * Errors are DecryptionError with a reason and the field; messages never contain plaintext, ciphertext or keys.
 * Plain module: no Directus import.
 */

import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createSecretKey,
  hash,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { KEY_ID_PATTERN, masterKeyOf, type KeyRing } from './keyring';

export const DATA_KEY_BYTES = 32;
export const FIELD_VALUE_VERSION = 'enc1';
export const WRAPPED_KEY_VERSION = 'dk1';
/** The `field` a DecryptionError about a wrapped data key carries. */
export const DATA_KEY_FIELD = 'data_key';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const NONCE_CHARS = 16;
const TAG_CHARS = 22;
const KEY_REF_CHARS = 11;
const BIND_REF_CHARS = 8;
const WRAPPED_KEY_CHARS = 43;
const ALGORITHM = 'aes-256-gcm';

export type DecryptionFailure =
  'malformed' | 'truncated' | 'tampered' | 'wrong_binding' | 'unknown_key' | 'unsupported_version';

/** The row a data key belongs to. */
export interface RowRef {
  collection: string;
  id: string | number;
}

/** Where a field value belongs. */
export interface FieldBinding extends RowRef {
  field: string;
}

const EXPLANATION: Record<DecryptionFailure, string> = {
  malformed: 'the stored value is not in the expected format',
  truncated: 'the stored value is incomplete (truncated)',
  tampered: 'authentication failed: the stored value was altered or corrupted',
  wrong_binding: 'the stored value belongs to another row or field (copied?)',
  unknown_key: 'the key it was encrypted with is not available',
  unsupported_version: 'the stored value has a format version this version of the platform cannot read',
};

export class DecryptionError extends Error {
  override readonly name = 'DecryptionError';
  readonly reason: DecryptionFailure;
  /** The personal field, or DATA_KEY_FIELD for a wrapped data key. */
  readonly field: string;
  readonly collection: string | undefined;

  constructor(reason: DecryptionFailure, where: { collection?: string; field: string }, detail?: string) {
    const subject =
      where.field === DATA_KEY_FIELD
        ? `the data key${where.collection ? ` of a ${where.collection} row` : ''}`
        : `${where.collection ? `${where.collection}.` : ''}${where.field}`;
    super(`Cannot decrypt ${subject}: ${reason} — ${detail ?? EXPLANATION[reason]}`);
    this.reason = reason;
    this.field = where.field;
    this.collection = where.collection;
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// helpers

const B64URL_PART = /^[A-Za-z0-9_-]*$/;
const BODY_CHARS = /^[A-Za-z0-9_.-]*$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function b64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

const B64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64URL_VALUE = new Map([...B64URL_ALPHABET].map((char, value) => [char.charCodeAt(0), value]));

/**
 * Canonical unpadded base64url: its alphabet only, no impossible length (4n+1), and no stray bits in the last
 * character (the bits past the last whole byte are zero), so exactly one text stands for each byte string. The same
 * as "decodes and encodes back to itself", without the round trip (this runs for every part of every value read).
 */
export function isCanonicalBase64url(text: string): boolean {
  return B64URL_PART.test(text) && hasCanonicalEnd(text);
}

/** The length and the last character's stray bits of a text already known to hold base64url characters only. */
function hasCanonicalEnd(text: string): boolean {
  const rest = text.length % 4;
  if (rest === 0) return true;
  if (rest === 1) return false;
  const last = B64URL_VALUE.get(text.charCodeAt(text.length - 1)) ?? 0;
  return (last & (rest === 2 ? 0x0f : 0x03)) === 0;
}

/** Each ASCII code's base64url value, -1 for a character outside the alphabet. */
const B64URL_CODE = new Int8Array(128).fill(-1);
for (let value = 0; value < B64URL_ALPHABET.length; value++) B64URL_CODE[B64URL_ALPHABET.charCodeAt(value)] = value;

/**
 * Decodes `text[start, end)` as canonical unpadded base64url into `out` from `at`; returns where it stopped, or -1 for
 * a character outside the alphabet, an impossible length or stray bits at the end (the same texts unb64 refuses).
 * One pass that checks and decodes, into a buffer the caller allocated once for all parts of a value.
 */
function decodeInto(text: string, start: number, end: number, out: Uint8Array, at: number): number {
  let bits = 0;
  let value = 0;
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index);
    const digit = code < 128 ? B64URL_CODE[code]! : -1;
    if (digit < 0) return -1;
    value = (value << 6) | digit;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (value >>> bits) & 0xff;
      value &= (1 << bits) - 1;
    }
  }
  // after a whole number of bytes 0 bits are left; 6 means a length of 4n+1; any other leftover bits must be zero
  return bits === 6 || value !== 0 ? -1 : at;
}

/** Canonical unpadded base64url only (its characters already checked); null otherwise. */
function unb64(text: string): Buffer | null {
  return hasCanonicalEnd(text) ? Buffer.from(text, 'base64url') : null;
}

function checkName(kind: string, value: unknown): string {
  if (typeof value !== 'string' || value === '' || value.includes('/')) {
    throw new TypeError(`${kind} must be a non-empty string without "/"`);
  }
  return value;
}

function checkId(value: unknown): string {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (typeof value === 'string' && value !== '') return value;
  throw new TypeError('row id must be a non-empty string or a safe integer');
}

function fieldAad(binding: FieldBinding): string {
  return `${checkName('collection', binding.collection)}/${checkName('field', binding.field)}/${checkId(binding.id)}`;
}

function ownerAad(owner: RowRef): string {
  return `data-key/${checkName('collection', owner.collection)}/${checkId(owner.id)}`;
}

/** The first 6 bytes of SHA-256(prefix 0x00 AAD), base64url: 8 characters, exactly the first 8 of the whole digest's. */
function bindRef(aad: string): string {
  let ref = bindRefs.get(aad);
  if (ref === undefined) {
    ref = hash('sha256', `labour-platform/binding/v1\0${aad}`, 'base64url').slice(0, BIND_REF_CHARS);
    if (bindRefs.size >= BIND_REF_MEMO_SIZE) bindRefs.clear();
    bindRefs.set(aad, ref);
  }
  return ref;
}

// The binding references of recently read places (a page read again reads the same 800). They are public, stored
// beside every value, and derived from row ids and field names only: nothing secret is kept here.
const bindRefs = new Map<string, string>();
const BIND_REF_MEMO_SIZE = 20_000;

function checkDataKey(dataKey: unknown): Uint8Array {
  if (!(dataKey instanceof Uint8Array) || dataKey.byteLength !== DATA_KEY_BYTES) {
    throw new TypeError(`a data key must be ${DATA_KEY_BYTES} bytes`);
  }
  return dataKey;
}

/** Short public reference naming a data key (11 base64url characters); reveals nothing usable about the key. */
export function dataKeyRef(dataKey: Uint8Array): string {
  const key = checkDataKey(dataKey);
  let ref = keyRefs.get(key);
  if (ref === undefined) {
    ref = createHash('sha256')
      .update('labour-platform/data-key-ref/v1\0')
      .update(key)
      .digest()
      .subarray(0, 8)
      .toString('base64url');
    keyRefs.set(key, ref);
  }
  return ref;
}

// Per data key, computed once: its reference and its imported key object (a page of 100 migrants decrypts 800
// values with 100 keys; deriving these per value was most of the cost). Weak, so keys are not kept alive.
const keyRefs = new WeakMap<Uint8Array, string>();
const keyObjects = new WeakMap<Uint8Array, KeyObject>();
/** Drops what was derived from a data key (its reference and key object), e.g. when a cache wipes the key. */
export function forgetDataKey(dataKey: Uint8Array): void {
  keyRefs.delete(dataKey);
  keyObjects.delete(dataKey);
}

function keyObjectOf(dataKey: Uint8Array): KeyObject {
  let keyObject = keyObjects.get(dataKey);
  if (!keyObject) {
    keyObject = createSecretKey(dataKey);
    keyObjects.set(dataKey, keyObject);
  }
  return keyObject;
}

function seal(
  key: KeyObject | Uint8Array,
  plaintext: Uint8Array,
  aad: string,
): { nonce: Buffer; ciphertext: Buffer; tag: Buffer } {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { nonce, ciphertext, tag: cipher.getAuthTag() };
}

/** The decrypted bytes, or null when authentication fails. */
function open(key: KeyObject | Uint8Array, parts: ParsedValue, aad: string): Buffer | null {
  try {
    const decipher = createDecipheriv(ALGORITHM, key, parts.nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(parts.tag);
    const head = decipher.update(parts.ciphertext);
    const tail = decipher.final(); // GCM is a stream mode: empty, but it is where the tag is checked
    return tail.length === 0 ? head : Buffer.concat([head, tail]);
  } catch {
    return null;
  }
}

interface ParsedValue {
  keyRef: string;
  bindRef: string;
  nonce: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

interface Format {
  prefix: 'enc' | 'dk';
  /** Whether the key-reference part is valid (a canonical base64url keyRef, or a master key id). */
  keyRef: (part: string) => boolean;
  ciphertextChars?: number;
}

// parse has checked every part's characters before it asks
const FIELD_FORMAT: Format = {
  prefix: 'enc',
  keyRef: (part) => part.length === KEY_REF_CHARS && hasCanonicalEnd(part),
};
const WRAPPED_FORMAT: Format = {
  prefix: 'dk',
  keyRef: (part) => KEY_ID_PATTERN.test(part),
  ciphertextChars: WRAPPED_KEY_CHARS,
};

type ParseResult = { ok: true; value: ParsedValue } | { ok: false; reason: DecryptionFailure; detail?: string };

// where the fixed parts of an enc1 value are: enc1.<keyRef 11>.<bindRef 8>.<nonce 16>.<ciphertext>.<tag 22>
const FIELD_PREFIX = `${FIELD_VALUE_VERSION}.`;
const KEY_REF_AT = FIELD_PREFIX.length;
const BIND_REF_AT = KEY_REF_AT + KEY_REF_CHARS + 1;
const NONCE_AT = BIND_REF_AT + BIND_REF_CHARS + 1;
const CIPHERTEXT_AT = NONCE_AT + NONCE_CHARS + 1;
const DOT = 46;

/**
 * A well-formed enc1 field value, read in one pass without splitting or a regular expression (a page of 100 migrants
 * reads 800 of them); null for anything else, which `parse` then reads the long way to say what is wrong with it.
 * Accepts exactly what `parse` accepts for FIELD_FORMAT (the unit tests compare the two on every kind of damage).
 */
function parseFieldValueFast(stored: string): ParsedValue | null {
  const length = stored.length;
  const tagAt = length - TAG_CHARS;
  const ciphertextChars = tagAt - 1 - CIPHERTEXT_AT;
  if (ciphertextChars < 0 || !stored.startsWith(FIELD_PREFIX)) return null;
  if (
    stored.charCodeAt(BIND_REF_AT - 1) !== DOT ||
    stored.charCodeAt(NONCE_AT - 1) !== DOT ||
    stored.charCodeAt(CIPHERTEXT_AT - 1) !== DOT ||
    stored.charCodeAt(tagAt - 1) !== DOT
  )
    return null;
  const ciphertextBytes = Math.floor((ciphertextChars * 6) / 8);
  const bytes = Buffer.allocUnsafe(NONCE_BYTES + ciphertextBytes + TAG_BYTES);
  // keyRef and bindRef are decoded too, into the place the nonce goes next: that checks their characters and ends
  if (decodeInto(stored, KEY_REF_AT, KEY_REF_AT + KEY_REF_CHARS, bytes, 0) < 0) return null;
  if (decodeInto(stored, BIND_REF_AT, BIND_REF_AT + BIND_REF_CHARS, bytes, 0) < 0) return null;
  if (decodeInto(stored, NONCE_AT, NONCE_AT + NONCE_CHARS, bytes, 0) !== NONCE_BYTES) return null;
  const tagStart = decodeInto(stored, CIPHERTEXT_AT, CIPHERTEXT_AT + ciphertextChars, bytes, NONCE_BYTES);
  if (tagStart !== NONCE_BYTES + ciphertextBytes) return null;
  if (decodeInto(stored, tagAt, length, bytes, tagStart) !== bytes.length) return null;
  return {
    keyRef: stored.slice(KEY_REF_AT, KEY_REF_AT + KEY_REF_CHARS),
    bindRef: stored.slice(BIND_REF_AT, BIND_REF_AT + BIND_REF_CHARS),
    nonce: bytes.subarray(0, NONCE_BYTES),
    ciphertext: bytes.subarray(NONCE_BYTES, tagStart),
    tag: bytes.subarray(tagStart),
  };
}

function parse(stored: unknown, format: Format): ParseResult {
  if (format === FIELD_FORMAT && typeof stored === 'string') {
    const fast = parseFieldValueFast(stored);
    if (fast) return { ok: true, value: fast };
  }
  return parseLongWay(stored, format);
}

/** Any value, checked part by part: what is wrong with it (in the documented order), or its parts. */
function parseLongWay(stored: unknown, format: Format): ParseResult {
  const fail = (reason: DecryptionFailure, detail?: string): ParseResult =>
    detail ? { ok: false, reason, detail } : { ok: false, reason };
  if (typeof stored !== 'string') return fail('malformed', 'the stored value is not a string');
  const dot = stored.indexOf('.');
  const head = dot < 0 ? stored : stored.slice(0, dot);
  if (head !== `${format.prefix}1`) {
    const version = /^(enc|dk)([1-9][0-9]{0,5})$/.exec(head);
    if (!version) return fail('malformed');
    if (version[1] !== format.prefix) {
      return fail(
        'malformed',
        format.prefix === 'enc'
          ? 'the stored value is a wrapped data key, not a field value'
          : 'the stored value is a field value, not a wrapped data key',
      );
    }
    return fail(
      'unsupported_version',
      `format version "${head}" is not supported; this version reads ${format.prefix}1`,
    );
  }
  // every part base64url characters only: the whole rest holds nothing else than those and the dots between them
  if (!BODY_CHARS.test(stored.slice(head.length))) return fail('malformed');
  const body = dot < 0 ? [] : stored.slice(dot + 1).split('.');
  if (body.length < 5) return fail('truncated');
  if (body.length > 5) return fail('malformed');
  const [keyRef = '', bind = '', nonceText = '', ciphertextText = '', tagText = ''] = body;
  if (tagText.length < TAG_CHARS) return fail('truncated');
  if (tagText.length > TAG_CHARS) return fail('malformed');
  if (!format.keyRef(keyRef) || bind.length !== BIND_REF_CHARS || nonceText.length !== NONCE_CHARS)
    return fail('malformed');
  if (format.ciphertextChars !== undefined && ciphertextText.length !== format.ciphertextChars)
    return fail('malformed');
  const nonce = unb64(nonceText);
  const ciphertext = unb64(ciphertextText);
  const tag = unb64(tagText);
  if (!nonce || !ciphertext || !tag || !hasCanonicalEnd(bind)) return fail('malformed');
  return { ok: true, value: { keyRef, bindRef: bind, nonce, ciphertext, tag } };
}

/**
 * The parts of a stored field value, read in one pass only, or the long way only; null when that way does not accept
 * it. For the unit tests, which check that both ways accept exactly the same values and read the same parts.
 */
export function fieldValueParts(
  stored: unknown,
  way: 'one_pass' | 'long',
): { keyRef: string; bindRef: string; nonce: Buffer; ciphertext: Buffer; tag: Buffer } | null {
  if (way === 'one_pass') return typeof stored === 'string' ? parseFieldValueFast(stored) : null;
  const parsed = parseLongWay(stored, FIELD_FORMAT);
  return parsed.ok ? parsed.value : null;
}

function serialise(
  prefix: string,
  keyRef: string,
  aad: string,
  sealed: { nonce: Buffer; ciphertext: Buffer; tag: Buffer },
): string {
  return [prefix, keyRef, bindRef(aad), b64(sealed.nonce), b64(sealed.ciphertext), b64(sealed.tag)].join('.');
}

// ---------------------------------------------------------------------------------------------------------------------
// data keys

/** A fresh random data key for one migrant. */
export function generateDataKey(): Buffer {
  return randomBytes(DATA_KEY_BYTES);
}

/** Wraps a data key with the ring's ACTIVE master key, bound to its owner row. */
export function wrapDataKey(ring: KeyRing, dataKey: Uint8Array, owner: RowRef): string {
  const key = checkDataKey(dataKey);
  const aad = ownerAad(owner);
  const masterKey = masterKeyOf(ring, ring.activeKeyId);
  if (!masterKey) throw new TypeError('the active master key is missing from the key ring');
  return serialise(WRAPPED_KEY_VERSION, ring.activeKeyId, aad, seal(masterKey, key, aad));
}

function parseWrapped(wrapped: unknown, collection?: string): ParsedValue {
  const parsed = parse(wrapped, WRAPPED_FORMAT);
  if (!parsed.ok)
    throw new DecryptionError(
      parsed.reason,
      collection ? { collection, field: DATA_KEY_FIELD } : { field: DATA_KEY_FIELD },
      parsed.detail,
    );
  return parsed.value;
}

/** The id of the master key a wrapped data key was wrapped with. Throws DecryptionError when it is not a dk1 value. */
export function wrappedKeyId(wrapped: string): string {
  return parseWrapped(wrapped).keyRef;
}

/** Unwraps the owner's data key. The ring must still hold the master key it was wrapped with. */
export function unwrapDataKey(ring: KeyRing, wrapped: string, owner: RowRef): Buffer {
  const aad = ownerAad(owner);
  const where = { collection: owner.collection, field: DATA_KEY_FIELD };
  const parts = parseWrapped(wrapped, owner.collection);
  if (parts.bindRef !== bindRef(aad))
    throw new DecryptionError('wrong_binding', where, 'the wrapped key belongs to another row (copied?)');
  const masterKey = masterKeyOf(ring, parts.keyRef);
  if (!masterKey) {
    throw new DecryptionError(
      'unknown_key',
      where,
      `master key "${parts.keyRef}" is not in FIELD_ENCRYPTION_KEYS; add it back until every data key has been rewrapped`,
    );
  }
  const dataKey = open(masterKey, parts, aad);
  if (!dataKey || dataKey.length !== DATA_KEY_BYTES) {
    throw new DecryptionError(
      'tampered',
      where,
      `authentication failed: the wrapped key was altered, or master key "${parts.keyRef}" is not the key it was wrapped with`,
    );
  }
  return dataKey;
}

/** Rewraps a data key with the ring's active master key; returns the value unchanged when it already uses it. */
export function rewrapDataKey(ring: KeyRing, wrapped: string, owner: RowRef): string {
  if (wrappedKeyId(wrapped) === ring.activeKeyId) {
    unwrapDataKey(ring, wrapped, owner).fill(0); // still verify it: never report a damaged key as done
    return wrapped;
  }
  const dataKey = unwrapDataKey(ring, wrapped, owner);
  try {
    return wrapDataKey(ring, dataKey, owner);
  } finally {
    dataKey.fill(0);
  }
}

/** Whether a value is a wrapped data key in the dk1 format. */
export function isWrappedDataKey(value: unknown): value is string {
  return parse(value, WRAPPED_FORMAT).ok;
}

// ---------------------------------------------------------------------------------------------------------------------
// field values

/**
 * Whether a value is a stored (encrypted) field value: a well-formed enc1 value, or one in the shape of a later
 * format version (`enc<N>.` followed by base64url parts), which this version cannot read but must not treat as plaintext.
 */
export function isEncryptedValue(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if (parse(value, FIELD_FORMAT).ok) return true;
  return /^enc(?:[2-9]|[1-9][0-9]{1,5})(?:\.[A-Za-z0-9_-]*){2,}$/.test(value);
}

/**
 * Encrypts one personal field value with the migrant's data key, bound to `<collection>/<field>/<id>`.
 * Refuses a value that is already encrypted (a hook running twice would otherwise double-encrypt).
 */
export function encryptValue(dataKey: Uint8Array, plaintext: string, binding: FieldBinding): string {
  const key = checkDataKey(dataKey);
  const aad = fieldAad(binding);
  if (typeof plaintext !== 'string')
    throw new TypeError(`the value for ${binding.collection}.${binding.field} must be a string`);
  if (LONE_SURROGATE.test(plaintext))
    throw new TypeError(`the value for ${binding.collection}.${binding.field} is not well-formed Unicode`);
  if (isEncryptedValue(plaintext))
    throw new TypeError(`the value for ${binding.collection}.${binding.field} is already encrypted`);
  return serialise(
    FIELD_VALUE_VERSION,
    dataKeyRef(key),
    aad,
    seal(keyObjectOf(key), Buffer.from(plaintext, 'utf8'), aad),
  );
}

/**
 * Decrypts a stored field value. The checks run in this order, the first failing one is the reason:
 * unsupported_version / malformed / truncated (format) → wrong_binding (bindRef is not this row and field)
 * → unknown_key (keyRef is not this data key) → tampered (GCM authentication).
 */
export function decryptValue(dataKey: Uint8Array, stored: string, binding: FieldBinding): string {
  const key = checkDataKey(dataKey);
  const aad = fieldAad(binding);
  const where = { collection: binding.collection, field: binding.field };
  const parsed = parse(stored, FIELD_FORMAT);
  if (!parsed.ok) throw new DecryptionError(parsed.reason, where, parsed.detail);
  const parts = parsed.value;
  if (parts.bindRef !== bindRef(aad)) throw new DecryptionError('wrong_binding', where);
  if (parts.keyRef !== dataKeyRef(key)) {
    throw new DecryptionError('unknown_key', where, 'it was encrypted with another data key than this row’s');
  }
  const bytes = open(keyObjectOf(key), parts, aad);
  if (!bytes) throw new DecryptionError('tampered', where);
  if (!isUtf8(bytes)) throw new DecryptionError('malformed', where, 'the decrypted value is not UTF-8 text');
  // as TextDecoder reads it: a leading byte order mark is not part of the text
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return bytes.toString('utf8', bom ? 3 : 0);
}
