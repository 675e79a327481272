/**
 * SQLite's journal: the platform runs it in write-ahead-log mode. A reveal is logged before the data leaves (the
 * read waits for the log's commit); in SQLite's default rollback journal every such commit rewrites and syncs the
 * journal file (20–40 ms for a page of 100 migrants on the development machine), in WAL mode it appends to the log
 * (3–7 ms). WAL keeps the same guarantees against a killed process and is persistent: set once, the database file
 * keeps it for every later connection. PostgreSQL has its own write-ahead log: nothing to do there.
 * `SQLITE_JOURNAL_MODE=delete` keeps SQLite's default (for measurements: scripts/bench.ts).
 */
import type { Knex } from 'knex';

export function isSqlite(knex: Knex): boolean {
  const client = knex.client.config?.client;
  return client === 'sqlite3' || client === 'better-sqlite3';
}

/** Puts an SQLite database in the journal mode asked for (WAL unless `mode` says `delete`); resolves to the mode now in effect. */
export async function useSqliteJournal(knex: Knex, mode: string | undefined): Promise<string | null> {
  if (!isSqlite(knex)) return null;
  const wanted = mode?.toLowerCase() === 'delete' ? 'delete' : 'wal';
  const rows = (await knex.raw(`pragma journal_mode = ${wanted}`)) as Array<{ journal_mode: string }>;
  return rows[0]?.journal_mode ?? null;
}
