/**
 * Retention, from the outside, with a clock the test moves (RETENTION_TEST_CLOCK on the test instance: the run takes
 * a `today`). The test's migrants lived in 2014, so only they are due on the days it names (the demo's are years
 * later): a migrant passes its date and the run erases it; a held one and a housed one stay; a dry run changes
 * nothing; the destruction log and report are right; the anonymous figures are the same before and after; the
 * SQLite file holds none of the person's values or its key afterwards and the old ciphertext decrypts with no key the
 * platform still has; erasure on request; a kill -9 in the middle of a run, then a rerun, completes it.
 */
import { createItem, customEndpoint, updateItem } from '@directus/sdk';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import {
  decryptValue,
  parseKeyRing,
  unwrapDataKey,
} from '../../extensions/labour-platform/src/domain/privacy/index.js';
import { testRangeBsn } from '../../extensions/labour-platform/src/domain/bsn.js';
import { PERSONAL_FIELDS, SEALED_FIELDS } from '../../extensions/labour-platform/src/domain/personal-fields.js';
import { figures } from '../../extensions/labour-platform/src/domain/retention/index.js';
import { dateOnly, retentionOf } from '../../extensions/labour-platform/src/glue/retention/facts.js';
import { DEMO_ORGANISATION_IDS as ORG } from '../../scripts/demo-data.js';
import { platformEnvironment } from '../../scripts/lib/platform.js';
import { projectRoot } from '../../scripts/lib/project.js';
import eraseExpired from '../../extensions/labour-platform/src/operations/erase-expired/api.js';
import { as, attempt, demoData, type Actor } from '../support/as-user.js';
import { closeTestDatabase, rowCount, testDatabase } from '../support/database.js';

type Row = Record<string, unknown>;
const locationIn = (municipality: string) => demoData().locations.find((l) => l.municipality === municipality)!;
const DUE_DAY = '2016-01-01';

/** Every plain personal value this file gave a migrant: none may reach the server log. */
const PLAIN_VALUES: string[] = [];
let serial = 0;
/**
 * A migrant of provider A who lived at a location of gemeente A in 2014 (stay ended 2015-01-01), or still lives there;
 * every personal field filled (a BSN from this file's test range, 7,200 on).
 */
async function formerResident(
  tag: string,
  options: { housed?: boolean; municipality?: string } = {},
): Promise<{ id: string; surname: string; email: string; plain: string[] }> {
  serial++;
  const surname = `Retentiowska-${tag}-${serial}`;
  const email = `retentio.${tag.toLowerCase()}.${serial}@example.com`;
  const personal = {
    first_names: `Zofia${tag}`,
    surname,
    email,
    phone: `+48 602 ${String(serial).padStart(3, '0')} 913`,
    home_address: `ul. Retencyjna ${serial}${tag}, 00-950 Warszawa`,
    id_document_number: `RT${tag.toUpperCase()}${serial}X`,
    bsn: testRangeBsn(7_200 + serial),
  };
  const plain = Object.values(personal);
  PLAIN_VALUES.push(...plain);
  const location = locationIn(options.municipality ?? ORG.gemeenteA);
  const db = testDatabase();
  const provider = await as('admin');
  const migrant = (await provider.request(
    createItem('migrants', {
      ...personal,
      date_of_birth: '1984-03-09',
      nationality: 'PL',
      language: 'pl',
      arrival_date: '2014-02-01',
      provider: location.provider,
    }),
  )) as { id: string };
  await db('stays').insert({
    id: crypto.randomUUID(),
    migrant: migrant.id,
    location: location.id,
    start_date: '2014-02-01',
    end_date: options.housed ? null : '2015-01-01',
  });
  return { id: migrant.id, surname, email, plain };
}

async function post<T>(
  actor: Actor,
  path: string,
  body: unknown,
): Promise<{ ok: boolean; status?: number; data?: T; reason?: string }> {
  const outcome = await attempt(
    (await as(actor)).request(customEndpoint<T>({ method: 'POST', path, body: JSON.stringify(body) })),
  );
  return outcome.ok
    ? { ok: true, data: outcome.data as T }
    : { ok: false, status: outcome.status, reason: outcome.code ?? undefined };
}

async function allFigures() {
  const db = testDatabase();
  const living = (await retentionOf(db, DUE_DAY)).map((person) => person.anonymous);
  const erased = ((await db('anonymous_people').select('*')) as Row[]).map((row) => ({
    municipality: (row['municipality'] as string | null) ?? null,
    location: (row['location'] as string | null) ?? null,
    nationality: (row['nationality'] as string | null) ?? null,
    birthYear: row['birth_year'] === null ? null : Number(row['birth_year']),
    arrival: dateOnly(row['arrival_date']),
    departure: dateOnly(row['departure_date']),
    brpOutcome: (row['brp_outcome'] as string | null) ?? null,
  }));
  return figures([...living, ...erased]);
}

/** The database as bytes: SQLite's file (free pages included) and its journals; PostgreSQL's pg_dump. */
function databaseBytes(): Buffer {
  const env = inject('databaseEnv');
  if (inject('databaseClient') === 'sqlite3') {
    const file = env['DB_FILENAME']!;
    return Buffer.concat([
      readFileSync(file),
      ...['-wal', '-journal'].filter((s) => existsSync(file + s)).map((s) => readFileSync(file + s)),
    ]);
  }
  return execFileSync(
    'pg_dump',
    ['-h', env['DB_HOST']!, '-p', env['DB_PORT']!, '-U', env['DB_USER']!, env['DB_DATABASE']!],
    {
      env: { ...process.env, PGPASSWORD: env['DB_PASSWORD'] ?? '' },
      maxBuffer: 1024 * 1024 * 1024,
    },
  );
}

afterAll(() => closeTestDatabase());

describe('retention', () => {
  it('erases a migrant past its date, keeps a held and a housed one, after a dry run that changes nothing', async () => {
    const db = testDatabase();
    const gone = await formerResident('Gone');
    const held = await formerResident('Held');
    const housed = await formerResident('Housed', { housed: true });
    await (await as('admin')).request(updateItem('migrants', held.id, { legal_hold: 'Rechtszaak 2015/123' }));
    // the hold is logged: who set it and when (Directus's activity)
    expect(
      await db('directus_activity').where({ collection: 'migrants', item: held.id, action: 'update' }).first(),
    ).toMatchObject({ user: expect.any(String) });
    // Directus's own copies about the person: a clerk's comment naming it, a notification about it
    const admin = (await db('directus_users').select('id').where('email', 'admin@example.org').first()) as Row;
    const comment = `Gebeld met ${gone.surname} over vertrek`;
    await db('directus_comments').insert({
      id: crypto.randomUUID(),
      collection: 'migrants',
      item: gone.id,
      comment,
      date_created: new Date(),
      user_created: admin['id'],
    });
    await db('directus_notifications').insert({
      timestamp: new Date(),
      status: 'inbox',
      recipient: admin['id'],
      subject: `Vermeld bij ${gone.surname}`,
      message: comment,
      collection: 'migrants',
      item: gone.id,
    });
    const keyBefore = (await db('data_keys').where('id', gone.id).first()) as Row;
    // what the database holds of the person: ciphertext of every personal field, the blind and name index
    const stored = (await db('migrants')
      .select(...PERSONAL_FIELDS.migrants, ...SEALED_FIELDS.migrants)
      .where('id', gone.id)
      .first()) as Row;
    const storedValues = [...PERSONAL_FIELDS.migrants, 'bsn_index', 'name_index']
      .map((field) => stored[field])
      .filter((value): value is string => typeof value === 'string' && value.length > 0);
    expect(storedValues.length).toBe(PERSONAL_FIELDS.migrants.length + 2);
    expect(keyBefore?.['wrapped']).toEqual(expect.any(String));

    // the day before its date nothing is due; on it, the dry run lists it and changes nothing
    const early = await post<{ due: Array<{ id: string }> }>('admin', '/privacy/retention/run', {
      dry_run: true,
      today: '2015-12-31',
    });
    expect(early.data!.due.map((d) => d.id)).not.toContain(gone.id);
    const counts = async () => [
      await db('migrants').count({ n: '*' }),
      await db('destruction_log').count({ n: '*' }),
      await db('anonymous_people').count({ n: '*' }),
    ];
    const before = await counts();
    const dry = await post<{
      due: Array<{ id: string; erasure_date: string; basis: string }>;
      held: number;
      run: string | null;
    }>('admin', '/privacy/retention/run', { dry_run: true, today: DUE_DAY });
    expect(dry.data!.due).toContainEqual(
      expect.objectContaining({ id: gone.id, erasure_date: '2016-01-01', basis: 'stay_ended' }),
    );
    expect(dry.data!.due.map((d) => d.id)).not.toContain(held.id);
    expect(dry.data!.due.map((d) => d.id)).not.toContain(housed.id);
    expect(dry.data!.run).toBeNull();
    expect(await counts()).toEqual(before);

    const figuresBefore = await allFigures();
    const run = await post<{ run: string; erased: Row; batches: string[] }>('admin', '/privacy/retention/run', {
      dry_run: false,
      today: DUE_DAY,
    });
    expect(run.ok, JSON.stringify(run)).toBe(true);
    expect(run.data!.erased['migrants']).toBeGreaterThanOrEqual(1);
    expect(await db('migrants').where('id', gone.id).first()).toBeUndefined();
    expect(await db('data_keys').where('id', gone.id).first()).toBeUndefined();
    expect(await db('stays').where('migrant', gone.id).first()).toBeUndefined();
    expect(await db('migrants').where('id', held.id).first()).toBeDefined();
    expect(await db('migrants').where('id', housed.id).first()).toBeDefined();
    expect(await db('directus_comments').where({ collection: 'migrants', item: gone.id }).first()).toBeUndefined();
    expect(await db('directus_notifications').where({ collection: 'migrants', item: gone.id }).first()).toBeUndefined();
    // the anonymous figures are the same before and after
    expect(await allFigures()).toEqual(figuresBefore);

    // the destruction log: the run, and a batch for gemeente A with the counts; no personal data in it
    const runRow = (await db('destruction_log').where('id', run.data!.run).first()) as Row;
    expect(runRow).toMatchObject({ kind: 'run', status: 'done' });
    const batch = (await db('destruction_log')
      .where({ run: run.data!.run, kind: 'batch', municipality: ORG.gemeenteA })
      .first()) as Row;
    expect(batch).toMatchObject({ rule: 'end+12m', trigger: 'manual' });
    expect(Number(batch['migrants'])).toBeGreaterThanOrEqual(1);
    const logText = JSON.stringify(await db('destruction_log').select('*'));
    for (const value of [gone.id, gone.surname, gone.email]) expect(logText).not.toContain(value);

    // the report: for gemeente A's administrator and the administrator, in Dutch and as CSV; hidden from everyone else
    const report = async (actor: Actor, suffix = '') => {
      const outcome = await attempt(
        (await as(actor)).request(
          customEndpoint<unknown>({ method: 'GET', path: `/privacy/retention/reports/${batch['id']}${suffix}` }),
        ),
      );
      // the SDK hands a body that is neither JSON nor HTML over as the Response itself
      return outcome.data instanceof Response ? { ...outcome, data: await outcome.data.text() } : outcome;
    };
    const page = await report('municipalityAdminA');
    expect(page.ok, JSON.stringify(page)).toBe(true);
    expect(String(page.data)).toContain('Verklaring van vernietiging');
    const csv = await report('admin', '/csv');
    expect(String(csv.data)).toMatch(/^(Gemeente|Municipality);/);
    expect(String(csv.data)).toMatch(
      /(Arbeidsmigranten \(persoonsgegevens en sleutel\)|Labour migrants \(personal data and key\));[1-9]\d*\r\n/,
    );
    for (const actor of ['clerkA', 'providerA', 'policyA', 'inspectorA'] as const)
      expect((await report(actor)).status, actor).toBe(403);
    expect((await report('public')).status).toBe(401);

    // the database: none of the person's values, ciphertext, blind or name index, or wrapped key. SQLite: the file's
    // raw bytes, free pages and write-ahead log included; PostgreSQL: a pg_dump of the database, as a backup holds it
    // (the migrant's id is no personal data: Directus's activity keeps it until its own retention)
    const traces = [String(keyBefore['wrapped']), ...storedValues, ...gone.plain, comment];
    expect(traces.length).toBe(1 + PERSONAL_FIELDS.migrants.length + 2 + gone.plain.length + 1);
    const bytes = databaseBytes();
    for (const value of traces) expect(bytes.includes(Buffer.from(value, 'utf8')), value.slice(0, 20)).toBe(false);
    const ring = parseKeyRing(inject('keyRing'));
    const remaining = (await db('data_keys').select('id', 'wrapped')) as Array<{ id: string; wrapped: string }>;
    let tried = 0;
    for (const row of remaining) {
      let key: Buffer;
      try {
        key = unwrapDataKey(ring, row.wrapped, { collection: 'migrants', id: row.id });
      } catch {
        continue; // a vault row another test damaged on purpose is no key the platform has
      }
      expect(() =>
        decryptValue(key, String(stored['surname']), { collection: 'migrants', field: 'surname', id: gone.id }),
      ).toThrow();
      tried++;
    }
    expect(tried).toBeGreaterThan(0);
  });

  it('erases on request, for an administrator or the municipality administrator of the migrant; a held one is refused', async () => {
    const housed = await formerResident('Request', { housed: true });
    const elsewhere = await formerResident('Elsewhere', { housed: true, municipality: ORG.gemeenteB });
    const held = await formerResident('RequestHeld', { housed: true });
    await (await as('admin')).request(updateItem('migrants', held.id, { legal_hold: 'Onderzoek inspectie' }));
    const path = (id: string) => `/privacy/migrants/${id}/erase`;
    for (const actor of ['clerkA', 'providerA', 'policyA', 'inspectorA'] as const)
      expect((await post(actor, path(housed.id), { reason: 'Verzoek 2026-17' })).status, actor).toBe(403);
    expect((await post('public', path(housed.id), { reason: 'Verzoek 2026-17' })).status).toBe(401);
    expect((await post('municipalityAdminA', path(elsewhere.id), { reason: 'Verzoek 2026-17' })).status).toBe(404);
    expect(
      (await post('municipalityAdminA', path('00000000-0000-4000-8000-000000000999'), { reason: 'Verzoek 2026-17' }))
        .status,
    ).toBe(404);
    expect((await post('municipalityAdminA', path(housed.id), {})).status).toBe(400);
    expect((await post('admin', path(held.id), { reason: 'Verzoek 2026-18' })).status).toBe(409);
    const done = await post<{ erased: Row; batches: string[] }>('municipalityAdminA', path(housed.id), {
      reason: 'Verzoek 2026-17',
    });
    expect(done.ok, JSON.stringify(done)).toBe(true);
    expect(done.data!.erased['migrants']).toBe(1);
    const db = testDatabase();
    expect(await db('migrants').where('id', housed.id).first()).toBeUndefined();
    expect(await db('destruction_log').where('id', done.data!.batches[0]!).first()).toMatchObject({
      rule: 'request',
      trigger: 'request',
      reason: 'Verzoek 2026-17',
    });
    expect((await post('admin', '/privacy/retention/run', { dry_run: 'yes' })).status).toBe(400);
    expect((await post('municipalityAdminA', '/privacy/retention/run', { dry_run: true })).status).toBe(403);
  });

  it('a kill -9 in the middle of a run leaves each person whole or gone; the next run completes it', async () => {
    const db = testDatabase();
    const people = [await formerResident('Kill1'), await formerResident('Kill2'), await formerResident('Kill3')];
    const ids = people.map((p) => p.id);
    // the run of the first test erased what was due then; these three are the only ones due now
    const env = {
      ...process.env,
      ...inject('databaseEnv'),
      ...inject('keyRing'),
      RETENTION_WITHOUT_DOTENV: '1',
      RETENTION_TEST_CLOCK: 'true',
    };
    const run = (extra: Record<string, string>) =>
      spawnSync(
        process.execPath,
        [
          join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
          join(projectRoot, 'scripts', 'retention-run.ts'),
          '--today',
          '2016-02-01',
          '--chunk-size',
          '2',
        ],
        { env: { ...env, ...extra }, encoding: 'utf8' },
      );
    const crashed = run({ RETENTION_CRASH_DURING_CHUNK: '2' });
    // tsx passes its child's SIGKILL on as exit status 137
    expect([137, 'SIGKILL'], crashed.stderr).toContain(crashed.signal ?? crashed.status);
    const left = (await db('migrants').select('id').whereIn('id', ids)) as Row[];
    const keys = (await db('data_keys').select('id').whereIn('id', ids)) as Row[];
    // whole or gone: every migrant still there still has its key and its stay
    expect(left.map((r) => r['id']).sort()).toEqual(keys.map((r) => r['id']).sort());
    expect(left.length).toBeGreaterThan(0);
    expect(left.length).toBeLessThan(3);
    const rerun = run({ RETENTION_RUN_LEASE_SECONDS: '0' });
    expect(rerun.status, rerun.stderr).toBe(0);
    expect(await rowCount(db('migrants').whereIn('id', ids))).toBe(0);
    const runRow = (await db('destruction_log').where('run_key', 'cli:2016-02-01').first()) as Row;
    expect(runRow).toMatchObject({ status: 'done' });
    expect(Number(runRow['migrants'])).toBe(3);
    // the command's own output: counts, never a person's value
    const output = [crashed, rerun].map((outcome) => outcome.stdout + outcome.stderr).join('\n');
    expect(PLAIN_VALUES.filter((value) => holds(output, value))).toEqual([]);
  });

  it('runs daily as the flow "Erase expired personal data", whose operation lists without erasing in a dry run', async () => {
    const db = testDatabase();
    const operation = (await db('directus_operations').where('type', 'erase-expired').first()) as Row | undefined;
    expect(operation).toBeDefined();
    const flow = (await db('directus_flows').where('id', String(operation!['flow'])).first()) as Row;
    expect(flow).toMatchObject({ status: 'active', trigger: 'schedule' });
    const options = typeof flow['options'] === 'string' ? JSON.parse(flow['options']) : flow['options'];
    expect(options).toMatchObject({ cron: expect.stringMatching(/^\S+ \S+ \* \* \*$/) });
    // the operation itself (what the flow calls), as a dry run on today's date: it lists, and changes nothing
    const before = [await rowCount(db('migrants')), await rowCount(db('destruction_log'))];
    const warnings: string[] = [];
    const result = (await eraseExpired.handler({ dry_run: true }, {
      database: db,
      accountability: null,
      logger: { warn: (m: string) => warnings.push(m) },
    } as never)) as { dry_run: boolean; run: string | null; due: unknown[] };
    expect(result).toMatchObject({ dry_run: true, run: null, due: expect.any(Array) });
    expect([await rowCount(db('migrants')), await rowCount(db('destruction_log'))]).toEqual(before);
  });

  it("keeps Directus's own activity, revisions and flow logs no longer than the shortest retention rule", () => {
    // npm start's environment and the test instance's: Directus's retention on, 28 days (the shortest rule is a month)
    const started = platformEnvironment(projectRoot, {}, { dotenv: false, requireSecret: false }).env;
    for (const env of [started, inject('instanceEnv')]) {
      expect(env['RETENTION_ENABLED']).toBe('true');
      for (const key of ['ACTIVITY_RETENTION', 'REVISIONS_RETENTION', 'FLOW_LOGS_RETENTION'])
        expect(env[key], key).toMatch(/^(1?\d|2[0-8])d$/);
    }
  });

  it("leaves no personal value in the server's log: not of the erased people, not of anyone", async () => {
    // after the runs above (erasure by run and on request, the reports): the instance's stdout and stderr
    const demo = demoData().migrants.flatMap((m) =>
      [`${m.first_names} ${m.surname}`, m.bsn, m.email, m.phone, m.home_address, m.id_document_number].filter(
        (value): value is string => typeof value === 'string' && value.length > 0,
      ),
    );
    expect(PLAIN_VALUES.length).toBeGreaterThan(50);
    expect(demo.length).toBeGreaterThan(500);
    const log = readFileSync(inject('directusLog'), 'utf8');
    expect(log.length).toBeGreaterThan(0);
    expect([...PLAIN_VALUES, ...demo].filter((value) => holds(log, value))).toEqual([]);
  });
});

/** Whether `text` holds `value`; a number only as a whole number (a BSN is not a part of a longer timestamp). */
function holds(text: string, value: string): boolean {
  if (!/^\d+$/.test(value)) return text.includes(value);
  return new RegExp(`(?<!\\d)${value}(?!\\d)`).test(text);
}
