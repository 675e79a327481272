/**
 * A local stand-in for the Haal Centraal BRP Personen API v2 (RvIG), for development and tests: the real API is not
 * reachable from development machines. It answers `POST /haalcentraal/api/brp/personen` with
 * `RaadpleegMetBurgerservicenummer` the way the public OpenAPI specification and its feature files describe
 * (BRP-API/Haal-Centraal-BRP-bevragen, resolved OpenAPI 2.5.0 and the feature files): `fields` filtering with the
 * `verblijfplaatsBinnenland` and `adresseringBinnenland` aliases, automatically delivered fields, RFC 7807 problems
 * with `invalidParams` as the fout-case features list them, 401 with a `WWW-Authenticate` challenge, 403
 * `unauthorizedField` for a field the caller is not authorised for, 404/405/406/415. A BSN is checked against the
 * specification's pattern only (nine digits): one that fails the 11-proef is simply not found, as in the real API.
 * test/repo/brp-mock-schema.test.ts validates the answers against a copy of the specification's schemas.
 *
 * Access: an API key in `X-API-KEY` (the proefomgeving's way), and optionally OAuth 2.0 client credentials
 * (RFC 6749 §4.4: `POST /oauth/token`, then `Authorization: Bearer`), the way production access is arranged;
 * `tls` serves HTTPS and can demand a client certificate (mutual TLS), as the Diginetwerk gateway does.
 *
 * Usage: `tsx scripts/brp-mock-server.ts` starts on $PORT (default 8088) and prints the base URL to give the client;
 * the API key is $BRP_API_KEY or `brp-mock-key`. The server never logs request bodies, so never a BSN or a secret.
 *
 * Fixtures (RvIG test BSNs; the names and addresses are invented):
 * - 999996940: Polish national, registered in Amsterdam (0363) since 2021-03-15;
 * - 999993653: Romanian national, registered in Hollands Kroon (1911) since 2023-06-05, address under investigation;
 * - 999990408: Bulgarian national, registered in the RNI (1999) since 2022-09-01;
 * - 999993483: emigrated on 2014-07-02: the specification's emigration case, municipality 1999 and
 *   opschortingBijhouding E;
 * - 999992016: Lithuanian national, registered in Westland (1783) since 2024-11-04, the registration under
 *   investigation since 2025-01-10 (`inOnderzoek` on the person);
 * - 999992028: Polish national, registered in Westland (1783) since 2025-03-03, the house number under
 *   investigation since 2025-04-01 (`inOnderzoek` on verblijfplaats and verblijfadres);
 * - every other valid BSN: no person (`personen: []`).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type ServerOptions as HttpsServerOptions } from 'node:https';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  BrpInvalidParam,
  BrpPersoon,
  BrpProblemDetails,
  BrpRaadpleegMetBurgerservicenummerResponse,
} from '../extensions/labour-platform/src/domain/brp/lookup.js';

export const BRP_MOCK_BASE_PATH = '/haalcentraal/api/brp';
export const BRP_MOCK_PERSONEN_PATH = `${BRP_MOCK_BASE_PATH}/personen`;
export const BRP_MOCK_DEFAULT_API_KEY = 'brp-mock-key';
export const BRP_MOCK_DEFAULT_PORT = 8088;
/** Where the mock's OAuth 2.0 token endpoint listens, when `oauth` is given. */
export const BRP_MOCK_TOKEN_PATH = '/oauth/token';
const MAX_BODY_BYTES = 64 * 1024;

export interface BrpMockServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1. */
  host?: string;
  /** The key expected in X-API-KEY, authorised for every field; defaults to `brp-mock-key`. */
  apiKey?: string;
  /**
   * More API keys, each authorised only for the listed field paths (a path covers everything under it, e.g.
   * `verblijfplaatsBinnenland` covers `verblijfplaatsBinnenland.datumVan`); asking for another field is a 403.
   */
  restrictedKeys?: Readonly<Record<string, readonly string[]>>;
  /** OAuth 2.0 client credentials: the token endpoint at `/oauth/token`, and bearer tokens on /personen. */
  oauth?: { clientId: string; clientSecret: string; expiresInSeconds?: number };
  /** Serve HTTPS with these options (key, cert, ca, requestCert, rejectUnauthorized for mutual TLS). */
  tls?: HttpsServerOptions;
  /** One line per request: method, path, status. Never a body. */
  log?: (line: string) => void;
}

export interface BrpMockServer {
  /** Base URL for the client (`createBrpClient({ baseUrl: url })`); the endpoint is `${url}/personen`. */
  url: string;
  port: number;
  /** The token endpoint's URL (when `oauth` is given). */
  tokenUrl: string;
  /** How many tokens the token endpoint has issued. */
  tokensIssued(): number;
  /** Forgets every issued token: the next request with one of them gets a 401, as after an expiry. */
  revokeTokens(): void;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------------------------

const WOONADRES = { code: 'W', omschrijving: 'woonadres' };

export const BRP_MOCK_FIXTURES: Readonly<Record<string, BrpPersoon>> = {
  '999996940': {
    burgerservicenummer: '999996940',
    naam: { voornamen: 'Katarzyna', geslachtsnaam: 'Kowalska', voorletters: 'K.', volledigeNaam: 'Katarzyna Kowalska' },
    geslacht: { code: 'V', omschrijving: 'vrouw' },
    geboorte: {
      datum: { type: 'Datum', datum: '1994-05-12', langFormaat: '12 mei 1994' },
      plaats: { omschrijving: 'Wrocław' },
    },
    nationaliteiten: [{ type: 'Nationaliteit', nationaliteit: { code: '0072', omschrijving: 'Poolse' } }],
    gemeenteVanInschrijving: { code: '0363', omschrijving: 'Amsterdam' },
    datumInschrijvingInGemeente: { type: 'Datum', datum: '2021-03-15', langFormaat: '15 maart 2021' },
    verblijfplaats: {
      type: 'Adres',
      adresseerbaarObjectIdentificatie: '0363010000900001',
      nummeraanduidingIdentificatie: '0363200000900001',
      functieAdres: WOONADRES,
      datumVan: { type: 'Datum', datum: '2021-03-15', langFormaat: '15 maart 2021' },
      verblijfadres: {
        officieleStraatnaam: 'Voorbeeldstraat',
        korteStraatnaam: 'Voorbeeldstr',
        huisnummer: 12,
        postcode: '1012AB',
        woonplaats: 'Amsterdam',
      },
    },
  },
  '999993653': {
    burgerservicenummer: '999993653',
    naam: {
      voornamen: 'Andrei Mihai',
      geslachtsnaam: 'Popescu',
      voorletters: 'A.M.',
      volledigeNaam: 'Andrei Mihai Popescu',
    },
    geslacht: { code: 'M', omschrijving: 'man' },
    geboorte: {
      datum: { type: 'Datum', datum: '1988-11-02', langFormaat: '2 november 1988' },
      // the specification's Waardetabel pattern (À-ž) has no ș: the BRP spells Iași without the comma
      plaats: { omschrijving: 'Iasi' },
    },
    nationaliteiten: [{ type: 'Nationaliteit', nationaliteit: { code: '0074', omschrijving: 'Roemeense' } }],
    gemeenteVanInschrijving: { code: '1911', omschrijving: 'Hollands Kroon' },
    datumInschrijvingInGemeente: { type: 'Datum', datum: '2023-06-05', langFormaat: '5 juni 2023' },
    verblijfplaats: {
      type: 'Adres',
      adresseerbaarObjectIdentificatie: '1911010000900002',
      nummeraanduidingIdentificatie: '1911200000900002',
      functieAdres: WOONADRES,
      datumVan: { type: 'Datum', datum: '2023-06-05', langFormaat: '5 juni 2023' },
      verblijfadres: {
        officieleStraatnaam: 'Proefweg',
        korteStraatnaam: 'Proefweg',
        huisnummer: 7,
        huisletter: 'A',
        postcode: '1775AB',
        woonplaats: 'Middenmeer',
      },
      inOnderzoek: {
        adresseerbaarObjectIdentificatie: true,
        datumIngangOnderzoek: { type: 'Datum', datum: '2024-02-01', langFormaat: '1 februari 2024' },
      },
    },
  },
  '999990408': {
    burgerservicenummer: '999990408',
    naam: { voornamen: 'Georgi', geslachtsnaam: 'Dimitrov', voorletters: 'G.', volledigeNaam: 'Georgi Dimitrov' },
    geslacht: { code: 'M', omschrijving: 'man' },
    geboorte: {
      datum: { type: 'JaarMaandDatum', jaar: 1979, maand: 8, langFormaat: 'augustus 1979' },
      plaats: { omschrijving: 'Plovdiv' },
    },
    nationaliteiten: [{ type: 'Nationaliteit', nationaliteit: { code: '0053', omschrijving: 'Bulgaarse' } }],
    gemeenteVanInschrijving: { code: '1999', omschrijving: 'Registratie Niet Ingezetenen (RNI)' },
    datumInschrijvingInGemeente: { type: 'Datum', datum: '2022-09-01', langFormaat: '1 september 2022' },
    opschortingBijhouding: {
      reden: { code: 'R', omschrijving: 'pl is aangelegd in de rni' },
      datum: { type: 'Datum', datum: '2022-09-01', langFormaat: '1 september 2022' },
    },
    verblijfplaats: {
      type: 'VerblijfplaatsBuitenland',
      datumVan: { type: 'Datum', datum: '2022-09-01', langFormaat: '1 september 2022' },
      verblijfadres: { regel1: 'ul. Primerna 3', regel2: '4000 Plovdiv', land: { omschrijving: 'Bulgarije' } },
    },
  },
  '999993483': {
    burgerservicenummer: '999993483',
    naam: { voornamen: 'Ioana', geslachtsnaam: 'Ionescu', voorletters: 'I.', volledigeNaam: 'Ioana Ionescu' },
    geslacht: { code: 'V', omschrijving: 'vrouw' },
    geboorte: {
      datum: { type: 'Datum', datum: '1990-01-23', langFormaat: '23 januari 1990' },
      plaats: { omschrijving: 'Cluj-Napoca' },
    },
    nationaliteiten: [{ type: 'Nationaliteit', nationaliteit: { code: '0074', omschrijving: 'Roemeense' } }],
    gemeenteVanInschrijving: { code: '1999', omschrijving: 'Registratie Niet Ingezetenen (RNI)' },
    datumInschrijvingInGemeente: { type: 'Datum', datum: '2014-07-02', langFormaat: '2 juli 2014' },
    opschortingBijhouding: {
      reden: { code: 'E', omschrijving: 'emigratie' },
      datum: { type: 'Datum', datum: '2014-07-02', langFormaat: '2 juli 2014' },
    },
    verblijfplaats: {
      type: 'VerblijfplaatsBuitenland',
      datumVan: { type: 'Datum', datum: '2014-07-02', langFormaat: '2 juli 2014' },
      verblijfadres: { land: { omschrijving: 'Roemenië' } },
    },
  },
  '999992016': {
    burgerservicenummer: '999992016',
    naam: { voornamen: 'Tomas', geslachtsnaam: 'Kazlauskas', voorletters: 'T.', volledigeNaam: 'Tomas Kazlauskas' },
    geslacht: { code: 'M', omschrijving: 'man' },
    geboorte: {
      datum: { type: 'Datum', datum: '1996-02-29', langFormaat: '29 februari 1996' },
      plaats: { omschrijving: 'Kaunas' },
    },
    nationaliteiten: [{ type: 'Nationaliteit', nationaliteit: { code: '0069', omschrijving: 'Litouwse' } }],
    gemeenteVanInschrijving: { code: '1783', omschrijving: 'Westland' },
    datumInschrijvingInGemeente: { type: 'Datum', datum: '2024-11-04', langFormaat: '4 november 2024' },
    inOnderzoek: {
      gemeenteVanInschrijving: true,
      datumInschrijvingInGemeente: true,
      datumIngangOnderzoekGemeente: { type: 'Datum', datum: '2025-01-10', langFormaat: '10 januari 2025' },
    },
    verblijfplaats: {
      type: 'Adres',
      adresseerbaarObjectIdentificatie: '1783010000900003',
      nummeraanduidingIdentificatie: '1783200000900003',
      functieAdres: WOONADRES,
      datumVan: { type: 'Datum', datum: '2024-11-04', langFormaat: '4 november 2024' },
      verblijfadres: {
        officieleStraatnaam: 'Kassenweg',
        korteStraatnaam: 'Kassenweg',
        huisnummer: 21,
        postcode: '2671AB',
        woonplaats: 'Naaldwijk',
      },
    },
  },
  '999992028': {
    burgerservicenummer: '999992028',
    naam: { voornamen: 'Marta', geslachtsnaam: 'Nowak', voorletters: 'M.', volledigeNaam: 'Marta Nowak' },
    geslacht: { code: 'V', omschrijving: 'vrouw' },
    geboorte: {
      datum: { type: 'JaarDatum', jaar: 1985, langFormaat: '1985' },
      plaats: { omschrijving: 'Gdansk' },
    },
    nationaliteiten: [{ type: 'Nationaliteit', nationaliteit: { code: '0072', omschrijving: 'Poolse' } }],
    gemeenteVanInschrijving: { code: '1783', omschrijving: 'Westland' },
    datumInschrijvingInGemeente: { type: 'Datum', datum: '2025-03-03', langFormaat: '3 maart 2025' },
    verblijfplaats: {
      type: 'Adres',
      adresseerbaarObjectIdentificatie: '1783010000900004',
      nummeraanduidingIdentificatie: '1783200000900004',
      functieAdres: WOONADRES,
      datumVan: { type: 'Datum', datum: '2025-03-03', langFormaat: '3 maart 2025' },
      verblijfadres: {
        officieleStraatnaam: 'Kassenweg',
        korteStraatnaam: 'Kassenweg',
        huisnummer: 23,
        postcode: '2671AB',
        woonplaats: 'Naaldwijk',
        inOnderzoek: {
          huisnummer: true,
          datumIngangOnderzoek: { type: 'Datum', datum: '2025-04-01', langFormaat: '1 april 2025' },
        },
      },
    },
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Fields
// ---------------------------------------------------------------------------------------------------------------

/** Field paths the mock knows: an object per level; `{}` is a leaf (or a group whose sub-fields are not modelled). */
interface FieldTree {
  [name: string]: FieldTree;
}
const WAARDETABEL: FieldTree = { code: {}, omschrijving: {} };
const DATUM: FieldTree = { type: {}, datum: {}, jaar: {}, maand: {}, onbekend: {}, langFormaat: {} };
const PERSOON_FIELDS: FieldTree = {
  aNummer: {},
  adressering: {
    aanhef: {},
    aanschrijfwijze: { naam: {}, aanspreekvorm: {} },
    gebruikInLopendeTekst: {},
    adresregel1: {},
    adresregel2: {},
    adresregel3: {},
    land: WAARDETABEL,
  },
  burgerservicenummer: {},
  datumEersteInschrijvingGBA: DATUM,
  datumInschrijvingInGemeente: DATUM,
  europeesKiesrecht: {},
  geboorte: { datum: DATUM, land: WAARDETABEL, plaats: WAARDETABEL },
  gemeenteVanInschrijving: WAARDETABEL,
  geslacht: WAARDETABEL,
  gezag: {},
  immigratie: {},
  indicatieCurateleRegister: {},
  indicatieGezagMinderjarige: {},
  kinderen: {},
  leeftijd: {},
  naam: {
    voornamen: {},
    voorvoegsel: {},
    geslachtsnaam: {},
    voorletters: {},
    volledigeNaam: {},
    adellijkeTitelPredicaat: { code: {}, omschrijving: {}, soort: {} },
    aanduidingNaamgebruik: WAARDETABEL,
  },
  nationaliteiten: { type: {}, nationaliteit: WAARDETABEL, datumIngangGeldigheid: DATUM, redenOpname: WAARDETABEL },
  ouders: {},
  overlijden: { datum: DATUM, land: WAARDETABEL, plaats: WAARDETABEL },
  partners: {},
  uitsluitingKiesrecht: {},
  verblijfplaats: {
    type: {},
    adresseerbaarObjectIdentificatie: {},
    nummeraanduidingIdentificatie: {},
    functieAdres: WAARDETABEL,
    datumVan: DATUM,
    datumIngangGeldigheid: DATUM,
    verblijfadres: {
      officieleStraatnaam: {},
      korteStraatnaam: {},
      huisnummer: {},
      huisletter: {},
      huisnummertoevoeging: {},
      aanduidingBijHuisnummer: WAARDETABEL,
      postcode: {},
      woonplaats: {},
      locatiebeschrijving: {},
      regel1: {},
      regel2: {},
      regel3: {},
      land: WAARDETABEL,
    },
  },
  verblijfstitel: {},
};

/**
 * Field aliases for a caller authorised only for Dutch addresses (fields-alias features): they answer under the
 * real name, and only for a verblijfplaats in the Netherlands (Adres, Locatie); the foreign-address fields are not
 * part of them.
 */
const BINNENLAND_TYPES = new Set(['Adres', 'Locatie']);
const FIELD_ALIASES: Readonly<Record<string, { target: string; excluded: readonly string[] }>> = {
  verblijfplaatsBinnenland: {
    target: 'verblijfplaats',
    excluded: ['verblijfadres.regel1', 'verblijfadres.regel2', 'verblijfadres.regel3', 'verblijfadres.land'],
  },
  adresseringBinnenland: { target: 'adressering', excluded: ['land'] },
};

function aliasOf(path: string): { alias: string; target: string; rest: string } | null {
  const [head = '', ...rest] = path.split('.');
  const alias = FIELD_ALIASES[head];
  return alias ? { alias: head, target: alias.target, rest: rest.join('.') } : null;
}

/** Delivered automatically when they apply; requesting them is a 400 ("niet toegestane veldnaam"). */
const AUTOMATIC_FIELDS = [
  'geheimhoudingPersoonsgegevens',
  'opschortingBijhouding',
  'rni',
  'verificatie',
  'inOnderzoek',
] as const;

function isAutomaticField(path: string): boolean {
  const segments = path.split('.');
  return (
    AUTOMATIC_FIELDS.some((field) => segments[0] === field) ||
    segments.includes('inOnderzoek') ||
    segments.at(-1) === 'indicatieVastgesteldVerblijftNietOpAdres'
  );
}

function isKnownField(path: string): boolean {
  const alias = aliasOf(path);
  if (alias) {
    const excluded = FIELD_ALIASES[alias.alias]!.excluded;
    if (excluded.some((field) => alias.rest === field || alias.rest.startsWith(`${field}.`))) return false;
    return isKnownField(alias.rest ? `${alias.target}.${alias.rest}` : alias.target);
  }
  let tree: FieldTree | undefined = PERSOON_FIELDS;
  for (const segment of path.split('.')) {
    if (tree === undefined || !Object.hasOwn(tree, segment)) return false;
    tree = tree[segment];
  }
  return true;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isJsonObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const DATUM_TYPES = new Set(['Datum', 'JaarMaandDatum', 'JaarDatum', 'DatumOnbekend']);

/** A date (AbstractDatum): asking any of its fields delivers all of them (features/bevragen/fields-datum.feature). */
function isDatum(value: JsonObject): boolean {
  return typeof value.type === 'string' && DATUM_TYPES.has(value.type);
}

/**
 * Keeps only the requested paths; an object keeps its `inOnderzoek` when any of its fields is kept, and a
 * polymorphic object (verblijfplaats, nationaliteit) its `type`, which tells what it is.
 */
function project(source: JsonObject, paths: string[][]): JsonObject {
  const byHead = new Map<string, string[][]>();
  for (const [head, ...rest] of paths) {
    if (head === undefined) continue;
    const tails = byHead.get(head) ?? [];
    tails.push(rest);
    byHead.set(head, tails);
  }
  const result: JsonObject = {};
  for (const [head, tails] of byHead) {
    const value = source[head];
    if (value === undefined) continue;
    if (tails.some((tail) => tail.length === 0) || (isJsonObject(value) && isDatum(value))) {
      result[head] = value;
    } else if (Array.isArray(value)) {
      result[head] = value.map((item) => (isJsonObject(item) ? withType(item, project(item, tails)) : item));
    } else if (isJsonObject(value)) {
      const projected = project(value, tails);
      if (Object.keys(projected).length > 0) {
        if (value.inOnderzoek !== undefined) projected.inOnderzoek = value.inOnderzoek;
        result[head] = withType(value, projected);
      }
    }
  }
  return result;
}

function withType(source: JsonObject, projected: JsonObject): JsonObject {
  return typeof source.type === 'string' ? { type: source.type, ...projected } : projected;
}

function applyFields(persoon: BrpPersoon, fields: string[]): JsonObject {
  const source = JSON.parse(JSON.stringify(persoon)) as JsonObject;
  const inNetherlands = BINNENLAND_TYPES.has(persoon.verblijfplaats?.type ?? '');
  const paths = fields.flatMap((field) => {
    const alias = aliasOf(field);
    if (!alias) return [field.split('.')];
    if (!inNetherlands) return [];
    return [[alias.target, ...(alias.rest ? alias.rest.split('.') : [])]];
  });
  const result = project(source, paths);
  for (const field of AUTOMATIC_FIELDS) {
    const value = source[field];
    if (value !== undefined && value !== false) result[field] = value;
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// Problems
// ---------------------------------------------------------------------------------------------------------------

const RFC7231 = 'https://datatracker.ietf.org/doc/html/rfc7231';
const SEARCH_TYPES = [
  'ZoekMetGeslachtsnaamEnGeboortedatum',
  'ZoekMetNaamEnGemeenteVanInschrijving',
  'RaadpleegMetBurgerservicenummer',
  'ZoekMetPostcodeEnHuisnummer',
  'ZoekMetStraatHuisnummerEnGemeenteVanInschrijving',
  'ZoekMetNummeraanduidingIdentificatie',
  'ZoekMetAdresseerbaarObjectIdentificatie',
] as const;
const RAADPLEEG_PARAMS = ['type', 'fields', 'burgerservicenummer', 'gemeenteVanInschrijving'];
const SUPPORTED_MEDIA_TYPE = 'Ondersteunde content type: application/json; charset=utf-8.';

function send(response: ServerResponse, status: number, body: unknown, contentType: string): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(text),
    'api-version': '2.0.0',
  });
  response.end(text);
}

function sendProblem(response: ServerResponse, problem: BrpProblemDetails, headers: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  send(response, problem.status, problem, 'application/problem+json; charset=utf-8');
}

function badRequest(instance: string, invalidParams: BrpInvalidParam[]): BrpProblemDetails {
  // fout-cases.feature (met-burgerservicenummer): a missing burgerservicenummer is a missing combination
  const combination = invalidParams.some((param) => param.name === 'burgerservicenummer' && param.code === 'required');
  return {
    type: `${RFC7231}#section-6.5.1`,
    title: combination
      ? 'Minimale combinatie van parameters moet worden opgegeven.'
      : 'Een of meerdere parameters zijn niet correct.',
    status: 400,
    detail: `De foutieve parameter(s) zijn: ${invalidParams.map((param) => param.name).join(', ')}.`,
    instance,
    code: combination ? 'paramsCombination' : 'paramsValidation',
    invalidParams,
  };
}

const required = (name: string): BrpInvalidParam => ({ name, code: 'required', reason: 'Parameter is verplicht.' });
const notArray = (name: string): BrpInvalidParam => ({ name, code: 'array', reason: 'Parameter is geen array.' });
const tooFew = (name: string): BrpInvalidParam => ({
  name,
  code: 'minItems',
  reason: 'Array bevat minder dan 1 items.',
});
const tooMany = (name: string, max: number): BrpInvalidParam => ({
  name,
  code: 'maxItems',
  reason: `Array bevat meer dan ${max} items.`,
});
const pattern = (name: string, regex: string): BrpInvalidParam => ({
  name,
  code: 'pattern',
  reason: `Waarde voldoet niet aan patroon ${regex}.`,
});

/** Validates a RaadpleegMetBurgerservicenummer body; returns the problems, in the order the API lists them. */
function validateRaadpleeg(body: Record<string, unknown>): BrpInvalidParam[] {
  const problems: BrpInvalidParam[] = [];

  const bsns = body.burgerservicenummer;
  if (bsns === undefined) problems.push(required('burgerservicenummer'));
  else if (!Array.isArray(bsns)) problems.push(notArray('burgerservicenummer'));
  else if (bsns.length === 0) problems.push(tooFew('burgerservicenummer'));
  else if (bsns.length > 20) problems.push(tooMany('burgerservicenummer', 20));
  else {
    bsns.forEach((bsn: unknown, index) => {
      const name = `burgerservicenummer[${index}]`;
      if (typeof bsn !== 'string' || !/^[0-9]{9}$/.test(bsn)) problems.push(pattern(name, '^[0-9]{9}$'));
    });
  }

  const fields = body.fields;
  if (fields === undefined) problems.push(required('fields'));
  else if (!Array.isArray(fields)) problems.push(notArray('fields'));
  else if (fields.length === 0) problems.push(tooFew('fields'));
  else if (fields.length > 130) problems.push(tooMany('fields', 130));
  else {
    fields.forEach((field: unknown, index) => {
      const name = `fields[${index}]`;
      if (typeof field !== 'string' || !/^[a-zA-Z0-9._]{1,200}$/.test(field))
        problems.push(pattern(name, '^[a-zA-Z0-9\\._]{1,200}$'));
      else if (isAutomaticField(field))
        problems.push({ name, code: 'fields', reason: 'Parameter bevat een niet toegestane veldnaam.' });
      else if (!isKnownField(field))
        problems.push({ name, code: 'fields', reason: 'Parameter bevat een niet bestaande veldnaam.' });
    });
  }

  const gemeente = body.gemeenteVanInschrijving;
  if (gemeente !== undefined && (typeof gemeente !== 'string' || !/^[0-9]{4}$/.test(gemeente))) {
    problems.push(pattern('gemeenteVanInschrijving', '^[0-9]{4}$'));
  }

  for (const name of Object.keys(body)) {
    if (!RAADPLEEG_PARAMS.includes(name))
      problems.push({ name, code: 'unknownParam', reason: 'Parameter is niet verwacht.' });
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// Content negotiation
// ---------------------------------------------------------------------------------------------------------------

interface MediaType {
  essence: string;
  charset: string | null;
}

function parseMediaType(text: string): MediaType {
  const [essence = '', ...params] = text.split(';').map((part) => part.trim());
  let charset: string | null = null;
  for (const param of params) {
    const [key, value] = param.split('=').map((part) => part.trim());
    if (key?.toLowerCase() === 'charset' && value !== undefined) charset = value.replace(/^"|"$/g, '').toLowerCase();
  }
  return { essence: essence.toLowerCase(), charset };
}

/** Request body: application/json in utf-8, or no Content-Type at all (the API's default). */
function contentTypeAccepted(header: string | undefined): boolean {
  if (header === undefined || header.trim() === '') return true;
  const { essence, charset } = parseMediaType(header);
  return essence === 'application/json' && (charset === null || charset === 'utf-8');
}

/** Response: the client must accept application/json in utf-8; no Accept header means anything. */
function acceptAccepted(header: string | undefined): boolean {
  if (header === undefined || header.trim() === '') return true;
  return header.split(',').some((range) => {
    const { essence, charset } = parseMediaType(range);
    return ['application/json', 'application/*', '*/*'].includes(essence) && (charset === null || charset === 'utf-8');
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Server
// ---------------------------------------------------------------------------------------------------------------

function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () => resolveBody(tooLarge ? null : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Access: API keys, OAuth 2.0 client credentials
// ---------------------------------------------------------------------------------------------------------------

interface Access {
  apiKey: string;
  restrictedKeys: Readonly<Record<string, readonly string[]>>;
  oauth: { clientId: string; clientSecret: string; expiresInSeconds: number } | null;
  /** Issued bearer tokens and when they expire (ms since epoch). */
  tokens: Map<string, number>;
  issued: number;
}

/** Constant-time comparison of two texts (a secret never leaks through timing). */
function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The fields a caller may ask for: null for all, or the authorised paths; undefined when not authenticated. */
function authorisedFields(request: IncomingMessage, access: Access): readonly string[] | null | undefined {
  const key = request.headers['x-api-key'];
  if (typeof key === 'string' && key !== '') {
    if (sameText(key, access.apiKey)) return null;
    const restricted = Object.entries(access.restrictedKeys).find(([candidate]) => sameText(key, candidate));
    return restricted ? restricted[1] : undefined;
  }
  const authorization = request.headers.authorization ?? '';
  const bearer = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/.exec(authorization)?.[1];
  if (access.oauth && bearer) {
    const expires = access.tokens.get(bearer);
    if (expires !== undefined && expires > Date.now()) return null;
  }
  return undefined;
}

function isAuthorisedField(field: string, authorised: readonly string[] | null): boolean {
  return authorised === null || authorised.some((path) => field === path || field.startsWith(`${path}.`));
}

/** RFC 7235 §4.1: a 401 carries a challenge for the way this server authenticates. */
function challenge(access: Access): string {
  return access.oauth ? 'Bearer realm="BRP API Personen"' : 'ApiKey realm="BRP API Personen", header="X-API-KEY"';
}

function sendOAuth(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    Pragma: 'no-cache',
  });
  response.end(text);
}

/** The client's id and secret: HTTP Basic (RFC 6749 §2.3.1, form-urlencoded parts) or the request body. */
function clientCredentials(request: IncomingMessage, form: URLSearchParams): { id: string; secret: string } | null {
  const basic = /^Basic ([A-Za-z0-9+/]+=*)$/.exec(request.headers.authorization ?? '')?.[1];
  if (basic) {
    const decoded = Buffer.from(basic, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return null;
    try {
      return {
        id: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' ')),
        secret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' ')),
      };
    } catch {
      return null;
    }
  }
  const id = form.get('client_id');
  const secret = form.get('client_secret');
  return id !== null && secret !== null ? { id, secret } : null;
}

/** RFC 6749 §4.4 (client credentials grant) with the answers of §5.1 and §5.2. */
async function handleToken(request: IncomingMessage, response: ServerResponse, access: Access): Promise<void> {
  const oauth = access.oauth;
  if (!oauth || request.method !== 'POST') {
    request.resume();
    sendOAuth(response, oauth ? 405 : 404, { error: 'invalid_request' }, oauth ? { Allow: 'POST' } : {});
    return;
  }
  const type = parseMediaType(request.headers['content-type'] ?? '').essence;
  const text = await readBody(request);
  if (type !== 'application/x-www-form-urlencoded' || text === null) {
    sendOAuth(response, 400, { error: 'invalid_request' });
    return;
  }
  const form = new URLSearchParams(text);
  const client = clientCredentials(request, form);
  if (!client || !sameText(client.id, oauth.clientId) || !sameText(client.secret, oauth.clientSecret)) {
    sendOAuth(response, 401, { error: 'invalid_client' }, { 'WWW-Authenticate': 'Basic realm="BRP API token"' });
    return;
  }
  if (form.get('grant_type') !== 'client_credentials') {
    sendOAuth(response, 400, { error: 'unsupported_grant_type' });
    return;
  }
  const token = randomBytes(24).toString('base64url');
  access.tokens.set(token, Date.now() + oauth.expiresInSeconds * 1000);
  access.issued += 1;
  sendOAuth(response, 200, { access_token: token, token_type: 'Bearer', expires_in: oauth.expiresInSeconds });
}

async function handle(request: IncomingMessage, response: ServerResponse, access: Access): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;

  if (path === BRP_MOCK_TOKEN_PATH && access.oauth) {
    await handleToken(request, response, access);
    return;
  }

  if (path !== BRP_MOCK_PERSONEN_PATH) {
    request.resume();
    sendProblem(response, {
      type: `${RFC7231}#section-6.5.4`,
      title: 'Opgevraagde resource bestaat niet.',
      status: 404,
      detail: 'De opgevraagde resource bestaat niet.',
      instance: path,
      code: 'notFound',
    });
    return;
  }
  const instance = BRP_MOCK_PERSONEN_PATH;

  const authorised = authorisedFields(request, access);
  if (authorised === undefined) {
    request.resume();
    sendProblem(
      response,
      {
        type: 'https://datatracker.ietf.org/doc/html/rfc7235#section-3.1',
        title: 'Niet correct geauthenticeerd.',
        status: 401,
        detail: access.oauth
          ? 'Geen of een ongeldige API-key of access token.'
          : 'Geen of een ongeldige API-key in de X-API-KEY header.',
        instance,
        code: 'authentication',
      },
      { 'WWW-Authenticate': challenge(access) },
    );
    return;
  }

  if (request.method !== 'POST') {
    request.resume();
    sendProblem(
      response,
      {
        type: `${RFC7231}#section-6.5.5`,
        title: 'Gebruikte bevragingsmethode is niet toegestaan.',
        status: 405,
        instance,
        code: 'methodNotAllowed',
      },
      { Allow: 'POST' },
    );
    return;
  }

  if (!acceptAccepted(request.headers.accept)) {
    request.resume();
    sendProblem(response, {
      type: `${RFC7231}#section-6.5.6`,
      title: 'Gevraagde content type wordt niet ondersteund.',
      status: 406,
      detail: SUPPORTED_MEDIA_TYPE,
      instance,
      code: 'notAcceptable',
    });
    return;
  }

  if (!contentTypeAccepted(request.headers['content-type'])) {
    request.resume();
    sendProblem(response, {
      type: `${RFC7231}#section-6.5.13`,
      title: 'Media Type wordt niet ondersteund.',
      status: 415,
      detail: SUPPORTED_MEDIA_TYPE,
      instance,
      code: 'unsupportedMediaType',
    });
    return;
  }

  const text = await readBody(request);
  if (text === null) {
    sendProblem(response, {
      type: `${RFC7231}#section-6.5.11`,
      title: 'Request body is te groot.',
      status: 413,
      instance,
      code: 'payloadTooLarge',
    });
    return;
  }

  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    sendProblem(
      response,
      badRequest(instance, [{ name: 'body', code: 'json', reason: 'Request body is geen geldige JSON.' }]),
    );
    return;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    sendProblem(response, badRequest(instance, [required('type')]));
    return;
  }
  const query = body as Record<string, unknown>;

  if (query.type === undefined) {
    sendProblem(response, badRequest(instance, [required('type')]));
    return;
  }
  if (typeof query.type !== 'string' || !(SEARCH_TYPES as readonly string[]).includes(query.type)) {
    sendProblem(
      response,
      badRequest(instance, [{ name: 'type', code: 'value', reason: 'Waarde is geen geldig zoek type.' }]),
    );
    return;
  }
  if (query.type !== 'RaadpleegMetBurgerservicenummer') {
    sendProblem(response, {
      type: `${RFC7231}#section-6.6.2`,
      title: 'Not Implemented',
      status: 501,
      detail: 'De mock ondersteunt alleen RaadpleegMetBurgerservicenummer.',
      instance,
      code: 'notImplemented',
    });
    return;
  }

  const problems = validateRaadpleeg(query);
  if (problems.length > 0) {
    sendProblem(response, badRequest(instance, problems));
    return;
  }
  if (!(query.fields as string[]).every((field) => isAuthorisedField(field, authorised))) {
    // features/bevragen/persoon/*/autorisatie: no detail, no invalidParams
    sendProblem(response, {
      type: `${RFC7231}#section-6.5.3`,
      title: 'U bent niet geautoriseerd voor één of meerdere opgegeven field waarden.',
      status: 403,
      instance,
      code: 'unauthorizedField',
    });
    return;
  }

  const bsns = [...new Set(query.burgerservicenummer as string[])];
  const fields = query.fields as string[];
  const gemeente = query.gemeenteVanInschrijving as string | undefined;
  const personen = bsns
    .map((bsn) => BRP_MOCK_FIXTURES[bsn])
    .filter((persoon): persoon is BrpPersoon => persoon !== undefined)
    .filter((persoon) => gemeente === undefined || persoon.gemeenteVanInschrijving?.code === gemeente)
    .map((persoon) => applyFields(persoon, fields));
  const answer: { type: BrpRaadpleegMetBurgerservicenummerResponse['type']; personen: JsonObject[] } = {
    type: 'RaadpleegMetBurgerservicenummer',
    personen,
  };
  send(response, 200, answer, 'application/json; charset=utf-8');
}

export function startBrpMockServer(options: BrpMockServerOptions = {}): Promise<BrpMockServer> {
  const access: Access = {
    apiKey: options.apiKey ?? BRP_MOCK_DEFAULT_API_KEY,
    restrictedKeys: options.restrictedKeys ?? {},
    oauth: options.oauth ? { expiresInSeconds: 300, ...options.oauth } : null,
    tokens: new Map(),
    issued: 0,
  };
  const host = options.host ?? '127.0.0.1';
  const listener = (request: IncomingMessage, response: ServerResponse): void => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    response.on('finish', () => options.log?.(`${request.method ?? '?'} ${path} -> ${response.statusCode}`));
    handle(request, response, access).catch(() => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      sendProblem(response, {
        type: `${RFC7231}#section-6.6.1`,
        title: 'Interne server fout.',
        status: 500,
        instance: path,
        code: 'serverError',
      });
    });
  };
  const server: Server = options.tls ? createHttpsServer(options.tls, listener) : createServer(listener);

  return new Promise((resolveServer, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      const urlHost = host.includes(':') ? `[${host}]` : host;
      const origin = `${options.tls ? 'https' : 'http'}://${urlHost}:${port}`;
      resolveServer({
        url: `${origin}${BRP_MOCK_BASE_PATH}`,
        port,
        tokenUrl: `${origin}${BRP_MOCK_TOKEN_PATH}`,
        tokensIssued: () => access.issued,
        revokeTokens: () => access.tokens.clear(),
        close: () =>
          new Promise<void>((resolveClose, rejectClose) => {
            server.close((error) => (error ? rejectClose(error) : resolveClose()));
            server.closeAllConnections();
          }),
      });
    });
  });
}

function isMainModule(): boolean {
  const entry = process.argv[1];
  return entry !== undefined && resolve(entry) === fileURLToPath(import.meta.url);
}

if (isMainModule()) {
  const port = process.env.PORT ? Number(process.env.PORT) : BRP_MOCK_DEFAULT_PORT;
  const apiKey = process.env.BRP_API_KEY || BRP_MOCK_DEFAULT_API_KEY;
  startBrpMockServer({ port, host: process.env.HOST || '127.0.0.1', apiKey, log: (line) => console.log(line) })
    .then((mock) => {
      console.log(`BRP Personen mock listening: ${mock.url} (POST ${mock.url}/personen, header X-API-KEY: ${apiKey})`);
      const stop = (): void => {
        mock.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    })
    .catch((error: unknown) => {
      console.error(`BRP mock could not start: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}
