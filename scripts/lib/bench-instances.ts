/**
 * `npm run bench`, several instances: the same fixed load (clerks reading their task queue, providers reading a page
 * of their migrants with personal data decrypted, in turns) against one instance and spread round robin over two,
 * both started as docker-compose.yml runs them (scripts/lib/cluster.ts), on the bench's PostgreSQL and this machine's
 * Redis. Prints requests per second and the 95th percentile of each, and two/one as ratios, only when no request of
 * either run failed (the comparison is at an error rate of 0). Skipped, saying why, on SQLite or without Redis.
 * BENCH_INSTANCES_REQUESTS (default 400) requests per run, BENCH_INSTANCES_CONCURRENCY (default 8) at a time;
 * BENCH_ONLY=instances measures only this.
 */
import { performance } from 'node:perf_hooks';
import { clusterUnavailable, startCluster } from './cluster.js';
import type { EphemeralPlatform } from './ephemeral-platform.js';

interface RunResult {
  perSecond: number;
  p95Ms: number;
  errors: number;
}

async function token(url: string, email: string): Promise<string> {
  const response = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: 'demo-password' }),
  });
  if (!response.ok) throw new Error(`login ${email} answered ${response.status}`);
  return ((await response.json()) as { data: { access_token: string } }).data.access_token;
}

const PATHS = [
  '/items/tasks?fields=id,type,due_date,priority&sort=-urgency&limit=25',
  '/items/migrants?fields=id,case_number,first_names,surname,brp_status&limit=25',
] as const;

/** `requests` requests, `concurrency` at a time, the i-th to urls[i % urls.length]. */
async function loadRun(urls: string[], tokens: string[], requests: number, concurrency: number): Promise<RunResult> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < requests; i = next++) {
        const kind = i % PATHS.length;
        const begin = performance.now();
        try {
          const response = await fetch(`${urls[i % urls.length]}${PATHS[kind]}`, {
            headers: { Authorization: `Bearer ${tokens[kind]}` },
          });
          await response.arrayBuffer();
          if (!response.ok) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - begin);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((x, y) => x - y);
  return {
    perSecond: requests / seconds,
    p95Ms: latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.95))] ?? 0,
    errors,
  };
}

export async function benchInstances(platform: EphemeralPlatform): Promise<void> {
  console.log('Several instances (docker-compose.yml environment, PostgreSQL + Redis)');
  const unavailable = await clusterUnavailable(platform.databaseClient);
  if (unavailable) {
    console.log(`  skipped: ${unavailable}`);
    return;
  }
  const requests = Number(process.env['BENCH_INSTANCES_REQUESTS'] ?? 400);
  const concurrency = Number(process.env['BENCH_INSTANCES_CONCURRENCY'] ?? 8);
  const cluster = await startCluster(platform.instanceEnv, {
    label: 'bench',
    // Directus's own limiter counts every request of the load from one address
    variables: { RATE_LIMITER_POINTS: '1000000' },
  });
  try {
    const urls = cluster.instances.map((instance) => instance.url);
    const tokens = [await token(urls[0]!, 'clerk-a@example.org'), await token(urls[0]!, 'provider-a@example.org')];
    // warm both (schema, permissions, data keys)
    await loadRun(urls, tokens, 40, 4);
    const one = await loadRun([urls[0]!], tokens, requests, concurrency);
    const two = await loadRun(urls, tokens, requests, concurrency);
    const line = (label: string, run: RunResult) =>
      console.log(
        `  ${label.padEnd(48)} ${run.perSecond.toFixed(1)} requests/s, p95 ${run.p95Ms.toFixed(0)} ms, ${run.errors} errors`,
      );
    line(`one instance (${requests}, ${concurrency} at a time)`, one);
    line('two instances, round robin', two);
    if (one.errors + two.errors > 0) {
      console.log('  no ratio: requests failed (the comparison is at an error rate of 0)');
      return;
    }
    console.log(
      `  ratio two/one: requests/s ${(two.perSecond / one.perSecond).toFixed(2)}, p95 ${(two.p95Ms / one.p95Ms).toFixed(2)} (one machine: both instances, PostgreSQL and the load share its cores)`,
    );
  } finally {
    await cluster.stop();
  }
}
