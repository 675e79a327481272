/**
 * The glue of sign-in through an eHerkenning broker (domain/sign-in/eherkenning.ts): Directus's `openid` driver
 * emits the filter `auth.create` before it creates a user on the first login and `auth.update` before it updates
 * the user on every later login, both with the broker's claims (flattened) in `meta.providerPayload.userInfo`.
 * For the providers named in EHERKENNING_PROVIDERS (default `eherkenning`) this sets the user's organisation and
 * role from the claims on every login, or refuses the login (the browser then gets the page of
 * glue/sign-in/refused-page.ts instead of the admin app's login page with `?reason=ORGANISATION_NOT_REGISTERED`).
 */
import { createError } from '@directus/errors';
import type { Knex } from 'knex';
import {
  brokerClaims,
  decideSignIn,
  EHERKENNING_BRANCH_CLAIM,
  EHERKENNING_KVK_CLAIM,
  SIGN_IN_REFUSED_CODE,
  signInRefusalMessage,
  type BrokerClaimNames,
  type SignInOrganisation,
  type SignInRole,
} from '../../domain/sign-in/eherkenning';
import { pickUiLanguage } from '../../domain/ui-language';
import { currentAcceptLanguage } from '../request-context';
import { ROLE_IDS } from '../roles';
import { noteRefusal } from './refused-page';

/** 401, as Directus's own refused logins; the message is for the log and an API caller. */
export const SignInRefusedError = createError<{ reason: string }>(
  SIGN_IN_REFUSED_CODE,
  (extensions) => extensions.reason,
  401,
);

const ROLE_OF: Readonly<Record<SignInRole, string>> = { provider: ROLE_IDS.provider };

type Env = Readonly<Record<string, string | undefined>>;

/** The auth providers (AUTH_PROVIDERS names) that are eHerkenning brokers. */
export function eherkenningProviders(env: Env): Set<string> {
  const listed = env['EHERKENNING_PROVIDERS'] ?? 'eherkenning';
  return new Set(
    listed
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter(Boolean),
  );
}

/** The claim names of one broker: AUTH_<NAME>_KVK_CLAIM and AUTH_<NAME>_BRANCH_CLAIM, else eHerkenning's own. */
export function claimNamesOf(provider: string, env: Env): BrokerClaimNames {
  const prefix = `AUTH_${provider.toUpperCase()}_`;
  return {
    kvk: env[`${prefix}KVK_CLAIM`] || EHERKENNING_KVK_CLAIM,
    branch: env[`${prefix}BRANCH_CLAIM`] || EHERKENNING_BRANCH_CLAIM,
  };
}

export interface AuthFilterMeta {
  provider?: unknown;
  providerPayload?: { userInfo?: Record<string, unknown> } | null;
}

/**
 * The handler of `auth.create` and `auth.update`: the payload with the organisation and role the claims decide,
 * the payload unchanged for another provider, or a SignInRefusedError.
 */
export async function assignOrganisation(
  database: Knex,
  env: Env,
  payload: Record<string, unknown>,
  meta: AuthFilterMeta,
): Promise<Record<string, unknown>> {
  const provider = typeof meta.provider === 'string' ? meta.provider.toLowerCase() : '';
  if (!eherkenningProviders(env).has(provider)) return payload;
  const claims = brokerClaims(meta.providerPayload?.userInfo ?? {}, claimNamesOf(provider, env));
  const organisations = claims
    ? await database('organisations')
        .select<SignInOrganisation[]>('id', 'type', 'kvk_number', 'branch_number')
        .whereNotNull('kvk_number')
    : [];
  const decision = decideSignIn(claims, organisations);
  if (!decision.ok) {
    noteRefusal(decision.refusal);
    const language = pickUiLanguage(null, currentAcceptLanguage());
    throw new SignInRefusedError({ reason: signInRefusalMessage(decision.refusal, language) });
  }
  return { ...payload, organisation: decision.organisation, role: ROLE_OF[decision.role] };
}
