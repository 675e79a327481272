/**
 * GraphQL answers its errors itself: Directus 11.17.4's GraphQL controller puts the resolvers' errors beside the data
 * and answers 200 through its `respond` middleware, so its error handler, and with it the `request.error` filter,
 * never sees them. A translation the platform makes in `request.error` (the BSN unique index's RECORD_NOT_UNIQUE
 * into the refusal at the BSN field) would then reach REST callers only. This middleware hands a GraphQL answer's
 * errors to the same translation before the answer leaves, so both APIs give one refusal.
 *
 * Only answers below 400: a GraphQL request Directus refuses before executing it (a malformed query, a validation
 * error) goes through its error handler, where `request.error` already ran.
 */
import type { Accountability } from '@directus/types';

export interface AnsweredError {
  message: string;
  extensions?: Record<string, unknown>;
}

/** What `request.error` does to a list of errors, for the caller. */
export type ErrorTranslation = (
  errors: AnsweredError[],
  accountability: Accountability | null,
) => Promise<AnsweredError[]>;

interface Request {
  path: string;
  accountability?: Accountability | null;
}
interface Response {
  statusCode: number;
  json(body: unknown): unknown;
}

const isGraphqlPath = (path: string): boolean => path === '/graphql' || path.startsWith('/graphql/');

function errorsOf(body: unknown): AnsweredError[] | null {
  if (typeof body !== 'object' || body === null) return null;
  const errors = (body as { errors?: unknown }).errors;
  return Array.isArray(errors) && errors.length > 0 ? (errors as AnsweredError[]) : null;
}

/** The Express middleware: runs after authentication (`middlewares.after`), so the caller is known. */
export function graphqlErrorTranslation(
  translate: ErrorTranslation,
): (req: Request, res: Response, next: () => void) => void {
  return (req, res, next) => {
    if (!isGraphqlPath(req.path)) return next();
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      const errors = errorsOf(body);
      if (errors === null || res.statusCode >= 400) return json(body);
      translate(errors, req.accountability ?? null)
        .then((translated) => json({ ...(body as Record<string, unknown>), errors: translated }))
        // the translation failing must not lose the answer: it leaves as Directus made it
        .catch(() => json(body));
      return res;
    };
    next();
  };
}
