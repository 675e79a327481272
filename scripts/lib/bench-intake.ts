/**
 * The intake's benchmark (issue 10), on a running throw-away platform: an N-row spreadsheet through
 * POST /intake/imports (parse, match, validate, encrypt, upsert, stays; tasks and invitations through the outbox)
 * against Directus's own POST /utils/import/migrants of the same people as CSV on the same instance (administrators
 * only on this platform; it runs the same write hooks, so its rows are encrypted too, but it has no stays, no matching
 * and no report). Each is timed to its answer and to its outbox worked off (tasks opened, invitations handed over),
 * with the outbox drained before each starts. Then door 2 (PUT /intake/residents, JSON rows) in rows per second, and,
 * with BENCH_INTAKE_LARGE=n, an n-row file through door 1 with the Directus process's peak resident memory (Linux's
 * VmHWM, reset just before) against its resident memory at rest.
 *
 * Used by scripts/bench.ts and scripts/bench-intake.ts (`npm run bench:intake`, the intake alone). Nothing asserts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { performance } from 'node:perf_hooks';
import knex from 'knex';
import { DEMO_ORGANISATION_IDS as ORG, buildDemoData } from '../demo-data.js';
import { knexConfigFromEnv } from './database.js';
import type { EphemeralPlatform } from './ephemeral-platform.js';

interface Timed {
  seconds: number;
  text: string;
}

/** Waits until the outbox has no open entry; returns the seconds waited. */
async function outboxQuiet(db: knex.Knex): Promise<number> {
  const started = performance.now();
  for (;;) {
    const open = Number(
      (
        (await db('outbox').whereIn('status', ['pending', 'claimed']).count({ n: '*' }).first()) as {
          n: number | string;
        }
      ).n,
    );
    if (open === 0) return (performance.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Resident memory of a process now and at its peak (kB), from /proc (Linux); null elsewhere. */
function memoryOf(pid: number | undefined): { rss: number; peak: number } | null {
  if (pid === undefined) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return null;
  }
}

/** Resets a process's peak resident memory to its current one (Linux: clear_refs 5); false when not allowed. */
function resetPeak(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/**
 * A large upload over node:http, waiting as long as the answer takes: fetch gives up after 300 s without response
 * headers (undici's headersTimeout), and a large file on a busy machine takes longer.
 */
async function uploadUntilAnswered(url: string, token: string, file: string, name: string): Promise<Timed> {
  const form = new FormData();
  form.set('dry_run', 'false');
  form.set('file', new Blob([file], { type: 'text/csv' }), name);
  const encoded = new Response(form);
  const body = Buffer.from(await encoded.arrayBuffer());
  const started = performance.now();
  const target = new URL(url);
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const request = httpRequest(
      {
        hostname: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': encoded.headers.get('content-type') ?? 'multipart/form-data',
          'Content-Length': body.length,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', reject);
      },
    );
    request.setTimeout(0);
    request.on('error', reject);
    request.end(body);
  });
  if (status < 200 || status >= 300) throw new Error(`${url}: HTTP ${status} ${text.slice(0, 300)}`);
  return { seconds: (performance.now() - started) / 1000, text };
}

const megabytes = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

export async function benchIntake(platform: EphemeralPlatform): Promise<void> {
  const rows = Number(process.env['BENCH_INTAKE_ROWS'] ?? 300);
  const apiRows = Number(process.env['BENCH_INTAKE_API_ROWS'] ?? rows);
  const large = Number(process.env['BENCH_INTAKE_LARGE'] ?? 0);
  const db = knex(knexConfigFromEnv(platform.databaseEnv, 'bench-intake'));
  try {
    const location = buildDemoData({ referenceDate: platform.referenceDate }).locations.find(
      (l) => l.provider === ORG.providerA && l.municipality === ORG.gemeenteA,
    )!;
    const tokenFor = async (email: string) =>
      (
        (await (
          await fetch(`${platform.url}/auth/login`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ email, password: 'demo-password' }),
          })
        ).json()) as { data: { access_token: string } }
      ).data.access_token;
    const adminToken = await tokenFor('admin@example.org');
    const providerToken = await tokenFor('provider-a@example.org');
    const person = (i: number) => ({ first: `Łucja ${i}`, surname: `Bench-Intake ${i}` });
    const intakeCsv = (count: number, prefix: string) =>
      [
        'Referentie;Voornaam;Achternaam;Geboortedatum;Nationaliteit;Locatie;Aankomstdatum',
        ...Array.from(
          { length: count },
          (_, i) =>
            `${prefix}-${i};${person(i).first};${person(i).surname};04-03-1990;Polen;${location.name};${platform.referenceDate}`,
        ),
      ].join('\r\n');
    const directusCsv = [
      'first_names,surname,date_of_birth,nationality,language,arrival_date,provider',
      ...Array.from(
        { length: rows },
        (_, i) => `${person(i).first},Bench-Import ${i},1990-03-04,PL,pl,${platform.referenceDate},${ORG.providerA}`,
      ),
    ].join('\n');
    const send = async (path: string, token: string, init: { method?: string; body: BodyInit }): Promise<Timed> => {
      const started = performance.now();
      const response = await fetch(`${platform.url}${path}`, {
        method: init.method ?? 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          ...(typeof init.body === 'string' ? { 'Content-Type': 'application/json' } : {}),
        },
        body: init.body,
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${text.slice(0, 300)}`);
      return { seconds: (performance.now() - started) / 1000, text };
    };
    const upload = (path: string, token: string, file: string, name: string, fields: Record<string, string> = {}) => {
      const form = new FormData();
      for (const [key, value] of Object.entries(fields)) form.set(key, value);
      form.set('file', new Blob([file], { type: 'text/csv' }), name);
      return send(path, token, { body: form });
    };
    const countsOf = (timed: Timed) =>
      JSON.stringify((JSON.parse(timed.text) as { data: { counts: Record<string, number> } }).data.counts);

    console.log(
      `Intake: ${rows} rows, spreadsheet upload vs Directus's /utils/import (same instance, outbox quiet first)`,
    );
    await outboxQuiet(db);
    const viaDirectus = await send('/utils/import/migrants', adminToken, {
      body: (() => {
        const form = new FormData();
        form.set('file', new Blob([directusCsv], { type: 'text/csv' }), 'migrants.csv');
        return form;
      })(),
    });
    const directusQuiet = viaDirectus.seconds + (await outboxQuiet(db));
    const viaIntake = await upload('/intake/imports', providerToken, intakeCsv(rows, 'BENCH'), 'bewoners.csv', {
      dry_run: 'false',
    });
    const intakeQuiet = viaIntake.seconds + (await outboxQuiet(db));
    const rate = (count: number, seconds: number) => `${(count / seconds).toFixed(1)}/s`;
    console.log(
      `  POST /utils/import/migrants (admin, CSV)         ${rows} rows in ${viaDirectus.seconds.toFixed(2)} s = ${rate(rows, viaDirectus.seconds)}; outbox worked off after ${directusQuiet.toFixed(2)} s`,
    );
    console.log(
      `  POST /intake/imports (provider, CSV, committed)  ${rows} rows in ${viaIntake.seconds.toFixed(2)} s = ${rate(rows, viaIntake.seconds)}; outbox worked off after ${intakeQuiet.toFixed(2)} s (${countsOf(viaIntake)})`,
    );
    console.log(
      `  ratio time intake/Directus import: ${(viaIntake.seconds / viaDirectus.seconds).toFixed(2)} to the answer, ${(intakeQuiet / directusQuiet).toFixed(2)} to tasks and invitations done (aim: at most 1.0; the intake also matches, writes a stay per row and keeps a report)`,
    );

    // door 2: the same people again under other references, as JSON (a full list of the location would propose the
    // demo's people there as departures: changes instead)
    const apiBody = JSON.stringify({
      rows: Array.from({ length: apiRows }, (_, i) => ({
        external_reference: `BENCH-API-${i}`,
        first_names: person(i).first,
        surname: `Bench-Api ${i}`,
        date_of_birth: '1990-03-04',
        nationality: 'PL',
        location: location.id,
        arrival_date: platform.referenceDate,
      })),
    });
    await outboxQuiet(db);
    const viaApi = await send('/intake/residents', providerToken, { body: apiBody });
    const apiQuiet = viaApi.seconds + (await outboxQuiet(db));
    console.log(
      `  POST /intake/residents (provider, JSON)          ${apiRows} rows in ${viaApi.seconds.toFixed(2)} s = ${rate(apiRows, viaApi.seconds)}; outbox worked off after ${apiQuiet.toFixed(2)} s (${countsOf(viaApi)})`,
    );

    if (large > 0) {
      const file = intakeCsv(large, 'BENCH-LARGE');
      const pid = platform.pid();
      await outboxQuiet(db);
      const idle = memoryOf(pid);
      const reset = resetPeak(pid);
      const viaLarge = await uploadUntilAnswered(`${platform.url}/intake/imports`, providerToken, file, 'groot.csv');
      const after = memoryOf(pid);
      console.log(
        `  POST /intake/imports, large file (provider, CSV) ${large} rows (${(Buffer.byteLength(file) / 1_048_576).toFixed(1)} MB) in ${viaLarge.seconds.toFixed(2)} s = ${rate(large, viaLarge.seconds)} to the answer (${countsOf(viaLarge)}; its outbox is not waited for)`,
      );
      if (idle && after && reset)
        console.log(
          `  Directus process memory: ${megabytes(idle.rss)} resident at rest, peak ${megabytes(after.peak)} during the import (+${megabytes(after.peak - idle.rss)})`,
        );
      else console.log('  Directus process memory: not measurable here (/proc not available)');
    }
  } finally {
    await db.destroy();
  }
}
