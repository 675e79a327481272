/**
 * scripts/brp-mock-server.ts answers like the Haal Centraal BRP Personen API v2, and the platform's BRP client
 * works against it over real HTTP: every fixture, not found, 401 with a challenge, 400 with invalidParams, 403 for
 * unauthorised fields, 404, 405, 406, 415, fields filtering with the binnenland aliases, and no BSN in any error
 * message. The answers' shapes against the specification's schema: brp-mock-schema.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passesElevenCheck } from '../../extensions/labour-platform/src/domain/bsn';
import { proposedAssessment } from '../../extensions/labour-platform/src/domain/brp/lookup';
import { BrpLookupError, createBrpClient, type BrpClient } from '../../extensions/labour-platform/src/glue/brp/client';
import {
  BRP_MOCK_FIXTURES,
  BRP_MOCK_PERSONEN_PATH,
  startBrpMockServer,
  type BrpMockServer,
} from '../../scripts/brp-mock-server';
import { caughtBrpError as caught } from '../support/brp';

const API_KEY = 'test-key';
/** Authorised only for the Dutch-address aliases, as a municipality without the foreign-address rubrieken. */
const BINNENLAND_KEY = 'binnenland-key';
let mock: BrpMockServer;
let client: BrpClient;
const logLines: string[] = [];
const serverLines: string[] = [];

beforeAll(async () => {
  mock = await startBrpMockServer({
    port: 0,
    apiKey: API_KEY,
    restrictedKeys: { [BINNENLAND_KEY]: ['burgerservicenummer', 'verblijfplaatsBinnenland', 'adresseringBinnenland'] },
    log: (line) => serverLines.push(line),
  });
  client = createBrpClient({ baseUrl: mock.url, apiKey: API_KEY, log: (line) => logLines.push(line) });
});

afterAll(async () => {
  await mock.close();
});

interface RawAnswer {
  status: number;
  contentType: string;
  headers: Headers;
  body: Record<string, unknown>;
}

async function post(
  body: unknown,
  headers: Record<string, string> = {},
  path = BRP_MOCK_PERSONEN_PATH,
  method = 'POST',
): Promise<RawAnswer> {
  const origin = new URL(mock.url).origin;
  const response = await fetch(`${origin}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', 'X-API-KEY': API_KEY, ...headers },
    ...(method === 'GET' || method === 'HEAD' ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

const raadpleeg = (
  burgerservicenummer: unknown,
  fields: unknown = ['burgerservicenummer'],
  extra: Record<string, unknown> = {},
) => ({
  type: 'RaadpleegMetBurgerservicenummer',
  burgerservicenummer,
  fields,
  ...extra,
});

function expectProblem(answer: RawAnswer, status: number, code: string): void {
  expect(answer.status).toBe(status);
  expect(answer.contentType).toMatch(/^application\/problem\+json/);
  expect(answer.body).toMatchObject({
    status,
    code,
    title: expect.any(String),
    type: expect.stringMatching(/^https:\/\//),
    instance: expect.any(String),
  });
}

describe('fixtures', () => {
  it('are RvIG test numbers that pass the 11-proef', () => {
    for (const bsn of Object.keys(BRP_MOCK_FIXTURES)) {
      expect(bsn).toMatch(/^9999\d{5}$/);
      expect(passesElevenCheck(bsn)).toBe(true);
      expect(BRP_MOCK_FIXTURES[bsn]?.burgerservicenummer).toBe(bsn);
    }
  });
});

describe('the client against the mock', () => {
  it('999996940: Polish national registered in Amsterdam', async () => {
    const result = await client.lookupByBsn('999996940', { ownMunicipalityCode: '1783' });
    expect(result).toEqual({
      kind: 'registered',
      municipalityCode: '0363',
      municipalityName: 'Amsterdam',
      since: '2021-03-15',
      suspended: false,
      inOwnMunicipality: false,
    });
    expect(proposedAssessment(result)).toBe('registered');

    const persoon = await client.fetchPerson('999996940');
    expect(persoon?.nationaliteiten?.[0]?.nationaliteit).toEqual({ code: '0072', omschrijving: 'Poolse' });
    expect(persoon?.verblijfplaats?.adresseerbaarObjectIdentificatie).toMatch(/^0363\d{12}$/);
    expect(persoon?.datumInschrijvingInGemeente).toEqual({
      type: 'Datum',
      datum: '2021-03-15',
      langFormaat: '15 maart 2021',
    });
  });

  it('999993653: registered in Hollands Kroon, address under investigation', async () => {
    const result = await client.lookupByBsn('999993653', { ownMunicipalityCode: '1911' });
    expect(result).toMatchObject({
      kind: 'registered',
      municipalityCode: '1911',
      municipalityName: 'Hollands Kroon',
      since: '2023-06-05',
      inOwnMunicipality: true,
    });
    const persoon = await client.fetchPerson('999993653');
    expect(persoon?.verblijfplaats?.inOnderzoek).toMatchObject({ adresseerbaarObjectIdentificatie: true });
  });

  it('999990408: registered in the RNI', async () => {
    const result = await client.lookupByBsn('999990408');
    expect(result).toEqual({ kind: 'rni', since: '2022-09-01' });
    expect(proposedAssessment(result)).toBe('not_registered');
  });

  it('999993483: emigrated, municipality 1999 with reason E (opschortingBijhouding delivered without being asked)', async () => {
    const result = await client.lookupByBsn('999993483');
    expect(result).toEqual({ kind: 'emigrated', date: '2014-07-02' });
    expect(proposedAssessment(result)).toBe('not_registered');
    const persoon = await client.fetchPerson('999993483');
    expect(persoon?.gemeenteVanInschrijving?.code).toBe('1999');
    expect(persoon?.opschortingBijhouding?.reden.code).toBe('E');
  });

  it('999992016: the municipality of registration under investigation reaches the lookup result', async () => {
    expect(await client.lookupByBsn('999992016', { ownMunicipalityCode: '1783' })).toEqual({
      kind: 'registered',
      municipalityCode: '1783',
      municipalityName: 'Westland',
      since: '2024-11-04',
      suspended: false,
      inOwnMunicipality: true,
      investigation: { registration: true, address: false, since: '2025-01-10' },
    });
  });

  it('999993653: the address under investigation reaches the lookup result', async () => {
    expect(await client.lookupByBsn('999993653')).toMatchObject({
      investigation: { registration: false, address: true, since: '2024-02-01' },
    });
  });

  it('another valid BSN: not found', async () => {
    expect(await client.lookupByBsn('123456782')).toEqual({ kind: 'not_found' });
  });

  it('gemeenteVanInschrijving filters: a person registered elsewhere is not returned', async () => {
    expect(await client.lookupByBsn('999996940', { gemeenteVanInschrijving: '1783' })).toEqual({ kind: 'not_found' });
    expect(await client.lookupByBsn('999996940', { gemeenteVanInschrijving: '0363' })).toMatchObject({
      kind: 'registered',
      inOwnMunicipality: true,
    });
  });

  it('a wrong API key → 401 BrpLookupError', async () => {
    const wrong = createBrpClient({ baseUrl: mock.url, apiKey: 'wrong' });
    const error = await caught(wrong.lookupByBsn('999996940'));
    expect(error).toMatchObject({ status: 401, code: 'authentication', title: 'Niet correct geauthenticeerd.' });
  });

  it('a parameter the API refuses → 400 BrpLookupError with invalidParams', async () => {
    const error = await caught(client.lookupByBsn('999996940', { gemeenteVanInschrijving: '363' }));
    expect(error).toMatchObject({
      status: 400,
      code: 'paramsValidation',
      detail: 'De foutieve parameter(s) zijn: gemeenteVanInschrijving.',
    });
    expect(error.invalidParams).toEqual([
      { name: 'gemeenteVanInschrijving', code: 'pattern', reason: 'Waarde voldoet niet aan patroon ^[0-9]{4}$.' },
    ]);
  });

  it('a wrong base URL → 404 BrpLookupError', async () => {
    const lost = createBrpClient({ baseUrl: `${new URL(mock.url).origin}/elders`, apiKey: API_KEY });
    const error = await caught(lost.lookupByBsn('999996940'));
    expect(error).toMatchObject({ status: 404, code: 'notFound' });
  });

  it('an unreachable server → networkError', async () => {
    const closed = await startBrpMockServer({ apiKey: API_KEY });
    await closed.close();
    const error = await caught(createBrpClient({ baseUrl: closed.url, apiKey: API_KEY }).lookupByBsn('999996940'));
    expect(error).toMatchObject({ status: 502, code: 'networkError' });
  });

  it('no BSN in any error message, error property or log line', async () => {
    const bsns = ['999996940', '999993653', '999990408', '999993483', '123456782', '999996941', '12345'];
    const errors: BrpLookupError[] = [];
    const wrong = createBrpClient({ baseUrl: mock.url, apiKey: 'wrong', log: (line) => logLines.push(line) });
    for (const bsn of bsns) {
      errors.push(await caught(wrong.lookupByBsn(bsn)).catch((error: unknown) => error as BrpLookupError));
      await client
        .lookupByBsn(bsn, { gemeenteVanInschrijving: '12345' })
        .catch((error: unknown) => errors.push(error as BrpLookupError));
    }
    expect(errors.length).toBeGreaterThanOrEqual(bsns.length * 2 - 2);
    const text = [
      ...errors.map((error) => [String(error), error.stack ?? '', JSON.stringify({ ...error })].join('\n')),
      ...logLines,
      ...serverLines,
    ].join('\n');
    for (const bsn of bsns) expect(text).not.toContain(bsn);
  });
});

describe('the mock over raw HTTP', () => {
  it('answers 200 application/json with type and personen', async () => {
    const answer = await post(raadpleeg(['999996940', '123456782']));
    expect(answer.status).toBe(200);
    expect(answer.contentType).toMatch(/^application\/json/);
    expect(answer.body).toEqual({
      type: 'RaadpleegMetBurgerservicenummer',
      personen: [{ burgerservicenummer: '999996940' }],
    });
  });

  it('returns only the requested fields, including nested paths; a polymorphic group keeps its type', async () => {
    const answer = await post(
      raadpleeg(
        ['999996940'],
        ['naam.voornamen', 'gemeenteVanInschrijving.code', 'nationaliteiten.nationaliteit.code'],
      ),
    );
    expect(answer.body.personen).toEqual([
      {
        naam: { voornamen: 'Katarzyna' },
        gemeenteVanInschrijving: { code: '0363' },
        nationaliteiten: [{ type: 'Nationaliteit', nationaliteit: { code: '0072' } }],
      },
    ]);
  });

  it('any field of a date delivers the whole date (fields-datum.feature)', async () => {
    const answer = await post(raadpleeg(['999990408'], ['geboorte.datum.jaar']));
    expect((answer.body.personen as Record<string, unknown>[])[0]?.['geboorte']).toEqual({
      datum: { type: 'JaarMaandDatum', jaar: 1979, maand: 8, langFormaat: 'augustus 1979' },
    });
  });

  it('adds the automatically delivered fields (opschortingBijhouding, inOnderzoek of a delivered group)', async () => {
    const emigrated = await post(raadpleeg(['999993483'], ['burgerservicenummer']));
    expect(emigrated.body.personen).toEqual([
      {
        burgerservicenummer: '999993483',
        opschortingBijhouding: {
          reden: { code: 'E', omschrijving: 'emigratie' },
          datum: { type: 'Datum', datum: '2014-07-02', langFormaat: '2 juli 2014' },
        },
      },
    ]);
    const investigated = await post(raadpleeg(['999993653'], ['verblijfplaats.adresseerbaarObjectIdentificatie']));
    expect(investigated.body.personen).toEqual([
      {
        verblijfplaats: {
          type: 'Adres',
          adresseerbaarObjectIdentificatie: '1911010000900002',
          inOnderzoek: expect.objectContaining({ adresseerbaarObjectIdentificatie: true }),
        },
      },
    ]);
  });

  it('refuses automatically delivered and unknown fields', async () => {
    const answer = await post(raadpleeg(['999996940'], ['opschortingBijhouding', 'bestaatNiet', 'a*nummer']));
    expectProblem(answer, 400, 'paramsValidation');
    expect(answer.body.invalidParams).toEqual([
      { name: 'fields[0]', code: 'fields', reason: 'Parameter bevat een niet toegestane veldnaam.' },
      { name: 'fields[1]', code: 'fields', reason: 'Parameter bevat een niet bestaande veldnaam.' },
      { name: 'fields[2]', code: 'pattern', reason: 'Waarde voldoet niet aan patroon ^[a-zA-Z0-9\\._]{1,200}$.' },
    ]);
  });

  it('400 for BSNs that are not nine digits, naming the parameter and never the value', async () => {
    const answer = await post(raadpleeg(['12345678', '999996941', '999996940', 999996940]));
    expectProblem(answer, 400, 'paramsValidation');
    expect(answer.body.detail).toBe('De foutieve parameter(s) zijn: burgerservicenummer[0], burgerservicenummer[3].');
    expect(answer.body.invalidParams).toEqual([
      { name: 'burgerservicenummer[0]', code: 'pattern', reason: 'Waarde voldoet niet aan patroon ^[0-9]{9}$.' },
      { name: 'burgerservicenummer[3]', code: 'pattern', reason: 'Waarde voldoet niet aan patroon ^[0-9]{9}$.' },
    ]);
    expect(JSON.stringify(answer.body)).not.toMatch(/999996941|12345678/);
  });

  it('a nine-digit BSN that fails the 11-proef is not refused (the specification checks the pattern only): no person', async () => {
    const answer = await post(raadpleeg(['999996941']));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ type: 'RaadpleegMetBurgerservicenummer', personen: [] });
  });

  it('a missing burgerservicenummer is a missing combination (paramsCombination), as fout-cases.feature says', async () => {
    const answer = await post({ type: 'RaadpleegMetBurgerservicenummer', fields: ['burgerservicenummer'] });
    expectProblem(answer, 400, 'paramsCombination');
    expect(answer.body).toMatchObject({
      title: 'Minimale combinatie van parameters moet worden opgegeven.',
      detail: 'De foutieve parameter(s) zijn: burgerservicenummer.',
      invalidParams: [{ name: 'burgerservicenummer', code: 'required', reason: 'Parameter is verplicht.' }],
    });
  });

  it('accepts the verblijfplaatsBinnenland and adresseringBinnenland aliases, answering under the real name', async () => {
    const dutch = await post(raadpleeg(['999996940'], ['verblijfplaatsBinnenland.datumVan', 'adresseringBinnenland']));
    expect(dutch.status).toBe(200);
    expect((dutch.body.personen as Record<string, unknown>[])[0]).toEqual({
      verblijfplaats: {
        type: 'Adres',
        datumVan: { type: 'Datum', datum: '2021-03-15', langFormaat: '15 maart 2021' },
      },
    });
    // a foreign verblijfplaats is not part of the alias: a person without data
    const abroad = await post(raadpleeg(['999990408'], ['verblijfplaatsBinnenland']));
    expect((abroad.body.personen as Record<string, unknown>[])[0]).not.toHaveProperty('verblijfplaats');
    // the foreign-address fields are not under the alias
    const foreign = await post(raadpleeg(['999996940'], ['verblijfplaatsBinnenland.verblijfadres.regel1']));
    expectProblem(foreign, 400, 'paramsValidation');
  });

  it('403 unauthorizedField for a field the key is not authorised for; the aliases are what it may ask', async () => {
    const headers = { 'X-API-KEY': BINNENLAND_KEY };
    const refused = await post(raadpleeg(['999996940'], ['burgerservicenummer', 'verblijfplaats.datumVan']), headers);
    expectProblem(refused, 403, 'unauthorizedField');
    expect(refused.body).toEqual({
      type: 'https://datatracker.ietf.org/doc/html/rfc7231#section-6.5.3',
      title: 'U bent niet geautoriseerd voor één of meerdere opgegeven field waarden.',
      status: 403,
      instance: BRP_MOCK_PERSONEN_PATH,
      code: 'unauthorizedField',
    });
    const allowed = await post(raadpleeg(['999996940'], ['burgerservicenummer', 'verblijfplaatsBinnenland']), headers);
    expect(allowed.status).toBe(200);
    const error = await caught(createBrpClient({ baseUrl: mock.url, apiKey: BINNENLAND_KEY }).lookupByBsn('999996940'));
    expect(error).toMatchObject({ status: 403, code: 'unauthorizedField' });
  });

  it('400 for missing, empty, non-array and too many parameters, and unknown ones', async () => {
    expect((await post({ type: 'RaadpleegMetBurgerservicenummer' })).body.invalidParams).toEqual([
      { name: 'burgerservicenummer', code: 'required', reason: 'Parameter is verplicht.' },
      { name: 'fields', code: 'required', reason: 'Parameter is verplicht.' },
    ]);
    expect((await post(raadpleeg([], []))).body.invalidParams).toEqual([
      { name: 'burgerservicenummer', code: 'minItems', reason: 'Array bevat minder dan 1 items.' },
      { name: 'fields', code: 'minItems', reason: 'Array bevat minder dan 1 items.' },
    ]);
    expect((await post(raadpleeg('999996940,999993653', 'burgerservicenummer'))).body.invalidParams).toEqual([
      { name: 'burgerservicenummer', code: 'array', reason: 'Parameter is geen array.' },
      { name: 'fields', code: 'array', reason: 'Parameter is geen array.' },
    ]);
    expect((await post(raadpleeg(Array.from({ length: 21 }, () => '999996940')))).body.invalidParams).toEqual([
      { name: 'burgerservicenummer', code: 'maxItems', reason: 'Array bevat meer dan 20 items.' },
    ]);
    expect((await post(raadpleeg(['999996940'], ['naam'], { voornamen: 'Katarzyna' }))).body.invalidParams).toEqual([
      { name: 'voornamen', code: 'unknownParam', reason: 'Parameter is niet verwacht.' },
    ]);
  });

  it('400 for bad JSON, a missing type and an unknown type; 501 for other search types', async () => {
    const badJson = await post('{"type": ');
    expectProblem(badJson, 400, 'paramsValidation');
    expect(badJson.body.invalidParams).toEqual([
      { name: 'body', code: 'json', reason: 'Request body is geen geldige JSON.' },
    ]);

    expect((await post({ burgerservicenummer: ['999996940'] })).body.invalidParams).toEqual([
      { name: 'type', code: 'required', reason: 'Parameter is verplicht.' },
    ]);
    expect(
      (await post(raadpleeg(['999996940'], ['naam'], { type: 'raadpleegmetburgerservicenummer' }))).body.invalidParams,
    ).toEqual([{ name: 'type', code: 'value', reason: 'Waarde is geen geldig zoek type.' }]);
    expectProblem(
      await post({ type: 'ZoekMetPostcodeEnHuisnummer', postcode: '1012AB', huisnummer: 12, fields: ['naam'] }),
      501,
      'notImplemented',
    );
  });

  it('401 without or with a wrong key, with a WWW-Authenticate challenge (RFC 7235)', async () => {
    for (const key of ['', 'wrong']) {
      const answer = await post(raadpleeg(['999996940']), { 'X-API-KEY': key });
      expectProblem(answer, 401, 'authentication');
      expect(answer.headers.get('www-authenticate')).toMatch(/^ApiKey realm="[^"]+", header="X-API-KEY"$/);
    }
  });

  it('404 for an unknown path, 405 for another method', async () => {
    expectProblem(
      await post(raadpleeg(['999996940']), {}, '/haalcentraal/api/brp/ingeschrevenpersonen'),
      404,
      'notFound',
    );
    expectProblem(await post(undefined, {}, BRP_MOCK_PERSONEN_PATH, 'GET'), 405, 'methodNotAllowed');
  });

  it('415 for another content type, 406 for another Accept; json variants are accepted', async () => {
    for (const contentType of ['application/xml', 'text/csv', 'application/json; charset=cp1252', '*/*']) {
      expectProblem(await post(raadpleeg(['999996940']), { 'Content-Type': contentType }), 415, 'unsupportedMediaType');
    }
    expectProblem(await post(raadpleeg(['999996940']), { Accept: 'application/xml' }), 406, 'notAcceptable');
    for (const contentType of ['application/json;charset=UTF-8', 'application/json; charset=utf-8']) {
      expect((await post(raadpleeg(['999996940']), { 'Content-Type': contentType, Accept: '*/*' })).status).toBe(200);
    }
  });

  it('logs method, path and status only', () => {
    expect(serverLines.length).toBeGreaterThan(0);
    for (const line of serverLines) expect(line).toMatch(/^[A-Z]+ \/\S* -> \d{3}$/);
  });
});
