/**
 * Set-based statements for work on many rows at once (the retention run erases up to 5,000 people per transaction):
 * how many ids one statement names, a delete that answers what it deleted, and an insert of any number of rows in
 * one statement.
 */
import type { Knex } from 'knex';
import { isPostgres } from './db-locks';

/**
 * Ids per `IN (...)` list: one statement for a whole retention chunk (RETENTION_CHUNK_SIZE, at most 5,000 people).
 * Every round trip to the database costs more than the rows it names (on a loaded machine, a wait for the CPU each
 * way), so fewer, larger statements.
 */
export const IDS_PER_STATEMENT = 5_000;

/** Bound parameters one statement carries at most: under SQLite's 32,766 (PostgreSQL allows 65,535). */
export const PARAMETERS_PER_STATEMENT = 30_000;

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

/**
 * Inserts `rows` (all with the same keys, the platform's own column names) in as few statements as can be.
 * PostgreSQL: one, whatever their number, with one bound parameter, their JSON, turned into rows of the table's own
 * types by `json_populate_recordset` (binding a parameter per value costs more than parsing the JSON, and a json
 * column receives the value itself: pass an object or array, not its text). SQLite: a plain multi-row `VALUES` list
 * (knex writes SQLite's multi-row insert as a compound select, which takes at most 500 rows) of as many rows as its
 * limit on bound parameters allows (PARAMETERS_PER_STATEMENT: 2,500 rows of 12 columns); an object or array is
 * stored as its JSON text.
 */
export async function insertRows(
  knex: Knex,
  table: string,
  rows: ReadonlyArray<Readonly<Record<string, unknown>>>,
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const names = columns.map(() => '??').join(', ');
  if (isPostgres(knex)) {
    await knex.raw(`insert into ?? (${names}) select ${names} from json_populate_recordset(null::??, ?)`, [
      table,
      ...columns,
      ...columns,
      table,
      JSON.stringify(rows),
    ]);
    return;
  }
  const perStatement = Math.max(1, Math.floor(PARAMETERS_PER_STATEMENT / columns.length));
  const row = `(${columns.map(() => '?').join(', ')})`;
  for (let index = 0; index < rows.length; index += perStatement) {
    const slice = rows.slice(index, index + perStatement);
    const values: unknown[] = [];
    for (const one of slice)
      for (const column of columns) {
        const value = one[column] ?? null;
        // a Date is bound as the driver binds it, as knex's own insert would (not as the JSON text of a string)
        values.push(
          value !== null && typeof value === 'object' && !(value instanceof Date) ? JSON.stringify(value) : value,
        );
      }
    await knex.raw(`insert into ?? (${names}) values ${slice.map(() => row).join(', ')}`, [
      table,
      ...columns,
      ...values,
    ]);
  }
}
