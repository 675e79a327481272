import { describe, expect, it } from 'vitest';
import {
  brpDateToString,
  interpretPerson,
  proposedAssessment,
  registrationInvestigation,
  type BrpLookupResult,
  type BrpPersoon,
} from '../../extensions/labour-platform/src/domain/brp/lookup';
import {
  BRP_LOOKUP_FIELDS,
  createBrpClient,
  redactPersonalNumbers,
  type FetchLike,
} from '../../extensions/labour-platform/src/glue/brp/client';
import { caughtBrpError as caught } from '../support/brp';

const BSN = '999996940';

const amsterdam: BrpPersoon = {
  burgerservicenummer: BSN,
  gemeenteVanInschrijving: { code: '0363', omschrijving: 'Amsterdam' },
  datumInschrijvingInGemeente: { type: 'Datum', datum: '2021-03-15', langFormaat: '15 maart 2021' },
};

describe('brpDateToString', () => {
  it('gives the ISO date, a partial date or null', () => {
    expect(brpDateToString({ type: 'Datum', datum: '2021-03-15' })).toBe('2021-03-15');
    expect(brpDateToString({ type: 'JaarMaandDatum', jaar: 2021, maand: 3 })).toBe('2021-03');
    expect(brpDateToString({ type: 'JaarDatum', jaar: 2021 })).toBe('2021');
    expect(brpDateToString({ type: 'DatumOnbekend', onbekend: true, langFormaat: 'onbekend' })).toBeNull();
    expect(brpDateToString(undefined)).toBeNull();
  });
});

describe('interpretPerson', () => {
  it('no person → not_found', () => {
    expect(interpretPerson(undefined, '1783')).toEqual({ kind: 'not_found' });
  });

  it('registered in another municipality', () => {
    expect(interpretPerson(amsterdam, '1783')).toEqual({
      kind: 'registered',
      municipalityCode: '0363',
      municipalityName: 'Amsterdam',
      since: '2021-03-15',
      suspended: false,
      inOwnMunicipality: false,
    });
  });

  it('registered in the own municipality (codes compared as four digits)', () => {
    expect(interpretPerson(amsterdam, '363')).toMatchObject({ kind: 'registered', inOwnMunicipality: true });
    expect(interpretPerson(amsterdam, null)).toMatchObject({ kind: 'registered', inOwnMunicipality: false });
  });

  it('registered without a known registration date', () => {
    const persoon: BrpPersoon = { gemeenteVanInschrijving: { code: '1911', omschrijving: 'Hollands Kroon' } };
    expect(interpretPerson(persoon, '1911')).toMatchObject({
      kind: 'registered',
      since: null,
      municipalityName: 'Hollands Kroon',
    });
  });

  it('municipality 1999 → rni', () => {
    const persoon: BrpPersoon = {
      gemeenteVanInschrijving: { code: '1999', omschrijving: 'Registratie Niet Ingezetenen (RNI)' },
      datumInschrijvingInGemeente: { type: 'JaarMaandDatum', jaar: 2022, maand: 9 },
    };
    expect(interpretPerson(persoon, '1783')).toEqual({ kind: 'rni', since: '2022-09' });
  });

  it("opschortingBijhouding 'R' (PL created in the RNI) → rni, not deregistered", () => {
    const persoon: BrpPersoon = {
      gemeenteVanInschrijving: { code: '1999' },
      datumInschrijvingInGemeente: { type: 'Datum', datum: '2022-09-01' },
      opschortingBijhouding: { reden: { code: 'R', omschrijving: 'pl is aangelegd in de rni' } },
    };
    expect(interpretPerson(persoon, '1783')).toEqual({ kind: 'rni', since: '2022-09-01' });
  });

  it.each([
    ['O', 'overlijden'],
    ['M', 'ministerieel besluit'],
    ['F', 'fout'],
    ['.', 'onbekend'],
  ])('opschortingBijhouding %s → deregistered', (code, omschrijving) => {
    const persoon: BrpPersoon = {
      ...amsterdam,
      opschortingBijhouding: {
        reden: { code, omschrijving },
        datum: { type: 'Datum', datum: '2014-07-02', langFormaat: '2 juli 2014' },
      },
    };
    expect(interpretPerson(persoon, '0363')).toEqual({
      kind: 'deregistered',
      reason: { code, description: omschrijving },
      date: '2014-07-02',
    });
  });

  it('deregistered with an unknown date', () => {
    const persoon: BrpPersoon = {
      ...amsterdam,
      opschortingBijhouding: { reden: { code: 'M' }, datum: { type: 'DatumOnbekend', onbekend: true } },
    };
    expect(interpretPerson(persoon, null)).toEqual({
      kind: 'deregistered',
      reason: { code: 'M', description: '' },
      date: null,
    });
  });

  // the specification's emigration case: the person list sits in municipality 1999 with reason 'E'
  it("municipality 1999 with opschortingBijhouding 'E' → emigrated, not rni", () => {
    const persoon: BrpPersoon = {
      gemeenteVanInschrijving: { code: '1999', omschrijving: 'Registratie Niet Ingezetenen (RNI)' },
      datumInschrijvingInGemeente: { type: 'Datum', datum: '2014-07-02' },
      opschortingBijhouding: {
        reden: { code: 'E', omschrijving: 'emigratie' },
        datum: { type: 'Datum', datum: '2014-07-02', langFormaat: '2 juli 2014' },
      },
    };
    const result = interpretPerson(persoon, '1783');
    expect(result).toEqual({ kind: 'emigrated', date: '2014-07-02' });
    expect(proposedAssessment(result)).toBe('not_registered');
  });

  it("opschortingBijhouding 'E' in a Dutch municipality, date unknown → emigrated", () => {
    const persoon: BrpPersoon = {
      ...amsterdam,
      opschortingBijhouding: { reden: { code: 'E' }, datum: { type: 'DatumOnbekend', onbekend: true } },
    };
    expect(interpretPerson(persoon, null)).toEqual({ kind: 'emigrated', date: null });
  });

  it('municipality 1999 with another suspension (death) → deregistered, not rni', () => {
    const persoon: BrpPersoon = {
      gemeenteVanInschrijving: { code: '1999' },
      opschortingBijhouding: { reden: { code: 'O', omschrijving: 'overlijden' } },
    };
    expect(interpretPerson(persoon, null)).toMatchObject({ kind: 'deregistered', reason: { code: 'O' } });
  });
});

describe('inOnderzoek: registration data under investigation', () => {
  const datum = (iso: string) => ({ type: 'Datum' as const, datum: iso });

  it('nothing flagged → no investigation on the result', () => {
    const result = interpretPerson(amsterdam, '0363');
    expect(result).not.toHaveProperty('investigation');
    expect(registrationInvestigation(amsterdam)).toBeNull();
  });

  it('a start date without a flagged field does not count', () => {
    const persoon: BrpPersoon = { ...amsterdam, inOnderzoek: { datumIngangOnderzoekPersoon: datum('2024-01-01') } };
    expect(registrationInvestigation(persoon)).toBeNull();
  });

  it('municipality of registration under investigation (person inOnderzoek)', () => {
    const persoon: BrpPersoon = {
      ...amsterdam,
      inOnderzoek: { gemeenteVanInschrijving: true, datumIngangOnderzoekGemeente: datum('2024-03-01') },
    };
    expect(interpretPerson(persoon, '0363')).toMatchObject({
      kind: 'registered',
      investigation: { registration: true, address: false, since: '2024-03-01' },
    });
  });

  it('a flag on another person field (geslacht) is not the registration', () => {
    const persoon: BrpPersoon = {
      ...amsterdam,
      inOnderzoek: { geslacht: true, datumIngangOnderzoekPersoon: datum('2024-03-01') },
    };
    expect(registrationInvestigation(persoon)).toBeNull();
  });

  it('address under investigation, on verblijfplaats or on verblijfadres; the earliest start date', () => {
    const persoon: BrpPersoon = {
      ...amsterdam,
      verblijfplaats: {
        type: 'Adres',
        inOnderzoek: { adresseerbaarObjectIdentificatie: true, datumIngangOnderzoek: datum('2024-02-01') },
        verblijfadres: { huisnummer: 7, inOnderzoek: { huisnummer: true, datumIngangOnderzoek: datum('2023-12-01') } },
      },
    };
    expect(registrationInvestigation(persoon)).toEqual({ registration: false, address: true, since: '2023-12-01' });
  });

  it('both, on an RNI registrant and on an emigrant too', () => {
    const flagged = {
      inOnderzoek: { datumInschrijvingInGemeente: true },
      verblijfplaats: { type: 'VerblijfplaatsBuitenland' as const, inOnderzoek: { datumVan: true } },
    };
    expect(interpretPerson({ gemeenteVanInschrijving: { code: '1999' }, ...flagged }, null)).toEqual({
      kind: 'rni',
      since: null,
      investigation: { registration: true, address: true, since: null },
    });
    expect(interpretPerson({ ...flagged, opschortingBijhouding: { reden: { code: 'E' } } }, null)).toMatchObject({
      kind: 'emigrated',
      investigation: { registration: true, address: true },
    });
  });

  it('refuses a person without gemeenteVanInschrijving, without naming the BSN', () => {
    expect(() => interpretPerson({ burgerservicenummer: BSN }, '0363')).toThrow(/gemeenteVanInschrijving/);
    try {
      interpretPerson({ burgerservicenummer: BSN }, '0363');
    } catch (error) {
      expect(String(error)).not.toContain(BSN);
    }
  });
});

describe('proposedAssessment', () => {
  const cases: Array<[BrpLookupResult, 'registered' | 'not_registered']> = [
    [
      {
        kind: 'registered',
        municipalityCode: '0363',
        municipalityName: 'Amsterdam',
        since: null,
        suspended: false,
        inOwnMunicipality: false,
      },
      'registered',
    ],
    [{ kind: 'rni', since: '2022-09-01' }, 'not_registered'],
    [{ kind: 'deregistered', reason: { code: 'E', description: 'emigratie' }, date: '2014-07-02' }, 'not_registered'],
    [{ kind: 'not_found' }, 'not_registered'],
  ];
  it.each(cases)('%o → %s', (result, expected) => {
    expect(proposedAssessment(result)).toBe(expected);
  });
});

// -------------------------------------------------------------------------------------------------------------
// Client against a fake fetch
// -------------------------------------------------------------------------------------------------------------

interface Call {
  url: string;
  init: RequestInit;
}

function fakeFetch(respond: (call: Call) => Response | Promise<Response>): { fetchImpl: FetchLike; calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    fetchImpl: async (url, init) => {
      const call = { url, init };
      calls.push(call);
      return respond(call);
    },
  };
}

const json = (body: unknown, status = 200, contentType = 'application/json; charset=utf-8'): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType } });
const problem = (body: Record<string, unknown>): Response =>
  json(body, Number(body.status), 'application/problem+json');

function headerOf(init: RequestInit, name: string): string | null {
  return new Headers(init.headers).get(name);
}

/** Everything an error exposes, as text, to check that the BSN is in none of it. */
function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return [String(error), error.message, error.stack ?? '', JSON.stringify(error), JSON.stringify({ ...error })].join(
    '\n',
  );
}

describe('createBrpClient', () => {
  it('posts a RaadpleegMetBurgerservicenummer query with the API key and a timeout', async () => {
    const { fetchImpl, calls } = fakeFetch(() =>
      json({ type: 'RaadpleegMetBurgerservicenummer', personen: [amsterdam] }),
    );
    const client = createBrpClient({
      baseUrl: 'https://brp.example/haalcentraal/api/brp/',
      apiKey: 'secret',
      fetchImpl,
    });

    const result = await client.lookupByBsn(BSN, { ownMunicipalityCode: '0363' });

    expect(result).toEqual({
      kind: 'registered',
      municipalityCode: '0363',
      municipalityName: 'Amsterdam',
      since: '2021-03-15',
      suspended: false,
      inOwnMunicipality: true,
    });
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.url).toBe('https://brp.example/haalcentraal/api/brp/personen');
    expect(call?.init.method).toBe('POST');
    expect(headerOf(call!.init, 'X-API-KEY')).toBe('secret');
    expect(headerOf(call!.init, 'Content-Type')).toBe('application/json; charset=utf-8');
    expect(call?.init.signal).toBeInstanceOf(AbortSignal);
    expect(JSON.parse(String(call?.init.body))).toEqual({
      type: 'RaadpleegMetBurgerservicenummer',
      fields: [...BRP_LOOKUP_FIELDS],
      burgerservicenummer: [BSN],
    });
  });

  it('does not request the automatically delivered opschortingBijhouding', () => {
    expect(BRP_LOOKUP_FIELDS).not.toContain('opschortingBijhouding');
    expect(BRP_LOOKUP_FIELDS).toEqual(
      expect.arrayContaining([
        'burgerservicenummer',
        'gemeenteVanInschrijving',
        'datumInschrijvingInGemeente',
        'verblijfplaats',
      ]),
    );
  });

  it('sends gemeenteVanInschrijving and uses it as own municipality by default', async () => {
    const { fetchImpl, calls } = fakeFetch(() =>
      json({ type: 'RaadpleegMetBurgerservicenummer', personen: [amsterdam] }),
    );
    const client = createBrpClient({ baseUrl: 'https://brp.example', apiKey: 'k', fetchImpl });
    const result = await client.lookupByBsn(BSN, { gemeenteVanInschrijving: '0363' });
    expect(JSON.parse(String(calls[0]?.init.body))).toMatchObject({ gemeenteVanInschrijving: '0363' });
    expect(result).toMatchObject({ kind: 'registered', inOwnMunicipality: true });
  });

  it('uses another key header when configured', async () => {
    const { fetchImpl, calls } = fakeFetch(() => json({ type: 'RaadpleegMetBurgerservicenummer', personen: [] }));
    await createBrpClient({
      baseUrl: 'https://brp.example',
      apiKey: 'k',
      apiKeyHeader: 'apikey',
      fetchImpl,
    }).lookupByBsn(BSN);
    expect(headerOf(calls[0]!.init, 'apikey')).toBe('k');
    expect(headerOf(calls[0]!.init, 'X-API-KEY')).toBeNull();
  });

  it('normalises an 8-digit BSN and a BSN with spaces', async () => {
    const { fetchImpl, calls } = fakeFetch(() => json({ type: 'RaadpleegMetBurgerservicenummer', personen: [] }));
    const client = createBrpClient({ baseUrl: 'https://brp.example', apiKey: 'k', fetchImpl });
    await client.lookupByBsn('12345672');
    await client.lookupByBsn('9999 96 940');
    expect(
      calls.map(
        (call) => (JSON.parse(String(call.init.body)) as { burgerservicenummer: string[] }).burgerservicenummer,
      ),
    ).toEqual([['012345672'], [BSN]]);
  });

  it('personen: [] → not_found', async () => {
    const { fetchImpl } = fakeFetch(() => json({ type: 'RaadpleegMetBurgerservicenummer', personen: [] }));
    expect(await createBrpClient({ baseUrl: 'https://brp.example', apiKey: 'k', fetchImpl }).lookupByBsn(BSN)).toEqual({
      kind: 'not_found',
    });
  });

  it('picks the person with the asked BSN', async () => {
    const other: BrpPersoon = {
      burgerservicenummer: '999993653',
      gemeenteVanInschrijving: { code: '1911', omschrijving: 'Hollands Kroon' },
    };
    const { fetchImpl } = fakeFetch(() =>
      json({ type: 'RaadpleegMetBurgerservicenummer', personen: [other, amsterdam] }),
    );
    const client = createBrpClient({ baseUrl: 'https://brp.example', apiKey: 'k', fetchImpl });
    expect(await client.lookupByBsn(BSN)).toMatchObject({ kind: 'registered', municipalityCode: '0363' });
    expect(await client.fetchPerson('123456782')).toBeUndefined();
  });

  it.each([
    ['12345', 'pattern'],
    ['999996941', 'elfproef'],
    ['000000000', 'elfproef'],
  ])('refuses %s locally (%s) without calling the API', async (bsn, code) => {
    const { fetchImpl, calls } = fakeFetch(() => json({}));
    const error = await caught(
      createBrpClient({ baseUrl: 'https://brp.example', apiKey: 'k', fetchImpl }).lookupByBsn(bsn),
    );
    expect(calls).toHaveLength(0);
    expect(error).toMatchObject({ status: 400, code: 'paramsValidation' });
    expect(error.invalidParams).toEqual([expect.objectContaining({ name: 'burgerservicenummer', code })]);
    expect(errorText(error)).not.toContain(bsn);
  });

  it('turns a problem+json response into a BrpLookupError', async () => {
    const { fetchImpl } = fakeFetch(() =>
      problem({
        type: 'https://datatracker.ietf.org/doc/html/rfc7231#section-6.5.1',
        title: 'Een of meerdere parameters zijn niet correct.',
        status: 400,
        detail: 'De foutieve parameter(s) zijn: gemeenteVanInschrijving.',
        instance: '/haalcentraal/api/brp/personen',
        code: 'paramsValidation',
        invalidParams: [
          { name: 'gemeenteVanInschrijving', code: 'pattern', reason: 'Waarde voldoet niet aan patroon ^[0-9]{4}$.' },
        ],
      }),
    );
    const error = await caught(
      createBrpClient({ baseUrl: 'https://brp.example', apiKey: 'k', fetchImpl }).lookupByBsn(BSN, {
        gemeenteVanInschrijving: '363',
      }),
    );
    expect(error).toMatchObject({
      name: 'BrpLookupError',
      status: 400,
      title: 'Een of meerdere parameters zijn niet correct.',
      detail: 'De foutieve parameter(s) zijn: gemeenteVanInschrijving.',
      code: 'paramsValidation',
      instance: '/haalcentraal/api/brp/personen',
    });
    expect(error.invalidParams).toEqual([
      { name: 'gemeenteVanInschrijving', code: 'pattern', reason: 'Waarde voldoet niet aan patroon ^[0-9]{4}$.' },
    ]);
    expect(error.message).toContain('paramsValidation');
  });

  it.each([
    [401, 'authentication', 'Niet correct geauthenticeerd.'],
    [403, 'autorisation', 'U bent niet geautoriseerd voor deze operatie.'],
    [500, 'serverError', 'Interne server fout.'],
    [503, 'notAvailable', 'Bronservice BRP is tijdelijk niet beschikbaar.'],
  ])('HTTP %i → BrpLookupError %s', async (status, code, title) => {
    const { fetchImpl } = fakeFetch(() => problem({ type: 'https://example/problem', title, status, code }));
    const error = await caught(
      createBrpClient({ baseUrl: 'https://brp.example', apiKey: 'k', fetchImpl }).lookupByBsn(BSN),
    );
    expect(error).toMatchObject({ status, code, title, detail: null });
  });

  it('an error body that is not problem+json still gives a typed error', async () => {
    const { fetchImpl } = fakeFetch(
      () => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
    );
    const error = await caught(
      createBrpClient({ baseUrl: 'https://brp.example', apiKey: 'k', fetchImpl }).lookupByBsn(BSN),
    );
    expect(error).toMatchObject({ status: 502, title: 'Bad Gateway', code: 'http502' });
  });

  it('a 200 that is not a personen response → invalidResponse', async () => {
    for (const body of [
      'not json',
      JSON.stringify({ type: 'RaadpleegMetBurgerservicenummer' }),
      JSON.stringify({ personen: [{ gemeenteVanInschrijving: 'Amsterdam' }] }),
    ]) {
      const { fetchImpl } = fakeFetch(() => new Response(body, { status: 200 }));
      const error = await caught(
        createBrpClient({ baseUrl: 'https://brp.example', apiKey: 'k', fetchImpl }).lookupByBsn(BSN),
      );
      expect(error).toMatchObject({ status: 502, code: 'invalidResponse' });
    }
  });

  it('times out after timeoutMs (default 10 s) with a 504 timeout error', async () => {
    const { fetchImpl } = fakeFetch(
      ({ init }) =>
        new Promise<Response>((_, reject) => {
          init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
        }),
    );
    const error = await caught(
      createBrpClient({ baseUrl: 'https://brp.example', apiKey: 'k', fetchImpl, timeoutMs: 20 }).lookupByBsn(BSN),
    );
    expect(error).toMatchObject({ status: 504, code: 'timeout' });
  });

  it('a network failure → 502 networkError', async () => {
    const { fetchImpl } = fakeFetch(() => {
      throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    });
    const error = await caught(
      createBrpClient({ baseUrl: 'https://brp.example', apiKey: 'k', fetchImpl }).lookupByBsn(BSN),
    );
    expect(error).toMatchObject({ status: 502, code: 'networkError', detail: 'TypeError (ECONNREFUSED)' });
  });

  describe('the BSN never appears in an error or a log line', () => {
    const failures: Array<[string, () => Response | Promise<Response>]> = [
      [
        'a problem that echoes the BSN',
        () =>
          problem({
            title: `Persoon ${BSN} niet gevonden`,
            status: 400,
            code: 'paramsValidation',
            detail: `burgerservicenummer ${BSN} is fout`,
            instance: `/personen?bsn=${BSN}`,
            invalidParams: [{ name: `burgerservicenummer`, code: 'pattern', reason: `${BSN} klopt niet` }],
          }),
      ],
      [
        'a plain-text error echoing the BSN',
        () => new Response(`error for ${BSN}`, { status: 500, statusText: `Failed ${BSN}` }),
      ],
      ['a 401', () => problem({ title: 'Niet correct geauthenticeerd.', status: 401, code: 'authentication' })],
      ['a network error mentioning the BSN', () => Promise.reject(new TypeError(`fetch failed for ${BSN}`))],
      ['an unreadable 200', () => new Response(`{"personen": ${BSN}`, { status: 200 })],
    ];

    it.each(failures)('%s', async (_label, respond) => {
      const lines: string[] = [];
      const { fetchImpl } = fakeFetch(respond);
      const error = await caught(
        createBrpClient({
          baseUrl: 'https://brp.example',
          apiKey: 'k',
          fetchImpl,
          log: (line) => lines.push(line),
        }).lookupByBsn(BSN),
      );
      expect(errorText(error)).not.toContain(BSN);
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(line).not.toContain(BSN);
    });

    it('nor in the log line of a successful lookup', async () => {
      const lines: string[] = [];
      const { fetchImpl } = fakeFetch(() => json({ type: 'RaadpleegMetBurgerservicenummer', personen: [amsterdam] }));
      await createBrpClient({
        baseUrl: 'https://brp.example',
        apiKey: 'k',
        fetchImpl,
        log: (line) => lines.push(line),
      }).lookupByBsn(BSN);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^BRP lookup: HTTP 200, person found in \d+ ms$/);
    });
  });

  it('redactPersonalNumbers removes runs of eight or more digits only', () => {
    expect(redactPersonalNumbers(`bsn ${BSN}, a-nummer 1234567890, code 0363, 2024`)).toBe(
      'bsn [redacted], a-nummer [redacted], code 0363, 2024',
    );
  });
});
