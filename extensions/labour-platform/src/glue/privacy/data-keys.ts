/**
 * The key vault: each migrant's data key, wrapped by the master key ring, lives in `data_keys` (one row per migrant,
 * keyed by the migrant's id), not in the migrant's row. Erasure deletes that one row first (crypto-shredding): every
 * copy of the person's ciphertext, in the database, a dump or a backup of the data, no longer decrypts with anything
 * the platform keeps. Why a table of its own and not the migrant row: README "Personal data" (crypto-shredding).
 *
 * Rows from before the vault carry the wrapped key in `migrants.data_key`; readers fall back to it and
 * `moveLegacyDataKeys` moves them into the vault at start (idempotent).
 *
 * Unwrapped keys are kept briefly in this process's memory (`unwrapCached`, ../../domain/privacy/key-cache): at most
 * DATA_KEY_CACHE_SIZE keys, each at most DATA_KEY_CACHE_MS, found only with the wrapped key the read just took from
 * the vault. Erasure (`destroyDataKeys`) wipes the erased migrants' keys from this process's memory when it deletes
 * their vault rows, and `forgetDataKeys` again after the commit. Another instance (or the retention CLI erasing
 * while a server runs) cannot reach that memory: there a cached key is never used again, because every read takes
 * the wrapped key from the vault first and the erased migrant has none, and it is wiped within DATA_KEY_CACHE_MS.
 * A rotated key (`keys:rotate` rewraps it) has another wrapped value: its old entry is wiped when the migrant is
 * next read, or when its time is up. A new key ring (another process, or a test) starts with an empty cache.
 */
import type { Knex } from 'knex';
import { idSlices } from '../db-statements';
import { DataKeyCache } from '../../domain/privacy/key-cache';
import { forgetDataKey, unwrapDataKey, type KeyRing } from '../../domain/privacy';

export const DATA_KEYS = 'data_keys';
const MIGRANTS = 'migrants';

export const DATA_KEY_CACHE_SIZE = 5_000;
export const DATA_KEY_CACHE_MS = 60_000;
const unwrapped = new DataKeyCache({
  maxEntries: DATA_KEY_CACHE_SIZE,
  ttlMs: DATA_KEY_CACHE_MS,
  onWipe: forgetDataKey,
});
let unwrappedRing: KeyRing | null = null;
let sweeper: ReturnType<typeof setInterval> | null = null;

/**
 * A migrant's data key, unwrapped from `wrapped` (the value the caller just read from the vault) or taken from the
 * brief cache when it was unwrapped from that same value. Use it at once: the cache may zero it after the caller's
 * next `await`. Throws DecryptionError as unwrapDataKey does (failures are not cached).
 */
export function unwrapCached(ring: KeyRing, wrapped: string, id: string): Uint8Array {
  if (ring !== unwrappedRing) {
    unwrapped.clear();
    unwrappedRing = ring;
  }
  // keys nobody reads again are wiped when their time is up, also in an idle process
  sweeper ??= setInterval(() => unwrapped.sweep(), DATA_KEY_CACHE_MS / 2).unref();
  return unwrapped.get(id, wrapped, () => unwrapDataKey(ring, wrapped, { collection: MIGRANTS, id }));
}

/** Wipes these migrants' unwrapped keys from this process's memory (erasure). */
export function forgetDataKeys(ids: Iterable<string>): void {
  unwrapped.forget(ids);
}

/** The wrapped data keys of these migrants (vault first, then the legacy column). */
export async function wrappedDataKeys(knex: Knex, ids: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let index = 0; index < ids.length; index += 500) {
    const chunk = ids.slice(index, index + 500);
    const rows = (await knex(DATA_KEYS).select('id', 'wrapped').whereIn('id', chunk)) as Array<{
      id: string;
      wrapped: string;
    }>;
    for (const row of rows) found.set(row.id, row.wrapped);
    const missing = chunk.filter((id) => !found.has(id));
    if (missing.length === 0) continue;
    const legacy = (await knex(MIGRANTS)
      .select('id', 'data_key')
      .whereIn('id', missing)
      .whereNotNull('data_key')) as Array<{ id: string; data_key: string }>;
    for (const row of legacy) found.set(row.id, row.data_key);
  }
  return found;
}

export async function wrappedDataKey(knex: Knex, id: string): Promise<string | null> {
  return (await wrappedDataKeys(knex, [id])).get(id) ?? null;
}

/** Stores a new migrant's wrapped key (in the create's transaction: it commits or rolls back with the row). */
export async function storeDataKey(knex: Knex, id: string, wrapped: string, now: Date = new Date()): Promise<void> {
  await knex(DATA_KEYS).insert({ id, wrapped, created_at: now });
}

/**
 * Stores a key unless one is there already (an update that gives an old migrant its first key, outside a
 * transaction): returns the key that is stored now, this one or the one another writer stored first.
 */
export async function storeDataKeyOnce(knex: Knex, id: string, wrapped: string): Promise<string> {
  await knex(DATA_KEYS).insert({ id, wrapped, created_at: new Date() }).onConflict('id').ignore();
  return (await wrappedDataKey(knex, id)) ?? wrapped;
}

/**
 * Crypto-shreds: destroys the data keys of these migrants (vault and legacy column), and wipes them from this
 * process's memory. Returns how many went. In a transaction, call `forgetDataKeys` again after the commit: a read
 * that started before it may still have found the vault row and cached the key meanwhile. `rowsGoToo`: the caller
 * deletes these migrants' rows in the same transaction, and their legacy column with them (one statement less).
 */
export async function destroyDataKeys(
  knex: Knex,
  ids: readonly string[],
  options: { rowsGoToo?: boolean } = {},
): Promise<number> {
  let destroyed = 0;
  for (const chunk of idSlices(ids)) {
    forgetDataKeys(chunk);
    destroyed += await knex(DATA_KEYS).whereIn('id', chunk).delete();
    if (!options.rowsGoToo)
      await knex(MIGRANTS).whereIn('id', chunk).whereNotNull('data_key').update({ data_key: null });
    forgetDataKeys(chunk);
  }
  return destroyed;
}

/** Moves wrapped keys from `migrants.data_key` into the vault, a batch per transaction. Returns how many moved. */
export async function moveLegacyDataKeys(knex: Knex, batch = 500): Promise<number> {
  if (!(await knex.schema.hasTable(DATA_KEYS))) return 0;
  let moved = 0;
  for (;;) {
    const rows = (await knex(MIGRANTS).select('id', 'data_key').whereNotNull('data_key').limit(batch)) as Array<{
      id: string;
      data_key: string;
    }>;
    if (rows.length === 0) return moved;
    await knex.transaction(async (trx) => {
      const now = new Date();
      await trx(DATA_KEYS)
        .insert(rows.map((row) => ({ id: row.id, wrapped: row.data_key, created_at: now })))
        .onConflict('id')
        .ignore();
      await trx(MIGRANTS)
        .whereIn(
          'id',
          rows.map((row) => row.id),
        )
        .update({ data_key: null });
    });
    moved += rows.length;
  }
}

/** Stores new migrants' wrapped keys in the create's transaction, a chunk per insert (an import's batch). */
export async function storeDataKeys(
  knex: Knex,
  keys: ReadonlyArray<{ id: string; wrapped: string }>,
  now: Date = new Date(),
): Promise<void> {
  for (let index = 0; index < keys.length; index += 200)
    await knex(DATA_KEYS).insert(keys.slice(index, index + 200).map((key) => ({ ...key, created_at: now })));
}
