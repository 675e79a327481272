/**
 * Express middleware in front of Directus's request logger: a GET of /items/<collection> whose query filters,
 * sorts or searches on a migrant's personal field is answered with a 400 before anything logs the URL (which
 * would then hold the personal data). The items.query hook refuses the same queries from every other entry point.
 */
import type { SchemaOverview } from '@directus/types';
import { pickUiLanguage } from '../domain/messages';
import { privacyRefusalMessage } from '../domain/privacy/messages';
import { personalDataInQuery } from './privacy';

interface Request {
  method: string;
  path: string;
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
const MAY_CARRY_PERSONAL_DATA = new Set(['migrants', 'stays', 'tasks', 'appointments', 'consents', 'status_history', 'consent_records']);

function parsed(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

export function personalQueryGuard(getSchema: () => Promise<SchemaOverview>) {
  return (request: Request, response: Response, next: (error?: unknown) => void): void => {
    if (request.path.startsWith('/graphql')) response.locals['cache'] = false;
    const match = /^\/items\/([^/]+)/.exec(request.path);
    if (match && MAY_CARRY_PERSONAL_DATA.has(decodeURIComponent(match[1]!))) response.locals['cache'] = false;
    if (!match || (request.method !== 'GET' && request.method !== 'SEARCH')) return next();
    const query = request.query ?? {};
    if (!('filter' in query) && !('sort' in query) && !('search' in query) && !('groupBy' in query) && !('aggregate' in query)) return next();
    void getSchema()
      .then((schema) => {
        const paths = personalDataInQuery(schema, decodeURIComponent(match[1]!), {
          filter: parsed(query['filter']),
          sort: query['sort'],
          search: query['search'],
          groupBy: query['groupBy'],
          aggregate: parsed(query['aggregate']),
        });
        if (paths.length === 0) return next();
        const header = request.headers['accept-language'];
        const language = pickUiLanguage(null, Array.isArray(header) ? header[0] : header);
        response.status(400).json({ errors: [{ message: privacyRefusalMessage({ code: 'personal_data_in_query', paths }, language), extensions: { code: 'PRIVACY_REFUSED', reason: 'personal_data_in_query' } }] });
      })
      .catch(next);
  };
}
