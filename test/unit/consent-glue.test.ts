/**
 * The pieces of the consent glue split out of requests.ts that need no Directus: the help contacts (configured, or
 * the municipalities from organisation data, on an in-memory SQLite), the municipality's contact of a migrant, and
 * how an invitation reached the migrant.
 */
import knexFactory, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  configuredHelpContact,
  helpContacts,
  helpContactsAttribute,
} from '../../extensions/labour-platform/src/glue/consent/help';
import {
  channelOf,
  municipalityContact,
  type ConsentRow,
} from '../../extensions/labour-platform/src/glue/consent/rows';

describe('help contacts', () => {
  let knex: Knex;
  let clock = 1_000_000;

  beforeAll(async () => {
    knex = knexFactory({ client: 'sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
    await knex.schema.createTable('organisations', (table) => {
      table.string('id');
      table.string('name');
      table.string('type');
      table.string('email');
    });
    await knex('organisations').insert([
      { id: '1', name: 'Gemeente Schagen', type: 'gemeente', email: 'burgerzaken@schagen.example' },
      { id: '2', name: 'Gemeente Hollands Kroon', type: 'gemeente', email: 'burgerzaken@hollandskroon.example' },
      { id: '3', name: 'Polderlogies', type: 'huisvester', email: 'planning@polderlogies.example' },
      { id: '4', name: 'Gemeente Zonder Adres', type: 'gemeente', email: null },
    ]);
  });

  afterAll(async () => {
    await knex.destroy();
  });

  it('uses the configured contact when both its name and address are set', async () => {
    const env = { CONSENT_HELP_NAME: 'Loket Arbeidsmigranten', CONSENT_HELP_EMAIL: 'loket@example.org' };
    expect(await helpContacts(knex, env, clock)).toEqual([
      { name: 'Loket Arbeidsmigranten', email: 'loket@example.org' },
    ]);
  });

  it('ignores a configured contact without a plausible address', () => {
    expect(configuredHelpContact({ CONSENT_HELP_NAME: 'Loket', CONSENT_HELP_EMAIL: 'not an address' })).toBeNull();
    expect(configuredHelpContact({ CONSENT_HELP_EMAIL: 'loket@example.org' })).toBeNull();
  });

  it('else lists the municipalities with a contact address, by name, and never a provider', async () => {
    expect(await helpContacts(knex, {}, clock)).toEqual([
      { name: 'Gemeente Hollands Kroon', email: 'burgerzaken@hollandskroon.example' },
      { name: 'Gemeente Schagen', email: 'burgerzaken@schagen.example' },
    ]);
  });

  it('reads the organisations at most once a minute', async () => {
    await knex('organisations').insert({
      id: '5',
      name: 'Gemeente Alkmaar',
      type: 'gemeente',
      email: 'info@alkmaar.example',
    });
    expect(await helpContacts(knex, {}, clock + 1_000)).toHaveLength(2);
    clock += 61_000;
    expect(await helpContacts(knex, {}, clock)).toHaveLength(3);
  });

  it('travels in an HTML attribute without breaking out of it', () => {
    const attribute = helpContactsAttribute([{ name: 'A "quoted" <b>', email: 'a@example.org' }]);
    expect(attribute).not.toMatch(/["<>]/);
    const decoded = attribute.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
    expect(JSON.parse(decoded)).toEqual([{ name: 'A "quoted" <b>', email: 'a@example.org' }]);
  });
});

describe('a migrant’s municipality contact', () => {
  it('is the municipality with its address', () => {
    expect(municipalityContact({ municipalityName: 'Gemeente Schagen', municipalityEmail: 'b@example.org' })).toEqual({
      name: 'Gemeente Schagen',
      email: 'b@example.org',
    });
  });

  it.each([
    [{ municipalityName: null, municipalityEmail: 'b@example.org' }],
    [{ municipalityName: 'Gemeente Schagen', municipalityEmail: null }],
    [null],
  ])('is none without a municipality or its address (%j)', (facts) => {
    expect(municipalityContact(facts)).toBeNull();
  });
});

describe('how the invitation reached the migrant', () => {
  const row = (channel: string | null, sentAt: number | null): ConsentRow =>
    ({
      id: 'c',
      migrant: 'm',
      status: 'requested',
      channel,
      sent_at: sentAt,
      printed_by: 'user-1',
    }) as unknown as ConsentRow;

  it('a letter names who printed it, and when', () => {
    expect(channelOf(row('letter', Date.UTC(2026, 0, 2)))).toEqual({
      via: 'letter',
      at: '2026-01-02T00:00:00.000Z',
      printedBy: 'user-1',
    });
  });

  it('an e-mail names nobody', () => {
    expect(channelOf(row('email', null))).toEqual({ via: 'email', at: null, printedBy: null });
  });

  it('anything else is not recorded', () => {
    expect(channelOf(row(null, null))).toBeUndefined();
  });
});
