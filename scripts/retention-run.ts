/**
 * `npm run retention:run -- [--dry-run] [--today YYYY-MM-DD] [--chunk-size N]`: one retention run against the
 * database of the environment, outside Directus (the same glue as the flow "Erase expired personal data" and
 * POST /privacy/retention/run). For operators (a run from cron when the flow is paused) and for the test of a crash
 * in the middle: RETENTION_CRASH_DURING_CHUNK=n (tests only) kills this process with SIGKILL inside the n-th chunk's
 * transaction, after its keys are destroyed and before its rows go. `--today` needs RETENTION_TEST_CLOCK=true.
 * RETENTION_RUN_LEASE_SECONDS: after how long an unfinished run of a process that died is taken over (default 900).
 */
import knex from 'knex';
import { isCalendarDate, todayInNetherlands } from '../extensions/labour-platform/src/domain/dates.js';
import { developmentMailDirectory } from '../extensions/labour-platform/src/glue/retention/dev-mail.js';
import { CHUNK, runRetention } from '../extensions/labour-platform/src/glue/retention/run.js';
import { knexConfigFromEnv } from './lib/database.js';
import { platformEnvironment } from './lib/platform.js';
import { projectRoot } from './lib/project.js';

const argv = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const index = argv.indexOf(name);
  return index >= 0 ? argv[index + 1] : undefined;
};
const { env } = platformEnvironment(projectRoot, process.env, {
  dotenv: process.env['RETENTION_WITHOUT_DOTENV'] !== '1',
  requireSecret: false,
});
const todayFlag = flag('--today');
if (todayFlag !== undefined && (env['RETENTION_TEST_CLOCK'] !== 'true' || !isCalendarDate(todayFlag))) {
  process.stderr.write('--today needs RETENTION_TEST_CLOCK=true and a date YYYY-MM-DD\n');
  process.exit(2);
}
const today = todayFlag ?? todayInNetherlands();
const crashDuring = Number(env['RETENTION_CRASH_DURING_CHUNK'] ?? 0);
const lease = env['RETENTION_RUN_LEASE_SECONDS'];
const database = knex(knexConfigFromEnv(env, 'retention:run'));
try {
  const result = await runRetention(database, {
    dryRun: argv.includes('--dry-run'),
    trigger: 'manual',
    today,
    actor: null,
    runKey: `cli:${today}`,
    mailDirectory: developmentMailDirectory(env),
    chunkSize: Number(flag('--chunk-size') ?? CHUNK),
    ...(lease !== undefined ? { leaseMs: Number(lease) * 1000 } : {}),
    log: (message) => process.stderr.write(`${message}\n`),
    hooks: {
      duringChunk: (chunk) => {
        if (crashDuring > 0 && chunk === crashDuring) process.kill(process.pid, 'SIGKILL');
      },
    },
  });
  process.stdout.write(`${JSON.stringify({ ...result, due: result.due.length })}\n`);
} finally {
  await database.destroy();
}
