/**
 * The local BRP mock (scripts/brp-mock-server.ts) answers in the shapes of the BRP API Personen specification:
 * every answer is validated against a copy of the specification's schemas (test/fixtures/brp/personen-schemas.yaml,
 * with its source, commit and licence).
 *
 * OpenAPI's `discriminator` with a `mapping` (AbstractDatum, AbstractNationaliteit, AbstractVerblijfplaats,
 * PersonenQueryResponse) is not JSON Schema: below it becomes "if type is X then the mapped schema", the mapped
 * schemas' own reference to their parent pointing at the parent without the discriminator.
 *
 * Where the specification's feature files (the API's behaviour) and its schema patterns disagree, the mock follows
 * the feature files, and the test names each such spot: `instance` is the relative path
 * `/haalcentraal/api/brp/personen` (format uri wants a scheme), `detail` has "zijn:" and `[0]`, an invalidParam's
 * `name` has `[0]` and its `reason` quotes the pattern (features/zoeken-en-raadplegen/met-burgerservicenummer/
 * fout-cases.feature), and the 406/415 `detail` names the media type. Nothing else may differ.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BRP_MOCK_FIXTURES,
  BRP_MOCK_PERSONEN_PATH,
  startBrpMockServer,
  type BrpMockServer,
} from '../../scripts/brp-mock-server';
import { BRP_LOOKUP_FIELDS } from '../../extensions/labour-platform/src/glue/brp/client';

type Schema = Record<string, unknown>;

const fixture = parse(
  readFileSync(fileURLToPath(new URL('../fixtures/brp/personen-schemas.yaml', import.meta.url)), 'utf8'),
) as { schemas: Record<string, Schema>; responses: Record<string, string> };

const REF = '#/components/schemas/';

/** Rewrites each discriminator with a mapping into if/then dispatch on the property (see the file comment). */
function withDispatch(schemas: Record<string, Schema>): Record<string, Schema> {
  const result: Record<string, Schema> = structuredClone(schemas);
  for (const [name, schema] of Object.entries(schemas)) {
    const discriminator = schema['discriminator'] as
      { propertyName: string; mapping?: Record<string, string> } | undefined;
    if (!discriminator?.mapping) continue;
    const { discriminator: _dropped, ...base } = schema;
    result[`${name}__base`] = base;
    const property = discriminator.propertyName;
    const mapping = Object.entries(discriminator.mapping);
    for (const [, target] of mapping) {
      const child = result[target.slice(REF.length)]!;
      child['allOf'] = (child['allOf'] as Schema[]).map((part) =>
        part['$ref'] === `${REF}${name}` ? { $ref: `${REF}${name}__base` } : part,
      );
    }
    result[name] = {
      allOf: [
        { $ref: `${REF}${name}__base` },
        { properties: { [property]: { enum: mapping.map(([value]) => value) } } },
        ...mapping.map(([value, target]) => ({
          if: { properties: { [property]: { const: value } }, required: [property] },
          then: { $ref: target },
        })),
      ],
    };
  }
  return result;
}

const ajv = new Ajv2020({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
ajv.addSchema({ $id: 'brp-personen', components: { schemas: withDispatch(fixture.schemas) } });
const validator = (name: string): ValidateFunction => {
  const validate = ajv.getSchema(`brp-personen${REF}${name}`);
  if (!validate) throw new Error(`schema ${name} missing`);
  return validate;
};
const validateResponse = validator('PersonenQueryResponse');

/** The spots where the feature files' texts are outside the schema's patterns (see the file comment). */
const FEATURE_TEXTS: { path: RegExp; keyword: string; value: RegExp }[] = [
  { path: /^\/instance$/, keyword: 'format', value: /^\/haalcentraal\/api\/brp\/personen$/ },
  { path: /^\/detail$/, keyword: 'pattern', value: /^De foutieve parameter\(s\) zijn: [a-zA-Z0-9[\]., ]+\.$/ },
  // 406 and 415 (features/bevragen/*: "Ondersteunde content type: application/json; charset=utf-8.")
  { path: /^\/detail$/, keyword: 'pattern', value: /^Ondersteunde content type: application\/json; charset=utf-8\.$/ },
  { path: /^\/invalidParams\/\d+\/name$/, keyword: 'pattern', value: /^[a-zA-Z]+\[\d+\]$/ },
  { path: /^\/invalidParams\/\d+\/reason$/, keyword: 'pattern', value: /^Waarde voldoet niet aan patroon \S+\.$/ },
];

function valueAt(body: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], body);
}

/** Schema errors, minus the `if` wrappers of the dispatch (their cause is reported too). */
function schemaErrors(validate: ValidateFunction, body: unknown): ErrorObject[] {
  validate(body);
  return (validate.errors ?? []).filter((error) => error.keyword !== 'if');
}

function expectProblemValid(status: number, body: unknown): void {
  const name = fixture.responses[String(status)];
  expect(name, `the specification defines a ${status} answer`).toBeDefined();
  const unexplained = schemaErrors(validator(name!), body).filter(
    (error) =>
      !FEATURE_TEXTS.some(
        (spot) =>
          spot.path.test(error.instancePath) &&
          spot.keyword === error.keyword &&
          spot.value.test(String(valueAt(body, error.instancePath))),
      ),
  );
  expect(unexplained).toEqual([]);
}

const API_KEY = 'schema-key';
const LIMITED_KEY = 'schema-limited-key';
let mock: BrpMockServer;

beforeAll(async () => {
  mock = await startBrpMockServer({
    port: 0,
    apiKey: API_KEY,
    restrictedKeys: { [LIMITED_KEY]: ['burgerservicenummer'] },
  });
});

afterAll(async () => {
  await mock.close();
});

async function post(body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${new URL(mock.url).origin}${BRP_MOCK_PERSONEN_PATH}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'X-API-KEY': API_KEY, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

const raadpleeg = (burgerservicenummer: unknown, fields: unknown) => ({
  type: 'RaadpleegMetBurgerservicenummer',
  burgerservicenummer,
  fields,
});

/** Every top-level field of Persoon that may be asked for (the automatically delivered ones may not). */
const ALL_FIELDS = [
  'aNummer',
  'adressering',
  'burgerservicenummer',
  'datumEersteInschrijvingGBA',
  'datumInschrijvingInGemeente',
  'europeesKiesrecht',
  'geboorte',
  'gemeenteVanInschrijving',
  'geslacht',
  'gezag',
  'immigratie',
  'indicatieCurateleRegister',
  'indicatieGezagMinderjarige',
  'kinderen',
  'leeftijd',
  'naam',
  'nationaliteiten',
  'ouders',
  'overlijden',
  'partners',
  'uitsluitingKiesrecht',
  'verblijfplaats',
  'verblijfstitel',
];
/** The groups whose schemas the fixture leaves out: the mock must never serve them. */
const NOT_SERVED = [
  'adressering',
  'europeesKiesrecht',
  'gezag',
  'immigratie',
  'kinderen',
  'ouders',
  'overlijden',
  'partners',
  'rni',
  'uitsluitingKiesrecht',
  'verblijfstitel',
  'verificatie',
];

describe('the schema copy', () => {
  it('knows where it came from', () => {
    const text = readFileSync(fileURLToPath(new URL('../fixtures/brp/personen-schemas.yaml', import.meta.url)), 'utf8');
    expect(text).toContain('BRP-API/Haal-Centraal-BRP-bevragen');
    expect(text).toContain('specificatie/resolved/openapi.yaml');
    expect(text).toMatch(/commit [0-9a-f]{40}/);
    expect(text).toContain('EUPL-1.2');
  });

  it('refuses what the specification refuses (the check has teeth)', () => {
    const persoon = (extra: Record<string, unknown>) => ({
      type: 'RaadpleegMetBurgerservicenummer',
      personen: [{ burgerservicenummer: '999996940', ...extra }],
    });
    expect(schemaErrors(validateResponse, persoon({}))).toEqual([]);
    // the place name the mock used to serve: ș is outside the Waardetabel pattern À-ž
    expect(schemaErrors(validateResponse, persoon({ geboorte: { plaats: { omschrijving: 'Iași' } } }))).not.toEqual([]);
    expect(schemaErrors(validateResponse, persoon({ datumInschrijvingInGemeente: { type: 'Datum' } }))).not.toEqual([]);
    expect(schemaErrors(validateResponse, persoon({ verblijfplaats: { type: 'Ergens' } }))).not.toEqual([]);
    expect(
      schemaErrors(validateResponse, persoon({ nationaliteiten: [{ type: 'Nationaliteit', nationaliteit: 'Pools' }] })),
    ).not.toEqual([]);
  });
});

describe('200 answers', () => {
  it.each(Object.keys(BRP_MOCK_FIXTURES))('%s, every field and the lookup fields, match the schema', async (bsn) => {
    for (const fields of [ALL_FIELDS, [...BRP_LOOKUP_FIELDS]]) {
      const answer = await post(raadpleeg([bsn], fields));
      expect(answer.status).toBe(200);
      expect(schemaErrors(validateResponse, answer.body)).toEqual([]);
      const [persoon] = (answer.body as { personen: Record<string, unknown>[] }).personen;
      expect(persoon).toBeDefined();
      for (const group of NOT_SERVED) expect(persoon).not.toHaveProperty(group);
    }
  });

  it('the fixtures themselves, in full, match the Persoon schema', () => {
    const validatePersoon = validator('Persoon');
    for (const persoon of Object.values(BRP_MOCK_FIXTURES)) expect(schemaErrors(validatePersoon, persoon)).toEqual([]);
  });

  it('nested fields, aliases and no person match the schema', async () => {
    for (const [bsns, fields] of [
      [['999993653'], ['verblijfplaats.verblijfadres.postcode', 'geboorte.datum.langFormaat', 'naam.voorletters']],
      [
        ['999996940', '999990408'],
        ['verblijfplaatsBinnenland', 'adresseringBinnenland', 'gemeenteVanInschrijving'],
      ],
      [['123456782'], ['burgerservicenummer']],
    ] as const) {
      const answer = await post(raadpleeg(bsns, fields));
      expect(answer.status).toBe(200);
      expect(schemaErrors(validateResponse, answer.body)).toEqual([]);
    }
  });
});

describe('problem answers', () => {
  it('400 in its variants matches BadRequestFoutbericht, apart from the feature files’ texts', async () => {
    const bodies: unknown[] = [
      raadpleeg(['12345678', '999996940'], ['burgerservicenummer']),
      raadpleeg([], []),
      raadpleeg('999996940', 'naam'),
      raadpleeg(['999996940'], ['opschortingBijhouding', 'bestaatNiet']),
      { type: 'RaadpleegMetBurgerservicenummer', fields: ['burgerservicenummer'] },
      { burgerservicenummer: ['999996940'] },
      '{"type": ',
    ];
    for (const body of bodies) {
      const answer = await post(body);
      expect(answer.status).toBe(400);
      expectProblemValid(400, answer.body);
    }
  });

  it('401, 403, 406 and 415 match Foutbericht', async () => {
    const cases: [number, Record<string, string>, unknown][] = [
      [401, { 'X-API-KEY': 'wrong' }, raadpleeg(['999996940'], ['naam'])],
      [403, { 'X-API-KEY': LIMITED_KEY }, raadpleeg(['999996940'], ['naam'])],
      [406, { Accept: 'application/xml' }, raadpleeg(['999996940'], ['naam'])],
      [415, { 'Content-Type': 'text/csv' }, raadpleeg(['999996940'], ['naam'])],
    ];
    for (const [status, headers, body] of cases) {
      const answer = await post(body, headers);
      expect(answer.status).toBe(status);
      expectProblemValid(status, answer.body);
    }
  });
});
