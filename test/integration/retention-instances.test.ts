/**
 * Two platform instances on one PostgreSQL database, as behind a load balancer, erase at the same moment (two runs on
 * each, a few migrants per transaction so they meet in the middle): every expired person is erased exactly once, the
 * destruction log's batches add up to that with nothing counted twice, the anonymous figures gain one row per person,
 * no request fails and neither instance logs an error or a personal value. A day's scheduled run started by two
 * processes at once runs once. PostgreSQL only: SQLite is the development database, one instance on one file.
 */
import { createItems, customEndpoint } from '@directus/sdk';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testRangeBsn } from '../../extensions/labour-platform/src/domain/bsn.js';
import { DEMO_ORGANISATION_IDS as ORG } from '../../scripts/demo-data.js';
import { directusClient } from '../../scripts/lib/directus-client.js';
import { startPlatformInstance, type PlatformInstance } from '../../scripts/lib/ephemeral-platform.js';
import { projectRoot } from '../../scripts/lib/project.js';
import { as, demoData } from '../support/as-user.js';
import { closeTestDatabase, rowCount, testDatabase } from '../support/database.js';

type Row = Record<string, unknown>;
const PEOPLE = 12;
/** A day on which the people of this file are due (their stays ended 2015-01-01; the demo's are years later). */
const TODAY = '2016-03-01';
const onPostgres = inject('databaseClient') === 'pg';

const instances: PlatformInstance[] = [];

beforeAll(async () => {
  if (!onPostgres) return;
  for (const label of ['instance-a', 'instance-b'])
    instances.push(
      await startPlatformInstance(inject('instanceEnv'), {
        label,
        // three migrants per transaction: the runs work through the same list chunk by chunk and meet
        extraEnv: { RETENTION_CHUNK_SIZE: '3' },
      }),
    );
});

afterAll(async () => {
  await Promise.all(instances.map((instance) => instance.stop()));
  await closeTestDatabase();
});

interface RunAnswer {
  run: string | null;
  due: Array<{ id: string }>;
  erased: Record<string, number>;
  batches: string[];
}

async function adminOn(url: string) {
  const client = directusClient(url);
  await client.login({ email: 'admin@example.org', password: 'demo-password' });
  return client;
}

describe.skipIf(!onPostgres)('retention on two instances', () => {
  it('erases each expired person exactly once when both instances run at the same time', async () => {
    const db = testDatabase();
    const location = demoData().locations.find((l) => l.municipality === ORG.gemeenteA)!;
    const suffix = Date.now().toString(36);
    const people = Array.from({ length: PEOPLE }, (_, i) => ({
      first_names: `Dwuinstancja${i}`,
      surname: `Równoległa-${suffix}-${i}`,
      email: `rownolegla.${suffix}.${i}@example.com`,
      phone: `+48 601 ${String(i).padStart(3, '0')} 777`,
      home_address: `ul. Równoległa ${i}, 00-950 Warszawa`,
      id_document_number: `RW${suffix.toUpperCase()}${i}`,
      bsn: testRangeBsn(7_300 + i),
      date_of_birth: '1986-05-04',
      nationality: 'PL',
      language: 'pl',
      arrival_date: '2014-02-01',
      provider: location.provider,
    }));
    const created = (await (await as('admin')).request(createItems('migrants', people))) as Array<{ id: string }>;
    const ids = created.map((row) => row.id);
    await db('stays').insert(
      ids.map((migrant) => ({
        id: crypto.randomUUID(),
        migrant,
        location: location.id,
        start_date: '2014-02-01',
        end_date: '2015-01-01',
      })),
    );

    const [a, b] = await Promise.all(instances.map((instance) => adminOn(instance.url)));
    const run = (client: typeof a, dryRun: boolean) =>
      client!.request(
        customEndpoint<RunAnswer>({
          method: 'POST',
          path: '/privacy/retention/run',
          body: JSON.stringify({ dry_run: dryRun, today: TODAY }),
        }),
      );
    const dry = await run(a, true);
    const due = dry.due.map((entry) => entry.id);
    expect(due).toEqual(expect.arrayContaining(ids));
    const anonymousBefore = await rowCount(db('anonymous_people'));

    // two runs on each instance at once; every one answers (none fails, none is turned away)
    const settled = await Promise.allSettled([run(a, false), run(b, false), run(a, false), run(b, false)]);
    const answers = settled.map((outcome) => {
      expect(outcome.status, outcome.status === 'rejected' ? JSON.stringify(outcome.reason) : '').toBe('fulfilled');
      return (outcome as PromiseFulfilledResult<RunAnswer>).value;
    });

    // each person erased once: the runs' counts add up to the due list, and every one of them is gone
    expect(answers.reduce((sum, answer) => sum + answer.erased['migrants']!, 0)).toBe(due.length);
    expect(await rowCount(db('migrants').whereIn('id', due))).toBe(0);
    expect(await rowCount(db('data_keys').whereIn('id', due))).toBe(0);
    expect(await rowCount(db('stays').whereIn('migrant', ids))).toBe(0);
    expect(await rowCount(db('anonymous_people'))).toBe(anonymousBefore + due.length);

    // the destruction log: each run done, its totals its batches'; the batches of all runs add up with no double count
    const runs = answers.map((answer) => answer.run!);
    const batches = (await db('destruction_log').where('kind', 'batch').whereIn('run', runs)) as Row[];
    expect(batches.reduce((sum, row) => sum + Number(row['migrants']), 0)).toBe(due.length);
    expect(batches.reduce((sum, row) => sum + Number(row['stays']), 0)).toBe(
      answers.reduce((sum, answer) => sum + answer.erased['stays']!, 0),
    );
    for (const answer of answers) {
      const runRow = (await db('destruction_log').where('id', answer.run!).first()) as Row;
      expect(runRow).toMatchObject({ kind: 'run', status: 'done' });
      expect(Number(runRow['migrants'])).toBe(answer.erased['migrants']);
      expect(answer.batches.sort()).toEqual(
        batches
          .filter((row) => row['run'] === answer.run)
          .map((row) => String(row['id']))
          .sort(),
      );
    }
    // per run, at most one batch per municipality (a chunk adds to its run's batch)
    const keys = batches.map((row) => `${row['run']}|${row['municipality']}`);
    expect(new Set(keys).size).toBe(keys.length);

    // neither instance logged an error, nor any of these people's values
    for (const instance of instances) {
      const log = readFileSync(instance.logFile, 'utf8');
      const errors = log.split('\n').filter((line) => /"level":(50|60)\b/.test(line));
      expect(errors, instance.logFile).toEqual([]);
      for (const person of people)
        for (const value of [
          person.first_names,
          person.surname,
          person.email,
          person.phone,
          person.home_address,
          person.id_document_number,
          person.bsn,
        ])
          expect(log.includes(value), `${instance.logFile}: ${value}`).toBe(false);
    }
  });

  it("runs a day's scheduled run once when two processes start it at the same time", async () => {
    // the flow's run and the command's claim the day's run key in destruction_log; the command stands in for the
    // flow here (a scheduled trigger cannot be fired on demand), the claim is the same glue
    const db = testDatabase();
    const location = demoData().locations.find((l) => l.municipality === ORG.gemeenteA)!;
    const created = (await (
      await as('admin')
    ).request(
      createItems(
        'migrants',
        Array.from({ length: 4 }, (_, i) => ({
          first_names: `Planowana${i}`,
          surname: `Jednokrotna-${Date.now().toString(36)}-${i}`,
          date_of_birth: '1986-05-04',
          nationality: 'PL',
          language: 'pl',
          arrival_date: '2014-02-01',
          provider: location.provider,
        })),
      ),
    )) as Array<{ id: string }>;
    const ids = created.map((row) => row.id);
    await db('stays').insert(
      ids.map((migrant) => ({
        id: crypto.randomUUID(),
        migrant,
        location: location.id,
        start_date: '2014-02-01',
        end_date: '2015-01-01',
      })),
    );
    const day = '2016-04-01';
    const env = {
      ...process.env,
      ...inject('databaseEnv'),
      ...inject('keyRing'),
      RETENTION_WITHOUT_DOTENV: '1',
      RETENTION_TEST_CLOCK: 'true',
    };
    const start = () =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(
          process.execPath,
          [
            join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
            join(projectRoot, 'scripts', 'retention-run.ts'),
            '--today',
            day,
            '--chunk-size',
            '1',
          ],
          { env },
        );
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
        child.once('exit', (status) => resolve({ status, stdout, stderr }));
      });
    const outcomes = await Promise.all([start(), start()]);
    const results = outcomes.map((outcome) => {
      expect(outcome.status, outcome.stderr).toBe(0);
      return JSON.parse(outcome.stdout.trim().split('\n').pop()!) as RunAnswer & { skipped?: string };
    });
    const ran = results.filter((result) => !result.skipped);
    expect(ran).toHaveLength(1);
    expect(['already_done', 'running_elsewhere']).toContain(results.find((result) => result.skipped)?.skipped);
    expect(await rowCount(db('migrants').whereIn('id', ids))).toBe(0);
    const runs = (await db('destruction_log').where({ run_key: `cli:${day}` })) as Row[];
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ kind: 'run', status: 'done', id: ran[0]!.run });
    expect(Number(runs[0]!['migrants'])).toBe(ran[0]!.erased['migrants']);
    expect(ran[0]!.erased['migrants']).toBeGreaterThanOrEqual(ids.length);
  });
});
