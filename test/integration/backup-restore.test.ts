/**
 * The restore drill of docs/production.md ("Backups and restore"), performed: a backup set is the database dump
 * without the key vault's rows, the key vault's own dump, and the key ring of that moment (FIELD_ENCRYPTION_KEYS,
 * FIELD_ENCRYPTION_ACTIVE_KEY, FIELD_BLIND_INDEX_KEY). Restored into an empty database and started with that key ring,
 * an instance serves a migrant registered before the backup, decrypted, and finds it by BSN; the dumps hold no
 * personal value in plain text. PostgreSQL only (pg_dump and pg_restore of this machine); skipped, saying why,
 * elsewhere.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { testRangeBsn } from '../../extensions/labour-platform/src/domain/bsn.js';
import { DEMO_ORGANISATION_IDS as ORG } from '../../scripts/demo-data.js';
import { startPlatformInstance, type PlatformInstance } from '../../scripts/lib/ephemeral-platform.js';
import { demoData } from '../support/as-user.js';
import { patient } from '../support/patience.js';

function reasonToSkip(): string | null {
  if (inject('databaseClient') !== 'pg')
    return `the drill restores a PostgreSQL dump (this run uses ${inject('databaseClient')})`;
  for (const tool of ['pg_dump', 'pg_restore'])
    if (spawnSync(tool, ['--version']).status !== 0) return `${tool} is not installed`;
  return null;
}
const skip = reasonToSkip();

let restored: PlatformInstance | undefined;
let restoredDatabase: string | undefined;

function connection(env: Record<string, string>): string[] {
  return ['-h', env['DB_HOST']!, '-p', env['DB_PORT']!, '-U', env['DB_USER']!];
}

function run(tool: string, args: string[], env: Record<string, string>): string {
  const result = spawnSync(tool, args, {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, ...(env['DB_PASSWORD'] ? { PGPASSWORD: env['DB_PASSWORD'] } : {}) },
  });
  if (result.status !== 0)
    throw new Error(`${tool} ${args.join(' ')} failed: ${result.error?.message ?? ''} ${result.stderr}`);
  return result.stdout;
}

async function admin(env: Record<string, string>, sql: string): Promise<void> {
  const client = new pg.Client({
    host: env['DB_HOST'],
    port: Number(env['DB_PORT']),
    user: env['DB_USER'],
    password: env['DB_PASSWORD'] ?? '',
    database: 'postgres',
  });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  await restored?.stop();
  if (restoredDatabase)
    await admin(inject('databaseEnv'), `DROP DATABASE IF EXISTS "${restoredDatabase}" WITH (FORCE)`);
});

async function providerToken(url: string): Promise<string> {
  const response = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'provider-a@example.org', password: 'demo-password' }),
  });
  return ((await response.json()) as { data: { access_token: string } }).data.access_token;
}

describe.skipIf(skip !== null)(`backup and restore drill${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it(
    'restores the database and the key vault with the key ring of the backup, and serves the data decrypted',
    async () => {
      const databaseEnv = inject('databaseEnv');
      const directory = mkdtempSync(join(tmpdir(), 'restore-drill-'));
      const tag = Date.now().toString(36);
      const person = {
        first_names: 'Odtworzona',
        surname: `Kopia-${tag}`,
        email: `kopia.${tag}@example.com`,
        bsn: testRangeBsn(8_990),
        date_of_birth: '1984-03-09',
        nationality: 'PL',
        language: 'pl',
        arrival_date: inject('referenceDate'),
      };
      const url = inject('directusUrl');
      const token = await providerToken(url);
      const location = demoData().locations.find(
        (l) => l.provider === ORG.providerA && l.municipality === ORG.gemeenteA,
      )!;
      const created = await fetch(`${url}/items/migrants?fields=id`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({
          ...person,
          stays: { create: [{ location: location.id, start_date: inject('referenceDate') }], update: [], delete: [] },
        }),
      });
      expect(created.status, await created.clone().text()).toBe(200);
      const id = ((await created.json()) as { data: { id: string } }).data.id;

      // the backup set, as docs/production.md takes it: two dumps and the key ring, together
      const database = databaseEnv['DB_DATABASE']!;
      const dataDump = join(directory, 'backup.dump');
      const keysDump = join(directory, 'keys.dump');
      run(
        'pg_dump',
        [...connection(databaseEnv), '-d', database, '-Fc', '--exclude-table-data=data_keys', '-f', dataDump],
        databaseEnv,
      );
      run(
        'pg_dump',
        [...connection(databaseEnv), '-d', database, '-Fc', '--data-only', '--table=data_keys', '-f', keysDump],
        databaseEnv,
      );
      const keyRing = inject('keyRing');
      writeFileSync(
        join(directory, 'key-ring.env'),
        Object.entries(keyRing)
          .map(([name, value]) => `${name}=${value}`)
          .join('\n'),
        { mode: 0o600 },
      );
      // ciphertext only: no personal value of the person in either dump
      for (const file of [dataDump, keysDump]) {
        run('pg_restore', ['-f', `${file}.sql`, file], databaseEnv);
        const text = readFileSync(`${file}.sql`, 'utf8');
        for (const value of [person.surname, person.email, person.bsn])
          expect(text.includes(value), `${file}: ${value}`).toBe(false);
      }
      expect(readFileSync(dataDump).length).toBeGreaterThan(0);

      // the restore: an empty database, the data dump, then the key vault's rows
      restoredDatabase = `${database}_restored`;
      await admin(databaseEnv, `DROP DATABASE IF EXISTS "${restoredDatabase}"`);
      await admin(databaseEnv, `CREATE DATABASE "${restoredDatabase}"`);
      run('pg_restore', [...connection(databaseEnv), '-d', restoredDatabase, '--no-owner', dataDump], databaseEnv);
      run(
        'pg_restore',
        [...connection(databaseEnv), '-d', restoredDatabase, '--no-owner', '--data-only', keysDump],
        databaseEnv,
      );

      // an instance on the restored database with the backed-up key ring serves the person, decrypted
      const ring = Object.fromEntries(
        readFileSync(join(directory, 'key-ring.env'), 'utf8')
          .split('\n')
          .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
      ) as Record<string, string>;
      restored = await startPlatformInstance(inject('instanceEnv'), {
        label: 'restored',
        extraEnv: { DB_DATABASE: restoredDatabase, ...ring },
      });
      const restoredToken = await providerToken(restored.url);
      const read = await fetch(`${restored.url}/items/migrants/${id}?fields=first_names,surname,email,bsn`, {
        headers: { Authorization: `Bearer ${restoredToken}` },
      });
      expect(read.status, await read.clone().text()).toBe(200);
      expect(((await read.json()) as { data: Record<string, string> }).data).toMatchObject({
        first_names: person.first_names,
        surname: person.surname,
        email: person.email,
        bsn: person.bsn,
      });
      // the blind index came back with the data: found by BSN
      const found = await fetch(`${restored.url}/privacy/migrants/search`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${restoredToken}` },
        body: JSON.stringify({ bsn: person.bsn }),
      });
      expect(found.status).toBe(200);
      const rows = ((await found.json()) as { data: Array<{ id: string }> }).data;
      expect(rows.map((row) => row.id)).toEqual([id]);
    },
    patient(240_000),
  );
});
