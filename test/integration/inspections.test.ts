/**
 * Housing inspections from the outside (issue 12), across inspector and provider, through REST and GraphQL: a
 * location of the test's own comes up in the inspector's plan; the inspector records an inspection against the
 * checklist (an incomplete checklist or an item twice is refused and nothing is written; the remedy deadline follows
 * from the outcome); the provider reads the findings on its own location and answers one (who and when stamped; only
 * `answer` is the provider's, only on an open finding); a re-inspection closes the findings it finds met and leaves
 * the others open. Each role sees what it should: a provider never another provider's findings, an inspector never a
 * person, the policy officer, the municipality administrator and anonymous no finding at all.
 */
import { createItem } from '@directus/sdk';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGANISATION_IDS as ORG } from '../../scripts/demo-data.js';
import { addDays, todayInNetherlands } from '../../extensions/labour-platform/src/domain/dates';
import { CHECKLIST_ITEMS } from '../../extensions/labour-platform/src/domain/vocabulary';
import { ACTORS, as } from '../support/as-user.js';
import { closeTestDatabase, testDatabase } from '../support/database.js';
import { gql, http, tokenOf, type Actor } from './attacks/support.js';
import { directusUrl } from '../support/as-user.js';
import { patient } from '../support/patience.js';

type Row = Record<string, unknown>;
const today = todayInNetherlands();
const firstVisit = addDays(today, -30);
let location = ''; // provider A's, in gemeente A
let otherLocation = ''; // provider C's, in gemeente A
let firstInspection = '';
let reinspection = '';
let otherInspection = '';

const checklist = (notMet: readonly string[], notes: Record<string, string> = {}) =>
  CHECKLIST_ITEMS.map((item) => ({ item, met: !notMet.includes(item), ...(notes[item] ? { note: notes[item] } : {}) }));

async function findingsOf(inspection: string): Promise<Row[]> {
  return (await testDatabase()('inspection_findings')
    .where('inspection', inspection)
    .select('id', 'item', 'met', 'note', 'answer', 'answered_by', 'answered_at', 'closed_by', 'closed_on')) as Row[];
}
const findingOf = async (inspection: string, item: string) =>
  (await findingsOf(inspection)).find((row) => row['item'] === item)!;
const truthy = (value: unknown) => value === true || value === 1;

/** A 1×1 PNG, and a photo upload as `actor` (multipart, field `file`). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
async function upload(actor: Actor, finding: string, bytes: Buffer = PNG, name = 'douche.png') {
  const token = await tokenOf(actor);
  const body = new FormData();
  body.append('file', new Blob([new Uint8Array(bytes)]), name);
  const response = await fetch(`${directusUrl()}/supervision/findings/${finding}/photos`, {
    method: 'POST',
    body,
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  const text = await response.text();
  return {
    status: response.status,
    text,
    body: (text.startsWith('{') ? JSON.parse(text) : null) as { data?: Row } | null,
  };
}

async function newLocation(provider: string, name: string, bagPrefix: string): Promise<string> {
  const admin = await as('admin');
  const created = (await admin.request(
    createItem('locations', {
      name: `${name} ${randomUUID().slice(0, 6)}`,
      street: 'Inspectieweg',
      house_number: String(Math.floor(Math.random() * 90) + 10),
      postcode: '1761 AE',
      city: 'Anna Paulowna',
      capacity: 4,
      bag_id: `${bagPrefix}${String(Math.floor(Math.random() * 900) + 100)}`,
      provider,
      housing_type: 'dwelling',
      living_area_m2: 48,
      toilets: 1,
      showers: 1,
    }),
  )) as Row;
  const id = String(created['id']);
  await admin.request(createItem('bedrooms', { location: id, area_m2: 14, beds: 4 }));
  return id;
}

beforeAll(async () => {
  location = await newLocation(ORG.providerA, 'Inspectie A', '1911010000997');
  otherLocation = await newLocation(ORG.providerC, 'Inspectie C', '1911010000998');
}, patient(120_000));

afterAll(() => closeTestDatabase());

describe('an inspection from plan to re-inspection', () => {
  it('the plan lists the location, never inspected, with its checklist from the norm', async () => {
    const answer = await http('inspectorA', 'GET', '/supervision/inspections/due');
    expect(answer.status, answer.text).toBe(200);
    const own = (answer.body as { data: Row[] }).data.find((row) => row['location'] === location);
    expect(own?.['reasons']).toContain('never_inspected');
    // the location's own address, the postcode as written on an envelope (no person in the plan)
    expect(own?.['address']).toMatch(/^Inspectieweg \d+, 1761 AE$/);
    expect(own?.['city']).toBe('Anna Paulowna');
    const lines = own!['checklist'] as Row[];
    expect(lines.map((line) => line['item'])).toEqual([...CHECKLIST_ITEMS]);
    expect(lines.find((line) => line['item'] === 'occupancy_within_norm')?.['allows']).toBe(4);
  });

  it('refuses an incomplete checklist or an item twice, in the inspector’s language, and writes nothing', async () => {
    const before = await testDatabase()('inspections').where('location', location).count({ n: '*' });
    const incomplete = await http('inspectorA', 'POST', '/items/inspections', {
      location,
      inspected_on: firstVisit,
      outcome: 'deficiencies',
      findings: checklist(['showers']).slice(1),
    });
    expect(incomplete.status, incomplete.text).toBe(400);
    expect(incomplete.text).toContain('controlepunt');
    const twice = await http('inspectorA', 'POST', '/items/inspections', {
      location,
      inspected_on: firstVisit,
      outcome: 'deficiencies',
      findings: [...checklist(['showers']), { item: 'showers', met: true }],
    });
    expect(twice.status, twice.text).toBe(400);
    const unknown = await http('inspectorA', 'POST', '/items/inspections', {
      location,
      inspected_on: firstVisit,
      outcome: 'deficiencies',
      findings: [...checklist([]).slice(1), { item: 'fire_escape', met: false }],
    });
    expect(unknown.status, unknown.text).toBe(400);
    const late = await http('inspectorA', 'POST', '/items/inspections', {
      location,
      inspected_on: firstVisit,
      outcome: 'deficiencies',
      remedy_deadline: addDays(firstVisit, -1),
      findings: checklist(['showers']),
    });
    expect(late.status, late.text).toBe(400);
    expect(late.text).toMatch(/Herstellen uiterlijk/);
    const after = await testDatabase()('inspections').where('location', location).count({ n: '*' });
    expect(Number(after[0]?.n)).toBe(Number(before[0]?.n));
    expect(
      Number(
        (
          await testDatabase()('inspection_findings as f')
            .join('inspections as i', 'i.id', 'f.inspection')
            .where('i.location', location)
            .count({ n: '*' })
        )[0]?.n,
      ),
    ).toBe(0);
  });

  it('the inspector records the checklist (REST); the remedy deadline follows from the outcome', async () => {
    const answer = await http('inspectorA', 'POST', '/items/inspections?fields=id,remedy_deadline,inspector', {
      location,
      inspected_on: firstVisit,
      beds_counted: 4,
      outcome: 'deficiencies',
      notes: 'Eerste bezoek',
      findings: checklist(['showers', 'wardrobe_per_resident'], {
        showers: 'Eén douche voor acht bedden, tweede douche defect',
        wardrobe_per_resident: 'Twee kasten voor vier bewoners',
      }),
    });
    expect(answer.status, answer.text).toBe(200);
    const data = (answer.body as { data: Row }).data;
    firstInspection = String(data['id']);
    expect(data['remedy_deadline']).toBe(addDays(firstVisit, 28));
    expect(data['inspector']).toBeTruthy();
    const rows = await findingsOf(firstInspection);
    expect(rows).toHaveLength(CHECKLIST_ITEMS.length);
    expect(rows.filter((row) => !truthy(row['met'])).map((row) => row['item'])).toEqual(
      expect.arrayContaining(['showers', 'wardrobe_per_resident']),
    );
    expect(rows.filter((row) => !truthy(row['met']))).toHaveLength(2);
    // a finding added to a recorded inspection for an item it already has is refused
    const again = await http('inspectorA', 'POST', '/items/inspection_findings', {
      inspection: firstInspection,
      item: 'showers',
      met: true,
    });
    expect(again.status, again.text).toBe(400);
  });

  it('the provider reads the findings on its own location and answers one; who and when are stamped', async () => {
    const list = await http(
      'providerA',
      'GET',
      `/items/inspection_findings?filter[inspection][location][_eq]=${location}&fields=id,item,met,note,answer&limit=-1`,
    );
    expect(list.status, list.text).toBe(200);
    expect((list.body as { data: Row[] }).data).toHaveLength(CHECKLIST_ITEMS.length);
    const showers = await findingOf(firstInspection, 'showers');
    const answer = await http('providerA', 'PATCH', `/items/inspection_findings/${String(showers['id'])}`, {
      answer: '  Tweede douche gerepareerd op maandag  ',
    });
    expect(answer.status, answer.text).toBe(200);
    const me = (await http('providerA', 'GET', '/users/me?fields=id')).body as { data: { id: string } };
    await expect
      .poll(async () => (await findingOf(firstInspection, 'showers'))['answered_by'], { timeout: patient(20_000) })
      .toBe(me.data.id);
    expect((await findingOf(firstInspection, 'showers'))['answer']).toBe('Tweede douche gerepareerd op maandag');

    // only the answer is the provider's; an empty answer is refused in its language; a met finding takes none
    const empty = await http('providerA', 'PATCH', `/items/inspection_findings/${String(showers['id'])}`, {
      answer: '   ',
    });
    expect(empty.status, empty.text).toBe(400);
    expect(empty.text).toContain('bevinding');
    for (const payload of [{ met: true }, { note: 'x' }, { closed_by: firstInspection }, { answered_by: me.data.id }]) {
      const refused = await http('providerA', 'PATCH', `/items/inspection_findings/${String(showers['id'])}`, payload);
      expect(refused.status, JSON.stringify(payload)).toBe(403);
    }
    const met = await findingOf(firstInspection, 'toilets');
    expect(
      (await http('providerA', 'PATCH', `/items/inspection_findings/${String(met['id'])}`, { answer: 'x' })).status,
    ).toBe(403);
    // the inspector cannot answer for the provider
    expect(
      (await http('inspectorA', 'PATCH', `/items/inspection_findings/${String(showers['id'])}`, { answer: 'x' }))
        .status,
    ).toBe(403);
  });

  it('the inspector adds a photo to a finding; whoever reads the finding sees it, nobody else', async () => {
    const showers = String((await findingOf(firstInspection, 'showers'))['id']);
    const added = await upload('inspectorA', showers);
    expect(added.status, added.text).toBe(201);
    const photo = String(added.body?.data?.['id']);
    expect(added.body?.data?.['content_type']).toBe('image/png');
    // only the inspector adds photos, and only images
    expect((await upload('providerA', showers)).status).toBe(403);
    const text = await upload('inspectorA', showers, Buffer.from('not an image'), 'douche.png');
    expect(text.status, text.text).toBe(415);
    expect(text.text).toContain('JPEG of PNG');
    for (const [actor, status] of [
      ['admin', 200],
      ['inspectorA', 200],
      ['clerkA', 200],
      ['providerA', 200],
      ['providerB', 404],
      ['clerkB', 404],
      ['policyA', 404],
      ['municipalityAdminA', 404],
      ['public', 401],
    ] as const) {
      const list = await http(actor, 'GET', `/supervision/findings/${showers}/photos`);
      expect(list.status, `${actor} list`).toBe(status);
      const image = await fetch(`${directusUrl()}/supervision/findings/${showers}/photos/${photo}`, {
        headers: actor === 'public' ? {} : { Authorization: `Bearer ${await tokenOf(actor)}` },
      });
      expect(image.status, `${actor} image`).toBe(status);
      if (status === 200) {
        expect(image.headers.get('content-type')).toContain('image/png');
        expect(Buffer.from(await image.arrayBuffer()).equals(PNG)).toBe(true);
      }
    }
    // a missing finding or photo answers like a hidden one; the photos' collection is nobody's through the API
    expect((await http('providerB', 'GET', `/supervision/findings/${randomUUID()}/photos`)).status).toBe(404);
    expect((await http('providerA', 'GET', `/supervision/findings/${showers}/photos/${randomUUID()}`)).status).toBe(
      404,
    );
    for (const actor of ACTORS.filter((a) => a !== 'admin'))
      expect((await http(actor, 'GET', '/items/inspection_photos?limit=1')).status, actor).toBe(403);
  });

  it('a re-inspection (GraphQL) closes the findings it finds met and leaves the others open', async () => {
    const answer = await gql(
      'inspectorA',
      `mutation ($data: create_inspections_input!) { create_inspections_item(data: $data) { id remedy_deadline } }`,
      {
        data: {
          location,
          inspected_on: today,
          beds_counted: 4,
          outcome: 'deficiencies',
          findings: checklist(['wardrobe_per_resident']),
        },
      },
    );
    expect(answer.status, answer.text).toBe(200);
    expect(answer.text).not.toMatch(/"errors"/);
    reinspection = String((answer.data?.['create_inspections_item'] as Row)['id']);
    const showers = await findingOf(firstInspection, 'showers');
    expect(showers['closed_by']).toBe(reinspection);
    const closedOn = await http('admin', 'GET', `/items/inspection_findings/${String(showers['id'])}?fields=closed_on`);
    expect((closedOn.body as { data: Row }).data['closed_on']).toBe(today);
    const wardrobe = await findingOf(firstInspection, 'wardrobe_per_resident');
    expect(wardrobe['closed_by']).toBeNull();
    // the re-inspection's own open finding stays open too
    expect((await findingOf(reinspection, 'wardrobe_per_resident'))['closed_by']).toBeNull();
    // a closed finding takes no answer (the provider's rule: open findings only); the open one still does
    expect(
      (await http('providerA', 'PATCH', `/items/inspection_findings/${String(showers['id'])}`, { answer: 'later' }))
        .status,
    ).toBe(403);
    // a closed finding takes no more photos
    const late = await upload('inspectorA', String(showers['id']));
    expect(late.status, late.text).toBe(409);
    const open = await http('providerA', 'PATCH', `/items/inspection_findings/${String(wardrobe['id'])}`, {
      answer: 'Kasten besteld',
    });
    expect(open.status, open.text).toBe(200);
  });

  it('the location shows its inspection history, newest first', async () => {
    const answer = await http(
      'providerA',
      'GET',
      `/items/inspections?filter[location][_eq]=${location}&sort=-inspected_on&fields=id,inspected_on,outcome,remedy_deadline,findings.item,findings.met,findings.closed_by`,
    );
    expect(answer.status, answer.text).toBe(200);
    const rows = (answer.body as { data: Row[] }).data;
    expect(rows.map((row) => row['id'])).toEqual([reinspection, firstInspection]);
    expect((rows[1]!['findings'] as Row[]).length).toBe(CHECKLIST_ITEMS.length);
  });
});

describe('who sees which findings', () => {
  beforeAll(async () => {
    const answer = await http('inspectorA', 'POST', '/items/inspections?fields=id', {
      location: otherLocation,
      inspected_on: today,
      outcome: 'deficiencies',
      findings: checklist(['toilets'], { toilets: 'Toilet buiten gebruik' }),
    });
    expect(answer.status, answer.text).toBe(200);
    otherInspection = String((answer.body as { data: Row }).data['id']);
  });

  const ours = () => [firstInspection, reinspection, otherInspection];

  it('REST: each role its own, a provider never another provider’s', async () => {
    const expected: Record<string, number | 'forbidden'> = {
      admin: 3 * CHECKLIST_ITEMS.length,
      clerkA: 3 * CHECKLIST_ITEMS.length,
      inspectorA: 3 * CHECKLIST_ITEMS.length,
      providerA: 2 * CHECKLIST_ITEMS.length,
      clerkB: 0,
      providerB: 0,
      policyA: 'forbidden',
      municipalityAdminA: 'forbidden',
      public: 'forbidden',
    };
    for (const actor of ACTORS) {
      const answer = await http(
        actor,
        'GET',
        `/items/inspection_findings?filter[inspection][_in]=${ours().join(',')}&fields=id,inspection&limit=-1`,
      );
      if (expected[actor] === 'forbidden') {
        expect(answer.status, actor).toBe(403);
        continue;
      }
      expect(answer.status, `${actor}: ${answer.text}`).toBe(200);
      expect((answer.body as { data: Row[] }).data.length, actor).toBe(expected[actor]);
    }
    // provider A asks for provider C's finding by id: the same answer as for a finding that does not exist
    const foreign = await findingOf(otherInspection, 'toilets');
    const hidden = await http('providerA', 'GET', `/items/inspection_findings/${String(foreign['id'])}`);
    const missing = await http('providerA', 'GET', `/items/inspection_findings/${randomUUID()}`);
    expect(hidden.status).toBe(403);
    expect([missing.status, missing.code]).toEqual([hidden.status, hidden.code]);
    const answered = await http('providerA', 'PATCH', `/items/inspection_findings/${String(foreign['id'])}`, {
      answer: 'niet van ons',
    });
    expect(answered.status).toBe(403);
    expect((await findingOf(otherInspection, 'toilets'))['answer']).toBeNull();
    // nor another provider's inspection
    expect((await http('providerA', 'GET', `/items/inspections/${otherInspection}`)).status).toBe(403);
  });

  it('GraphQL: the same rows', async () => {
    const count = async (actor: (typeof ACTORS)[number]) => {
      const answer = await gql(
        actor,
        `query { inspection_findings(filter: { inspection: { id: { _in: ${JSON.stringify(ours())} } } }, limit: -1) { id answer } }`,
      );
      return ((answer.data?.['inspection_findings'] as Row[] | undefined) ?? []).length;
    };
    expect(await count('inspectorA')).toBe(3 * CHECKLIST_ITEMS.length);
    expect(await count('clerkA')).toBe(3 * CHECKLIST_ITEMS.length);
    expect(await count('providerA')).toBe(2 * CHECKLIST_ITEMS.length);
    for (const actor of ['clerkB', 'providerB', 'policyA', 'municipalityAdminA', 'public'] as const)
      expect(await count(actor), actor).toBe(0);
    // the provider answers through GraphQL too, and only `answer`
    const finding = await findingOf(reinspection, 'wardrobe_per_resident');
    const update = await gql(
      'providerA',
      `mutation ($id: ID!) { update_inspection_findings_item(id: $id, data: { answer: "Vier kasten geplaatst" }) { id answer } }`,
      { id: String(finding['id']) },
    );
    expect(update.text).not.toMatch(/"errors"/);
    const forbidden = await gql(
      'providerA',
      `mutation ($id: ID!) { update_inspection_findings_item(id: $id, data: { met: true }) { id } }`,
      { id: String(finding['id']) },
    );
    // not in the provider's input type at all (GraphQL's validation refuses it before Directus's permissions do)
    expect(forbidden.data?.['update_inspection_findings_item'] ?? null).toBeNull();
    expect(forbidden.text).toMatch(/FORBIDDEN|GRAPHQL_VALIDATION/);
  });

  it('an inspector never receives a person: not through findings, inspections or locations, REST or GraphQL', async () => {
    for (const path of ['/items/migrants', '/items/stays', '/items/consents', '/items/status_history']) {
      const answer = await http('inspectorA', 'GET', `${path}?limit=1`);
      expect(answer.status, path).toBe(403);
    }
    const deep = await http(
      'inspectorA',
      'GET',
      `/items/inspection_findings?filter[inspection][location][_eq]=${location}&fields=*.*.*.*&limit=-1`,
    );
    expect(deep.status, deep.text).toBe(200);
    const place = await http('inspectorA', 'GET', `/items/locations/${location}?fields=*.*.*`);
    expect(place.status, place.text).toBe(200);
    for (const answer of [deep, place])
      expect(answer.text).not.toMatch(/first_names|surname|date_of_birth|bsn|case_number|"migrant"/);
    const graph = await gql('inspectorA', `query { migrants(limit: 1) { id } stays(limit: 1) { id } }`);
    expect(graph.data?.['migrants'] ?? null).toBeNull();
    expect(graph.text).toMatch(/GRAPHQL_VALIDATION|FORBIDDEN/);
  });

  it('a clerk reads but does not write findings; nobody but the platform closes one', async () => {
    const finding = await findingOf(otherInspection, 'toilets');
    expect(
      (await http('clerkA', 'PATCH', `/items/inspection_findings/${String(finding['id'])}`, { answer: 'x' })).status,
    ).toBe(403);
    expect(
      (
        await http('clerkA', 'POST', '/items/inspection_findings', {
          inspection: otherInspection,
          item: 'records_match',
          met: true,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await http('inspectorA', 'PATCH', `/items/inspection_findings/${String(finding['id'])}`, {
          closed_by: reinspection,
        })
      ).status,
    ).toBe(403);
    expect((await http('inspectorA', 'DELETE', `/items/inspection_findings/${String(finding['id'])}`)).status).toBe(
      403,
    );
  });
});
