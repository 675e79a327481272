/**
 * A migrant's documents (issue 10, door 3) from the outside: the upload with its refusals (a program renamed .pdf,
 * too large, an expired identity document), the completeness per BRP step, who opens a document (the reveal rule,
 * logged) and who does not even see it, erasure with the migrant (the ciphertext no longer decrypts), the access
 * export, and a scan of the database for the plain bytes of every document uploaded here.
 */
import { createItem, readItems } from '@directus/sdk';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, inject, it } from 'vitest';
import {
  decryptValue,
  encryptValue,
  parseKeyRing,
  unwrapDataKey,
} from '../../extensions/labour-platform/src/domain/privacy/index.js';
import { DEMO_ORGANISATION_IDS as ORG } from '../../scripts/demo-data.js';
import { ACTORS, as, demoData, directusUrl, type Actor } from '../support/as-user.js';
import { closeTestDatabase, testDatabase } from '../support/database.js';
import { patient } from '../support/patience.js';
import { tokenOf } from './attacks/support.js';
import { parsedJson } from '../../extensions/labour-platform/src/domain/json';
import { sealLegacyExpiryDates } from '../../extensions/labour-platform/src/glue/documents/documents.js';

type Row = Record<string, unknown>;
const today = new Date().toISOString().slice(0, 10);
const nextYear = `${Number(today.slice(0, 4)) + 1}-01-31`;
const locationA = () =>
  demoData().locations.find((l) => l.provider === ORG.providerA && l.municipality === ORG.gemeenteA)!;

/** Every file uploaded here carries a marker of its own; none may be found in the database in plain text. */
const MARKERS: string[] = [];
function pdf(tag: string): Buffer {
  const marker = `DOCUMENT-PLAINTEXT-MARKER-${tag}-${Math.random().toString(36).slice(2)}`;
  MARKERS.push(marker);
  return Buffer.from(`%PDF-1.7\n1 0 obj\n<< /Title (${marker}) >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`);
}
function jpeg(tag: string): Buffer {
  const marker = `JPEG-PLAINTEXT-MARKER-${tag}-${Math.random().toString(36).slice(2)}`;
  MARKERS.push(marker);
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(marker), Buffer.from([0xff, 0xd9])]);
}
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00', 'latin1'), Buffer.alloc(200, 0x41)]);

async function createHoused(tag: string): Promise<string> {
  const providerA = await as('providerA');
  const migrant = (await providerA.request(
    createItem('migrants', {
      first_names: `Dokumenta${tag}`,
      surname: `Testowa-${tag}`,
      date_of_birth: '1990-03-03',
      nationality: 'PL',
      language: 'pl',
      arrival_date: today,
      expected_departure_date: '2099-01-01',
    }),
  )) as { id: string };
  await providerA.request(createItem('stays', { migrant: migrant.id, location: locationA().id, start_date: today }));
  await expect
    .poll(
      async () =>
        (
          await (
            await as('admin')
          ).request(
            readItems('tasks', {
              filter: { _and: [{ migrant: { _eq: migrant.id } }, { status: { _eq: 'open' } }] },
              fields: ['id'],
            }),
          )
        ).length,
      { timeout: patient(15_000) },
    )
    .toBe(1);
  return migrant.id;
}

async function sign(migrant: string): Promise<void> {
  await (await as('admin')).request(createItem('consents', { migrant, status: 'signed', language: 'pl' }));
}

interface Answer {
  status: number;
  body: Buffer;
  json: { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string; reason?: string } }> };
  headers: Headers;
}

async function call(
  actor: Actor,
  method: string,
  path: string,
  init: { body?: FormData; language?: string } = {},
): Promise<Answer> {
  const token = await tokenOf(actor);
  const response = await fetch(`${directusUrl()}${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      'Accept-Language': init.language ?? 'en',
    },
    ...(init.body ? { body: init.body } : {}),
  });
  const body = Buffer.from(await response.arrayBuffer());
  let json: Answer['json'] = {};
  try {
    json = JSON.parse(body.toString('utf8')) as Answer['json'];
  } catch {
    // a file
  }
  return { status: response.status, body, json, headers: response.headers };
}

function form(type: string, file: Buffer, name: string, expiry?: string, declared = 'application/pdf'): FormData {
  const data = new FormData();
  data.set('type', type);
  if (expiry) data.set('expiry_date', expiry);
  data.set('file', new Blob([new Uint8Array(file)], { type: declared }), name);
  return data;
}

const documentsOf = (migrant: string) => `/privacy/migrants/${migrant}/documents`;
const code = (answer: Answer) => answer.json.errors?.[0]?.extensions?.code ?? null;

afterAll(() => closeTestDatabase());

describe('documents: the upload', () => {
  it('takes a PDF rental contract and a JPEG identity document from the provider, and shows completeness', async () => {
    const id = await createHoused('Upload');
    const before = await call('providerA', 'GET', documentsOf(id));
    expect(before.status).toBe(200);
    expect(before.json.data).toMatchObject({
      documents: [],
      may_upload: true,
      may_open: true,
      completeness: { register: { complete: false } },
    });
    const contract = await call('providerA', 'POST', documentsOf(id), {
      body: form('rental_contract', pdf('Upload'), 'huurcontract.pdf'),
    });
    expect(contract.status, contract.body.toString()).toBe(201);
    expect(contract.json.data).toMatchObject({
      type: 'rental_contract',
      content_type: 'application/pdf',
      expiry_date: null,
      expired: false,
    });
    // the declared type is ignored: the content says JPEG
    const passport = await call('providerA', 'POST', documentsOf(id), {
      body: form('identity_document', jpeg('Upload'), 'paspoort.pdf', nextYear, 'application/pdf'),
    });
    expect(passport.status, passport.body.toString()).toBe(201);
    expect(passport.json.data).toMatchObject({ content_type: 'image/jpeg', expiry_date: nextYear });
    const after = await call('providerA', 'GET', documentsOf(id), { language: 'nl' });
    const list = after.json.data as { documents: Row[]; completeness: Record<string, { complete: boolean }> };
    expect(list.documents).toHaveLength(2);
    expect(list.completeness['register']!.complete).toBe(true);
    expect(list.completeness['assess_status']!.complete).toBe(true);
    expect(list.documents.map((document) => document['type_label']).sort()).toEqual([
      'Huurovereenkomst',
      'Identiteitsbewijs',
    ]);
    // the list never carries the bytes or the file name
    expect(after.body.toString()).not.toMatch(/MARKER|huurcontract|paspoort/);

    const download = await call('providerA', 'GET', `${documentsOf(id)}/${(passport.json.data as Row)['id']}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/jpeg');
    // the name it was uploaded with, with the extension of what it is
    expect(download.headers.get('content-disposition')).toContain('attachment; filename="paspoort.pdf.jpg"');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.body.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  });

  it('refuses a program renamed .pdf, a file too large, an expired or undated identity document: translated, nothing written', async () => {
    const id = await createHoused('Refused');
    const db = testDatabase();
    const count = async () => Number((await db('migrant_documents').where('migrant', id).count({ n: '*' }))[0]!['n']);
    const exe = await call('providerA', 'POST', documentsOf(id), {
      body: form('rental_contract', EXE, 'contract.pdf'),
      language: 'nl',
    });
    expect(exe.status).toBe(415);
    expect(code(exe)).toBe('DOCUMENT_WRONG_TYPE');
    expect(exe.json.errors![0]!.message).toMatch(/geen PDF, JPEG of PNG/);

    const large = Buffer.concat([pdf('Large'), Buffer.alloc(5 * 1024 * 1024 + 10, 0x20)]);
    const tooLarge = await call('providerA', 'POST', documentsOf(id), {
      body: form('rental_contract', large, 'l.pdf'),
    });
    expect(tooLarge.status).toBe(413);
    expect(code(tooLarge)).toBe('DOCUMENT_TOO_LARGE');

    const expired = await call('providerA', 'POST', documentsOf(id), {
      body: form('identity_document', pdf('Expired'), 'id.pdf', '2020-01-01'),
    });
    expect(expired.status).toBe(422);
    expect(code(expired)).toBe('DOCUMENT_EXPIRED');
    const undated = await call('providerA', 'POST', documentsOf(id), {
      body: form('identity_document', pdf('Undated'), 'id.pdf'),
    });
    expect(undated.status).toBe(400);
    expect(code(undated)).toBe('DOCUMENT_EXPIRY_REQUIRED');
    const kind = await call('providerA', 'POST', documentsOf(id), { body: form('selfie', pdf('Kind'), 'x.pdf') });
    expect(kind.status).toBe(400);
    expect(code(kind)).toBe('DOCUMENT_INVALID_TYPE');
    expect(await count()).toBe(0);
  });
});

describe('documents: the expiry date is personal data', () => {
  it('is stored sealed, decides expiry and completeness on read, and is shown only by the reveal rule', async () => {
    const id = await createHoused('Sealed');
    const uploaded = await call('providerA', 'POST', documentsOf(id), {
      body: form('identity_document', pdf('Sealed'), 'id.pdf', nextYear),
    });
    expect(uploaded.status, uploaded.body.toString()).toBe(201);
    expect(uploaded.json.data).toMatchObject({ expiry_date: nextYear, has_expiry: true, expired: false });
    // in the database: no plain date, an enc1 value bound to the row
    const stored = (await testDatabase()('migrant_documents').where('migrant', id).first()) as Row;
    expect(stored['expiry_date']).toBeNull();
    expect(String(stored['expiry_sealed'])).toMatch(/^enc1[.:]/);
    expect(String(stored['expiry_sealed'])).not.toContain(nextYear);
    // the provider (reveal rule: always) sees the date; the clerk without consent only that it has one and is valid
    const own = (await call('providerA', 'GET', documentsOf(id))).json.data as { documents: Row[] };
    expect(own.documents[0]).toMatchObject({ expiry_date: nextYear, has_expiry: true, expired: false });
    const clerk = (await call('clerkA', 'GET', documentsOf(id))).json.data as {
      documents: Row[];
      completeness: Record<string, { complete: boolean }>;
    };
    expect(clerk.documents[0]).toMatchObject({ expiry_date: null, has_expiry: true, expired: false });
    expect(JSON.stringify(clerk)).not.toContain(nextYear);
    expect(clerk.completeness['assess_status']!.complete).toBe(true);
    // a document that has passed its date since (its sealed date moved back): expired, the step incomplete again
    const ring = parseKeyRing(inject('keyRing'));
    const wrapped = String(((await testDatabase()('data_keys').where('id', id).first()) as Row)['wrapped']);
    const key = unwrapDataKey(ring, wrapped, { collection: 'migrants', id });
    const binding = { collection: 'migrant_documents', field: 'expiry_date', id: String(stored['id']) };
    expect(decryptValue(key, String(stored['expiry_sealed']), binding)).toBe(nextYear);
    await testDatabase()('migrant_documents')
      .where('id', String(stored['id']))
      .update({ expiry_sealed: encryptValue(key, '2020-01-31', binding) });
    const later = (await call('clerkA', 'GET', documentsOf(id))).json.data as {
      documents: Row[];
      completeness: Record<string, { complete: boolean }>;
    };
    expect(later.documents[0]).toMatchObject({ expiry_date: null, has_expiry: true, expired: true });
    expect(later.completeness['assess_status']!.complete).toBe(false);
    // the access export decrypts it for the person
    const exported = await call('providerA', 'GET', `/privacy/migrants/${id}/export?format=json`);
    expect((exported.json.data as { documents: Row[] }).documents[0]).toMatchObject({ expiry_date: '2020-01-31' });
  });

  it('a date stored in plain text before sealing is sealed by the backfill, and read the same way meanwhile', async () => {
    const id = await createHoused('Legacy');
    const uploaded = await call('providerA', 'POST', documentsOf(id), {
      body: form('identity_document', pdf('Legacy'), 'id.pdf', nextYear),
    });
    expect(uploaded.status).toBe(201);
    const db = testDatabase();
    const documentId = String((uploaded.json.data as Row)['id']);
    // as a row from before: the date in the plain column, nothing sealed
    await db('migrant_documents').where('id', documentId).update({ expiry_date: '2031-03-04', expiry_sealed: null });
    const before = (await call('providerA', 'GET', documentsOf(id))).json.data as { documents: Row[] };
    expect(before.documents[0]).toMatchObject({ expiry_date: '2031-03-04', has_expiry: true, expired: false });
    expect(await sealLegacyExpiryDates(parseKeyRing(inject('keyRing')), db)).toBeGreaterThanOrEqual(1);
    const row = (await db('migrant_documents').where('id', documentId).first()) as Row;
    expect(row['expiry_date']).toBeNull();
    expect(String(row['expiry_sealed'])).toMatch(/^enc1[.:]/);
    const after = (await call('providerA', 'GET', documentsOf(id))).json.data as { documents: Row[] };
    expect(after.documents[0]).toMatchObject({ expiry_date: '2031-03-04', has_expiry: true, expired: false });
    const plain = await db('migrant_documents').whereNotNull('expiry_date').count({ n: '*' });
    expect(Number(plain[0]!['n'])).toBe(0);
  });
});

describe('documents: who opens them', () => {
  it('reveals to the provider and to a clerk with consent and an open task; shields or hides from everyone else', async () => {
    const id = await createHoused('Reveal');
    const uploaded = await call('providerA', 'POST', documentsOf(id), {
      body: form('rental_contract', pdf('Reveal'), 'contract.pdf'),
    });
    expect(uploaded.status).toBe(201);
    const doc = `${documentsOf(id)}/${(uploaded.json.data as Row)['id']}`;

    // hidden: the same 404 as a missing migrant or document
    for (const actor of ['providerB', 'clerkB', 'inspectorA', 'policyA', 'municipalityAdminA'] as const) {
      expect((await call(actor, 'GET', documentsOf(id))).status, actor).toBe(404);
      expect((await call(actor, 'GET', doc)).status, actor).toBe(404);
      expect((await call(actor, 'DELETE', doc)).status, actor).toBe(404);
    }
    expect((await call('providerA', 'GET', `${documentsOf(id)}/00000000-0000-4000-8000-000000000999`)).status).toBe(
      404,
    );
    expect((await call('providerA', 'GET', documentsOf('00000000-0000-4000-8000-000000000999'))).status).toBe(404);
    expect((await call('public', 'GET', doc)).status).toBe(401);
    expect((await call('public', 'GET', documentsOf(id))).status).toBe(401);

    // the clerk sees the migrant and the list, but opens nothing without consent
    const shieldedList = await call('clerkA', 'GET', documentsOf(id));
    expect(shieldedList.status).toBe(200);
    expect(shieldedList.json.data).toMatchObject({
      may_open: false,
      may_upload: false,
      shielded: { reason: 'no_consent' },
    });
    const shielded = await call('clerkA', 'GET', doc, { language: 'nl' });
    expect(shielded.status).toBe(403);
    expect(shielded.json.errors![0]).toMatchObject({
      extensions: { code: 'DOCUMENT_SHIELDED', reason: 'document_shielded', shield: 'no_consent' },
    });
    expect(shielded.body.toString()).not.toMatch(/MARKER/);
    // the administrator: only the placeholder rule (no break-glass for documents)
    expect((await call('admin', 'GET', doc)).status).toBe(403);

    // a clerk neither uploads nor deletes
    const clerkUpload = await call('clerkA', 'POST', documentsOf(id), {
      body: form('rental_contract', pdf('Clerk'), 'c.pdf'),
    });
    expect(clerkUpload.status).toBe(403);
    expect(code(clerkUpload)).toBe('DOCUMENTS_PROVIDER_ONLY');
    expect((await call('clerkA', 'DELETE', doc)).status).toBe(403);

    await sign(id);
    const opened = await call('clerkA', 'GET', doc);
    expect(opened.status).toBe(200);
    expect(opened.headers.get('content-type')).toBe('application/pdf');
    expect(opened.body.toString('latin1')).toMatch(/^%PDF-1\.7/);
    const log = (await testDatabase()('reveal_log').where({ migrant: id, viewer_role: 'clerk' })) as Row[];
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ basis: 'consent_and_open_task', municipality: ORG.gemeenteA });
    // a json column: text on SQLite, parsed on PostgreSQL
    expect(parsedJson(log[0]!['fields'])).toEqual(['document:rental_contract']);
    expect(log[0]!['task']).toBeTruthy();
    const documentReveals = async () =>
      ((await testDatabase()('reveal_log').where({ migrant: id, viewer_role: 'provider' })) as Row[]).filter((row) =>
        String(row['fields']).includes('document:'),
      );
    expect(await documentReveals()).toHaveLength(0);
    expect((await call('providerA', 'GET', doc)).status).toBe(200);
    expect(await documentReveals()).toEqual([expect.objectContaining({ basis: 'own_provider' })]);

    // consent, but once the municipality has no open task that needs the data: shielded again
    const token = await tokenOf('clerkA');
    const assessed = await fetch(`${directusUrl()}/brp/migrants/${id}/events`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'ASSESS', outcome: 'registered' }),
    });
    expect(assessed.status, await assessed.clone().text()).toBe(200);
    const noTask = await call('clerkA', 'GET', doc);
    expect(noTask.status).toBe(403);
    expect(noTask.json.errors![0]!.extensions).toMatchObject({ code: 'DOCUMENT_SHIELDED', shield: 'no_open_task' });
    expect((await call('clerkA', 'GET', documentsOf(id))).json.data).toMatchObject({
      may_open: false,
      shielded: { reason: 'no_open_task' },
    });

    // the provider removes it
    expect((await call('providerA', 'DELETE', doc)).status).toBe(200);
    expect((await call('providerA', 'GET', doc)).status).toBe(404);
  });

  it('the collection itself answers nobody through the API, administrators included (REST and GraphQL); it holds ciphertext only', async () => {
    const id = await createHoused('Collection');
    expect(
      (await call('providerA', 'POST', documentsOf(id), { body: form('host_statement', pdf('Collection'), 'h.pdf') }))
        .status,
    ).toBe(201);
    for (const actor of ACTORS) {
      const token = await tokenOf(actor);
      const rest = await fetch(`${directusUrl()}/items/migrant_documents?filter[migrant][_eq]=${id}`, {
        headers: token ? { Authorization: `Bearer ${token}` } : {},
      });
      expect([400, 401, 403], actor).toContain(rest.status);
      const graph = await fetch(`${directusUrl()}/graphql`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query: '{ migrant_documents { id content file_name } }' }),
      });
      const answer = (await graph.json()) as { data?: { migrant_documents?: unknown } | null };
      expect(answer.data?.migrant_documents ?? null, actor).toBeNull();
    }
    const rows = (await testDatabase()('migrant_documents').where('migrant', id)) as Row[];
    expect(rows).toHaveLength(1);
    expect(String(rows[0]!['content'])).toMatch(/^enc1\./);
    expect(String(rows[0]!['file_name'])).toMatch(/^enc1\./);
    expect(JSON.stringify(rows)).not.toMatch(/MARKER|h\.pdf/);
  });
});

describe('documents: gone with the migrant', () => {
  it('lists them in the access export without the bytes; erasure removes them and their ciphertext no longer decrypts', async () => {
    const id = await createHoused('Erase');
    const uploaded = await call('providerA', 'POST', documentsOf(id), {
      body: form('identity_document', pdf('Erase'), 'id.pdf', nextYear),
    });
    expect(uploaded.status).toBe(201);
    const exported = await call('providerA', 'GET', `/privacy/migrants/${id}/export?format=json`);
    expect(exported.status).toBe(200);
    expect((exported.json.data as { documents: Row[] }).documents).toEqual([
      expect.objectContaining({ type: 'identity_document', content_type: 'application/pdf', expiry_date: nextYear }),
    ]);
    expect(exported.body.toString()).not.toMatch(/MARKER/);

    const db = testDatabase();
    const stored = (await db('migrant_documents').where('migrant', id).first()) as Row;
    const wrapped = ((await db('data_keys').where('id', id).first()) as Row)['wrapped'] as string;
    const ring = parseKeyRing(inject('keyRing'));
    const binding = { collection: 'migrant_documents', field: 'content', id: String(stored['id']) };
    // before erasure the key opens it
    const key = unwrapDataKey(ring, wrapped, { collection: 'migrants', id });
    expect(Buffer.from(decryptValue(key, String(stored['content']), binding), 'base64').toString()).toContain(
      'DOCUMENT-PLAINTEXT-MARKER-Erase',
    );
    key.fill(0);

    const token = await tokenOf('admin');
    const erased = await fetch(`${directusUrl()}/privacy/migrants/${id}/erase`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ reason: 'Verzoek documenten 2026-1' }),
    });
    expect(erased.status, await erased.clone().text()).toBe(200);
    expect(await db('migrant_documents').where('migrant', id).first()).toBeUndefined();
    expect(await db('data_keys').where('id', id).first()).toBeUndefined();
    // the ciphertext kept elsewhere (a backup) opens with nothing the platform still holds
    const remaining = (await db('data_keys').select('id', 'wrapped').limit(20)) as Array<{
      id: string;
      wrapped: string;
    }>;
    for (const other of remaining) {
      const otherKey = unwrapDataKey(ring, other.wrapped, { collection: 'migrants', id: other.id });
      expect(() => decryptValue(otherKey, String(stored['content']), binding)).toThrow();
      otherKey.fill(0);
    }
    expect((await call('providerA', 'GET', documentsOf(id))).status).toBe(404);
  });

  it('leaves no plain document bytes in the database', async () => {
    const hits: string[] = [];
    if (inject('databaseClient') === 'sqlite3') {
      const name = inject('databaseEnv')['DB_FILENAME']!;
      for (const file of [name, `${name}-wal`].filter((path) => existsSync(path))) {
        const bytes = readFileSync(file);
        for (const marker of MARKERS) if (bytes.includes(Buffer.from(marker))) hits.push(`${file}: ${marker}`);
      }
    } else {
      const env = inject('databaseEnv');
      const dump = execFileSync(
        'pg_dump',
        ['-h', env['DB_HOST']!, '-p', env['DB_PORT']!, '-U', env['DB_USER']!, env['DB_DATABASE']!],
        { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 },
      );
      for (const marker of MARKERS) if (dump.includes(marker)) hits.push(`pg_dump: ${marker}`);
    }
    expect(MARKERS.length).toBeGreaterThan(5);
    expect(hits).toEqual([]);
  });
});
