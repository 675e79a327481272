/**
 * The intake's commit survives a kill -9: boots its own platform (the shared one must not be killed), makes a dry run
 * of 300 rows, kills the process while the commit runs, restarts it on the same database: either every row is there
 * or none (never part of the file), the import is still a dry run when none is, and committing it then writes all.
 */
import knex, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knexConfigFromEnv } from '../../../scripts/lib/database.js';
import { buildDemoData, DEMO_ORGANISATION_IDS as ORG } from '../../../scripts/demo-data.js';
import { startEphemeralPlatform, type EphemeralPlatform } from '../../../scripts/lib/ephemeral-platform.js';
import { printAttackTable, tried } from './support.js';
import { patient } from '../../support/patience.js';

const ROWS = 300;
let platform: EphemeralPlatform;
let db: Knex;

printAttackTable('intake commit survives kill -9');

beforeAll(async () => {
  platform = await startEphemeralPlatform({ label: 'intake-crash' });
  db = knex(knexConfigFromEnv(platform.databaseEnv, 'intake-crash-test'));
}, patient(300_000));

afterAll(async () => {
  await db?.destroy();
  await platform?.stop();
}, patient(60_000));

async function token(): Promise<string> {
  const response = await fetch(`${platform.url}/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'provider-a@example.org', password: 'demo-password' }),
  });
  return ((await response.json()) as { data: { access_token: string } }).data.access_token;
}

async function imported(): Promise<number> {
  return Number(
    (
      (await db('migrants').where('external_reference', 'like', 'CRASH-%').count({ n: '*' }).first()) as {
        n: number | string;
      }
    ).n,
  );
}

describe('intake: kill -9 during a commit', () => {
  it(
    'leaves all rows or none, and the dry run can be committed after the restart',
    async () => {
      const location = buildDemoData({ referenceDate: platform.referenceDate }).locations.find(
        (l) => l.provider === ORG.providerA,
      )!;
      const csv = [
        'Referentie;Voornaam;Achternaam;Geboortedatum;Locatie;Aankomstdatum',
        ...Array.from(
          { length: ROWS },
          (_, i) => `CRASH-${i};Ion;Crash ${i};04-03-1990;${location.name};${platform.referenceDate}`,
        ),
      ].join('\n');
      const form = new FormData();
      form.set('file', new Blob([csv]), 'crash.csv');
      const dry = await fetch(`${platform.url}/intake/imports`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${await token()}` },
        body: form,
      });
      const id = ((await dry.json()) as { data: { id: string } }).data.id;
      const commit = fetch(`${platform.url}/intake/imports/${id}/commit`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${await token()}` },
      }).catch(() => null);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await platform.kill();
      await commit;
      await platform.restart();
      const after = await imported();
      const status = ((await db('imports').where('id', id).first('status')) as { status: string }).status;
      tried({
        attack: 'intake-crash',
        actor: 'providerA',
        channel: 'process',
        what: `kill -9 1.5 s into a ${ROWS}-row commit`,
        outcome: `${after} rows, import ${status}`,
      });
      expect([0, ROWS]).toContain(after);
      expect(status).toBe(after === 0 ? 'dry_run' : 'committed');
      if (after === 0) {
        const again = await fetch(`${platform.url}/intake/imports/${id}/commit`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${await token()}` },
        });
        expect(again.status).toBe(200);
        expect(await imported()).toBe(ROWS);
      }
    },
    patient(600_000),
  );
});
