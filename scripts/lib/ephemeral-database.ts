/**
 * A fresh database for one test run: a new SQLite file, or a new PostgreSQL database when DB_CLIENT=pg
 * (default 127.0.0.1:5432, user postgres, trust auth as on the CI machine). Dropped again afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface TestDatabase {
  env: Record<string, string>;
  describe: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(processEnv: NodeJS.ProcessEnv = process.env): Promise<TestDatabase> {
  if (processEnv['DB_CLIENT'] === 'pg' || processEnv['DB_CLIENT'] === 'postgres') {
    const connection = {
      host: processEnv['DB_HOST'] ?? '127.0.0.1',
      port: Number(processEnv['DB_PORT'] ?? 5432),
      user: processEnv['DB_USER'] ?? 'postgres',
      password: processEnv['DB_PASSWORD'] ?? '',
    };
    const name = processEnv['TEST_DB_DATABASE'] ?? `labour_platform_test_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ ...connection, database: 'postgres' });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    return {
      env: {
        DB_CLIENT: 'pg',
        DB_HOST: connection.host,
        DB_PORT: String(connection.port),
        DB_USER: connection.user,
        DB_PASSWORD: connection.password,
        DB_DATABASE: name,
      },
      describe: `PostgreSQL database ${name}`,
      drop: async () => {
        const client = new pg.Client({ ...connection, database: 'postgres' });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await client.end();
      },
    };
  }
  const directory = mkdtempSync(join(tmpdir(), 'labour-platform-test-'));
  return {
    env: { DB_CLIENT: 'sqlite3', DB_FILENAME: join(directory, 'database.db') },
    describe: `SQLite file ${join(directory, 'database.db')}`,
    drop: async () => rmSync(directory, { recursive: true, force: true }),
  };
}
