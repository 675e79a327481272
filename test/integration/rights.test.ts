/**
 * The migrant's rights against the real platform: the access export holds everything, decrypted, with the consent
 * history and who saw the data (GDPR art. 15, 20), as JSON and as a page in the person's language, and is itself
 * logged; a rectification is the normal edit, logged in Directus's activity without the value; the consent page
 * tells the migrant what art. 13 asks, from the municipality's own settings; a version without that notice is not
 * published; the platform's signing certificate is published with its fingerprint.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_ORGANISATION_IDS as ORG } from '../../scripts/demo-data.js';
import { certificateFingerprint } from '../../extensions/labour-platform/src/domain/consent/signature.js';
import { ACCESS_EXPORT_MESSAGES } from '../../extensions/labour-platform/src/domain/privacy/access-export-i18n.js';
import { PERSONAL_FIELDS } from '../../extensions/labour-platform/src/domain/personal-fields.js';
import {
  SUPPORTED_LANGUAGE_CODES,
  type SupportedLanguage,
} from '../../extensions/labour-platform/src/domain/languages.js';
import { as, demoData, directusUrl } from '../support/as-user.js';
import { ConsentApi } from '../support/consent.js';
import { closeTestDatabase, testDatabase } from '../support/database.js';
import { http, tokenOf } from './attacks/support.js';

type Row = Record<string, unknown>;
const PERSONAL = PERSONAL_FIELDS.migrants as readonly string[];
let signed = '';
let userIds: Record<string, string> = {};

beforeAll(async () => {
  // a demo migrant of provider A in gemeente A who signed on the consent page while the demo was seeded
  // (read straight from the database: other test files revoke, erase and move demo people, so pick one that still has
  // its signature, at provider A, housed in gemeente A)
  const [row] = (await testDatabase()('consents')
    .join('consent_records', 'consent_records.consent', 'consents.id')
    .join('migrants', 'migrants.id', 'consents.migrant')
    .join('locations', 'locations.id', 'migrants.current_location')
    .where({ 'consents.status': 'signed', 'consent_records.action': 'sign', 'migrants.provider': ORG.providerA })
    .where('locations.municipality', ORG.gemeenteA)
    .select('consents.migrant as migrant')
    .orderBy('consents.migrant')
    .limit(1)) as Row[];
  signed = String(row!['migrant']);
  const users = (await testDatabase()('directus_users').select('id', 'email')) as Array<{ id: string; email: string }>;
  userIds = Object.fromEntries(users.map((user) => [user.email, user.id]));
});

afterAll(async () => {
  for (const organisation of demoData().organisations) {
    await http('admin', 'PATCH', `/items/organisations/${organisation.id}`, {
      controller_name: organisation.controller_name,
      controller_contact: organisation.controller_contact,
      dpo_contact: organisation.dpo_contact,
    });
  }
  await closeTestDatabase();
});

async function exportOf(
  actor: 'providerA' | 'municipalityAdminA',
  migrant: string,
  query = '',
): Promise<{ status: number; body: unknown; text: string }> {
  return http(actor, 'GET', `/privacy/migrants/${migrant}/export${query}`);
}

describe('the access export', () => {
  it('holds the person’s data decrypted, as the provider sees it, with stays, tasks, history, consents and reveals', async () => {
    const own = (
      await http('providerA', 'GET', `/items/migrants/${signed}?fields=id,case_number,${PERSONAL.join(',')}`)
    ).body as { data: Row };
    const answer = await exportOf('providerA', signed);
    expect(answer.status, answer.text).toBe(200);
    const data = (answer.body as { data: Row }).data as {
      person: { id: string; case_number: string; personal: Row };
      stays: Row[];
      tasks: Row[];
      status_history: Row[];
      consents: Array<{ consent: Row; records: Row[] }>;
      reveals: Row[];
      controller: Row;
    };
    expect(data.person.id).toBe(signed);
    expect(data.person.case_number).toBe(own.data['case_number']);
    for (const field of PERSONAL)
      if (own.data[field] !== null) expect(data.person.personal[field], field).toBe(own.data[field]);
    expect(data.stays.length).toBeGreaterThan(0);
    expect(data.tasks.length).toBeGreaterThan(0);
    expect(
      data.consents.some(
        (consent) =>
          consent.consent['status'] === 'signed' &&
          consent.records.some((record) => record['action'] === 'sign' && record['channel'] !== undefined),
      ),
    ).toBe(true);
    expect(data.controller).toEqual({
      controller: 'College van burgemeester en wethouders van Hollands Kroon (A)',
      contact: 'privacy-a@example.org, Postbus 8, 1760 AA Anna Paulowna',
      dpo: 'fg-a@example.org',
    });
    // its own reveal is in it, by role and organisation: no member of staff is named, no key or token leaves
    expect(
      data.reveals.some(
        (reveal) =>
          reveal['basis'] === 'access_request' &&
          reveal['viewer_role'] === 'provider' &&
          reveal['viewer_organisation'] === 'Polderlogies Noord B.V. (A)',
      ),
    ).toBe(true);
    for (const secret of [
      userIds['provider-a@example.org']!,
      'data_key',
      'bsn_index',
      'name_index',
      'read_bundle',
      'token_hash',
      'enc1.',
      '$argon2',
    ])
      expect(answer.text).not.toContain(secret);
  });

  it('is logged as a reveal for the municipality administrator, who reads it in its own reveal log', async () => {
    expect((await exportOf('municipalityAdminA', signed)).status).toBe(200);
    const rows = (await testDatabase()('reveal_log').where({
      migrant: signed,
      basis: 'access_request',
      viewer_role: 'municipality_admin',
    })) as Row[];
    expect(rows.length).toBeGreaterThan(0);
    const last = rows.at(-1)!;
    expect(last).toMatchObject({ viewer: userIds['beheer-a@example.org'], municipality: ORG.gemeenteA });
    expect(JSON.stringify(last)).not.toMatch(/Postbus|@example\.org"/);
    const seen = (
      await http(
        'municipalityAdminA',
        'GET',
        `/items/reveal_log?filter[basis][_eq]=access_request&filter[migrant][_eq]=${signed}&fields=id,viewer_role,occurred_at`,
      )
    ).body as { data: Row[] };
    expect(seen.data.length).toBeGreaterThan(0);
  });

  it('is a printable page in the person’s language, every heading in that language', async () => {
    const language = ((
      (await http('providerA', 'GET', `/items/migrants/${signed}?fields=language`)).body as { data: Row }
    ).data['language'] ?? 'en') as SupportedLanguage;
    const response = await fetch(`${directusUrl()}/privacy/migrants/${signed}/export?format=html`, {
      headers: { Authorization: `Bearer ${await tokenOfProviderA()}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await response.text();
    const expectedLanguage = SUPPORTED_LANGUAGE_CODES.includes(language) ? language : 'en';
    expect(html).toContain(`<html lang="${expectedLanguage}"`);
    for (const heading of [
      ACCESS_EXPORT_MESSAGES[expectedLanguage].title,
      ACCESS_EXPORT_MESSAGES[expectedLanguage].reveals,
      ACCESS_EXPORT_MESSAGES[expectedLanguage].consents,
    ])
      expect(html).toContain(heading.replace(/'/g, '&#39;'));
    expect(html).not.toMatch(/<script/i);
    // another language on request
    const romanian = await exportOf('providerA', signed, '?format=html&language=ro');
    expect(romanian.text).toContain(ACCESS_EXPORT_MESSAGES.ro.title);
  });
});

async function tokenOfProviderA(): Promise<string> {
  return (await tokenOf('providerA')) ?? '';
}

describe('rectification', () => {
  it('is the normal edit: logged in Directus’s activity, with no value in the activity or any revision', async () => {
    const surname = `Rectified${Date.now().toString(36)}`;
    const answer = await http('providerA', 'PATCH', `/items/migrants/${signed}`, { surname });
    expect(answer.status, answer.text).toBe(200);
    const database = testDatabase();
    const activity = (await database('directus_activity').where({
      collection: 'migrants',
      item: signed,
      action: 'update',
    })) as Row[];
    expect(activity.some((row) => row['user'] === userIds['provider-a@example.org'])).toBe(true);
    expect(JSON.stringify(activity)).not.toContain(surname);
    const revisions = (await database('directus_revisions').where({ collection: 'migrants', item: signed })) as Row[];
    expect(JSON.stringify(revisions)).not.toContain(surname);
    const stored = (await database('migrants').select('surname').where('id', signed).first()) as { surname: string };
    expect(stored.surname.startsWith('enc1.')).toBe(true);
    const exported = (await exportOf('providerA', signed)).body as { data: { person: { personal: Row } } };
    expect(exported.data.person.personal['surname']).toBe(surname);
  });
});

/** An invitation link for an undecided demo migrant of provider A in gemeente A, from the printed letter. */
async function openToken(): Promise<string> {
  const open = (
    await http(
      'providerA',
      'GET',
      `/items/consents?fields=migrant.id,migrant.current_location.municipality&filter[status][_eq]=requested&limit=-1`,
    )
  ).body as { data: Array<{ migrant: { id: string; current_location: { municipality: string } | null } | null }> };
  const migrant = open.data
    .map((row) => row.migrant)
    .find((candidate) => candidate?.current_location?.municipality === ORG.gemeenteA)!;
  const letter = await http('providerA', 'POST', '/consent/letters', { migrant: migrant.id });
  const link = /class="letter__link">([^<]+)</.exec(letter.text)?.[1] ?? '';
  return link.split('#t=')[1] ?? '';
}

describe('the privacy notice on the consent page', () => {
  it('names the municipality’s controller, contact and DPO, the legal basis, the rights and the Autoriteit Persoonsgegevens', async () => {
    const token = await openToken();
    expect(token).not.toBe('');
    const session = await (
      await new ConsentApi().start()
    ).post<{ text: { body: string; sha256: string } }>('session', { token, language: 'en' });
    expect(session.status).toBe(200);
    const body = session.body.data!.text.body;
    for (const words of [
      'College van burgemeester en wethouders van Hollands Kroon (A)',
      'privacy-a@example.org',
      'fg-a@example.org',
      'GDPR article 6(1)(a)',
      'Autoriteit Persoonsgegevens',
      'no effect on your work or your housing',
      'Lost the link?',
    ])
      expect(body).toContain(words);
    expect(body).not.toContain('{{');

    // the municipality administrator changes the DPO: the page says so at once, and the text's hash follows
    expect(
      (
        await http('municipalityAdminA', 'PATCH', `/items/organisations/${ORG.gemeenteA}`, {
          dpo_contact: 'nieuwe-fg@example.org',
        })
      ).status,
    ).toBe(200);
    const again = await (
      await new ConsentApi().start()
    ).post<{ text: { body: string; sha256: string } }>('session', { token, language: 'en' });
    expect(again.body.data!.text.body).toContain('nieuwe-fg@example.org');
    expect(again.body.data!.text.sha256).not.toBe(session.body.data!.text.sha256);
  });

  it('is required: a version without it is not published, with the field error in the user’s language', async () => {
    const version = `rights-no-notice-${Date.now().toString(36)}`;
    const ids: string[] = [];
    for (const language of SUPPORTED_LANGUAGE_CODES) {
      const created = await http('admin', 'POST', '/items/consent_texts', {
        version,
        language,
        status: 'draft',
        title: `Toestemming ${language}`,
        body: 'Tekst.\n\n{{controller}}',
      });
      ids.push(String((created.body as { data: Row }).data['id']));
    }
    const refused = await http('admin', 'PATCH', `/items/consent_texts/${ids[0]}`, { status: 'published' });
    expect(refused.status).toBe(400);
    expect(refused.code).toBe('FAILED_VALIDATION');
    const error = (refused.body as { errors: Array<{ message: string; extensions: { field: string } }> }).errors[0]!;
    expect(error.extensions.field).toBe('body');
    expect(error.message).toContain('Publiceren geweigerd');
    expect(error.message).toContain('de functionaris gegevensbescherming');
    expect(error.message).toContain('{{dpo}}');
    const english = await http(
      'admin',
      'PATCH',
      `/items/consent_texts/${ids[0]}`,
      { status: 'published' },
      { 'Accept-Language': 'en' },
    );
    expect(english.status).toBe(400);
    const statuses = (await testDatabase()('consent_texts').select('status').where({ version })) as Array<{
      status: string;
    }>;
    expect(statuses.every((row) => row.status === 'draft')).toBe(true);
    await http('admin', 'DELETE', '/items/consent_texts', ids);
  });
});

describe('the platform’s signing certificate', () => {
  it('is published at /consent/certificate.pem with its SHA-256 fingerprint, to anyone', async () => {
    const response = await fetch(`${directusUrl()}/consent/certificate.pem`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/x-pem-file/);
    const text = await response.text();
    const pem = inject('consentCertificatePem');
    expect(text).toContain(`SHA-256 fingerprint: ${certificateFingerprint(pem)}`);
    expect(text).toContain(pem.trim());
    expect(text).not.toMatch(/PRIVATE KEY/);
  });
});
