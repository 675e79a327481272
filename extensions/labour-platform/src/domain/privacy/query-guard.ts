/**
 * The one rule for what a client's query may reach. Directus lets a query filter, sort, group, aggregate, search,
 * alias and deep-filter on any field the caller may read, and resolves `$FOLLOW(collection, field)` reverse joins
 * without applying the joined collection's row permissions. This module walks a query (Directus's sanitised shape
 * or the raw one from a URL or a SEARCH body) and names every place where it reaches
 *   - a personal field (stored encrypted: comparing it is useless, and the value would sit in URLs and logs),
 *   - a sealed column (the BSN blind index, the wrapped data key: only the platform queries those),
 *   - an implicit relation (`$FOLLOW`, or any `$`-key: a join Directus does not police per row),
 *   - a free-text search over a collection that holds personal or sealed fields.
 * Field names are normalised at least as generously as Directus does (surrounding whitespace, function wrappers such
 * as `year(...)`, `field:collection` scopes, a leading `-` in sort, and case), so no spelling slips past it.
 * Plain module: no Directus import.
 */
import { PERSONAL_FIELDS, SEALED_FIELDS } from '../personal-fields';
import type { PrivacyRefusal } from './messages';
import { parsedJson } from '../json'; // a raw query carries JSON in strings (`filter={"a":...}`)

export type QueryClause = 'filter' | 'sort' | 'search' | 'group' | 'aggregate' | 'alias' | 'fields';
export type ViolationKind = 'personal_field' | 'sealed_field' | 'implicit_relation' | 'search';

export interface QueryViolation {
  clause: QueryClause;
  kind: ViolationKind;
  /** Where in the query, as normalised field names from the queried collection (`migrant.bsn`); never a value. */
  path: string;
  /** Inside `deep` (a nested relational read's own query). */
  deep: boolean;
}

/** What the guard needs to know about the schema: where a relational field leads. */
export interface GuardSchema {
  /** The collection `field` of `collection` points at (many-to-one) or is the alias of (one-to-many); else null. */
  related(collection: string, field: string): string | null;
}

/** Per collection: the fields no client query may reach. */
export interface GuardedFields {
  readonly [collection: string]: { readonly personal: readonly string[]; readonly sealed: readonly string[] };
}

export const QUERY_GUARDED_FIELDS: GuardedFields = Object.freeze({
  migrants: Object.freeze({ personal: PERSONAL_FIELDS.migrants, sealed: SEALED_FIELDS.migrants }),
});

/** One segment of a field path, normalised. */
export interface NormalisedSegment {
  /** Lower-case field name without whitespace, function wrapper or scope. */
  field: string;
  /** The collection of a `field:collection` (many-to-any) scope, or of a `$FOLLOW(collection, field)`. */
  scope: string | null;
  /** An implicit relation (`$FOLLOW(...)`) or any other `$`-key: never a real field. */
  implicit: boolean;
}

/**
 * Normalises one path segment. Directus trims names and reads the field out of `fn(field)`; SQLite compares column
 * names without case. Anything with a `$` is an implicit relation: no field of the platform has one in its name.
 */
export function normaliseSegment(raw: string): NormalisedSegment {
  const trimmed = raw.trim();
  if (trimmed.includes('$')) {
    const follow = /^\$follow\s*\(\s*([^,)]*)/i.exec(trimmed);
    return {
      field: trimmed.toLowerCase(),
      scope: follow ? follow[1]!.trim().toLowerCase() || null : null,
      implicit: true,
    };
  }
  let name = trimmed;
  // functions: `year(date_of_birth)`, `count(stays)`; also the halves of a path split inside one: `year(migrant`, `x)`
  name = name.replace(/^[^(]*\(/, '').replace(/\).*$/, '');
  // a function's first argument is its field: `json(field, path)`
  name = name.split(',')[0]!;
  let scope: string | null = null;
  const colon = name.indexOf(':');
  if (colon >= 0) {
    scope =
      name
        .slice(colon + 1)
        .trim()
        .toLowerCase() || null;
    name = name.slice(0, colon);
  }
  return { field: name.trim().toLowerCase(), scope, implicit: false };
}

interface Level {
  collection: string | null;
  prefix: string;
  deep: boolean;
}

export class QueryGuard {
  private readonly personal = new Map<string, Set<string>>();
  private readonly sealed = new Map<string, Set<string>>();
  private readonly anyPersonal = new Set<string>();
  private readonly anySealed = new Set<string>();

  constructor(
    private readonly schema: GuardSchema,
    guarded: GuardedFields = QUERY_GUARDED_FIELDS,
  ) {
    for (const [collection, fields] of Object.entries(guarded)) {
      const name = collection.toLowerCase();
      this.personal.set(name, new Set(fields.personal.map((field) => field.toLowerCase())));
      this.sealed.set(name, new Set(fields.sealed.map((field) => field.toLowerCase())));
      fields.personal.forEach((field) => this.anyPersonal.add(field.toLowerCase()));
      fields.sealed.forEach((field) => this.anySealed.add(field.toLowerCase()));
    }
  }

  /** Every place in `query` (on `collection`) that reaches a guarded field, `$FOLLOW`, or searches personal data. */
  inspect(collection: string, query: unknown): QueryViolation[] {
    const found: QueryViolation[] = [];
    const root = asObject(query);
    if (!root) return found;
    const level: Level = { collection: collection.toLowerCase(), prefix: '', deep: false };
    this.inspectLevel(level, root, found);
    this.walkDeep(level, parsedJson(root['deep']), asObject(parsedJson(root['alias'])) ?? {}, found);
    return dedupe(found);
  }

  // ---------------------------------------------------------------------------------------------- one level

  private inspectLevel(level: Level, query: Record<string, unknown>, found: QueryViolation[]): void {
    const get = (key: string): unknown => query[key] ?? query[`_${key}`];
    this.walkFilter(level, level.collection, parsedJson(get('filter')), level.prefix, found);
    for (const entry of list(get('sort'))) this.walkPath(level, 'sort', entry.trim().replace(/^-/, ''), found);
    for (const entry of list(get('group') ?? get('groupBy'))) this.walkPath(level, 'group', entry, found);
    const aggregate = asObject(parsedJson(get('aggregate')));
    if (aggregate) {
      for (const fields of Object.values(aggregate))
        for (const entry of list(fields)) if (entry.trim() !== '*') this.walkPath(level, 'aggregate', entry, found);
    }
    const alias = asObject(parsedJson(get('alias')));
    if (alias)
      for (const target of Object.values(alias))
        if (typeof target === 'string') this.walkPath(level, 'alias', target, found);
    for (const entry of list(get('fields'))) {
      // reading a field is the reveal rule's business; only a `$` join is refused here
      if (entry.includes('$'))
        found.push({ clause: 'fields', kind: 'implicit_relation', path: '$FOLLOW', deep: level.deep });
    }
    const search = get('search');
    if (typeof search === 'string' && search !== '' && this.holdsGuarded(level.collection)) {
      found.push({ clause: 'search', kind: 'search', path: `${level.prefix}search`, deep: level.deep });
    }
  }

  /** A filter object: field keys lead into relations, `_and`/`_or`/`_some`/`_none` nest, other `_` keys are operators. */
  private walkFilter(
    level: Level,
    collection: string | null,
    node: unknown,
    prefix: string,
    found: QueryViolation[],
  ): void {
    if (Array.isArray(node)) {
      for (const item of node) this.walkFilter(level, collection, item, prefix, found);
      return;
    }
    const object = asObject(node);
    if (!object) return;
    for (const [key, value] of Object.entries(object)) {
      if (key === '_and' || key === '_or' || key === '_some' || key === '_none') {
        this.walkFilter(level, collection, value, prefix, found);
        continue;
      }
      // Any `$` key is refused, even one spelled like an operator: no field or operator of the platform has one.
      if (key.startsWith('_') && key.includes('$')) {
        found.push({ clause: 'filter', kind: 'implicit_relation', path: `${prefix}$FOLLOW`, deep: level.deep });
        continue;
      }
      // Directus treats a key that starts with `_` as an operator and never reads its value as a filter
      if (key.startsWith('_')) continue;
      let current = collection;
      let path = prefix;
      for (const part of key.split('.')) {
        const next = this.step(level, 'filter', current, part, path, found);
        current = next.collection;
        path = next.path;
      }
      this.walkFilter(level, current, value, path, found);
    }
  }

  /** A dotted path (sort, group, aggregate, alias target) from the level's collection. */
  private walkPath(level: Level, clause: QueryClause, dotted: string, found: QueryViolation[]): void {
    let current = level.collection;
    let path = level.prefix;
    for (const part of dotted.split('.')) {
      const next = this.step(level, clause, current, part, path, found);
      current = next.collection;
      path = next.path;
    }
  }

  /** One segment: records a violation if it is one, and says where the path goes on. */
  private step(
    level: Level,
    clause: QueryClause,
    collection: string | null,
    raw: string,
    prefix: string,
    found: QueryViolation[],
  ): { collection: string | null; path: string } {
    const segment = normaliseSegment(raw);
    if (segment.implicit) {
      found.push({ clause, kind: 'implicit_relation', path: `${prefix}$FOLLOW`, deep: level.deep });
      return { collection: segment.scope, path: `${prefix}$FOLLOW.` };
    }
    const path = `${prefix}${segment.field}`;
    const kind = this.kindOf(collection, segment.field);
    if (kind) found.push({ clause, kind, path, deep: level.deep });
    return { collection: this.next(collection, segment), path: `${path}.` };
  }

  // ---------------------------------------------------------------------------------------------- deep

  /** `deep` holds, per relational field (or its alias), that nested read's own query (`_filter`, `_sort`, ...). */
  private walkDeep(parent: Level, deep: unknown, alias: Record<string, unknown>, found: QueryViolation[]): void {
    const object = asObject(deep);
    if (!object) return;
    for (const [key, value] of Object.entries(object)) {
      if (key.startsWith('_')) continue;
      const nested = asObject(value);
      if (!nested) continue;
      const target = typeof alias[key] === 'string' ? (alias[key] as string) : key;
      let collection = parent.collection;
      let path = parent.prefix;
      for (const part of target.split('.')) {
        const next = this.step({ ...parent, deep: true }, 'filter', collection, part, path, found);
        collection = next.collection;
        path = next.path;
      }
      const level: Level = { collection, prefix: path, deep: true };
      this.inspectLevel(level, nested, found);
      this.walkDeep(level, nested, asObject(parsedJson(nested['_alias'])) ?? {}, found);
    }
  }

  // ---------------------------------------------------------------------------------------------- schema

  private kindOf(collection: string | null, field: string): ViolationKind | null {
    if (collection === null) {
      // a collection the guard could not follow the path into: judge the name alone
      if (this.anyPersonal.has(field)) return 'personal_field';
      if (this.anySealed.has(field)) return 'sealed_field';
      return null;
    }
    if (this.personal.get(collection)?.has(field)) return 'personal_field';
    if (this.sealed.get(collection)?.has(field)) return 'sealed_field';
    return null;
  }

  private holdsGuarded(collection: string | null): boolean {
    if (collection === null) return true;
    return (this.personal.get(collection)?.size ?? 0) + (this.sealed.get(collection)?.size ?? 0) > 0;
  }

  private next(collection: string | null, segment: NormalisedSegment): string | null {
    if (segment.scope) return segment.scope;
    if (collection === null) return null;
    return this.schema.related(collection, segment.field)?.toLowerCase() ?? null;
  }
}

/**
 * The violations an actor is refused for. An administrator keeps `$FOLLOW` and the sealed columns, but not personal
 * fields or a search where personal data lives: those compare ciphertext, and their values (a name) end up in URLs
 * and logs.
 */
export function refusedFor(violations: readonly QueryViolation[], administrator: boolean): QueryViolation[] {
  return administrator
    ? violations.filter((violation) => violation.kind === 'personal_field' || violation.kind === 'search')
    : [...violations];
}

/** What to tell the caller: a `$FOLLOW` first (it is refused whatever it reaches), else the guarded paths. */
export function refusalOf(violations: readonly QueryViolation[]): PrivacyRefusal | null {
  if (violations.length === 0) return null;
  if (violations.some((violation) => violation.kind === 'implicit_relation'))
    return { code: 'implicit_relation_in_query' };
  return { code: 'personal_data_in_query', paths: [...new Set(violations.map((violation) => violation.path))] };
}

// ------------------------------------------------------------------------------------------------ helpers

function asObject(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/** A comma-separated string or an array of strings (at any nesting), as Directus accepts them. */
function list(value: unknown): string[] {
  if (typeof value === 'string') return value.split(',');
  if (Array.isArray(value)) return value.flatMap((item) => list(item));
  return [];
}

function dedupe(violations: QueryViolation[]): QueryViolation[] {
  const seen = new Set<string>();
  return violations.filter((violation) => {
    const key = `${violation.clause}|${violation.kind}|${violation.path}|${violation.deep}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
