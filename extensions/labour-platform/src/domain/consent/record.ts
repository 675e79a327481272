/**
 * Evidence of consent (GDPR Art. 7(1): the controller must be able to demonstrate that the person consented).
 * Every sign, refuse and revoke produces one ConsentRecord. Its canonical JSON (RFC 8785 JCS) is what gets
 * signed (signature.ts) and hashed; the next record of the same migrant carries that hash in `previousHash`,
 * so the records of one migrant form a chain (chain.ts) in which a deleted, reordered or modified record shows.
 *
 * A record holds no personal data: the migrant is a keyed pseudonym (HMAC), never a name or BSN, and the
 * consent text is referenced by its SHA-256, not copied.
 * Plain module: no Directus import.
 */
import { createHash, createHmac } from 'node:crypto';

export const CONSENT_ACTIONS = ['sign', 'refuse', 'revoke'] as const;
export type ConsentAction = (typeof CONSENT_ACTIONS)[number];

export type ConsentRecord = {
  version: 1;
  action: ConsentAction;
  /** When it happened: ISO 8601 in UTC, e.g. 2025-03-01T09:30:00.000Z. */
  at: string;
  /** Language the consent text was shown in (e.g. `nl`, `pl`, `pt-BR`). */
  language: string;
  /** The administrator's version label of the consent text. */
  textVersion: string;
  /** Hex SHA-256 of the exact consent text shown (UTF-8), see sha256Hex. */
  textSha256: string;
  /** Pseudonym of the migrant (see pseudonym): never a name or BSN. */
  subject: string;
  /** Id of the consent request this record answers. */
  consent: string;
  /** Hex SHA-256 of the previous record's canonical bytes in the same chain; null for the first record. */
  previousHash: string | null;
  /**
   * How the invitation reached the migrant: by e-mail, or as a letter printed by a user (their id, never a name)
   * at a time. Absent in records made before the channel was recorded.
   */
  channel?: ConsentChannel;
};

export const CONSENT_CHANNELS = ['email', 'letter'] as const;
export type ConsentChannel = {
  via: (typeof CONSENT_CHANNELS)[number];
  /** When the invitation was sent or the letter printed (ISO 8601 UTC), if known. */
  at: string | null;
  /** The user who printed the letter (letters only). */
  printedBy: string | null;
};

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function canonicalString(text: string): string {
  if (LONE_SURROGATE.test(text))
    throw new TypeError('canonicalJson: a string holds a lone surrogate, which is not valid Unicode');
  // ECMAScript's JSON.stringify escapes exactly as RFC 8785 §3.2.2.2 asks: \b \t \n \f \r, other controls as
  // \u00xx (lower-case hex), " and \; everything else literally.
  return JSON.stringify(text);
}

function canonicalValue(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      // RFC 8785 §3.2.2.3: the ECMAScript Number serialisation (shortest round-trip, 1e+30, -0 → 0).
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${path} is not a finite number`);
      return JSON.stringify(value);
    case 'string':
      return canonicalString(value);
    case 'object': {
      if (Array.isArray(value))
        return `[${value.map((item, index) => canonicalValue(item, `${path}[${index}]`)).join(',')}]`;
      const prototype: unknown = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null)
        throw new TypeError(`canonicalJson: ${path} is not a plain object`);
      const entries = Object.entries(value as Record<string, unknown>);
      // Keys sorted by UTF-16 code units (RFC 8785 §3.2.3), which is what the default sort compares.
      entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([key, item]) => `${canonicalString(key)}:${canonicalValue(item, `${path}.${key}`)}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: ${path} is ${typeof value}, which JSON cannot hold`);
  }
}

/**
 * Deterministic JSON in the style of RFC 8785 (JCS): keys sorted by UTF-16 code units, no whitespace, numbers
 * and strings as ECMAScript serialises them. Rejects what JSON cannot represent exactly (undefined, NaN,
 * Infinity, lone surrogates, class instances such as Date). Hash or sign the UTF-8 bytes of the result.
 */
export function canonicalJson(value: ConsentRecord | JsonValue): string {
  return canonicalValue(value, '$');
}

/** Hex SHA-256 of the UTF-8 bytes of a text (strings) or of the bytes themselves. */
export function sha256Hex(text: string | Uint8Array): string {
  return createHash('sha256')
    .update(typeof text === 'string' ? Buffer.from(text, 'utf8') : text)
    .digest('hex');
}

/** Hex SHA-256 of the record's canonical bytes: what the next record in the chain puts in previousHash. */
export function recordHash(record: ConsentRecord): string {
  return sha256Hex(canonicalJson(record));
}

export const PSEUDONYM_PREFIX = 'p1:';
export const MINIMUM_PSEUDONYM_SECRET_BYTES = 32;

/**
 * The migrant's pseudonym: `p1:` + hex HMAC-SHA256(secret, migrantId). Stable for one secret, so all records
 * of one migrant share it; without the secret it cannot be linked back to the migrant's id. The prefix names
 * the scheme, so a later scheme can live next to it.
 */
export function pseudonym(secret: Buffer, migrantId: string): string {
  if (secret.length < MINIMUM_PSEUDONYM_SECRET_BYTES) {
    throw new RangeError(`pseudonym: the secret must be at least ${MINIMUM_PSEUDONYM_SECRET_BYTES} bytes`);
  }
  if (migrantId.length === 0) throw new RangeError('pseudonym: the migrant id is empty');
  return PSEUDONYM_PREFIX + createHmac('sha256', secret).update(migrantId, 'utf8').digest('hex');
}

const HEX_SHA256 = /^[0-9a-f]{64}$/;
const PSEUDONYM = /^p1:[0-9a-f]{64}$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;
const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;
const RECORD_KEYS = [
  'action',
  'at',
  'channel',
  'consent',
  'language',
  'previousHash',
  'subject',
  'textSha256',
  'textVersion',
  'version',
] as const;
const CHANNEL_KEYS = ['at', 'printedBy', 'via'];

function channelProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'channel is not an object';
  const channel = value as Record<string, unknown>;
  if (
    Object.keys(channel).some((key) => !CHANNEL_KEYS.includes(key)) ||
    Object.keys(channel).length !== CHANNEL_KEYS.length
  )
    return 'channel must hold exactly via, at and printedBy';
  if (typeof channel['via'] !== 'string' || !(CONSENT_CHANNELS as readonly string[]).includes(channel['via']))
    return 'channel.via is not email or letter';
  const at = channel['at'];
  if (at !== null && (typeof at !== 'string' || !ISO_UTC.test(at) || Number.isNaN(Date.parse(at))))
    return 'channel.at is neither null nor an ISO 8601 UTC time';
  const printedBy = channel['printedBy'];
  if (printedBy !== null && (typeof printedBy !== 'string' || printedBy.length === 0))
    return 'channel.printedBy is neither null nor an id';
  if (channel['via'] === 'email' && printedBy !== null) return 'channel.printedBy is only for letters';
  return null;
}

/** Why a value is not a well-formed ConsentRecord, or null when it is one. */
export function consentRecordProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not an object';
  const record = value as Record<string, unknown>;
  const extra = Object.keys(record).filter((key) => !(RECORD_KEYS as readonly string[]).includes(key));
  if (extra.length > 0) return `unexpected field(s): ${extra.join(', ')}`;
  if (record['version'] !== 1) return 'version is not 1';
  if (typeof record['action'] !== 'string' || !(CONSENT_ACTIONS as readonly string[]).includes(record['action']))
    return 'action is not sign, refuse or revoke';
  const at = record['at'];
  if (typeof at !== 'string' || !ISO_UTC.test(at) || Number.isNaN(Date.parse(at)))
    return 'at is not an ISO 8601 UTC time';
  if (typeof record['language'] !== 'string' || !LANGUAGE_TAG.test(record['language']))
    return 'language is not a language tag';
  if (typeof record['textVersion'] !== 'string' || record['textVersion'].length === 0) return 'textVersion is empty';
  if (typeof record['textSha256'] !== 'string' || !HEX_SHA256.test(record['textSha256']))
    return 'textSha256 is not a hex SHA-256';
  if (typeof record['subject'] !== 'string' || !PSEUDONYM.test(record['subject']))
    return 'subject is not a pseudonym (p1:…)';
  if (typeof record['consent'] !== 'string' || record['consent'].length === 0) return 'consent is empty';
  const previous = record['previousHash'];
  if (previous !== null && (typeof previous !== 'string' || !HEX_SHA256.test(previous)))
    return 'previousHash is neither null nor a hex SHA-256';
  if ('channel' in record) return channelProblem(record['channel']);
  return null;
}

export function isConsentRecord(value: unknown): value is ConsentRecord {
  return consentRecordProblem(value) === null;
}

/** Parses stored canonical JSON back into a record; throws when it is not JSON or not a well-formed record. */
export function parseConsentRecord(text: string): ConsentRecord {
  const value: unknown = JSON.parse(text);
  const problem = consentRecordProblem(value);
  if (problem !== null) throw new TypeError(`Not a consent record: ${problem}`);
  return value as ConsentRecord;
}

/** The next record of a chain: links it to `previous` (or starts the chain when there is none). */
export function chainedRecord(
  previous: ConsentRecord | null,
  fields: Omit<ConsentRecord, 'version' | 'previousHash'>,
): ConsentRecord {
  const { channel, ...rest } = fields;
  const record: ConsentRecord = {
    version: 1,
    ...rest,
    ...(channel === undefined ? {} : { channel }),
    previousHash: previous === null ? null : recordHash(previous),
  };
  const problem = consentRecordProblem(record);
  if (problem !== null) throw new TypeError(`Not a consent record: ${problem}`);
  return record;
}
