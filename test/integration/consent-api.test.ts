/**
 * The migrant's consent over HTTP, against the real platform: the invitation (a mail in the migrant's language
 * through the Flow, an argon2id hash stored, never the token), signing and revoking change what the clerk sees
 * at once, the evidence verifies with openssl and `consent:verify`, wrong/expired/withdrawn/used links are
 * indistinguishable, five wrong birth dates lock, CSRF and rate limits, the strict CSP, the printed letter,
 * the administrator's resend and withdraw flows, and the publish rule of consent texts.
 */
import { createItem, customEndpoint, readItems, updateItem, updateItems } from '@directus/sdk';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { DEMO_ORGANISATION_IDS as ORG } from '../../scripts/demo-data.js';
import { runConsentVerify } from '../../scripts/lib/consent-database.js';
import { certificateFingerprint } from '../../extensions/labour-platform/src/domain/consent/signature.js';
import { projectRoot } from '../../scripts/lib/project.js';
import { as, attempt, demoData, directusUrl } from '../support/as-user.js';
import { ConsentApi, dateParts, tokensTo, verifyReceiptWithOpenssl, waitForMail } from '../support/consent.js';
import { closeTestDatabase, testDatabase } from '../support/database.js';

type Row = Record<string, unknown>;
const today = new Date().toISOString().slice(0, 10);
const DATE_OF_BIRTH = '1991-04-23';
const locationA = () =>
  demoData().locations.find((l) => l.provider === ORG.providerA && l.municipality === ORG.gemeenteA)!;
let counter = 0;

/** A new migrant of provider A, housed in gemeente A (so the municipality has an open task), with an e-mail address. */
async function registerMigrant(language = 'pl', withEmail = true): Promise<{ id: string; email: string | null }> {
  const tag = `${Date.now().toString(36)}${counter++}`;
  const email = withEmail ? `consent.${tag}@example.org` : null;
  const providerA = await as('providerA');
  const migrant = (await providerA.request(
    createItem('migrants', {
      first_names: `Agnieszka Maria`,
      surname: `Testowa-${tag}`,
      date_of_birth: DATE_OF_BIRTH,
      nationality: 'PL',
      language,
      email,
      arrival_date: today,
      expected_departure_date: '2099-01-01',
    }),
  )) as { id: string };
  await providerA.request(createItem('stays', { migrant: migrant.id, location: locationA().id, start_date: today }));
  return { id: migrant.id, email };
}

async function consentOf(migrant: string): Promise<Row> {
  const rows = await testDatabase()('consents').where('migrant', migrant);
  expect(rows).toHaveLength(1);
  return rows[0] as Row;
}

async function clerkSees(migrant: string): Promise<Row> {
  await expect
    .poll(
      async () =>
        (
          (await (
            await as('admin')
          ).request(
            readItems('tasks', {
              filter: { _and: [{ migrant: { _eq: migrant } }, { status: { _eq: 'open' } }] },
              fields: ['id'],
            }),
          )) as Row[]
        ).length,
    )
    .toBe(1);
  const rows = (await (
    await as('clerkA')
  ).request(
    readItems('migrants', { filter: { id: { _eq: migrant } }, fields: ['id', 'first_names', 'date_of_birth'] }),
  )) as Row[];
  return rows[0]!;
}

const api = () => new ConsentApi().start();
const RESEND_FLOW = '40000000-0000-4000-8000-000000000011';
const WITHDRAW_FLOW = '40000000-0000-4000-8000-000000000012';

/** What the administrator's button on a consent request does: run the manual flow for that item. */
async function pressFlowButton(actor: 'admin' | 'providerA', flow: string, consent: unknown) {
  const client = await as(actor);
  return attempt(
    client.request(
      customEndpoint({
        method: 'POST',
        path: `/flows/trigger/${flow}`,
        body: JSON.stringify({ collection: 'consents', keys: [consent] }),
      }),
    ),
  );
}

afterAll(() => closeTestDatabase());

describe('consent invitation', () => {
  it('invites a migrant registered with an e-mail address, in their language, storing only an argon2id hash', async () => {
    const { id, email } = await registerMigrant('ro');
    const mail = await waitForMail(email!);
    expect(mail.subject).toBe('Vă rugăm să răspundeți: putem transmite datele dumneavoastră primăriei?');
    expect(mail.html).toContain('Bună ziua, Agnieszka,');
    expect(mail.html).not.toContain('Testowa');
    expect(mail.link).toBe(`${directusUrl()}/consent/#t=${mail.token}`);
    // 16 bytes of request id and 32 random bytes: 256 bits nobody can guess
    expect(Buffer.from(mail.token, 'base64url')).toHaveLength(48);

    const consent = await consentOf(id);
    expect(consent).toMatchObject({ status: 'requested', language: 'ro', channel: 'email', failed_attempts: 0 });
    expect(String(consent['token_hash'])).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(JSON.stringify(await testDatabase()('consents').where('id', String(consent['id'])))).not.toContain(
      mail.token,
    );
    const expires = new Date(
      typeof consent['expires_at'] === 'number' ? consent['expires_at'] : String(consent['expires_at']),
    ).getTime();
    expect(Math.abs(expires - (Date.now() + 30 * 86_400_000))).toBeLessThan(10 * 60_000);

    const session = await (await api()).post<Row>('session', { token: mail.token });
    expect(session.status).toBe(200);
    expect(session.body.data).toMatchObject({
      state: 'open',
      firstName: 'Agnieszka',
      language: 'ro',
      providerName: expect.stringContaining('Polderlogies'),
      text: { language: 'ro', version: '2026-01' },
    });
    // nothing personal beyond the first name
    expect(JSON.stringify(session.body)).not.toMatch(/Testowa|1991|consent\.|Maria/);
  });

  it('creates no request for a migrant without an e-mail address; the provider prints a letter with a QR code instead', async () => {
    const { id } = await registerMigrant('bg', false);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await testDatabase()('consents').where('migrant', id)).toHaveLength(0);

    const providerA = await as('providerA');
    const token = await (providerA as unknown as { getToken(): Promise<string | null> }).getToken();
    const letter = await fetch(`${directusUrl()}/consent/letters`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ migrant: id }),
    });
    expect(letter.status).toBe(200);
    expect(letter.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await letter.text();
    expect(html).toContain('<html lang="bg" dir="ltr">');
    expect(html).toContain('Съгласие за споделяне на вашите данни');
    expect(html).toMatch(/<svg [^>]*role="img"[^>]*aria-label="QR code"/);
    // the print button (not printed) in the language of the provider who prints it (provider A reads Dutch)
    expect(html).toContain('data-print>Afdrukken</button>');
    const link = /class="letter__link">([^<]+)</.exec(html)![1]!;
    const letterToken = link.split('#t=')[1]!;
    expect((await consentOf(id))['channel']).toBe('letter');
    expect((await (await api()).post('session', { token: letterToken })).status).toBe(200);

    // another provider may not print it (test/integration/attacks/consent.test.ts tries every role)
    const providerB = await as('providerB');
    const other = await fetch(`${directusUrl()}/consent/letters`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${await (providerB as unknown as { getToken(): Promise<string | null> }).getToken()}`,
      },
      body: JSON.stringify({ migrant: id }),
    });
    expect(other.status).toBe(403);
    const anonymous = await fetch(`${directusUrl()}/consent/letters`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ migrant: id }),
    });
    expect(anonymous.status).toBe(401);
    // printing again replaces the link
    const again = await (
      await fetch(`${directusUrl()}/consent/letters`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ migrant: id }),
      })
    ).text();
    expect(/class="letter__link">([^<]+)</.exec(again)![1]).not.toBe(link);
    expect((await (await api()).post('session', { token: letterToken })).status).toBe(404);
  });
});

describe('signing and revoking', () => {
  it('a consent signed, then revoked, changes what the clerk sees, with evidence that openssl and consent:verify accept', async () => {
    const { id, email } = await registerMigrant('pl');
    const mail = await waitForMail(email!);
    expect(await clerkSees(id)).toMatchObject({
      date_of_birth: '•••',
      privacy: { shielded: true, reason: 'no_consent' },
    });

    const client = await api();
    const session = (
      await client.post<{ text: { sha256: string; language: string } }>('session', { token: mail.token })
    ).body.data!;
    const signed = await client.post<{ receipt: string; revokeLink: string; action: string; at: string }>('sign', {
      token: mail.token,
      dateOfBirth: dateParts(DATE_OF_BIRTH),
      fullName: 'Agnieszka Maria Testowa',
      agree: true,
      language: 'pl',
      textSha256: session.text.sha256,
    });
    expect(signed.status).toBe(200);
    expect(signed.body.data!.action).toBe('sign');

    // at once: the clerk sees the data
    expect(await clerkSees(id)).toMatchObject({ first_names: 'Agnieszka Maria', date_of_birth: DATE_OF_BIRTH });
    const consent = await consentOf(id);
    expect(consent).toMatchObject({ status: 'signed', text_version: '2026-01', language: 'pl' });

    // the receipt: in Polish, with the revocation link and evidence that the real openssl verifies
    const receipt = signed.body.data!.receipt;
    expect(receipt).toContain('Potwierdzenie: zgoda na udostępnienie Twoich danych');
    expect(receipt).toContain(signed.body.data!.revokeLink);
    const verified = verifyReceiptWithOpenssl(receipt, inject('consentCertificatePem'));
    expect(verified.stderr).toContain('Verification successful');
    expect(verified.status).toBe(0);
    const record = JSON.parse(verified.record) as Row;
    expect(record).toMatchObject({
      action: 'sign',
      language: 'pl',
      textVersion: '2026-01',
      textSha256: session.text.sha256,
      consent: consent['id'],
      previousHash: null,
    });
    expect(String(record['subject'])).toMatch(/^p1:[0-9a-f]{64}$/);
    expect(verified.record).not.toMatch(/Agnieszka|Testowa|1991/);

    // the invitation link is used up; the revocation link opens the signed consent
    expect((await client.post('session', { token: mail.token })).status).toBe(404);
    const revokeToken = signed.body.data!.revokeLink.split('#t=')[1]!;
    const signedSession = await client.post<Row>('session', { token: revokeToken });
    expect(signedSession.body.data).toMatchObject({ state: 'signed', signedAt: expect.any(String) });
    const again = await client.post<{ receipt: string }>('receipt', { token: revokeToken });
    expect(verifyReceiptWithOpenssl(again.body.data!.receipt).status).toBe(0);

    // revoking: no more steps than signing (the date of birth and one button), effective at once
    const revoked = await client.post<{ receipt: string; action: string }>('revoke', {
      token: revokeToken,
      dateOfBirth: dateParts(DATE_OF_BIRTH),
      language: 'pl',
      textSha256: session.text.sha256,
    });
    expect(revoked.status).toBe(200);
    expect(await clerkSees(id)).toMatchObject({
      date_of_birth: '•••',
      privacy: { shielded: true, reason: 'no_consent' },
    });
    expect(await consentOf(id)).toMatchObject({ status: 'revoked', token_hash: null });
    const revokeRecord = JSON.parse(verifyReceiptWithOpenssl(revoked.body.data!.receipt).record) as Row;
    expect(revokeRecord).toMatchObject({ action: 'revoke', subject: record['subject'] });
    expect(revokeRecord['previousHash']).toMatch(/^[0-9a-f]{64}$/);
    expect((await client.post('session', { token: revokeToken })).status).toBe(404);

    // the chain in the database: `consent:verify` accepts every record, then names the one that was changed
    const run = async () => {
      const out: string[] = [];
      const code = await runConsentVerify({
        root: projectRoot,
        processEnv: {
          ...inject('databaseEnv'),
          SECRET: 'x'.repeat(32),
          CONSENT_SIGNING_CERT: inject('consentCertificatePem'),
        },
        argv: [],
        out: (line) => out.push(line),
        err: (line) => out.push(line),
      });
      return { code, out };
    };
    const clean = await run();
    expect(clean.out.join('\n')).toContain(`ok   ${String(record['subject'])}: 2 records`);
    const rows = await testDatabase()('consent_records').where('chain', String(record['subject'])).orderBy('sequence');
    await testDatabase()('consent_records')
      .where('id', rows[1]!['id'])
      .update({ record: String(rows[1]!['record']).replace('"revoke"', '"sign"') });
    const tampered = await run();
    expect(tampered.code).toBe(1);
    expect(tampered.out.join('\n')).toMatch(new RegExp(`#2 ${String(rows[1]!['id'])}: bad_signature`));
    await testDatabase()('consent_records').where('id', rows[1]!['id']).update({ record: rows[1]!['record'] });
  });

  it('refusing keeps the data masked and leaves a signed record', async () => {
    const { id, email } = await registerMigrant('bg');
    const mail = await waitForMail(email!);
    const client = await api();
    const session = (await client.post<{ text: { sha256: string } }>('session', { token: mail.token })).body.data!;
    const refused = await client.post<{ receipt: string }>('refuse', {
      token: mail.token,
      dateOfBirth: dateParts(DATE_OF_BIRTH),
      language: 'bg',
      textSha256: session.text.sha256,
    });
    expect(refused.status).toBe(200);
    expect(await consentOf(id)).toMatchObject({ status: 'refused', token_hash: null });
    expect(await clerkSees(id)).toMatchObject({ date_of_birth: '•••' });
    expect(verifyReceiptWithOpenssl(refused.body.data!.receipt).status).toBe(0);
    expect((await client.post('session', { token: mail.token })).status).toBe(404);
  });

  it('refuses to sign without the name, the check, or the text that is published now', async () => {
    const { email } = await registerMigrant('pl');
    const mail = await waitForMail(email!);
    const client = await api();
    const session = (await client.post<{ text: { sha256: string } }>('session', { token: mail.token })).body.data!;
    const base = {
      token: mail.token,
      dateOfBirth: dateParts(DATE_OF_BIRTH),
      fullName: 'Agnieszka Testowa',
      agree: true,
      language: 'pl',
      textSha256: session.text.sha256,
    };
    expect((await client.post('sign', { ...base, fullName: ' ' })).body.error).toMatchObject({
      code: 'invalid_input',
      field: 'full_name',
    });
    expect((await client.post('sign', { ...base, agree: 'yes' })).body.error).toMatchObject({
      code: 'invalid_input',
      field: 'agree',
    });
    expect((await client.post('sign', { ...base, textSha256: 'f'.repeat(64) })).status).toBe(409);
    expect((await client.post('sign', { ...base, language: 'de' })).status).toBe(400);
    expect((await client.post('revoke', base)).status).toBe(409);
  });

  it('a receipt fetched later shows the text as it was signed, after the municipality changed its privacy details', async () => {
    const { email } = await registerMigrant('en');
    const mail = await waitForMail(email!);
    const client = await api();
    const session = (await client.post<{ text: { sha256: string; body: string } }>('session', { token: mail.token }))
      .body.data!;
    const dpoBefore = String(
      demoData().organisations.find((organisation) => organisation.id === ORG.gemeenteA)!.dpo_contact,
    );
    expect(session.text.body).toContain(dpoBefore);
    const signed = await client.post<{ revokeLink: string }>('sign', {
      token: mail.token,
      dateOfBirth: dateParts(DATE_OF_BIRTH),
      fullName: 'Agnieszka Maria Testowa',
      agree: true,
      language: 'en',
      textSha256: session.text.sha256,
    });
    expect(signed.status).toBe(200);
    const admin = await as('admin');
    await admin.request(updateItem('organisations', ORG.gemeenteA, { dpo_contact: 'changed-dpo@example.org' }));
    try {
      const revokeToken = signed.body.data!.revokeLink.split('#t=')[1]!;
      const again = await client.post<{ receipt: string }>('receipt', { token: revokeToken });
      expect(again.status).toBe(200);
      expect(again.body.data!.receipt).toContain(dpoBefore);
      expect(again.body.data!.receipt).not.toContain('changed-dpo@example.org');
      expect(verifyReceiptWithOpenssl(again.body.data!.receipt).status).toBe(0);
      // the page shows which certificate to check it against, with its fingerprint
      const note = (again.body.data as { certificateNote?: string }).certificateNote ?? '';
      expect(note).toContain(certificateFingerprint(inject('consentCertificatePem')));
      expect(note).toContain('/consent/certificate.pem');
    } finally {
      await admin.request(updateItem('organisations', ORG.gemeenteA, { dpo_contact: dpoBefore }));
    }
  });
});

describe('links that do not work', () => {
  it('cannot tell a wrong, a malformed, an expired, a withdrawn or a used token apart', async () => {
    const expired = await registerMigrant('hu');
    const expiredMail = await waitForMail(expired.email!);
    await testDatabase()('consents')
      .where('migrant', expired.id)
      .update({ expires_at: new Date(Date.now() - 60_000) });

    const withdrawn = await registerMigrant('lt');
    const withdrawnMail = await waitForMail(withdrawn.email!);
    const consent = await consentOf(withdrawn.id);
    // the administrator's button in the app: the manual flow "Withdraw invitation"
    const trigger = await pressFlowButton('admin', WITHDRAW_FLOW, consent['id']);
    expect(trigger.ok).toBe(true);
    expect(await consentOf(withdrawn.id)).toMatchObject({ token_hash: null, status: 'expired' });

    const wrongSecret = `${expiredMail.token.slice(0, 30)}${'A'.repeat(34)}`;
    const client = await api();
    const answers = await Promise.all(
      [expiredMail.token, withdrawnMail.token, wrongSecret, 'not-a-token', 'A'.repeat(64), ''].map((token) =>
        client.post('session', { token }),
      ),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual({ error: { code: 'invalid_link' } });
    }
  });

  it('locks a token after five wrong dates of birth', async () => {
    const { id, email } = await registerMigrant('lv');
    const mail = await waitForMail(email!);
    const client = await api();
    const wrong = { token: mail.token, dateOfBirth: { day: 2, month: 2, year: 1980 } };
    const left: unknown[] = [];
    for (let attempt = 1; attempt <= 4; attempt++)
      left.push((await client.post('verify', wrong)).body.error?.['attemptsLeft']);
    expect(left).toEqual([4, 3, 2, 1]);
    expect((await client.post('verify', wrong)).body.error?.code).toBe('locked');
    expect((await consentOf(id))['locked_at']).not.toBeNull();
    // even the right date does not help now, and the link looks like any other dead link
    expect((await client.post('verify', { token: mail.token, dateOfBirth: dateParts(DATE_OF_BIRTH) })).body).toEqual({
      error: { code: 'invalid_link' },
    });

    // resending is no new chance to guess: a locked request stays locked and gets no new link
    const seen = tokensTo(email!);
    const lockedRow = await consentOf(id);
    await pressFlowButton('admin', RESEND_FLOW, lockedRow['id']);
    expect(await consentOf(id)).toMatchObject({ failed_attempts: 5, token_hash: lockedRow['token_hash'] });
    expect((await consentOf(id))['locked_at']).not.toBeNull();
    expect(tokensTo(email!)).toEqual(seen);
  });

  it('an administrator resends an open invitation: a new link, the old one dead, the failed attempts kept', async () => {
    const { id, email } = await registerMigrant('lv');
    const mail = await waitForMail(email!);
    const client = await api();
    expect(
      (await client.post('verify', { token: mail.token, dateOfBirth: { day: 2, month: 2, year: 1980 } })).status,
    ).toBe(422);
    const seen = tokensTo(email!);
    expect((await pressFlowButton('admin', RESEND_FLOW, (await consentOf(id))['id'])).ok).toBe(true);
    const fresh = await waitForMail(email!, seen);
    expect(await consentOf(id)).toMatchObject({ failed_attempts: 1, locked_at: null, status: 'requested' });
    expect((await client.post('verify', { token: mail.token, dateOfBirth: dateParts(DATE_OF_BIRTH) })).status).toBe(
      404,
    );
    expect((await client.post('verify', { token: fresh.token, dateOfBirth: dateParts(DATE_OF_BIRTH) })).status).toBe(
      200,
    );
    // only administrators may press those buttons
    const before = (await consentOf(id))['token_hash'];
    await pressFlowButton('providerA', RESEND_FLOW, (await consentOf(id))['id']);
    expect((await consentOf(id))['token_hash']).toBe(before);
    expect((await client.post('verify', { token: fresh.token, dateOfBirth: dateParts(DATE_OF_BIRTH) })).status).toBe(
      200,
    );
  });
});

describe('the public endpoints protect themselves', () => {
  it('serves the page with a strict CSP, no inline script, and a SameSite=Strict CSRF cookie', async () => {
    const response = await fetch(`${directusUrl()}/consent/`);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('set-cookie')).toMatch(
      /^consent_csrf=[^;]+; Path=\/consent; HttpOnly; SameSite=Strict/,
    );
    const html = await response.text();
    expect(html.match(/<script[^>]*>/g)!.every((tag) => /src="\/consent\/assets\//.test(tag))).toBe(true);
    expect(html).not.toMatch(/https?:\/\//);
    const asset = /src="(\/consent\/assets\/[^"]+)"/.exec(html)![1]!;
    const script = await fetch(`${directusUrl()}${asset}`);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect(await script.text()).not.toMatch(/new Function|eval\(/);
  });

  it('refuses a POST without the CSRF header, with a foreign cookie, or as a form', async () => {
    const client = await api();
    expect((await client.post('session', { token: 'x' }, { csrf: null })).status).toBe(403);
    expect((await client.post('session', { token: 'x' }, { cookie: null })).status).toBe(403);
    const other = await api();
    expect(
      (await client.post('session', { token: 'x' }, { cookie: (other as unknown as { cookie: string }).cookie }))
        .status,
    ).toBe(403);
    expect(
      (await client.post('session', { token: 'x' }, { contentType: 'application/x-www-form-urlencoded' })).status,
    ).toBe(415);
    expect((await client.post('session', { token: 'x' })).status).toBe(404);
  });

  // The test instance counts in one window of a day (scripts/lib/ephemeral-platform.ts): whether a limit is
  // reached depends on how many requests were sent, never on how fast. The limiter's windows themselves are
  // unit-tested with a clock the test controls (test/unit/rate-limit.test.ts); `npm run bench` measures speed.
  it('limits requests per token (30 in the test instance)', async () => {
    const { email } = await registerMigrant('sk');
    const mail = await waitForMail(email!);
    const client = await new ConsentApi('198.51.100.7').start();
    const statuses: number[] = [];
    for (let index = 0; index < 31; index++)
      statuses.push((await client.post('session', { token: mail.token })).status);
    expect(statuses.slice(0, 30).every((status) => status === 200)).toBe(true);
    expect(statuses[30]).toBe(429);
  });

  it('limits requests per address (2000 in the test instance), whatever X-Forwarded-For the client adds', async () => {
    const address = '203.0.113.9';
    // behind the trusted proxy (loopback here), the proxy appends the client's address: what the client put
    // before it does not change the key
    const csrf = (index: number) =>
      fetch(`${directusUrl()}/consent/api/csrf`, {
        headers: { 'X-Forwarded-For': `10.${index % 250}.${Math.floor(index / 250) % 250}.1, ${address}` },
      });
    // small batches; an answer of Directus's own pressure limiter (503, before any count) is sent again
    let allowed = 0;
    let sent = 0;
    while (allowed < 2000) {
      const answers = await Promise.all(Array.from({ length: Math.min(10, 2000 - allowed) }, () => csrf(sent++)));
      for (const answer of answers) {
        if (answer.status === 503) continue;
        expect(answer.status).toBe(200);
        allowed++;
      }
    }
    let over = await csrf(sent++);
    while (over.status === 503) over = await csrf(sent++);
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await (await new ConsentApi('203.0.113.10').start()).post('session', { token: 'x' })).status).toBe(404);
  });
});

describe('consent texts', () => {
  it('refuses to publish a version while a required language is missing, and never changes a published text', async () => {
    const admin = await as('admin');
    const drafts = (await admin.request(
      createItem('consent_texts', {
        version: 'test-incomplete',
        language: 'nl',
        status: 'draft',
        title: 'Toestemming',
        body: 'Tekst.',
      }),
    )) as { id: string };
    const refused = await attempt(admin.request(updateItems('consent_texts', [drafts.id], { status: 'published' })));
    expect(refused.ok).toBe(false);
    expect(refused.code).toBe('FAILED_VALIDATION');
    expect(refused.message).toMatch(/Publiceren geweigerd: versie test-incomplete mist nog de talen en, pl, ro, bg/);

    const published = (await admin.request(
      readItems('consent_texts', {
        filter: { _and: [{ status: { _eq: 'published' } }, { language: { _eq: 'nl' } }] },
        fields: ['id', 'sha256'],
      }),
    )) as Row[];
    expect(published).toHaveLength(1);
    expect(String(published[0]!['sha256'])).toMatch(/^[0-9a-f]{64}$/);
    const frozen = await attempt(
      admin.request(updateItem('consent_texts', String(published[0]!['id']), { body: 'Iets anders.' })),
    );
    expect(frozen.ok).toBe(false);
    expect(frozen.code).toBe('FAILED_VALIDATION');
  });
});
