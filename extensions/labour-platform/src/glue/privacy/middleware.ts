/**
 * Express middleware in front of Directus's request logger: a request to /items/<collection> whose URL query
 * filters, sorts or groups on a migrant's personal field, or searches a collection that holds personal data, is
 * answered with a 400 before anything logs the URL (which would then hold the personal data). It runs before authentication, so it refuses only what nobody may ask; the
 * one query guard (./privacy/query-guard.ts) refuses everything else, per caller, from every entry point.
 */
import type { SchemaOverview } from '@directus/types';
import type { Knex } from 'knex';
import type { UiLanguage } from '../../domain/ui-language';
import { privacyRefusalMessage } from '../../domain/privacy/messages';
import { collectionOfPath, personalFieldRefusal } from './query-guard';
import { clientPartOf } from './search';
import { userLanguage } from '../language';

interface Request {
  method: string;
  path: string;
  url: string;
  originalUrl?: string;
  query: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
}
interface Response {
  status(code: number): Response;
  json(body: unknown): void;
  locals: Record<string, unknown>;
}

/**
 * Collections whose reads can carry a migrant's decrypted personal data (directly or nested). Their responses
 * are never put in Directus's response cache (Redis in production), which would otherwise hold them in plain text.
 */
const MAY_CARRY_PERSONAL_DATA = new Set([
  'migrants',
  'stays',
  'tasks',
  'appointments',
  'consents',
  'status_history',
  'consent_records',
]);

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/**
 * The caller's language before Directus has authenticated the request: the user id is read from the bearer token
 * without verifying it. It only picks the language of the refusal; whoever forges a token gets a message in another
 * language, nothing else.
 */
async function languageBeforeAuthentication(database: Knex, headers: Request['headers']): Promise<UiLanguage> {
  const header = headers['accept-language'];
  const accept = Array.isArray(header) ? (header[0] ?? null) : (header ?? null);
  const authorization = headers['authorization'];
  const token =
    typeof authorization === 'string' ? /^Bearer\s+([^.\s]+)\.([^.\s]+)\.[^.\s]*$/i.exec(authorization.trim()) : null;
  let user: string | null = null;
  if (token) {
    try {
      const claims = JSON.parse(Buffer.from(token[2]!, 'base64url').toString('utf8')) as { id?: unknown };
      if (typeof claims.id === 'string' && /^[0-9a-f-]{36}$/i.test(claims.id)) user = claims.id;
    } catch {
      user = null;
    }
  }
  return userLanguage(database, { user }, accept);
}

/** What the request log shows instead of a search text (a name or a BSN). */
export const REDACTED_SEARCH = '--redacted--';

/** The search texts taken out of requests' parsed queries, until Directus has sanitised them (searchTextBack). */
const searchTexts = new WeakMap<object, unknown>();

/**
 * A search text (a name, a BSN) is kept out of the request log, which prints the URL and the parsed query when the
 * response is finished: both get a placeholder, and the text waits here until Directus has sanitised the query
 * (`searchTextBack`, the first middleware after that). A request refused before then never had its text read.
 */
function redactSearchInUrl(request: Request): void {
  const query = request.query ?? {};
  if (!('search' in query)) return;
  searchTexts.set(request, query['search']);
  query['search'] = REDACTED_SEARCH;
  const redact = (url: string): string => {
    const mark = url.indexOf('?');
    if (mark < 0) return url;
    const parameters = url
      .slice(mark + 1)
      .split('&')
      .map((part) => {
        const key = safeDecode(part.split('=')[0]!.replace(/\+/g, ' '));
        return /^search(\[|$)/.test(key) ? `search=${REDACTED_SEARCH}` : part;
      });
    return `${url.slice(0, mark)}?${parameters.join('&')}`;
  };
  request.url = redact(request.url);
  if (typeof request.originalUrl === 'string') request.originalUrl = redact(request.originalUrl);
}

interface SanitisedRequest {
  sanitizedQuery?: Record<string, unknown>;
}

/** After Directus's query sanitising: the search text back where Directus's own code reads it (the sanitised query). */
export function searchTextBack(request: SanitisedRequest, _response: unknown, next: () => void): void {
  const text = searchTexts.get(request);
  if (typeof text === 'string' && request.sanitizedQuery) {
    // Directus freezes the sanitised query: a new one, as its sanitiser would have made it
    const { search: _placeholder, ...rest } = request.sanitizedQuery;
    const trimmed = text.trim();
    request.sanitizedQuery = trimmed !== '' ? { ...rest, search: trimmed } : rest;
  }
  next();
}

export function personalQueryGuard(getSchema: () => Promise<SchemaOverview>, database: Knex) {
  return (request: Request, response: Response, next: (error?: unknown) => void): void => {
    if (request.path.startsWith('/graphql')) response.locals['cache'] = false;
    const match = /^\/items\/([^/]+)/.exec(request.path);
    if (match && MAY_CARRY_PERSONAL_DATA.has(safeDecode(match[1]!))) {
      response.locals['cache'] = false;
      redactSearchInUrl(request);
    }
    if (!match || Object.keys(request.query ?? {}).length === 0) return next();
    void (async () => {
      const schema = await getSchema();
      const collection = collectionOfPath(schema, request.path);
      const refusal = collection
        ? personalFieldRefusal(schema, collection, clientPartOf(collection, request.query))
        : null;
      if (!refusal) return next();
      const language = await languageBeforeAuthentication(database, request.headers);
      response.status(400).json({
        errors: [
          {
            message: privacyRefusalMessage(refusal, language),
            extensions: { code: 'PRIVACY_REFUSED', reason: refusal.code },
          },
        ],
      });
    })().catch(next);
  };
}
