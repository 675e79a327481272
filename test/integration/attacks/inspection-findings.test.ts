/**
 * Attacks on inspection findings (issue 12), as every role and anonymous, through REST and GraphQL: the platform's
 * fields of a finding (who answered and when, the re-inspection that closed it) and the inspection it belongs to are
 * nobody's to set, nested in an inspection neither; a finding cannot be hung on another municipality's inspection (the
 * same answer as a missing one); a provider cannot answer another provider's finding, nor close its own; bad input is a
 * clear refusal in the caller's language and writes nothing, never a 500.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGANISATION_IDS as ORG } from '../../../scripts/demo-data.js';
import { CHECKLIST_ITEMS } from '../../../extensions/labour-platform/src/domain/vocabulary';
import { demoData } from '../../support/as-user.js';
import { ACTORS, gql, http, printAttackTable, tokenOf, tried, type Actor, type HttpAnswer } from './support.js';
import { directusUrl } from '../../support/as-user.js';

printAttackTable('inspection findings');

type Row = Record<string, unknown>;
const TODAY = new Date().toISOString().slice(0, 10);
const NON_ADMINS: readonly Actor[] = ACTORS.filter((actor) => actor !== 'admin');
let inspectionA = ''; // gemeente A, provider A's location
let inspectionB = ''; // gemeente B
let findingA = ''; // open, provider A's
let findingB = ''; // open, provider B's

async function admin(method: string, path: string, body?: unknown): Promise<Row> {
  const answer = await http('admin', method, path, body);
  if (answer.status >= 300) throw new Error(`${method} ${path} as admin: ${answer.status} ${answer.text}`);
  return ((answer.body as { data?: Row } | null)?.data ?? {}) as Row;
}

const seen = (answer: HttpAnswer): string => {
  const errors = (answer.body as { errors?: Array<{ message?: string; extensions?: { code?: string } }> } | null)
    ?.errors;
  return `${answer.status} ${answer.code ?? '-'} ${errors?.[0]?.message ?? ''}`.trim();
};

const checklist = (notMet: readonly string[]) => CHECKLIST_ITEMS.map((item) => ({ item, met: !notMet.includes(item) }));

async function state(id: string): Promise<Row> {
  return admin(
    'GET',
    `/items/inspection_findings/${id}?fields=inspection,item,met,note,answer,answered_at,answered_by,closed_by,closed_on`,
  );
}

beforeAll(async () => {
  const locations = demoData().locations;
  const a = locations.find((l) => l.provider === ORG.providerA && l.municipality === ORG.gemeenteA)!;
  const b = locations.find((l) => l.provider === ORG.providerB && l.municipality === ORG.gemeenteB)!;
  inspectionA = String(
    (await admin('POST', '/items/inspections', { location: a.id, inspected_on: TODAY, outcome: 'deficiencies' }))['id'],
  );
  inspectionB = String(
    (await admin('POST', '/items/inspections', { location: b.id, inspected_on: TODAY, outcome: 'deficiencies' }))['id'],
  );
  findingA = String(
    (await admin('POST', '/items/inspection_findings', { inspection: inspectionA, item: 'toilets', met: false }))['id'],
  );
  findingB = String(
    (await admin('POST', '/items/inspection_findings', { inspection: inspectionB, item: 'toilets', met: false }))['id'],
  );
});

describe('a finding’s platform fields and its inspection are nobody’s to set', () => {
  const PLATFORM_PAYLOADS: Row[] = [
    { closed_by: '__inspection__' },
    { closed_on: TODAY },
    { answered_by: randomUUID() },
    { answered_at: `${TODAY}T10:00:00Z` },
    { inspection: '__inspection__' },
    { item: 'showers' },
    { met: true },
  ];

  it('REST and GraphQL update, as every non-administrator', async () => {
    for (const target of [findingA, findingB]) {
      const before = await state(target);
      for (const actor of NON_ADMINS) {
        for (const template of PLATFORM_PAYLOADS) {
          const payload = JSON.parse(JSON.stringify(template).replace('__inspection__', inspectionA)) as Row;
          const rest = await http(actor, 'PATCH', `/items/inspection_findings/${target}`, payload);
          tried({
            attack: 'tenancy-fields',
            actor,
            channel: 'REST',
            what: `PATCH finding ${JSON.stringify(payload)}`,
            outcome: seen(rest),
          });
          expect(rest.status, `${actor} ${JSON.stringify(payload)}: ${rest.text}`).toBeGreaterThanOrEqual(400);
          expect(rest.status, actor).toBeLessThan(500);
          const graph = await gql(
            actor,
            `mutation($id: ID!, $data: update_inspection_findings_input!) { update_inspection_findings_item(id: $id, data: $data) { id } }`,
            { id: target, data: payload },
          );
          tried({
            attack: 'tenancy-fields',
            actor,
            channel: 'GraphQL',
            what: `update_inspection_findings_item ${JSON.stringify(payload)}`,
            outcome: seen(graph),
          });
          expect(graph.data?.['update_inspection_findings_item'] ?? null, actor).toBeNull();
        }
      }
      expect(await state(target)).toEqual(before);
    }
  });

  it('on create, nested in an inspection too', async () => {
    for (const actor of NON_ADMINS) {
      const direct = await http(actor, 'POST', '/items/inspection_findings', {
        inspection: inspectionA,
        item: 'records_match',
        met: false,
        closed_by: inspectionA,
        answered_by: randomUUID(),
      });
      tried({
        attack: 'tenancy-fields',
        actor,
        channel: 'REST',
        what: 'POST finding with closed_by',
        outcome: seen(direct),
      });
      expect(direct.status, actor).toBeGreaterThanOrEqual(400);
      expect(direct.status, actor).toBeLessThan(500);
      const nested = await http(actor, 'POST', '/items/inspections', {
        location: demoData().locations.find((l) => l.municipality === ORG.gemeenteA)!.id,
        inspected_on: TODAY,
        outcome: 'deficiencies',
        findings: checklist(['showers']).map((row) => ({ ...row, closed_by: inspectionB, answer: 'al gedaan' })),
      });
      tried({
        attack: 'tenancy-fields',
        actor,
        channel: 'REST',
        what: 'POST inspection with findings carrying closed_by/answer',
        outcome: seen(nested),
      });
      expect(nested.status, `${actor}: ${nested.text}`).toBeGreaterThanOrEqual(400);
      expect(nested.status, actor).toBeLessThan(500);
    }
    expect(
      (await admin('GET', `/items/inspection_findings?filter[closed_by][_eq]=${inspectionB}&fields=id`)) as unknown,
    ).toEqual([]);
  });
});

describe('a finding hangs only on an inspection the caller can read', () => {
  it('another municipality’s inspection answers like a missing one (REST and GraphQL)', async () => {
    const answers = new Set<string>();
    for (const inspection of [inspectionB, randomUUID()]) {
      const answer = await http('inspectorA', 'POST', '/items/inspection_findings', {
        inspection,
        item: 'records_match',
        met: true,
      });
      tried({
        attack: 'access-first',
        actor: 'inspectorA',
        channel: 'REST',
        what: `POST finding on ${inspection === inspectionB ? "gemeente B's" : 'a missing'} inspection`,
        outcome: seen(answer),
      });
      expect(answer.status).toBe(403);
      answers.add(seen(answer));
      const graph = await gql(
        'inspectorA',
        `mutation($data: create_inspection_findings_input!) { create_inspection_findings_item(data: $data) { id } }`,
        { data: { inspection, item: 'records_match', met: true } },
      );
      expect(graph.data?.['create_inspection_findings_item'] ?? null).toBeNull();
    }
    expect([...answers]).toHaveLength(1);
    const onB = (await admin(
      'GET',
      `/items/inspection_findings?filter[inspection][_eq]=${inspectionB}&fields=id`,
    )) as unknown as Row[];
    expect(onB).toHaveLength(1);
  });

  it('a provider answers only its own findings: another provider’s answers like a missing one', async () => {
    const hidden = seen(await http('providerA', 'PATCH', `/items/inspection_findings/${findingB}`, { answer: 'x' }));
    const missing = seen(
      await http('providerA', 'PATCH', `/items/inspection_findings/${randomUUID()}`, { answer: 'x' }),
    );
    tried({
      attack: 'access-first',
      actor: 'providerA',
      channel: 'REST',
      what: 'answer B’s finding vs missing',
      outcome: `${hidden} | ${missing}`,
    });
    expect(hidden).toBe(missing);
    expect(hidden.startsWith('403')).toBe(true);
    expect((await state(findingB))['answer']).toBeNull();
  });
});

describe('bad input is a clear refusal, never a 500, and writes nothing', () => {
  const bad: Array<[string, Row]> = [
    ['unknown item', { inspection: '__A__', item: 'fire_escape', met: false }],
    ['met is no boolean', { inspection: '__A__', item: 'records_match', met: 'misschien' }],
    ['NUL in a note', { inspection: '__A__', item: 'records_match', met: false, note: 'a\u0000b' }],
    ['no item', { inspection: '__A__', met: false }],
    ['inspection is no id', { inspection: { location: 'x' }, item: 'records_match', met: false }],
  ];

  it('REST, as the inspector, in Dutch', async () => {
    for (const [what, template] of bad) {
      const payload = JSON.parse(JSON.stringify(template).replace('"__A__"', JSON.stringify(inspectionA))) as Row;
      const answer = await http('inspectorA', 'POST', '/items/inspection_findings', payload);
      tried({ attack: 'malformed-input', actor: 'inspectorA', channel: 'REST', what, outcome: seen(answer) });
      expect(answer.status, `${what}: ${answer.text}`).toBeGreaterThanOrEqual(400);
      expect(answer.status, what).toBeLessThan(500);
    }
    const stored = (await admin(
      'GET',
      `/items/inspection_findings?filter[inspection][_eq]=${inspectionA}&fields=item`,
    )) as unknown as Row[];
    expect(stored.map((row) => row['item'])).toEqual(['toilets']);
  });

  it('a provider’s answer: empty, NUL or no text', async () => {
    // (a number is text like any other text field's: the platform's validation makes 42 "42")
    for (const answer of ['', '   ', 'a\u0000b', null, { text: 'x' }, ['x']]) {
      const result = await http('providerA', 'PATCH', `/items/inspection_findings/${findingA}`, { answer });
      tried({
        attack: 'malformed-input',
        actor: 'providerA',
        channel: 'REST',
        what: `answer ${JSON.stringify(answer)}`,
        outcome: seen(result),
      });
      expect(result.status, `${JSON.stringify(answer)}: ${result.text}`).toBe(400);
    }
    expect((await state(findingA))['answer']).toBeNull();
  });
});

describe('a finding’s photos answer only those who read the finding', () => {
  const PNG = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAABAAAAAMCAIAAADkharWAAAAFUlEQVR4nGNwa9pCEmIY1TCqATsCABD1HRALTcgLAAAAAElFTkSuQmCC',
    'base64',
  );
  async function upload(actor: Actor, finding: string, bytes: Buffer, type = 'multipart') {
    const token = await tokenOf(actor);
    const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
    if (type !== 'multipart') {
      const response = await fetch(`${directusUrl()}/supervision/findings/${finding}/photos`, {
        method: 'POST',
        body: new Uint8Array(bytes),
        headers: { ...headers, 'Content-Type': type },
      });
      return `${response.status} ${(await response.text()).slice(0, 80)}`;
    }
    const body = new FormData();
    body.append('file', new Blob([new Uint8Array(bytes)]), 'foto.png');
    const response = await fetch(`${directusUrl()}/supervision/findings/${finding}/photos`, {
      method: 'POST',
      body,
      headers,
    });
    const text = await response.text();
    const code = /"code":"([A-Z_]+)"/.exec(text)?.[1] ?? '-';
    return `${response.status} ${code}`;
  }

  it('an upload to a hidden finding answers like one to a missing finding, for every role; bad bodies are refused', async () => {
    for (const actor of ACTORS.filter((a) => a !== 'admin')) {
      const hidden = await upload(actor, actor === 'providerB' || actor === 'clerkB' ? findingA : findingB, PNG);
      const missing = await upload(actor, randomUUID(), PNG);
      tried({
        attack: 'access-first',
        actor,
        channel: 'REST',
        what: 'photo upload hidden vs missing finding',
        outcome: `${hidden} | ${missing}`,
      });
      expect(hidden, actor).toBe(missing);
      expect(hidden.startsWith(actor === 'public' ? '401' : '404'), `${actor}: ${hidden}`).toBe(true);
    }
    for (const [what, type, bytes] of [
      ['not multipart', 'application/json', Buffer.from('{"file":"x"}')],
      ['an image as the whole body', 'image/png', PNG],
    ] as const) {
      const answer = await upload('inspectorA', findingA, bytes, type);
      tried({
        attack: 'malformed-input',
        actor: 'inspectorA',
        channel: 'REST',
        what: `photo: ${what}`,
        outcome: answer,
      });
      expect(Number(answer.slice(0, 3)), `${what}: ${answer}`).toBeGreaterThanOrEqual(400);
      expect(Number(answer.slice(0, 3)), what).toBeLessThan(500);
    }
    expect((await http('admin', 'GET', `/supervision/findings/${findingA}/photos`)).body).toEqual({ data: [] });
  });
});
