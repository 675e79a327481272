/**
 * Door 2's API credentials (issue 10; the token's form and the routes it opens are domain/intake/credentials.ts).
 *   GET  /intake/credentials                 the credentials of the caller's organisation (an administrator: all, or ?provider=)
 *   POST /intake/credentials                 { name, provider? } → the credential with its token, answered once
 *   POST /intake/credentials/:id/rotate      a new token; the old one stops at once
 *   POST /intake/credentials/:id/revoke      the credential and its system user stop at once
 * Who manages them: a provider user for its own organisation (the provider's administrator in the admin app), and
 * the platform's administrator for any provider. Anyone else, and a credential's own system user, gets the same 404
 * as for a credential that does not exist.
 *
 * Each credential acts as a system user of its own: a Directus user with the provider role and the credential's
 * organisation, no password, no Directus token and no app access, so the intake door, the permissions and the
 * reveal log treat it as the provider it belongs to, and every row it writes names it (user_created, activity).
 * The table keeps an argon2id hash of the token, never the token. It is the platform's bookkeeping: no API write,
 * no API read (administrators included); these endpoints are the only way in.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Accountability } from '@directus/types';
import type { Knex } from 'knex';
import {
  INTAKE_CREDENTIALS,
  credentialMayUse,
  credentialName,
  credentialToken,
  parseCredentialToken,
} from '../../domain/intake/credentials';
import { hashToken, verifyToken } from '../consent/token-hash';
import { Refused, type ApiRequest } from '../http/seam';
import type { DataAccess } from '../items';
import { timestamp } from '../retention/facts';
import { ROLE_IDS } from '../roles';
import { viewerOf } from '../privacy/personal-data';

export { INTAKE_CREDENTIALS };

export interface IntakeCredential {
  id: string;
  provider: string;
  name: string;
  /** The system user the credential acts as (user_created of the rows it writes). */
  user: string;
  created_by: string | null;
  created_at: string | null;
  rotated_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
  /** Only in the answer of a create or a rotation: the one time the token is shown. */
  token?: string;
}

interface StoredCredential {
  id: string;
  provider: string;
  name: string;
  user: string;
  token_hash: string;
  created_by: string | null;
  date_created: unknown;
  rotated_at: unknown;
  revoked_at: unknown;
  last_used_at: unknown;
}

function view(row: StoredCredential): IntakeCredential {
  return {
    id: row.id,
    provider: row.provider,
    name: row.name,
    user: row.user,
    created_by: row.created_by,
    created_at: timestamp(row.date_created),
    rotated_at: timestamp(row.rotated_at),
    revoked_at: timestamp(row.revoked_at),
    last_used_at: timestamp(row.last_used_at),
  };
}

function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

// ------------------------------------------------------------------------------------------------ who manages

/** The organisation a caller manages credentials for: null for an administrator naming none (all providers). */
async function managedProvider(
  knex: Knex,
  accountability: Accountability | null | undefined,
  named: string | null,
): Promise<string | null> {
  if (!accountability?.user && !accountability?.admin) throw new Refused({ code: 'not_signed_in' });
  if (named !== null && !/^[0-9a-f-]{36}$/i.test(named)) throw new Refused({ code: 'not_found' });
  if (accountability.admin) {
    if (named === null) return null;
    const provider = (await knex('organisations').select('type').where('id', named).first()) as
      { type: string | null } | undefined;
    if (!provider || provider.type === 'gemeente') throw new Refused({ code: 'not_found' });
    return named;
  }
  if (viewerOf(accountability) !== 'provider' || !accountability.user) throw new Refused({ code: 'not_found' });
  // a credential's own system user manages nothing (its routes are limited anyway: domain/intake/credentials.ts)
  if (await knex(INTAKE_CREDENTIALS).where('user', accountability.user).first('id'))
    throw new Refused({ code: 'not_found' });
  const own = (
    (await knex('directus_users').select('organisation').where('id', accountability.user).first()) as
      { organisation: string | null } | undefined
  )?.organisation;
  if (!own || (named !== null && named !== own)) throw new Refused({ code: 'not_found' });
  return own;
}

async function managedCredential(
  knex: Knex,
  accountability: Accountability | null | undefined,
  id: string,
): Promise<StoredCredential> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) {
    await managedProvider(knex, accountability, null);
    throw new Refused({ code: 'not_found' });
  }
  const row = (await knex(INTAKE_CREDENTIALS).where('id', id).first()) as StoredCredential | undefined;
  const provider = await managedProvider(knex, accountability, null);
  if (!row || (provider !== null && row.provider !== provider)) throw new Refused({ code: 'not_found' });
  return row;
}

function namedProvider(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

// ------------------------------------------------------------------------------------------------ the endpoints

export async function listCredentials(access: DataAccess, request: ApiRequest): Promise<IntakeCredential[]> {
  const provider = await managedProvider(
    access.knex,
    request.accountability,
    namedProvider(request.query?.['provider']),
  );
  let query = access.knex(INTAKE_CREDENTIALS).select('*').orderBy('name', 'asc');
  if (provider !== null) query = query.where('provider', provider);
  return ((await query) as StoredCredential[]).map(view);
}

export async function createCredential(access: DataAccess, request: ApiRequest): Promise<IntakeCredential> {
  const body = (request.body ?? {}) as { name?: unknown; provider?: unknown };
  const provider = await managedProvider(access.knex, request.accountability, namedProvider(body.provider));
  if (provider === null) throw new Refused({ code: 'missing_input', field: 'provider' });
  const name = credentialName(body.name);
  if (name === null) throw new Refused({ code: 'invalid_input', field: 'name' });
  const id = randomUUID();
  const user = randomUUID();
  const secret = newSecret();
  const token = credentialToken(id, secret);
  const hash = await hashToken(token);
  const now = new Date();
  await access.knex.transaction(async (trx) => {
    // the system user: no email, no password, no Directus token, so nothing but this credential signs it in
    await trx('directus_users').insert({
      id: user,
      first_name: 'API',
      last_name: name,
      email: null,
      password: null,
      token: null,
      status: 'active',
      role: ROLE_IDS.provider,
      provider: 'default',
      organisation: provider,
      email_notifications: false,
    });
    await trx(INTAKE_CREDENTIALS).insert({
      id,
      provider,
      name,
      user,
      token_hash: hash,
      created_by: request.accountability?.user ?? null,
      date_created: now,
    });
  });
  forget(id);
  const row = (await access.knex(INTAKE_CREDENTIALS).where('id', id).first()) as StoredCredential;
  return { ...view(row), token };
}

export async function rotateCredential(access: DataAccess, request: ApiRequest): Promise<IntakeCredential> {
  const row = await managedCredential(access.knex, request.accountability, request.params['id'] ?? '');
  if (row.revoked_at !== null && row.revoked_at !== undefined) throw new Refused({ code: 'intake_credential_revoked' });
  const token = credentialToken(row.id, newSecret());
  const hash = await hashToken(token);
  await access.knex(INTAKE_CREDENTIALS).where('id', row.id).update({ token_hash: hash, rotated_at: new Date() });
  forget(row.id);
  const stored = (await access.knex(INTAKE_CREDENTIALS).where('id', row.id).first()) as StoredCredential;
  return { ...view(stored), token };
}

export async function revokeCredential(access: DataAccess, request: ApiRequest): Promise<IntakeCredential> {
  const row = await managedCredential(access.knex, request.accountability, request.params['id'] ?? '');
  if (row.revoked_at === null || row.revoked_at === undefined) {
    await access.knex.transaction(async (trx) => {
      await trx(INTAKE_CREDENTIALS).where('id', row.id).update({ revoked_at: new Date() });
      await trx('directus_users').where('id', row.user).update({ status: 'suspended' });
    });
  }
  forget(row.id);
  return view((await access.knex(INTAKE_CREDENTIALS).where('id', row.id).first()) as StoredCredential);
}

// ------------------------------------------------------------------------------------------------ signing in

/**
 * Tokens checked before, by credential: the hash they were checked against and the token's SHA-256. A request with
 * the same token against the same stored hash skips argon2 (the row is read every time, so a rotation or a revocation
 * counts at once, on every instance).
 */
const checked = new Map<string, { hash: string; tokenSha: string; usedAt: number }>();
const MAX_CHECKED = 1000;

function forget(id: string): void {
  checked.delete(id);
}

export interface CredentialRequest {
  method?: string;
  path?: string;
  token?: string | null;
  accountability: Accountability;
}

/**
 * Directus's `authenticate` filter: the accountability of a credential's system user when the request carries a
 * live credential token and asks for a route the credential may use; else the default accountability unchanged
 * (Directus then tries the token itself and answers 401 for a token it does not know).
 */
export async function credentialAccountability(knex: Knex, request: CredentialRequest): Promise<Accountability> {
  const parsed = parseCredentialToken(request.token);
  if (parsed === null || !credentialMayUse(request.method, request.path)) return request.accountability;
  const row = (await knex(INTAKE_CREDENTIALS)
    .join('directus_users', 'directus_users.id', `${INTAKE_CREDENTIALS}.user`)
    .select(
      `${INTAKE_CREDENTIALS}.token_hash`,
      `${INTAKE_CREDENTIALS}.revoked_at`,
      `${INTAKE_CREDENTIALS}.provider`,
      'directus_users.id as user',
      'directus_users.status',
      'directus_users.role',
      'directus_users.organisation',
    )
    .where(`${INTAKE_CREDENTIALS}.id`, parsed.id)
    .first()) as
    | {
        token_hash: string;
        revoked_at: unknown;
        provider: string;
        user: string;
        status: string;
        role: string | null;
        organisation: string | null;
      }
    | undefined;
  if (
    !row ||
    (row.revoked_at !== null && row.revoked_at !== undefined) ||
    row.status !== 'active' ||
    row.role !== ROLE_IDS.provider ||
    row.organisation !== row.provider
  )
    return request.accountability;
  const token = request.token as string;
  const tokenSha = createHash('sha256').update(token).digest('hex');
  const known = checked.get(parsed.id);
  if (!(known && known.hash === row.token_hash && known.tokenSha === tokenSha)) {
    if (!(await verifyToken(row.token_hash, token))) return request.accountability;
    if (checked.size >= MAX_CHECKED) checked.clear();
    checked.set(parsed.id, { hash: row.token_hash, tokenSha, usedAt: 0 });
  }
  const entry = checked.get(parsed.id)!;
  if (Date.now() - entry.usedAt > 60_000) {
    entry.usedAt = Date.now();
    void knex(INTAKE_CREDENTIALS)
      .where('id', parsed.id)
      .update({ last_used_at: new Date() })
      .catch(() => undefined);
  }
  return {
    ...request.accountability,
    user: row.user,
    role: ROLE_IDS.provider,
    roles: [ROLE_IDS.provider],
    admin: false,
    app: false,
  };
}
