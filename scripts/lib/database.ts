/** A knex connection to the platform's database from the standard Directus variables, for the command-line tools. */
import { existsSync } from 'node:fs';
import type { Knex } from 'knex';

export function knexConfigFromEnv(env: Readonly<Record<string, string | undefined>>, tool: string): Knex.Config {
  const client = env['DB_CLIENT'];
  if (client === 'sqlite3') {
    const filename = env['DB_FILENAME'];
    if (!filename) throw new Error('DB_FILENAME is not set (DB_CLIENT=sqlite3).');
    // knex's SQLite driver would create a missing file; a tool must not invent an empty database.
    if (!existsSync(filename)) throw new Error(`The SQLite database ${filename} (DB_FILENAME) does not exist.`);
    return { client: 'sqlite3', connection: { filename }, useNullAsDefault: true };
  }
  if (client === 'pg' || client === 'postgres') {
    const ssl =
      env['DB_SSL__REJECT_UNAUTHORIZED'] === 'false'
        ? { rejectUnauthorized: false }
        : env['DB_SSL'] === 'true'
          ? true
          : undefined;
    const connectionString = env['DB_CONNECTION_STRING'];
    const connection: Knex.PgConnectionConfig = connectionString
      ? { connectionString }
      : {
          host: env['DB_HOST'] ?? 'localhost',
          port: Number(env['DB_PORT'] ?? '5432'),
          database: env['DB_DATABASE'],
          user: env['DB_USER'],
          password: env['DB_PASSWORD'],
        };
    if (ssl !== undefined) connection.ssl = ssl;
    return { client: 'pg', connection, pool: { min: 0, max: 2 } };
  }
  throw new Error(`DB_CLIENT=${client ?? '(not set)'} is not supported by ${tool} (sqlite3 or pg).`);
}
