/**
 * `npm run bench`: measurements on a throw-away platform (fresh SQLite by default, DB_CLIENT=pg for PostgreSQL),
 * printed as ratios. Not part of the tests: nothing here asserts on time.
 *
 *   BRP transitions through POST /brp/migrants/:id/events  vs  plain PATCHes of a non-status field
 *   a page of 100 migrants with personal data decrypted    vs  the same page's non-personal fields (concurrently, and one at a time)
 *   values encrypted and decrypted per second (in process)
 *   the consent page's endpoints (page, CSRF token, session)  vs  Directus's own GET /server/ping
 *   an N-row spreadsheet through POST /intake/imports       vs  Directus's POST /utils/import/migrants of the same rows
 *
 *   erasing N expired migrants (the retention run: key, anonymous figures, rows, log, VACUUM)  vs  a raw SQL delete
 *   of the same rows (BENCH_ERASE_COUNT, default 10,000; BENCH_PROFILE=1 prints the run's statements by total time)
 *
 * BENCH_ONLY=reveal measures only the page of personal data; BENCH_ROUNDS=n measures it n times, the two pages
 * alternately (a shared machine's load changes during a run), and the erasure n times, in turns with its raw delete
 * (the median of the rounds' ratios; on SQLite also of the CPU time). BENCH_ONLY=retention measures only the erasure;
 * BENCH_ONLY=insight only the figures over 100,000 migrants against a raw GROUP BY (scripts/lib/bench-insight.ts).
 * On PostgreSQL with Redis, the same load against two instances and against one (scripts/lib/bench-instances.ts):
 * requests per second and p95 as ratios, at an error rate of 0; BENCH_ONLY=instances measures only that.
 * SQLITE_JOURNAL_MODE=delete runs SQLite in its default rollback journal instead of the platform's write-ahead log,
 * to compare. DIRECTUS_CPU_PROFILE_DIR=dir makes the Directus process write a V8 CPU profile (.cpuprofile) there when
 * it stops, for a profiler (Chrome DevTools, speedscope).
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { DEMO_ORGANISATION_IDS as ORG, buildDemoData } from './demo-data.js';
import knex from 'knex';
import { call, loggedInClient } from './lib/directus-client.js';
import { knexConfigFromEnv } from './lib/database.js';
import { startEphemeralPlatform, type EphemeralPlatform } from './lib/ephemeral-platform.js';
import { benchIntake } from './lib/bench-intake.js';
import { benchInsight } from './lib/bench-insight.js';
import { benchInstances } from './lib/bench-instances.js';
import { consentMailsIn } from './lib/consent-mail.js';
import { requireNode22 } from './lib/project.js';
import { randomUUID } from 'node:crypto';
import { sealNewMigrant } from '../extensions/labour-platform/src/glue/privacy/personal-data.js';
import { runRetention, wipeFreeSpace } from '../extensions/labour-platform/src/glue/retention/run.js';
import {
  decryptValue,
  encryptValue,
  generateDataKey,
  generateKeyRingEnv,
  parseKeyRing,
  unwrapDataKey,
  wrapDataKey,
} from '../extensions/labour-platform/src/domain/privacy/index.js';

requireNode22();
const COUNT = Number(process.env['BENCH_COUNT'] ?? 200);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 4);
// BENCH_ONLY=reveal: only the page of personal data; BENCH_ONLY=retention: only the retention run against a raw delete
const ONLY_REVEAL = process.env['BENCH_ONLY'] === 'reveal';
const ONLY_RETENTION = process.env['BENCH_ONLY'] === 'retention';
// BENCH_ONLY=insight: only the figures at scale (scripts/lib/bench-insight.ts) against a raw GROUP BY
const ONLY_INSIGHT = process.env['BENCH_ONLY'] === 'insight';
// BENCH_ONLY=instances: only one instance against two (scripts/lib/bench-instances.ts; PostgreSQL and Redis)
const ONLY_INSTANCES = process.env['BENCH_ONLY'] === 'instances';
const ROUNDS = Math.max(1, Number(process.env['BENCH_ROUNDS'] ?? 1));
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

async function timed(label: string, jobs: Array<() => Promise<unknown>>, concurrency = CONCURRENCY): Promise<number> {
  const queue = [...jobs];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let job = queue.shift(); job; job = queue.shift()) await job();
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const perSecond = jobs.length / seconds;
  console.log(`  ${label.padEnd(48)} ${jobs.length} in ${seconds.toFixed(2)} s = ${perSecond.toFixed(1)}/s`);
  return perSecond;
}

/** `count` requests of each kind, taken in turns (a, b, a, b, ...), one at a time: the median milliseconds of each. */
async function inTurns(
  count: number,
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
): Promise<{ count: number; a: number; b: number }> {
  const times: { a: number[]; b: number[] } = { a: [], b: [] };
  for (let index = 0; index < count; index++) {
    for (const [kind, job] of [
      ['a', a],
      ['b', b],
    ] as const) {
      const started = performance.now();
      await job();
      times[kind].push(performance.now() - started);
    }
  }
  const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
  return { count, a: median(times.a), b: median(times.b) };
}

/** CPU milliseconds (user + system) a process has used, from /proc (Linux); null elsewhere. */
function cpuMsOf(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    // fields after the command name (which may hold spaces): state is the 3rd field, utime the 14th, stime the 15th
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms (USER_HZ 100 on Linux)
  } catch {
    return null;
  }
}

/**
 * The Directus process's CPU milliseconds per page of each kind, the two kinds in turns (`count` pages each, in blocks
 * of 10): unlike wall time, barely moved by other processes' load on a shared machine. Null where /proc is missing.
 */
async function cpuPerPage(
  pid: number | undefined,
  count: number,
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
): Promise<{ a: number; b: number } | null> {
  const used = { a: 0, b: 0 };
  for (let done = 0; done < count; done += 10) {
    for (const [kind, job] of [
      ['a', a],
      ['b', b],
    ] as const) {
      const before = cpuMsOf(pid);
      for (let index = 0; index < 10; index++) await job();
      const after = cpuMsOf(pid);
      if (before === null || after === null) return null;
      used[kind] += after - before;
    }
  }
  const blocks = Math.ceil(count / 10) * 10;
  return { a: used.a / blocks, b: used.b / blocks };
}

/** The journal mode the instance's SQLite file is in (as the database itself reports it). */
async function sqliteJournalMode(databaseEnv: Record<string, string>): Promise<string> {
  const db = knex(knexConfigFromEnv(databaseEnv, 'bench'));
  try {
    return ((await db.raw('pragma journal_mode')) as Array<{ journal_mode: string }>)[0]?.journal_mode ?? 'unknown';
  } finally {
    await db.destroy();
  }
}

/** BENCH_PROFILE=1: the statements of the retention run by shape, the slowest first (total ms, count). */
function profileStatements(db: knex.Knex): { print(): void } {
  const started = new Map<string, { sql: string; at: number }>();
  const totals = new Map<string, { ms: number; count: number }>();
  const shape = (sql: string) => sql.replace(/(\?|\$\d+)(\s*,\s*(\?|\$\d+))+/g, '…').slice(0, 160);
  db.on('query', (query: { __knexQueryUid: string; sql: string }) =>
    started.set(query.__knexQueryUid, { sql: query.sql, at: performance.now() }),
  );
  db.on('query-response', (_response: unknown, query: { __knexQueryUid: string }) => {
    const start = started.get(query.__knexQueryUid);
    if (!start) return;
    started.delete(query.__knexQueryUid);
    const key = shape(start.sql);
    const total = totals.get(key) ?? totals.set(key, { ms: 0, count: 0 }).get(key)!;
    total.ms += performance.now() - start.at;
    total.count++;
  });
  return {
    print() {
      const rows = [...totals].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25);
      for (const [sql, { ms, count }] of rows)
        console.log(`  ${ms.toFixed(0).padStart(7)} ms ${String(count).padStart(5)}× ${sql}`);
      db.removeAllListeners('query');
      db.removeAllListeners('query-response');
    },
  };
}

/**
 * Retention: N migrants who left in 2014, erased on a day only they are due (the demo's migrants are years later),
 * against a raw SQL delete of the same rows.
 */
async function benchRetention(platform: EphemeralPlatform): Promise<void> {
  const ERASE = Number(process.env['BENCH_ERASE_COUNT'] ?? 10_000);
  const db = knex(knexConfigFromEnv(platform.databaseEnv, 'bench'));
  const ring = parseKeyRing(platform.keyRing);
  const location = (await db('locations').select('id', 'provider').where('municipality', ORG.gemeenteA).first()) as {
    id: string;
    provider: string;
  };
  const seed = async (): Promise<string[]> => {
    const ids: string[] = [];
    for (let start = 0; start < ERASE; start += 200) {
      const migrants: Array<Record<string, unknown>> = [];
      const keys: Array<Record<string, unknown>> = [];
      const stays: Array<Record<string, unknown>> = [];
      for (let i = start; i < Math.min(ERASE, start + 200); i++) {
        const sealed = sealNewMigrant(ring, {
          first_names: `Bench${i}`,
          surname: `Retentie ${i}`,
          date_of_birth: '1980-01-01',
          nationality: 'PL',
          birth_year: 1980,
          arrival_date: '2014-01-01',
          provider: location.provider,
          brp_status: 'vertrokken',
        });
        ids.push(sealed.id);
        migrants.push(sealed.payload);
        keys.push({ id: sealed.id, wrapped: sealed.wrappedKey, created_at: new Date() });
        stays.push({
          id: randomUUID(),
          migrant: sealed.id,
          location: location.id,
          start_date: '2014-01-01',
          end_date: '2014-12-31',
        });
      }
      await db.transaction(async (trx) => {
        await trx.batchInsert('migrants', migrants, 50);
        await trx.batchInsert('data_keys', keys, 100);
        await trx.batchInsert('stays', stays, 100);
      });
    }
    return ids;
  };
  console.log(
    `Retention: erasing ${ERASE} expired migrants (each with a stay)${ROUNDS > 1 ? `, ${ROUNDS} rounds, the run and the raw delete in turns` : ''}`,
  );
  // SQLite: the raw delete zeroes what it deletes as the run does (one connection: the run would leave it on anyway)
  if (platform.databaseClient === 'sqlite3') await db.raw('PRAGMA secure_delete = ON');
  // SQLite works inside this process, so its CPU time is the whole cost, barely moved by other processes' load
  const cpuSeconds = () => {
    const used = process.cpuUsage();
    return (used.user + used.system) / 1e6;
  };
  const measured = { run: [] as number[], raw: [] as number[], runCpu: [] as number[], rawCpu: [] as number[] };
  const measureRun = async (first: boolean) => {
    await seed();
    const profile = first && process.env['BENCH_PROFILE'] ? profileStatements(db) : null;
    const cpu = cpuSeconds();
    const started = performance.now();
    const result = await runRetention(db, { dryRun: false, trigger: 'manual', today: '2016-01-01', actor: null });
    measured.run.push((performance.now() - started) / 1000);
    measured.runCpu.push(cpuSeconds() - cpu);
    profile?.print();
    console.log(
      `  retention run (${result.erased.migrants} erased, VACUUM included)`.padEnd(50) +
        ` ${measured.run.at(-1)!.toFixed(2)} s`,
    );
  };
  const measureRaw = async () => {
    const raw = await seed();
    const cpu = cpuSeconds();
    const started = performance.now();
    await db.transaction(async (trx) => {
      for (let start = 0; start < raw.length; start += 500) {
        const chunk = raw.slice(start, start + 500);
        await trx('stays').whereIn('migrant', chunk).delete();
        await trx('data_keys').whereIn('id', chunk).delete();
        await trx('migrants').whereIn('id', chunk).delete();
      }
    });
    measured.raw.push((performance.now() - started) / 1000);
    measured.rawCpu.push(cpuSeconds() - cpu);
    console.log(`  raw SQL delete of the same rows`.padEnd(50) + ` ${measured.raw.at(-1)!.toFixed(2)} s`);
  };
  for (let round = 1; round <= ROUNDS; round++) {
    if (ROUNDS > 1) console.log(` round ${round} of ${ROUNDS} (load average ${load()})`);
    // in turns: the run first in odd rounds, the raw delete first in even ones
    if (round % 2 === 1) {
      await measureRun(round === 1);
      await measureRaw();
    } else {
      await measureRaw();
      await measureRun(false);
    }
    if (ROUNDS > 1) console.log(`  ratio: ${(measured.run.at(-1)! / measured.raw.at(-1)!).toFixed(2)}`);
  }
  // what wiping the free space costs by itself (the run does it once at its end, whatever the number erased)
  const started = performance.now();
  await wipeFreeSpace(db, (message) => console.log(`  ${message}`));
  const wipeSeconds = (performance.now() - started) / 1000;
  console.log(`  wiping the free space alone (VACUUM)`.padEnd(50) + ` ${wipeSeconds.toFixed(2)} s`);
  // the median of the rounds' ratios: each round's two measurements saw about the same load
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const ratio = (of: number[], to: number[]) => median(of.map((value, round) => value / to[round]!));
  const of = ROUNDS > 1 ? ` (median of ${ROUNDS} rounds)` : '';
  console.log(
    `  ratio retention run/raw delete${of}: ${ratio(measured.run, measured.raw).toFixed(2)} (aim: at most 3)`,
  );
  console.log(
    `  ratio retention run/(raw delete + VACUUM)${of}: ${ratio(
      measured.run,
      measured.raw.map((seconds) => seconds + wipeSeconds),
    ).toFixed(2)}`,
  );
  if (platform.databaseClient === 'sqlite3')
    console.log(
      `  ratio of CPU time (SQLite works in this process)${of}: ${ratio(measured.runCpu, measured.rawCpu).toFixed(2)} (${median(measured.runCpu).toFixed(2)} s against ${median(measured.rawCpu).toFixed(2)} s)`,
    );
  await db.destroy();
}

// the consent page's own rate limits would stop a benchmark from one address: lifted for this throw-away instance
const platform = await startEphemeralPlatform({
  label: 'bench',
  extraEnv: {
    ...(process.env['SQLITE_JOURNAL_MODE'] ? { SQLITE_JOURNAL_MODE: process.env['SQLITE_JOURNAL_MODE'] } : {}),
    CONSENT_RATE_LIMIT_PER_ADDRESS: '1000000',
    CONSENT_RATE_LIMIT_PER_LINK: '1000000',
    CONSENT_MAX_QUEUED_CHECKS: '1000000',
  },
});
try {
  const journal =
    platform.databaseClient === 'sqlite3'
      ? `, SQLite journal mode: ${await sqliteJournalMode(platform.databaseEnv)}`
      : '';
  console.log(
    `Benchmark on ${platform.describe}${journal} (${COUNT} operations each, ${CONCURRENCY} at a time); load average ${load()} on ${availableParallelism()} cores`,
  );
  if (ONLY_RETENTION) await benchRetention(platform);
  else if (ONLY_INSIGHT) await benchInsight(platform, inTurns);
  else if (ONLY_INSTANCES) await benchInstances(platform);
  else {
    await benchEverything();
    if (!ONLY_REVEAL) await benchInstances(platform);
  }
} finally {
  await platform.stop();
}

async function benchEverything(): Promise<void> {
  const admin = await loggedInClient(platform.url, 'admin@example.org', 'demo-password');
  const clerk = await loggedInClient(platform.url, 'clerk-a@example.org', 'demo-password');
  const location = buildDemoData({ referenceDate: platform.referenceDate }).locations.find(
    (l) => l.provider === ORG.providerA && l.municipality === ORG.gemeenteA,
  )!;
  const migrants = (
    await call<Array<{ id: string }>>(
      admin,
      'POST',
      '/items/migrants?fields=id',
      Array.from({ length: COUNT }, (_, i) => ({
        first_names: 'Bench',
        surname: `Migrant ${i}`,
        date_of_birth: '1990-01-01',
        nationality: 'PL',
        language: 'pl',
        arrival_date: platform.referenceDate,
        provider: ORG.providerA,
      })),
    )
  ).map((row) => row.id);
  await call(
    admin,
    'POST',
    '/items/stays',
    migrants.map((migrant) => ({ migrant, location: location.id, start_date: platform.referenceDate })),
  );
  // let the stay hooks open the assess tasks first
  for (let open = 0; open < COUNT;) {
    open = (
      await call<Array<{ count: string | number }>>(
        admin,
        'GET',
        `/items/tasks?aggregate[count]=*&filter[type][_eq]=assess_status&filter[status][_eq]=open&filter[migrant][_in]=${migrants.join(',')}`,
      )
    )[0]!.count as number;
    open = Number(open);
    if (open < COUNT) await new Promise((resolve) => setTimeout(resolve, 200));
  }

  if (!ONLY_REVEAL) {
    console.log('BRP workflow (clerk of gemeente A)');
    const patches = await timed(
      'PATCH /items/migrants/:id { work_city }',
      migrants.map((id, i) => () => call(admin, 'PATCH', `/items/migrants/${id}`, { work_city: `Plaats ${i}` })),
    );
    const events = await timed(
      'POST /brp/migrants/:id/events { ASSESS }',
      migrants.map(
        (id) => () => call(clerk, 'POST', `/brp/migrants/${id}/events`, { type: 'ASSESS', outcome: 'not_registered' }),
      ),
    );
    console.log(
      `  ratio transitions/PATCHes: ${(events / patches).toFixed(2)} (a transition writes the status, a history row and two tasks in one transaction)`,
    );
  }

  console.log('Personal data (provider A reading its own migrants, 100 a page)');
  const provider = await loggedInClient(platform.url, 'provider-a@example.org', 'demo-password');
  const personal = [
    'id',
    'first_names',
    'surname',
    'bsn',
    'date_of_birth',
    'email',
    'phone',
    'home_address',
    'id_document_number',
  ];
  const plain = [
    'id',
    'nationality',
    'gender',
    'birth_year',
    'language',
    'brp_status',
    'arrival_date',
    'expected_departure_date',
    'current_location',
  ];
  const pages = Math.max(20, Math.round(COUNT / 4));
  const page = (fields: string[]) => () =>
    call(provider, 'GET', `/items/migrants?limit=100&fields=${fields.join(',')}`);
  // warm up both paths once
  await page(plain)();
  await page(personal)();
  for (let round = 1; round <= ROUNDS; round++) {
    if (ROUNDS > 1) console.log(` round ${round} of ${ROUNDS} (load average ${load()})`);
    const withoutPersonal = await timed(
      'GET 100 migrants, non-personal fields',
      Array.from({ length: pages }, () => page(plain)),
    );
    const withPersonal = await timed(
      'GET 100 migrants, personal fields decrypted',
      Array.from({ length: pages }, () => page(personal)),
    );
    console.log(
      `  ratio time with/without personal data: ${(withoutPersonal / withPersonal).toFixed(2)} (aim: under 1.15; includes the reveal log)`,
    );
    // the same, one request at a time: what a single reader waits, without the other requests' queueing
    const alonePages = Math.max(10, Math.round(pages / 2));
    const withoutAlone = await timed(
      'GET 100 migrants, non-personal, one at a time',
      Array.from({ length: alonePages }, () => page(plain)),
      1,
    );
    const withAlone = await timed(
      'GET 100 migrants, personal, one at a time',
      Array.from({ length: alonePages }, () => page(personal)),
      1,
    );
    console.log(`  ratio one at a time: ${(withoutAlone / withAlone).toFixed(2)}`);
    // the same pages taken in turns, one request at a time, each timed: on a shared machine the load changes from
    // second to second, and a pair of neighbouring requests sees the same load; the medians resist the outliers
    const alternating = await inTurns(
      Math.max(20, pages),
      () => page(plain)(),
      () => page(personal)(),
    );
    console.log(
      `  in turns (median of ${alternating.count} each): ${alternating.a.toFixed(1)} ms without, ${alternating.b.toFixed(1)} ms with personal data; ratio ${(alternating.b / alternating.a).toFixed(2)}`,
    );
    const cpu = await cpuPerPage(
      platform.pid(),
      Math.max(50, pages * 2),
      () => page(plain)(),
      () => page(personal)(),
    );
    if (cpu)
      console.log(
        `  server CPU per page (Directus process, in turns): ${cpu.a.toFixed(1)} ms without, ${cpu.b.toFixed(1)} ms with personal data; ratio ${(cpu.b / cpu.a).toFixed(2)}`,
      );
  }

  if (!ONLY_REVEAL) {
    // The migrant's consent page: its endpoints against Directus's own cheapest one, on the same instance.
    console.log('Consent page (public, no login) against GET /server/ping');
    const mails = consentMailsIn(platform.mailDirectory);
    const token = mails[0]?.token;
    if (!token) throw new Error('the demo data sent no consent invitation to measure with');
    const csrfResponse = await fetch(`${platform.url}/consent/api/csrf`);
    const cookie = (csrfResponse.headers.get('set-cookie') ?? '').split(';')[0]!;
    const csrf = ((await csrfResponse.json()) as { data: { csrf: string } }).data.csrf;
    const expectOk = async (response: Promise<Response>) => {
      const answer = await response;
      await answer.arrayBuffer();
      if (!answer.ok) throw new Error(`${answer.url}: HTTP ${answer.status}`);
    };
    const ping = await timed(
      'GET /server/ping',
      Array.from({ length: COUNT }, () => () => expectOk(fetch(`${platform.url}/server/ping`))),
    );
    const shell = await timed(
      'GET /consent/ (the page, with a CSRF token)',
      Array.from({ length: COUNT }, () => () => expectOk(fetch(`${platform.url}/consent/`))),
    );
    const csrfRate = await timed(
      'GET /consent/api/csrf',
      Array.from({ length: COUNT }, () => () => expectOk(fetch(`${platform.url}/consent/api/csrf`))),
    );
    const session = await timed(
      'POST /consent/api/session (argon2id check)',
      Array.from(
        { length: COUNT },
        () => () =>
          expectOk(
            fetch(`${platform.url}/consent/api/session`, {
              method: 'POST',
              headers: { 'Content-Type': 'application/json', 'X-Consent-CSRF': csrf, Cookie: cookie },
              body: JSON.stringify({ token }),
            }),
          ),
      ),
    );
    console.log(
      `  ratio page/ping: ${(shell / ping).toFixed(2)}, csrf/ping: ${(csrfRate / ping).toFixed(2)}, session/ping: ${(session / ping).toFixed(2)} (a session verifies the link's argon2id hash: 19 MiB, 2 passes, on purpose)`,
    );

    // The intake (issue 10): scripts/lib/bench-intake.ts (`npm run bench:intake` runs it alone)
    await benchIntake(platform);
    await benchRetention(platform);
  }
}

// The cryptography alone, in this process (no HTTP, no database).
{
  const ring = parseKeyRing(generateKeyRingEnv());
  const dataKey = generateDataKey();
  const values = 20_000;
  const binding = (i: number) => ({ collection: 'migrants', field: 'surname', id: `row-${i}` });
  let started = performance.now();
  const sealed = Array.from({ length: values }, (_, i) => encryptValue(dataKey, `Przykładowska ${i}`, binding(i)));
  const encryptRate = values / ((performance.now() - started) / 1000);
  started = performance.now();
  sealed.forEach((value, i) => decryptValue(dataKey, value, binding(i)));
  const decryptRate = values / ((performance.now() - started) / 1000);
  started = performance.now();
  for (let i = 0; i < 2_000; i++)
    unwrapDataKey(ring, wrapDataKey(ring, dataKey, { collection: 'migrants', id: `row-${i}` }), {
      collection: 'migrants',
      id: `row-${i}`,
    });
  const wrapRate = 2_000 / ((performance.now() - started) / 1000);
  console.log('Field encryption (AES-256-GCM, node:crypto)');
  console.log(
    `  values encrypted per second: ${encryptRate.toFixed(0)}; decrypted per second: ${decryptRate.toFixed(0)}; data keys wrapped+unwrapped per second: ${wrapRate.toFixed(0)}`,
  );
}
