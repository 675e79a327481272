/**
 * Attacks on the intake (issue 10): the endpoints and the `imports` collection, tried by every demo role and
 * anonymous, REST and GraphQL. Nobody reads another organisation's import, its sealed rows or its data key; nobody
 * writes the collection but an administrator; nobody commits or downloads another's import; a provider never imports
 * for another provider; malformed multipart, oversized bodies and hostile mappings are clean 4xx answers.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_ORGANISATION_IDS as ORG } from '../../../scripts/demo-data.js';
import { closeTestDatabase, testDatabase } from '../../support/database.js';
import { fixture, upload } from '../../support/intake.js';
import { ACTORS, gql, http, printAttackTable, tried, type HttpAnswer } from './support.js';

printAttackTable('intake');

afterAll(() => closeTestDatabase());

/** Whether the provider has a location in the municipality (read as the system). */
async function hasLocationIn(provider: string, municipality: string): Promise<boolean> {
  return (await testDatabase()('locations').where({ provider, municipality }).first('id')) !== undefined;
}

const outcome = (answer: HttpAnswer) => `${answer.status}${answer.code ? ` ${answer.code}` : ''}`;
let theImport: string | null = null;

/** Provider A's dry run (its sealed rows hold personal data until commit). */
async function providerAsImport(): Promise<string> {
  if (theImport) return theImport;
  const answer = await upload('providerA', { name: 'residents.xlsx', data: fixture('residents.xlsx') });
  expect(answer.status).toBe(200);
  theImport = answer.data!.id;
  return theImport;
}

describe('intake attacks: the imports collection', () => {
  for (const actor of ACTORS) {
    it(`${actor}: reads no sealed rows or data key, no other organisation's import, writes nothing`, async () => {
      const id = await providerAsImport();
      const sealed = await http(actor, 'GET', `/items/imports/${id}?fields=rows_sealed,data_key`);
      tried({ attack: 'intake', actor, channel: 'REST', what: 'read rows_sealed, data_key', outcome: outcome(sealed) });
      if (actor === 'admin') expect(JSON.stringify(sealed.body)).not.toMatch(/Łukasz|012345672/);
      else expect(sealed.status).toBe(403);
      const read = await http(actor, 'GET', `/items/imports?filter[id][_eq]=${id}&fields=id,report`);
      const rows = ((read.body as { data?: unknown[] } | null)?.data ?? []) as unknown[];
      tried({
        attack: 'intake',
        actor,
        channel: 'REST',
        what: "read provider A's import",
        outcome: `${outcome(read)} ${rows.length} rows`,
      });
      expect(rows.length).toBe(actor === 'admin' || actor === 'providerA' ? 1 : 0);
      expect(JSON.stringify(read.body)).not.toMatch(/Łukasz|012345672|Wójcik/);
      const graph = await gql(actor, `query { imports(filter: { id: { _eq: "${id}" } }) { id rows_sealed data_key } }`);
      tried({
        attack: 'intake',
        actor,
        channel: 'GraphQL',
        what: 'imports { rows_sealed data_key }',
        outcome: `${graph.status} ${graph.data?.['imports'] ? 'data' : 'errors'}`,
      });
      if (actor !== 'admin') expect(graph.data?.['imports'] ?? null).toBeNull();
      const create = await http(actor, 'POST', '/items/imports', {
        provider: ORG.providerB,
        status: 'committed',
        mode: 'additions',
        channel: 'file',
        file_sha256: 'x',
      });
      tried({ attack: 'intake', actor, channel: 'REST', what: 'create an import', outcome: outcome(create) });
      const mutate = await gql(
        actor,
        `mutation { create_imports_item(data: { provider: { id: "${ORG.providerB}" }, status: "committed" }) { id } }`,
      );
      tried({
        attack: 'intake',
        actor,
        channel: 'GraphQL',
        what: 'create_imports_item',
        outcome: `${mutate.status} ${mutate.data?.['create_imports_item'] ? 'created' : 'refused'}`,
      });
      const update = await http(actor, 'PATCH', `/items/imports/${id}`, {
        status: 'committed',
        provider: ORG.providerB,
      });
      tried({ attack: 'intake', actor, channel: 'REST', what: 'update an import', outcome: outcome(update) });
      if (actor !== 'admin') {
        expect([401, 403]).toContain(create.status);
        expect(mutate.data?.['create_imports_item'] ?? null).toBeNull();
        expect([401, 403]).toContain(update.status);
      } else {
        // the administrator's own test rows go again
        const made = (create.body as { data?: { id?: string } } | null)?.data?.id;
        if (made) await http('admin', 'DELETE', `/items/imports/${made}`);
        const viaGraph = (mutate.data?.['create_imports_item'] as { id?: string } | null)?.id;
        if (viaGraph) await http('admin', 'DELETE', `/items/imports/${viaGraph}`);
        await http('admin', 'PATCH', `/items/imports/${id}`, { status: 'dry_run', provider: ORG.providerA });
      }
    });
  }
});

describe('intake attacks: the endpoints', () => {
  for (const actor of ACTORS) {
    it(`${actor}: cannot read, commit or download provider A's import unless it is provider A or an administrator`, async () => {
      const id = await providerAsImport();
      const allowed = actor === 'providerA' || actor === 'admin';
      const read = await http(actor, 'GET', `/intake/imports/${id}`);
      const sheet = await http(actor, 'GET', `/intake/imports/${id}/refused.xlsx`);
      tried({
        attack: 'intake',
        actor,
        channel: 'REST',
        what: 'GET /intake/imports/:id and refused.xlsx',
        outcome: `${outcome(read)}; ${outcome(sheet)}`,
      });
      expect(read.status).toBe(actor === 'public' ? 401 : allowed ? 200 : 404);
      expect(sheet.status).toBe(actor === 'public' ? 401 : allowed ? 200 : 404);
      if (!allowed) {
        const commit = await http(actor, 'POST', `/intake/imports/${id}/commit`);
        tried({
          attack: 'intake',
          actor,
          channel: 'REST',
          what: 'commit another organisation’s import',
          outcome: outcome(commit),
        });
        expect(commit.status).toBe(actor === 'public' ? 401 : 404);
      }
      const missing = await http(actor, 'GET', '/intake/imports/00000000-0000-4000-8000-000000000000');
      const traversal = await http(actor, 'GET', `/intake/imports/${encodeURIComponent('../../items/migrants')}`);
      tried({
        attack: 'intake',
        actor,
        channel: 'REST',
        what: 'a missing import; a path in the id',
        outcome: `${outcome(missing)}; ${outcome(traversal)}`,
      });
      expect(missing.status).toBe(actor === 'public' ? 401 : 404);
      expect(traversal.status).toBeLessThan(500);
    });

    it(`${actor}: cannot import for provider B`, async () => {
      const answer = await upload(
        actor === 'public' ? 'public' : actor,
        { name: 'residents.xlsx', data: fixture('residents.xlsx') },
        { provider: ORG.providerB },
      );
      tried({
        attack: 'intake',
        actor,
        channel: 'REST',
        what: 'POST /intake/imports provider=B',
        outcome: `${answer.status} ${answer.code ?? ''}`,
      });
      // a clerk may import for a provider with a location in its municipality (provider B has one in gemeente B; in
      // gemeente A only when another test file has made one there)
      const clerkAMay = actor === 'clerkA' && (await hasLocationIn(ORG.providerB, ORG.gemeenteA));
      if (actor === 'admin' || actor === 'providerB' || actor === 'clerkB' || clerkAMay)
        expect(answer.status).toBe(200);
      else expect(answer.status).toBe(actor === 'public' ? 401 : 404);
    });
  }

  it('hostile input: broken multipart, a huge body, a prototype-polluting mapping, formulas in cells', async () => {
    const broken = await http(
      'providerA',
      'POST',
      '/intake/imports',
      '--x\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nVoornaam',
      { 'Content-Type': 'multipart/form-data; boundary=x' },
    );
    tried({
      attack: 'intake',
      actor: 'providerA',
      channel: 'REST',
      what: 'unterminated multipart',
      outcome: outcome(broken),
    });
    expect(broken.status).toBe(400);
    const huge = await upload('providerA', { name: 'huge.csv', data: Buffer.alloc(21 * 1024 * 1024, 0x41) });
    tried({
      attack: 'intake',
      actor: 'providerA',
      channel: 'REST',
      what: '21 MB body',
      outcome: `${huge.status} ${huge.code}`,
    });
    expect(huge.status).toBe(413);
    const polluting = await upload(
      'providerA',
      { name: 'residents.xlsx', data: fixture('residents.xlsx') },
      { mapping: '{"__proto__":{"admin":true},"constructor":"location"}' },
    );
    tried({
      attack: 'intake',
      actor: 'providerA',
      channel: 'REST',
      what: 'mapping with __proto__',
      outcome: `${polluting.status} ${polluting.code}`,
    });
    expect(polluting.status).toBe(400);
    const formula =
      'Referentie;Voornaam;Achternaam;Geboortedatum;Locatie;Aankomstdatum\n=HYPERLINK("http://evil");=1+1;@SUM(A1);01-02-1990;Nergens;03-03-2025\n';
    const answer = await upload('providerA', { name: 'formula.csv', data: formula });
    expect(answer.data!.counts.refused).toBe(1);
    const sheet = await fetch(
      `${(await import('../../support/as-user.js')).directusUrl()}/intake/imports/${answer.data!.id}/refused.xlsx`,
      { headers: { authorization: `Bearer ${await (await import('./support.js')).tokenOf('providerA')}` } },
    );
    const bytes = Buffer.from(await sheet.arrayBuffer());
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const cell = workbook.worksheets[0]!.getCell('A2');
    tried({
      attack: 'intake',
      actor: 'providerA',
      channel: 'REST',
      what: 'formula text in a refused row comes back',
      outcome: `${typeof cell.value}`,
    });
    expect(cell.value).toBe('=HYPERLINK("http://evil")');
    expect(cell.formula).toBeUndefined();
  });
});
