/**
 * /consent: the migrant's public consent page and its API, served by the platform itself (no request leaves it).
 *
 *   GET  /consent/                    the page (a small Vue app) with a CSRF token; /consent/assets/* its files
 *   GET  /consent/api/csrf            a fresh CSRF token (cookie + body)
 *   POST /consent/api/session         { token, language? }                     what the page shows
 *   POST /consent/api/verify          { token, dateOfBirth: {day,month,year} }  checks the date of birth
 *   POST /consent/api/sign            { token, dateOfBirth, fullName, agree: true, language, textSha256 }
 *   POST /consent/api/refuse          { token, dateOfBirth, language, textSha256 }
 *   POST /consent/api/revoke          { token, dateOfBirth, language, textSha256 }
 *   POST /consent/api/receipt         { token, language? }                      the signature's receipt again
 *   POST /consent/letters             { migrant }   (the migrant's own provider; everyone else 403) a printable letter
 *   POST /consent/invitations/:id/resend | /withdraw   (administrators)
 *
 * Every POST of the page needs the CSRF header, JSON, and passes rate limits per address (as Directus resolves it
 * behind its trusted proxy) and per token, counted in Redis when configured; at most a few argon2 checks run at
 * once, more are refused at once (429 busy). A wrong, expired, locked, withdrawn or used token gets one and the
 * same 404 answer.
 * The public policy has no permissions: everything here runs as the system, after checking the token.
 */
import { defineEndpoint } from '@directus/extensions-sdk';
import type { Accountability, SchemaOverview } from '@directus/types';
import { createCsrfToken, csrfMatches, consentIdOfToken, isUuid } from '../../domain/consent/invitation';
import { ConcurrencyGate, FixedWindowLimiter, nonNegativeInteger, positiveInteger, type RateLimitStore } from '../../domain/consent/rate-limit';
import type { ConsentAction } from '../../domain/consent/record';
import {
  act,
  checkBirthDate,
  ConsentRefused,
  consentConfig,
  INVITATION_EVENT,
  letterFor,
  resolveToken,
  sendInvitation,
  sessionView,
  signedReceipt,
  withdrawInvitation,
  flowEmitter,
  type Emit,
} from '../../glue/consent/requests';
import {
  CSRF_COOKIE,
  CSRF_HEADER,
  csrfKey,
  header,
  LETTER_CSS,
  LETTER_JS,
  letterHtml,
  loadPageFiles,
  securityHeaders,
  setCsrfCookie,
  type HttpRequest,
  type HttpResponse,
  type PageFiles,
} from '../../glue/consent/http';
import { helpContacts, helpContactsAttribute } from '../../glue/consent/help';
import { itemsServiceFrom, type DataAccess } from '../../glue/items';
import { clientAddress, rateLimitStore } from '../../glue/http/limits';

type Next = (error?: unknown) => void;

class LimitUnavailable extends Error {
  constructor(reason: string) {
    super(`the rate-limit store does not answer (${reason})`);
  }
}
type Handler = (request: HttpRequest & { schema?: SchemaOverview }, response: HttpResponse, next: Next) => void;

const STATUS: Record<ConsentRefused['code'], number> = {
  invalid_link: 404,
  wrong_birth_date: 422,
  locked: 423,
  invalid_input: 400,
  text_changed: 409,
  conflict: 409,
};

export default defineEndpoint({
  id: 'consent',
  handler: (router, { services, database, getSchema, logger, emitter }) => {
    const ItemsService = itemsServiceFrom(services);
    const env = process.env;
    const key = csrfKey(env['SECRET']);
    const secureCookies = (env['PUBLIC_URL'] ?? '').startsWith('https://');
    const windowMs = positiveInteger(env['CONSENT_RATE_LIMIT_WINDOW'], 60) * 1000;
    const shared = rateLimitStore(env);
    // a count that cannot be made (Redis down) refuses the request (503) instead of letting it through
    const store: RateLimitStore = {
      add: (name, amount, ttlMs) =>
        shared.add(name, amount, ttlMs).catch((error: unknown) => {
          throw new LimitUnavailable(error instanceof Error ? error.message : String(error));
        }),
    };
    const perAddress = new FixedWindowLimiter(store, positiveInteger(env['CONSENT_RATE_LIMIT_PER_ADDRESS'], 60), windowMs, Date.now, 'consent-address');
    const perToken = new FixedWindowLimiter(store, positiveInteger(env['CONSENT_RATE_LIMIT_PER_LINK'], 20), windowMs, Date.now, 'consent-link');
    // argon2id costs memory and a thread: a few at a time, a short queue, the rest refused at once (429)
    const hashing = new ConcurrencyGate(positiveInteger(env['CONSENT_MAX_CONCURRENT_CHECKS'], 2), nonNegativeInteger(env['CONSENT_MAX_QUEUED_CHECKS'], 8));
    const emit: Emit = flowEmitter(emitter, database, (message) => logger.warn(message));
    let page: PageFiles | null | undefined;
    const pageFiles = (): PageFiles | null => {
      if (page === undefined) page = loadPageFiles();
      return page;
    };
    try {
      consentConfig();
    } catch (error) {
      logger.warn(`Consent page: ${error instanceof Error ? error.message : String(error)} Signing and invitations fail until it is set.`);
    }

    const access = async (request: { schema?: SchemaOverview }): Promise<DataAccess> => ({ knex: database, schema: request.schema ?? (await getSchema()), ItemsService });
    const fail = (response: HttpResponse, status: number, code: string, details: Record<string, unknown> = {}) => {
      securityHeaders(response);
      response.status(status).json({ error: { code, ...details } });
    };

    // ------------------------------------------------------------------------------------------ the page

    const shell: Handler = (_request, response) => {
      void (async () => {
        const files = pageFiles();
        securityHeaders(response);
        if (!files) {
          response.status(503).setHeader('Content-Type', 'text/plain; charset=utf-8');
          response.send('The consent page is not built: run npm run build.');
          return;
        }
        // whom to ask when a link does not work: the same for every visitor
        const help = await helpContacts(database).catch(() => []);
        const csrf = createCsrfToken(key);
        setCsrfCookie(response, csrf, secureCookies);
        response.setHeader('Content-Type', 'text/html; charset=utf-8');
        response.status(200).send(files.index.replace('__CONSENT_CSRF__', csrf).replace('__CONSENT_HELP__', helpContactsAttribute(help)));
      })();
    };
    router.get('/', shell);

    router.get('/assets/:file', ((request, response) => {
      const asset = pageFiles()?.assets.get(request.params['file'] ?? '');
      if (!asset) return fail(response, 404, 'not_found');
      securityHeaders(response, 'immutable');
      response.setHeader('Content-Type', asset.type);
      response.status(200).send(asset.body);
    }) as Handler);

    router.get('/letter.css', ((_request, response) => {
      securityHeaders(response, 'immutable');
      response.setHeader('Content-Type', 'text/css; charset=utf-8');
      response.status(200).send(LETTER_CSS);
    }) as Handler);

    router.get('/letter.js', ((_request, response) => {
      securityHeaders(response, 'immutable');
      response.setHeader('Content-Type', 'text/javascript; charset=utf-8');
      response.status(200).send(LETTER_JS);
    }) as Handler);

    // ------------------------------------------------------------------------------------------- the API

    router.get('/api/csrf', ((request, response) => {
      void (async () => {
        try {
          const byAddress = await perAddress.take(await clientAddress(request));
          if (!byAddress.allowed) {
            response.setHeader('Retry-After', String(byAddress.retryAfter));
            return fail(response, 429, 'rate_limited');
          }
          const csrf = createCsrfToken(key);
          securityHeaders(response);
          setCsrfCookie(response, csrf, secureCookies);
          response.status(200).json({ data: { csrf } });
        } catch (error) {
          logger.error(error instanceof Error ? `Consent page: ${error.message}` : 'Consent page: unexpected error');
          fail(response, 503, 'unavailable');
        }
      })();
    }) as Handler);

    /** A POST of the page: JSON, CSRF, rate limits, then the work; refusals become their status and code. */
    const api = (work: (request: HttpRequest & { schema?: SchemaOverview }, body: Record<string, unknown>, response: HttpResponse) => Promise<unknown>): Handler =>
      (request, response) => {
        void (async () => {
          let release: (() => void) | null = null;
          try {
            const byAddress = await perAddress.take(await clientAddress(request));
            if (!byAddress.allowed) {
              response.setHeader('Retry-After', String(byAddress.retryAfter));
              return fail(response, 429, 'rate_limited');
            }
            if (!(header(request, 'content-type') ?? '').toLowerCase().startsWith('application/json')) return fail(response, 415, 'json_required');
            if (!csrfMatches(key, request.cookies?.[CSRF_COOKIE], header(request, CSRF_HEADER))) return fail(response, 403, 'csrf');
            const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
            const consentId = consentIdOfToken(body['token']);
            if (consentId) {
              const byToken = await perToken.take(consentId);
              if (!byToken.allowed) {
                response.setHeader('Retry-After', String(byToken.retryAfter));
                return fail(response, 429, 'rate_limited');
              }
            }
            release = await hashing.enter();
            if (!release) {
              response.setHeader('Retry-After', '1');
              return fail(response, 429, 'busy');
            }
            const data = await work(request, body, response);
            securityHeaders(response);
            response.status(200).json({ data });
          } catch (error) {
            if (error instanceof ConsentRefused) return fail(response, STATUS[error.code], error.code, error.details);
            if (error instanceof LimitUnavailable) {
              logger.error(`Consent page: ${error.message}`);
              return fail(response, 503, 'unavailable');
            }
            logger.error(error instanceof Error ? `Consent page: ${error.message}` : 'Consent page: unexpected error');
            fail(response, 500, 'error');
          } finally {
            release?.();
          }
        })();
      };

    router.post('/api/session', api(async (request, body) => {
      const data = await access(request);
      return sessionView(data, await resolveToken(database, body['token']), body['language']);
    }));

    router.post('/api/verify', api(async (request, body) => {
      const data = await access(request);
      const resolved = await resolveToken(database, body['token']);
      await checkBirthDate(data, resolved, body['dateOfBirth']);
      return { ok: true };
    }));

    const action = (name: ConsentAction): Handler =>
      api(async (request, body) => {
        const data = await access(request);
        const resolved = await resolveToken(database, body['token']);
        await checkBirthDate(data, resolved, body['dateOfBirth']);
        return (await act(data, resolved, name, { language: body['language'], textSha256: body['textSha256'], fullName: body['fullName'], agree: body['agree'] })).result;
      });
    router.post('/api/sign', action('sign'));
    router.post('/api/refuse', action('refuse'));
    router.post('/api/revoke', action('revoke'));

    router.post('/api/receipt', api(async (request, body) => {
      const data = await access(request);
      const resolved = await resolveToken(database, body['token']);
      return signedReceipt(data, resolved, String(body['token']), body['language']);
    }));

    // ------------------------------------------------------------------------------ signed-in: letters, admin

    const signedIn = (work: (request: HttpRequest & { schema?: SchemaOverview }, response: HttpResponse) => Promise<void>, adminOnly: boolean): Handler =>
      (request, response) => {
        void (async () => {
          try {
            const accountability = request.accountability ?? null;
            if (!accountability?.user && !accountability?.admin) return fail(response, 403, 'forbidden');
            if (adminOnly && !accountability.admin) return fail(response, 403, 'forbidden');
            if (!(header(request, 'content-type') ?? '').toLowerCase().startsWith('application/json')) return fail(response, 415, 'json_required');
            await work(request, response);
          } catch (error) {
            logger.error(error instanceof Error ? `Consent: ${error.message}` : 'Consent: unexpected error');
            fail(response, 500, 'error');
          }
        })();
      };

    router.post('/letters', signedIn(async (request, response) => {
      const migrant = (request.body as { migrant?: unknown } | null)?.migrant;
      if (typeof migrant !== 'string') return fail(response, 400, 'invalid_input', { field: 'migrant' });
      // not an id: the same answer as a migrant that is not yours (and no query a database could choke on)
      if (!isUuid(migrant)) return fail(response, 403, 'forbidden');
      const outcome = await letterFor(await access(request), request.accountability as Accountability, migrant);
      if (!outcome.ok) return outcome.reason === 'closed' ? fail(response, 409, 'closed') : fail(response, 403, 'forbidden');
      securityHeaders(response);
      response.setHeader('Content-Type', 'text/html; charset=utf-8');
      response.status(200).send(await letterHtml(outcome.letter));
    }, false));

    router.post('/invitations/:id/resend', signedIn(async (request, response) => {
      if (!isUuid(request.params['id'])) return fail(response, 404, 'not_found');
      const outcome = await sendInvitation(await access(request), emit, request.params['id'] ?? '');
      if (!outcome.sent) return fail(response, outcome.reason === 'no_email' || outcome.reason === 'closed' ? 409 : 404, outcome.reason ?? 'not_found');
      securityHeaders(response);
      response.status(200).json({ data: { consent: outcome.consent, sent: true, event: INVITATION_EVENT } });
    }, true));

    router.post('/invitations/:id/withdraw', signedIn(async (request, response) => {
      if (!isUuid(request.params['id'])) return fail(response, 404, 'not_found');
      const withdrawn = await withdrawInvitation(database, request.params['id'] ?? '');
      if (!withdrawn) return fail(response, 409, 'not_withdrawn');
      securityHeaders(response);
      response.status(200).json({ data: { consent: request.params['id'], withdrawn: true } });
    }, true));
  },
});
