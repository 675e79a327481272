/**
 * Boots the real platform once for the integration tests: builds the extension, creates a fresh database
 * (SQLite, or PostgreSQL with DB_CLIENT=pg), runs `directus bootstrap`, starts Directus on a free port,
 * applies the config from the repo and seeds the demo data, exactly as `npm start` does.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { bootstrapDatabase, buildExtensionsIfNeeded, platformEnvironment, preparePlatform, startDirectus, type RunningDirectus } from '../../scripts/lib/platform.js';
import { projectRoot } from '../../scripts/lib/project.js';
import { todayInNetherlands } from '../../extensions/labour-platform/src/domain/validation.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    directusUrl: string;
    directusLog: string;
    databaseClient: string;
    databaseEnv: Record<string, string>;
    referenceDate: string;
  }
}

function freePort(): Promise<number> {
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

let directus: RunningDirectus | undefined;
let database: TestDatabase | undefined;

export async function setup(project: TestProject): Promise<void> {
  const quiet = (line: string) => void line;
  buildExtensionsIfNeeded(projectRoot, console.log);
  database = await createTestDatabase();
  const runDirectory = join(projectRoot, '.test-runs');
  mkdirSync(runDirectory, { recursive: true });
  const logFile = join(runDirectory, `directus-${Date.now()}.log`);
  const port = await freePort();
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
      // the suite logs in as every role many times from one address
      RATE_LIMITER_ENABLED: 'false',
    },
    { dotenv: false },
  );
  console.log(`Integration tests: Directus on ${platform.url} with a fresh ${database.describe}; log in ${logFile}`);
  bootstrapDatabase(projectRoot, platform.env);
  directus = await startDirectus(projectRoot, platform, logFile);
  const referenceDate = todayInNetherlands();
  await preparePlatform(projectRoot, platform, quiet, { seed: true, referenceDate });
  project.provide('directusUrl', platform.url);
  project.provide('directusLog', logFile);
  project.provide('databaseClient', platform.env['DB_CLIENT']!);
  project.provide('databaseEnv', database.env);
  project.provide('referenceDate', referenceDate);
}

export async function teardown(): Promise<void> {
  await directus?.stop();
  await database?.drop();
}
