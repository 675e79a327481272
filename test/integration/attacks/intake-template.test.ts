/**
 * Attacks on the import template, GET /intake/template.xlsx, by every role and anonymous: anonymous is refused;
 * a signed-in caller gets a template whose location list is exactly the active locations it may read itself (a
 * provider: its own), whatever provider it names; naming another provider gives the same (empty) list as naming one
 * that does not exist; a malformed provider is a 400 in the caller's language, never a 500. The endpoint has no
 * GraphQL counterpart (Directus's GraphQL knows only collections).
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_COLUMNS } from '../../../extensions/labour-platform/src/domain/intake/template.js';
import { DEMO_ORGANISATION_IDS as ORG } from '../../../scripts/demo-data.js';
import { demoData, directusUrl } from '../../support/as-user.js';
import { ACTORS, gql, http, printAttackTable, tokenOf, tried, type Actor } from './support.js';
import { patient } from '../../support/patience.js';

printAttackTable('intake template');

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const LOCATION_COLUMN = TEMPLATE_COLUMNS.findIndex((column) => column.key === 'location') + 1;

interface Download {
  status: number;
  contentType: string;
  disposition: string;
  bytes: Buffer;
}

async function download(actor: Actor, query = ''): Promise<Download> {
  const token = await tokenOf(actor);
  const response = await fetch(`${directusUrl()}/intake/template.xlsx${query}`, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    disposition: response.headers.get('content-disposition') ?? '',
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

/** The values of the location column's drop-down list (none when the column has no list). */
async function locationList(bytes: Buffer): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const validation = workbook.worksheets[0]!.getCell(2, LOCATION_COLUMN).dataValidation as
    { formulae?: string[] } | undefined;
  const formula = validation?.formulae?.[0];
  if (!formula) return [];
  const match = /^'(.+)'!\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)$/.exec(formula);
  if (!match) throw new Error(`unexpected list formula ${formula}`);
  const sheet = workbook.getWorksheet(match[1]!)!;
  const values: string[] = [];
  for (let row = Number(match[3]); row <= Number(match[4]); row += 1)
    values.push(String(sheet.getCell(`${match[2]}${row}`).value));
  return values;
}

/** The names of the active locations the actor reads through the items API. */
async function readableLocations(actor: Actor, provider?: string): Promise<string[]> {
  const providerFilter = provider ? `&filter[provider][_eq]=${provider}` : '';
  const answer = await http(
    actor,
    'GET',
    `/items/locations?filter[active][_neq]=false${providerFilter}&fields=name&sort=name&limit=-1`,
  );
  const rows = answer.status === 200 ? ((answer.body as { data: Array<{ name: string }> }).data ?? []) : [];
  return [...new Set(rows.map((row) => row.name))].sort();
}

describe('intake template attacks: REST', () => {
  for (const actor of ACTORS) {
    it(
      `${actor}: ${actor === 'public' ? 'refused' : 'a template with exactly the locations it reads itself'}`,
      { timeout: patient(60_000) },
      async () => {
        const answer = await download(actor);
        if (actor === 'public') {
          const body = JSON.parse(answer.bytes.toString('utf8')) as { errors: Array<{ extensions: { code: string } }> };
          tried({
            attack: 'intake-template',
            actor,
            channel: 'REST',
            what: 'GET /intake/template.xlsx',
            outcome: `${answer.status} ${body.errors[0]!.extensions.code}`,
          });
          expect(answer.status).toBe(401);
          expect(body.errors[0]!.extensions.code).toBe('NOT_SIGNED_IN');
          return;
        }
        expect(answer.status).toBe(200);
        expect(answer.contentType).toBe(XLSX);
        expect(answer.disposition).toMatch(/^attachment; filename="[a-z-]+\.xlsx"$/);
        const listed = await locationList(answer.bytes);
        tried({
          attack: 'intake-template',
          actor,
          channel: 'REST',
          what: 'GET /intake/template.xlsx',
          outcome: `${answer.status} ${listed.length} locations`,
        });
        expect([...listed].sort()).toEqual(await readableLocations(actor));
        if (actor === 'providerA' || actor === 'providerB') {
          const own = actor === 'providerA' ? ORG.providerA : ORG.providerB;
          const others = demoData()
            .locations.filter((location) => location.provider !== own)
            .map((location) => location.name);
          expect(listed.filter((name) => others.includes(name))).toEqual([]);
          expect(listed.length).toBeGreaterThan(0);
        }
      },
    );
  }

  it(
    'naming another provider gives no other location: the same answer as naming one that does not exist',
    { timeout: patient(60_000) },
    async () => {
      const missing = '30000000-0000-4000-8000-0000000000ff';
      for (const [actor, named] of [
        ['providerA', ORG.providerB],
        ['providerA', missing],
        ['providerB', ORG.providerA],
        ['clerkB', ORG.providerA],
      ] as const) {
        const answer = await download(actor, `?provider=${named}`);
        const listed = await locationList(answer.bytes);
        tried({
          attack: 'intake-template',
          actor,
          channel: 'REST',
          what: `?provider=${named === missing ? '<missing>' : named}`,
          outcome: `${answer.status} ${listed.length} locations`,
        });
        expect(answer.status).toBe(200);
        expect([...listed].sort()).toEqual(await readableLocations(actor, named));
      }
      // provider A names itself, clerk A names provider A: the locations each reads of that provider
      for (const [actor, named] of [
        ['providerA', ORG.providerA],
        ['clerkA', ORG.providerA],
      ] as const) {
        const listed = await locationList((await download(actor, `?provider=${named}`)).bytes);
        expect(listed.length).toBeGreaterThan(0);
        expect([...listed].sort()).toEqual(await readableLocations(actor, named));
      }
    },
  );

  it('a malformed provider is a 400 in the caller’s language, never a 500', { timeout: patient(60_000) }, async () => {
    for (const query of [
      '?provider=x',
      '?provider[]=a&provider[]=b',
      '?provider[_neq]=x',
      "?provider=1'%20OR%201=1",
      `?provider=${'9'.repeat(5000)}`,
    ]) {
      for (const actor of ['providerA', 'providerB'] as const) {
        const answer = await download(actor, query);
        const body = JSON.parse(answer.bytes.toString('utf8')) as {
          errors: Array<{ message: string; extensions: { code: string } }>;
        };
        tried({
          attack: 'intake-template',
          actor,
          channel: 'REST',
          what: query.slice(0, 40),
          outcome: `${answer.status} ${body.errors[0]!.extensions.code}`,
        });
        expect(answer.status).toBe(400);
        expect(body.errors[0]!.extensions.code).toBe('INVALID_INPUT');
        expect(body.errors[0]!.message).toBe(actor === 'providerA' ? 'Controleer "provider".' : 'Check "provider".');
      }
    }
  });
});

describe('intake template attacks: GraphQL', () => {
  it('has no GraphQL counterpart: the template is not reachable through /graphql', async () => {
    for (const actor of ['providerA', 'public'] as const) {
      const answer = await gql(actor, '{ intake_template { id } }');
      tried({
        attack: 'intake-template',
        actor,
        channel: 'GraphQL',
        what: '{ intake_template }',
        outcome: `${answer.status} ${answer.code ?? ''}`,
      });
      expect(answer.data).toBeNull();
      expect(answer.code).not.toBeNull();
    }
  });
});
