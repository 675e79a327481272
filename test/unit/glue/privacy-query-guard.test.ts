/**
 * The query guard's glue (glue/privacy/query-guard.ts, middleware.ts, events.ts) without a booted Directus: a schema
 * overview of three collections, an in-memory database for the caller's language, and fake requests.
 */
import type { Accountability, SchemaOverview } from '@directus/types';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyRingEnv, parseKeyRing } from '../../../extensions/labour-platform/src/domain/privacy';
import { guardQuery } from '../../../extensions/labour-platform/src/glue/privacy/events';
import { personalQueryGuard } from '../../../extensions/labour-platform/src/glue/privacy/middleware';
import {
  collectionOfPath,
  onCallersBehalf,
  queryRefusal,
  rawQueryGuard,
} from '../../../extensions/labour-platform/src/glue/privacy/query-guard';
import { ROLE_IDS } from '../../../extensions/labour-platform/src/glue/roles';
import { caller, fakeItemsService, memoryDatabase } from './memory-data';

const ring = parseKeyRing(generateKeyRingEnv());

const schema = {
  collections: {
    migrants: { primary: 'id', fields: {} },
    stays: { primary: 'id', fields: {} },
    locations: { primary: 'id', fields: {} },
    directus_users: { primary: 'id', fields: {} },
  },
  relations: [
    { collection: 'stays', field: 'migrant', related_collection: 'migrants', meta: { one_field: 'stays' } },
    { collection: 'stays', field: 'location', related_collection: 'locations', meta: null },
  ],
} as unknown as SchemaOverview;
const getSchema = async () => schema;

const ENGLISH_USER = '20000000-0000-4000-8000-000000000001';
const DUTCH_USER = '20000000-0000-4000-8000-000000000002';
const provider: Accountability = caller(ENGLISH_USER, ROLE_IDS.provider);
const administrator: Accountability = caller(DUTCH_USER, null, true);

let db: Knex;
beforeAll(async () => {
  db = await memoryDatabase({ directus_users: { language: 'text' } });
  await db('directus_users').insert([
    { id: ENGLISH_USER, language: 'en-US' },
    { id: DUTCH_USER, language: 'nl-NL' },
  ]);
});
afterAll(() => db.destroy());

describe('queryRefusal', () => {
  it('refuses a caller’s filter on a personal field, naming the field', () => {
    expect(queryRefusal(schema, 'migrants', { filter: { surname: { _eq: 'Kowalska' } } }, provider)).toEqual({
      code: 'personal_data_in_query',
      paths: ['surname'],
    });
  });

  it('follows the schema’s relations into another collection', () => {
    expect(queryRefusal(schema, 'stays', { filter: { migrant: { bsn: { _eq: '123456782' } } } }, provider)).toEqual({
      code: 'personal_data_in_query',
      paths: ['migrant.bsn'],
    });
  });

  it('follows the reverse side of a relation (its one_field), whatever its case', () => {
    expect(
      queryRefusal(
        schema,
        'migrants',
        { filter: { Stays: { _some: { migrant: { surname: { _eq: 'x' } } } } } },
        provider,
      ),
    ).toMatchObject({ code: 'personal_data_in_query' });
  });

  it('lets the system’s own queries pass', () => {
    expect(queryRefusal(schema, 'migrants', { filter: { surname: { _eq: 'Kowalska' } } }, null)).toBeNull();
  });

  it('lets a query the platform built on the caller’s behalf pass', () => {
    expect(
      queryRefusal(schema, 'migrants', onCallersBehalf({ filter: { bsn_index: { _eq: 'x' } } }), provider),
    ).toBeNull();
  });

  it('lets an administrator group on the blind index but not filter on a personal field', () => {
    expect([
      queryRefusal(schema, 'migrants', { groupBy: ['bsn_index'], aggregate: { count: ['*'] } }, administrator),
      queryRefusal(schema, 'migrants', { filter: { surname: { _eq: 'x' } } }, administrator)?.code,
    ]).toEqual([null, 'personal_data_in_query']);
  });

  it('refuses the same blind-index grouping to anyone else', () => {
    expect(
      queryRefusal(schema, 'migrants', { groupBy: ['bsn_index'], aggregate: { count: ['*'] } }, provider),
    ).toMatchObject({ code: 'personal_data_in_query' });
  });
});

describe('collectionOfPath', () => {
  it('knows the collection of items, exports and system paths', () => {
    expect(
      ['/items/migrants/1', '/utils/export/stays', '/users/me', '/graphql', '/server/ping'].map((path) =>
        collectionOfPath(schema, path),
      ),
    ).toEqual(['migrants', 'stays', 'directus_users', null, null]);
  });
});

describe('the *.query filter (guardQuery)', () => {
  it('refuses with a 400 in the caller’s own language', async () => {
    const handler = guardQuery(ring, getSchema, fakeItemsService());
    const refused = await Promise.resolve(
      handler(
        { sort: ['surname'] },
        { collection: 'migrants' },
        { database: db, schema, accountability: administrator },
      ),
    ).catch((error: unknown) => error);
    expect([(refused as { status?: number }).status, (refused as Error).message]).toEqual([
      400,
      expect.stringMatching(/^Persoonsgegevens zijn versleuteld: .*surname/),
    ]);
  });

  it('hands an allowed query on unchanged', async () => {
    const query = { filter: { nationality: { _eq: 'PL' } } };
    expect(
      await guardQuery(ring, getSchema, fakeItemsService())(
        query,
        { collection: 'migrants' },
        { database: db, schema, accountability: provider },
      ),
    ).toBe(query);
  });
});

type Next = (error?: unknown) => void;
function nextCall(run: (next: Next) => void): Promise<unknown> {
  return new Promise((resolve) => run((error) => resolve(error ?? 'next')));
}

describe('rawQueryGuard (after authentication)', () => {
  it('refuses a SEARCH body’s query on a personal field', async () => {
    const outcome = await nextCall((next) =>
      rawQueryGuard(db, getSchema)(
        {
          method: 'SEARCH',
          path: '/items/migrants',
          query: {},
          body: { query: { filter: { email: { _contains: '@' } } } },
          accountability: provider,
          schema,
        },
        {},
        next,
      ),
    );
    expect((outcome as Error).message).toMatch(/^Personal data is encrypted: .*email/);
  });

  it('leaves a create’s body (a row, not a query) alone', async () => {
    const outcome = await nextCall((next) =>
      rawQueryGuard(db, getSchema)(
        {
          method: 'POST',
          path: '/items/migrants',
          query: {},
          body: { query: { filter: { email: { _eq: 'x' } } } },
          accountability: provider,
          schema,
        },
        {},
        next,
      ),
    );
    expect(outcome).toBe('next');
  });

  it('refuses an export whose body filters on a personal field', async () => {
    const outcome = await nextCall((next) =>
      rawQueryGuard(db, getSchema)(
        {
          method: 'POST',
          path: '/utils/export/migrants',
          query: {},
          body: { query: { filter: { bsn: { _nnull: true } } } },
          accountability: provider,
          schema,
        },
        {},
        next,
      ),
    );
    expect((outcome as { status?: number }).status).toBe(400);
  });

  it('passes an unauthenticated request on (the guard before authentication answers those)', async () => {
    const outcome = await nextCall((next) =>
      rawQueryGuard(db, getSchema)(
        { method: 'GET', path: '/items/migrants', query: { filter: { bsn: { _eq: 'x' } } }, accountability: null },
        {},
        next,
      ),
    );
    expect(outcome).toBe('next');
  });
});

describe('personalQueryGuard (before the request logger)', () => {
  /** The slice of Express's response the guard uses, recording what it was told. */
  interface FakeResponse {
    statusCode: number;
    body: unknown;
    locals: Record<string, unknown>;
    status(code: number): FakeResponse;
    json(body: unknown): void;
  }
  function response(onJson: () => void = () => undefined): FakeResponse {
    const answer: FakeResponse = {
      statusCode: 200,
      body: undefined,
      locals: {},
      status(code) {
        answer.statusCode = code;
        return answer;
      },
      json(body) {
        answer.body = body;
        onJson();
      },
    };
    return answer;
  }

  it('answers a URL that filters on personal data with a 400, before anyone logs it', async () => {
    let res = response();
    await new Promise<void>((resolve, reject) => {
      res = response(resolve);
      personalQueryGuard(getSchema, db)(
        {
          method: 'GET',
          path: '/items/migrants',
          url: '/items/migrants?filter[surname][_eq]=Kowalska',
          query: { filter: { surname: { _eq: 'Kowalska' } } },
          headers: { 'accept-language': 'en' },
        },
        res,
        (error) => reject(error ?? new Error('passed on')),
      );
    });
    expect([
      res.statusCode,
      (res.body as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code,
    ]).toEqual([400, 'PRIVACY_REFUSED']);
  });

  it('keeps reads that may carry personal data out of the response cache', async () => {
    const res = response();
    await nextCall((next) =>
      personalQueryGuard(getSchema, db)(
        { method: 'GET', path: '/items/stays', url: '/items/stays', query: {}, headers: {} },
        res,
        next,
      ),
    );
    expect(res.locals['cache']).toBe(false);
  });
});
