/**
 * Two platform instances as docker-compose.yml runs them (scripts/lib/cluster.ts: compose's own environment, on this
 * machine's PostgreSQL and Redis), tested against both:
 * - a permission, a flow and a cached read changed through one instance apply on the other without a restart;
 * - the consent page's rate limit counts across the instances (Redis);
 * - a document uploaded through one is served by the other (shared storage);
 * - the scheduled jobs: each tick is taken by one instance (Directus's synchronised clock in Redis, read back from
 *   the instances' logs), and two runs that do meet (the manual runs of escalation and warnings on both at once, the
 *   outbox worked by both) do the work once;
 * - kill -9 of one instance under load from both sides (a provider registering migrants with their stays, a clerk
 *   claiming and releasing tasks, migrants signing) loses no acknowledged write and no outbox entry, and the other
 *   keeps serving without an error.
 * PostgreSQL and Redis only: skipped, saying why, on SQLite or without a Redis.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_ORGANISATION_IDS as ORG } from '../../scripts/demo-data.js';
import { clusterUnavailable, startCluster, type Cluster } from '../../scripts/lib/cluster.js';
import { demoData } from '../support/as-user.js';
import { consentMails } from '../support/consent.js';
import { closeTestDatabase, rowCount, testDatabase } from '../support/database.js';
import { patient } from '../support/patience.js';

type Row = Record<string, unknown>;
type Json = Record<string, unknown>;

const unavailable = await clusterUnavailable(inject('databaseClient'));
const INSPECTOR_POLICY = '20000000-0000-4000-8000-000000000003';
/** The consent page's limit per address in this cluster (a compose variable, as `.env` would set it). */
const CONSENT_LIMIT = 12;
const started = Date.now();
let cluster: Cluster | undefined;
const urls = (): [string, string] => [cluster!.instances[0]!.url, cluster!.instances[1]!.url];
const today = () => inject('referenceDate');
const locationA = () =>
  demoData().locations.find((l) => l.provider === ORG.providerA && l.municipality === ORG.gemeenteA)!;

beforeAll(async () => {
  if (unavailable) return;
  cluster = await startCluster(inject('instanceEnv'), {
    label: 'instances',
    variables: {
      CONSENT_RATE_LIMIT_PER_ADDRESS: String(CONSENT_LIMIT),
      // Directus's own limiter (in Redis, as in compose) with room for a test's load from one address
      RATE_LIMITER_POINTS: '100000',
      // the tick of each scheduled job is logged at debug level (glue/scheduled-job.ts)
      LOG_LEVEL: 'debug',
    },
    // an entry the killed instance held is worked again by the other after this lease
    extraEnv: { OUTBOX_LEASE_SECONDS: '5' },
  });
}, patient(240_000));

afterAll(async () => {
  await cluster?.stop();
  await closeTestDatabase();
});

interface Answer<T = Json> {
  status: number;
  body: { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> } & Json;
}

async function api<T = Json>(
  url: string,
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer<T>> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  let parsed: Answer<T>['body'] = {};
  try {
    parsed = text ? (JSON.parse(text) as Answer<T>['body']) : {};
  } catch {
    parsed = { text };
  }
  return { status: response.status, body: parsed };
}

async function login(url: string, email: string): Promise<string> {
  const answer = await api<{ access_token: string }>(url, null, 'POST', '/auth/login', {
    email,
    password: 'demo-password',
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body.data!.access_token;
}

let sequence = 0;
/** A migrant of provider A with its stay in gemeente A (one request), through `url`. */
function newMigrant(tag: string, email = false): Json {
  const n = sequence++;
  return {
    first_names: 'Wielo',
    surname: `Instancyjna-${tag}-${n}`,
    date_of_birth: '1988-07-14',
    nationality: 'PL',
    language: 'pl',
    ...(email ? { email: `instances.${tag}.${n}.${started.toString(36)}@example.org` } : {}),
    arrival_date: today(),
    expected_departure_date: '2099-01-01',
    stays: { create: [{ location: locationA().id, start_date: today() }], update: [], delete: [] },
  };
}

/** Waits until no outbox entry created since `since` is open, and returns them. */
async function outboxSettled(since: Date, timeoutMs = patient(60_000)): Promise<Row[]> {
  const db = testDatabase();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = (await db('outbox').where('created_at', '>=', since)) as Row[];
    if (rows.every((row) => row['status'] === 'done' || row['status'] === 'failed')) return rows;
    if (Date.now() > deadline) return rows;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function errorLines(logFile: string): string[] {
  return readFileSync(logFile, 'utf8')
    .split('\n')
    .filter((line) => /"level":(50|60)\b/.test(line));
}

describe.skipIf(unavailable !== null)(
  `two instances on PostgreSQL and Redis${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    it('applies a permission, a flow and a changed row written through one instance at once on the other', async () => {
      const [a, b] = urls();
      const admin = await login(a, 'admin@example.org');
      const inspector = await login(b, 'inspector-a@example.org');

      // a permission: B has answered (and cached) the refusal before A grants it
      expect((await api(b, inspector, 'GET', '/items/task_types?limit=1')).status).toBe(403);
      const granted = await api<{ id: number }>(a, admin, 'POST', '/permissions', {
        policy: INSPECTOR_POLICY,
        collection: 'task_types',
        action: 'read',
        fields: ['*'],
      });
      expect(granted.status, JSON.stringify(granted.body)).toBe(200);
      try {
        expect((await api(b, inspector, 'GET', '/items/task_types?limit=1')).status).toBe(200);
      } finally {
        expect((await api(a, admin, 'DELETE', `/permissions/${granted.body.data!.id}`)).status).toBe(204);
      }
      expect((await api(b, inspector, 'GET', '/items/task_types?limit=1')).status).toBe(403);

      // a flow created through A answers its webhook on B; deactivated through A, B no longer runs it
      const flow = await api<{ id: string }>(a, admin, 'POST', '/flows', {
        name: `cluster-${started}`,
        status: 'active',
        trigger: 'webhook',
        accountability: 'all',
        options: { method: 'GET', async: false, return: '$last' },
      });
      expect(flow.status, JSON.stringify(flow.body)).toBe(200);
      const flowId = flow.body.data!.id;
      try {
        const operation = await api<{ id: string }>(a, admin, 'POST', '/operations', {
          flow: flowId,
          key: 'answer',
          type: 'transform',
          position_x: 19,
          position_y: 1,
          options: { json: { answer: started } },
        });
        expect(operation.status, JSON.stringify(operation.body)).toBe(200);
        expect((await api(a, admin, 'PATCH', `/flows/${flowId}`, { operation: operation.body.data!.id })).status).toBe(
          200,
        );
        // the instances hear of a flow change over the Redis bus, then reload their flows from the database
        await expect
          .poll(async () => (await api(b, admin, 'GET', `/flows/trigger/${flowId}`)).body)
          .toEqual({ answer: started });
        expect((await api(a, admin, 'PATCH', `/flows/${flowId}`, { status: 'inactive' })).status).toBe(200);
        await expect.poll(async () => (await api(b, admin, 'GET', `/flows/trigger/${flowId}`)).status).not.toBe(200);
      } finally {
        await api(a, admin, 'DELETE', `/flows/${flowId}`);
      }

      // a row read (and cached in Redis) through B, changed through A, read again through B
      const location = locationA();
      const path = `/items/locations/${location.id}?fields=name`;
      const before = await api<{ name: string }>(b, admin, 'GET', path);
      expect((await api(b, admin, 'GET', path)).body).toEqual(before.body);
      const renamed = `${before.body.data!.name} (${started})`;
      expect((await api(a, admin, 'PATCH', `/items/locations/${location.id}`, { name: renamed })).status).toBe(200);
      try {
        expect((await api<{ name: string }>(b, admin, 'GET', path)).body.data!.name).toBe(renamed);
      } finally {
        await api(a, admin, 'PATCH', `/items/locations/${location.id}`, { name: before.body.data!.name });
      }
    });

    it("counts the consent page's requests per address across both instances", async () => {
      const [a, b] = urls();
      const address = `198.51.100.${(started % 200) + 20}`;
      const statuses: number[] = [];
      // not JSON: each request is counted against the address first, then refused (400) for its type
      for (let i = 0; i < CONSENT_LIMIT + 4; i++) {
        const answer = await api(i % 2 === 0 ? a : b, null, 'POST', '/consent/api/session', 'x=1', {
          'Content-Type': 'text/plain',
          'X-Forwarded-For': address,
        });
        statuses.push(answer.status);
      }
      expect(statuses.slice(0, CONSENT_LIMIT).every((status) => status !== 429)).toBe(true);
      expect(statuses.slice(CONSENT_LIMIT)).toEqual([429, 429, 429, 429]);
      // another address is not affected
      const other = await api(b, null, 'POST', '/consent/api/session', 'x=1', {
        'Content-Type': 'text/plain',
        'X-Forwarded-For': `198.51.100.${(started % 200) + 21}`,
      });
      expect(other.status).not.toBe(429);
    });

    it('serves a document uploaded through one instance from the other (shared storage)', async () => {
      const [a, b] = urls();
      const provider = await login(a, 'provider-a@example.org');
      const admin = await login(b, 'admin@example.org');
      const bytes = Buffer.from(`%PDF-1.4\n% huurcontract ${started}\n%%EOF\n`);
      const form = new FormData();
      form.append('title', `Huurcontract ${started}`);
      form.append('file', new Blob([bytes], { type: 'application/pdf' }), `huurcontract-${started}.pdf`);
      const upload = await fetch(`${a}/files`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${admin}` },
        body: form,
      });
      expect(upload.status, await upload.clone().text()).toBe(200);
      const file = ((await upload.json()) as { data: { id: string } }).data.id;
      try {
        const served = await fetch(`${b}/assets/${file}`, { headers: { Authorization: `Bearer ${admin}` } });
        expect(served.status).toBe(200);
        expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true);
        // a provider's own token works on either instance (one SECRET)
        expect((await api(b, provider, 'GET', '/users/me?fields=id')).status).toBe(200);
      } finally {
        await api(a, admin, 'DELETE', `/files/${file}`);
      }
    });

    it('escalates, warns and works the outbox once when both instances run them at the same moment', async () => {
      const [a, b] = urls();
      const db = testDatabase();
      const admin = await login(a, 'admin@example.org');
      const provider = await login(b, 'provider-a@example.org');

      // the outbox: migrants registered through both at once, each invited by e-mail exactly once
      const since = new Date(Date.now() - 1000);
      const registered = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          api<{ id: string; email: string }>(
            i % 2 === 0 ? a : b,
            provider,
            'POST',
            '/items/migrants?fields=id,email',
            newMigrant('jobs', true),
          ),
        ),
      );
      for (const answer of registered) expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      const entries = await outboxSettled(since);
      expect(entries.filter((row) => row['status'] !== 'done')).toEqual([]);
      const emails = registered.map((answer) => answer.body.data!.email);
      await expect
        .poll(() => emails.filter((email) => consentMails().some((mail) => mail.to === email)).length)
        .toBe(emails.length);
      for (const email of emails) expect(consentMails().filter((mail) => mail.to === email)).toHaveLength(1);

      // escalation: one of these migrants' open tasks is overdue; both instances run the maintenance at once
      const ids = registered.map((answer) => answer.body.data!.id);
      const task = (await db('tasks').whereIn('migrant', ids).where('status', 'open').first()) as Row | undefined;
      expect(task, 'an open task for a registered migrant').toBeTruthy();
      await db('tasks').where('id', String(task!['id'])).update({ due_date: '2020-01-02', escalated_at: null });
      const escalatedBefore = await rowCount(db('tasks').whereNotNull('escalated_at'));
      const runs = await Promise.all(
        [a, b, a, b].map((url) => api<{ escalated: number }>(url, admin, 'POST', '/brp/maintenance', {})),
      );
      for (const run of runs) expect(run.status, JSON.stringify(run.body)).toBe(200);
      const escalatedAfter = await rowCount(db('tasks').whereNotNull('escalated_at'));
      expect(runs.reduce((sum, run) => sum + run.body.data!.escalated, 0)).toBe(escalatedAfter - escalatedBefore);
      const recipients = await rowCount(
        db('directus_users').where({ organisation: task!['owner_organisation'], status: 'active' }),
      );
      expect(recipients).toBeGreaterThan(0);
      expect(
        await rowCount(db('directus_notifications').where({ collection: 'tasks', item: String(task!['id']) })),
      ).toBe(recipients);

      // warnings: a second open stay for one of them; both instances evaluate at once, one warning opens
      const extraStay = crypto.randomUUID();
      await db('stays').insert({ id: extraStay, migrant: ids[0], location: locationA().id, start_date: today() });
      try {
        const warningsBefore = await rowCount(db('warnings'));
        const evaluations = await Promise.all(
          [a, b, a, b].map((url) =>
            api<{ opened: number }>(url, admin, 'POST', '/supervision/warnings/run', { today: today() }),
          ),
        );
        for (const run of evaluations) expect(run.status, JSON.stringify(run.body)).toBe(200);
        expect(evaluations.reduce((sum, run) => sum + run.body.data!.opened, 0)).toBe(
          (await rowCount(db('warnings'))) - warningsBefore,
        );
        const open = (await db('warnings').whereNot('status', 'resolved')) as Row[];
        const keys = open.map((row) => String(row['subject_key']));
        expect(new Set(keys).size).toBe(keys.length);
        expect(open.filter((row) => row['type'] === 'two_open_stays' && row['migrant'] === ids[0])).toHaveLength(1);
      } finally {
        await db('stays').where('id', extraStay).delete();
        await api(a, admin, 'POST', '/supervision/warnings/run', { today: today() });
      }
    });

    it('loses no acknowledged write and no outbox entry when one instance is killed under load', async () => {
      const [a, b] = urls();
      const db = testDatabase();
      const provider = await login(b, 'provider-a@example.org');
      const clerk = await login(b, 'clerk-a@example.org');
      const since = new Date(Date.now() - 1000);

      // migrants who will sign during the load: registered first, their letters printed (the link in each)
      const signers = await Promise.all(
        Array.from({ length: 6 }, async () => {
          const body = newMigrant('signer');
          const created = await api<{ id: string }>(b, provider, 'POST', '/items/migrants?fields=id', body);
          expect(created.status, JSON.stringify(created.body)).toBe(200);
          return { id: created.body.data!.id, name: `${String(body['first_names'])} ${String(body['surname'])}` };
        }),
      );
      await outboxSettled(since);
      const links = new Map<string, string>();
      for (const signer of signers) {
        const letter = await fetch(`${b}/consent/letters`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${provider}` },
          body: JSON.stringify({ migrant: signer.id }),
        });
        const link = /class="letter__link">([^<]+)</.exec(await letter.text())?.[1]?.split('#t=')[1];
        expect(letter.status).toBe(200);
        expect(link).toBeTruthy();
        links.set(signer.id, link!);
      }
      // the clerk's tasks: gemeente A's open tasks of these fixtures, half worked through each instance
      await expect
        .poll(async () =>
          rowCount(
            db('tasks').whereIn(
              'migrant',
              signers.map((s) => s.id),
            ),
          ),
        )
        .toBeGreaterThan(0);
      const tasks = (
        (await db('tasks')
          .whereIn(
            'migrant',
            signers.map((signer) => signer.id),
          )
          .where({ status: 'open', owner_organisation: ORG.gemeenteA })
          .select('id')) as Row[]
      ).map((row) => String(row['id']));

      const killed = { at: 0 };
      const acknowledged = { migrants: [] as string[], signed: [] as string[] };
      const lastClaim = new Map<string, { claimed: boolean; acknowledged: boolean }>();
      const errorsOnSurvivor: string[] = [];
      const onSurvivor = (url: string) => url === b;
      let stop = false;

      const providerLoop = async (url: string) => {
        while (!stop) {
          try {
            const answer = await api<{ id: string }>(
              url,
              provider,
              'POST',
              '/items/migrants?fields=id',
              newMigrant('load'),
            );
            if (answer.status === 200) acknowledged.migrants.push(answer.body.data!.id);
            else if (onSurvivor(url)) errorsOnSurvivor.push(`migrant ${answer.status} ${JSON.stringify(answer.body)}`);
          } catch (error) {
            if (onSurvivor(url)) errorsOnSurvivor.push(`migrant: ${String(error)}`);
            else return; // the killed instance: nothing acknowledged, the client goes elsewhere
          }
        }
      };
      const clerkLoop = async (url: string, mine: string[]) => {
        let claim = true;
        while (!stop && mine.length > 0) {
          for (const task of mine) {
            lastClaim.set(task, { claimed: claim, acknowledged: false });
            try {
              const answer = await api(url, clerk, 'POST', `/brp/tasks/${task}/${claim ? 'claim' : 'unclaim'}`, {});
              if (answer.status < 300) lastClaim.set(task, { claimed: claim, acknowledged: true });
              else if (onSurvivor(url)) errorsOnSurvivor.push(`claim ${answer.status} ${JSON.stringify(answer.body)}`);
            } catch (error) {
              if (onSurvivor(url)) errorsOnSurvivor.push(`claim: ${String(error)}`);
              else return;
            }
          }
          claim = !claim;
        }
      };
      const signLoop = async (url: string, mine: Array<{ id: string; name: string }>, index: number) => {
        for (const signer of mine) {
          if (stop) return;
          const address = `203.0.113.${(started % 100) + index * 10 + mine.indexOf(signer)}`;
          try {
            const csrfAnswer = await fetch(`${url}/consent/api/csrf`, { headers: { 'X-Forwarded-For': address } });
            const cookie = (csrfAnswer.headers.get('set-cookie') ?? '').split(';')[0]!;
            const csrf = ((await csrfAnswer.json()) as { data: { csrf: string } }).data.csrf;
            const headers = { 'X-Consent-CSRF': csrf, Cookie: cookie, 'X-Forwarded-For': address };
            const token = links.get(signer.id)!;
            const session = await api<{ text: { sha256: string; language: string } }>(
              url,
              null,
              'POST',
              '/consent/api/session',
              { token, language: 'pl' },
              headers,
            );
            const text = session.body.data!.text;
            const signed = await api(
              url,
              null,
              'POST',
              '/consent/api/sign',
              {
                token,
                dateOfBirth: { day: '14', month: '7', year: '1988' },
                fullName: signer.name,
                agree: true,
                language: text.language,
                textSha256: text.sha256,
              },
              headers,
            );
            if (signed.status === 200) acknowledged.signed.push(signer.id);
            else if (onSurvivor(url)) errorsOnSurvivor.push(`sign ${signed.status} ${JSON.stringify(signed.body)}`);
          } catch (error) {
            if (onSurvivor(url)) errorsOnSurvivor.push(`sign: ${String(error)}`);
            else return;
          }
        }
      };

      const half = Math.ceil(tasks.length / 2);
      const load = Promise.all([
        providerLoop(a),
        providerLoop(b),
        providerLoop(a),
        providerLoop(b),
        clerkLoop(a, tasks.slice(0, half)),
        clerkLoop(b, tasks.slice(half)),
        signLoop(a, signers.slice(0, 3), 0),
        signLoop(b, signers.slice(3), 1),
      ]);
      await new Promise((resolve) => setTimeout(resolve, 3000));
      killed.at = acknowledged.migrants.length;
      await cluster!.instances[0]!.kill();
      // the survivor keeps serving: more load on it alone
      await new Promise((resolve) => setTimeout(resolve, 3000));
      stop = true;
      await load;

      expect(errorsOnSurvivor).toEqual([]);
      expect(killed.at, 'writes acknowledged before the kill').toBeGreaterThan(0);
      expect(acknowledged.migrants.length, 'writes acknowledged after the kill').toBeGreaterThan(killed.at);

      // every acknowledged write is there, with its stay and its current location
      const rows = (await db('migrants')
        .whereIn('id', acknowledged.migrants)
        .select('id', 'current_location')) as Row[];
      expect(rows).toHaveLength(acknowledged.migrants.length);
      expect(await rowCount(db('stays').whereIn('migrant', acknowledged.migrants))).toBe(acknowledged.migrants.length);
      for (const signer of acknowledged.signed)
        expect(await rowCount(db('consents').where({ migrant: signer, status: 'signed' })), signer).toBe(1);
      for (const [task, last] of lastClaim) {
        if (!last.acknowledged) continue;
        const row = (await db('tasks').where('id', task).first()) as Row;
        expect(row['assignee'] !== null, task).toBe(last.claimed);
      }

      // and every outbox entry since is worked off (the killed instance's after their lease), none failed
      const entries = await outboxSettled(since, patient(90_000));
      expect(entries.filter((row) => row['status'] !== 'done')).toEqual([]);
      const subjects = new Set(entries.map((row) => String(row['subject'])));
      for (const id of acknowledged.migrants) expect(subjects.has(id), `outbox entry for ${id}`).toBe(true);
      const located = (await db('migrants').whereIn('id', acknowledged.migrants).select('current_location')) as Row[];
      expect(located.filter((row) => row['current_location'] !== locationA().id)).toEqual([]);
      expect(errorLines(cluster!.instances[1]!.logFile)).toEqual([]);
    });

    it(
      "takes each scheduled job's tick on one instance only",
      async () => {
        // the outbox's job ticks every minute: at least two ticks since the cluster started, each in one log only
        const ticks = () => {
          const seen = new Map<string, string[]>();
          for (const instance of cluster!.instances)
            for (const line of readFileSync(instance.logFile, 'utf8').split('\n')) {
              const match = /Scheduled job (\S+): tick (\S+) taken by (\S+)"/.exec(line);
              if (match)
                seen.set(`${match[1]} ${match[2]}`, [...(seen.get(`${match[1]} ${match[2]}`) ?? []), match[3]!]);
            }
          return seen;
        };
        await expect
          .poll(() => [...ticks().keys()].filter((key) => key.startsWith('outbox ')).length, {
            timeout: patient(150_000),
            interval: 2000,
          })
          .toBeGreaterThanOrEqual(2);
        for (const [tick, takers] of ticks()) expect(takers, tick).toHaveLength(1);
      },
      patient(180_000),
    );
  },
);
