/**
 * Client for the Haal Centraal BRP Personen API v2 (`POST {baseUrl}/personen`, `RaadpleegMetBurgerservicenummer`),
 * using the global `fetch`.
 *
 * Access: in test environments an API key in the `X-API-KEY` header (the header the Haal Centraal/RvIG
 * documentation names; `apiKeyHeader` for a gateway that wants another); in production a bearer token from OAuth 2.0
 * client credentials (`tokenSource`), over mutual TLS with a PKIoverheid client certificate (`fetchImpl` from
 * access.ts). The OpenAPI file itself declares no security scheme. A 401 on a bearer token drops the token and the
 * request is tried once more with a new one.
 *
 * The BSN is personal data: it travels only in the POST body, and it never appears in an error message, an error
 * property or a log line (any run of eight or more digits in text from the server is redacted too).
 */
import { normaliseBsn, passesElevenCheck } from '../../domain/bsn';
import type { TokenSource } from './access';
import {
  interpretPerson,
  type BrpInvalidParam,
  type BrpLookupResult,
  type BrpPersoon,
  type BrpRaadpleegMetBurgerservicenummerQuery,
} from '../../domain/brp/lookup';

/**
 * The fields we ask for. `opschortingBijhouding` is not in the list on purpose: the API delivers it automatically
 * and answers 400 ("Parameter bevat een niet toegestane veldnaam.") when it is requested.
 */
export const BRP_LOOKUP_FIELDS: readonly string[] = [
  'burgerservicenummer',
  'naam',
  'geboorte',
  'nationaliteiten',
  'gemeenteVanInschrijving',
  'datumInschrijvingInGemeente',
  'verblijfplaats',
];

export const BRP_DEFAULT_TIMEOUT_MS = 10_000;
export const BRP_API_KEY_HEADER = 'X-API-KEY';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface BrpClientOptions {
  /** E.g. `https://proefomgeving.haalcentraal.nl/haalcentraal/api/brp`; the client posts to `${baseUrl}/personen`. */
  baseUrl: string;
  /** Static key for test environments; leave out with OAuth. */
  apiKey?: string;
  /** OAuth 2.0 bearer tokens (access.ts); sent as `Authorization: Bearer`. */
  tokenSource?: TokenSource;
  /** Defaults to the global `fetch`; access.ts gives one with a client certificate. */
  fetchImpl?: FetchLike;
  /** Defaults to 10 s. */
  timeoutMs?: number;
  /** Defaults to `X-API-KEY`. */
  apiKeyHeader?: string;
  /** Receives one line per lookup (outcome, status, duration); never the BSN or any personal data. */
  log?: (line: string) => void;
}

export interface BrpLookupOptions {
  /**
   * Sent as the API's `gemeenteVanInschrijving` filter: the BRP then returns the person only when registered in
   * this municipality, so a person registered elsewhere comes back as `not_found`. Leave it out to assess whether
   * someone is registered anywhere.
   */
  gemeenteVanInschrijving?: string;
  /** The municipality doing the lookup, for `inOwnMunicipality`; defaults to `gemeenteVanInschrijving`. */
  ownMunicipalityCode?: string;
}

export interface BrpClient {
  /** The person list, or undefined when the BRP has no (matching) person. */
  fetchPerson(bsn: string, options?: BrpLookupOptions): Promise<BrpPersoon | undefined>;
  lookupByBsn(bsn: string, options?: BrpLookupOptions): Promise<BrpLookupResult>;
}

const REDACTED = '[redacted]';

/** Removes runs of eight or more digits (BSN, A-nummer, ...) from text that could end up in a message or log. */
export function redactPersonalNumbers(text: string): string {
  return text.replace(/\d{8,}/g, REDACTED);
}

/**
 * A failed lookup: an RFC 7807 problem from the BRP API, or the client's own (invalid BSN before any request,
 * timeout, network failure, unreadable response). Every text property is redacted; none holds the BSN.
 */
export class BrpLookupError extends Error {
  override readonly name = 'BrpLookupError';
  /** HTTP status from the API; 400 for a BSN refused locally, 502 network/unreadable response, 504 timeout. */
  readonly status: number;
  readonly title: string;
  readonly detail: string | null;
  /** The problem's `code` (e.g. `paramsValidation`, `authentication`) or ours (`timeout`, `networkError`, `invalidResponse`). */
  readonly code: string;
  readonly type: string | null;
  readonly instance: string | null;
  readonly invalidParams: readonly BrpInvalidParam[];

  constructor(problem: {
    status: number;
    title: string;
    code: string;
    detail?: string | null;
    type?: string | null;
    instance?: string | null;
    invalidParams?: readonly BrpInvalidParam[];
  }) {
    const title = redactPersonalNumbers(problem.title);
    const detail = problem.detail ? redactPersonalNumbers(problem.detail) : null;
    const code = redactPersonalNumbers(problem.code);
    super(`BRP lookup failed (${problem.status} ${code}): ${title}${detail ? ` ${detail}` : ''}`);
    this.status = problem.status;
    this.title = title;
    this.detail = detail;
    this.code = code;
    this.type = problem.type ? redactPersonalNumbers(problem.type) : null;
    this.instance = problem.instance ? redactPersonalNumbers(problem.instance) : null;
    this.invalidParams = (problem.invalidParams ?? []).map((param) => ({
      ...(param.type === undefined ? {} : { type: redactPersonalNumbers(param.type) }),
      name: redactPersonalNumbers(param.name),
      code: redactPersonalNumbers(param.code),
      reason: redactPersonalNumbers(param.reason),
    }));
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function toInvalidParams(value: unknown): BrpInvalidParam[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((param) => ({
    ...(typeof param.type === 'string' ? { type: param.type } : {}),
    name: optionalString(param.name) ?? '',
    code: optionalString(param.code) ?? '',
    reason: optionalString(param.reason) ?? '',
  }));
}

/** Builds the error from a non-2xx response, reading the problem+json body when there is one. */
async function errorFromResponse(response: Response): Promise<BrpLookupError> {
  let body: unknown = null;
  try {
    const text = await response.text();
    body = text ? (JSON.parse(text) as unknown) : null;
  } catch {
    body = null;
  }
  if (isRecord(body)) {
    const problem = body;
    return new BrpLookupError({
      status: typeof problem.status === 'number' ? problem.status : response.status,
      title: optionalString(problem.title) ?? (response.statusText || `HTTP ${response.status}`),
      code: optionalString(problem.code) ?? `http${response.status}`,
      detail: optionalString(problem.detail) ?? null,
      type: optionalString(problem.type) ?? null,
      instance: optionalString(problem.instance) ?? null,
      invalidParams: toInvalidParams(problem.invalidParams),
    });
  }
  return new BrpLookupError({
    status: response.status,
    title: response.statusText || `HTTP ${response.status}`,
    code: `http${response.status}`,
    detail: 'The BRP API answered without a problem+json body.',
  });
}

function isDatum(value: unknown): boolean {
  return value === undefined || (isRecord(value) && typeof value.type === 'string');
}

function isWaardetabel(value: unknown): boolean {
  return (
    value === undefined ||
    (isRecord(value) &&
      (value.code === undefined || typeof value.code === 'string') &&
      (value.omschrijving === undefined || typeof value.omschrijving === 'string'))
  );
}

/** Checks the parts of a person that `interpretPerson` relies on. */
function isBrpPersoon(value: unknown): value is BrpPersoon {
  if (!isRecord(value)) return false;
  if (value.burgerservicenummer !== undefined && typeof value.burgerservicenummer !== 'string') return false;
  if (!isWaardetabel(value.gemeenteVanInschrijving) || !isDatum(value.datumInschrijvingInGemeente)) return false;
  const opschorting = value.opschortingBijhouding;
  if (opschorting !== undefined) {
    if (!isRecord(opschorting) || !isRecord(opschorting.reden) || !isWaardetabel(opschorting.reden)) return false;
    if (!isDatum(opschorting.datum)) return false;
  }
  return true;
}

function invalidResponse(detail: string): BrpLookupError {
  return new BrpLookupError({
    status: 502,
    title: 'Unexpected response from the BRP API.',
    code: 'invalidResponse',
    detail,
  });
}

/** A BSN refused before any request, in the same shape as the API's 400. */
function localBsnError(check: 'pattern' | 'elfproef'): BrpLookupError {
  return new BrpLookupError({
    status: 400,
    title: 'Een of meerdere parameters zijn niet correct.',
    code: 'paramsValidation',
    detail: 'De foutieve parameter(s) zijn: burgerservicenummer.',
    invalidParams: [
      {
        name: 'burgerservicenummer',
        code: check,
        reason: check === 'pattern' ? 'Waarde is geen BSN van 8 of 9 cijfers.' : 'Waarde voldoet niet aan de elfproef.',
      },
    ],
  });
}

function describeFailure(error: unknown): { timeout: boolean; what: string } {
  if (error instanceof Error) {
    const timeout = error.name === 'TimeoutError' || error.name === 'AbortError';
    const cause: unknown = (error as Error & { cause?: unknown }).cause;
    const causeCode = isRecord(cause) && typeof cause.code === 'string' ? ` (${cause.code})` : '';
    return { timeout, what: `${error.name}${causeCode}` };
  }
  return { timeout: false, what: 'unknown error' };
}

export function createBrpClient(options: BrpClientOptions): BrpClient {
  const endpoint = `${options.baseUrl.replace(/\/+$/, '')}/personen`;
  const timeoutMs = options.timeoutMs ?? BRP_DEFAULT_TIMEOUT_MS;
  const apiKeyHeader = options.apiKeyHeader ?? BRP_API_KEY_HEADER;
  const fetchImpl: FetchLike = options.fetchImpl ?? ((input, init) => fetch(input, init));
  const log = (line: string): void => options.log?.(redactPersonalNumbers(line));

  async function fetchPerson(bsnInput: string, lookupOptions: BrpLookupOptions = {}): Promise<BrpPersoon | undefined> {
    const bsn = normaliseBsn(bsnInput);
    if (bsn === null) throw localBsnError('pattern');
    if (!passesElevenCheck(bsn)) throw localBsnError('elfproef');

    const query: BrpRaadpleegMetBurgerservicenummerQuery = {
      type: 'RaadpleegMetBurgerservicenummer',
      fields: [...BRP_LOOKUP_FIELDS],
      burgerservicenummer: [bsn],
      ...(lookupOptions.gemeenteVanInschrijving === undefined
        ? {}
        : { gemeenteVanInschrijving: lookupOptions.gemeenteVanInschrijving }),
    };

    const started = Date.now();
    const send = async (): Promise<{ response: Response; token: string | null }> => {
      const token = options.tokenSource ? await options.tokenSource.token() : null;
      const response = await fetchImpl(endpoint, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          Accept: 'application/json',
          ...(options.apiKey ? { [apiKeyHeader]: options.apiKey } : {}),
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(query),
        signal: AbortSignal.timeout(timeoutMs),
      });
      return { response, token };
    };
    let response: Response;
    try {
      let sent = await send();
      if (sent.response.status === 401 && sent.token !== null) {
        // the token expired or was revoked early: one more try with a new one
        await sent.response.body?.cancel();
        options.tokenSource?.invalidate(sent.token);
        log('BRP lookup: token refused (401), fetching a new one');
        sent = await send();
      }
      response = sent.response;
    } catch (error) {
      if (error instanceof BrpLookupError) throw error;
      const failure = describeFailure(error);
      log(`BRP lookup failed: ${failure.timeout ? 'timeout' : failure.what} after ${Date.now() - started} ms`);
      throw failure.timeout
        ? new BrpLookupError({
            status: 504,
            title: 'The BRP API did not answer in time.',
            code: 'timeout',
            detail: `No answer within ${timeoutMs} ms.`,
          })
        : new BrpLookupError({
            status: 502,
            title: 'The BRP API could not be reached.',
            code: 'networkError',
            detail: failure.what,
          });
    }

    if (!response.ok) {
      const error = await errorFromResponse(response);
      log(`BRP lookup failed: HTTP ${error.status} ${error.code} after ${Date.now() - started} ms`);
      throw error;
    }

    let body: unknown;
    try {
      body = (await response.json()) as unknown;
    } catch {
      log(`BRP lookup failed: unreadable body (HTTP ${response.status}) after ${Date.now() - started} ms`);
      throw invalidResponse('The response body is not JSON.');
    }
    if (!isRecord(body) || !Array.isArray(body.personen)) {
      log(`BRP lookup failed: response without personen after ${Date.now() - started} ms`);
      throw invalidResponse('The response has no personen list.');
    }
    const personen: unknown[] = body.personen;
    if (!personen.every(isBrpPersoon)) {
      log(`BRP lookup failed: malformed person after ${Date.now() - started} ms`);
      throw invalidResponse('A person in the response does not have the expected shape.');
    }
    const persoon = (personen as BrpPersoon[]).find((candidate) => candidate.burgerservicenummer === bsn);
    log(`BRP lookup: HTTP ${response.status}, ${persoon ? 'person found' : 'no person'} in ${Date.now() - started} ms`);
    return persoon;
  }

  return {
    fetchPerson,
    async lookupByBsn(bsn, lookupOptions = {}) {
      const persoon = await fetchPerson(bsn, lookupOptions);
      return interpretPerson(
        persoon,
        lookupOptions.ownMunicipalityCode ?? lookupOptions.gemeenteVanInschrijving ?? null,
      );
    },
  };
}
