/** Direct access to the test instance's database, for what a test must see or do below the API. */
import knex, { type Knex } from 'knex';
import { inject } from 'vitest';
import { knexConfigFromEnv } from '../../scripts/lib/database.js';

let connection: Knex | undefined;

export function testDatabase(): Knex {
  connection ??= knex(knexConfigFromEnv(inject('databaseEnv'), 'tests'));
  return connection;
}

export async function closeTestDatabase(): Promise<void> {
  await connection?.destroy();
  connection = undefined;
}

/** The number of rows a query matches, as a number on both databases (PostgreSQL's driver answers a count as a string). */
export async function rowCount(query: Knex.QueryBuilder): Promise<number> {
  const [row] = (await query.count({ n: '*' })) as Array<{ n: number | string }>;
  return Number(row?.n ?? 0);
}
