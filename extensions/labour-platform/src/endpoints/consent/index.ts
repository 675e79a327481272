/**
 * /consent: the migrant's public consent page and its API, served by the platform itself (no request leaves it).
 *
 *   GET  /consent/                    the page (a small Vue app) with a CSRF token; /consent/assets/* its files
 *   GET  /consent/certificate.pem     the platform's signing certificate and its SHA-256 fingerprint (public)
 *   GET  /consent/api/csrf            a fresh CSRF token (cookie + body)
 *   POST /consent/api/session         { token, language? }                     what the page shows
 *   POST /consent/api/verify          { token, dateOfBirth: {day,month,year} }  checks the date of birth
 *   POST /consent/api/sign            { token, dateOfBirth, fullName, agree: true, language, textSha256 }
 *   POST /consent/api/refuse          { token, dateOfBirth, language, textSha256 }
 *   POST /consent/api/revoke          { token, dateOfBirth, language, textSha256 }
 *   POST /consent/api/receipt         { token, language? }                      the signature's receipt again
 *   POST /consent/letters             { migrant }   (the migrant's own provider; everyone else one 403) a printable letter
 *   POST /consent/invitations/:id/resend | /withdraw   (administrators)
 *
 * Every POST of the page needs the CSRF header, JSON, and passes rate limits per address (as Directus resolves it
 * behind its trusted proxy) and per token, counted in Redis when configured; at most a few argon2 checks run at
 * once, more are refused at once (429 busy). A wrong, expired, locked, withdrawn or used token gets one and the
 * same 404 answer. Errors of the page have its own shape ({ error: { code, ... } }); letters and invitations
 * answer as Directus does. Everything goes through the one seam (glue/http/seam.ts).
 * The public policy has no permissions: everything here runs as the system, after checking the token.
 */
import { defineEndpoint } from '@directus/extensions-sdk';
import {
  consentPage,
  letterCss,
  letterJs,
  pageAct,
  pageReceipt,
  pageSession,
  pageVerify,
  printableLetter,
  signingCertificate,
} from '../../glue/consent/api';
import { resendInvitation, withdrawnInvitation } from '../../glue/consent/invitations';
import { securityHeaders } from '../../glue/consent/http';
import { consentConfig } from '../../glue/consent/config';
import { flowEmitter, type Emit } from '../../glue/consent/invitations';
import { httpSeam, type RouteOptions } from '../../glue/http/seam';

export default defineEndpoint({
  id: 'consent',
  handler: (router, { services, database, getSchema, logger, emitter }) => {
    const route = httpSeam({ services, database, getSchema, logger });
    const emit: Emit = flowEmitter(emitter, database, (message) => logger.warn(message));
    const page = consentPage(process.env, (line) => logger.error(line));
    try {
      consentConfig();
    } catch (error) {
      logger.warn(
        `Consent page: ${error instanceof Error ? error.message : String(error)} Signing and invitations fail until it is set.`,
      );
    }

    const PUBLIC: RouteOptions = { caller: 'anyone', page: true, headers: securityHeaders };
    const PAGE_POST: RouteOptions = { ...PUBLIC, before: (request) => page.guard(request) };

    // the page and its files
    router.get(
      '/',
      route((_request, access, reply) => page.shell(reply, access.knex), PUBLIC),
    );
    router.get(
      '/assets/:file',
      route(async (request) => page.asset(request.params['file']), PUBLIC),
    );
    router.get(
      '/letter.css',
      route(async () => letterCss(), PUBLIC),
    );
    router.get(
      '/letter.js',
      route(async () => letterJs(), PUBLIC),
    );
    router.get(
      '/certificate.pem',
      route(async () => signingCertificate(), PUBLIC),
    );

    // the page's API
    router.get(
      '/api/csrf',
      route((request, _access, reply) => page.csrf(request, reply), PUBLIC),
    );
    router.post(
      '/api/session',
      route((request, access) => pageSession(access, request), PAGE_POST),
    );
    router.post(
      '/api/verify',
      route((request, access) => pageVerify(access, request), PAGE_POST),
    );
    router.post(
      '/api/sign',
      route((request, access) => pageAct(access, request, 'sign'), PAGE_POST),
    );
    router.post(
      '/api/refuse',
      route((request, access) => pageAct(access, request, 'refuse'), PAGE_POST),
    );
    router.post(
      '/api/revoke',
      route((request, access) => pageAct(access, request, 'revoke'), PAGE_POST),
    );
    router.post(
      '/api/receipt',
      route((request, access) => pageReceipt(access, request), PAGE_POST),
    );

    // signed in: letters; administrators: invitations
    router.post(
      '/letters',
      route((request, access) => printableLetter(access, request), { json: true, headers: securityHeaders }),
    );
    router.post(
      '/invitations/:id/resend',
      route((request, access) => resendInvitation(access, emit, request.params['id']), {
        caller: 'admin',
        json: true,
        headers: securityHeaders,
      }),
    );
    router.post(
      '/invitations/:id/withdraw',
      route((request) => withdrawnInvitation(database, request.params['id']), {
        caller: 'admin',
        json: true,
        headers: securityHeaders,
      }),
    );
  },
});
