/**
 * `npm run consent:verify` against a real SQLite database holding consent_records: exit 0 when every chain is
 * intact, exit 1 with the chain and record named when a row was changed, deleted or reordered.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import knex, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvidence } from '../../extensions/labour-platform/src/domain/consent/evidence';
import {
  pseudonym,
  sha256Hex,
  type ConsentAction,
  type ConsentRecord,
} from '../../extensions/labour-platform/src/domain/consent/record';
import {
  certificateFingerprint,
  generateDevelopmentSigner,
} from '../../extensions/labour-platform/src/domain/consent/signature';
import { createServer } from 'node:http';
import { consentKnexConfig, runConsentVerify } from '../../scripts/lib/consent-database';

const projectRoot = resolve(__dirname, '..', '..');
const signer = generateDevelopmentSigner('CLI test signer');
const secret = Buffer.alloc(32, 11);

let root: string;
let databaseFile: string;
let database: Knex;
const chains: Record<string, string> = {};

async function insertChain(migrant: string, actions: ConsentAction[]): Promise<void> {
  const subject = pseudonym(secret, migrant);
  chains[migrant] = subject;
  let previous: ConsentRecord | null = null;
  for (const [index, action] of actions.entries()) {
    const evidence = createEvidence(
      previous,
      {
        action,
        at: `2025-07-0${index + 1}T12:00:00.000Z`,
        language: 'hu',
        textVersion: 'v1',
        textSha256: sha256Hex('Hozzájárulás'),
        subject,
        consent: `${migrant}-consent`,
      },
      signer,
    );
    previous = evidence.record;
    await database('consent_records').insert({
      id: `00000000-0000-4000-8000-${migrant.padEnd(8, '0')}000${index + 1}`,
      chain: subject,
      sequence: index + 1,
      record: evidence.canonical,
      signature: evidence.signature,
      created_at: evidence.record.at,
    });
  }
}

async function run(
  argv: string[] = ['--cert', join(root, 'cert.pem')],
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runConsentVerify({
    root,
    processEnv: { PATH: process.env['PATH'], DB_CLIENT: 'sqlite3', DB_FILENAME: databaseFile, ...extraEnv },
    argv,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  });
  return { code, out, err };
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'consent-verify-'));
  writeFileSync(join(root, '.env'), 'SECRET=consent-verify-test-secret-0123456789abcdef\n');
  writeFileSync(join(root, 'cert.pem'), signer.certificatePem);
  databaseFile = join(root, 'consent.db');
  writeFileSync(databaseFile, '');
  database = knex(consentKnexConfig({ DB_CLIENT: 'sqlite3', DB_FILENAME: databaseFile }));
  await database.schema.createTable('consent_records', (table) => {
    table.uuid('id').primary();
    table.string('chain').notNullable();
    table.integer('sequence').notNullable();
    table.text('record').notNullable();
    table.text('signature').notNullable();
    table.timestamp('created_at');
  });
  await insertChain('ana', ['sign', 'revoke', 'sign']);
  await insertChain('ion', ['refuse', 'sign', 'revoke', 'sign']);
});

afterAll(async () => {
  await database?.destroy();
});

describe('consent:verify', () => {
  it('pins the trusted certificate by its SHA-256 fingerprint, also fetched from the published URL', async () => {
    const fingerprint = certificateFingerprint(signer.certificatePem);
    expect(
      (await run(['--cert', join(root, 'cert.pem'), '--fingerprint', fingerprint.toLowerCase().replace(/:/g, '')]))
        .code,
    ).toBe(0);
    const wrong = await run([
      '--cert',
      join(root, 'cert.pem'),
      '--fingerprint',
      certificateFingerprint(generateDevelopmentSigner('CLI test signer').certificatePem),
    ]);
    expect(wrong.code).toBe(1);
    expect(wrong.err[0]).toContain(`fingerprint is ${fingerprint}`);
    expect((await run(['--fingerprint', fingerprint])).code).toBe(1);
    // the platform's GET /consent/certificate.pem: the fingerprint as text above the PEM block
    const server = createServer((_request, response) =>
      response.end(`SHA-256 fingerprint: ${fingerprint}\n${signer.certificatePem}`),
    );
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    try {
      const address = server.address() as { port: number };
      const fetched = await run([
        '--cert-url',
        `http://127.0.0.1:${address.port}/consent/certificate.pem`,
        '--fingerprint',
        fingerprint,
      ]);
      expect(fetched.err).toEqual([]);
      expect(fetched.code).toBe(0);
    } finally {
      server.close();
    }
  });

  it('fails every record signed by another key with a self-made certificate of the same name', async () => {
    const other = generateDevelopmentSigner('CLI test signer');
    writeFileSync(join(root, 'other.pem'), other.certificatePem);
    const forged = await run(['--cert', join(root, 'other.pem')]);
    expect(forged.code).toBe(1);
    expect(forged.out.join('\n')).toMatch(/FAIL/);
  });

  it('exits 0 and prints one line per chain when everything verifies', async () => {
    const { code, out, err } = await run();
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out).toHaveLength(3);
    expect(out).toContainEqual(
      expect.stringMatching(new RegExp(`^ok   ${chains['ana']}: 3 records, head [0-9a-f]{64}$`)),
    );
    expect(out).toContainEqual(
      expect.stringMatching(new RegExp(`^ok   ${chains['ion']}: 4 records, head [0-9a-f]{64}$`)),
    );
    expect(out.at(-1)).toBe('All 2 chain(s), 7 record(s) verified.');
  });

  it('takes the trusted certificate from CONSENT_SIGNING_CERT, and warns without one', async () => {
    const fromEnv = await run([], { CONSENT_SIGNING_CERT: Buffer.from(signer.certificatePem).toString('base64') });
    expect(fromEnv.code).toBe(0);
    expect(fromEnv.err).toEqual([]);
    const without = await run([]);
    expect(without.code).toBe(0);
    expect(without.err[0]).toMatch(/^WARNING: no trusted certificate/);
    const other = join(root, 'other.pem');
    writeFileSync(other, generateDevelopmentSigner('Other').certificatePem);
    const wrong = await run(['--cert', other]);
    expect(wrong.code).toBe(1);
    expect(wrong.out.filter((line) => line.includes('bad_signature'))).toHaveLength(7);
  });

  it('exits 1 and names the changed, the reordered and the record after a deleted row', async () => {
    const ion = chains['ion']!;
    const ana = chains['ana']!;
    await database.transaction(async (trx) => {
      await trx('consent_records')
        .where({ chain: ana, sequence: 2 })
        .update({ record: trx.raw(`replace(record, '"revoke"', '"sign"')`) });
      await trx('consent_records').where({ chain: ion, sequence: 2 }).update({ sequence: 99 });
      await trx('consent_records').where({ chain: ion, sequence: 3 }).update({ sequence: 2 });
      await trx('consent_records').where({ chain: ion, sequence: 99 }).update({ sequence: 3 });
    });
    const tampered = await run();
    expect(tampered.code).toBe(1);
    const anaLine = tampered.out.findIndex((line) => line.startsWith(`FAIL ${ana}`));
    expect(tampered.out[anaLine + 1]).toMatch(
      /^ {5}#2 \S+0002: bad_signature \(the content does not match the messageDigest attribute/,
    );
    const ionLine = tampered.out.findIndex((line) => line.startsWith(`FAIL ${ion}`));
    expect(tampered.out.slice(ionLine + 1, ionLine + 3)).toEqual([
      expect.stringMatching(/^ {5}#2 \S+0003: reordered/),
      expect.stringMatching(/^ {5}#3 \S+0002: reordered/),
    ]);
    expect(tampered.out.at(-1)).toBe('2 of 2 chain(s) have problems (3 problem(s) in 7 record(s)).');

    await database('consent_records').where({ chain: ion, sequence: 1 }).delete();
    const deleted = await run();
    // Left: #2 = record 3, #3 = record 2 (swapped above), #4 = record 4. Record 2 now begins the chain.
    const ionAfter = deleted.out.findIndex((line) => line.startsWith(`FAIL ${ion}`));
    expect(deleted.out.slice(ionAfter + 1, ionAfter + 4)).toEqual([
      expect.stringMatching(/^ {5}#2 \S+0003: reordered/),
      expect.stringMatching(/^ {5}#3 \S+0002: missing_previous/),
      expect.stringMatching(/^ {5}#3 \S+0002: reordered/),
    ]);
  });

  it('exits 1 with a clear message when the database or the table is missing, and creates no database', async () => {
    const missing = join(root, 'nowhere.db');
    const noFile = await run(undefined, { DB_FILENAME: missing });
    expect(noFile.code).toBe(1);
    expect(noFile.err).toEqual([`consent:verify: The SQLite database ${missing} (DB_FILENAME) does not exist.`]);
    expect(existsSync(missing)).toBe(false);
    const empty = join(root, 'empty.db');
    writeFileSync(empty, '');
    const noTable = await run(undefined, { DB_FILENAME: empty });
    expect(noTable.code).toBe(1);
    expect(noTable.err).toEqual(['consent:verify: The database has no consent_records table.']);
    const otherClient = await run(undefined, { DB_CLIENT: 'mysql' });
    expect(otherClient.err[0]).toMatch(/DB_CLIENT=mysql is not supported/);
  });

  it('runs as the real command (scripts/consent-verify.ts) with exit code 1 on the tampered database', () => {
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', join('scripts', 'consent-verify.ts'), '--cert', join(root, 'cert.pem')],
      {
        cwd: projectRoot,
        env: {
          PATH: process.env['PATH'],
          DB_CLIENT: 'sqlite3',
          DB_FILENAME: databaseFile,
          SECRET: 'only-needed-when-the-repo-has-no-env-file-0123456789',
        },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^FAIL p1:[0-9a-f]{64}: 3 records/m);
    expect(result.status).toBe(1);
  });

  it('builds the PostgreSQL connection from the Directus variables', () => {
    expect(
      consentKnexConfig({
        DB_CLIENT: 'pg',
        DB_HOST: 'db',
        DB_PORT: '6543',
        DB_DATABASE: 'directus',
        DB_USER: 'u',
        DB_PASSWORD: 'p',
      }),
    ).toMatchObject({
      client: 'pg',
      connection: { host: 'db', port: 6543, database: 'directus', user: 'u', password: 'p' },
    });
    expect(
      consentKnexConfig({
        DB_CLIENT: 'pg',
        DB_CONNECTION_STRING: 'postgres://x/y',
        DB_SSL__REJECT_UNAUTHORIZED: 'false',
      }),
    ).toMatchObject({
      connection: { connectionString: 'postgres://x/y', ssl: { rejectUnauthorized: false } },
    });
  });
});
