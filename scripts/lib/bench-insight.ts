/**
 * The insight figures at scale (issue 11, `BENCH_ONLY=insight npm run bench`): a realistic population in gemeente A —
 * BENCH_INSIGHT_MIGRANTS (default 100,000) migrants over the last 24 months at BENCH_INSIGHT_LOCATIONS (default 200)
 * locations, a third of them moving once, most registered a few days after arrival — written straight into the
 * database (only the fields the figures read; no personal data), then GET /insights/figures/brp-status-by-location
 * as the policy officer against the same aggregate as one raw SQL GROUP BY on the same database, in turns, as medians;
 * every figure once; and the policy officer's "Inzicht" dashboard in Debian's Chromium: its first contentful paint,
 * its first chart, and every panel drawn (each figure's chart and table, and the map's markers).
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import knex, { type Knex } from 'knex';
import { addDays, todayInNetherlands } from '../../extensions/labour-platform/src/domain/dates.js';
import { BRP_STATUSES } from '../../extensions/labour-platform/src/domain/vocabulary.js';
import { FIGURE_NAMES } from '../../extensions/labour-platform/src/domain/insight/figures.js';
import { DEMO_ORGANISATION_IDS as ORG } from '../demo-data.js';
import { knexConfigFromEnv } from './database.js';
import { call, loggedInClient } from './directus-client.js';
import type { EphemeralPlatform } from './ephemeral-platform.js';
import { assignCaseNumbers } from '../../extensions/labour-platform/src/glue/privacy/search.js';
import { launchChromium, logInToAdminApp } from '../../test/support/browser.js';

/** The policy officer's dashboard (schema/dashboards.json) and its figure panels. */
const INSIGHT_DASHBOARD = '30000000-0000-4000-8000-000000000003';

/** A small deterministic generator (the population is the same every run). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const NATIONALITIES = ['PL', 'RO', 'BG', 'LT', 'LV', 'HU', 'SK', 'CZ', 'PT', 'ES', 'UA', 'HR', 'GR'];

/**
 * Writes the bench's population into gemeente A (deterministic: the same every run): `locations` more locations and
 * `migrants` migrants over the last 24 months with their stays and registrations. Also used to profile the figures
 * against a database that outlives one run.
 */
export async function seedInsightPopulation(
  db: Knex,
  { migrants: MIGRANTS, locations: LOCATIONS, today }: { migrants: number; locations: number; today: string },
): Promise<void> {
  const next = random(11);
  const locations = Array.from({ length: LOCATIONS }, (_, i) => ({
    id: randomUUID(),
    name: `Bench locatie ${String(i + 1).padStart(3, '0')}`,
    municipality: ORG.gemeenteA,
    provider: ORG.providerA,
    capacity: 20 + Math.floor(next() * 400),
    active: true,
  }));
  await db.batchInsert('locations', locations, 200);
  const pick = () => locations[Math.floor(next() * locations.length)]!.id;
  // a case number and a (for no name: empty) name index, as every migrant has: else the platform's search backfill
  // gives them out one migrant at a time every five minutes, in the middle of the measurements
  const caseNumbers = await assignCaseNumbers(db, MIGRANTS);
  for (let start = 0; start < MIGRANTS; start += 2_000) {
    const migrants: Array<Record<string, unknown>> = [];
    const stays: Array<Record<string, unknown>> = [];
    const history: Array<Record<string, unknown>> = [];
    for (let i = start; i < Math.min(MIGRANTS, start + 2_000); i++) {
      const id = randomUUID();
      const arrival = addDays(today, -Math.floor(next() * 730));
      const length = 14 + Math.floor(next() * 400);
      const departure = addDays(arrival, length);
      const left = departure < today;
      const status = BRP_STATUSES[Math.floor(next() * BRP_STATUSES.length)]!;
      migrants.push({
        id,
        nationality: NATIONALITIES[Math.floor(next() * NATIONALITIES.length)],
        birth_year: 1960 + Math.floor(next() * 45),
        brp_status: status,
        arrival_date: arrival,
        expected_departure_date: next() < 0.3 ? addDays(arrival, 60) : null,
        provider: ORG.providerA,
        case_number: caseNumbers[i],
        name_index: '',
      });
      const first = pick();
      if (next() < 0.33) {
        const move = addDays(arrival, Math.floor(length / 2));
        stays.push({ id: randomUUID(), migrant: id, location: first, start_date: arrival, end_date: move });
        stays.push({
          id: randomUUID(),
          migrant: id,
          location: pick(),
          start_date: move,
          end_date: left ? departure : null,
        });
      } else
        stays.push({
          id: randomUUID(),
          migrant: id,
          location: first,
          start_date: arrival,
          end_date: left ? departure : null,
        });
      if (next() < 0.7)
        history.push({
          id: randomUUID(),
          migrant: id,
          from_status: 'afspraak_bevestigd',
          to_status: 'ingeschreven',
          event: 'REGISTER',
          occurred_at: new Date(`${addDays(arrival, Math.floor(next() * 12))}T09:00:00Z`),
        });
    }
    await db.batchInsert('migrants', migrants, 500);
    await db.batchInsert('stays', stays, 500);
    await db.batchInsert('status_history', history, 500);
  }
}

export async function benchInsight(
  platform: EphemeralPlatform,
  inTurns: (count: number, a: () => Promise<unknown>, b: () => Promise<unknown>) => Promise<{ a: number; b: number }>,
): Promise<void> {
  const MIGRANTS = Number(process.env['BENCH_INSIGHT_MIGRANTS'] ?? 100_000);
  const LOCATIONS = Number(process.env['BENCH_INSIGHT_LOCATIONS'] ?? 200);
  const ROUNDS = Number(process.env['BENCH_INSIGHT_ROUNDS'] ?? 7);
  const db = knex(knexConfigFromEnv(platform.databaseEnv, 'bench-insight'));
  const today = todayInNetherlands();
  try {
    let started = performance.now();
    await seedInsightPopulation(db, { migrants: MIGRANTS, locations: LOCATIONS, today });
    const seeded = (performance.now() - started) / 1000;
    console.log(
      `Insight figures (${MIGRANTS} migrants, ${LOCATIONS} extra locations in gemeente A, seeded in ${seeded.toFixed(1)} s)`,
    );

    const policy = await loggedInClient(platform.url, 'policy-a@example.org', 'demo-password');
    const endpoint = () => call(policy, 'GET', '/insights/figures/brp-status-by-location');
    // the same aggregate as one query: people present today per location and BRP status
    const raw = () =>
      db('stays')
        .join('migrants', 'migrants.id', 'stays.migrant')
        .join('locations', 'locations.id', 'stays.location')
        .where('locations.municipality', ORG.gemeenteA)
        .where('stays.start_date', '<=', today)
        .where((open) => open.whereNull('stays.end_date').orWhere('stays.end_date', '>=', today))
        .groupBy('stays.location', 'migrants.brp_status')
        .select('stays.location', 'migrants.brp_status')
        .count({ n: '*' });
    await endpoint();
    await raw();
    const turns = await inTurns(ROUNDS, endpoint, raw);
    console.log(
      `  GET /insights/figures/brp-status-by-location (median of ${ROUNDS})`.padEnd(60) + ` ${turns.a.toFixed(0)} ms`,
    );
    console.log(`  raw SQL GROUP BY, same aggregate (median of ${ROUNDS})`.padEnd(60) + ` ${turns.b.toFixed(0)} ms`);
    console.log(`  ratio figures endpoint/raw GROUP BY: ${(turns.a / turns.b).toFixed(2)} (aim: at most 2)`);
    started = performance.now();
    for (const name of FIGURE_NAMES) await call(policy, 'GET', `/insights/figures/${name}`);
    const all = performance.now() - started;
    console.log(
      `  all ${FIGURE_NAMES.length} figures, one after another`.padEnd(60) +
        ` ${all.toFixed(0)} ms (${(all / FIGURE_NAMES.length).toFixed(0)} ms each)`,
    );
    await dashboardPaint(platform.url);
  } finally {
    await db.destroy();
  }
}

/**
 * The dashboard as the policy officer opens it, after logging in through the app: milliseconds from navigation to the
 * first contentful paint, to the first chart, and to every panel drawn (each figure's chart and table, the map's
 * markers). The map's background tiles are not waited for (PDOK is out of reach here; the panel works without them).
 */
async function dashboardPaint(url: string): Promise<void> {
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1600, height: 1000 } })).newPage();
    await logInToAdminApp(page, url, 'policy-a@example.org');
    const started = performance.now();
    await page.goto(`${url}/admin/insights/${INSIGHT_DASHBOARD}`);
    await page.locator('.insight-figure canvas').first().waitFor({ state: 'visible', timeout: 300_000 });
    const firstChart = performance.now() - started;
    await page.waitForFunction(
      () => {
        const figures = document.querySelectorAll('.insight-figure').length;
        return (
          figures > 0 &&
          document.querySelectorAll('.insight-figure table').length === figures &&
          document.querySelectorAll('.insight-figure canvas').length > 0 &&
          document.querySelectorAll('.insight-map-marker, .insight-map-cluster').length > 0
        );
      },
      undefined,
      { timeout: 300_000, polling: 50 },
    );
    const everyPanel = performance.now() - started;
    const contentful = await page.evaluate(
      () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
    );
    console.log(`  dashboard "Inzicht": first contentful paint`.padEnd(60) + ` ${contentful.toFixed(0)} ms`);
    console.log(`  dashboard "Inzicht": first chart drawn`.padEnd(60) + ` ${firstChart.toFixed(0)} ms`);
    console.log(
      `  dashboard "Inzicht": every panel drawn (charts, tables, map)`.padEnd(60) + ` ${everyPanel.toFixed(0)} ms`,
    );
  } finally {
    await browser.close();
  }
}
