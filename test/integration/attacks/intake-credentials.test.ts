/**
 * Attacks on door 2's API credentials (issue 10): who manages them (a provider for its own organisation, the
 * administrator for any; nobody else, the same 404 as for a credential that does not exist), what a credential can do
 * (the intake door and reading its own rows, for its own provider, nothing else: no /items writes, no GraphQL, no
 * system collections, no credentials of its own, no other provider), and that a rotated or revoked token stops at
 * once. The credentials' table is read and written by nobody through the API, administrators included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRangeBsn } from '../../../extensions/labour-platform/src/domain/bsn.js';
import { DEMO_ORGANISATION_IDS as ORG } from '../../../scripts/demo-data.js';
import { demoData } from '../../support/as-user.js';
import { closeTestDatabase, testDatabase } from '../../support/database.js';
import { ACTORS, gql, http, printAttackTable, tried, type HttpAnswer } from './support.js';

printAttackTable('intake credentials');

const outcome = (answer: HttpAnswer) => `${answer.status}${answer.code ? ` ${answer.code}` : ''}`;

interface Credential {
  id: string;
  provider: string;
  name: string;
  user: string;
  revoked_at: string | null;
  token?: string;
}

/** A request with a credential's token instead of a demo user's login. */
function withToken(token: string, method: string, path: string, body?: unknown): Promise<HttpAnswer> {
  return http('public', method, path, body, { Authorization: `Bearer ${token}` });
}

const locationB = () => demoData().locations.find((l) => l.provider === ORG.providerB)!;
const locationA = () => demoData().locations.find((l) => l.provider === ORG.providerA)!;
const row = (n: number, location: string) => ({
  external_reference: `CRED-${n}`,
  bsn: testRangeBsn(7_900 + n),
  first_names: 'Ivan',
  surname: `Petrov ${n}`,
  date_of_birth: '1990-02-03',
  nationality: 'BG',
  location,
  arrival_date: '2025-02-03',
});

let credential: Credential;
let token: string;

beforeAll(async () => {
  const made = await http('providerB', 'POST', '/intake/credentials', { name: 'Planning system B' });
  expect(made.status, made.text).toBe(201);
  credential = (made.body as { data: Credential }).data;
  token = credential.token!;
});

afterAll(async () => {
  await closeTestDatabase();
});

describe('intake credentials: who manages them', () => {
  it('the token is answered once, has the platform’s form, and only its argon2id hash is kept', async () => {
    expect(token).toMatch(/^lpk_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    expect(credential).toMatchObject({ provider: ORG.providerB, name: 'Planning system B', revoked_at: null });
    const listed = await http('providerB', 'GET', '/intake/credentials');
    expect(listed.status).toBe(200);
    const mine = (listed.body as { data: Credential[] }).data.find((c) => c.id === credential.id);
    expect(mine).toBeDefined();
    expect(mine!.token).toBeUndefined();
    expect(listed.text).not.toContain(token.slice(37));
    const stored = (await testDatabase()('intake_credentials').where('id', credential.id).first()) as {
      token_hash: string;
    };
    expect(stored.token_hash).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(stored)).not.toContain(token.slice(37));
    // its system user: the provider role, provider B, no password, no Directus token, no e-mail
    const user = (await testDatabase()('directus_users').where('id', credential.user).first()) as Record<
      string,
      unknown
    >;
    expect(user).toMatchObject({ organisation: ORG.providerB, password: null, token: null, email: null });
  });

  for (const actor of ACTORS) {
    it(`${actor}: lists, makes, rotates and revokes only what it manages`, async () => {
      const list = await http(actor, 'GET', '/intake/credentials');
      tried({ attack: 'credentials', actor, channel: 'REST', what: 'list credentials', outcome: outcome(list) });
      const make = await http(actor, 'POST', '/intake/credentials', { name: `by ${actor}`, provider: ORG.providerB });
      tried({ attack: 'credentials', actor, channel: 'REST', what: 'make one for provider B', outcome: outcome(make) });
      const manager = actor === 'admin' || actor === 'providerB';
      // a manager rotates the one it just made (the file's credential stays as it is for the tests below)
      const target = manager && make.status === 201 ? (make.body as { data: Credential }).data.id : credential.id;
      const rotate = await http(actor, 'POST', `/intake/credentials/${target}/rotate`);
      tried({ attack: 'credentials', actor, channel: 'REST', what: "rotate provider B's", outcome: outcome(rotate) });
      if (actor === 'public') {
        for (const answer of [list, make, rotate]) expect(answer.status).toBe(401);
        return;
      }
      if (manager) {
        expect(list.status).toBe(200);
        expect(make.status, make.text).toBe(201);
        const made = (make.body as { data: Credential }).data;
        expect(made.provider).toBe(ORG.providerB);
        expect(rotate.status, rotate.text).toBe(200);
        const rotated = (rotate.body as { data: Credential }).data.token!;
        expect((await withToken(made.token!, 'GET', '/intake/columns')).status).toBe(401);
        expect((await withToken(rotated, 'GET', '/intake/columns')).status).toBe(200);
        const revoked = await http(actor, 'POST', `/intake/credentials/${made.id}/revoke`);
        expect((revoked.body as { data: Credential }).data.revoked_at).not.toBeNull();
        expect((await withToken(rotated, 'GET', '/intake/columns')).status).toBe(401);
        return;
      }
      // provider A sees only its own (none of B's), and names B like a provider that does not exist
      if (actor === 'providerA') {
        expect(list.status).toBe(200);
        expect((list.body as { data: Credential[] }).data.every((c) => c.provider === ORG.providerA)).toBe(true);
      } else expect(list.code).toBe('NOT_FOUND');
      expect(make.code).toBe('NOT_FOUND');
      expect(rotate.code).toBe('NOT_FOUND');
      const revoke = await http(actor, 'POST', `/intake/credentials/${credential.id}/revoke`);
      tried({ attack: 'credentials', actor, channel: 'REST', what: "revoke provider B's", outcome: outcome(revoke) });
      expect(revoke.code).toBe('NOT_FOUND');
      expect((await withToken(token, 'GET', '/intake/columns')).status).toBe(200);
    });
  }

  it('nobody reads or writes the credentials’ table through the API, administrators included (REST and GraphQL)', async () => {
    for (const actor of ACTORS) {
      const read = await http(actor, 'GET', '/items/intake_credentials?fields=id,token_hash');
      tried({ attack: 'credentials', actor, channel: 'REST', what: 'read intake_credentials', outcome: outcome(read) });
      expect(read.status, `${actor}: ${read.text}`).toBeGreaterThanOrEqual(400);
      expect(read.text).not.toMatch(/argon2/);
      const graph = await gql(actor, '{ intake_credentials { id token_hash } }');
      tried({ attack: 'credentials', actor, channel: 'GraphQL', what: 'intake_credentials', outcome: outcome(graph) });
      expect(graph.data?.['intake_credentials'] ?? null).toBeNull();
      const write = await http(actor, 'POST', '/items/intake_credentials', {
        provider: ORG.providerA,
        name: 'forged',
        token_hash: 'x',
      });
      tried({
        attack: 'credentials',
        actor,
        channel: 'REST',
        what: 'create intake_credentials',
        outcome: outcome(write),
      });
      expect(write.status).toBeGreaterThanOrEqual(400);
      const change = await http(actor, 'PATCH', `/items/intake_credentials/${credential.id}`, { revoked_at: null });
      expect(change.status).toBeGreaterThanOrEqual(400);
    }
  });
});

describe('intake credentials: what a credential can do', () => {
  it('imports for its own provider: PUT and POST /intake/residents, and the activity names its system user', async () => {
    const answer = await withToken(token, 'POST', '/intake/residents', { rows: [row(1, locationB().name)] });
    tried({
      attack: 'credentials',
      actor: 'credential B',
      channel: 'REST',
      what: 'POST residents',
      outcome: outcome(answer),
    });
    expect(answer.status, answer.text).toBe(200);
    const data = (answer.body as { data: { counts: { new: number }; rows: Array<{ migrant: string }> } }).data;
    expect(data.counts.new).toBe(1);
    const migrant = (await testDatabase()('migrants').where('id', data.rows[0]!.migrant).first()) as Record<
      string,
      unknown
    >;
    expect(migrant).toMatchObject({ provider: ORG.providerB });
    const activity = (await testDatabase()('directus_activity')
      .where({ collection: 'migrants', item: data.rows[0]!.migrant, action: 'create' })
      .select('user')) as Array<{ user: string | null }>;
    expect(activity.map((entry) => entry.user)).toEqual([credential.user]);
    const put = await withToken(token, 'PUT', '/intake/residents', { rows: [row(1, locationB().name)] });
    expect(put.status, put.text).toBe(200);
    // its own rows, read back (with the personal data, as its provider sees them)
    const own = await withToken(token, 'GET', `/items/migrants/${data.rows[0]!.migrant}?fields=id,surname,provider`);
    expect(own.status, own.text).toBe(200);
    expect((own.body as { data: Record<string, unknown> }).data).toMatchObject({ surname: 'Petrov 1' });
    const locations = await withToken(token, 'GET', '/items/locations?fields=id,provider&limit=-1');
    expect(
      (locations.body as { data: Array<{ provider: string }> }).data.every((l) => l.provider === ORG.providerB),
    ).toBe(true);
  });

  it('never imports for another provider, nor reads another provider’s rows', async () => {
    const other = await withToken(token, 'POST', '/intake/residents', {
      rows: [row(2, locationA().name)],
      provider: ORG.providerA,
    });
    tried({
      attack: 'credentials',
      actor: 'credential B',
      channel: 'REST',
      what: 'POST residents for A',
      outcome: outcome(other),
    });
    expect(other.code).toBe('NOT_FOUND');
    // provider A's location is none of B's: the row is refused, nothing is written
    const foreign = await withToken(token, 'POST', '/intake/residents', { rows: [row(3, locationA().name)] });
    expect((foreign.body as { data: { counts: { refused: number; new: number } } }).data.counts).toMatchObject({
      new: 0,
      refused: 1,
    });
    const theirs = await withToken(token, 'GET', `/items/migrants?filter[provider][_eq]=${ORG.providerA}&fields=id`);
    expect((theirs.body as { data: unknown[] }).data).toEqual([]);
  });

  const refused: Array<[string, string, unknown?]> = [
    ['POST', '/items/migrants', { first_names: 'X', surname: 'Y', provider: ORG.providerB }],
    ['PATCH', `/items/locations/${'00000000-0000-4000-8000-000000000000'}`, { capacity: 1 }],
    ['DELETE', `/items/migrants/${'00000000-0000-4000-8000-000000000000'}`],
    ['GET', '/items/tasks?limit=1'],
    ['GET', '/items/consents?limit=1'],
    ['GET', '/items/imports?limit=1'],
    ['GET', '/users/me'],
    ['GET', '/users?limit=1'],
    ['POST', '/graphql', { query: '{ migrants { id } }' }],
    ['POST', '/graphql/system', { query: '{ users_me { id } }' }],
    ['GET', '/intake/credentials'],
    ['POST', '/intake/credentials', { name: 'a second one' }],
    ['POST', '/intake/imports'],
    ['POST', '/utils/import/migrants'],
    ['GET', '/server/info'],
    ['POST', '/brp/migrants/00000000-0000-4000-8000-000000000000/events', { type: 'REPORT_DEPARTURE' }],
  ];
  for (const [method, path, body] of refused) {
    it(`is no credential at all for ${method} ${path}: 401`, async () => {
      const answer = await withToken(token, method, path, body);
      tried({
        attack: 'credentials',
        actor: 'credential B',
        channel: path.startsWith('/graphql') ? 'GraphQL' : 'REST',
        what: `${method} ${path}`,
        outcome: outcome(answer),
      });
      expect(answer.status, answer.text).toBe(401);
    });
  }

  it('a forged token, a token with another secret, or one of a credential that does not exist: 401', async () => {
    const forged = [
      `${token.slice(0, 37)}${'A'.repeat(43)}`,
      `lpk_${'0'.repeat(32)}_${token.slice(37)}`,
      token.slice(0, -1),
      `${token}x`,
    ];
    for (const bad of forged) {
      const answer = await withToken(bad, 'POST', '/intake/residents', { rows: [row(4, locationB().name)] });
      tried({
        attack: 'credentials',
        actor: 'forged token',
        channel: 'REST',
        what: 'POST residents',
        outcome: outcome(answer),
      });
      expect(answer.status).toBe(401);
    }
  });

  it('a rotation stops the old token at once; a revocation stops the credential', async () => {
    const rotated = await http('providerB', 'POST', `/intake/credentials/${credential.id}/rotate`);
    expect(rotated.status, rotated.text).toBe(200);
    const fresh = (rotated.body as { data: Credential }).data.token!;
    expect(fresh).not.toBe(token);
    expect((await withToken(token, 'GET', '/intake/columns')).status).toBe(401);
    expect((await withToken(fresh, 'GET', '/intake/columns')).status).toBe(200);
    const revoked = await http('providerB', 'POST', `/intake/credentials/${credential.id}/revoke`);
    expect((revoked.body as { data: Credential }).data.revoked_at).not.toBeNull();
    const after = await withToken(fresh, 'POST', '/intake/residents', { rows: [row(5, locationB().name)] });
    tried({
      attack: 'credentials',
      actor: 'revoked credential',
      channel: 'REST',
      what: 'POST residents',
      outcome: outcome(after),
    });
    expect(after.status).toBe(401);
    const again = await http('providerB', 'POST', `/intake/credentials/${credential.id}/rotate`);
    expect(again.code).toBe('INTAKE_CREDENTIAL_REVOKED');
    const user = (await testDatabase()('directus_users').where('id', credential.user).first()) as { status: string };
    expect(user.status).toBe('suspended');
  });
});
