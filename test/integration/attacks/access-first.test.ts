/**
 * Attack class 1: nothing may act or answer before access is checked. For every validated collection with a date
 * pair or an existing-row validation, as every actor who may not write the row and as anonymous, through REST
 * (PATCH, DELETE, POST with a reference) and GraphQL mutations: the answer for an existing-but-hidden id equals
 * the answer for a missing id, the date-of-birth oracle gives no signal, and a refused publication of a consent
 * text changes nothing.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGANISATION_IDS as ORG } from '../../../scripts/demo-data.js';
import { SUPPORTED_LANGUAGE_CODES } from '../../../extensions/labour-platform/src/domain/languages.js';
import { noticeSection } from '../../../extensions/labour-platform/src/domain/consent/privacy-notice.js';
import { demoData } from '../../support/as-user.js';
import { gql, http, printAttackTable, tried, type Actor, type HttpAnswer } from './support.js';
import { patient } from '../../support/patience.js';

printAttackTable('access first');

/** Actors for whom every row of world B is someone else's: none of them may update or delete it. */
const OUTSIDERS: readonly Actor[] = ['clerkA', 'providerA', 'inspectorA', 'policyA', 'municipalityAdminA', 'public'];

const DATE_OF_BIRTH = '1991-06-15';
const ARRIVAL = '2024-03-01';

interface Rows {
  migrant: string;
  stay: string;
  location: string;
  appointment: string;
  task: string;
  inspection: string;
  finding: string;
  organisation: string;
}
let rows: Rows;

async function admin(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const answer = await http('admin', method, path, body);
  if (answer.status >= 300) throw new Error(`${method} ${path} as admin: ${answer.status} ${answer.text}`);
  return ((answer.body as { data?: Record<string, unknown> } | null)?.data ?? {}) as Record<string, unknown>;
}

/** What an attacker can tell apart: the status, the error code and the message. */
const seen = (answer: HttpAnswer): string => {
  const errors = (answer.body as { errors?: Array<{ message?: string; extensions?: { code?: string } }> } | null)
    ?.errors;
  return `${answer.status} ${answer.code ?? '-'} ${errors?.[0]?.message ?? ''}`;
};

beforeAll(async () => {
  const location = demoData().locations.find((l) => l.provider === ORG.providerB && l.municipality === ORG.gemeenteB)!;
  const migrant = await admin('POST', '/items/migrants', {
    first_names: 'Oracle',
    surname: 'Probe',
    date_of_birth: DATE_OF_BIRTH,
    nationality: 'PL',
    language: 'pl',
    arrival_date: ARRIVAL,
    provider: ORG.providerB,
  });
  const migrantId = String(migrant['id']);
  const stay = await admin('POST', '/items/stays', { migrant: migrantId, location: location.id, start_date: ARRIVAL });
  const soon = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  const appointment = await admin('POST', '/items/appointments', {
    migrant: migrantId,
    municipality: ORG.gemeenteB,
    desk: 'Balie 9',
    starts_at: `${soon}T09:00:00`,
    ends_at: `${soon}T09:15:00`,
  });
  const inspection = await admin('POST', '/items/inspections', {
    location: location.id,
    inspected_on: ARRIVAL,
    outcome: 'in_order',
    beds_counted: 2,
  });
  const tasks = (await http('admin', 'GET', `/items/tasks?filter[migrant][_eq]=${migrantId}&fields=id`)).body as {
    data: Array<{ id: string }>;
  };
  let task = tasks.data[0]?.id;
  task ??= String(
    (
      await admin('POST', '/items/tasks', {
        type: 'assess_status',
        migrant: migrantId,
        owner_organisation: ORG.gemeenteB,
      })
    ).id,
  );
  rows = {
    migrant: migrantId,
    stay: String(stay['id']),
    location: location.id,
    appointment: String(appointment['id']),
    task,
    inspection: String(inspection['id']),
    finding: String(
      (
        await admin('POST', '/items/inspection_findings', { inspection: inspection['id'], item: 'showers', met: false })
      )['id'],
    ),
    organisation: ORG.gemeenteB,
  };
});

interface Probe {
  collection: string;
  row: (r: Rows) => string;
  /** Payloads that, validated against the stored row, used to answer differently. */
  payloads: Array<Record<string, unknown>>;
}

const PROBES: Probe[] = [
  // the date-of-birth oracle: an arrival before the birth used to answer 400, after it 403
  {
    collection: 'migrants',
    row: (r) => r.migrant,
    payloads: [
      { arrival_date: '1991-06-14' },
      { arrival_date: '1991-06-16' },
      { expected_departure_date: '2024-02-29' },
      { expected_departure_date: '2024-03-02' },
    ],
  },
  { collection: 'stays', row: (r) => r.stay, payloads: [{ end_date: '2024-02-29' }, { end_date: '2024-03-02' }] },
  {
    collection: 'appointments',
    row: (r) => r.appointment,
    payloads: [{ ends_at: '2000-01-01T00:00:00' }, { desk: 'Balie 1' }],
  },
  { collection: 'locations', row: (r) => r.location, payloads: [{ capacity: -1 }, { capacity: 5 }] },
  { collection: 'inspections', row: (r) => r.inspection, payloads: [{ beds_counted: 3 }] },
  // a provider's answer is checked against the finding's state: an empty one and a real one answer alike when hidden
  { collection: 'inspection_findings', row: (r) => r.finding, payloads: [{ answer: '' }, { answer: 'Hersteld' }] },
  { collection: 'tasks', row: (r) => r.task, payloads: [{ priority: 'high' }] },
  { collection: 'organisations', row: (r) => r.organisation, payloads: [{ email: 'probe@example.org' }] },
];

describe('access first: a hidden row answers like a missing one', () => {
  for (const probe of PROBES) {
    it(`REST PATCH and DELETE on ${probe.collection}`, async () => {
      const hidden = probe.row(rows);
      const missing = randomUUID();
      for (const actor of OUTSIDERS) {
        // the message names the payload's fields, so answers are compared per set of fields
        const answers = new Map<string, Set<string>>();
        for (const payload of probe.payloads) {
          const shape = Object.keys(payload).sort().join(',');
          if (!answers.has(shape)) answers.set(shape, new Set());
          for (const id of [hidden, missing]) {
            const answer = seen(await http(actor, 'PATCH', `/items/${probe.collection}/${id}`, payload));
            tried({
              attack: 'access-first',
              actor,
              channel: 'REST',
              what: `PATCH ${probe.collection} ${id === hidden ? 'hidden' : 'missing'} ${JSON.stringify(payload)}`,
              outcome: answer,
            });
            answers.get(shape)!.add(answer);
          }
          // batch by keys: the same
          const batch = seen(
            await http(actor, 'PATCH', `/items/${probe.collection}`, { keys: [hidden], data: payload }),
          );
          const batchMissing = seen(
            await http(actor, 'PATCH', `/items/${probe.collection}`, { keys: [missing], data: payload }),
          );
          tried({
            attack: 'access-first',
            actor,
            channel: 'REST',
            what: `PATCH ${probe.collection} keys hidden vs missing`,
            outcome: `${batch} | ${batchMissing}`,
          });
          expect(batch, `${actor} batch PATCH ${probe.collection}`).toBe(batchMissing);
        }
        for (const [shape, set] of answers) {
          expect(
            [...set],
            `${actor} PATCH ${probe.collection} {${shape}}: one answer for hidden, missing and every value`,
          ).toHaveLength(1);
          expect([...set][0]!.startsWith('403'), `${actor} PATCH ${probe.collection} is refused`).toBe(true);
        }
        const deleteHidden = seen(await http(actor, 'DELETE', `/items/${probe.collection}/${hidden}`));
        const deleteMissing = seen(await http(actor, 'DELETE', `/items/${probe.collection}/${missing}`));
        tried({
          attack: 'access-first',
          actor,
          channel: 'REST',
          what: `DELETE ${probe.collection} hidden vs missing`,
          outcome: `${deleteHidden} | ${deleteMissing}`,
        });
        expect(deleteHidden, `${actor} DELETE ${probe.collection}`).toBe(deleteMissing);
      }
      // nothing was written or deleted
      const stored = await http('admin', 'GET', `/items/${probe.collection}/${hidden}`);
      expect(stored.status).toBe(200);
    });

    it(`GraphQL mutations on ${probe.collection}`, async () => {
      const hidden = probe.row(rows);
      const missing = randomUUID();
      for (const actor of OUTSIDERS) {
        const answers = new Map<string, Set<string>>();
        for (const payload of probe.payloads) {
          const shape = Object.keys(payload).sort().join(',');
          if (!answers.has(shape)) answers.set(shape, new Set());
          for (const id of [hidden, missing]) {
            const answer = await gql(
              actor,
              `mutation($id: ID!, $data: update_${probe.collection}_input!) { update_${probe.collection}_item(id: $id, data: $data) { id } }`,
              { id, data: payload },
            );
            const outcome = seen(answer);
            tried({
              attack: 'access-first',
              actor,
              channel: 'GraphQL',
              what: `update_${probe.collection}_item ${id === hidden ? 'hidden' : 'missing'} ${JSON.stringify(payload)}`,
              outcome,
            });
            expect(
              answer.data?.[`update_${probe.collection}_item`] ?? null,
              `${actor} GraphQL update ${probe.collection}`,
            ).toBeNull();
            answers.get(shape)!.add(outcome);
          }
        }
        for (const [shape, set] of answers)
          expect([...set], `${actor} GraphQL update ${probe.collection} {${shape}}: one answer`).toHaveLength(1);
        const deleted = await Promise.all(
          [hidden, missing].map(async (id) =>
            seen(await gql(actor, `mutation($id: ID!) { delete_${probe.collection}_item(id: $id) { id } }`, { id })),
          ),
        );
        tried({
          attack: 'access-first',
          actor,
          channel: 'GraphQL',
          what: `delete_${probe.collection}_item hidden vs missing`,
          outcome: deleted.join(' | '),
        });
        expect(deleted[0], `${actor} GraphQL delete ${probe.collection}`).toBe(deleted[1]);
      }
    });
  }

  it('gives the date-of-birth oracle no signal and leaves the migrant as it was', async () => {
    for (const actor of OUTSIDERS) {
      const before = seen(
        await http(actor, 'PATCH', `/items/migrants/${rows.migrant}`, { arrival_date: '1900-01-01' }),
      );
      const after = seen(await http(actor, 'PATCH', `/items/migrants/${rows.migrant}`, { arrival_date: '2099-01-01' }));
      tried({
        attack: 'access-first',
        actor,
        channel: 'REST',
        what: 'arrival_date far before vs far after the date of birth',
        outcome: `${before} | ${after}`,
      });
      expect(before, actor).toBe(after);
    }
    const stored = (await http('admin', 'GET', `/items/migrants/${rows.migrant}?fields=arrival_date`)).body as {
      data: { arrival_date: string };
    };
    expect(stored.data.arrival_date).toBe(ARRIVAL);
  });

  it('answers a create that refers to a hidden row like one that refers to a missing row', async () => {
    const missing = randomUUID();
    for (const actor of OUTSIDERS) {
      for (const [collection, payload] of [
        ['stays', (migrant: string) => ({ migrant, location: rows.location, start_date: ARRIVAL })],
        [
          'appointments',
          (migrant: string) => ({
            migrant,
            desk: 'Balie 1',
            starts_at: '2030-01-01T09:00:00',
            ends_at: '2030-01-01T09:15:00',
          }),
        ],
      ] as const) {
        const hidden = seen(await http(actor, 'POST', `/items/${collection}`, payload(rows.migrant)));
        const absent = seen(await http(actor, 'POST', `/items/${collection}`, payload(missing)));
        tried({
          attack: 'access-first',
          actor,
          channel: 'REST',
          what: `POST ${collection} naming a hidden vs a missing migrant`,
          outcome: `${hidden} | ${absent}`,
        });
        expect(hidden, `${actor} POST ${collection}`).toBe(absent);
      }
      const graph = await Promise.all(
        [rows.migrant, missing].map(async (migrant) =>
          seen(
            await gql(
              actor,
              `mutation { create_stays_item(data: { migrant: "${migrant}", location: "${rows.location}", start_date: "${ARRIVAL}" }) { id } }`,
            ),
          ),
        ),
      );
      tried({
        attack: 'access-first',
        actor,
        channel: 'GraphQL',
        what: 'create_stays_item naming a hidden vs a missing migrant',
        outcome: graph.join(' | '),
      });
      expect(graph[0], `${actor} GraphQL create_stays_item`).toBe(graph[1]);
    }
  });
});

describe('access first: a refused publication changes nothing', () => {
  const version = 'attack-draft';
  let draftIds: string[] = [];

  beforeAll(async () => {
    draftIds = [];
    for (const language of SUPPORTED_LANGUAGE_CODES) {
      const created = await admin('POST', '/items/consent_texts', {
        version,
        language,
        status: 'draft',
        title: `Toestemming ${language}`,
        body: `Tekst.\n\n${noticeSection(language)}`,
      });
      draftIds.push(String(created['id']));
    }
  });

  async function statuses(): Promise<string> {
    const answer = (
      await http('admin', 'GET', '/items/consent_texts?fields=id,version,status,published_at&limit=-1&sort=id')
    ).body as { data: Array<Record<string, unknown>> };
    return JSON.stringify(answer.data);
  }

  it('refuses every non-administrator and anonymous publication before anything is published or archived', async () => {
    const start = await statuses();
    expect(start).toContain('"status":"published"');
    for (const actor of [
      'clerkA',
      'clerkB',
      'providerA',
      'providerB',
      'inspectorA',
      'policyA',
      'municipalityAdminA',
      'public',
    ] as const) {
      const rest = await http(actor, 'PATCH', `/items/consent_texts/${draftIds[0]}`, { status: 'published' });
      tried({
        attack: 'access-first',
        actor,
        channel: 'REST',
        what: 'PATCH a complete draft consent text to published',
        outcome: seen(rest),
      });
      expect(rest.status, actor).toBe(403);
      const batch = await http(actor, 'PATCH', '/items/consent_texts', {
        keys: draftIds,
        data: { status: 'published' },
      });
      tried({
        attack: 'access-first',
        actor,
        channel: 'REST',
        what: 'PATCH all drafts of a version to published',
        outcome: seen(batch),
      });
      expect(batch.status, actor).toBe(403);
      const created = await http(actor, 'POST', '/items/consent_texts', {
        version,
        language: 'nl',
        status: 'published',
        title: 'x',
        body: 'y',
      });
      tried({
        attack: 'access-first',
        actor,
        channel: 'REST',
        what: 'POST a published text of the draft version',
        outcome: seen(created),
      });
      expect(created.status, actor).toBe(403);
      const graph = await gql(
        actor,
        'mutation($id: ID!) { update_consent_texts_item(id: $id, data: { status: "published" }) { id } }',
        { id: draftIds[0] },
      );
      tried({
        attack: 'access-first',
        actor,
        channel: 'GraphQL',
        what: 'update_consent_texts_item to published',
        outcome: seen(graph),
      });
      expect(graph.data?.['update_consent_texts_item'] ?? null, actor).toBeNull();
      expect(await statuses(), `${actor}: nothing published or archived`).toBe(start);
    }
  });

  it('still publishes the whole version for an administrator, and archives the live one', async () => {
    const live = (
      await http('admin', 'GET', '/items/consent_texts?filter[status][_eq]=published&fields=id,version&limit=-1')
    ).body as { data: Array<{ id: string; version: string }> };
    expect(live.data.length).toBeGreaterThan(0);
    const published = await http('admin', 'PATCH', `/items/consent_texts/${draftIds[0]}`, { status: 'published' });
    expect(published.status, published.text).toBe(200);
    // the rest of the version follows after the commit (an outbox entry worked off right after it)
    type Text = { id: string; version: string; status: string; published_at: string | null };
    const read = async () =>
      (
        (await http('admin', 'GET', '/items/consent_texts?fields=id,version,status,published_at&limit=-1')).body as {
          data: Text[];
        }
      ).data;
    await expect
      .poll(async () => (await read()).filter((t) => t.version === version).every((t) => t.status === 'published'), {
        timeout: patient(30_000),
      })
      .toBe(true);
    const now = { data: await read() };
    for (const text of now.data.filter((t) => t.version === version)) {
      expect(text.status).toBe('published');
      expect(text.published_at).not.toBeNull();
    }
    for (const old of live.data) expect(now.data.find((t) => t.id === old.id)?.status).toBe('archived');
  });
});
