/**
 * Boots the platform: environment, extension build, `directus bootstrap`, `directus start`, config from the
 * repo, demo data. Used by `npm start` and by the test suite's global set-up, so both run the same path.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { applyConfig } from './config-as-code.js';
import { DEFAULT_TASK_DEADLINES } from '../../extensions/labour-platform/src/domain/brp/due-dates.js';
import { BRP_MOCK_DEFAULT_API_KEY, startBrpMockServer, type BrpMockServer } from '../brp-mock-server.js';
import { call, loggedInClient, waitForServer } from './directus-client.js';
import { ensureDevelopmentConsentSecrets, ensureDevelopmentKeyRing, ensureDotenv } from './dotenv.js';
import { developmentMailEnv } from './consent-env.js';
import { todayInNetherlands } from '../../extensions/labour-platform/src/domain/dates.js';
import { hasData, seedDemoData } from './seed.js';
import { ensureConsentTexts } from './consent-seed.js';
import { signDemoConsents } from './demo-consents.js';

export const DEFAULT_DEMO_PASSWORD = 'demo-password';

export interface PlatformEnvironment {
  env: Record<string, string>;
  url: string;
  createdDotenv: boolean;
  /** Variables added to an existing .env (a development key ring). */
  addedToDotenv?: string[];
}

/** Directus's environment: defaults ← `.env` ← the real environment (the last one wins). */
export function platformEnvironment(
  root: string,
  processEnv: NodeJS.ProcessEnv = process.env,
  options: {
    dotenv?: boolean;
    requireSecret?: boolean;
    /** `npm start`: add development consent secrets to an older .env */ developmentConsentSecrets?: boolean;
  } = {},
): PlatformEnvironment {
  const demoPassword = processEnv['DEMO_PASSWORD'] || DEFAULT_DEMO_PASSWORD;
  const dotenv =
    options.dotenv === false ? { values: {}, created: false } : ensureDotenv(join(root, '.env'), demoPassword);
  const addedToDotenv =
    options.dotenv === false || dotenv.created
      ? []
      : [
          ...ensureDevelopmentKeyRing(join(root, '.env'), dotenv.values, processEnv),
          ...(options.developmentConsentSecrets
            ? ensureDevelopmentConsentSecrets(join(root, '.env'), dotenv.values, processEnv)
            : []),
        ];
  const port = processEnv['PORT'] || dotenv.values['PORT'] || '8055';
  const defaults: Record<string, string> = {
    HOST: '127.0.0.1',
    PORT: port,
    PUBLIC_URL: `http://localhost:${port}`,
    DB_CLIENT: 'sqlite3',
    DB_FILENAME: join(root, 'data', 'database.db'),
    EXTENSIONS_PATH: join(root, 'extensions'),
    EXTENSIONS_AUTO_RELOAD: 'false',
    EXTENSIONS_MUST_LOAD: 'true',
    STORAGE_LOCATIONS: 'local',
    STORAGE_LOCAL_ROOT: join(root, 'data', 'uploads'),
    // Directus's own default is inside node_modules, which may be shared by several checkouts
    TEMP_PATH: join(root, 'data', 'tmp'),
    TELEMETRY: 'false',
    LOG_LEVEL: 'info',
    LOG_STYLE: 'pretty',
    WEBSOCKETS_ENABLED: 'false',
    // Directus hands every getSchema() caller a deep copy of its schema unless it is frozen: a copy per request (and
    // per extension call) was a fifth of the CPU of reading a page of migrants (scripts/bench.ts). Frozen, the same
    // object is shared; nothing in Directus or the extension changes it.
    CACHE_SCHEMA_FREEZE_ENABLED: 'true',
    // Personal data must not reach an AI provider: Directus 11's AI assistant and MCP server stay off.
    AI_ENABLED: 'false',
    MCP_ENABLED: 'false',
    // Directus's own copies (activity, revisions, flow logs) are kept no longer than the shortest retention a
    // municipality may set (1 month, domain/retention/rule.ts MINIMUM_MONTHS; 28 days is never longer than a month)
    RETENTION_ENABLED: 'true',
    ACTIVITY_RETENTION: '28d',
    REVISIONS_RETENTION: '28d',
    FLOW_LOGS_RETENTION: '28d',
    ADMIN_EMAIL: 'admin@example.org',
    ADMIN_PASSWORD: demoPassword,
    // No mail server in development: messages are written to data/mail (set EMAIL_TRANSPORT to send for real).
    ...developmentMailEnv(root, join(root, 'data', 'mail')),
  };
  const fromProcess = Object.fromEntries(
    Object.entries(processEnv).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
  const env: Record<string, string> = { ...defaults, ...dotenv.values, ...fromProcess };
  // Directus would let a `.env` in its working directory override the real environment; we already merged it.
  env['CONFIG_PATH'] = join(root, 'data', '.no-directus-config-file');
  if (!env['SECRET'] && options.requireSecret !== false)
    throw new Error('SECRET is not set: put it in the environment or in .env (npm start generates one).');
  if (env['DB_CLIENT'] === 'sqlite3')
    mkdirSync(join(env['DB_FILENAME'] ?? join(root, 'data'), '..'), { recursive: true });
  mkdirSync(env['STORAGE_LOCAL_ROOT'] ?? join(root, 'data', 'uploads'), { recursive: true });
  return { env, url: `http://127.0.0.1:${env['PORT']}`, createdDotenv: dotenv.created, addedToDotenv };
}

function newestModification(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newestModification(join(path, entry))));
}

/** Builds the extension bundle when its sources (or the JSON they import) are newer than the build. */
export function buildExtensionsIfNeeded(root: string, log: (line: string) => void): void {
  const extension = join(root, 'extensions', 'labour-platform');
  const built = newestModification(join(extension, 'dist'));
  const sources = Math.max(
    newestModification(join(extension, 'src')),
    newestModification(join(extension, 'package.json')),
  );
  if (built >= sources && built > 0) return;
  log('Building the extension bundle…');
  const result = spawnSync(
    process.execPath,
    [join(root, 'node_modules', '@directus', 'extensions-sdk', 'cli.js'), 'build', '--no-minify'],
    {
      cwd: extension,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) throw new Error('The extension build failed (see above).');
  // The migrant's consent page (Vue + Vite) into dist/consent-page/, served by the `consent` endpoint.
  const page = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      join(extension, 'src', 'consent-page', 'vite.config.ts'),
    ],
    { cwd: extension, stdio: 'inherit' },
  );
  if (page.status !== 0) throw new Error('The consent page build failed (see above).');
}

/**
 * Directus's own CLI entry minus its npm update check: that check would advertise Directus 12, which this
 * project deliberately does not run (see README), and it is a network call at every start.
 */
function directusCli(root: string): string {
  return join(root, 'node_modules', '@directus', 'api', 'dist', 'cli', 'run.js');
}

export function bootstrapDatabase(root: string, env: Record<string, string>): void {
  const result = spawnSync(process.execPath, [directusCli(root), 'bootstrap'], { cwd: root, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`directus bootstrap failed:\n${result.stdout}\n${result.stderr}`);
}

export interface RunningDirectus {
  process: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

export async function startDirectus(
  root: string,
  platform: PlatformEnvironment,
  logFile?: string,
  /** How long Directus may take to answer its first ping (default two minutes). */
  startupTimeoutMs?: number,
): Promise<RunningDirectus> {
  // DIRECTUS_CPU_PROFILE_DIR=dir: Directus writes a V8 CPU profile there when it stops (profiling a benchmark)
  const profileDirectory = platform.env['DIRECTUS_CPU_PROFILE_DIR'];
  const profiling = profileDirectory ? ['--cpu-prof', `--cpu-prof-dir=${profileDirectory}`] : [];
  const child = spawn(process.execPath, [...profiling, directusCli(root), 'start'], {
    cwd: root,
    env: platform.env,
    stdio: logFile ? ['ignore', 'pipe', 'pipe'] : 'inherit',
  });
  if (logFile) {
    const stream = createWriteStream(logFile, { flags: 'a' });
    child.stdout?.pipe(stream);
    child.stderr?.pipe(stream);
  }
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) =>
      reject(new Error(`Directus exited with code ${code}${logFile ? `; see ${logFile}` : ''}`)),
    ),
  );
  try {
    await Promise.race([waitForServer(platform.url, startupTimeoutMs), exited]);
  } catch (error) {
    // a Directus that never answered is not left running behind the caller's back
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    throw error;
  }
  return {
    process: child,
    url: platform.url,
    stop: () =>
      new Promise<void>((resolve) => {
        // gone already (exited, or killed with a signal: then exitCode stays null and 'exit' has been emitted)
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

/**
 * Development and tests: without BRP_API_URL, a local server that answers like the Haal Centraal BRP Personen
 * API (scripts/brp-mock-server.ts) stands in for the BRP, which this machine cannot reach. BRP_MOCK=false: none.
 */
export async function startBrpMockIfUnconfigured(platform: PlatformEnvironment): Promise<BrpMockServer | null> {
  if (platform.env['BRP_API_URL'] || platform.env['BRP_MOCK'] === 'false') return null;
  const mock = await startBrpMockServer({ port: 0 });
  platform.env['BRP_API_URL'] = mock.url;
  platform.env['BRP_API_KEY'] = BRP_MOCK_DEFAULT_API_KEY;
  return mock;
}

/** Reference data every installation needs: one row per task type with the default deadline, to edit in the app. */
async function ensureTaskTypes(admin: Awaited<ReturnType<typeof loggedInClient>>): Promise<void> {
  const existing = new Set(
    (await call<Array<{ type: string }>>(admin, 'GET', '/items/task_types?fields=type&limit=-1')).map(
      (row) => row.type,
    ),
  );
  const missing = Object.entries(DEFAULT_TASK_DEADLINES)
    .filter(([type]) => !existing.has(type))
    .map(([type, deadline]) => ({
      type,
      days: deadline.days,
      working_days: deadline.workingDays,
      counted_from: deadline.from,
      priority: 'normal',
    }));
  if (missing.length > 0) await call(admin, 'POST', '/items/task_types', missing);
}

export interface PreparedPlatform {
  seeded: boolean;
}

/** Applies the repo's config and, on an empty database, the demo data. */
export async function preparePlatform(
  root: string,
  platform: PlatformEnvironment,
  log: (line: string) => void,
  options: { seed: boolean; referenceDate?: string },
): Promise<PreparedPlatform> {
  const admin = await loggedInClient(platform.url, platform.env['ADMIN_EMAIL']!, platform.env['ADMIN_PASSWORD']!);
  await applyConfig(admin, root, log);
  await ensureTaskTypes(admin);
  if (await ensureConsentTexts(admin)) log('Published the first consent text version in all languages.');
  if (!options.seed || (await hasData(admin))) return { seeded: false };
  const password = platform.env['DEMO_PASSWORD'] || DEFAULT_DEMO_PASSWORD;
  const data = await seedDemoData(admin, password, options.referenceDate ?? todayInNetherlands());
  await signDemoConsents(platform.url, password, data);
  return { seeded: true };
}
