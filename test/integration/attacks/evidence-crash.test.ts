/**
 * Attack class 5, the crash half: evidence and side effects survive a kill -9. Boots its own platform (the shared
 * one must not be killed), then
 * - reads personal data as a provider and kills the process the moment the response arrives: the reveal rows are
 *   in the database;
 * - creates a batch of 300 migrants with e-mail addresses and kills the process the moment the commit answered,
 *   restarts it on the same database: every migrant gets its invitation (the outbox is worked off), once.
 */
import knex, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knexConfigFromEnv } from '../../../scripts/lib/database.js';
import { startEphemeralPlatform, type EphemeralPlatform } from '../../../scripts/lib/ephemeral-platform.js';
import { printAttackTable, tried } from './support.js';
import { patient } from '../../support/patience.js';

const BATCH = 300;
let platform: EphemeralPlatform;
let db: Knex;

printAttackTable('evidence and side effects survive kill -9');

beforeAll(async () => {
  // a short lease: entries the killed process had claimed are claimed again seconds after the restart
  platform = await startEphemeralPlatform({ label: 'evidence-crash', extraEnv: { OUTBOX_LEASE_SECONDS: '3' } });
  db = knex(knexConfigFromEnv(platform.databaseEnv, 'evidence-crash-test'));
}, patient(300_000));

afterAll(async () => {
  await db?.destroy();
  await platform?.stop();
}, patient(60_000));

async function login(email: string): Promise<string> {
  const response = await fetch(`${platform.url}/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: 'demo-password' }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: { access_token: string } }).data.access_token;
}

async function count(query: Knex.QueryBuilder): Promise<number> {
  return Number(((await query.count({ n: '*' }).first()) as { n: number | string }).n);
}

describe('kill -9', () => {
  it(
    'right after a read of personal data: the reveal rows are already in the database',
    async () => {
      const token = await login('provider-a@example.org');
      const response = await fetch(`${platform.url}/items/migrants?fields=id,first_names,surname&limit=50`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      const body = (await response.json()) as { data: Array<{ id: string; first_names: string }> };
      await platform.kill();
      const revealed = body.data.filter((row) => row.first_names !== '•••').map((row) => row.id);
      const logged = new Set(
        (
          (await db('reveal_log')
            .whereIn('migrant', revealed)
            .andWhere('viewer_role', 'provider')
            .select('migrant')) as Array<{ migrant: string }>
        ).map((row) => row.migrant),
      );
      // back up before asserting: the next test needs the instance either way
      await platform.restart();
      tried({
        attack: 'evidence',
        actor: 'providerA',
        channel: 'process',
        what: `read ${revealed.length} migrants' personal data, kill -9`,
        outcome: `${logged.size} of ${revealed.length} reveals logged`,
      });
      expect(response.status).toBe(200);
      expect(revealed.length).toBeGreaterThan(0);
      expect([...logged].sort()).toEqual([...revealed].sort());
    },
    patient(180_000),
  );

  it(
    `right after a batch of ${BATCH} migrants committed: after a restart every migrant gets its invitation, once`,
    async () => {
      const token = await login('provider-a@example.org');
      const tag = Date.now().toString(36);
      const batch = Array.from({ length: BATCH }, (_, index) => ({
        first_names: 'Crash',
        surname: `Proef-${tag}-${index}`,
        date_of_birth: '1990-02-03',
        nationality: 'RO',
        language: 'ro',
        email: `crash.${tag}.${index}@example.org`,
        arrival_date: new Date().toISOString().slice(0, 10),
      }));
      const response = await fetch(`${platform.url}/items/migrants?fields=id`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(batch),
      });
      const text = await response.text();
      await platform.kill();
      expect(response.status, text).toBe(200);
      const ids = (JSON.parse(text) as { data: Array<{ id: string }> }).data.map((row) => row.id);
      expect(ids).toHaveLength(BATCH);
      const invited = () => count(db('consents').whereIn('migrant', ids).whereNotNull('sent_at'));
      const atKill = await invited();

      await platform.restart();
      await expect.poll(invited, { timeout: patient(300_000), interval: 1000 }).toBe(BATCH);
      tried({
        attack: 'evidence',
        actor: 'providerA',
        channel: 'process',
        what: `create ${BATCH} migrants, kill -9 after the commit, restart`,
        outcome: `${atKill} invited at the kill, ${BATCH} after the restart`,
      });
      // once: one request per migrant, and every outbox entry of the batch done
      expect(await count(db('consents').whereIn('migrant', ids))).toBe(BATCH);
      await expect
        .poll(() => count(db('outbox').whereIn('subject', ids).whereNot('status', 'done')), {
          timeout: patient(60_000),
          interval: 1000,
        })
        .toBe(0);
    },
    patient(420_000),
  );
});
