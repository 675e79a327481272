/**
 * What erasure leaves of the consent, and what it takes with it (issue 9): a migrant signs and then withdraws its
 * consent (two signed records in its chain) and is erased on request; afterwards `consent:verify` (the same code as
 * `npm run consent:verify`, pinned to the platform's published certificate) still verifies that chain and every
 * other one, the records hold none of the person's values, and the development mail stand-in's copies of the
 * person's invitations (plain text: address, first name) are gone from the mail directory, while another migrant's
 * invitation stays.
 */
import { createItem, customEndpoint } from '@directus/sdk';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { certificateFingerprint } from '../../extensions/labour-platform/src/domain/consent/signature.js';
import { consentOfMailFile } from '../../extensions/labour-platform/src/glue/retention/dev-mail.js';
import { DEMO_ORGANISATION_IDS as ORG } from '../../scripts/demo-data.js';
import { runConsentVerify } from '../../scripts/lib/consent-database.js';
import { projectRoot } from '../../scripts/lib/project.js';
import { as, attempt, demoData } from '../support/as-user.js';
import { ConsentApi, dateParts, mailDirectory, waitForMail } from '../support/consent.js';
import { closeTestDatabase, testDatabase } from '../support/database.js';

type Row = Record<string, unknown>;
const today = new Date().toISOString().slice(0, 10);
const DATE_OF_BIRTH = '1988-11-05';

afterAll(async () => {
  await closeTestDatabase();
});

async function registered(tag: string): Promise<{ id: string; email: string; surname: string }> {
  const unique = `${tag}${Date.now().toString(36)}`;
  const email = `erase.${unique.toLowerCase()}@example.org`;
  const surname = `Wymazana-${unique}`;
  const location = demoData().locations.find((l) => l.provider === ORG.providerA && l.municipality === ORG.gemeenteA)!;
  const provider = await as('providerA');
  const migrant = (await provider.request(
    createItem('migrants', {
      first_names: 'Zofia',
      surname,
      date_of_birth: DATE_OF_BIRTH,
      nationality: 'PL',
      language: 'pl',
      email,
      arrival_date: today,
      expected_departure_date: '2099-01-01',
    }),
  )) as { id: string };
  await provider.request(createItem('stays', { migrant: migrant.id, location: location.id, start_date: today }));
  return { id: migrant.id, email, surname };
}

async function verifyChains(): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const pem = inject('consentCertificatePem');
  const code = await runConsentVerify({
    root: projectRoot,
    processEnv: { ...inject('databaseEnv'), SECRET: 'x'.repeat(32), CONSENT_SIGNING_CERT: pem },
    argv: ['--fingerprint', certificateFingerprint(pem)],
    out: (line) => lines.push(line),
    err: (line) => lines.push(line),
  });
  return { code, out: lines.join('\n') };
}

const mailFiles = () => (existsSync(mailDirectory()) ? readdirSync(mailDirectory()) : []);

describe('erasure and the consent evidence', () => {
  it('the hash chain of an erased person still verifies; its invitation mails are gone, another person’s stay', async () => {
    const person = await registered('Erased');
    const other = await registered('Kept');
    const mail = await waitForMail(person.email);
    const otherMail = await waitForMail(other.email);
    // the stand-in filed each invitation under its consent request
    const consent = (await testDatabase()('consents').where('migrant', person.id).first()) as Row;
    expect(consentOfMailFile(mail.file)).toBe(String(consent['id']));
    expect(consentOfMailFile(otherMail.file)).not.toBeNull();

    // sign, then withdraw: two signed records in the person's chain
    const client = await new ConsentApi().start();
    const session = (await client.post<{ text: { sha256: string } }>('session', { token: mail.token })).body.data!;
    const signed = await client.post<{ revokeLink: string }>('sign', {
      token: mail.token,
      dateOfBirth: dateParts(DATE_OF_BIRTH),
      fullName: `Zofia ${person.surname}`,
      agree: true,
      language: 'pl',
      textSha256: session.text.sha256,
    });
    expect(signed.status).toBe(200);
    const revokeToken = signed.body.data!.revokeLink.split('#t=')[1]!;
    const revoked = await client.post('revoke', {
      token: revokeToken,
      dateOfBirth: dateParts(DATE_OF_BIRTH),
      language: 'pl',
      textSha256: session.text.sha256,
    });
    expect(revoked.status).toBe(200);
    const records = (await testDatabase()('consent_records')
      .where('consent', String(consent['id']))
      .orderBy('sequence')) as Row[];
    expect(records).toHaveLength(2);
    const chain = String(records[0]!['chain']);
    const before = await verifyChains();
    expect(before.code, before.out).toBe(0);
    expect(before.out).toContain(`ok   ${chain}: 2 records`);

    // erasure on request
    const erased = await attempt(
      (await as('admin')).request(
        customEndpoint<{ erased: Row }>({
          method: 'POST',
          path: `/privacy/migrants/${person.id}/erase`,
          body: JSON.stringify({ reason: 'Verzoek betrokkene 2026-41' }),
        }),
      ),
    );
    expect(erased.ok, JSON.stringify(erased)).toBe(true);
    const db = testDatabase();
    expect(await db('migrants').where('id', person.id).first()).toBeUndefined();

    // the evidence outlives the person: the same records, unchanged, and the chain verifies against the pinned certificate
    const after = (await db('consent_records').where('chain', chain).orderBy('sequence')) as Row[];
    expect(after.map((row) => [row['id'], row['record'], row['signature']])).toEqual(
      records.map((row) => [row['id'], row['record'], row['signature']]),
    );
    const verified = await verifyChains();
    expect(verified.code, verified.out).toBe(0);
    expect(verified.out).toContain(`ok   ${chain}: 2 records`);
    // the request it hangs off no longer names the person, and nothing in the records does
    expect(await db('consents').where('id', String(consent['id'])).first()).toMatchObject({
      migrant: null,
      token_hash: null,
    });
    const evidence = after.map((row) => `${String(row['record'])}${String(row['signature'])}`).join('\n');
    for (const value of ['Zofia', person.surname, person.email, DATE_OF_BIRTH, person.id])
      expect(evidence).not.toContain(value);

    // the mail directory: the person's invitation is gone, and no file holds its address or surname; the other stays
    const files = mailFiles();
    expect(files).not.toContain(mail.file);
    expect(files).toContain(otherMail.file);
    for (const name of files) {
      const raw = readFileSync(join(mailDirectory(), name), 'utf8');
      expect(raw, name).not.toContain(person.email);
      expect(raw, name).not.toContain(person.surname);
    }
  });
});
