/**
 * `npm run bench:intake`: the intake's benchmark alone (scripts/lib/bench-intake.ts) on a throw-away platform (fresh
 * SQLite; DB_CLIENT=pg for PostgreSQL). BENCH_INTAKE_ROWS (default 300), BENCH_INTAKE_API_ROWS (default the same),
 * BENCH_INTAKE_LARGE (rows of a large file, with the peak memory; default none).
 */
import { availableParallelism, loadavg } from 'node:os';
import { benchIntake } from './lib/bench-intake.js';
import { startEphemeralPlatform } from './lib/ephemeral-platform.js';
import { requireNode22 } from './lib/project.js';

requireNode22();
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
const platform = await startEphemeralPlatform({ label: 'bench-intake' });
try {
  console.log(`Benchmark on ${platform.describe}; load average ${load()} on ${availableParallelism()} cores`);
  await benchIntake(platform);
  console.log(`  (load average ${load()} after)`);
} finally {
  await platform.stop();
}
