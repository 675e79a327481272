/**
 * Attack class 6: bad input is a clean refusal, never a 500.
 *
 * A seeded fuzzer (deterministic: same seed, same requests) sends at least 2,000 malformed writes per collection
 * through REST (POST, PATCH, batch forms) and a smaller share through GraphQL, as the roles that may write the
 * collection, as roles that may not, and as anonymous: wrong types, huge numbers, NaN-like strings, lone
 * surrogates, NUL characters, overlong strings, impossible dates, nested garbage and unknown fields. Every write
 * carries at least one value that no rule accepts, so nothing is stored. No answer may be a 5xx.
 *
 * Then the specific holes: a lone surrogate in a personal field, `slot_minutes: 1e308`, JSON nested thousands of
 * levels deep, deleting a migrant with tasks or a location with stays, and /utils/export stalling every request.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { pickUiLanguage } from '../../../extensions/labour-platform/src/domain/ui-language';
import { ACTORS, gql, http, printAttackTable, tried, unlessShed, type Actor, type HttpAnswer } from './support.js';
import { patient } from '../../support/patience.js';

printAttackTable('malformed input');

const SEED = 0x5eed_0006;
const WRITES_PER_COLLECTION = 2_000;
const GRAPHQL_PER_COLLECTION = 200;
const CONCURRENCY = 8;

/** mulberry32: a small seeded generator, so a failing request can be replayed. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** A number JSON.stringify cannot write (1e999 parses as Infinity): spliced into the body text as is. */
const RAW = (literal: string): string => `@@RAW:${literal}@@`;
function serialise(body: unknown): string {
  return JSON.stringify(body).replace(/"@@RAW:([^@]+)@@"/g, '$1');
}

function deepObject(levels: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

/** Values that are wrong somewhere: any of them may land in any field. */
const GARBAGE: readonly unknown[] = [
  // wrong types
  0,
  -1,
  1.5,
  true,
  false,
  [],
  {},
  [1, 2, 3],
  { id: 'x' },
  { _eq: 1 },
  [{ a: [] }],
  null,
  // huge and odd numbers
  1e308,
  -1e308,
  2 ** 53 + 2,
  1e21,
  5e-324,
  RAW('1e999'),
  RAW('-1e999'),
  RAW('-0'),
  // NaN-like and empty strings
  'NaN',
  'Infinity',
  '-Infinity',
  '1e308',
  '0x10',
  '١٢٣',
  '',
  ' ',
  'null',
  'undefined',
  'true',
  // lone surrogates and NUL characters
  '\uD800',
  'a\uDFFFb',
  'Łukasz\uDBFF',
  '\u0000',
  'a\u0000b',
  '%00',
  // overlong
  'x'.repeat(256),
  'x'.repeat(100_000),
  '€'.repeat(5_000),
  '😀'.repeat(300),
  // impossible dates and times
  '2024-02-30',
  '2024-13-01',
  '0000-00-00',
  '99999-01-01',
  '2024-01-01T25:00',
  'yesterday',
  '2024-1-1',
  '-271821-04-20T00:00:00Z',
  '+275760-09-13T00:00:00.001Z',
  // injection-shaped text
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '${7*7}',
  '{{7*7}}',
  '../../etc/passwd',
  '\u202Egnp.exe',
  '$CURRENT_USER',
  // nested garbage
  deepObject(20),
  { migrant: { id: 'not-a-uuid' } },
  [[[[[]]]]],
  { create: [{ x: 1 }], update: [], delete: ['x'] },
];

/** One value per rule kind that no rule of that kind accepts (with or without the well-formed text rule). */
const ALWAYS_INVALID: Readonly<Record<string, readonly unknown[]>> = {
  string: ['x'.repeat(300), {}, [1]],
  text: [{}, [1], true],
  integer: ['abc', 1.5, RAW('1e999'), 'NaN'],
  float: ['abc', 1e308, 'NaN', RAW('-1e999')],
  date: ['2024-02-30', 'yesterday', 20240101],
  timestamp: ['yesterday', '2024-01-01T25:00', 1e308],
  enum: ['nonsense', 42, {}],
  reference: ['not-a-uuid', 42, [1]],
  boolean: ['maybe', 2, {}],
  postcode: ['0000 SA', 'ABCD 12', 1234],
  municipality: ['abc', '12345', 1e5, {}],
  malformed: ['\uD800', 'a\u0000b', 'x\uDFFF'],
};

interface Target {
  collection: string;
  /** field → rule kind (for ALWAYS_INVALID). */
  fields: Record<string, keyof typeof ALWAYS_INVALID>;
  /** Who may write it (more of the writes), who may not, and anonymous. */
  writers: Actor[];
}

const TARGETS: Target[] = [
  {
    collection: 'migrants',
    writers: ['providerA', 'providerB', 'admin'],
    fields: {
      first_names: 'string',
      surname: 'string',
      bsn: 'string',
      date_of_birth: 'date',
      gender: 'enum',
      nationality: 'enum',
      language: 'enum',
      email: 'enum',
      phone: 'enum',
      home_address: 'text',
      arrival_date: 'date',
      expected_departure_date: 'date',
      provider: 'reference',
      employer: 'reference',
      work_postcode: 'postcode',
    },
  },
  {
    collection: 'stays',
    writers: ['providerA', 'providerB', 'admin'],
    fields: { migrant: 'reference', location: 'reference', start_date: 'date', end_date: 'date' },
  },
  {
    collection: 'locations',
    writers: ['providerA', 'providerB', 'admin'],
    fields: {
      name: 'string',
      street: 'string',
      house_number: 'string',
      postcode: 'postcode',
      city: 'string',
      capacity: 'integer',
      latitude: 'float',
      longitude: 'float',
      active: 'boolean',
      municipality: 'reference',
      bag_id: 'enum',
    },
  },
  {
    collection: 'tasks',
    writers: ['clerkA', 'providerA', 'admin'],
    fields: {
      priority: 'enum',
      status: 'enum',
      type: 'enum',
      migrant: 'reference',
      due_date: 'date',
      closed_at: 'timestamp',
    },
  },
  {
    collection: 'appointments',
    writers: ['clerkA', 'clerkB', 'admin'],
    fields: {
      migrant: 'reference',
      desk: 'string',
      starts_at: 'timestamp',
      ends_at: 'timestamp',
      status: 'enum',
      group_reference: 'string',
      notes: 'text',
    },
  },
  {
    collection: 'inspections',
    writers: ['inspectorA', 'admin'],
    fields: { location: 'reference', inspected_on: 'date', beds_counted: 'integer', outcome: 'enum', notes: 'text' },
  },
  {
    collection: 'organisations',
    writers: ['admin'],
    fields: { name: 'string', type: 'enum', municipality_code: 'municipality', kvk_number: 'enum', email: 'enum' },
  },
  {
    collection: 'consents',
    writers: ['admin'],
    fields: {
      migrant: 'malformed',
      status: 'malformed',
      language: 'malformed',
      channel: 'malformed',
      text_version: 'malformed',
    },
  },
  {
    collection: 'consent_texts',
    writers: ['admin'],
    fields: { version: 'malformed', language: 'malformed', title: 'malformed', body: 'malformed', status: 'malformed' },
  },
];

/** Existing rows to PATCH (read as admin), plus a key that does not exist. */
const existing = new Map<string, string[]>();

beforeAll(async () => {
  for (const target of TARGETS) {
    const answer = await http('admin', 'GET', `/items/${target.collection}?fields=id&limit=3&sort=id`);
    const rows = ((answer.body as { data?: Array<{ id: string }> }).data ?? []).map((row) => row.id);
    existing.set(target.collection, [...rows, randomUUID()]);
  }
});

const UNKNOWN_FIELDS = ['nonexistent', 'constructor', 'date_created', 'status_version', 'data_key', 'bsn_index', 'id'];

/** A payload: at least one value no rule accepts, plus one to three garbage values and maybe an unknown field. */
function malformedPayload(random: Random, target: Target): Record<string, unknown> {
  const fields = Object.keys(target.fields);
  const payload: Record<string, unknown> = {};
  const anchor = pick(random, fields);
  payload[anchor] = pick(random, ALWAYS_INVALID[target.fields[anchor]!]!);
  const extra = 1 + Math.floor(random() * 3);
  for (let i = 0; i < extra; i++) {
    const field = pick(random, fields);
    if (field !== anchor) payload[field] = pick(random, GARBAGE);
  }
  if (random() < 0.25) payload[pick(random, UNKNOWN_FIELDS)] = pick(random, GARBAGE);
  return payload;
}

interface Write {
  actor: Actor;
  method: 'POST' | 'PATCH';
  path: string;
  body: string;
  shape: string;
}

function restWrite(random: Random, target: Target): Write {
  const others = ACTORS.filter((actor) => !target.writers.includes(actor));
  const actor = random() < 0.7 ? pick(random, target.writers) : pick(random, others);
  const base = `/items/${target.collection}`;
  const keys = existing.get(target.collection) ?? [randomUUID()];
  const shape = pick(random, [
    'create',
    'create',
    'create-batch',
    'update',
    'update',
    'update-keys',
    'update-batch',
  ] as const);
  switch (shape) {
    case 'create':
      return { actor, method: 'POST', path: base, body: serialise(malformedPayload(random, target)), shape };
    case 'create-batch':
      return {
        actor,
        method: 'POST',
        path: base,
        body: serialise([malformedPayload(random, target), malformedPayload(random, target)]),
        shape,
      };
    case 'update':
      return {
        actor,
        method: 'PATCH',
        path: `${base}/${pick(random, keys)}`,
        body: serialise(malformedPayload(random, target)),
        shape,
      };
    case 'update-keys':
      return {
        actor,
        method: 'PATCH',
        path: base,
        body: serialise({
          keys: [pick(random, keys), pick(random, [...keys, 'not-a-key', 12])],
          data: malformedPayload(random, target),
        }),
        shape,
      };
    case 'update-batch':
      return {
        actor,
        method: 'PATCH',
        path: base,
        body: serialise([{ id: pick(random, keys), ...malformedPayload(random, target) }]),
        shape,
      };
  }
}

async function inBatches<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!);
      }
    }),
  );
  return results;
}

function histogram(statuses: number[]): string {
  const counts = new Map<number, number>();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, count]) => `${status}×${count}`)
    .join(' ');
}

describe('a fuzz run of at least 2,000 malformed writes per collection gives no 500', () => {
  for (const [index, target] of TARGETS.entries()) {
    it(
      `${target.collection}: ${WRITES_PER_COLLECTION} REST and ${GRAPHQL_PER_COLLECTION} GraphQL writes, no 5xx`,
      async () => {
        const random = generator(SEED + index);
        const writes = Array.from({ length: WRITES_PER_COLLECTION }, () => restWrite(random, target));
        const answers = await inBatches(writes, async (write) => ({
          write,
          answer: await unlessShed(() => http(write.actor, write.method, write.path, write.body)),
        }));

        const singular = `create_${target.collection}_item`;
        const mutations = Array.from({ length: GRAPHQL_PER_COLLECTION }, () => {
          const others = ACTORS.filter((actor) => !target.writers.includes(actor));
          const actor = random() < 0.7 ? pick(random, target.writers) : pick(random, others);
          const update = random() < 0.5;
          const data = JSON.parse(
            serialise(malformedPayload(random, target)).replace(/\b-?1e999\b/g, '1e308'),
          ) as Record<string, unknown>;
          const key = pick(random, existing.get(target.collection) ?? [randomUUID()]);
          const query = update
            ? `mutation ($id: ID!, $data: update_${target.collection}_input!) { update_${target.collection}_item(id: $id, data: $data) { id } }`
            : `mutation ($data: create_${target.collection}_input!) { ${singular}(data: $data) { id } }`;
          return { actor, query, variables: update ? { id: key, data } : { data } };
        });
        const graphAnswers = await inBatches(mutations, async (mutation) => ({
          mutation,
          answer: await unlessShed(() => gql(mutation.actor, mutation.query, mutation.variables)),
        }));

        const byActor = new Map<string, { rest: number[]; graphql: number[] }>();
        for (const { write, answer } of answers) {
          const entry = byActor.get(write.actor) ?? { rest: [], graphql: [] };
          entry.rest.push(answer.status);
          byActor.set(write.actor, entry);
        }
        for (const { mutation, answer } of graphAnswers) {
          const entry = byActor.get(mutation.actor) ?? { rest: [], graphql: [] };
          entry.graphql.push(answer.status);
          byActor.set(mutation.actor, entry);
        }
        for (const [actor, entry] of byActor) {
          if (entry.rest.length > 0)
            tried({
              attack: 'malformed-input',
              actor,
              channel: 'REST',
              what: `${entry.rest.length} malformed writes to ${target.collection}`,
              outcome: histogram(entry.rest),
            });
          if (entry.graphql.length > 0)
            tried({
              attack: 'malformed-input',
              actor,
              channel: 'GraphQL',
              what: `${entry.graphql.length} malformed mutations of ${target.collection}`,
              outcome: histogram(entry.graphql),
            });
        }

        const serverErrors = [
          ...answers
            .filter(({ answer }) => answer.status >= 500)
            .map(
              ({ write, answer }) =>
                `${write.actor} ${write.method} ${write.path} (${write.shape}) ${write.body.slice(0, 160)} → ${answer.status} ${answer.text.slice(0, 160)}`,
            ),
          ...graphAnswers
            .filter(({ answer }) => answer.status >= 500 || answer.text.includes('INTERNAL_SERVER_ERROR'))
            .map(
              ({ mutation, answer }) =>
                `${mutation.actor} GraphQL ${JSON.stringify(mutation.variables).slice(0, 160)} → ${answer.status} ${answer.text.slice(0, 160)}`,
            ),
        ];
        expect(serverErrors.slice(0, 10), `${serverErrors.length} server errors`).toEqual([]);
        // nothing malformed was stored
        expect(
          answers
            .filter(({ answer }) => answer.status >= 200 && answer.status < 300)
            .map(({ write }) => `${write.actor} ${write.method} ${write.path} ${write.body.slice(0, 120)}`),
        ).toEqual([]);
      },
      patient(600_000),
    );
  }
});

const SURROGATE = 'Anna\uD800';

describe("a lone UTF-16 surrogate or a NUL character is a 400 that names the field, in the user's language", () => {
  const cases: Array<{
    actor: Actor;
    collection: string;
    field: string;
    label: RegExp;
    body: Record<string, unknown>;
  }> = [
    {
      actor: 'providerA',
      collection: 'migrants',
      field: 'first_names',
      label: /First names|Voornamen/,
      body: { first_names: SURROGATE, surname: 'Kowalska', date_of_birth: '1990-01-01', arrival_date: '2024-01-01' },
    },
    {
      actor: 'providerA',
      collection: 'migrants',
      field: 'surname',
      label: /Surname|Achternaam/,
      body: { first_names: 'Anna', surname: 'Ko\u0000walska', date_of_birth: '1990-01-01', arrival_date: '2024-01-01' },
    },
    {
      actor: 'providerA',
      collection: 'locations',
      field: 'city',
      label: /Town|Plaats/,
      body: {
        name: 'Huis',
        street: 'Dorpsstraat',
        house_number: '1',
        postcode: '1234 AB',
        city: 'Sch\uDFFFagen',
        capacity: 4,
      },
    },
    {
      actor: 'clerkA',
      collection: 'appointments',
      field: 'desk',
      label: /Desk|Balie/,
      body: { desk: '\uD83D', starts_at: '2030-01-01T09:00', ends_at: '2030-01-01T09:15' },
    },
    {
      actor: 'inspectorA',
      collection: 'inspections',
      field: 'notes',
      label: /Notes|Opmerkingen/,
      body: { inspected_on: '2024-01-01', outcome: 'in_order', notes: 'ok\uDC00' },
    },
    {
      actor: 'admin',
      collection: 'organisations',
      field: 'name',
      label: /Name|Naam/,
      body: { name: 'Gemeente\uD800', type: 'gemeente', municipality_code: '0363' },
    },
    {
      actor: 'admin',
      collection: 'consent_texts',
      field: 'title',
      label: /title|Titel/i,
      body: { title: 'Toestemming\uD800', version: 'fuzz-1', language: 'nl', body: 'x' },
    },
  ];

  for (const test of cases) {
    it(`${test.actor} creating ${test.collection} with a malformed ${test.field}: REST and GraphQL, in the user's language`, async () => {
      // the user's own Directus language wins; without one, the request's Accept-Language (English here)
      const me = await http(test.actor, 'GET', '/users/me?fields=language');
      const language = pickUiLanguage(
        (me.body as { data?: { language?: string | null } }).data?.language ?? null,
        'en',
      );
      const rest = await http(test.actor, 'POST', `/items/${test.collection}`, test.body, { 'Accept-Language': 'en' });
      tried({
        attack: 'malformed-input',
        actor: test.actor,
        channel: 'REST',
        what: `lone surrogate / NUL in ${test.collection}.${test.field}`,
        outcome: `${rest.status} ${rest.code}`,
      });
      expect(rest.status).toBe(400);
      expect(rest.code).toBe('FAILED_VALIDATION');
      const restMessage = (
        rest.body as { errors: Array<{ message: string; extensions: { field?: string; issues?: string[] } }> }
      ).errors[0]!;
      expect(restMessage.extensions).toMatchObject({ field: test.field, issues: ['malformed_text'] });
      expect(restMessage.message).toMatch(language === 'nl' ? /ongeldige tekens/ : /invalid characters/);
      expect(restMessage.message).toMatch(test.label);

      const graph = await http(
        test.actor,
        'POST',
        '/graphql',
        {
          query: `mutation ($data: create_${test.collection}_input!) { create_${test.collection}_item(data: $data) { id } }`,
          variables: { data: test.body },
        },
        { 'Accept-Language': 'en' },
      );
      tried({
        attack: 'malformed-input',
        actor: test.actor,
        channel: 'GraphQL',
        what: `lone surrogate / NUL in ${test.collection}.${test.field}`,
        outcome: `${graph.status} ${graph.code}`,
      });
      expect(graph.status).toBeLessThan(500);
      expect(graph.code).toBe('FAILED_VALIDATION');
    });
  }
});

describe('a date column with something that is no date is a 400, also where no field rule names it', () => {
  it('date_created and requested_at of consents, date_created of locations: REST and GraphQL', async () => {
    const consent =
      ((await http('admin', 'GET', '/items/consents?fields=id&limit=1')).body as { data: Array<{ id: string }> })
        .data[0]?.id ?? randomUUID();
    const location = (
      (await http('providerA', 'GET', '/items/locations?fields=id&limit=1')).body as { data: Array<{ id: string }> }
    ).data[0]!.id;
    // [who, where, what, expected status, expected code]. A provider may not write date_created at all: access
    // first, so Directus's own 403 comes before any look at the value.
    const attempts: Array<[Actor, string, Record<string, unknown>, number, string]> = [
      ['admin', `/items/consents/${consent}`, { date_created: 'Infinity' }, 400, 'FAILED_VALIDATION'],
      ['admin', `/items/consents/${consent}`, { requested_at: 'yesterday' }, 400, 'FAILED_VALIDATION'],
      ['admin', `/items/consents/${consent}`, { date_created: -1e308 }, 400, 'FAILED_VALIDATION'],
      ['admin', `/items/locations/${location}`, { date_created: '$CURRENT_USER' }, 400, 'FAILED_VALIDATION'],
      ['providerA', `/items/locations/${location}`, { date_created: '$CURRENT_USER' }, 403, 'FORBIDDEN'],
    ];
    for (const [actor, path, body, status, code] of attempts) {
      const answer = await http(actor, 'PATCH', path, body);
      tried({
        attack: 'malformed-input',
        actor,
        channel: 'REST',
        what: `PATCH ${path.split('/')[2]} ${JSON.stringify(body)}`,
        outcome: `${answer.status} ${answer.code}`,
      });
      expect(answer.status, answer.text.slice(0, 200)).toBe(status);
      expect(answer.code).toBe(code);
    }
    const graph = await gql(
      'admin',
      'mutation ($id: ID!, $data: update_consents_input!) { update_consents_item(id: $id, data: $data) { id } }',
      { id: consent, data: { date_created: 'Infinity' } },
    );
    tried({
      attack: 'malformed-input',
      actor: 'admin',
      channel: 'GraphQL',
      what: 'update consents date_created "Infinity"',
      outcome: `${graph.status} ${graph.code}`,
    });
    expect(graph.status).toBeLessThan(500);
    expect(graph.text).not.toMatch(/INTERNAL_SERVER_ERROR/);
  });
});

describe('group scheduling refuses numbers, dates and lists out of range with a 400', () => {
  const bodies: Array<[string, Record<string, unknown> | string]> = [
    ['slot_minutes 1e308', { slot_minutes: 1e308 }],
    ['slot_minutes 1e999 (Infinity)', 'RAW'],
    ['slot_minutes -5', { slot_minutes: -5 }],
    ['slot_minutes "NaN"', { slot_minutes: 'NaN' }],
    ['starts_at year 275760', { starts_at: '+275760-09-13T00:00:00.000Z' }],
    ['starts_at 2024-02-30', { starts_at: '2024-02-30T09:00' }],
    ['desk lone surrogate', { desk: 'Balie\uD800' }],
    ['10,000 migrants', { migrants: Array.from({ length: 10_000 }, () => randomUUID()) }],
    ['migrants not ids', { migrants: [{ id: 1 }, 'x'] }],
  ];
  let migrant = '';
  beforeAll(async () => {
    const answer = await http(
      'clerkA',
      'GET',
      '/items/migrants?fields=id&limit=1&filter[brp_status][_eq]=niet_ingeschreven',
    );
    migrant = ((answer.body as { data?: Array<{ id: string }> }).data ?? [])[0]?.id ?? randomUUID();
  });

  for (const [what, change] of bodies) {
    it(`${what}: 400 for every role, 401 for anonymous`, async () => {
      for (const actor of ACTORS) {
        const base = { migrants: [migrant], desk: 'Groepsbalie', starts_at: '2030-03-04T09:00', slot_minutes: 15 };
        const body =
          typeof change === 'string'
            ? serialise({ ...base, slot_minutes: RAW('1e999') })
            : serialise({ ...base, ...change });
        const answer = await http(actor, 'POST', '/brp/appointments/schedule', body, { 'Accept-Language': 'en' });
        tried({
          attack: 'malformed-input',
          actor,
          channel: 'REST',
          what: `group schedule, ${what}`,
          outcome: `${answer.status} ${answer.code}`,
        });
        expect(answer.status, `${actor}: ${answer.text.slice(0, 200)}`).toBeLessThan(500);
        if (actor === 'public') {
          expect(answer.status).toBe(401);
          expect(answer.code).toBe('NOT_SIGNED_IN');
        } else {
          expect(answer.status).toBe(400);
          expect(answer.code).toBe('INVALID_GROUP_SCHEDULE');
        }
      }
    });
  }
});

function nestedJson(levels: number): string {
  return `{"name":${'['.repeat(levels)}${']'.repeat(levels)}}`;
}

describe('JSON nested thousands of levels deep is a 400 before anything recursive reads it', () => {
  it('in a REST body, a GraphQL body and a query parameter, for every role and anonymous', async () => {
    for (const actor of ACTORS) {
      const rest = await http(actor, 'POST', '/items/locations', nestedJson(5_000), { 'Accept-Language': 'en' });
      tried({
        attack: 'malformed-input',
        actor,
        channel: 'REST',
        what: 'POST body nested 5,000 levels',
        outcome: `${rest.status} ${rest.code}`,
      });
      expect(rest.status).toBe(400);
      expect(rest.text).toMatch(/nested too deeply/);

      const graph = await http(
        actor,
        'POST',
        '/graphql',
        `{"query":"mutation ($d: create_locations_input!) { create_locations_item(data: $d) { id } }","variables":{"d":${nestedJson(5_000)}}}`,
      );
      tried({
        attack: 'malformed-input',
        actor,
        channel: 'GraphQL',
        what: 'variables nested 5,000 levels',
        outcome: `${graph.status} ${graph.code}`,
      });
      expect(graph.status).toBe(400);

      const filter = encodeURIComponent(`${'{"_and":['.repeat(200)}{}${']}'.repeat(200)}`);
      const query = await http(actor, 'GET', `/items/locations?filter=${filter}`);
      tried({
        attack: 'malformed-input',
        actor,
        channel: 'REST',
        what: 'filter nested 400 levels',
        outcome: `${query.status} ${query.code}`,
      });
      expect(query.status).toBe(400);
    }
  });

  it('ordinary nesting (a filter with _and/_or a few levels deep) still works', async () => {
    const answer = await http(
      'providerA',
      'GET',
      `/items/locations?fields=id&filter=${encodeURIComponent(JSON.stringify({ _and: [{ _or: [{ capacity: { _gte: 0 } }, { name: { _nnull: true } }] }] }))}`,
    );
    expect(answer.status).toBe(200);
  });
});

describe('deleting a row that other rows still reference is a 409 that says why', () => {
  let migrantWithTasks = '';
  let locationWithStays = '';
  beforeAll(async () => {
    // a migrant with tasks and no evidence (the demo's signed consents and status changes are evidence: a 409 of
    // their own, EVIDENCE_PRESENT, which comes first)
    const migrantsIn = async (path: string, pick: (row: Record<string, unknown>) => unknown): Promise<Set<string>> =>
      new Set(
        ((await http('admin', 'GET', path)).body as { data: Array<Record<string, unknown>> }).data.map((row) =>
          String(pick(row)),
        ),
      );
    const withEvidence = new Set([
      ...(await migrantsIn('/items/status_history?fields=migrant&limit=-1', (row) => row['migrant'])),
      ...(await migrantsIn('/items/reveal_log?fields=migrant&limit=-1', (row) => row['migrant'])),
      ...(await migrantsIn(
        '/items/consent_records?fields=consent.migrant&limit=-1',
        (row) => (row['consent'] as { migrant?: unknown } | null)?.migrant,
      )),
    ]);
    const tasks = await http('admin', 'GET', '/items/tasks?fields=migrant&limit=-1&sort=id');
    migrantWithTasks = (tasks.body as { data: Array<{ migrant: string }> }).data
      .map((row) => row.migrant)
      .find((migrant) => !withEvidence.has(migrant))!;
    const stay = await http('admin', 'GET', '/items/stays?fields=location&limit=1');
    locationWithStays = (stay.body as { data: Array<{ location: string }> }).data[0]!.location;
  });

  it('a migrant with tasks, as administrator: REST and GraphQL, Dutch and English', async () => {
    const en = await http('admin', 'DELETE', `/items/migrants/${migrantWithTasks}`, undefined, {
      'Accept-Language': 'en',
    });
    tried({
      attack: 'malformed-input',
      actor: 'admin',
      channel: 'REST',
      what: 'delete a migrant that has tasks',
      outcome: `${en.status} ${en.code}`,
    });
    expect(en.status).toBe(409);
    expect(en.code).toBe('STILL_REFERENCED');
    expect(en.text).toMatch(/This labour migrant still has [a-z ,]*tasks|Deze arbeidsmigrant heeft nog [a-z ,]*taken/);
    expect(en.text).not.toMatch(/SQLITE|constraint|violates/i);

    const graph = await gql('admin', `mutation ($id: ID!) { delete_migrants_item(id: $id) { id } }`, {
      id: migrantWithTasks,
    });
    tried({
      attack: 'malformed-input',
      actor: 'admin',
      channel: 'GraphQL',
      what: 'delete a migrant that has tasks',
      outcome: `${graph.status} ${graph.code}`,
    });
    expect(graph.code).toBe('STILL_REFERENCED');
    expect(graph.text).toMatch(
      /This labour migrant still has [a-z ,]*tasks|Deze arbeidsmigrant heeft nog [a-z ,]*taken/,
    );
  });

  it('a location with stays: 409 for its provider, the same 403 as a missing row for everyone else', async () => {
    const owner = await http('admin', 'GET', `/items/locations/${locationWithStays}?fields=provider`);
    const provider = (owner.body as { data: { provider: string } }).data.provider;
    const missing = randomUUID();
    for (const actor of ACTORS) {
      const answer = await http(actor, 'DELETE', `/items/locations/${locationWithStays}`, undefined, {
        'Accept-Language': 'en',
      });
      const absent = await http(actor, 'DELETE', `/items/locations/${missing}`, undefined, { 'Accept-Language': 'en' });
      tried({
        attack: 'malformed-input',
        actor,
        channel: 'REST',
        what: 'delete a location that has stays (and a missing one)',
        outcome: `${answer.status} ${answer.code} / missing: ${absent.status} ${absent.code}`,
      });
      expect(answer.status).toBeLessThan(500);
      const me = actor === 'public' ? null : await http(actor, 'GET', '/users/me?fields=organisation');
      const mine =
        actor === 'admin' || (me?.body as { data?: { organisation?: string } } | null)?.data?.organisation === provider;
      if (mine) {
        expect(answer.status).toBe(409);
        expect(answer.text).toMatch(
          /This housing location still has stays|Deze huisvestingslocatie heeft nog verblijven/,
        );
      } else {
        expect(answer.status).toBe(absent.status);
        expect(answer.code).toBe(absent.code);
      }
    }
  });
});

describe('/utils/export does not stall other requests', () => {
  it('a non-administrator export is refused at once; the next request is answered normally', async () => {
    for (const actor of ACTORS.filter((candidate) => candidate !== 'admin')) {
      const exported = await http(
        actor,
        'POST',
        '/utils/export/migrants',
        { query: { limit: -1, fields: ['*'] }, format: 'csv' },
        { 'Accept-Language': 'en' },
      );
      const after: HttpAnswer = await http('providerA', 'GET', '/items/locations?fields=id&limit=1');
      tried({
        attack: 'malformed-input',
        actor,
        channel: 'REST',
        what: 'POST /utils/export/migrants, then another request',
        outcome: `${exported.status} ${exported.code}; next request ${after.status}`,
      });
      expect(exported.status).toBe(403);
      expect(after.status).toBe(200);
    }
  });

  it("while an administrator export runs, another user's request completes", async () => {
    const exported = http('admin', 'POST', '/utils/export/locations', { query: { limit: -1 }, format: 'json' });
    const during = http('providerA', 'GET', '/items/locations?fields=id&limit=1');
    const [exportAnswer, duringAnswer] = await Promise.all([exported, during]);
    tried({
      attack: 'malformed-input',
      actor: 'admin',
      channel: 'REST',
      what: 'POST /utils/export/locations while a provider reads',
      outcome: `${exportAnswer.status}; provider ${duringAnswer.status}`,
    });
    expect(exportAnswer.status).toBeLessThan(300);
    expect(duringAnswer.status).toBe(200);
    const next = await http('clerkA', 'GET', '/items/tasks?fields=id&limit=1');
    expect(next.status).toBe(200);
  });
});
