/**
 * The consent invitation: a single-use random token in a link, of which the platform stores only an argon2id
 * hash (glue/consent/token-hash.ts hashes; this module makes, reads and judges tokens). The token also names its consent
 * request, so the row can be found without storing anything searchable:
 *
 *   token = base64url( 16 bytes: the consent's UUID | 32 bytes: random )   → 64 characters, 256 random bits
 *
 * The link carries the token in the URL fragment (`/consent/#t=…`): browsers never send a fragment to the
 * server, so it appears in no access log and no Referer header.
 * Plain module: no Directus import.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ConsentStatus } from '../vocabulary';

export const TOKEN_RANDOM_BYTES = 32;
export const TOKEN_LENGTH = 64;
export const DEFAULT_INVITATION_DAYS = 30;
export const MAX_BIRTH_DATE_ATTEMPTS = 5;
export const CONSENT_INVITATION_DAYS = 'CONSENT_INVITATION_DAYS';
export const CONSENT_PSEUDONYM_SECRET = 'CONSENT_PSEUDONYM_SECRET';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BASE64URL_TOKEN = /^[A-Za-z0-9_-]{64}$/;

/** Whether a value is a UUID (ids of consents and migrants): anything else is refused before any query. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

function uuidBytes(id: string): Buffer {
  if (!UUID.test(id)) throw new RangeError('invitation token: the consent id is not a UUID');
  return Buffer.from(id.replace(/-/g, ''), 'hex');
}

function uuidFromBytes(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** A fresh token for a consent request (256 random bits after the request's id). */
export function generateInvitationToken(consentId: string, random: (size: number) => Buffer = randomBytes): string {
  const token = Buffer.concat([uuidBytes(consentId), random(TOKEN_RANDOM_BYTES)]).toString('base64url');
  if (token.length !== TOKEN_LENGTH) throw new Error('invitation token: unexpected length');
  return token;
}

/** The consent id a token names, or null when the text is not a well-formed token (no database work then). */
export function consentIdOfToken(token: unknown): string | null {
  if (typeof token !== 'string' || !BASE64URL_TOKEN.test(token)) return null;
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length !== 16 + TOKEN_RANDOM_BYTES || bytes.toString('base64url') !== token) return null;
  return uuidFromBytes(bytes.subarray(0, 16));
}

/** The link a migrant opens: the consent page with the token in the fragment. */
export function invitationLink(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/consent/#t=${token}`;
}

/** How many days an invitation stays valid: CONSENT_INVITATION_DAYS (1–365), else 30. */
export function invitationDays(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_INVITATION_DAYS;
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1 || days > 365)
    throw new Error(`${CONSENT_INVITATION_DAYS} must be a whole number of days from 1 to 365.`);
  return days;
}

export function invitationExpiry(now: Date, days: number): Date {
  return new Date(now.getTime() + days * 24 * 60 * 60 * 1000);
}

/** The columns of a `consents` row that decide whether its token may be used. */
export interface TokenState {
  status: ConsentStatus | string | null;
  expires_at: string | number | Date | null;
  locked_at: string | number | Date | null;
  withdrawn_at: string | number | Date | null;
  token_hash: string | null;
}

/**
 * What a (correct) token may do now: `decide` (sign or refuse an open request), `revoke` (a signed consent,
 * through the link handed out at signing), or nothing. Every "nothing" looks the same to the migrant: a wrong,
 * expired, locked, withdrawn or used link cannot be told apart.
 */
export type TokenUse = 'decide' | 'revoke' | 'none';

/** A stored time as epoch ms: a Date, epoch ms (SQLite) or an ISO string. */
export function timeOf(value: string | number | Date | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const parsed =
    value instanceof Date
      ? value.getTime()
      : typeof value === 'number' || /^\d+$/.test(value)
        ? Number(value)
        : Date.parse(value);
  return Number.isNaN(parsed) ? null : parsed;
}

export function tokenUse(row: TokenState, now: Date): TokenUse {
  if (!row.token_hash || (row.locked_at ?? null) !== null || (row.withdrawn_at ?? null) !== null) return 'none';
  if (row.status === 'signed') return 'revoke';
  if (row.status !== 'requested') return 'none';
  const expires = timeOf(row.expires_at);
  if (expires !== null && expires <= now.getTime()) return 'none';
  return 'decide';
}

/**
 * A date of birth as typed (day, month, year) into `YYYY-MM-DD`, or null when it is no real date. Accepts
 * numbers or numeric strings; years from 1900 to this year.
 */
export function birthDateFrom(
  parts: { day: unknown; month: unknown; year: unknown },
  now: Date = new Date(),
): string | null {
  const number = (value: unknown): number | null => {
    const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
    return /^\d{1,4}$/.test(text) ? Number(text) : null;
  };
  const day = number(parts.day);
  const month = number(parts.month);
  const year = number(parts.year);
  if (day === null || month === null || year === null) return null;
  if (year < 1900 || year > now.getUTCFullYear() || month < 1 || month > 12 || day < 1) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) return null;
  return date.toISOString().slice(0, 10);
}

/** Compares two `YYYY-MM-DD` dates in constant time (the stored one comes decrypted from the data layer). */
export function sameBirthDate(typed: string, stored: unknown): boolean {
  if (typeof stored !== 'string') return false;
  const a = Buffer.from(typed.padEnd(10, ' ').slice(0, 10));
  const b = Buffer.from(stored.slice(0, 10).padEnd(10, ' '));
  return timingSafeEqual(a, b) && typed.length === 10;
}

/** The full name typed to sign: trimmed, inner spaces collapsed; null when too short or too long. */
export function typedFullName(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const name = value.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (name.length < 2 || name.length > 200 || !/\p{L}/u.test(name)) return null;
  return name;
}

/** The first of a migrant's given names: the only personal data the public page shows. */
export function firstNameOf(firstNames: unknown): string {
  if (typeof firstNames !== 'string') return '';
  return firstNames.trim().split(/\s+/)[0] ?? '';
}

/** The pseudonym secret (CONSENT_PSEUDONYM_SECRET): base64 of at least 32 bytes. */
export function pseudonymSecretFrom(value: string | undefined): Buffer {
  if (value === undefined || value.trim() === '')
    throw new Error(`${CONSENT_PSEUDONYM_SECRET} is not set: it must hold base64 of 32 random bytes.`);
  const secret = Buffer.from(value.trim(), 'base64');
  if (secret.length < 32) throw new Error(`${CONSENT_PSEUDONYM_SECRET} must be base64 of at least 32 bytes.`);
  return secret;
}

// --------------------------------------------------------------------------------------------- CSRF tokens

/**
 * CSRF protection of the page's POSTs (double submit, bound to the server): the page gets a token in a
 * SameSite=Strict, HttpOnly cookie and in the page itself, and must echo it in a header. The token carries an
 * HMAC under the platform's secret, so a value planted in the cookie by someone else is refused.
 */
export function createCsrfToken(key: Buffer, random: Buffer = randomBytes(18)): string {
  const nonce = random.toString('base64url');
  return `${nonce}.${createHmac('sha256', key).update(`consent-csrf:${nonce}`).digest('base64url')}`;
}

export function isValidCsrfToken(key: Buffer, token: unknown): boolean {
  if (typeof token !== 'string' || token.length > 200) return false;
  const [nonce, mac, ...rest] = token.split('.');
  if (!nonce || !mac || rest.length > 0) return false;
  const expected = createHmac('sha256', key).update(`consent-csrf:${nonce}`).digest();
  const given = Buffer.from(mac, 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The cookie and the header must carry the same valid token. */
export function csrfMatches(key: Buffer, cookie: unknown, header: unknown): boolean {
  if (typeof cookie !== 'string' || typeof header !== 'string' || cookie.length !== header.length) return false;
  return timingSafeEqual(Buffer.from(cookie), Buffer.from(header)) && isValidCsrfToken(key, cookie);
}
