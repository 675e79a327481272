/**
 * The access export (GET /privacy/migrants/:id/export) and the municipality's privacy settings, attacked: only the
 * municipality administrator of the migrant's municipality and the migrant's own provider get the export; everyone
 * else, a missing migrant and a malformed id get one and the same 404 (anonymous: 401), before anything is read or
 * logged; the privacy settings of a municipality (controller, contact, DPO) are written by its own municipality
 * administrator only, REST and GraphQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGANISATION_IDS as ORG } from '../../../scripts/demo-data.js';
import { demoData } from '../../support/as-user.js';
import { closeTestDatabase, testDatabase } from '../../support/database.js';
import { ACTORS, gql, http, printAttackTable, tried, unlessShed, type Actor, type HttpAnswer } from './support.js';

const send = (...args: Parameters<typeof http>): Promise<HttpAnswer> => unlessShed(() => http(...args));
printAttackTable('access export and privacy settings');

type Row = Record<string, unknown>;
const MISSING = '00000000-0000-4000-8000-0000000fffff';
let migrantA = '';
let migrantB = '';

/** A demo migrant of the provider, living in the municipality. */
async function migrantOf(provider: string, municipality: string): Promise<string> {
  const answer = await send(
    'admin',
    'GET',
    `/items/migrants?fields=id&limit=1&sort=case_number&filter[provider][_eq]=${provider}&filter[current_location][municipality][_eq]=${municipality}`,
  );
  return String(((answer.body as { data: Row[] }).data[0] ?? {})['id']);
}

async function revealCount(migrant: string): Promise<number> {
  const [row] = (await testDatabase()('reveal_log').where('migrant', migrant).count({ n: '*' })) as Array<{
    n: number | string;
  }>;
  return Number(row?.n ?? 0);
}

/** Who gets which export: the rest get the 404 (anonymous the 401). */
const ALLOWED: Partial<Record<Actor, 'A' | 'B'>> = { providerA: 'A', providerB: 'B', municipalityAdminA: 'A' };

beforeAll(async () => {
  migrantA = await migrantOf(ORG.providerA, ORG.gemeenteA);
  migrantB = await migrantOf(ORG.providerB, ORG.gemeenteB);
  expect(migrantA).toMatch(/^[0-9a-f-]{36}$/);
  expect(migrantB).toMatch(/^[0-9a-f-]{36}$/);
});

afterAll(async () => {
  // the demo's privacy settings back, for the test files after this one
  for (const organisation of demoData().organisations) {
    await send('admin', 'PATCH', `/items/organisations/${organisation.id}`, {
      controller_name: organisation.controller_name,
      controller_contact: organisation.controller_contact,
      dpo_contact: organisation.dpo_contact,
    });
  }
  await closeTestDatabase();
});

describe('the access export', () => {
  it('answers only its municipality administrator and its own provider; hidden, missing and malformed are one 404', async () => {
    for (const actor of ACTORS) {
      const before = { A: await revealCount(migrantA), B: await revealCount(migrantB) };
      const answers: Record<string, HttpAnswer> = {};
      for (const [name, id] of [
        ['A', migrantA],
        ['B', migrantB],
        ['missing', MISSING],
        ['malformed', 'x%27%20or%201=1'],
      ] as const) {
        answers[name] = await send(actor, 'GET', `/privacy/migrants/${id}/export`);
        tried({
          attack: 'access-export',
          actor,
          channel: 'REST',
          what: `GET /privacy/migrants/${name}/export`,
          outcome: `${answers[name]!.status} ${answers[name]!.code ?? ''}`,
        });
      }
      if (actor === 'public') {
        for (const answer of Object.values(answers)) expect(answer.status, actor).toBe(401);
        continue;
      }
      for (const name of ['A', 'B'] as const) {
        if (ALLOWED[actor] === name) {
          expect(answers[name]!.status, `${actor} ${name}`).toBe(200);
          expect(await revealCount(name === 'A' ? migrantA : migrantB), `${actor} ${name}: the export is logged`).toBe(
            before[name] + 1,
          );
        } else {
          expect(answers[name]!.status, `${actor} ${name}`).toBe(404);
          expect(answers[name]!.code).toBe('NOT_FOUND');
          // the hidden row's answer is the missing row's, word for word
          expect(answers[name]!.text, `${actor} ${name}`).toBe(answers['missing']!.text);
          expect(await revealCount(name === 'A' ? migrantA : migrantB), `${actor} ${name}: nothing logged`).toBe(
            before[name],
          );
        }
      }
      expect(answers['malformed']!.status).toBe(404);
      expect(answers['malformed']!.text).toBe(answers['missing']!.text);
    }
  });

  it('refuses a format it does not know in the caller’s language, and a write to the export', async () => {
    const answer = await send('providerA', 'GET', `/privacy/migrants/${migrantA}/export?format=xml`);
    tried({
      attack: 'access-export',
      actor: 'providerA',
      channel: 'REST',
      what: 'GET export?format=xml',
      outcome: `${answer.status} ${answer.code ?? ''}`,
    });
    expect(answer.status).toBe(400);
    for (const method of ['POST', 'PATCH', 'DELETE']) {
      const write = await send('providerA', method, `/privacy/migrants/${migrantA}/export`, {});
      tried({
        attack: 'access-export',
        actor: 'providerA',
        channel: 'REST',
        what: `${method} export`,
        outcome: String(write.status),
      });
      expect(write.status).toBe(404);
    }
  });

  it('has no GraphQL door: a municipality administrator still reads no migrant there', async () => {
    const answer = await gql('municipalityAdminA', 'query($id: ID!) { migrants_by_id(id: $id) { id bsn surname } }', {
      id: migrantA,
    });
    tried({
      attack: 'access-export',
      actor: 'municipalityAdminA',
      channel: 'GraphQL',
      what: 'migrants_by_id { bsn surname }',
      outcome: answer.data?.['migrants_by_id'] ? 'data' : 'refused',
    });
    expect(answer.data?.['migrants_by_id'] ?? null).toBeNull();
  });
});

describe('the municipality’s privacy settings', () => {
  it('are written by its own municipality administrator only, over REST and GraphQL', async () => {
    for (const actor of ACTORS) {
      for (const organisation of [ORG.gemeenteA, ORG.gemeenteB, ORG.providerA]) {
        const allowed = actor === 'admin' || (actor === 'municipalityAdminA' && organisation === ORG.gemeenteA);
        const value = `fg-${actor}@example.org`;
        const rest = await send(actor, 'PATCH', `/items/organisations/${organisation}`, { dpo_contact: value });
        tried({
          attack: 'tenancy-fields',
          actor,
          channel: 'REST',
          what: `PATCH organisations ${organisation === ORG.gemeenteA ? 'gemeente A' : organisation === ORG.gemeenteB ? 'gemeente B' : 'provider A'} dpo_contact`,
          outcome: String(rest.status),
        });
        expect(rest.status, `${actor} ${organisation}`).toBe(allowed ? 200 : 403);
        const graph = await gql(
          actor,
          'mutation($id: ID!, $v: String) { update_organisations_item(id: $id, data: { controller_contact: $v }) { id } }',
          { id: organisation, v: value },
        );
        tried({
          attack: 'tenancy-fields',
          actor,
          channel: 'GraphQL',
          what: 'update_organisations_item controller_contact',
          outcome: graph.data?.['update_organisations_item'] ? 'written' : 'refused',
        });
        expect(Boolean(graph.data?.['update_organisations_item']), `${actor} ${organisation} GraphQL`).toBe(allowed);
      }
    }
    // what decides tenancy stays the administrator's, also for the municipality administrator of that municipality
    for (const field of ['type', 'municipality_code', 'name', 'email']) {
      const answer = await send('municipalityAdminA', 'PATCH', `/items/organisations/${ORG.gemeenteA}`, {
        [field]: field === 'type' ? 'huisvester' : '9999',
      });
      tried({
        attack: 'tenancy-fields',
        actor: 'municipalityAdminA',
        channel: 'REST',
        what: `PATCH own gemeente ${field}`,
        outcome: String(answer.status),
      });
      expect(answer.status, field).toBe(403);
    }
  });
});
