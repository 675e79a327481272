/**
 * Finding people without plain text at rest (the rule: ../../domain/privacy/search.ts):
 *   - Directus's `search` of migrants (REST, SEARCH, GraphQL, the admin app's lists and pickers) becomes a filter on
 *     the case number, the BSN blind index and the name index, before Directus reads anything;
 *   - the case number a new migrant gets, and the backfill of case numbers and name indexes of existing rows;
 *   - the BSN duplicates within one provider (refused) and among the caller's own rows (the warning before saving).
 */
import type { Accountability, SchemaOverview } from '@directus/types';
import type { Knex } from 'knex';
import { caseNumberYearPrefix, caseYear, nextCaseNumber } from '../../domain/case-number';
import { blindIndex, unwrapDataKey, type KeyRing } from '../../domain/privacy';
import { nameIndex, nameSearchNeedles } from '../../domain/privacy/name-index';
import { migrantSearchFilter, withSearchFilter, type PersonalScope } from '../../domain/privacy/search';
import { userItems, type DataAccess, type ItemsServiceConstructor, type Row } from '../items';
import { organisationOf, storedValue, TASKS_NEEDING_DATA, viewerOf } from './personal-data';
import { DUPLICATE_BSN_CODE, duplicateBsnMessage } from '../../domain/duplicate-bsn';
import { fieldRefusal } from '../errors';
import { userLanguage } from '../language';
import { isPostgres, LOCK_SPACE, lockForTransaction } from '../db-locks';
import { wrappedDataKeys } from './data-keys';

const MIGRANTS = 'migrants';

/**
 * Where a caller's search may match personal data: exactly where the reveal rule would show it. A provider: every
 * migrant it can read (its own, or housed at its locations: the same as its read permission). A clerk: only migrants
 * with a signed consent and an open task of its municipality that needs the data. Anyone else (an administrator
 * without break-glass included): nowhere, so the search is by case number alone.
 */
export async function personalScope(
  knex: Knex,
  accountability: Accountability | null | undefined,
): Promise<PersonalScope> {
  const viewer = viewerOf(accountability ?? null);
  if (viewer === 'system' || viewer === 'provider') return { kind: 'readable' };
  if (viewer !== 'clerk' || !accountability?.user) return { kind: 'none' };
  const organisation = await organisationOf(knex, accountability.user);
  if (!organisation) return { kind: 'none' };
  const rows = (await knex('tasks')
    .distinct('tasks.migrant as migrant')
    .join('consents', 'consents.migrant', 'tasks.migrant')
    .where({ 'tasks.status': 'open', 'tasks.owner_organisation': organisation, 'consents.status': 'signed' })
    .whereIn('tasks.type', TASKS_NEEDING_DATA)) as Array<{ migrant: string | null }>;
  return { kind: 'rows', ids: rows.map((row) => row.migrant).filter((id): id is string => typeof id === 'string') };
}

/** The filters the platform built from a search: the only place a query may reach the blind indexes for a client. */
const platformFilters = new WeakSet<object>();

/** The query with its top-level `search` turned into the platform's filter (other queries come back unchanged). */
export async function rewriteMigrantSearch(
  ring: KeyRing,
  knex: Knex,
  accountability: Accountability | null | undefined,
  query: Row,
): Promise<Row> {
  if (!('search' in query)) return query;
  const { search, ...rest } = query;
  if (typeof search !== 'string' || search.trim() === '') return rest;
  const scope = await personalScope(knex, accountability);
  const filter = migrantSearchFilter(search, scope, {
    bsn: (normalised) => blindIndex(ring, 'bsn', normalised),
    nameNeedles: (text) => nameSearchNeedles(ring, text),
  });
  platformFilters.add(filter);
  return { ...rest, filter: withSearchFilter(rest['filter'], filter) };
}

/**
 * What the query guard judges of a query on `collection`: the client's own query, without the top-level search of
 * migrants (the platform's to rewrite) and without the filters the platform built from one.
 */
export function clientPartOf(collection: string, query: unknown): unknown {
  if (collection.toLowerCase() !== MIGRANTS || query === null || typeof query !== 'object' || Array.isArray(query))
    return query;
  const row = query as Row;
  if (!('search' in row) && !holdsPlatformFilter(row['filter'])) return query;
  const { search: _search, ...rest } = row;
  if ('filter' in rest) rest['filter'] = withoutPlatformFilters(rest['filter']);
  return rest;
}

function holdsPlatformFilter(node: unknown): boolean {
  if (node === null || typeof node !== 'object') return false;
  if (platformFilters.has(node)) return true;
  return (Array.isArray(node) ? node : Object.values(node)).some(holdsPlatformFilter);
}

function withoutPlatformFilters(node: unknown): unknown {
  if (node === null || typeof node !== 'object') return node;
  if (platformFilters.has(node)) return {};
  if (Array.isArray(node)) return node.map(withoutPlatformFilters);
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, withoutPlatformFilters(value)]));
}

// ------------------------------------------------------------------------------------------------ rows that name a migrant

/**
 * Collections whose rows name a migrant (the clerk's tasks, the stays, the appointments): their search also finds a
 * row by its migrant, by case number, BSN or name, through the migrants search above as the caller (so within the
 * migrants it may see, and the personal matches within those it may see the data of).
 */
export const MIGRANT_LINKED: Readonly<Record<string, string>> = Object.freeze({
  tasks: 'migrant',
  stays: 'migrant',
  appointments: 'migrant',
});
/** At most this many migrants are looked for in a linked collection's search (a search box narrows, it does not export). */
const LINKED_MIGRANTS = 500;

/**
 * A search of a linked collection: Directus's own (`LIKE` over the collection's own text fields, not its relations)
 * or a migrant the search finds. Other queries come back unchanged.
 */
export async function rewriteLinkedSearch(
  access: DataAccess,
  accountability: Accountability | null | undefined,
  collection: string,
  query: Row,
): Promise<Row> {
  const link = MIGRANT_LINKED[collection];
  if (!link || !('search' in query)) return query;
  const { search, ...rest } = query;
  if (typeof search !== 'string' || search.trim() === '') return rest;
  const text = search.slice(0, 200);
  let ids: string[] = [];
  try {
    const found = await userItems(access, MIGRANTS, accountability ?? null).readByQuery({
      search: text,
      fields: ['id'],
      limit: LINKED_MIGRANTS,
    });
    ids = found.map((row) => String(row['id']));
  } catch {
    // a caller who reads no migrants finds rows by their own fields only
  }
  const alternatives: Row[] = ownTextFields(access.schema, collection).map((field) => ({
    [field]: { _icontains: text },
  }));
  if (ids.length > 0) alternatives.push({ [link]: { _in: ids } });
  const filter: Row = alternatives.length > 0 ? { _or: alternatives } : { id: { _null: true } };
  platformFilters.add(filter);
  return { ...rest, filter: withSearchFilter(rest['filter'], filter) };
}

/** The text fields Directus's own search would look in: searchable, not concealed, not a relation, not the key. */
function ownTextFields(schema: SchemaOverview, collection: string): string[] {
  const info = schema.collections[collection];
  if (!info) return [];
  const relational = new Set(
    schema.relations.filter((relation) => relation.collection === collection).map((relation) => relation.field),
  );
  return Object.values(info.fields)
    .filter(
      (field) =>
        (field.type === 'string' || field.type === 'text') &&
        field.searchable !== false &&
        !field.special.includes('conceal') &&
        !relational.has(field.field) &&
        field.field !== info.primary,
    )
    .map((field) => field.field);
}

interface SearchRequest {
  method: string;
  path: string;
  accountability?: Accountability | null;
  schema?: SchemaOverview;
  sanitizedQuery?: Row;
}

/**
 * Express middleware after Directus's query sanitising: a list of migrants (or of a linked collection) with a search
 * gets the platform's filter in its sanitised query before the controller runs, so the list and its count
 * (`meta=filter_count`, which Directus computes apart from the read, with its own LIKE) agree. Reads elsewhere
 * (GraphQL, nested services) are rewritten in the `*.query` filter.
 */
export function searchMiddleware(
  ring: KeyRing,
  knex: Knex,
  ItemsService: ItemsServiceConstructor,
  getSchema: () => Promise<SchemaOverview>,
) {
  return (request: SearchRequest, _response: unknown, next: (error?: unknown) => void): void => {
    const query = request.sanitizedQuery;
    const collection = /^\/items\/([a-z_]+)\/?$/.exec(request.path)?.[1];
    if (request.method !== 'GET' || !collection || !query || !('search' in query)) return next();
    if (collection !== MIGRANTS && !MIGRANT_LINKED[collection]) return next();
    void (async () => {
      request.sanitizedQuery =
        collection === MIGRANTS
          ? await rewriteMigrantSearch(ring, knex, request.accountability, query)
          : await rewriteLinkedSearch(
              { knex, schema: request.schema ?? (await getSchema()), ItemsService },
              request.accountability,
              collection,
              query,
            );
      next();
    })().catch(next);
  };
}

// ------------------------------------------------------------------------------------------------ case numbers

/**
 * The next case number, inside the creating transaction. On PostgreSQL a transaction-scoped advisory lock makes
 * concurrent creates take turns (SQLite writes one transaction at a time anyway); the unique index is the last guard.
 */
export async function assignCaseNumber(knex: Knex, at: Date = new Date()): Promise<string> {
  return (await assignCaseNumbers(knex, 1, at))[0]!;
}

/**
 * The next `count` case numbers, in order, inside the creating transaction: one lock and one look at the highest
 * number for a batch of new migrants (an import), not one per migrant.
 */
export async function assignCaseNumbers(knex: Knex, count: number, at: Date = new Date()): Promise<string[]> {
  if (count <= 0) return [];
  if (isPostgres(knex)) await knex.raw('select pg_advisory_xact_lock(?)', [CASE_NUMBER_LOCK]);
  const year = caseYear(at);
  const numbers: string[] = [];
  let last = await highestCaseNumber(knex, year);
  for (let index = 0; index < count; index++) numbers.push((last = nextCaseNumber(year, [last])));
  return numbers;
}

/** A fixed key for the advisory lock of case numbers ("AM" in ASCII, then a number of our own). */
const CASE_NUMBER_LOCK = 0x414d_0001;

async function highestCaseNumber(knex: Knex, year: number): Promise<string | null> {
  const row = (await knex(MIGRANTS)
    .select('case_number')
    .where('case_number', 'like', `${caseNumberYearPrefix(year)}%`)
    .orderByRaw('length(case_number) desc, case_number desc')
    .first()) as { case_number: string | null } | undefined;
  return row?.case_number ?? null;
}

/** Whether the migrants table has the columns this module writes (a start before the schema is applied has not). */
export async function searchColumnsPresent(knex: Knex): Promise<boolean> {
  return (
    (await knex.schema.hasColumn(MIGRANTS, 'case_number')) && (await knex.schema.hasColumn(MIGRANTS, 'name_index'))
  );
}

/**
 * Gives every migrant without one a case number (in the order they were created, of the year they were created) and
 * a name index (decrypted only here, in memory). Idempotent; returns how many rows it changed.
 */
export async function backfillSearchFields(ring: KeyRing, knex: Knex, batch = 200): Promise<number> {
  if (!(await searchColumnsPresent(knex))) return 0;
  let changed = 0;
  for (;;) {
    const rows = (await knex(MIGRANTS)
      .select('id', 'date_created', 'case_number', 'name_index', 'first_names', 'surname')
      .whereNull('case_number')
      .orWhereNull('name_index')
      .orderBy([
        { column: 'date_created', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(batch)) as Array<
      Row & {
        id: string;
        date_created: unknown;
        case_number: string | null;
        name_index: string | null;
        data_key: string | null;
      }
    >;
    if (rows.length === 0) return changed;
    const keys = await wrappedDataKeys(
      knex,
      rows.map((row) => row.id),
    );
    for (const row of rows) row.data_key = keys.get(row.id) ?? null;
    for (const row of rows) {
      await knex.transaction(async (trx) => {
        const update: Row = {};
        if (row.case_number === null) update['case_number'] = await assignCaseNumber(trx, createdAt(row.date_created));
        if (row.name_index === null) update['name_index'] = indexOfStored(ring, row);
        await trx(MIGRANTS).where('id', row.id).update(update);
      });
      changed++;
    }
  }
}

function createdAt(value: unknown): Date {
  const date =
    value instanceof Date ? value : typeof value === 'number' || typeof value === 'string' ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date : new Date();
}

function indexOfStored(ring: KeyRing, row: Row & { id: string; data_key: string | null }): string {
  if (!row.data_key) return '';
  let dataKey: Uint8Array;
  try {
    dataKey = unwrapDataKey(ring, row.data_key, { collection: MIGRANTS, id: row.id });
  } catch {
    // a data key this ring cannot unwrap: nothing to index (the names do not decrypt either)
    return '';
  }
  return nameIndex(ring, [
    storedValue(dataKey, row.id, 'first_names', row['first_names']),
    storedValue(dataKey, row.id, 'surname', row['surname']),
  ]);
}

// ------------------------------------------------------------------------------------------------ one call per event

/** The `*.query` filter's part: a search of migrants or of a linked collection becomes the platform's filter. */
export async function rewriteSearch(
  ring: KeyRing,
  access: DataAccess,
  accountability: Accountability | null | undefined,
  collection: string,
  query: Row,
): Promise<Row> {
  if (MIGRANT_LINKED[collection]) return rewriteLinkedSearch(access, accountability, collection, query);
  if (collection !== MIGRANTS) return query;
  return rewriteMigrantSearch(ring, access.knex, accountability, query);
}

/**
 * A new migrant (already sealed): its case number, assigned in the create's transaction (a start before the schema
 * snapshot is applied has no column for it yet), after refusing a BSN its provider already has.
 */
export async function completeNewMigrant(
  access: Pick<DataAccess, 'knex' | 'schema'>,
  accountability: Accountability | null | undefined,
  sealed: Row,
): Promise<Row> {
  return (await completeNewMigrants(access, accountability, [sealed]))[0]!;
}

/**
 * New migrants (already sealed) created together in one transaction (an import): the same as completeNewMigrant for
 * each, with one duplicate-BSN query and one case-number look-up for the whole batch. BSNs within the batch are
 * checked against each other too.
 */
export async function completeNewMigrants(
  access: Pick<DataAccess, 'knex' | 'schema'>,
  accountability: Accountability | null | undefined,
  sealed: readonly Row[],
): Promise<Row[]> {
  const withBsn = sealed.filter((row) => typeof row['bsn_index'] === 'string');
  if (withBsn.length > 0) {
    // the provider preset ($CURRENT_USER.organisation) is applied after the create filter: the same value, read here
    const own =
      accountability?.user && !accountability.admin ? await organisationOf(access.knex, accountability.user) : null;
    const byProvider = new Map<string, string[]>();
    for (const row of withBsn) {
      const provider = typeof row['provider'] === 'string' ? row['provider'] : own;
      if (provider) byProvider.set(provider, [...(byProvider.get(provider) ?? []), String(row['bsn_index'])]);
    }
    for (const [provider, indexes] of byProvider)
      await refuseDuplicateBsns(access.knex, accountability, provider, indexes);
  }
  if (!access.schema.collections[MIGRANTS]?.fields['case_number']) return [...sealed];
  const numbers = await assignCaseNumbers(access.knex, sealed.length);
  return sealed.map((row, index) => ({ ...row, case_number: numbers[index] }));
}

/** An update of one migrant (already sealed): refused when it gives the migrant a BSN its provider already has. */
export async function checkMigrantUpdate(
  knex: Knex,
  accountability: Accountability | null | undefined,
  existing: Row | undefined,
  id: string,
  sealed: Row,
): Promise<Row> {
  const provider = existing?.['provider'];
  if (typeof sealed['bsn_index'] === 'string' && typeof provider === 'string')
    await refuseDuplicateBsn(knex, accountability, provider, sealed['bsn_index'], id);
  return sealed;
}

/**
 * 400 at the BSN field when another migrant of the same provider has this BSN (named by its case number only).
 *
 * Check-then-write: on SQLite the create's transaction is the only writer, so the check holds until the insert. On
 * PostgreSQL two creates with the same BSN could both pass the check; so first a transaction-scoped advisory lock on
 * (provider, BSN index), in the create's transaction (Directus 11.17.4's createOne emits the create filter with
 * `database: trx`): the second create waits until the first commits, then sees its row and is refused here. Chosen
 * over a unique index on (provider, bsn_index) because Directus's schema snapshot cannot hold a composite unique
 * index, existing data may hold duplicates an index would refuse to build over, and its violation would reach the
 * caller as Directus's RECORD_NOT_UNIQUE rather than this refusal at the BSN field.
 * An update's filter runs before Directus opens the update's transaction (`database` is the service's knex), so
 * there the lock is taken only when the update runs inside a transaction (a batch); a single PATCH is checked as
 * before, without it.
 */
async function refuseDuplicateBsn(
  knex: Knex,
  accountability: Accountability | null | undefined,
  provider: string,
  bsnIndex: string,
  except: string | null,
): Promise<void> {
  await lockForTransaction(knex, LOCK_SPACE.providerBsn, `${provider}:${bsnIndex}`);
  const existing = await duplicateAtProvider(knex, provider, bsnIndex, except);
  if (existing === null) return;
  const language = await userLanguage(knex, accountability ?? null);
  throw fieldRefusal(MIGRANTS, 'bsn', DUPLICATE_BSN_CODE, duplicateBsnMessage(existing, language));
}

/** refuseDuplicateBsn for several new migrants of one provider: their locks in order, then one query per chunk. */
async function refuseDuplicateBsns(
  knex: Knex,
  accountability: Accountability | null | undefined,
  provider: string,
  bsnIndexes: readonly string[],
): Promise<void> {
  if (bsnIndexes.length === 1) return refuseDuplicateBsn(knex, accountability, provider, bsnIndexes[0]!, null);
  const distinct = [...new Set(bsnIndexes)].sort();
  for (const bsnIndex of distinct) await lockForTransaction(knex, LOCK_SPACE.providerBsn, `${provider}:${bsnIndex}`);
  let existing: string | null = null;
  for (let index = 0; index < distinct.length && existing === null; index += 500) {
    const row = (await knex(MIGRANTS)
      .select('case_number')
      .where('provider', provider)
      .whereIn('bsn_index', distinct.slice(index, index + 500))
      .first()) as { case_number: string | null } | undefined;
    if (row) existing = row.case_number ?? '';
  }
  // two new migrants of the batch with one BSN: the second is refused as if the first were stored (no number yet)
  if (existing === null && distinct.length < bsnIndexes.length) existing = '';
  if (existing === null) return;
  const language = await userLanguage(knex, accountability ?? null);
  throw fieldRefusal(MIGRANTS, 'bsn', DUPLICATE_BSN_CODE, duplicateBsnMessage(existing, language));
}

export async function duplicateAtProvider(
  knex: Knex,
  provider: string,
  bsnIndex: string,
  except: string | null,
): Promise<string | null> {
  const query = knex(MIGRANTS).select('id', 'case_number').where({ provider, bsn_index: bsnIndex });
  if (except) query.whereNot('id', except);
  const row = (await query.first()) as { id: string; case_number: string | null } | undefined;
  return row ? (row.case_number ?? '') : null;
}
