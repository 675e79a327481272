/**
 * Production access to the BRP API (glue/brp/access.ts): OAuth 2.0 client credentials against a local token
 * endpoint that answers as RFC 6749 §4.4 does (the BRP mock's), the token cached until shortly before expiry and
 * fetched one request at a time, a refused token replaced once; and mutual TLS against a local HTTPS server with
 * a test CA made here (node-forge; no key is ever written outside a temporary directory or committed).
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  brpAccessConfig,
  brpClientFromEnv,
  createClientCredentialsTokenSource,
  TOKEN_DEFAULT_LIFETIME_S,
} from '../../extensions/labour-platform/src/glue/brp/access';
import { createBrpClient, type FetchLike } from '../../extensions/labour-platform/src/glue/brp/client';
import { startBrpMockServer, type BrpMockServer } from '../../scripts/brp-mock-server';
import { caughtBrpError as caught } from '../support/brp';

const CLIENT_ID = 'gemeente-westland';
const CLIENT_SECRET = 's3cret+with/odd=chars&more';
const BSN = '999996940';

describe('OAuth 2.0 client credentials', () => {
  let mock: BrpMockServer;
  const logLines: string[] = [];
  const log = (line: string) => logLines.push(line);

  beforeAll(async () => {
    mock = await startBrpMockServer({
      port: 0,
      apiKey: 'not-used-here',
      oauth: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, expiresInSeconds: 300 },
    });
  });
  afterAll(async () => {
    await mock.close();
  });

  function clientWithClock(start = 1_000_000) {
    const clock = { now: start };
    const tokenSource = createClientCredentialsTokenSource({
      tokenUrl: mock.tokenUrl,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      now: () => clock.now,
      log,
    });
    return { clock, client: createBrpClient({ baseUrl: mock.url, tokenSource, log }) };
  }

  it('fetches a bearer token, then reuses it until shortly before it expires', async () => {
    const { clock, client } = clientWithClock();
    const before = mock.tokensIssued();
    expect(await client.lookupByBsn(BSN)).toMatchObject({ kind: 'registered', municipalityCode: '0363' });
    expect(await client.lookupByBsn(BSN)).toMatchObject({ kind: 'registered' });
    expect(mock.tokensIssued()).toBe(before + 1);

    // 300 s lifetime: renewed 30 s (a tenth) before it expires, not earlier
    clock.now += 269_000;
    await client.lookupByBsn(BSN);
    expect(mock.tokensIssued()).toBe(before + 1);
    clock.now += 2_000;
    await client.lookupByBsn(BSN);
    expect(mock.tokensIssued()).toBe(before + 2);
  });

  it('one fetch at a time: concurrent lookups wait for the same token request', async () => {
    const { client } = clientWithClock();
    const before = mock.tokensIssued();
    const results = await Promise.all(Array.from({ length: 6 }, () => client.lookupByBsn(BSN)));
    expect(results.every((result) => result.kind === 'registered')).toBe(true);
    expect(mock.tokensIssued()).toBe(before + 1);
  });

  it('a token the API refuses (401) is dropped and the lookup tried once more with a new one', async () => {
    const { client } = clientWithClock();
    await client.lookupByBsn(BSN);
    const before = mock.tokensIssued();
    mock.revokeTokens();
    expect(await client.lookupByBsn(BSN)).toMatchObject({ kind: 'registered' });
    expect(mock.tokensIssued()).toBe(before + 1);
  });

  it('asks as RFC 6749 §4.4 says: form body with grant_type and scope, client authenticated with HTTP Basic', async () => {
    const seen: { url: string; init: RequestInit }[] = [];
    const spy: FetchLike = (input, init) => {
      seen.push({ url: input, init });
      return fetch(input, init);
    };
    const source = createClientCredentialsTokenSource({
      tokenUrl: mock.tokenUrl,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      scope: 'brp.personen',
      fetchImpl: spy,
    });
    expect(await source.token()).toMatch(/^[A-Za-z0-9_-]+$/);
    const [request] = seen;
    const headers = new Headers(request?.init.headers);
    expect(request?.init.method).toBe('POST');
    expect(headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(request?.init.body).toBe('grant_type=client_credentials&scope=brp.personen');
    const basic = Buffer.from(headers.get('authorization')?.replace(/^Basic /, '') ?? '', 'base64').toString();
    expect(basic).toBe(`${CLIENT_ID}:${encodeURIComponent(CLIENT_SECRET)}`);
  });

  it('without expires_in the token lives a short default; a non-bearer answer is refused', async () => {
    const clock = { now: 0 };
    let calls = 0;
    const answer =
      (body: unknown): FetchLike =>
      async () => {
        calls += 1;
        return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
      };
    const source = createClientCredentialsTokenSource({
      tokenUrl: 'https://token.invalid/token',
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      fetchImpl: answer({ access_token: 'abc', token_type: 'bearer' }),
      now: () => clock.now,
    });
    await source.token();
    clock.now += TOKEN_DEFAULT_LIFETIME_S * 1000 * 0.85;
    await source.token();
    expect(calls).toBe(1);
    clock.now += TOKEN_DEFAULT_LIFETIME_S * 1000 * 0.1;
    await source.token();
    expect(calls).toBe(2);

    const mac = createClientCredentialsTokenSource({
      tokenUrl: 'https://token.invalid/token',
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      fetchImpl: answer({ access_token: 'abc', token_type: 'mac' }),
    });
    expect(await caught(mac.token())).toMatchObject({ status: 502, code: 'tokenError' });
  });

  it('a wrong secret: a tokenError naming the OAuth error, never the secret or a token', async () => {
    const source = createClientCredentialsTokenSource({
      tokenUrl: mock.tokenUrl,
      clientId: CLIENT_ID,
      clientSecret: 'wrong-secret',
      log,
    });
    const error = await caught(createBrpClient({ baseUrl: mock.url, tokenSource: source, log }).lookupByBsn(BSN));
    expect(error).toMatchObject({ status: 502, code: 'tokenError', detail: 'HTTP 401 invalid_client.' });
    const everything = [error.message, JSON.stringify(error), ...logLines].join('\n');
    expect(everything).not.toContain('wrong-secret');
    expect(everything).not.toContain(CLIENT_SECRET);
    expect(everything).not.toMatch(/Bearer [A-Za-z0-9_-]{10,}/);
  });

  it('from the environment: the same client (and token) for every lookup with the same configuration', async () => {
    const env = {
      BRP_API_URL: mock.url,
      BRP_OAUTH_TOKEN_URL: mock.tokenUrl,
      BRP_OAUTH_CLIENT_ID: CLIENT_ID,
      BRP_OAUTH_CLIENT_SECRET: CLIENT_SECRET,
    };
    const first = brpClientFromEnv(env, log);
    expect(first).not.toBeNull();
    expect(brpClientFromEnv({ ...env }, log)).toBe(first);
    const before = mock.tokensIssued();
    await first!.lookupByBsn(BSN);
    await brpClientFromEnv({ ...env }, log)!.lookupByBsn(BSN);
    expect(mock.tokensIssued()).toBe(before + 1);
  });
});

describe('configuration from the environment', () => {
  it('nothing without BRP_API_URL; the API key alone for test environments', () => {
    expect(brpAccessConfig({})).toBeNull();
    expect(brpAccessConfig({ BRP_API_URL: 'http://127.0.0.1:1/haalcentraal/api/brp', BRP_API_KEY: 'k' })).toEqual({
      baseUrl: 'http://127.0.0.1:1/haalcentraal/api/brp',
      apiKey: 'k',
      apiKeyHeader: null,
      oauth: null,
      tls: null,
    });
  });

  it('a numeric client id (Directus types its environment) is read as text', () => {
    const config = brpAccessConfig({
      BRP_API_URL: 'https://brp.example/haalcentraal/api/brp',
      BRP_OAUTH_TOKEN_URL: 'https://brp.example/token',
      BRP_OAUTH_CLIENT_ID: 1783,
      BRP_OAUTH_CLIENT_SECRET: 'x',
    });
    expect(config?.oauth).toEqual({
      tokenUrl: 'https://brp.example/token',
      clientId: '1783',
      clientSecret: 'x',
      scope: null,
    });
  });

  it('an incomplete configuration is refused, naming the variables and never a value', () => {
    const base = { BRP_API_URL: 'https://brp.example/haalcentraal/api/brp' };
    expect(() => brpAccessConfig({ ...base, BRP_OAUTH_CLIENT_ID: 'id', BRP_OAUTH_CLIENT_SECRET: 'hush' })).toThrow(
      /BRP_OAUTH_TOKEN_URL/,
    );
    expect(() => brpAccessConfig({ ...base, BRP_TLS_CERT_FILE: '/tmp/cert.pem' })).toThrow(/BRP_TLS_KEY_FILE/);
    try {
      brpAccessConfig({ ...base, BRP_OAUTH_CLIENT_ID: 'id', BRP_OAUTH_CLIENT_SECRET: 'hush' });
    } catch (error) {
      expect(error).toMatchObject({ status: 503, code: 'misconfigured' });
      expect(String((error as Error).message)).not.toContain('hush');
    }
    const unreadable = {
      ...base,
      BRP_API_KEY: 'k',
      BRP_TLS_CERT_FILE: '/nonexistent/brp-cert.pem',
      BRP_TLS_KEY_FILE: '/nonexistent/brp-key.pem',
    };
    expect(() => brpClientFromEnv(unreadable, () => undefined)).toThrow(/BRP_TLS_CERT_FILE cannot be read/);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Mutual TLS with a test CA made here
// ---------------------------------------------------------------------------------------------------------------

interface Issued {
  keyPem: string;
  certPem: string;
}

function newKeys(): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey; keyPem: string } {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const key = forge.pki.privateKeyFromPem(privateKey);
  return { privateKey: key, publicKey: forge.pki.setRsaPublicKey(key.n, key.e), keyPem: privateKey };
}

function certificate(
  commonName: string,
  serial: string,
  issuer: { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey } | null,
  extensions: object[],
): { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey; pem: Issued } {
  const keys = newKeys();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 24 * 3600_000);
  const subject = [{ name: 'commonName', value: commonName }];
  cert.setSubject(subject);
  cert.setIssuer(issuer ? issuer.cert.subject.attributes : subject);
  cert.setExtensions(extensions);
  cert.sign(issuer ? issuer.key : keys.privateKey, forge.md.sha256.create());
  return { cert, key: keys.privateKey, pem: { keyPem: keys.keyPem, certPem: forge.pki.certificateToPem(cert) } };
}

function testCa(name: string, serial: string) {
  return certificate(name, serial, null, [
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
  ]);
}

describe('mutual TLS (client certificate)', () => {
  let dir: string;
  let mock: BrpMockServer;
  const files: Record<string, string> = {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'brp-mtls-'));
    const ca = testCa('BRP test CA', '01');
    const server = certificate('localhost', '02', ca, [
      { name: 'basicConstraints', cA: false },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ]);
    const client = certificate('gemeente westland test client', '03', ca, [
      { name: 'basicConstraints', cA: false },
      { name: 'extKeyUsage', clientAuth: true },
    ]);
    const stranger = testCa('Other CA', '04');
    const strangerClient = certificate('not trusted client', '05', stranger, [
      { name: 'basicConstraints', cA: false },
      { name: 'extKeyUsage', clientAuth: true },
    ]);
    const write = (name: string, text: string) => {
      const path = join(dir, name);
      writeFileSync(path, text, { mode: 0o600 });
      files[name] = path;
    };
    write('ca.pem', ca.pem.certPem);
    write('client-cert.pem', client.pem.certPem);
    write('client-key.pem', client.pem.keyPem);
    write('stranger-cert.pem', strangerClient.pem.certPem);
    write('stranger-key.pem', strangerClient.pem.keyPem);

    mock = await startBrpMockServer({
      port: 0,
      apiKey: 'mtls-key',
      oauth: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
      tls: {
        key: server.pem.keyPem,
        cert: server.pem.certPem,
        ca: ca.pem.certPem,
        requestCert: true,
        rejectUnauthorized: true,
      },
    });
  });

  afterAll(async () => {
    await mock?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const oauthEnv = () => ({
    BRP_API_URL: mock.url,
    BRP_OAUTH_TOKEN_URL: mock.tokenUrl,
    BRP_OAUTH_CLIENT_ID: CLIENT_ID,
    BRP_OAUTH_CLIENT_SECRET: CLIENT_SECRET,
    BRP_TLS_CA_FILE: files['ca.pem'],
  });

  it('with the client certificate: the token and the lookup both go over mutual TLS', async () => {
    expect(mock.url).toMatch(/^https:\/\//);
    const before = mock.tokensIssued();
    const client = brpClientFromEnv(
      { ...oauthEnv(), BRP_TLS_CERT_FILE: files['client-cert.pem'], BRP_TLS_KEY_FILE: files['client-key.pem'] },
      () => undefined,
    );
    expect(await client!.lookupByBsn('999993483')).toEqual({ kind: 'emigrated', date: '2014-07-02' });
    expect(mock.tokensIssued()).toBe(before + 1);
  });

  /** A key-authenticated client; `ca` and `pair` ('client', 'stranger' or none) choose the TLS files. */
  const keyClient = (ca: boolean, pair: 'client' | 'stranger' | null) =>
    brpClientFromEnv(
      {
        BRP_API_URL: mock.url,
        BRP_API_KEY: 'mtls-key',
        ...(ca ? { BRP_TLS_CA_FILE: files['ca.pem'] } : {}),
        ...(pair ? { BRP_TLS_CERT_FILE: files[`${pair}-cert.pem`], BRP_TLS_KEY_FILE: files[`${pair}-key.pem`] } : {}),
      },
      () => undefined,
    )!;

  it('the static key over mutual TLS works too (a test gateway)', async () => {
    expect(await keyClient(true, 'client').lookupByBsn(BSN)).toMatchObject({ kind: 'registered' });
  });

  it('without a client certificate the server refuses the connection', async () => {
    expect(await caught(keyClient(true, null).lookupByBsn(BSN))).toMatchObject({ status: 502, code: 'networkError' });
    const withToken = brpClientFromEnv(oauthEnv(), () => undefined);
    expect(await caught(withToken!.lookupByBsn(BSN))).toMatchObject({ status: 502, code: 'tokenError' });
  });

  it('a certificate from another CA is refused; a server outside the trusted CA is not trusted', async () => {
    const stranger = keyClient(true, 'stranger');
    expect(await caught(stranger.lookupByBsn(BSN))).toMatchObject({ status: 502, code: 'networkError' });
    // the client's own CA list: without the test CA the server's certificate is not trusted
    expect(await caught(keyClient(false, 'client').lookupByBsn(BSN))).toMatchObject({
      status: 502,
      code: 'networkError',
    });
  });
});
