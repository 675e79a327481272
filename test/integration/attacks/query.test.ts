/**
 * Attack class 3: query features Directus does not police per row. As every demo user and anonymous, through REST
 * (GET, the SEARCH method with a body, /users, /utils/export) and GraphQL (/graphql and /graphql/system): `$FOLLOW`
 * reverse joins (another organisation's staff e-mail addresses, another provider's migrants), personal field names
 * with a trailing space, deep `_filter`, `search`, `groupBy` and `aggregate` on the BSN blind index, `alias` of a
 * sealed column. Each is refused with a 400 PRIVACY_REFUSED (or gives nothing); an administrator's legitimate
 * queries and everyone's ordinary filters still work.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { DEMO_ORGANISATION_IDS as ORG } from '../../../scripts/demo-data.js';
import { ACTORS, gql, http, printAttackTable, tried, type Actor, type HttpAnswer } from './support.js';

printAttackTable('query features (class 3)');

const NON_ADMIN = ACTORS.filter((actor) => actor !== 'admin');
/** A value no refusal may echo. */
const PROBE = 'Geheimwaarde-7731';
const FOLLOW_USERS = '$FOLLOW(directus_users,organisation)';
const FOLLOW_MIGRANTS = '$FOLLOW(migrants,provider)';

const json = (value: unknown) => encodeURIComponent(JSON.stringify(value));

type Data = Record<string, unknown>[] | Record<string, unknown> | null;
function rowsOf(answer: HttpAnswer): Data {
  const data = (answer.body as { data?: Data } | null)?.data;
  return data ?? null;
}

/** Nothing came back: a refusal, or a GraphQL answer with errors and no data. */
function gaveNothing(answer: HttpAnswer & { data?: Record<string, unknown> | null }): boolean {
  if (answer.status >= 400) return true;
  const body = answer.body as { data?: Record<string, unknown> | null; errors?: unknown[] } | null;
  const errors = Array.isArray(body?.errors) && body!.errors.length > 0;
  const data = body?.data;
  const empty =
    data === null ||
    data === undefined ||
    Object.values(data).every((value) => value === null || (Array.isArray(value) && value.length === 0));
  return errors && empty;
}

function outcome(answer: HttpAnswer): string {
  return `${answer.status}${answer.code ? ` ${answer.code}` : ''}`;
}

interface RestAttack {
  what: string;
  method: 'GET' | 'SEARCH' | 'POST';
  path: string;
  body?: unknown;
  /** What an administrator gets: its legitimate uses of the same feature pass, personal fields never do
   * ('invalid': Directus itself rejects the malformed query for everyone). */
  admin: 'allowed' | 'refused' | 'invalid';
  /** How a non-administrator is refused, where not by the query guard (400 PRIVACY_REFUSED). */
  refusal?: { status: number; code: string };
}

const REST_ATTACKS: RestAttack[] = [
  // $FOLLOW: another organisation's staff e-mail, character by character (the policy officer's example)
  {
    what: '$FOLLOW staff e-mail of gemeente B (filter)',
    method: 'GET',
    path: `/items/organisations?filter=${json({ _and: [{ id: { _eq: ORG.gemeenteB } }, { [FOLLOW_USERS]: { email: { _starts_with: 'c' } } }] })}&fields=id`,
    admin: 'allowed',
  },
  {
    what: '$FOLLOW staff e-mail, qs brackets',
    method: 'GET',
    path: `/items/organisations?filter[${encodeURIComponent(FOLLOW_USERS)}][email][_starts_with]=c&fields=id`,
    admin: 'allowed',
  },
  {
    what: '$FOLLOW with leading space',
    method: 'GET',
    path: `/items/organisations?filter=${json({ [` ${FOLLOW_USERS}`]: { email: { _contains: '@' } } })}`,
    admin: 'invalid',
  },
  {
    what: '$FOLLOW in sort',
    method: 'GET',
    path: `/items/organisations?sort=${encodeURIComponent(`${FOLLOW_USERS}.email`)}&fields=id`,
    admin: 'invalid',
  },
  // $FOLLOW: another provider's migrants (nationality, birth year, status) through an organisation one may read
  {
    what: "$FOLLOW another provider's migrants (nationality, birth year, status)",
    method: 'GET',
    path: `/items/organisations?filter=${json({ _and: [{ id: { _eq: ORG.providerC } }, { [FOLLOW_MIGRANTS]: { _and: [{ nationality: { _eq: 'PL' } }, { birth_year: { _lt: 1990 } }, { brp_status: { _eq: 'ingeschreven' } }] } }] })}&meta=filter_count`,
    admin: 'allowed',
  },
  {
    what: '$FOLLOW via locations into migrants of gemeente B',
    method: 'GET',
    path: `/items/organisations?filter=${json({ id: { _eq: ORG.gemeenteB }, '$FOLLOW(locations,municipality)': { '$FOLLOW(migrants,current_location)': { nationality: { _eq: 'RO' } } } })}`,
    admin: 'allowed',
  },
  {
    what: '$FOLLOW in deep _filter',
    method: 'GET',
    path: `/items/migrants?fields=id,tasks.id&deep=${json({ tasks: { _filter: { [FOLLOW_USERS]: { email: { _nnull: true } } } } })}`,
    admin: 'allowed',
  },
  {
    what: '$FOLLOW through /users',
    method: 'GET',
    path: `/users?filter=${json({ organisation: { [FOLLOW_USERS]: { email: { _starts_with: 'c' } } } })}&fields=id`,
    admin: 'allowed',
  },
  // personal fields, however spelled
  {
    what: 'filter[surname ] (trailing space)',
    method: 'GET',
    path: `/items/migrants?filter[surname%20][_eq]=${PROBE}`,
    admin: 'refused',
  },
  {
    what: 'filter on migrant.bsn with trailing tab',
    method: 'GET',
    path: `/items/stays?filter=${json({ migrant: { 'bsn\t': { _eq: '999990408' } } })}`,
    admin: 'refused',
  },
  {
    what: 'filter on year( date_of_birth )',
    method: 'GET',
    path: `/items/migrants?filter=${json({ 'year( date_of_birth )': { _eq: 1990 } })}`,
    admin: 'refused',
  },
  { what: 'sort=-surname%20', method: 'GET', path: '/items/migrants?sort=-surname%20', admin: 'refused' },
  {
    what: 'deep[tasks][_filter] on migrant.surname',
    method: 'GET',
    path: `/items/migrants?fields=id,tasks.id&deep=${json({ tasks: { _filter: { migrant: { 'surname ': { _eq: PROBE } } } } })}`,
    admin: 'refused',
  },
  {
    what: 'deep[tasks][_sort] on migrant.first_names',
    method: 'GET',
    path: `/items/migrants?fields=id,tasks.id&deep[tasks][_sort]=migrant.first_names`,
    admin: 'refused',
  },
  // search and the blind index
  // a top-level search of migrants is the platform's own (case number, blind indexes: attacks/search.test.ts); a
  // nested one is Directus's LIKE over ciphertext
  {
    what: 'deep _search on tasks.migrant',
    method: 'GET',
    path: `/items/tasks?fields=id,migrant.id&deep=${json({ migrant: { _search: PROBE } })}`,
    admin: 'refused',
  },
  {
    what: 'groupBy bsn_index',
    method: 'GET',
    path: '/items/migrants?groupBy[]=bsn_index&aggregate[count]=*',
    admin: 'allowed',
  },
  {
    what: 'aggregate countDistinct bsn_index',
    method: 'GET',
    path: '/items/migrants?aggregate[countDistinct]=bsn_index',
    admin: 'allowed',
  },
  {
    what: 'filter on bsn_index',
    method: 'GET',
    path: '/items/migrants?filter[bsn_index][_nnull]=true&fields=id',
    admin: 'allowed',
  },
  {
    what: 'alias x=bsn_index',
    method: 'GET',
    path: `/items/migrants?alias=${json({ x: 'bsn_index' })}&fields=id,x`,
    admin: 'allowed',
  },
  // the SEARCH method carries its query in the body
  {
    what: 'SEARCH body: filter[surname ]',
    method: 'SEARCH',
    path: '/items/migrants',
    body: { query: { filter: { 'surname ': { _eq: PROBE } } } },
    admin: 'refused',
  },
  {
    what: 'SEARCH body: $FOLLOW staff e-mail',
    method: 'SEARCH',
    path: '/items/organisations',
    body: { query: { filter: { [FOLLOW_USERS]: { email: { _starts_with: 'c' } } }, fields: ['id'] } },
    admin: 'allowed',
  },
  {
    what: 'SEARCH body: deep _filter bsn',
    method: 'SEARCH',
    path: '/items/migrants',
    body: {
      query: { fields: ['id', 'tasks.id'], deep: { tasks: { _filter: { migrant: { bsn: { _eq: '999990408' } } } } } },
    },
    admin: 'refused',
  },
  {
    what: 'SEARCH body: groupBy bsn_index',
    method: 'SEARCH',
    path: '/items/migrants',
    body: { query: { groupBy: ['bsn_index'], aggregate: { count: ['*'] } } },
    admin: 'allowed',
  },
  // an export runs its query after answering: the guard answers first; bulk export is an administrator's only
  // (glue/http/input-guard.ts), so everyone else is refused before any query is read
  {
    what: 'export with $FOLLOW',
    method: 'POST',
    path: '/utils/export/organisations',
    body: { format: 'json', query: { filter: { [FOLLOW_USERS]: { email: { _nnull: true } } } } },
    admin: 'allowed',
    refusal: { status: 403, code: 'FORBIDDEN' },
  },
];

interface GqlAttack {
  what: string;
  query: string;
  endpoint: '/graphql' | '/graphql/system';
}

const GQL_ATTACKS: GqlAttack[] = [
  {
    what: 'sort by $FOLLOW staff e-mail',
    endpoint: '/graphql',
    query: `{ organisations(sort: ["${FOLLOW_USERS}.email"]) { id } }`,
  },
  {
    what: "sort by $FOLLOW another provider's migrants",
    endpoint: '/graphql',
    query: `{ organisations(sort: ["${FOLLOW_MIGRANTS}.birth_year"]) { id } }`,
  },
  {
    what: 'filter on surname',
    endpoint: '/graphql',
    query: `{ migrants(filter: { surname: { _eq: "${PROBE}" } }) { id } }`,
  },
  {
    what: 'sort on "surname " (trailing space)',
    endpoint: '/graphql',
    query: '{ migrants(sort: ["surname "]) { id } }',
  },
  {
    what: 'nested tasks(filter: migrant.surname)',
    endpoint: '/graphql',
    query: `{ migrants { id tasks(filter: { migrant: { surname: { _eq: "${PROBE}" } } }) { id } } }`,
  },
  {
    what: 'aggregated groupBy bsn_index',
    endpoint: '/graphql',
    query: '{ migrants_aggregated(groupBy: ["bsn_index"]) { group count { id } } }',
  },
  {
    what: 'aggregated countDistinct bsn_index',
    endpoint: '/graphql',
    query: '{ migrants_aggregated { countDistinct { bsn_index } } }',
  },
  { what: 'alias x: bsn_index', endpoint: '/graphql', query: '{ migrants { id x: bsn_index } }' },
  {
    what: 'system: users sort by $FOLLOW e-mail',
    endpoint: '/graphql/system',
    query: `{ users(sort: ["organisation.${FOLLOW_USERS}.email"]) { id } }`,
  },
  {
    what: 'system: users filter via variables with $FOLLOW',
    endpoint: '/graphql/system',
    query: `query ($f: directus_users_filter) { users(filter: $f) { id } }`,
  },
];

describe('query attacks: REST', () => {
  for (const attack of REST_ATTACKS) {
    it(`${attack.what}: refused for every non-administrator and anonymous`, async () => {
      for (const actor of NON_ADMIN) {
        const answer = await http(actor, attack.method, attack.path, attack.body);
        tried({
          attack: 'query',
          actor,
          channel: 'REST',
          what: `${attack.method} ${attack.what}`,
          outcome: outcome(answer),
        });
        expect(answer.status, `${actor}: ${attack.what} -> ${answer.text.slice(0, 200)}`).toBe(
          attack.refusal?.status ?? 400,
        );
        expect(answer.code, `${actor}: ${attack.what}`).toBe(attack.refusal?.code ?? 'PRIVACY_REFUSED');
        expect(answer.text).not.toContain(PROBE);
        expect(rowsOf(answer)).toBeNull();
      }
    });
  }

  it('an administrator keeps $FOLLOW and the blind index, but never filters, sorts or searches on personal data', async () => {
    for (const attack of REST_ATTACKS) {
      const answer = await http('admin', attack.method, attack.path, attack.body);
      tried({
        attack: 'query',
        actor: 'admin',
        channel: 'REST',
        what: `${attack.method} ${attack.what}`,
        outcome: outcome(answer),
      });
      if (attack.admin === 'allowed')
        expect(answer.status, `admin: ${attack.what} -> ${answer.text.slice(0, 300)}`).toBeLessThan(300);
      else if (attack.admin === 'refused') expect(answer.code, `admin: ${attack.what}`).toBe('PRIVACY_REFUSED');
      else expect(answer.status, `admin: ${attack.what}`).toBeGreaterThanOrEqual(400);
    }
  });

  it('the $FOLLOW probe is a real oracle: the administrator finds gemeente B by its staff e-mail', async () => {
    const hit = await http(
      'admin',
      'GET',
      `/items/organisations?filter=${json({ _and: [{ id: { _eq: ORG.gemeenteB } }, { [FOLLOW_USERS]: { email: { _starts_with: 'clerk-b' } } }] })}&fields=id`,
    );
    const miss = await http(
      'admin',
      'GET',
      `/items/organisations?filter=${json({ _and: [{ id: { _eq: ORG.gemeenteB } }, { [FOLLOW_USERS]: { email: { _starts_with: 'zz-nobody' } } }] })}&fields=id`,
    );
    expect((rowsOf(hit) as unknown[]).length).toBe(1);
    expect((rowsOf(miss) as unknown[]).length).toBe(0);
  });

  it('leaves the probed value out of the server log (refused before the request logger)', async () => {
    for (const actor of ACTORS) {
      await http(actor, 'GET', `/items/migrants?search=${PROBE}`);
      await http(actor, 'GET', `/items/migrants?filter[surname%20][_eq]=${PROBE}`);
    }
    // the log is written as requests finish: a request after ours has finished is after our lines
    await http('admin', 'GET', '/server/ping');
    expect(readFileSync(inject('directusLog'), 'utf8')).not.toContain(PROBE);
  });

  it("answers in the caller's language and never echoes a value", async () => {
    const dutch = await http('providerA', 'GET', `/items/migrants?filter[surname%20][_eq]=${PROBE}`);
    const english = await http('providerB', 'GET', `/items/migrants?filter[surname%20][_eq]=${PROBE}`);
    const follow = await http(
      'policyA',
      'GET',
      `/items/organisations?filter[${encodeURIComponent(FOLLOW_USERS)}][email][_starts_with]=c`,
    );
    const message = (answer: HttpAnswer) => (answer.body as { errors: Array<{ message: string }> }).errors[0]!.message;
    expect(message(dutch)).toMatch(/Persoonsgegevens/);
    expect(message(english)).toMatch(/Personal data/);
    expect(message(follow)).toMatch(/\$FOLLOW/);
    for (const answer of [dutch, english, follow]) expect(answer.text).not.toContain(PROBE);
  });
});

describe('query attacks: GraphQL', () => {
  for (const attack of GQL_ATTACKS) {
    it(`${attack.endpoint} ${attack.what}: gives nothing to any non-administrator or anonymous`, async () => {
      for (const actor of NON_ADMIN) {
        const variables = attack.query.includes('$f')
          ? { f: { organisation: { [FOLLOW_USERS]: { email: { _starts_with: 'c' } } } } }
          : {};
        const answer = await gql(actor, attack.query, variables, attack.endpoint);
        tried({
          attack: 'query',
          actor,
          channel: 'GraphQL',
          what: `${attack.endpoint} ${attack.what}`,
          outcome: `${outcome(answer)}${answer.data ? ' data' : ''}`,
        });
        expect(gaveNothing(answer), `${actor}: ${attack.what} -> ${answer.text.slice(0, 300)}`).toBe(true);
        expect(answer.text).not.toContain(PROBE);
      }
    });
  }

  it('refuses with PRIVACY_REFUSED where the caller could otherwise read the collection', async () => {
    const cases: Array<[Actor, GqlAttack['endpoint'], string]> = [
      ['providerA', '/graphql', `{ migrants(sort: ["surname "]) { id } }`],
      ['providerA', '/graphql', '{ migrants_aggregated(groupBy: ["bsn_index"]) { group count { id } } }'],
      ['providerA', '/graphql', '{ migrants { id x: bsn_index } }'],
      ['providerA', '/graphql', `{ organisations(sort: ["${FOLLOW_MIGRANTS}.birth_year"]) { id } }`],
      ['policyA', '/graphql', `{ organisations(sort: ["${FOLLOW_USERS}.email"]) { id } }`],
      ['policyA', '/graphql/system', `{ users(sort: ["organisation.${FOLLOW_USERS}.email"]) { id } }`],
    ];
    for (const [actor, endpoint, query] of cases) {
      const answer = await gql(actor, query, {}, endpoint);
      expect(answer.code, `${actor} ${query} -> ${answer.text.slice(0, 300)}`).toBe('PRIVACY_REFUSED');
      expect(gaveNothing(answer)).toBe(true);
    }
  });
});

describe('ordinary queries still work', () => {
  it('non-personal filters, sorts, groups and nested filters, for the roles that read them, via REST and GraphQL', async () => {
    const ok = async (actor: Actor, path: string, min = 1) => {
      const answer = await http(actor, 'GET', path);
      tried({
        attack: 'query',
        actor,
        channel: 'REST',
        what: `legitimate GET ${decodeURIComponent(path).slice(0, 60)}`,
        outcome: outcome(answer),
      });
      expect(answer.status, `${actor} ${path} -> ${answer.text.slice(0, 300)}`).toBe(200);
      expect((rowsOf(answer) as unknown[]).length).toBeGreaterThanOrEqual(min);
    };
    await ok(
      'providerA',
      '/items/migrants?filter[nationality][_nnull]=true&sort=-arrival_date&fields=id,nationality,birth_year,brp_status',
    );
    await ok('providerA', '/items/stays?filter[migrant][nationality][_nnull]=true&fields=id,migrant.id');
    await ok('providerA', '/items/migrants?groupBy[]=brp_status&aggregate[count]=*');
    await ok(
      'providerA',
      `/items/migrants?fields=id,tasks.id&deep=${json({ tasks: { _filter: { status: { _eq: 'open' } } } })}`,
    );
    await ok('clerkA', '/items/tasks?filter[status][_eq]=open&sort=due_date&fields=id,migrant.id');
    await ok('clerkA', '/items/locations?search=a&fields=id');
    await ok('policyA', '/items/organisations?filter[type][_eq]=gemeente&fields=id,name');
    await ok('policyA', '/users?filter[email][_starts_with]=policy&fields=id');
    await ok('inspectorA', '/items/locations?sort=name&fields=id');
    const graph = await gql(
      'providerA',
      '{ migrants(filter: { nationality: { _nnull: true } }, sort: ["-arrival_date"]) { id tasks(filter: { status: { _eq: "open" } }) { id } } }',
    );
    tried({
      attack: 'query',
      actor: 'providerA',
      channel: 'GraphQL',
      what: 'legitimate migrants(filter nationality)',
      outcome: outcome(graph),
    });
    expect(graph.data?.['migrants'], graph.text.slice(0, 300)).toBeInstanceOf(Array);
    expect((graph.data!['migrants'] as unknown[]).length).toBeGreaterThan(0);
    const system = await gql(
      'policyA',
      '{ users(filter: { email: { _starts_with: "policy" } }) { id } }',
      {},
      '/graphql/system',
    );
    expect((system.data?.['users'] as unknown[] | undefined)?.length, system.text.slice(0, 300)).toBe(1);
  });

  it("the platform still searches a BSN on the caller's behalf through the blind index", async () => {
    const answer = await http('providerA', 'POST', '/privacy/migrants/search', { bsn: '999990408' });
    tried({
      attack: 'query',
      actor: 'providerA',
      channel: 'REST',
      what: "POST /privacy/migrants/search (blind index on the caller's behalf)",
      outcome: outcome(answer),
    });
    expect(answer.status, answer.text.slice(0, 300)).toBe(200);
    const duplicates = await http('providerB', 'POST', '/privacy/duplicates', { bsn: '999990408' });
    expect(duplicates.status, duplicates.text.slice(0, 300)).toBe(200);
  });
});
