/**
 * Glue for the one query guard (the rule: ../../domain/privacy/query-guard.ts). It is applied
 *   - in the `*.query` filter, which Directus emits for every read through an ItemsService, of every collection
 *     including the system ones (`items.query`, `users.query`, ...): REST, SEARCH, GraphQL (/graphql and
 *     /graphql/system), aggregates, exports, nested relational reads (their queries travel in `deep`), reads behind
 *     updateByQuery/deleteByQuery;
 *   - to the raw request as well (URL query and a body's `query`), after authentication: Directus does not await
 *     the sanitising of nested `deep` levels, so the sanitised query a hook sees may still lack them.
 * The platform's own queries on a caller's behalf (BSN search through the blind index) are marked with
 * `onCallersBehalf`; nothing a client sends can carry that mark.
 */
import type { Accountability, SchemaOverview } from '@directus/types';
import type { Knex } from 'knex';
import { QueryGuard, refusalOf, refusedFor, type GuardSchema } from '../../domain/privacy/query-guard';
import { privacyRefusalMessage, type PrivacyRefusal } from '../../domain/privacy/messages';
import { PrivacyRequestError } from '../errors';
import { userLanguage } from '../language';
import { clientPartOf } from './search';

const guards = new WeakMap<SchemaOverview, QueryGuard>();

/** Where relational fields lead, from Directus's schema overview (names compared without case). */
export function guardSchema(schema: SchemaOverview): GuardSchema {
  const targets = new Map<string, string>();
  for (const relation of schema.relations) {
    if (relation.related_collection)
      targets.set(`${relation.collection}|${relation.field}`.toLowerCase(), relation.related_collection);
    if (relation.related_collection && relation.meta?.one_field)
      targets.set(`${relation.related_collection}|${relation.meta.one_field}`.toLowerCase(), relation.collection);
  }
  return { related: (collection, field) => targets.get(`${collection}|${field}`.toLowerCase()) ?? null };
}

function guardFor(schema: SchemaOverview): QueryGuard {
  let guard = guards.get(schema);
  if (!guard) {
    guard = new QueryGuard(guardSchema(schema));
    guards.set(schema, guard);
  }
  return guard;
}

const onBehalf = new WeakSet<object>();

/** Marks a query the platform itself builds for a caller (e.g. on the blind index), so the guard lets it pass. */
export function onCallersBehalf<T extends object>(query: T): T {
  onBehalf.add(query);
  return query;
}

/** A copy of a query (Directus freezes it) keeps the mark of the platform's own queries. */
export function carryOnBehalf<T extends object>(from: object, to: T): T {
  if (onBehalf.has(from)) onBehalf.add(to);
  return to;
}

/** The refusal for this query and caller, or null. The system (no accountability) and marked queries pass. */
export function queryRefusal(
  schema: SchemaOverview,
  collection: string,
  query: unknown,
  accountability: Accountability | null | undefined,
): PrivacyRefusal | null {
  if (!accountability) return null;
  if (query !== null && typeof query === 'object' && onBehalf.has(query)) return null;
  return refusalOf(refusedFor(guardFor(schema).inspect(collection, query), accountability.admin === true));
}

/** For the logging-safety middleware before authentication: what it refuses whoever asks (personal fields, search). */
export function personalFieldRefusal(
  schema: SchemaOverview,
  collection: string,
  query: unknown,
): PrivacyRefusal | null {
  return refusalOf(refusedFor(guardFor(schema).inspect(collection, query), true));
}

/** A privacy refusal as the error Directus answers with, in the caller's language. */
export async function privacyRefusalError(
  refusal: PrivacyRefusal,
  database: Knex,
  accountability: Accountability | null | undefined,
): Promise<InstanceType<typeof PrivacyRequestError>> {
  return new PrivacyRequestError({
    message: privacyRefusalMessage(refusal, await userLanguage(database, accountability)),
    reason: refusal.code,
  });
}

/** The collection a REST path reads: /items/<collection>, /utils/export/<collection>, /users -> directus_users, ... */
export function collectionOfPath(schema: SchemaOverview, path: string): string | null {
  const parts = path
    .split('/')
    .filter((part) => part !== '')
    .map((part) => {
      try {
        return decodeURIComponent(part);
      } catch {
        return part;
      }
    });
  const [first, second, third] = parts;
  if (!first) return null;
  if (first === 'items') return second ?? null;
  if (first === 'utils' && second === 'export') return third ?? null;
  if (first === 'graphql') return null;
  const system = `directus_${first}`;
  return system in schema.collections ? system : null;
}

interface GuardedRequest {
  method: string;
  path: string;
  query?: unknown;
  body?: unknown;
  accountability?: Accountability | null;
  schema?: SchemaOverview;
}

/**
 * Express middleware after Directus's authentication and query sanitising: refuses a request whose raw URL query or
 * body `query` the guard refuses, before any controller runs.
 */
export function rawQueryGuard(database: Knex, getSchema: () => Promise<SchemaOverview>) {
  return (request: GuardedRequest, _response: unknown, next: (error?: unknown) => void): void => {
    const accountability = request.accountability;
    if (!accountability || request.path.startsWith('/graphql')) return next();
    void (async () => {
      const schema = request.schema ?? (await getSchema());
      const collection = collectionOfPath(schema, request.path);
      if (!collection) return next();
      // a body's `query` drives a read in SEARCH, update-by-query (PATCH), delete-by-query (DELETE) and exports;
      // a create's body is a row, whose fields the guard has no business with
      const carriesQuery = request.method !== 'POST' || request.path.startsWith('/utils/export/');
      const body =
        request.body !== null && typeof request.body === 'object' && !Array.isArray(request.body)
          ? (request.body as Record<string, unknown>)
          : null;
      const bodyQuery = carriesQuery && body ? body['query'] : undefined;
      for (const query of [request.query, bodyQuery]) {
        // a top-level search of migrants is the platform's to rewrite (in the `*.query` filter), not Directus's LIKE
        const refusal = queryRefusal(schema, collection, clientPartOf(collection, query), accountability);
        if (refusal) return next(await privacyRefusalError(refusal, database, accountability));
      }
      next();
    })().catch(next);
  };
}
