/**
 * Attack class 4: the consent is the migrant's.
 *
 * - Only the migrant's own provider prints a letter (a fresh link); every other role and anonymous get the same
 *   403, for a hidden migrant as for one that does not exist.
 * - Printing or resending never changes a signed consent, never breaks its revocation link, never resets the
 *   failed attempts; the lock after five wrong dates of birth holds under 20 parallel wrong tries and a right one.
 * - The evidence names the channel (e-mail, or a letter printed by whom and when): in the signed record, on the
 *   receipt, and in the clerk's view (REST and GraphQL).
 * - Whom to ask about a link that does not work: the page's shell names the municipalities' contacts (public
 *   bodies), the same for every visitor and never a provider, a person or anything of a link; a session names
 *   only the migrant's own municipality, and only to the holder of the link.
 * - Limits key on the client address as Directus resolves it behind the trusted proxy, not on the client's own
 *   X-Forwarded-For; wrong logins are limited per address before they can suspend an account; a flood of
 *   session requests is refused fast with 429 while a clerk's task list still answers.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createItem } from '@directus/sdk';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_ORGANISATION_IDS as ORG } from '../../../scripts/demo-data.js';
import { as, demoData, directusUrl } from '../../support/as-user.js';
import { ConsentApi, dateParts, tokensTo, waitForMail } from '../../support/consent.js';
import { closeTestDatabase, testDatabase } from '../../support/database.js';
import { ACTORS, gql, http, printAttackTable, tried, type Actor } from './support.js';

type Row = Record<string, unknown>;
const DATE_OF_BIRTH = '1988-11-05';
const WRONG = { day: 2, month: 2, year: 1980 };
const today = new Date().toISOString().slice(0, 10);
let counter = 0;

printAttackTable("consent: the consent is the migrant's");
afterAll(() => closeTestDatabase());

const locationA = () =>
  demoData().locations.find((l) => l.provider === ORG.providerA && l.municipality === ORG.gemeenteA)!;

/** A new migrant of provider A housed in gemeente A, with or without an e-mail address. */
async function registerMigrant(withEmail: boolean): Promise<{ id: string; email: string | null }> {
  const tag = `${Date.now().toString(36)}a${counter++}`;
  const email = withEmail ? `attack.${tag}@example.org` : null;
  const providerA = await as('providerA');
  const migrant = (await providerA.request(
    createItem('migrants', {
      first_names: 'Ioana',
      surname: `Atac-${tag}`,
      date_of_birth: DATE_OF_BIRTH,
      nationality: 'RO',
      language: 'ro',
      email,
      arrival_date: today,
      expected_departure_date: '2099-01-01',
    }),
  )) as { id: string };
  await providerA.request(createItem('stays', { migrant: migrant.id, location: locationA().id, start_date: today }));
  return { id: migrant.id, email };
}

async function consentOf(migrant: string): Promise<Row> {
  const rows = (await testDatabase()('consents').where('migrant', migrant)) as Row[];
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

function letter(actor: Actor, migrant: string) {
  return http(actor, 'POST', '/consent/letters', { migrant });
}

function letterToken(html: string): string {
  return /class="letter__link">[^<]*#t=([A-Za-z0-9_-]{64})</.exec(html)![1]!;
}

async function userId(email: string): Promise<string> {
  return String(
    ((await testDatabase()('directus_users').select('id').where('email', email).first()) as { id: string }).id,
  );
}

async function signWith(
  token: string,
  client?: ConsentApi,
): Promise<{ status: number; receipt: string; revokeToken: string }> {
  const api = client ?? (await new ConsentApi().start());
  const session = (await api.post<{ text: { sha256: string } }>('session', { token })).body.data!;
  const signed = await api.post<{ receipt: string; revokeToken: string }>('sign', {
    token,
    dateOfBirth: dateParts(DATE_OF_BIRTH),
    fullName: 'Ioana Atac',
    agree: true,
    language: 'ro',
    textSha256: session.text.sha256,
  });
  return {
    status: signed.status,
    receipt: signed.body.data?.receipt ?? '',
    revokeToken: signed.body.data?.revokeToken ?? '',
  };
}

describe("letters: only the migrant's own provider", () => {
  it('gives the own provider a letter, every other role one and the same 403, hidden, visible or missing, and anonymous a 401', async () => {
    const { id } = await registerMigrant(false);
    const missing = randomUUID();
    for (const actor of ACTORS) {
      const own = await letter(actor, id);
      const none = await letter(actor, missing);
      const garbage = await letter(actor, "x' OR 1=1 --");
      tried({
        attack: 'malformed-input',
        actor,
        channel: 'REST',
        what: 'POST /consent/letters with a migrant id that is no UUID',
        outcome: String(garbage.status),
      });
      expect(garbage.status, actor).toBe(actor === 'public' ? 401 : 403);
      tried({
        attack: 'consent',
        actor,
        channel: 'REST',
        what: 'POST /consent/letters for a migrant of provider A',
        outcome: String(own.status),
      });
      tried({
        attack: 'consent',
        actor,
        channel: 'REST',
        what: 'POST /consent/letters for a migrant that does not exist',
        outcome: String(none.status),
      });
      if (actor === 'providerA') {
        expect(own.status).toBe(200);
        expect(own.text).toContain('letter__link');
        expect(none.status).toBe(403);
        expect(garbage.body).toEqual(none.body);
      } else {
        expect(own.status, actor).toBe(actor === 'public' ? 401 : 403);
        expect(none.status, actor).toBe(own.status);
        expect(own.body, actor).toEqual(none.body);
      }
    }
    // the letter's link is the only one: what other roles tried created nothing
    expect((await consentOf(id))['channel']).toBe('letter');
  });
});

describe('printing and resending never undo a decision', () => {
  it('leaves a signed consent and its revocation link alone, whoever prints or resends', async () => {
    const { id, email } = await registerMigrant(true);
    const mail = await waitForMail(email!);
    const signed = await signWith(mail.token);
    expect(signed.status).toBe(200);
    const before = await consentOf(id);
    expect(before['status']).toBe('signed');

    const printed = await letter('providerA', id);
    tried({
      attack: 'consent',
      actor: 'providerA',
      channel: 'REST',
      what: 'print a letter for a migrant who signed',
      outcome: String(printed.status),
    });
    expect(printed.status).toBe(409);
    const resent = await http('admin', 'POST', `/consent/invitations/${String(before['id'])}/resend`, {});
    tried({
      attack: 'consent',
      actor: 'admin',
      channel: 'REST',
      what: 'resend the invitation of a signed consent',
      outcome: String(resent.status),
    });
    expect(resent.status).toBe(409);
    const withdrawn = await http('admin', 'POST', `/consent/invitations/${String(before['id'])}/withdraw`, {});
    tried({
      attack: 'consent',
      actor: 'admin',
      channel: 'REST',
      what: 'withdraw the invitation of a signed consent',
      outcome: String(withdrawn.status),
    });
    expect(withdrawn.status).toBe(409);

    const after = await consentOf(id);
    for (const field of ['status', 'token_hash', 'signed_at', 'failed_attempts', 'channel', 'sent_at'])
      expect(after[field], field).toEqual(before[field]);
    // the migrant's revocation link still works
    const session = await (
      await new ConsentApi().start()
    ).post<{ state: string }>('session', { token: signed.revokeToken });
    expect(session.status).toBe(200);
    expect(session.body.data?.state).toBe('signed');
    expect(tokensTo(email!).size).toBe(1);
  });

  it('leaves a refused consent alone', async () => {
    const { id, email } = await registerMigrant(true);
    const mail = await waitForMail(email!);
    const api = await new ConsentApi().start();
    const session = (await api.post<{ text: { sha256: string } }>('session', { token: mail.token })).body.data!;
    expect(
      (
        await api.post('refuse', {
          token: mail.token,
          dateOfBirth: dateParts(DATE_OF_BIRTH),
          language: 'ro',
          textSha256: session.text.sha256,
        })
      ).status,
    ).toBe(200);
    const before = await consentOf(id);
    const printed = await letter('providerA', id);
    tried({
      attack: 'consent',
      actor: 'providerA',
      channel: 'REST',
      what: 'print a letter for a migrant who refused',
      outcome: String(printed.status),
    });
    expect(printed.status).toBe(409);
    const withdrawn = await http('admin', 'POST', `/consent/invitations/${String(before['id'])}/withdraw`, {});
    expect(withdrawn.status).toBe(409);
    expect(await consentOf(id)).toEqual(before);
  });

  it('keeps the failed attempts when a new letter is printed', async () => {
    const { id } = await registerMigrant(false);
    const first = await letter('providerA', id);
    const api = await new ConsentApi().start();
    for (let attempt = 0; attempt < 2; attempt++)
      expect((await api.post('verify', { token: letterToken(first.text), dateOfBirth: WRONG })).status).toBe(422);
    const second = await letter('providerA', id);
    tried({
      attack: 'consent',
      actor: 'providerA',
      channel: 'REST',
      what: 'print a new letter after 2 wrong dates of birth',
      outcome: `${second.status}, failed_attempts ${String((await consentOf(id))['failed_attempts'])}`,
    });
    expect(second.status).toBe(200);
    expect((await consentOf(id))['failed_attempts']).toBe(2);
    const session = await api.post<{ attemptsLeft: number }>('session', { token: letterToken(second.text) });
    expect(session.body.data?.attemptsLeft).toBe(3);
    // the old letter's link is dead
    expect((await api.post('session', { token: letterToken(first.text) })).status).toBe(404);
  });
});

describe('the lock after five wrong dates of birth', () => {
  it('holds under 20 parallel wrong attempts: exactly five counted, locked, and the right date refused after', async () => {
    const { id, email } = await registerMigrant(true);
    const mail = await waitForMail(email!);
    const api = await new ConsentApi('198.51.100.44').start();
    // The 20 wrong ones race each other; the right one is sent once they are all in, so its answer does not hang
    // on which request the server happened to take first (a right date among the first five would rightly pass).
    const wrong = await Promise.all(
      Array.from({ length: 20 }, () => api.post('verify', { token: mail.token, dateOfBirth: WRONG })),
    );
    const right = await api.post('verify', { token: mail.token, dateOfBirth: dateParts(DATE_OF_BIRTH) });
    const answers = [...wrong, right];
    const statuses = answers.map((answer) => answer.status);
    tried({
      attack: 'consent',
      actor: 'public',
      channel: 'page',
      what: '20 parallel wrong dates of birth and 1 right one',
      outcome: `right: ${statuses[20]}; wrong: ${[...new Set(statuses.slice(0, 20))].join('/')}`,
    });
    expect(statuses[20]).not.toBe(200);
    // exactly five are counted (below): four say "wrong, try again", the one that locks says so (423), and every
    // other answer is the dead link's 404 (which request gets which answer depends on the interleaving; the counts do not)
    const count = (status: number) => statuses.slice(0, 20).filter((answer) => answer === status).length;
    expect({ wrong: count(422), locked: count(423), dead: count(404) }).toEqual({ wrong: 4, locked: 1, dead: 15 });
    const row = await consentOf(id);
    expect(row['failed_attempts']).toBe(5);
    expect(row['locked_at']).not.toBeNull();
    expect((await api.post('verify', { token: mail.token, dateOfBirth: dateParts(DATE_OF_BIRTH) })).status).toBe(404);
    expect((await letter('providerA', id)).status).toBe(409);
  });
});

describe('the evidence names the channel', () => {
  it("a consent signed after a printed letter: who printed it and when, in the record, the receipt and the clerk's view", async () => {
    const { id } = await registerMigrant(false);
    const printed = await letter('providerA', id);
    expect(printed.status).toBe(200);
    const signed = await signWith(letterToken(printed.text));
    expect(signed.status).toBe(200);
    const printer = await userId('provider-a@example.org');

    const stored = (await testDatabase()('consent_records')
      .where('consent', String((await consentOf(id))['id']))
      .first()) as Row;
    expect(stored).toMatchObject({ channel: 'letter', printed_by: printer });
    const record = JSON.parse(String(stored['record'])) as { channel: { via: string; printedBy: string; at: string } };
    expect(record.channel).toMatchObject({ via: 'letter', printedBy: printer });
    expect(record.channel.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // in the migrant's language (Romanian here)
    expect(signed.receipt).toMatch(/Invitație primită: ca scrisoare/);
    expect(signed.receipt).toContain('"channel":{"at":');

    const rest = await http(
      'clerkA',
      'GET',
      `/items/consents?filter[migrant][_eq]=${id}&fields=channel,sent_at,printed_by,status`,
    );
    tried({
      attack: 'evidence',
      actor: 'clerkA',
      channel: 'REST',
      what: 'read the channel of a consent',
      outcome: `${rest.status} ${JSON.stringify((rest.body as { data?: unknown }).data)}`,
    });
    expect(rest.status).toBe(200);
    expect((rest.body as { data: Row[] }).data[0]).toMatchObject({
      channel: 'letter',
      printed_by: printer,
      status: 'signed',
    });
    const graph = await gql(
      'clerkA',
      `query { consents(filter: { migrant: { id: { _eq: "${id}" } } }) { channel sent_at printed_by } }`,
    );
    tried({
      attack: 'evidence',
      actor: 'clerkA',
      channel: 'GraphQL',
      what: 'read the channel of a consent',
      outcome: JSON.stringify(graph.data ?? graph.body),
    });
    expect((graph.data?.['consents'] as Row[] | undefined)?.[0]).toMatchObject({
      channel: 'letter',
      printed_by: printer,
    });
  });

  it('a consent signed after an e-mail says e-mail', async () => {
    const { id, email } = await registerMigrant(true);
    const mail = await waitForMail(email!);
    expect((await signWith(mail.token)).status).toBe(200);
    const stored = (await testDatabase()('consent_records')
      .where('consent', String((await consentOf(id))['id']))
      .first()) as Row;
    expect(stored).toMatchObject({ channel: 'email', printed_by: null });
    expect(JSON.parse(String(stored['record']))).toMatchObject({ channel: { via: 'email', printedBy: null } });
  });
});

describe('whom to ask: municipalities only, the same for everyone', () => {
  /** The help contacts the page's shell carries, as a visitor (with or without a link in the fragment) gets them. */
  async function shellHelp(forwardedFor: string): Promise<Array<{ name: string; email: string }>> {
    const response = await fetch(`${directusUrl()}/consent/`, { headers: { 'X-Forwarded-For': forwardedFor } });
    const content = /<meta name="consent-help" content="([^"]*)"/.exec(await response.text())?.[1] ?? '';
    return JSON.parse(content.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))) as Array<{
      name: string;
      email: string;
    }>;
  }

  it('names the municipalities with a contact address in the shell, and never a provider or a person', async () => {
    const first = await shellHelp('198.51.100.7');
    tried({
      attack: 'help contacts',
      actor: 'anonymous',
      channel: 'REST',
      what: 'read the consent page shell',
      outcome: JSON.stringify(first),
    });
    const emails = first.map((contact) => contact.email);
    // every municipality with an address as it is now (other test files may change one), and nothing else
    const municipalities = (await testDatabase()('organisations')
      .select('email')
      .where('type', 'gemeente')
      .whereNotNull('email')) as Row[];
    for (const municipality of municipalities) expect(emails).toContain(municipality['email']);
    // every address named is a municipality's (other test files may add municipalities; never anything else)
    const named = (await testDatabase()('organisations').select('type').whereIn('email', emails)) as Row[];
    expect(named.map((row) => row['type'])).toEqual(emails.map(() => 'gemeente'));
    expect(await shellHelp('203.0.113.9')).toEqual(first);
  });

  it("names in a session only the migrant's own municipality, and only to the holder of the link", async () => {
    const { email } = await registerMigrant(true);
    const mail = await waitForMail(email!);
    const client = await new ConsentApi('192.0.2.61').start();
    const session = await client.post<{ help: unknown }>('session', { token: mail.token });
    const own = (await testDatabase()('organisations')
      .select('name', 'email')
      .where('id', ORG.gemeenteA)
      .first()) as Row;
    expect(session.body.data?.help).toEqual({ name: own['name'], email: own['email'] });
    const stranger = await client.post('session', {
      token: `${mail.token.slice(0, 63)}${mail.token.endsWith('A') ? 'B' : 'A'}`,
    });
    tried({
      attack: 'help contacts',
      actor: 'anonymous',
      channel: 'REST',
      what: 'read a session with a wrong token',
      outcome: `${stranger.status} ${JSON.stringify(stranger.body)}`,
    });
    expect(stranger.status).toBe(404);
    expect(JSON.stringify(stranger.body)).not.toContain(String(own['email']));
  });
});

describe('limits key on the address Directus resolves, and protect the clerks', () => {
  it('limits wrong logins per address before they can suspend an account; a spoofed X-Forwarded-For does not help', async () => {
    const attacker = '198.51.100.66';
    const login = (password: string, forwarded: string) =>
      fetch(`${directusUrl()}/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': forwarded },
        body: JSON.stringify({ email: 'inspector-a@example.org', password }),
      });
    const statuses: number[] = [];
    // 30 wrong passwords (more than Directus's 25 that suspend), each with another address the client made up
    for (let index = 0; index < 30; index++)
      statuses.push((await login('wrong-password', `10.66.0.${index}, ${attacker}`)).status);
    tried({
      attack: 'consent',
      actor: 'public',
      channel: 'REST',
      what: '30 wrong logins for inspector-a, spoofing X-Forwarded-For each time',
      outcome: `${statuses.filter((s) => s === 401).length}x401, ${statuses.filter((s) => s === 429).length}x429`,
    });
    expect(statuses.slice(0, 10).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(10).every((status) => status === 429)).toBe(true);
    const graphql = await fetch(`${directusUrl()}/graphql/system`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': `10.66.1.1, ${attacker}` },
      body: JSON.stringify({
        query: 'mutation { auth_login(email: "inspector-a@example.org", password: "wrong-password") { access_token } }',
      }),
    });
    const graphqlBody = (await graphql.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
    tried({
      attack: 'consent',
      actor: 'public',
      channel: 'GraphQL',
      what: 'auth_login from the limited address',
      outcome: graphqlBody.errors?.[0]?.extensions?.code ?? String(graphql.status),
    });
    expect(graphqlBody.errors?.[0]?.extensions?.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
    // the account is not suspended: its owner logs in from elsewhere
    const owner = await login('demo-password', '198.51.100.67');
    tried({
      attack: 'consent',
      actor: 'inspectorA',
      channel: 'REST',
      what: 'log in from another address after the attack',
      outcome: String(owner.status),
    });
    expect(owner.status).toBe(200);
    expect(
      (
        (await testDatabase()('directus_users').select('status').where('email', 'inspector-a@example.org').first()) as {
          status: string;
        }
      ).status,
    ).toBe('active');
  });

  it("answers a flood of session requests with fast 429s while a clerk's task list still answers", async () => {
    const api = await new ConsentApi('198.51.100.88').start();
    const clerk: number[] = [];
    const flood: Array<{ status: number; code: string | undefined }> = [];
    // well-formed tokens of requests that do not exist: each costs the full argon2 check, none shares a link limit
    const token = () =>
      Buffer.concat([Buffer.from(randomUUID().replace(/-/g, ''), 'hex'), randomBytes(32)]).toString('base64url');
    for (let wave = 0; wave < 5 && !flood.some((answer) => answer.code === 'busy'); wave++) {
      const requests = Array.from({ length: 120 }, () => api.post('session', { token: token() }));
      const tasks = http('clerkA', 'GET', '/items/tasks?limit=5&fields=id');
      const [answers, list] = await Promise.all([Promise.all(requests), tasks]);
      flood.push(...answers.map((answer) => ({ status: answer.status, code: answer.body.error?.code })));
      clerk.push(list.status);
    }
    const busy = flood.filter((answer) => answer.code === 'busy');
    tried({
      attack: 'consent',
      actor: 'public',
      channel: 'page',
      what: `${flood.length} parallel session requests`,
      outcome: `${busy.length}x429 busy, others ${[...new Set(flood.filter((a) => a.code !== 'busy').map((a) => a.status))].join('/')}`,
    });
    tried({
      attack: 'consent',
      actor: 'clerkA',
      channel: 'REST',
      what: 'GET /items/tasks during the flood',
      outcome: clerk.join(','),
    });
    expect(busy.length).toBeGreaterThan(0);
    // the excess is refused at once (429 busy); every other request was checked and its link not found (404). The
    // test instance has Directus's pressure limiter off (scripts/lib/ephemeral-platform.ts): the platform decides.
    expect(new Set(flood.map((answer) => `${answer.status} ${answer.code}`))).toEqual(
      new Set(['429 busy', '404 invalid_link']),
    );
    expect(clerk.every((status) => status === 200)).toBe(true);
  });
});
