/**
 * The one HTTP seam of the platform's endpoints (/brp, /privacy, /consent): one request type, one refusal type,
 * one table from refusal to HTTP status, one route wrapper. An entry file says who may call a route and hands
 * the request to one glue call; glue refuses with `throw new Refused({ code, ... })`, and the wrapper answers
 * with the status of that code and a message in the caller's language (nl/en, from domain/refusals.ts):
 *   - behind Directus's login: Directus's error shape, { errors: [{ message, extensions: { code, reason, ... } }] }
 *     with `code` the refusal code in capitals and `reason` the refusal code itself;
 *   - the public consent page: its own small shape, { error: { code, ...details } } (the page has its texts).
 * A row the caller may not see and a row that does not exist are the same refusal: `not_found`.
 */
import { createError } from '@directus/errors';
import type { Accountability, SchemaOverview } from '@directus/types';
import type { Knex } from 'knex';
import type { UiLanguage } from '../../domain/ui-language';
import { refusalDetails, refusalText, type Refusal, type RefusalCode } from '../../domain/refusals';
import { itemsServiceFrom, type DataAccess } from '../items';
import { userLanguage } from '../language';

/** A refusal decided anywhere in glue (inside a transaction too); the seam turns it into an answer. */
export class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.code);
  }
}

/** The one table from refusal to HTTP status; a new refusal code without a status does not compile. */
export const REFUSAL_STATUS: Readonly<Record<RefusalCode, number>> = Object.freeze({
  // who and which row
  not_signed_in: 401,
  not_found: 404,
  administrators_only: 403,
  not_your_step: 403,
  csrf: 403,
  letter_own_provider_only: 403,
  // the request itself
  unknown_event: 400,
  missing_input: 400,
  invalid_departure_date: 400,
  desk_taken: 409,
  status_via_events: 400,
  no_owner: 400,
  mixed_providers: 400,
  invalid_group_schedule: 400,
  invalid_input: 400,
  personal_data_in_query: 400,
  implicit_relation_in_query: 400,
  personal_batch_update: 400,
  sealed_field: 400,
  bsn_required: 400,
  break_glass_reason: 400,
  erasure_reason: 400,
  request_query: 400,
  json_required: 415,
  intake_unreadable_file: 400,
  intake_no_header: 400,
  intake_missing_columns: 400,
  intake_invalid_mapping: 400,
  intake_file_too_large: 413,
  document_invalid_type: 400,
  document_empty: 400,
  document_wrong_type: 415,
  document_too_large: 413,
  photo_wrong_type: 415,
  photos_inspector_only: 403,
  document_expiry_required: 400,
  documents_provider_only: 403,
  document_shielded: 403,
  // the state of the row
  not_allowed_in_state: 409,
  photo_limit: 409,
  finding_closed: 409,
  intake_already_committed: 409,
  intake_idempotency_conflict: 409,
  intake_credential_revoked: 409,
  final_state: 409,
  stale: 409,
  task_claimed: 409,
  task_closed: 409,
  text_changed: 409,
  conflict: 409,
  closed: 409,
  no_email: 409,
  not_withdrawn: 409,
  legal_hold: 409,
  guard_failed: 422,
  document_expired: 422,
  wrong_birth_date: 422,
  invalid_link: 404,
  locked: 423,
  // the platform
  rate_limited: 429,
  busy: 429,
  unavailable: 503,
});

interface RefusalExtensions {
  message: string;
  reason: RefusalCode;
  [detail: string]: unknown;
}

type RefusalErrorClass = ReturnType<typeof createError<RefusalExtensions>>;
const errorClasses = new Map<RefusalCode, RefusalErrorClass>();

/** The Directus error of a refusal (Directus's error handler answers it with its status and extensions). */
export function refusalError(refusal: Refusal, language: UiLanguage): Error {
  let ErrorClass = errorClasses.get(refusal.code);
  if (!ErrorClass) {
    ErrorClass = createError<RefusalExtensions>(
      refusal.code.toUpperCase(),
      (extensions) => extensions.message,
      REFUSAL_STATUS[refusal.code],
    );
    errorClasses.set(refusal.code, ErrorClass);
  }
  return new ErrorClass({ ...refusalDetails(refusal), message: refusalText(refusal, language), reason: refusal.code });
}

/** The one request type of the endpoints (the part of Express's request they read). */
export interface ApiRequest {
  method?: string;
  path?: string;
  params: Record<string, string>;
  /** The query string as Express parsed it. */
  query?: Record<string, unknown>;
  body: unknown;
  ip?: string;
  headers: Record<string, string | string[] | undefined>;
  cookies?: Record<string, string>;
  accountability?: Accountability | null;
  schema?: SchemaOverview;
}

export interface ApiResponse {
  status(code: number): ApiResponse;
  setHeader(name: string, value: string | string[]): void;
  json(body: unknown): void;
  send(body: string | Buffer): void;
}

export function header(request: Pick<ApiRequest, 'headers'>, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** A route's answer that is not `{ data }` JSON: a page, a style sheet, a script, a file. */
export class Sent {
  constructor(
    readonly contentType: string,
    readonly body: string | Buffer,
    readonly cache: 'no-store' | 'immutable' = 'no-store',
  ) {}
}

/** What a route's work may add to its answer (a cookie, a header). */
export interface Reply {
  setHeader(name: string, value: string | string[]): void;
}

export type Caller = 'anyone' | 'signed_in' | 'admin';

export interface RouteOptions {
  /** Who may call (default: signed in). */
  caller?: Caller;
  /** The status of a successful answer (default 200). */
  status?: number;
  /** Refuse a body that is not JSON (json_required). */
  json?: boolean;
  /** The public consent page: its error shape instead of Directus's. */
  page?: boolean;
  /** Headers of every answer, refusals included (the consent page's security headers). */
  headers?: (response: Reply, cache: 'no-store' | 'immutable') => void;
  /**
   * Whether the route exists for this caller at all: when not, the request goes on to Directus's own answer for a
   * route that does not exist (404 ROUTE_NOT_FOUND), before any other check, so nobody else learns it is there.
   */
  visibleTo?: (request: ApiRequest, access: DataAccess) => Promise<boolean>;
  /** Checks before the work (rate limits, CSRF); may return what to release once the work is done. */
  before?: (request: ApiRequest) => Promise<(() => void) | void>;
}

export type Work = (request: ApiRequest, access: DataAccess, reply: Reply) => Promise<unknown>;
type Next = (error?: unknown) => void;
export type Handler = (request: ApiRequest, response: ApiResponse, next: Next) => void;

export interface SeamContext {
  services: unknown;
  database: Knex;
  getSchema: () => Promise<SchemaOverview>;
  logger: { error(message: string): void };
}

function callerRefusal(caller: Caller, accountability: Accountability | null | undefined): Refusal | null {
  if (caller === 'anyone') return null;
  if (!accountability?.user && !accountability?.admin) return { code: 'not_signed_in' };
  if (caller === 'admin' && !accountability.admin) return { code: 'administrators_only' };
  return null;
}

/** The one route wrapper: who may call, the checks, the work, and the answer or the refusal. */
export function httpSeam({ services, database, getSchema, logger }: SeamContext) {
  const ItemsService = itemsServiceFrom(services);
  return (work: Work, options: RouteOptions = {}): Handler =>
    (request, response, next) => {
      void (async () => {
        let release: (() => void) | void = undefined;
        const headers = (cache: 'no-store' | 'immutable') => options.headers?.(response, cache);
        try {
          if (options.visibleTo) {
            const access: DataAccess = { knex: database, schema: request.schema ?? (await getSchema()), ItemsService };
            if (!(await options.visibleTo(request, access))) return next();
          }
          const refusal = callerRefusal(options.caller ?? 'signed_in', request.accountability);
          if (refusal) throw new Refused(refusal);
          if (options.json && !(header(request, 'content-type') ?? '').toLowerCase().startsWith('application/json'))
            throw new Refused({ code: 'json_required' });
          release = await options.before?.(request);
          const access: DataAccess = { knex: database, schema: request.schema ?? (await getSchema()), ItemsService };
          const answer = await work(request, access, response);
          if (answer instanceof Sent) {
            headers(answer.cache);
            response.setHeader('Content-Type', answer.contentType);
            response.status(options.status ?? 200).send(answer.body);
            return;
          }
          headers('no-store');
          response.status(options.status ?? 200).json({ data: answer });
        } catch (error) {
          headers('no-store');
          if (error instanceof Refused) {
            const refusal = error.refusal;
            if (refusal.code === 'rate_limited' || refusal.code === 'busy')
              response.setHeader('Retry-After', String(refusal.retryAfter));
            if (!options.page)
              return next(
                refusalError(
                  refusal,
                  await userLanguage(database, request.accountability, header(request, 'accept-language') ?? null),
                ),
              );
            response
              .status(REFUSAL_STATUS[refusal.code])
              .json({ error: { code: refusal.code, ...refusalDetails(refusal) } });
            return;
          }
          if (!options.page) return next(error);
          logger.error(error instanceof Error ? `Consent page: ${error.message}` : 'Consent page: unexpected error');
          response.status(500).json({ error: { code: 'error' } });
        } finally {
          release?.();
        }
      })();
    };
}
