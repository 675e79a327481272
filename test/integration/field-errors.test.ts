/**
 * The platform's refusals in Directus's own failed-validation shape: one error per field, code
 * FAILED_VALIDATION, the field named in `extensions.field`, type `platform`, and the sentence in the user's
 * language as `validation_message` (what the admin app shows at the field). And the provider's form: a migrant
 * with its stay in one request, both or neither.
 */
import { aggregate, createItem, readItems, readTranslations } from '@directus/sdk';
import { describe, expect, it } from 'vitest';
import { DEMO_ORGANISATION_IDS as ORG } from '../../scripts/demo-data.js';
import { as, demoData, directusUrl } from '../support/as-user.js';

const today = new Date().toISOString().slice(0, 10);
const nextYear = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;

interface FieldError {
  message: string;
  extensions: {
    code: string;
    field: string;
    path: string[];
    type: string;
    issues: string[];
    validation_message: string;
    collection: string;
  };
}

async function token(email: string): Promise<string> {
  const response = await fetch(`${directusUrl()}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'demo-password' }),
  });
  return ((await response.json()) as { data: { access_token: string } }).data.access_token;
}

async function post(email: string, path: string, body: unknown): Promise<{ status: number; errors: FieldError[] }> {
  const response = await fetch(`${directusUrl()}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await token(email)}` },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { errors?: FieldError[] };
  return { status: response.status, errors: json.errors ?? [] };
}

const badMigrant = (provider: string) => ({
  first_names: 'Anna',
  surname: 'Field errors',
  bsn: '123456789',
  date_of_birth: nextYear,
  nationality: 'PL',
  work_postcode: '12AB',
  arrival_date: today,
  provider,
});

async function migrantCount(): Promise<number> {
  const admin = await as('admin');
  const result = (await admin.request(aggregate('migrants', { aggregate: { count: '*' } }))) as Array<{
    count: number | string;
  }>;
  return Number(result[0]!.count);
}

describe('failed validation in Directus’s shape', () => {
  it('answers one FAILED_VALIDATION error per field, in Dutch for a Dutch provider', async () => {
    const answer = await post('provider-a@example.org', '/items/migrants', badMigrant(ORG.providerA));
    expect({
      status: answer.status,
      errors: answer.errors.map((error) => ({
        code: error.extensions.code,
        field: error.extensions.field,
        type: error.extensions.type,
        path: error.extensions.path,
        issues: error.extensions.issues,
        message: error.extensions.validation_message === error.message,
      })),
    }).toEqual({
      status: 400,
      errors: [
        { code: 'FAILED_VALIDATION', field: 'bsn', type: 'platform', path: [], issues: ['invalid_bsn'], message: true },
        {
          code: 'FAILED_VALIDATION',
          field: 'date_of_birth',
          type: 'platform',
          path: [],
          issues: ['in_future'],
          message: true,
        },
        {
          code: 'FAILED_VALIDATION',
          field: 'work_postcode',
          type: 'platform',
          path: [],
          issues: ['invalid_postcode'],
          message: true,
        },
      ],
    });
  });

  it('says at each field what is wrong in the provider’s language, without echoing personal data', async () => {
    const dutch = await post('provider-a@example.org', '/items/migrants', badMigrant(ORG.providerA));
    const english = await post('provider-b@example.org', '/items/migrants', badMigrant(ORG.providerB));
    const messages = (answer: { errors: FieldError[] }) =>
      Object.fromEntries(answer.errors.map((error) => [error.extensions.field, error.extensions.validation_message]));
    expect({ nl: messages(dutch), en: messages(english) }).toEqual({
      nl: {
        bsn: expect.stringMatching(/^BSN is ongeldig: het nummer voldoet niet aan de elfproef/),
        date_of_birth: 'Geboortedatum mag niet in de toekomst liggen.',
        work_postcode: expect.stringMatching(/^Postcode werkadres "12AB" is ongeldig/),
      },
      en: {
        bsn: expect.stringMatching(/^BSN \(citizen service number\) is invalid: the number fails the eleven test/),
        date_of_birth: 'Date of birth cannot be in the future.',
        work_postcode: expect.stringMatching(/^Work address postcode "12AB" is invalid/),
      },
    });
  });

  it('holds the one admin-app text that shows the message at the field, in both languages', async () => {
    const admin = await as('admin');
    const rows = (await admin.request(
      readTranslations({
        filter: { key: { _eq: 'validationError.platform' } },
        fields: ['language', 'value'],
        sort: ['language'],
      }),
    )) as Array<{ language: string; value: string }>;
    expect(rows).toEqual([
      { language: 'en-US', value: '{validation_message}' },
      { language: 'nl-NL', value: '{validation_message}' },
    ]);
  });
});

describe('a migrant with its stay in one request', () => {
  const location = () => demoData().locations.find((candidate) => candidate.provider === ORG.providerA)!;
  const migrant = (surname: string, stay: Record<string, unknown>) => ({
    first_names: 'Piotr',
    surname,
    date_of_birth: '1990-02-03',
    nationality: 'RO',
    arrival_date: today,
    provider: ORG.providerA,
    stays: { create: [{ location: location().id, start_date: today, ...stay }], update: [], delete: [] },
  });

  it('creates the stay with the migrant, and takes the language of the nationality when none is chosen', async () => {
    const providerA = await as('providerA');
    const created = (await providerA.request(createItem('migrants', migrant('With stay', {}) as never))) as {
      id: string;
    };
    const [row] = (await providerA.request(
      readItems('migrants', {
        filter: { id: { _eq: created.id } },
        fields: ['language', 'stays.location', 'stays.start_date'] as never,
      }),
    )) as Array<{ language: string; stays: Array<{ location: string; start_date: string }> }>;
    expect(row).toEqual({ language: 'ro', stays: [{ location: location().id, start_date: today }] });
  });

  it('writes neither when the stay is refused, and marks the stay’s field', async () => {
    const before = await migrantCount();
    const answer = await post(
      'provider-a@example.org',
      '/items/migrants',
      migrant('Bad stay', { end_date: '2000-01-01' }),
    );
    expect({
      status: answer.status,
      fields: answer.errors.map((error) => error.extensions.field),
      count: await migrantCount(),
    }).toEqual({ status: 400, fields: ['end_date'], count: before });
  });
});
