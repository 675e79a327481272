/**
 * A local stand-in for the Haal Centraal BRP Personen API v2 (RvIG), for development and tests: the real API is not
 * reachable from development machines. It answers `POST /haalcentraal/api/brp/personen` with
 * `RaadpleegMetBurgerservicenummer` the way the public OpenAPI specification and its feature files describe
 * (BRP-API/Haal-Centraal-BRP-bevragen): `fields` filtering, automatically delivered fields, RFC 7807 problems with
 * `invalidParams`, 401/404/405/406/415.
 *
 * One addition to the real API: a BSN that has nine digits but fails the 11-proef is refused with a 400
 * (`code: 'elfproef'`); the real API only checks the pattern and answers such a number with no person.
 *
 * Usage: `tsx scripts/brp-mock-server.ts` starts on $PORT (default 8088) and prints the base URL to give the client;
 * the API key is $BRP_API_KEY or `brp-mock-key`. The server never logs request bodies, so never a BSN.
 *
 * Fixtures (RvIG test BSNs; the names and addresses are invented):
 * - 999996940: Polish national, registered in Amsterdam (0363) since 2021-03-15;
 * - 999993653: Romanian national, registered in Hollands Kroon (1911) since 2023-06-05, address under investigation;
 * - 999990408: Bulgarian national, registered in the RNI (1999) since 2022-09-01;
 * - 999993483: emigrated (opschortingBijhouding E, 2014-07-02), last registered in Westland (1783);
 * - every other valid BSN: no person (`personen: []`).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { passesElevenCheck } from '../extensions/labour-platform/src/domain/bsn.js';
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
const MAX_BODY_BYTES = 64 * 1024;

export interface BrpMockServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1. */
  host?: string;
  /** The key expected in X-API-KEY; defaults to `brp-mock-key`. */
  apiKey?: string;
  /** One line per request: method, path, status. Never a body. */
  log?: (line: string) => void;
}

export interface BrpMockServer {
  /** Base URL for the client (`createBrpClient({ baseUrl: url })`); the endpoint is `${url}/personen`. */
  url: string;
  port: number;
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
      plaats: { omschrijving: 'Iași' },
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
    gemeenteVanInschrijving: { code: '1783', omschrijving: 'Westland' },
    datumInschrijvingInGemeente: { type: 'Datum', datum: '2012-04-02', langFormaat: '2 april 2012' },
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

/** Keeps only the requested paths; an object keeps its `inOnderzoek` when any of its fields is kept. */
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
    if (tails.some((tail) => tail.length === 0)) {
      result[head] = value;
    } else if (Array.isArray(value)) {
      result[head] = value.map((item) => (isJsonObject(item) ? project(item, tails) : item));
    } else if (isJsonObject(value)) {
      const projected = project(value, tails);
      if (Object.keys(projected).length > 0) {
        if (value.inOnderzoek !== undefined) projected.inOnderzoek = value.inOnderzoek;
        result[head] = projected;
      }
    }
  }
  return result;
}

function applyFields(persoon: BrpPersoon, fields: string[]): JsonObject {
  const source = JSON.parse(JSON.stringify(persoon)) as JsonObject;
  const result = project(
    source,
    fields.map((field) => field.split('.')),
  );
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
  return {
    type: `${RFC7231}#section-6.5.1`,
    title: 'Een of meerdere parameters zijn niet correct.',
    status: 400,
    detail: `De foutieve parameter(s) zijn: ${invalidParams.map((param) => param.name).join(', ')}.`,
    instance,
    code: 'paramsValidation',
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
      else if (!passesElevenCheck(bsn))
        problems.push({ name, code: 'elfproef', reason: 'Waarde voldoet niet aan de elfproef.' });
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

async function handle(request: IncomingMessage, response: ServerResponse, apiKey: string): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;

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

  if (request.headers['x-api-key'] !== apiKey) {
    request.resume();
    sendProblem(response, {
      type: 'https://datatracker.ietf.org/doc/html/rfc7235#section-3.1',
      title: 'Niet correct geauthenticeerd.',
      status: 401,
      detail: 'Geen of een ongeldige API-key in de X-API-KEY header.',
      instance,
      code: 'authentication',
    });
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
  const apiKey = options.apiKey ?? BRP_MOCK_DEFAULT_API_KEY;
  const host = options.host ?? '127.0.0.1';
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    response.on('finish', () => options.log?.(`${request.method ?? '?'} ${path} -> ${response.statusCode}`));
    handle(request, response, apiKey).catch(() => {
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
  });

  return new Promise((resolveServer, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      const urlHost = host.includes(':') ? `[${host}]` : host;
      resolveServer({
        url: `http://${urlHost}:${port}${BRP_MOCK_BASE_PATH}`,
        port,
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
