/**
 * The database half of `npm run consent:verify`: connects with knex to the database Directus uses (the same
 * environment as `npm start`: defaults ← .env ← the real environment, see platformEnvironment), reads
 * `consent_records` and prints verifyConsentRecords's report. Only reads.
 */
import { knexConfigFromEnv } from './database.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import knex, { type Knex } from 'knex';
import {
  certificateFingerprint,
  CONSENT_SIGNING_CERT,
  pemFromVariable,
} from '../../extensions/labour-platform/src/domain/consent/signature.js';
import { formatConsentReport, verifyConsentRecords, type ConsentRecordRow } from './consent-verify.js';
import { platformEnvironment } from './platform.js';

export const CONSENT_RECORDS_TABLE = 'consent_records';

/** knex settings for Directus's DB_* variables (SQLite and PostgreSQL). */
export function consentKnexConfig(env: Readonly<Record<string, string | undefined>>): Knex.Config {
  return knexConfigFromEnv(env, 'consent:verify');
}

/** All rows of consent_records, chain by chain in sequence order. */
export async function readConsentRecordRows(database: Knex): Promise<ConsentRecordRow[]> {
  if (!(await database.schema.hasTable(CONSENT_RECORDS_TABLE)))
    throw new Error(`The database has no ${CONSENT_RECORDS_TABLE} table.`);
  const rows: unknown = await database(CONSENT_RECORDS_TABLE)
    .select('id', 'chain', 'sequence', 'record', 'signature', 'created_at')
    .orderBy([{ column: 'chain' }, { column: 'sequence' }]);
  if (!Array.isArray(rows)) throw new Error(`Reading ${CONSENT_RECORDS_TABLE} did not return rows.`);
  return rows as ConsentRecordRow[];
}

export interface ConsentVerifyRun {
  root: string;
  processEnv: NodeJS.ProcessEnv;
  argv: string[];
  out: (line: string) => void;
  err: (line: string) => void;
}

function argumentValue(argv: string[], name: string): string | undefined {
  const index = argv.indexOf(name);
  if (index !== -1) return argv[index + 1];
  const inline = argv.find((argument) => argument.startsWith(`${name}=`));
  return inline?.slice(name.length + 1);
}

/** Normalises a SHA-256 fingerprint as people copy it (colons, spaces, case) for comparison. */
function fingerprintHex(text: string): string {
  return text
    .replace(/^sha256 fingerprint=/i, '')
    .replace(/[^0-9a-f]/gi, '')
    .toUpperCase();
}

/**
 * The whole command; returns the exit code: 0 when every chain verifies, 1 when anything is wrong or the
 * records cannot be read. The trusted signing certificate: `--cert <file>`, or `--cert-url <url>` (the platform's
 * published PUBLIC_URL/consent/certificate.pem), else CONSENT_SIGNING_CERT. `--fingerprint <SHA-256>` pins it: a
 * trusted certificate with another fingerprint (or none at all) is refused before any record is checked.
 */
export async function runConsentVerify(run: ConsentVerifyRun): Promise<number> {
  let database: Knex | undefined;
  try {
    // Read .env like `npm start` does, but a check does not write one: without .env, the environment alone counts.
    const { env } = platformEnvironment(run.root, run.processEnv, { dotenv: existsSync(join(run.root, '.env')) });
    const certFile = argumentValue(run.argv, '--cert');
    const certUrl = argumentValue(run.argv, '--cert-url');
    const pinned = argumentValue(run.argv, '--fingerprint');
    let trusted: string | undefined;
    if (certFile !== undefined)
      trusted = pemFromVariable(`--cert ${certFile}`, readFileSync(certFile, 'utf8'), 'trusted signing certificate');
    else if (certUrl !== undefined) {
      const response = await fetch(certUrl);
      if (!response.ok) throw new Error(`--cert-url ${certUrl} answered ${response.status}.`);
      trusted = pemFromVariable(
        `--cert-url ${certUrl}`,
        certificateBlock(await response.text()),
        'trusted signing certificate',
      );
    } else if (env[CONSENT_SIGNING_CERT])
      trusted = pemFromVariable(CONSENT_SIGNING_CERT, env[CONSENT_SIGNING_CERT], 'trusted signing certificate');
    if (pinned !== undefined) {
      if (trusted === undefined)
        throw new Error('--fingerprint needs a certificate to pin: give --cert, --cert-url or CONSENT_SIGNING_CERT.');
      const actual = certificateFingerprint(trusted);
      if (fingerprintHex(actual) !== fingerprintHex(pinned))
        throw new Error(`the trusted certificate's SHA-256 fingerprint is ${actual}, not the pinned ${pinned}.`);
    }
    database = knex(consentKnexConfig(env));
    const rows = await readConsentRecordRows(database);
    const report = verifyConsentRecords(rows, trusted);
    for (const line of formatConsentReport(report)) (line.startsWith('WARNING') ? run.err : run.out)(line);
    return report.ok ? 0 : 1;
  } catch (error) {
    run.err(`consent:verify: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await database?.destroy();
  }
}

/** The PEM block of a published certificate file (which may carry explanatory text, such as its fingerprint, above it). */
function certificateBlock(text: string): string {
  const block = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/.exec(text);
  return block ? `${block[0]}\n` : text;
}
