/**
 * Set-based statements for work on many rows at once (the retention run erases a thousand people per transaction):
 * how many ids one statement names, and a delete that answers what it deleted.
 */
import type { Knex } from 'knex';
import { isPostgres } from './db-locks';

/**
 * Ids per `IN (...)` list: one statement for a whole retention chunk (default 1,000 people), well within PostgreSQL's
 * 65,535 and SQLite's 32,766 bound parameters.
 */
export const IDS_PER_STATEMENT = 1_000;

/** `ids` in slices of IDS_PER_STATEMENT. */
export function idSlices(ids: readonly string[]): string[][] {
  const slices: string[][] = [];
  for (let index = 0; index < ids.length; index += IDS_PER_STATEMENT)
    slices.push(ids.slice(index, index + IDS_PER_STATEMENT));
  return slices;
}

/**
 * Runs `query` as a delete and answers `columns` of every row it deleted, in one statement (RETURNING: PostgreSQL,
 * SQLite 3.35 on; knex 3.1 returns nothing for a delete's RETURNING on SQLite, so there it is sent as raw SQL).
 * `columns` are the platform's own column names, never input.
 */
export async function deleteReturning<T extends string>(
  knex: Knex,
  query: Knex.QueryBuilder,
  columns: readonly T[],
): Promise<Array<Record<T, unknown>>> {
  if (isPostgres(knex)) return (await query.delete([...columns])) as Array<Record<T, unknown>>;
  const { sql, bindings } = query.delete().toSQL();
  const returning = columns.map((column) => `"${column}"`).join(', ');
  return (await knex.raw(`${sql} returning ${returning}`, bindings)) as Array<Record<T, unknown>>;
}
