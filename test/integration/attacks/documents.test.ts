/**
 * Attacks on a migrant's documents (issue 10, door 3): the routes under /privacy/migrants/:id/documents and the
 * `migrant_documents` collection, tried by every demo role and anonymous, REST and GraphQL. Nobody but the migrant's
 * provider adds or removes a document; nobody opens one the reveal rule shields; a hidden migrant or document and a
 * missing one get the same 404; nobody reads or writes the collection through Directus; a document of one migrant is
 * not reachable under another's id; hostile uploads (no multipart, no file, a forged header) are clean 4xx answers.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_ORGANISATION_IDS as ORG } from '../../../scripts/demo-data.js';
import { demoData, directusUrl } from '../../support/as-user.js';
import { ACTORS, gql, http, printAttackTable, tokenOf, tried, type Actor, type HttpAnswer } from './support.js';

printAttackTable('documents');

const outcome = (answer: { status: number; code?: string | null }) =>
  `${answer.status}${answer.code ? ` ${answer.code}` : ''}`;
const today = new Date().toISOString().slice(0, 10);
const PDF = Buffer.from('%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF\n');

async function housedMigrant(provider: 'providerA' | 'providerB', tag: string): Promise<string> {
  const location = demoData().locations.find(
    (l) =>
      l.provider === ORG[provider] && l.municipality === (provider === 'providerA' ? ORG.gemeenteA : ORG.gemeenteB),
  )!;
  const created = await http(provider, 'POST', '/items/migrants', {
    first_names: `Atak${tag}`,
    surname: `Dokument-${tag}`,
    date_of_birth: '1991-04-04',
    nationality: 'RO',
    language: 'ro',
    arrival_date: today,
    expected_departure_date: '2099-01-01',
  });
  expect(created.status, created.text).toBe(200);
  const id = (created.body as { data: { id: string } }).data.id;
  const stay = await http(provider, 'POST', '/items/stays', { migrant: id, location: location.id, start_date: today });
  expect(stay.status, stay.text).toBe(200);
  return id;
}

async function upload(
  actor: Actor,
  migrant: string,
  parts: { type?: string; file?: Buffer; name?: string; expiry?: string },
): Promise<HttpAnswer> {
  const token = await tokenOf(actor);
  const data = new FormData();
  if (parts.type) data.set('type', parts.type);
  if (parts.expiry) data.set('expiry_date', parts.expiry);
  if (parts.file) data.set('file', new Blob([new Uint8Array(parts.file)]), parts.name ?? 'file.pdf');
  const response = await fetch(`${directusUrl()}/privacy/migrants/${migrant}/documents`, {
    method: 'POST',
    headers: token ? { Authorization: `Bearer ${token}` } : {},
    body: data,
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  const code =
    (body as { errors?: Array<{ extensions?: { code?: string } }> } | null)?.errors?.[0]?.extensions?.code ?? null;
  return { status: response.status, body, code, text };
}

let fixture: Promise<{ migrant: string; document: string; other: string }> | null = null;
/** Provider A's migrant with one rental contract, and provider B's migrant (no consent anywhere: clerks are shielded). */
function fixtures(): Promise<{ migrant: string; document: string; other: string }> {
  fixture ??= (async () => {
    const migrant = await housedMigrant('providerA', 'A');
    const other = await housedMigrant('providerB', 'B');
    const uploaded = await upload('providerA', migrant, { type: 'rental_contract', file: PDF, name: 'huur.pdf' });
    expect(uploaded.status, uploaded.text).toBe(201);
    return { migrant, document: (uploaded.body as { data: { id: string } }).data.id, other };
  })();
  return fixture;
}

describe('document attacks: the routes', () => {
  for (const actor of ACTORS) {
    it(`${actor}: lists, opens, adds and removes provider A's documents only as the rule allows`, async () => {
      const { migrant, document } = await fixtures();
      const base = `/privacy/migrants/${migrant}/documents`;
      const list = await http(actor, 'GET', base);
      tried({
        attack: 'documents',
        actor,
        channel: 'REST',
        what: "list provider A's documents",
        outcome: outcome(list),
      });
      const open = await http(actor, 'GET', `${base}/${document}`);
      tried({
        attack: 'documents',
        actor,
        channel: 'REST',
        what: "open provider A's document",
        outcome: outcome(open),
      });
      const add = await upload(actor, migrant, { type: 'host_statement', file: PDF });
      tried({
        attack: 'documents',
        actor,
        channel: 'REST',
        what: "add to provider A's migrant",
        outcome: outcome(add),
      });
      const remove = await http(actor, 'DELETE', `${base}/00000000-0000-4000-8000-000000000abc`);
      tried({
        attack: 'documents',
        actor,
        channel: 'REST',
        what: 'remove (a missing document)',
        outcome: outcome(remove),
      });
      switch (actor) {
        case 'providerA':
          expect(list.status).toBe(200);
          expect(open.status).toBe(200);
          expect(add.status).toBe(201);
          expect(remove.status).toBe(404);
          break;
        case 'clerkA':
          // sees the migrant (housed in gemeente A), but has no consent: the list, never the file
          expect(list.status).toBe(200);
          expect(open.status).toBe(403);
          expect(open.code).toBe('DOCUMENT_SHIELDED');
          expect(add.code).toBe('DOCUMENTS_PROVIDER_ONLY');
          break;
        case 'admin':
          expect(list.status).toBe(200);
          expect(open.status).toBe(403);
          expect(add.status).toBe(403);
          break;
        case 'public':
          for (const answer of [list, open, add, remove]) expect(answer.status).toBe(401);
          break;
        default:
          for (const answer of [list, open, add, remove]) expect(answer.status, actor).toBe(404);
      }
      if (actor !== 'providerA') expect(open.text).not.toContain('%PDF');
    });
  }

  it("a document is not reachable under another migrant's id, nor with a forged id", async () => {
    const { migrant, document, other } = await fixtures();
    for (const path of [
      `/privacy/migrants/${other}/documents/${document}`,
      `/privacy/migrants/${migrant}/documents/not-a-uuid`,
      `/privacy/migrants/${migrant}/documents/${document}%00`,
      `/privacy/migrants/not-a-uuid/documents`,
    ]) {
      for (const actor of ['providerA', 'providerB'] as const) {
        const answer = await http(actor, 'GET', path);
        tried({
          attack: 'documents',
          actor,
          channel: 'REST',
          what: `GET ${path.slice(0, 60)}`,
          outcome: outcome(answer),
        });
        expect(answer.status, `${actor} ${path}`).toBe(404);
      }
    }
    // provider B's own migrant: provider B cannot delete provider A's document through it either
    const cross = await http('providerB', 'DELETE', `/privacy/migrants/${other}/documents/${document}`);
    expect(cross.status).toBe(404);
    expect((await http('providerA', 'GET', `/privacy/migrants/${migrant}/documents/${document}`)).status).toBe(200);
  });

  it('hostile uploads: not multipart, no file, a forged file name; the answer is served inert', async () => {
    const { migrant, document } = await fixtures();
    const json = await http('providerA', 'POST', `/privacy/migrants/${migrant}/documents`, { type: 'rental_contract' });
    expect(json.status).toBe(400);
    const noFile = await upload('providerA', migrant, { type: 'rental_contract' });
    expect(noFile.status).toBe(400);
    const forged = await upload('providerA', migrant, {
      type: 'rental_contract',
      file: PDF,
      name: 'x.pdf"\r\nSet-Cookie: stolen=1\r\nX: "',
    });
    expect(forged.status, forged.text).toBe(201);
    const id = (forged.body as { data: { id: string } }).data.id;
    const token = await tokenOf('providerA');
    const served = await fetch(`${directusUrl()}/privacy/migrants/${migrant}/documents/${id}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(served.status).toBe(200);
    expect(served.headers.get('set-cookie')).toBeNull();
    expect(served.headers.get('content-disposition')).toMatch(/^attachment; filename="[^"\r\n]*"/);
    expect(served.headers.get('content-type')).toBe('application/pdf');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('content-security-policy')).toContain('sandbox');
    tried({
      attack: 'documents',
      actor: 'providerA',
      channel: 'REST',
      what: 'header injection in the file name',
      outcome: String(served.status),
    });
    expect(document).toBeTruthy();
  });
});

describe('document attacks: the collection', () => {
  for (const actor of ACTORS) {
    it(`${actor}: reads and writes nothing of migrant_documents (REST and GraphQL)`, async () => {
      const { migrant } = await fixtures();
      const read = await http(actor, 'GET', `/items/migrant_documents?filter[migrant][_eq]=${migrant}&fields=*`);
      tried({ attack: 'documents', actor, channel: 'REST', what: 'read migrant_documents', outcome: outcome(read) });
      expect([400, 401, 403]).toContain(read.status);
      expect(read.text).not.toMatch(/enc1\./);
      const graph = await gql(actor, '{ migrant_documents { id content file_name migrant } }');
      tried({
        attack: 'documents',
        actor,
        channel: 'GraphQL',
        what: 'migrant_documents { content }',
        outcome: `${graph.status} ${graph.data?.['migrant_documents'] ? 'data' : 'errors'}`,
      });
      expect(graph.data?.['migrant_documents'] ?? null).toBeNull();
      const create = await http(actor, 'POST', '/items/migrant_documents', {
        migrant,
        type: 'identity_document',
        content_type: 'application/pdf',
        size_bytes: 1,
        content: 'plain text',
      });
      tried({
        attack: 'documents',
        actor,
        channel: 'REST',
        what: 'create migrant_documents',
        outcome: outcome(create),
      });
      expect([400, 401, 403]).toContain(create.status);
      const mutate = await gql(
        actor,
        `mutation { create_migrant_documents_item(data: { migrant: "${migrant}", type: "identity_document", content_type: "application/pdf", size_bytes: 1, content: "x" }) { id } }`,
      );
      tried({
        attack: 'documents',
        actor,
        channel: 'GraphQL',
        what: 'create_migrant_documents_item',
        outcome: `${mutate.status} ${mutate.data?.['create_migrant_documents_item'] ? 'created' : 'refused'}`,
      });
      expect(mutate.data?.['create_migrant_documents_item'] ?? null).toBeNull();
    });
  }
});
