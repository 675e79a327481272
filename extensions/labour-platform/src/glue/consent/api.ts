/**
 * What each route of /consent does, one call per route (the endpoint only translates HTTP): the public page's
 * guard (rate limits per address and per token, JSON, CSRF, the argon2 gate), its static files, its API, and
 * the signed-in letters (invitations: ./invitations.ts). Refusals are the seam's (glue/http/seam.ts).
 */
import type { Accountability } from '@directus/types';
import type { Knex } from 'knex';
import { consentIdOfToken, createCsrfToken, csrfMatches, isUuid } from '../../domain/consent/invitation';
import {
  ConcurrencyGate,
  FixedWindowLimiter,
  nonNegativeInteger,
  positiveInteger,
  type RateLimitStore,
} from '../../domain/consent/rate-limit';
import type { ConsentAction } from '../../domain/consent/record';
import { certificateFingerprint } from '../../domain/consent/signature';
import { consentConfig } from './config';
import { clientAddress, rateLimitStore } from '../http/limits';
import { header, Refused, Sent, type ApiRequest, type Reply } from '../http/seam';
import type { DataAccess } from '../items';
import { helpContacts, helpContactsAttribute } from './help';
import {
  CSRF_COOKIE,
  CSRF_HEADER,
  csrfKey,
  LETTER_CSS,
  LETTER_JS,
  letterHtml,
  loadPageFiles,
  setCsrfCookie,
  type PageFiles,
} from './http';
import { act, checkBirthDate, resolveToken, sessionView, signedReceipt } from './page';
import { letterFor } from './letters';
import { userLanguage } from '../language';

type Body = Record<string, unknown>;

function bodyOf(request: Pick<ApiRequest, 'body'>): Body {
  return (request.body && typeof request.body === 'object' ? request.body : {}) as Body;
}

/**
 * The public page's state: the CSRF key, the limiters (counted in Redis when configured; a count that cannot be
 * made refuses the request, 503), the gate of argon2 checks, and the built page files.
 */
export function consentPage(env: NodeJS.ProcessEnv, log: (line: string) => void) {
  const key = csrfKey(env['SECRET']);
  const secureCookies = (env['PUBLIC_URL'] ?? '').startsWith('https://');
  const windowMs = positiveInteger(env['CONSENT_RATE_LIMIT_WINDOW'], 60) * 1000;
  const shared = rateLimitStore(env);
  const store: RateLimitStore = {
    add: (name, amount, ttlMs) =>
      shared.add(name, amount, ttlMs).catch((error: unknown) => {
        log(
          `Consent page: the rate-limit store does not answer (${error instanceof Error ? error.message : String(error)})`,
        );
        throw new Refused({ code: 'unavailable' });
      }),
  };
  const perAddress = new FixedWindowLimiter(
    store,
    positiveInteger(env['CONSENT_RATE_LIMIT_PER_ADDRESS'], 60),
    windowMs,
    Date.now,
    'consent-address',
  );
  const perToken = new FixedWindowLimiter(
    store,
    positiveInteger(env['CONSENT_RATE_LIMIT_PER_LINK'], 20),
    windowMs,
    Date.now,
    'consent-link',
  );
  // argon2id costs memory and a thread: a few at a time, a short queue, the rest refused at once (429)
  const hashing = new ConcurrencyGate(
    positiveInteger(env['CONSENT_MAX_CONCURRENT_CHECKS'], 2),
    nonNegativeInteger(env['CONSENT_MAX_QUEUED_CHECKS'], 8),
  );
  let files: PageFiles | null | undefined;
  const pageFiles = (): PageFiles | null => {
    if (files === undefined) files = loadPageFiles();
    return files;
  };

  const limitAddress = async (request: ApiRequest): Promise<void> => {
    const byAddress = await perAddress.take(await clientAddress(request));
    if (!byAddress.allowed) throw new Refused({ code: 'rate_limited', retryAfter: byAddress.retryAfter });
  };

  const issueCsrf = (reply: Reply): string => {
    const csrf = createCsrfToken(key);
    setCsrfCookie(reply, csrf, secureCookies);
    return csrf;
  };

  return {
    /** Every POST of the page: the address's limit, JSON, CSRF, the token's limit, then a slot for argon2. */
    async guard(request: ApiRequest): Promise<() => void> {
      await limitAddress(request);
      if (!(header(request, 'content-type') ?? '').toLowerCase().startsWith('application/json'))
        throw new Refused({ code: 'json_required' });
      if (!csrfMatches(key, request.cookies?.[CSRF_COOKIE], header(request, CSRF_HEADER)))
        throw new Refused({ code: 'csrf' });
      const consentId = consentIdOfToken(bodyOf(request)['token']);
      if (consentId) {
        const byToken = await perToken.take(consentId);
        if (!byToken.allowed) throw new Refused({ code: 'rate_limited', retryAfter: byToken.retryAfter });
      }
      const release = await hashing.enter();
      if (!release) throw new Refused({ code: 'busy', retryAfter: 1 });
      return release;
    },

    /** GET /consent/: the page with a fresh CSRF token, and whom to ask when a link does not work (the same for every visitor). */
    async shell(reply: Reply, knex: Knex): Promise<Sent> {
      const page = pageFiles();
      if (!page) throw new Refused({ code: 'unavailable' });
      const help = await helpContacts(knex).catch(() => []);
      return new Sent(
        'text/html; charset=utf-8',
        page.index
          .replace('__CONSENT_CSRF__', issueCsrf(reply))
          .replace('__CONSENT_HELP__', helpContactsAttribute(help)),
      );
    },

    asset(name: string | undefined): Sent {
      const asset = pageFiles()?.assets.get(name ?? '');
      if (!asset) throw new Refused({ code: 'not_found' });
      return new Sent(asset.type, asset.body, 'immutable');
    },

    /** GET /consent/api/csrf: a fresh token (cookie and body), within the address's limit. */
    async csrf(request: ApiRequest, reply: Reply): Promise<{ csrf: string }> {
      await limitAddress(request);
      return { csrf: issueCsrf(reply) };
    },
  };
}

export const letterCss = (): Sent => new Sent('text/css; charset=utf-8', LETTER_CSS, 'immutable');
export const letterJs = (): Sent => new Sent('text/javascript; charset=utf-8', LETTER_JS, 'immutable');

/**
 * The platform's signing certificate, public (no personal data), with its SHA-256 fingerprint as explanatory text
 * above the PEM block (RFC 7468; OpenSSL and browsers skip it): what a receipt's recipe pins.
 */
export function signingCertificate(): Sent {
  const pem = consentConfig().signer.certificatePem;
  return new Sent('application/x-pem-file', `SHA-256 fingerprint: ${certificateFingerprint(pem)}\n${pem.trimEnd()}\n`);
}

/** What the page shows for a token. */
export async function pageSession(access: DataAccess, request: ApiRequest) {
  const body = bodyOf(request);
  return sessionView(access, await resolveToken(access.knex, body['token']), body['language']);
}

export async function pageVerify(access: DataAccess, request: ApiRequest): Promise<{ ok: true }> {
  const body = bodyOf(request);
  await checkBirthDate(access, await resolveToken(access.knex, body['token']), body['dateOfBirth']);
  return { ok: true };
}

/** Sign, refuse or revoke, after the date of birth. */
export async function pageAct(access: DataAccess, request: ApiRequest, name: ConsentAction) {
  const body = bodyOf(request);
  const resolved = await resolveToken(access.knex, body['token']);
  await checkBirthDate(access, resolved, body['dateOfBirth']);
  return (
    await act(access, resolved, name, {
      language: body['language'],
      textSha256: body['textSha256'],
      fullName: body['fullName'],
      agree: body['agree'],
    })
  ).result;
}

export async function pageReceipt(access: DataAccess, request: ApiRequest) {
  const body = bodyOf(request);
  return signedReceipt(access, await resolveToken(access.knex, body['token']), String(body['token']), body['language']);
}

/**
 * The printable letter, for the migrant's own provider. Everyone else signed in gets one and the same 403, whether the
 * migrant is hidden from them, visible (a clerk's), missing or no id at all (issue 16: only the own provider prints).
 */
export async function printableLetter(access: DataAccess, request: ApiRequest): Promise<Sent> {
  const migrant = bodyOf(request)['migrant'];
  if (typeof migrant !== 'string') throw new Refused({ code: 'invalid_input', field: 'migrant' });
  // not an id: the same answer as a migrant that is not yours (and no query a database could choke on)
  if (!isUuid(migrant)) throw new Refused({ code: 'letter_own_provider_only' });
  const outcome = await letterFor(access, request.accountability as Accountability, migrant);
  if (!outcome.ok) throw new Refused({ code: outcome.reason === 'closed' ? 'closed' : 'letter_own_provider_only' });
  const reader = await userLanguage(access.knex, request.accountability as Accountability);
  return new Sent('text/html; charset=utf-8', await letterHtml(outcome.letter, reader));
}
