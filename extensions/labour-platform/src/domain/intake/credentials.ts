/**
 * Door 2's credential (issue 10): how a provider's own system signs in. A provider's administrator makes an API
 * credential for its organisation; the platform answers its token once and keeps only an argon2id hash of the secret
 * part. The token names its credential, so the platform finds the one hash to check:
 *
 *     lpk_<credential id, 32 hex digits>_<secret, 43 base64url characters (256 random bits)>
 *
 * A credential acts as a system user of its own (the provider role, the organisation it was made for, no password)
 * and only on the routes below: the intake door and reading its own rows. On any other route the token is no
 * credential at all (Directus answers 401), so it cannot write through /items, GraphQL or the admin app.
 * Plain module: no Directus import.
 */

/** The platform's bookkeeping table of the credentials (no API read or write). */
export const INTAKE_CREDENTIALS = 'intake_credentials';

export const CREDENTIAL_PREFIX = 'lpk_';
const TOKEN_PATTERN = /^lpk_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

export interface ParsedCredentialToken {
  /** The credential's id (a UUID with its dashes). */
  id: string;
  secret: string;
}

/** The credential id as a UUID from its 32 hex digits. */
function uuidOf(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The token of a credential id and a secret (43 base64url characters). */
export function credentialToken(id: string, secret: string): string {
  return `${CREDENTIAL_PREFIX}${id.replace(/-/g, '').toLowerCase()}_${secret}`;
}

/** A token of the platform's own form, or null (a Directus token, a JWT, anything else). */
export function parseCredentialToken(token: unknown): ParsedCredentialToken | null {
  if (typeof token !== 'string') return null;
  const match = TOKEN_PATTERN.exec(token);
  if (!match) return null;
  return { id: uuidOf(match[1]!), secret: match[2]! };
}

const UUID = '[0-9a-fA-F-]{36}';
/** The routes a credential may use, by method: the intake door, its own imports, and reading its own rows. */
const ALLOWED: ReadonlyArray<{ method: string; path: RegExp }> = [
  { method: 'PUT', path: /^\/intake\/residents\/?$/ },
  { method: 'POST', path: /^\/intake\/residents\/?$/ },
  { method: 'GET', path: new RegExp(`^/intake/imports/${UUID}(/refused\\.xlsx)?/?$`) },
  { method: 'GET', path: /^\/intake\/(columns|openapi\.json)\/?$/ },
  { method: 'GET', path: new RegExp(`^/items/(migrants|stays|locations)(/${UUID})?/?$`) },
];

/** Whether a credential may make this request (a path without its query string). */
export function credentialMayUse(method: string | undefined, path: string | undefined): boolean {
  const verb = (method ?? '').toUpperCase();
  const where = path ?? '';
  return ALLOWED.some((allowed) => allowed.method === verb && allowed.path.test(where));
}

/** A credential's name: what its administrator calls the system (1 to 100 characters, no control characters). */
export function credentialName(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const name = value.normalize('NFC').trim();
  // eslint-disable-next-line no-control-regex
  if (name.length === 0 || name.length > 100 || /[\u0000-\u001f\u007f]/.test(name)) return null;
  return name;
}
