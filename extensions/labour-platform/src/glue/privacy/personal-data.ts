/**
 * Personal data at rest: the personal fields of a migrant are encrypted before Directus writes them (so no table,
 * revision, activity entry, flow log or error ever holds them in plain text), and decrypted on the way out only
 * where the reveal rule allows it; everywhere else they come back as a fixed placeholder with the reason.
 * The cryptography and the rules are in ../domain/privacy; this is the Directus glue around them.
 */
import type { Accountability } from '@directus/types';
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { PERSONAL_FIELDS, SEALED_FIELDS } from '../../domain/personal-fields';
import { nameIndex } from '../../domain/privacy/name-index';
import {
  blindIndex,
  decideReveal,
  decryptValue,
  DecryptionError,
  encryptValue,
  generateDataKey,
  openReadBundle,
  READ_BUNDLE_FIELD,
  sealReadBundle,
  SHIELDED_PLACEHOLDER,
  shieldedNotice,
  unwrapDataKey,
  wrapDataKey,
  type KeyRing,
  type RevealDecision,
  type Viewer,
} from '../../domain/privacy';
import type { RevealMigrantFacts } from '../../domain/migrant-facts';
import type { UiLanguage } from '../../domain/ui-language';
import { ROLE_IDS } from '../roles';
import type { Row } from '../items';
import { DATA_KEYS, storeDataKeyOnce, unwrapCached, wrappedDataKey, wrappedDataKeys } from './data-keys';
import { REVEAL_LOG, revealLogRow } from './reveal-log';

const MIGRANTS = 'migrants';
export const PERSONAL: readonly string[] = PERSONAL_FIELDS.migrants;
/** Columns only the platform writes and nobody reads through the API. */
export const SEALED_COLUMNS = SEALED_FIELDS.migrants;
/** Tasks of the municipality that need the migrant's personal data. */
export const TASKS_NEEDING_DATA = ['assess_status', 'schedule', 'register', 'deregister'];

export function viewerOf(accountability: Accountability | null): Viewer {
  if (!accountability) return 'system';
  if (accountability.admin) return 'administrator';
  switch (accountability.role) {
    case ROLE_IDS.clerk:
      return 'clerk';
    case ROLE_IDS.provider:
      return 'provider';
    case ROLE_IDS.inspector:
      return 'inspector';
    default:
      return 'policy_officer';
  }
}

// ------------------------------------------------------------------------------------------------ writing

/** A new migrant's payload with its id: the one it names, else a fresh one (a key of another type is replaced). */
export function withMigrantId(payload: Row): Row & { id: string } {
  const id = typeof payload['id'] === 'string' && payload['id'] ? payload['id'] : randomUUID();
  return { ...payload, id };
}

/**
 * Encrypts a new migrant's personal fields with a fresh data key, bound to its id (assigned when it has none). The
 * wrapped key goes into the key vault (./data-keys), not into the row: the caller stores it in the create's
 * transaction.
 */
export function sealNewMigrant(ring: KeyRing, payload: Row): { payload: Row; id: string; wrappedKey: string } {
  const withId = withMigrantId(payload);
  const dataKey = generateDataKey();
  const wrappedKey = wrapDataKey(ring, dataKey, { collection: MIGRANTS, id: withId.id });
  const result = encryptPresent(ring, dataKey, withId.id, withId);
  // a migrant without names has an empty index (null means "not indexed yet", which the backfill looks for)
  if (!('name_index' in result)) result['name_index'] = '';
  result[READ_BUNDLE_FIELD] = sealReadBundle(dataKey, { collection: MIGRANTS, id: withId.id }, PERSONAL, result);
  return { payload: result, id: withId.id, wrappedKey };
}

/** The names a name index is computed over. */
const NAME_FIELDS = ['first_names', 'surname'] as const;

function encryptPresent(ring: KeyRing, dataKey: Uint8Array, id: string, payload: Row, storedNames: Row = {}): Row {
  const sealed: Row = { ...payload };
  if (NAME_FIELDS.some((field) => field in payload)) {
    sealed['name_index'] = nameIndex(
      ring,
      NAME_FIELDS.map((field) => {
        const value = field in payload ? payload[field] : storedNames[field];
        return value === null || value === undefined ? null : String(value);
      }),
    );
  }
  for (const field of PERSONAL) {
    if (!(field in payload)) continue;
    const value = payload[field];
    if (value === null || value === undefined || value === '') {
      sealed[field] = null;
      if (field === 'bsn') sealed['bsn_index'] = null;
      continue;
    }
    const plain = String(value);
    sealed[field] = encryptValue(dataKey, plain, { collection: MIGRANTS, field, id });
    if (field === 'bsn') sealed['bsn_index'] = blindIndex(ring, 'bsn', plain);
  }
  return sealed;
}

export class PersonalBatchUpdateError extends Error {}

/** Encrypts the personal fields of an update of one migrant with that migrant's own data key. */
export async function sealMigrantUpdate(
  ring: KeyRing,
  knex: Knex,
  keys: ReadonlyArray<string | number>,
  payload: Row,
): Promise<Row> {
  if (!PERSONAL.some((field) => field in payload)) return payload;
  // Values are bound to their row: one payload cannot be encrypted for several migrants at once.
  if (keys.length !== 1) throw new PersonalBatchUpdateError('personal fields are updated one migrant at a time');
  const id = String(keys[0]);
  const row = (await knex(MIGRANTS)
    .select(...PERSONAL)
    .where('id', id)
    .first()) as Row | undefined;
  let wrapped = await wrappedDataKey(knex, id);
  // an old migrant without a key (or one that does not exist: Directus answers that) gets its first one
  if (!wrapped && row)
    wrapped = await storeDataKeyOnce(knex, id, wrapDataKey(ring, generateDataKey(), { collection: MIGRANTS, id }));
  const dataKey = wrapped ? unwrapDataKey(ring, wrapped, { collection: MIGRANTS, id }) : generateDataKey();
  // the name index covers both names: the one not in this update is read back (decrypted only here, never returned)
  const storedNames: Row = {};
  if (row && NAME_FIELDS.some((field) => field in payload)) {
    for (const field of NAME_FIELDS) storedNames[field] = storedValue(dataKey, id, field, row[field]);
  }
  const sealed = encryptPresent(ring, dataKey, id, payload, storedNames);
  // the read bundle renewed over the values the row will hold (a concurrent update makes it not match: then unused)
  if (row) {
    const after = {
      ...row,
      ...Object.fromEntries(PERSONAL.filter((field) => field in sealed).map((f) => [f, sealed[f]])),
    };
    sealed[READ_BUNDLE_FIELD] = sealReadBundle(dataKey, { collection: MIGRANTS, id }, PERSONAL, after);
  }
  return sealed;
}

/** A stored personal value in plain text (null when absent or damaged: a damaged value is not indexed). */
export function storedValue(dataKey: Uint8Array, id: string, field: string, value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return null;
  try {
    return decryptValue(dataKey, value, { collection: MIGRANTS, field, id });
  } catch (error) {
    if (error instanceof DecryptionError) return null;
    throw error;
  }
}

/**
 * Gives migrants from before the read bundle one (at start), in batches by id; a row whose values do not all decrypt
 * keeps none (it is read field by field, which reports them). A row changed meanwhile gets a bundle that does not
 * match it, which is never used. Returns how many rows got one.
 */
export async function backfillReadBundles(ring: KeyRing, knex: Knex, batch = 200): Promise<number> {
  if (!(await knex.schema.hasColumn(MIGRANTS, READ_BUNDLE_FIELD))) return 0;
  let changed = 0;
  let after = '';
  for (;;) {
    const rows = (await knex(MIGRANTS)
      .select('id', ...PERSONAL)
      .whereNull(READ_BUNDLE_FIELD)
      .andWhere('id', '>', after)
      .orderBy('id')
      .limit(batch)) as Array<Row & { id: string }>;
    if (rows.length === 0) return changed;
    after = rows[rows.length - 1]!.id;
    const keys = await wrappedDataKeys(
      knex,
      rows.map((row) => row.id),
    );
    for (const row of rows) {
      const wrapped = keys.get(row.id);
      if (!wrapped) continue;
      let bundle: string | null;
      try {
        const dataKey = unwrapDataKey(ring, wrapped, { collection: MIGRANTS, id: row.id });
        bundle = sealReadBundle(dataKey, { collection: MIGRANTS, id: row.id }, PERSONAL, row);
        dataKey.fill(0);
      } catch (error) {
        if (error instanceof DecryptionError) continue;
        throw error;
      }
      if (bundle)
        changed += await knex(MIGRANTS)
          .where('id', row.id)
          .whereNull(READ_BUNDLE_FIELD)
          .update({ [READ_BUNDLE_FIELD]: bundle });
    }
  }
}

// ------------------------------------------------------------------------------------------------ reading

/** A stored personal value, intact or damaged (a truncated value is no longer a valid one, but still not plain). */
function looksSealed(value: unknown): boolean {
  // a prefix test: the full check happens once, when the value is decrypted
  return typeof value === 'string' && /^enc\d/.test(value);
}

interface Target {
  row: Row;
  id: string | null;
}

/** Every object in a read result that carries a migrant's personal data (at any depth: nested reads too). */
function collectTargets(value: unknown, found: Target[], seen: Set<object>): void {
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  if (Array.isArray(value)) {
    for (const item of value) collectTargets(item, found, seen);
    return;
  }
  const row = value as Row;
  let personal = false;
  for (const [key, inner] of Object.entries(row)) {
    if (PERSONAL.includes(key) && looksSealed(inner)) personal = true;
    else if ((SEALED_COLUMNS as readonly string[]).includes(key)) personal = true;
    else if (inner !== null && typeof inner === 'object') collectTargets(inner, found, seen);
  }
  if (personal) found.push({ row, id: typeof row['id'] === 'string' ? row['id'] : null });
}

export interface RevealContext {
  ring: KeyRing;
  knex: Knex;
  accountability: Accountability | null;
  language: () => Promise<UiLanguage>;
  /** An administrator's break-glass reveal, with its reason. */
  breakGlass?: { reason: string };
}

/** The organisation of a user, briefly cached (it changes rarely; a change takes effect within 30 seconds). */
const organisationCache = new Map<string, { organisation: string | null; until: number }>();
export async function organisationOf(knex: Knex, user: string): Promise<string | null> {
  const cached = organisationCache.get(user);
  if (cached && cached.until > Date.now()) return cached.organisation;
  const row = (await knex('directus_users').select('organisation').where('id', user).first()) as
    { organisation: string | null } | undefined;
  const organisation = row?.organisation ?? null;
  organisationCache.set(user, { organisation, until: Date.now() + 30_000 });
  return organisation;
}

/**
 * The reveal log is written before the data leaves: in the read filter, on the request's connection (a read inside a
 * transaction is logged in it), and the read waits until its rows are committed; a read whose log cannot be written
 * fails. Reads that log while an earlier insert on the same connection is still being committed wait for it and then
 * share one insert (group commit): a page of 100 migrants costs one multi-row insert, and ten pages read at once
 * cost two commits, not ten.
 */
const REVEAL_LOG_CHUNK = 1000;
interface PendingLog {
  rows: Row[];
  written: () => void;
  failed: (error: unknown) => void;
}
interface RevealLogQueue {
  writing: boolean;
  pending: PendingLog[];
}
const revealLogQueues = new WeakMap<Knex, RevealLogQueue>();

function logReveals(knex: Knex, rows: Row[]): Promise<void> {
  let queue = revealLogQueues.get(knex);
  if (!queue) {
    queue = { writing: false, pending: [] };
    revealLogQueues.set(knex, queue);
  }
  const entry = new Promise<void>((written, failed) => queue.pending.push({ rows, written, failed }));
  if (!queue.writing) void writeRevealLogs(knex, queue);
  return entry;
}

async function writeRevealLogs(knex: Knex, queue: RevealLogQueue): Promise<void> {
  queue.writing = true;
  try {
    while (queue.pending.length > 0) {
      const batch = queue.pending.splice(0);
      const rows = batch.flatMap((entry) => entry.rows);
      try {
        if (rows.length <= REVEAL_LOG_CHUNK) await knex(REVEAL_LOG).insert(rows);
        else {
          // all or nothing: no read is told its log failed while part of it was committed
          await knex.transaction(async (trx) => {
            for (let index = 0; index < rows.length; index += REVEAL_LOG_CHUNK)
              await trx(REVEAL_LOG).insert(rows.slice(index, index + REVEAL_LOG_CHUNK));
          });
        }
        batch.forEach((entry) => entry.written());
      } catch (error) {
        batch.forEach((entry) => entry.failed(error));
      }
    }
  } finally {
    queue.writing = false;
  }
}

/** What the reveal needs of a migrant: who may see it, its wrapped key, and its read bundle with what it covers. */
interface RevealFacts extends RevealMigrantFacts {
  caseNumber: string | null;
  bundle: string | null;
  /**
   * The stored (sealed) personal values, read with the bundle: it opens only when it covers exactly these. Null when
   * not read, because every row of the result holds all personal fields: then the row's own values are the ones.
   */
  stored: Row | null;
}

async function migrantFacts(knex: Knex, ids: string[], withStored: boolean): Promise<Map<string, RevealFacts>> {
  const rows = (await knex(MIGRANTS)
    .leftJoin('locations', 'locations.id', `${MIGRANTS}.current_location`)
    // the key from the vault (./data-keys), else from the row (a migrant from before the vault)
    .leftJoin(DATA_KEYS, `${DATA_KEYS}.id`, `${MIGRANTS}.id`)
    .select(
      `${MIGRANTS}.id as id`,
      knex.raw(`coalesce(${DATA_KEYS}.wrapped, ${MIGRANTS}.data_key) as data_key`),
      `${MIGRANTS}.provider as provider`,
      `${MIGRANTS}.case_number as case_number`,
      'locations.provider as location_provider',
      `${MIGRANTS}.${READ_BUNDLE_FIELD} as ${READ_BUNDLE_FIELD}`,
      ...(withStored ? PERSONAL.map((field) => `${MIGRANTS}.${field} as ${field}`) : []),
    )
    .whereIn(`${MIGRANTS}.id`, ids)) as Array<
    Row & {
      id: string;
      data_key: string | null;
      provider: string | null;
      case_number: string | null;
      location_provider: string | null;
      read_bundle: string | null;
    }
  >;
  return new Map(
    rows.map((row) => [
      row.id,
      {
        dataKey: row.data_key,
        provider: row.provider,
        caseNumber: row.case_number,
        locationProvider: row.location_provider,
        bundle: row.read_bundle,
        stored: withStored ? row : null,
      },
    ]),
  );
}

/**
 * The plain values of a row's present fields from its read bundle (one decryption for the row), or null when it has
 * none, it does not open, or the row read holds other stored values than the bundle covers: then field by field.
 */
function fromBundle(
  dataKey: Uint8Array,
  row: Row,
  id: string,
  present: readonly string[],
  facts: RevealFacts,
): Row | null {
  const stored = facts.stored ?? row;
  if (!facts.bundle || present.some((field) => row[field] !== stored[field])) return null;
  try {
    const values = openReadBundle(dataKey, facts.bundle, { collection: MIGRANTS, id }, PERSONAL, stored);
    return Object.fromEntries(PERSONAL.map((field, index) => [field, values[index]]));
  } catch (error) {
    if (error instanceof DecryptionError) return null;
    throw error;
  }
}

/** Decrypts a revealed row's present personal fields in place; what does not decrypt is reported, never shown. */
function openRow(
  ring: KeyRing,
  row: Row,
  id: string,
  present: readonly string[],
  facts: RevealFacts | undefined,
): void {
  const errors: Array<{ field: string; reason: string }> = [];
  let dataKey: Uint8Array | null = null;
  try {
    if (!facts?.dataKey) throw new DecryptionError('unknown_key', { collection: MIGRANTS, field: 'data_key' });
    dataKey = unwrapCached(ring, facts.dataKey, id);
  } catch (error) {
    if (!(error instanceof DecryptionError)) throw error;
    errors.push({ field: 'data_key', reason: error.reason });
  }
  const bundled = dataKey && facts ? fromBundle(dataKey, row, id, present, facts) : null;
  for (const field of present) {
    if (!dataKey) {
      row[field] = SHIELDED_PLACEHOLDER;
      continue;
    }
    if (bundled) {
      row[field] = bundled[field];
      continue;
    }
    try {
      row[field] = decryptValue(dataKey, row[field] as string, { collection: MIGRANTS, field, id });
    } catch (error) {
      if (!(error instanceof DecryptionError)) throw error;
      row[field] = SHIELDED_PLACEHOLDER;
      errors.push({ field, reason: error.reason });
    }
  }
  if (errors.length > 0) row['privacy'] = { shielded: false, errors };
}

/** Decrypts or shields the personal data in a read result, in place; logs every reveal. Returns the result. */
export async function revealInResult<T>(context: RevealContext, result: T): Promise<T> {
  const targets: Target[] = [];
  collectTargets(result, targets, new Set());
  if (targets.length === 0) return result;
  const viewer = viewerOf(context.accountability);
  const ids = [...new Set(targets.map((target) => target.id).filter((id): id is string => id !== null))];
  // the bundle covers all personal fields: their stored values are read with it unless every row holds them already
  const withStored = targets.some(({ row }) => PERSONAL.some((field) => !(field in row)));
  const facts = ids.length > 0 ? await migrantFacts(context.knex, ids, withStored) : new Map<string, RevealFacts>();

  const organisation = context.accountability?.user
    ? await organisationOf(context.knex, context.accountability.user)
    : null;
  const consented = new Set<string>();
  const openTask = new Map<string, string>();
  if (viewer === 'clerk' && organisation && ids.length > 0) {
    for (const row of (await context
      .knex('consents')
      .select('migrant')
      .whereIn('migrant', ids)
      .andWhere('status', 'signed')) as Array<{ migrant: string }>)
      consented.add(row.migrant);
    const tasks = (await context
      .knex('tasks')
      .select('id', 'migrant')
      .whereIn('migrant', ids)
      .andWhere({ status: 'open', owner_organisation: organisation })
      .whereIn('type', TASKS_NEEDING_DATA)) as Array<{ id: string; migrant: string }>;
    for (const task of tasks) openTask.set(task.migrant, task.id);
  }

  const decisions = new Map<string, RevealDecision>();
  const decide = (id: string): RevealDecision => {
    let decision = decisions.get(id);
    if (!decision) {
      const fact = facts.get(id);
      decision = decideReveal({
        viewer,
        viewerIsMigrantsProvider:
          organisation !== null && (fact?.provider === organisation || fact?.locationProvider === organisation),
        consent: consented.has(id) ? { status: 'signed' } : null,
        municipalityHasOpenTaskNeedingData: openTask.has(id),
        ...(context.breakGlass ? { breakGlass: context.breakGlass } : {}),
      });
      decisions.set(id, decision);
    }
    return decision;
  };

  // first what each row gets, and what the reveal log says (it depends on the decisions only, not on decryption)
  const logged = new Map<string, Set<string>>();
  const toOpen: Array<{ row: Row; id: string; present: string[] }> = [];
  let language: UiLanguage | null = null;
  for (const target of targets) {
    const { row, id } = target;
    if (viewer !== 'system') for (const column of SEALED_COLUMNS) delete row[column];
    // in a migrant's row every personal string is stored sealed: one that does not decrypt is reported, never shown
    const present = PERSONAL.filter((field) => typeof row[field] === 'string' && row[field] !== '');
    if (present.length === 0) continue;
    const decision: RevealDecision = id === null ? { reveal: false, reason: 'not_permitted' } : decide(id);
    if (!decision.reveal) {
      language ??= await context.language();
      for (const field of present) row[field] = SHIELDED_PLACEHOLDER;
      row['privacy'] = {
        shielded: true,
        reason: id === null ? 'id_required' : decision.reason,
        notice: shieldedNotice(decision.reason, language),
      };
      continue;
    }
    toOpen.push({ row, id: id!, present });
    if (viewer !== 'system') {
      const fields = logged.get(id!) ?? new Set<string>();
      present.forEach((field) => fields.add(field));
      logged.set(id!, fields);
    }
  }

  // The log's insert and commit run in the database while this process decrypts; the read waits for both, so the
  // log is still committed before any data leaves. A log that fails fails the read, its rows shielded again.
  let written: Promise<void> | null = null;
  if (logged.size > 0) {
    const basis = (id: string) => {
      const decision = decisions.get(id);
      return decision?.reveal ? decision.basis : 'unknown';
    };
    written = logReveals(
      context.knex,
      [...logged.entries()].map(([migrant, fields]) =>
        revealLogRow({
          viewer: context.accountability?.user ?? null,
          viewerRole: viewer,
          municipality: viewer === 'clerk' ? organisation : null,
          migrant,
          caseNumber: facts.get(migrant)?.caseNumber ?? null,
          fields,
          task: openTask.get(migrant) ?? null,
          basis: basis(migrant),
          reason: context.breakGlass?.reason ?? null,
          occurredAt: new Date(),
        }),
      ),
    );
    written.catch(() => undefined); // handled where it is awaited, below
    // one turn of the event loop, so the insert reaches the database before the decryption below holds this thread
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  try {
    for (const { row, id, present } of toOpen) openRow(context.ring, row, id, present, facts.get(id));
    if (written) await written;
  } catch (error) {
    for (const { row, present } of toOpen) {
      for (const field of present) row[field] = SHIELDED_PLACEHOLDER;
      delete row['privacy'];
    }
    throw error;
  }
  return result;
}
