/**
 * Transaction-scoped advisory locks: a check-then-write that must not interleave with another caller's takes one
 * before its check, inside the transaction that writes. On PostgreSQL `pg_advisory_xact_lock` makes concurrent
 * transactions on the same key take turns until the first one commits or rolls back; on SQLite nothing is needed,
 * it writes one transaction at a time (and has no such lock).
 */
import type { Knex } from 'knex';

/** Whether `knex` talks to PostgreSQL. */
export function isPostgres(knex: Knex): boolean {
  const client = knex.client.config?.client;
  return client === 'pg' || client === 'postgres' || client === 'postgresql';
}

/** The lock spaces of the platform (the first key of the two-key lock; the second is a hash of the subject). */
export const LOCK_SPACE = Object.freeze({
  /** One provider's BSN blind index: the duplicate-BSN check and the write that follows it. */
  providerBsn: 0x414d_0002,
  /** One desk of one municipality: the double-booking check and the appointment that follows it. */
  desk: 0x414d_0003,
  /** The supervision evaluation: one at a time across instances (the second finds nothing new to open). */
  supervision: 0x414d_0004,
});

/**
 * Waits for the advisory lock of (`space`, `subject`) and holds it until `trx` ends. Outside a transaction the lock
 * would end with its own statement, so it is taken only in one (the caller passes its write's transaction).
 * Different subjects may share a hash: then they only take turns needlessly, never wrongly.
 */
export async function lockForTransaction(trx: Knex, space: number, subject: string): Promise<void> {
  if (!isPostgres(trx) || !trx.isTransaction) return;
  await trx.raw('select pg_advisory_xact_lock(?, hashtext(?))', [space, subject]);
}

/** How a select takes its rows' locks: waiting for another's in one global order, or skipping what another holds. */
export type RowLocking = 'wait' | 'skip';

/**
 * `query`, a select of rows of one table by their ids, ordered by id and taking their row locks inside `trx`:
 * 'wait' waits for a lock another transaction holds (`FOR UPDATE`, in one global order so two transactions that write
 * the same rows never deadlock); 'skip' leaves out the rows another transaction holds (`FOR UPDATE SKIP LOCKED`: two
 * instances working through the same rows each take what the other has not, and a row deleted by a transaction that
 * committed first is simply not returned). SQLite writes one transaction at a time and has no row locks: the rows.
 */
export function lockingRows<Q extends Knex.QueryBuilder>(trx: Knex, query: Q, locking: RowLocking, id = 'id'): Q {
  query.orderBy(id, 'asc');
  if (!isPostgres(trx) || !trx.isTransaction) return query;
  query.forUpdate();
  if (locking === 'skip') query.skipLocked();
  return query;
}

/**
 * Takes the row locks of `ids` in `table` in one global order (by id), inside `trx`, before a transaction that
 * writes several of them. Two transactions that write the same rows in opposite orders (two group appointments
 * naming the same migrants) would otherwise each hold one row and wait for the other's: PostgreSQL's deadlock
 * detector then aborts one of them with an error. In one order the second simply waits for the first. SQLite writes
 * one transaction at a time and has no row locks.
 */
export async function lockRowsInOrder(trx: Knex, table: string, ids: readonly string[]): Promise<void> {
  if (!isPostgres(trx) || !trx.isTransaction || ids.length === 0) return;
  await lockingRows(
    trx,
    trx(table)
      .select('id')
      .whereIn('id', [...ids].sort()),
    'wait',
  );
}
