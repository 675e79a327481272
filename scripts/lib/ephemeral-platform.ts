/**
 * A throw-away platform: a fresh database (SQLite, or PostgreSQL with DB_CLIENT=pg), Directus on a free port with
 * the real extension, the repo's config and the demo data, exactly as `npm start` prepares it. Used by the test
 * suite's global set-up and by `npm run bench`.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import {
  generateKeyRingEnv,
  generateMasterKeyEntry,
} from '../../extensions/labour-platform/src/domain/privacy/keyring.js';
import { todayInNetherlands } from '../../extensions/labour-platform/src/domain/dates.js';
import type { BrpMockServer } from '../brp-mock-server.js';
import knex from 'knex';
import { knexConfigFromEnv } from './database.js';
import { createTestDatabase } from './ephemeral-database.js';
import { developmentMailEnv, generateConsentEnv } from './consent-env.js';
import {
  bootstrapDatabase,
  buildExtensionsIfNeeded,
  platformEnvironment,
  preparePlatform,
  startBrpMockIfUnconfigured,
  startDirectus,
} from './platform.js';
import { projectRoot } from './project.js';
import { startTileMock, type TileMock } from './tile-mock.js';
import { startLocatieserverMock, type LocatieserverMock } from './locatieserver-mock.js';
import { patient } from '../../test/support/patience.js';

/**
 * How long a throw-away instance may take to answer its first ping: two minutes on a quiet machine, scaled by
 * TEST_PATIENCE on a busy one (test/support/patience.ts), as every other wait of the tests.
 */
const STARTUP_TIMEOUT_MS = patient(120_000);

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Waits until the platform's outbox has no open entry (at most ten minutes). */
async function outboxDrained(databaseEnv: Record<string, string>): Promise<void> {
  const db = knex(knexConfigFromEnv(databaseEnv, 'ephemeral-platform'));
  try {
    const deadline = Date.now() + 600_000;
    if (!(await db.schema.hasTable('outbox'))) return;
    for (;;) {
      const open = Number(
        (
          (await db('outbox').whereIn('status', ['pending', 'claimed']).count({ n: '*' }).first()) as {
            n: number | string;
          }
        ).n,
      );
      if (open === 0) return;
      if (Date.now() > deadline) throw new Error(`the outbox still has ${open} open entries after ten minutes`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await db.destroy();
  }
}

/** One more Directus process of a platform: same database, secrets and key ring, its own port and log. */
export interface PlatformInstance {
  url: string;
  /** The process's stdout and stderr. */
  logFile: string;
  /** kill -9 (no shutdown hooks run); resolves once it is gone. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts another Directus on the database of a running platform, as a second instance behind the same load balancer
 * would run: the same environment (database, SECRET, key ring, consent keys, BRP) on a free port of its own, with its
 * own log file and its own TEMP_PATH. Nothing is bootstrapped, applied or seeded: the platform did that already.
 * `instanceEnv` is the platform's EphemeralPlatform.instanceEnv (the test suite hands it to test files as
 * `inject('instanceEnv')`); `extraEnv` adds or overrides variables for this instance only; `port` fixes the port (a
 * test that must name the instance's URL before it starts, e.g. as an OpenID Connect redirect URI).
 */
export async function startPlatformInstance(
  instanceEnv: Readonly<Record<string, string>>,
  options: { label: string; extraEnv?: Record<string, string>; port?: number },
): Promise<PlatformInstance> {
  const runDirectory = join(projectRoot, '.test-runs');
  mkdirSync(runDirectory, { recursive: true });
  const port = options.port ?? (await freePort());
  const logFile = join(runDirectory, `${options.label}-${port}-${Date.now()}.log`);
  const env: Record<string, string> = {
    ...instanceEnv,
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    TEMP_PATH: join(runDirectory, `tmp-${options.label}-${port}`),
    ...options.extraEnv,
  };
  const directus = await startDirectus(
    projectRoot,
    { env, url: `http://127.0.0.1:${port}`, createdDotenv: false },
    logFile,
    STARTUP_TIMEOUT_MS,
  );
  return {
    url: directus.url,
    logFile,
    kill: () =>
      new Promise<void>((resolve) => {
        if (directus.process.exitCode !== null || directus.process.signalCode !== null) return resolve();
        directus.process.once('exit', () => resolve());
        directus.process.kill('SIGKILL');
      }),
    stop: () => directus.stop(),
  };
}

export interface EphemeralPlatform {
  url: string;
  logFile: string;
  /**
   * The environment Directus runs with (database, SECRET, key ring, consent keys, BRP mock): what
   * startPlatformInstance needs to start more instances on the same database. Test secrets, thrown away with the run.
   */
  instanceEnv: Record<string, string>;
  databaseClient: string;
  databaseEnv: Record<string, string>;
  describe: string;
  referenceDate: string;
  /** The field encryption key ring the instance runs with (test keys, thrown away with the run). */
  keyRing: Record<string, string>;
  /** Where the instance's mail goes (one .eml per message): the consent invitations. */
  mailDirectory: string;
  /** The consent signing certificate (PEM) of the instance. */
  consentCertificatePem: string;
  /** The running Directus process's id (memory measurements). */
  pid(): number | undefined;
  /** kill -9 of the Directus process (no shutdown hooks run); resolves once it is gone. */
  kill(): Promise<void>;
  /** Starts Directus again on the same database and environment (after kill or stop). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startEphemeralPlatform(options: {
  label: string;
  extraEnv?: Record<string, string>;
}): Promise<EphemeralPlatform> {
  buildExtensionsIfNeeded(projectRoot, console.log);
  const database = await createTestDatabase();
  const runDirectory = join(projectRoot, '.test-runs');
  mkdirSync(runDirectory, { recursive: true });
  const logFile = join(runDirectory, `${options.label}-${Date.now()}.log`);
  const port = await freePort();
  // two master keys, the first active: a test can rotate to the second while the platform keeps serving
  const generated = generateKeyRingEnv();
  const next = generateMasterKeyEntry(new Date(Date.now() + 86_400_000));
  const keyRing: Record<string, string> = {
    ...generated,
    FIELD_ENCRYPTION_KEYS: `${generated['FIELD_ENCRYPTION_KEYS']},${next.entry}`,
  };
  const consentEnv = generateConsentEnv();
  const mailDirectory = join(runDirectory, `mail-${options.label}-${Date.now()}`);
  const platform = platformEnvironment(
    projectRoot,
    {
      ...process.env,
      ...database.env,
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      SECRET: randomBytes(32).toString('base64url'),
      ADMIN_EMAIL: 'admin@example.org',
      ADMIN_PASSWORD: 'demo-password',
      DEMO_PASSWORD: 'demo-password',
      LOG_STYLE: 'raw',
      STORAGE_LOCAL_ROOT: join(runDirectory, 'uploads'),
      // Directus writes the admin app's extension bundle under TEMP_PATH (default ./node_modules/.directus): every
      // instance on the machine that shares node_modules would serve whichever bundle was written last
      TEMP_PATH: join(runDirectory, `tmp-${options.label}-${port}`),
      // tests and benchmarks log in as every role many times from one address
      RATE_LIMITER_ENABLED: 'false',
      // Directus's pressure limiter answers 503 to any request while the event loop lags, which on a shared test
      // machine depends on its load, not on the platform: off, so the platform's own limits decide (the consent
      // flood test asserts that its excess gets 429 and the rest their answer)
      PRESSURE_LIMITER_ENABLED: 'false',
      ...keyRing,
      ...consentEnv,
      ...developmentMailEnv(projectRoot, mailDirectory),
      // the suite's browsers all come from one address; tests of the limits use their own (X-Forwarded-For,
      // honoured only from loopback, as from a reverse proxy in front: a client's own header is not trusted)
      CONSENT_RATE_LIMIT_PER_ADDRESS: '2000',
      CONSENT_RATE_LIMIT_PER_LINK: '30',
      // one window for the whole run: whether a limit is reached never depends on how fast the machine is
      CONSENT_RATE_LIMIT_WINDOW: '86400',
      // room for the 21 parallel date-of-birth checks of the lock test; a flood beyond it is refused
      CONSENT_MAX_QUEUED_CHECKS: '32',
      IP_TRUST_PROXY: 'loopback',
      // with REDIS set, this instance's counts stay apart from any other's on the same Redis
      RATE_LIMIT_REDIS_NAMESPACE: `labour-platform-test-${randomBytes(6).toString('hex')}`,
      // the retention endpoint accepts a `today` of the test's choosing (a clock the tests move); never in production
      RETENTION_TEST_CLOCK: 'true',
      ...options.extraEnv,
    },
    { dotenv: false },
  );
  bootstrapDatabase(projectRoot, platform.env);
  const brpMock: BrpMockServer | null = await startBrpMockIfUnconfigured(platform);
  // the map's background: PDOK is not reachable from a test machine, a local stand-in answers as its WMTS does
  let tileMock: TileMock | null = null;
  if (!platform.env['INSIGHT_TILE_URL']) {
    tileMock = await startTileMock();
    platform.env['INSIGHT_TILE_URL'] = tileMock.template;
  }
  // the work postcodes' coordinates (supervision): PDOK's Locatieserver is not reachable either
  let locatieserverMock: LocatieserverMock | null = null;
  if (!platform.env['LOCATIESERVER_URL']) {
    locatieserverMock = await startLocatieserverMock();
    platform.env['LOCATIESERVER_URL'] = locatieserverMock.url;
  }
  let directus = await startDirectus(projectRoot, platform, logFile, STARTUP_TIMEOUT_MS);
  const referenceDate = todayInNetherlands();
  await preparePlatform(projectRoot, platform, () => undefined, { seed: true, referenceDate });
  // the demo data's side effects (invitations, tasks, current locations) are outbox entries: worked off before
  // anyone measures or tests against the instance
  await outboxDrained(database.env);
  return {
    url: platform.url,
    logFile,
    instanceEnv: { ...platform.env },
    databaseClient: platform.env['DB_CLIENT']!,
    databaseEnv: database.env,
    describe: database.describe,
    referenceDate,
    keyRing,
    mailDirectory,
    consentCertificatePem: Buffer.from(consentEnv['CONSENT_SIGNING_CERT']!, 'base64').toString('utf8'),
    pid: () => directus.process.pid,
    kill: () =>
      new Promise<void>((resolve) => {
        if (directus.process.exitCode !== null || directus.process.signalCode !== null) return resolve();
        directus.process.once('exit', () => resolve());
        directus.process.kill('SIGKILL');
      }),
    restart: async () => {
      directus = await startDirectus(projectRoot, platform, logFile, STARTUP_TIMEOUT_MS);
    },
    stop: async () => {
      await directus.stop();
      await brpMock?.close();
      await tileMock?.close();
      await locatieserverMock?.close();
      await database.drop();
    },
  };
}
