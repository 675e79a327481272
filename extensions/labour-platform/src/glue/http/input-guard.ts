/**
 * Express middleware for the shape of every request, before any route (or anything recursive) touches it:
 *  - JSON nested deeper than MAX_JSON_DEPTH, in the body (parsed by Directus within MAX_PAYLOAD_SIZE) or in a
 *    query parameter such as `filter`, is a 400 instead of a stack overflow (a 500) inside Directus.
 *  - Directus's bulk export and import (/utils/export, /utils/import) are for administrators: Directus runs them in
 *    one database transaction while its permission check reads $CURRENT_USER on another connection, and SQLite has
 *    one connection, so one non-admin export stalled every request for the pool's 60-second timeout. An export also
 *    writes the rows to a file outside the platform's encryption.
 */
import { exceedsJsonDepth, MAX_JSON_DEPTH, textNestingDepth, tooDeepMessage } from '../../domain/input-limits';
import { isVariableRefusal, variableRefusalMessage } from '../../domain/graphql-input';
import { pickUiLanguage, type UiLanguage } from '../../domain/ui-language';
import { InputRefusedError, UtilityForbiddenError } from '../errors';

interface GuardedRequest {
  method: string;
  path: string;
  url: string;
  body?: unknown;
  headers: Record<string, string | string[] | undefined>;
  accountability?: { admin?: boolean; user?: string | null } | null;
}
type Next = (error?: unknown) => void;

function language(request: GuardedRequest): UiLanguage {
  const header = request.headers['accept-language'];
  return pickUiLanguage(null, Array.isArray(header) ? header[0] : header);
}

/** Query parameters nested too deeply (runs before Directus parses `filter`, `deep`, `alias`, ...). */
export function queryDepthGuard(request: GuardedRequest, _response: unknown, next: Next): void {
  const queryStart = request.url.indexOf('?');
  if (queryStart !== -1) {
    const params = new URLSearchParams(request.url.slice(queryStart + 1));
    for (const value of params.values()) {
      if (textNestingDepth(value) > MAX_JSON_DEPTH)
        return next(new InputRefusedError({ message: tooDeepMessage(language(request)), reason: 'too_deep' }));
    }
  }
  next();
}

const BULK_UTILITIES = /^\/utils\/(export|import)(\/|$)/;

/** After Directus parsed the body and authenticated the caller. */
export function bodyGuard(request: GuardedRequest, _response: unknown, next: Next): void {
  if (request.body !== undefined && exceedsJsonDepth(request.body)) {
    return next(new InputRefusedError({ message: tooDeepMessage(language(request)), reason: 'too_deep' }));
  }
  if (BULK_UTILITIES.test(request.path) && !request.accountability?.admin) {
    const nl = language(request) === 'nl';
    return next(
      new UtilityForbiddenError({
        message: nl
          ? 'Exporteren en importeren in bulk kan alleen een beheerder; gebruik de lijsten en de API van het platform.'
          : 'Only an administrator can export or import in bulk; use the lists and the API of the platform.',
        reason: 'admin_only',
      }),
    );
  }
  next();
}

interface JsonResponse {
  status(code: number): JsonResponse;
  json(body: unknown): unknown;
}

/**
 * /graphql: variables that do not fit the query's types are a 400 GRAPHQL_VALIDATION in the caller's language,
 * not an INTERNAL_SERVER_ERROR (see ../../domain/graphql-input).
 */
export function graphqlInputErrors(request: GuardedRequest, response: JsonResponse, next: Next): void {
  if (!request.path.startsWith('/graphql')) return next();
  const json = response.json.bind(response);
  response.json = (body: unknown) => {
    if (!isVariableRefusal(body)) return json(body);
    const errors = (body as { errors: Array<{ message?: unknown }> }).errors;
    const detail = request.accountability?.admin ? errors.map((error) => String(error.message ?? '')).join(' ') : null;
    response.status(400);
    return json({
      errors: [
        {
          message: variableRefusalMessage(language(request), detail),
          extensions: { code: 'GRAPHQL_VALIDATION', reason: 'invalid_variables' },
        },
      ],
    });
  };
  next();
}
