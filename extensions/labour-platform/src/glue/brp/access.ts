/**
 * How the platform reaches the BRP API Personen, configured from the environment:
 *
 * - production (RvIG over Diginetwerk): OAuth 2.0 client credentials (RFC 6749 §4.4) for a bearer token, over
 *   mutual TLS with the municipality's PKIoverheid client certificate;
 * - test environments (the proefomgeving, the local mock): a static API key in a header.
 *
 * | variable | meaning |
 * | --- | --- |
 * | `BRP_API_URL` | base URL ending in `/haalcentraal/api/brp` (the client posts to `/personen`) |
 * | `BRP_API_KEY`, `BRP_API_KEY_HEADER` | static key and its header (default `X-API-KEY`); test environments |
 * | `BRP_OAUTH_TOKEN_URL`, `BRP_OAUTH_CLIENT_ID`, `BRP_OAUTH_CLIENT_SECRET`, `BRP_OAUTH_SCOPE` | client credentials |
 * | `BRP_TLS_CERT_FILE`, `BRP_TLS_KEY_FILE`, `BRP_TLS_KEY_PASSPHRASE`, `BRP_TLS_CA_FILE` | client certificate (PEM) |
 *
 * The token is cached until shortly before it expires and fetched by one request at a time (concurrent lookups
 * wait for the same fetch); a 401 from the API drops it and the lookup is tried once more with a new one. Neither
 * the secret, the token nor the key is ever logged or put in an error.
 */
import { readFileSync } from 'node:fs';
import { Agent, request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';
import { BrpLookupError, createBrpClient, type BrpClient, type FetchLike } from './client';

// ---------------------------------------------------------------------------------------------------------------
// OAuth 2.0 client credentials
// ---------------------------------------------------------------------------------------------------------------

export interface TokenSource {
  /** A valid access token: the cached one, or a new one (one fetch at a time). */
  token(): Promise<string>;
  /** Forget this token (the API refused it); a newer one is kept. */
  invalidate(token: string): void;
}

export interface ClientCredentialsOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope?: string;
  fetchImpl?: FetchLike;
  /** Milliseconds since the epoch; defaults to Date.now (tests move a clock). */
  now?: () => number;
  timeoutMs?: number;
  log?: (line: string) => void;
}

/** Lifetime assumed when the token endpoint gives no `expires_in` (RFC 6749 §5.1 only recommends it). */
export const TOKEN_DEFAULT_LIFETIME_S = 60;
/** A token is renewed this long before it expires, or at 90 % of a shorter lifetime. */
export const TOKEN_REFRESH_MARGIN_MS = 60_000;

function tokenError(detail: string, status = 502): BrpLookupError {
  return new BrpLookupError({
    status,
    title: 'The BRP token endpoint did not give an access token.',
    code: 'tokenError',
    detail,
  });
}

/** RFC 6749 §2.3.1: client id and secret are form-urlencoded before they go into HTTP Basic. */
function basicCredentials(id: string, secret: string): string {
  const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');
  return Buffer.from(`${encode(id)}:${encode(secret)}`).toString('base64');
}

export function createClientCredentialsTokenSource(options: ClientCredentialsOptions): TokenSource {
  const fetchImpl: FetchLike = options.fetchImpl ?? ((input, init) => fetch(input, init));
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 10_000;
  let cached: { token: string; refreshAt: number } | null = null;
  let pending: Promise<string> | null = null;

  async function fetchToken(): Promise<string> {
    const body = new URLSearchParams({ grant_type: 'client_credentials' });
    if (options.scope) body.set('scope', options.scope);
    const started = now();
    let response: Response;
    try {
      response = await fetchImpl(options.tokenUrl, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
          Authorization: `Basic ${basicCredentials(options.clientId, options.clientSecret)}`,
        },
        body: body.toString(),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const what = error instanceof Error ? error.name : 'unknown error';
      options.log?.(`BRP token request failed: ${what}`);
      throw tokenError(`The token endpoint could not be reached (${what}).`);
    }
    let answer: unknown = null;
    try {
      answer = (await response.json()) as unknown;
    } catch {
      answer = null;
    }
    const record = typeof answer === 'object' && answer !== null ? (answer as Record<string, unknown>) : {};
    if (!response.ok) {
      // RFC 6749 §5.2: `error` is one of a fixed set of codes; nothing else of the answer is repeated
      const code = typeof record['error'] === 'string' && /^[a-z_]{1,40}$/.test(record['error']) ? record['error'] : '';
      options.log?.(`BRP token request refused: HTTP ${response.status} ${code}`);
      throw tokenError(`HTTP ${response.status}${code ? ` ${code}` : ''}.`);
    }
    const token = record['access_token'];
    const type = record['token_type'];
    if (typeof token !== 'string' || token === '' || typeof type !== 'string' || type.toLowerCase() !== 'bearer') {
      options.log?.('BRP token request: answer without a bearer access_token');
      throw tokenError('The answer has no bearer access_token.');
    }
    const expiresIn =
      typeof record['expires_in'] === 'number' && record['expires_in'] > 0 ? record['expires_in'] : null;
    const lifetimeMs = (expiresIn ?? TOKEN_DEFAULT_LIFETIME_S) * 1000;
    const margin = Math.min(TOKEN_REFRESH_MARGIN_MS, lifetimeMs / 10);
    cached = { token, refreshAt: started + lifetimeMs - margin };
    options.log?.(`BRP token obtained, valid ${Math.round(lifetimeMs / 1000)} s`);
    return token;
  }

  return {
    token() {
      if (cached && now() < cached.refreshAt) return Promise.resolve(cached.token);
      if (!pending) {
        pending = fetchToken().finally(() => {
          pending = null;
        });
      }
      return pending;
    },
    invalidate(token) {
      if (cached?.token === token) cached = null;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Mutual TLS
// ---------------------------------------------------------------------------------------------------------------

export interface TlsOptions {
  /** The client certificate and its key (PEM); without them no certificate is presented. */
  cert?: string | Buffer;
  key?: string | Buffer;
  passphrase?: string;
  /** Trusted roots for the server (the PKIoverheid chain); the system's roots when absent. */
  ca?: string | Buffer;
}

function headersOf(init: RequestInit): Record<string, string> {
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((value, name) => {
    headers[name] = value;
  });
  return headers;
}

/**
 * A `fetch` over node:https that presents a client certificate (mutual TLS). Only what the BRP client and the
 * token source use: method, headers, a text body, an abort signal.
 */
export function createMutualTlsFetch(tls: TlsOptions): FetchLike {
  const agent = new Agent({
    ...(tls.cert && tls.key ? { cert: tls.cert, key: tls.key } : {}),
    ...(tls.passphrase ? { passphrase: tls.passphrase } : {}),
    ...(tls.ca ? { ca: tls.ca } : {}),
    keepAlive: true,
  });
  return (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(input);
      const signal = init.signal ?? undefined;
      if (signal?.aborted) {
        reject(signal.reason as Error);
        return;
      }
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const request = send(
        url,
        { method: init.method ?? 'GET', headers: headersOf(init), ...(url.protocol === 'https:' ? { agent } : {}) },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const headers = new Headers();
            for (const [name, value] of Object.entries(response.headers)) {
              if (value === undefined) continue;
              for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
            }
            const status = response.statusCode ?? 502;
            const body = status === 204 || status === 304 ? null : Buffer.concat(chunks);
            resolve(new Response(body, { status, statusText: response.statusMessage ?? '', headers }));
          });
        },
      );
      const abort = () => request.destroy(signal?.reason as Error);
      signal?.addEventListener('abort', abort, { once: true });
      request.on('close', () => signal?.removeEventListener('abort', abort));
      request.on('error', reject);
      if (typeof init.body === 'string') request.write(init.body);
      request.end();
    });
}

// ---------------------------------------------------------------------------------------------------------------
// From the environment
// ---------------------------------------------------------------------------------------------------------------

export interface BrpAccessConfig {
  baseUrl: string;
  apiKey: string | null;
  apiKeyHeader: string | null;
  oauth: { tokenUrl: string; clientId: string; clientSecret: string; scope: string | null } | null;
  /** A client certificate (cert and key files) and/or the server's CA file; null when neither is set. */
  tls: { certFile: string | null; keyFile: string | null; passphrase: string | null; caFile: string | null } | null;
}

/** Directus hands environment values over typed (a numeric client id arrives as a number). */
function text(env: Record<string, unknown>, name: string): string | null {
  const value = env[name];
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return null;
}

function misconfigured(detail: string): BrpLookupError {
  return new BrpLookupError({
    status: 503,
    title: 'The BRP connection is not configured correctly.',
    code: 'misconfigured',
    detail,
  });
}

/** The access configuration, or null without BRP_API_URL; throws (naming the variable, never a value) when incomplete. */
export function brpAccessConfig(env: Record<string, unknown>): BrpAccessConfig | null {
  const baseUrl = text(env, 'BRP_API_URL');
  if (!baseUrl) return null;
  const tokenUrl = text(env, 'BRP_OAUTH_TOKEN_URL');
  const clientId = text(env, 'BRP_OAUTH_CLIENT_ID');
  const clientSecret = text(env, 'BRP_OAUTH_CLIENT_SECRET');
  if ((tokenUrl || clientId || clientSecret) && !(tokenUrl && clientId && clientSecret)) {
    throw misconfigured('OAuth needs BRP_OAUTH_TOKEN_URL, BRP_OAUTH_CLIENT_ID and BRP_OAUTH_CLIENT_SECRET together.');
  }
  const certFile = text(env, 'BRP_TLS_CERT_FILE');
  const keyFile = text(env, 'BRP_TLS_KEY_FILE');
  if ((certFile || keyFile) && !(certFile && keyFile)) {
    throw misconfigured('A client certificate needs BRP_TLS_CERT_FILE and BRP_TLS_KEY_FILE together.');
  }
  const caFile = text(env, 'BRP_TLS_CA_FILE');
  return {
    baseUrl,
    apiKey: text(env, 'BRP_API_KEY'),
    apiKeyHeader: text(env, 'BRP_API_KEY_HEADER'),
    oauth:
      tokenUrl && clientId && clientSecret
        ? { tokenUrl, clientId, clientSecret, scope: text(env, 'BRP_OAUTH_SCOPE') }
        : null,
    tls: certFile || caFile ? { certFile, keyFile, passphrase: text(env, 'BRP_TLS_KEY_PASSPHRASE'), caFile } : null,
  };
}

function readPem(file: string, variable: string): Buffer {
  try {
    return readFileSync(file);
  } catch {
    throw misconfigured(`The file named by ${variable} cannot be read.`);
  }
}

/** Clients by configuration: the token cache and the TLS connections outlive one request. */
const clients = new Map<string, BrpClient>();

/**
 * The BRP client for this environment, or null when BRP_API_URL is not set. Built once per configuration, so the
 * cached token and the TLS connections are shared by every lookup.
 */
export function brpClientFromEnv(env: Record<string, unknown>, log: (line: string) => void): BrpClient | null {
  const config = brpAccessConfig(env);
  if (!config) return null;
  const signature = JSON.stringify(config);
  const known = clients.get(signature);
  if (known) return known;

  const tls = config.tls;
  const fetchImpl: FetchLike | undefined = tls
    ? createMutualTlsFetch({
        ...(tls.certFile && tls.keyFile
          ? { cert: readPem(tls.certFile, 'BRP_TLS_CERT_FILE'), key: readPem(tls.keyFile, 'BRP_TLS_KEY_FILE') }
          : {}),
        ...(tls.passphrase ? { passphrase: tls.passphrase } : {}),
        ...(tls.caFile ? { ca: readPem(tls.caFile, 'BRP_TLS_CA_FILE') } : {}),
      })
    : undefined;
  const tokenSource = config.oauth
    ? createClientCredentialsTokenSource({
        tokenUrl: config.oauth.tokenUrl,
        clientId: config.oauth.clientId,
        clientSecret: config.oauth.clientSecret,
        ...(config.oauth.scope ? { scope: config.oauth.scope } : {}),
        ...(fetchImpl ? { fetchImpl } : {}),
        log,
      })
    : undefined;
  const client = createBrpClient({
    baseUrl: config.baseUrl,
    ...(config.apiKey ? { apiKey: config.apiKey } : {}),
    ...(config.apiKeyHeader ? { apiKeyHeader: config.apiKeyHeader } : {}),
    ...(tokenSource ? { tokenSource } : {}),
    ...(fetchImpl ? { fetchImpl } : {}),
    log,
  });
  clients.set(signature, client);
  return client;
}
