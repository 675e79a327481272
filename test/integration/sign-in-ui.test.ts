/**
 * Sign-in through an eHerkenning broker, end to end in the browser: a real OpenID Connect provider (oidc-provider,
 * test/support/eherkenning-broker.ts) issues a broker's claims; a platform instance of its own (the suite's database,
 * Directus's `openid` driver configured as docs/sign-in.md describes) shows the "eHerkenning" button on its login
 * page. A provider's employee logs in, lands in the admin app in their organisation with the provider role, and logs
 * out; an employee of a branch registered on its own lands in that branch; a company that is not registered, or a
 * municipality, is refused with a page in the person's language that says why (no 500, no user created) and leads
 * back to the login page.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomInt } from 'node:crypto';
import { createItem, readUsers } from '@directus/sdk';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort, startPlatformInstance, type PlatformInstance } from '../../scripts/lib/ephemeral-platform.js';
import { call } from '../../scripts/lib/directus-client.js';
import { projectRoot } from '../../scripts/lib/project.js';
import { ROLE_IDS } from '../../extensions/labour-platform/src/glue/roles';
import { as } from '../support/as-user.js';
import { launchChromium } from '../support/browser.js';
import { startBroker, type Broker, type BrokerAccount } from '../support/eherkenning-broker.js';
import { patient } from '../support/patience.js';

const SCREENSHOTS = join(projectRoot, '.test-runs');
const run = String(Date.now()).slice(-6);
// KvK numbers of this file only (8 digits starting with 6, random per run), never a demo organisation's
const kvk = () => `6${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
const wholeCompanyKvk = kvk();
const branchCompanyKvk = kvk();
const unknownKvk = kvk();
const municipalityKvk = kvk();
const branch = `0000${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;

const accounts: BrokerAccount[] = [
  { login: `eh-whole-${run}`, givenName: 'Joke', familyName: 'Huisvest', kvkNumber: wholeCompanyKvk },
  {
    login: `eh-branch-${run}`,
    givenName: 'Piet',
    familyName: 'Vestiging',
    kvkNumber: branchCompanyKvk,
    branchNumber: branch,
  },
  { login: `eh-unknown-${run}`, givenName: 'Onbe', familyName: 'Kend', kvkNumber: unknownKvk },
  { login: `eh-municipality-${run}`, givenName: 'Ge', familyName: 'Meente', kvkNumber: municipalityKvk },
];

let broker: Broker;
let platform: PlatformInstance;
let browser: Browser;
const organisations: Record<'whole' | 'branchWhole' | 'branch', string> = { whole: '', branchWhole: '', branch: '' };

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const admin = await as('admin');
  const organisation = async (name: string, type: string, kvkNumber: string, branchNumber: string | null) =>
    (
      (await admin.request(
        createItem('organisations', { name, type, kvk_number: kvkNumber, branch_number: branchNumber }),
      )) as { id: string }
    ).id;
  organisations.whole = await organisation(`Huisvester ${run}`, 'huisvester', wholeCompanyKvk, null);
  organisations.branchWhole = await organisation(`Werkgever ${run}`, 'werkgever', branchCompanyKvk, null);
  organisations.branch = await organisation(`Werkgever ${run} (West)`, 'werkgever', branchCompanyKvk, branch);
  await admin.request(
    createItem('organisations', {
      name: `Gemeente ${run}`,
      type: 'gemeente',
      municipality_code: String(randomInt(9000, 10_000)),
      kvk_number: municipalityKvk,
    }),
  );

  const [platformPort, brokerPort] = [await freePort(), await freePort()];
  const publicUrl = `http://127.0.0.1:${platformPort}`;
  broker = await startBroker({
    port: brokerPort,
    redirectUri: `${publicUrl}/auth/login/eherkenning/callback`,
    accounts,
  });
  platform = await startPlatformInstance(inject('instanceEnv'), {
    label: 'sign-in',
    port: platformPort,
    extraEnv: {
      AUTH_PROVIDERS: 'eherkenning',
      AUTH_EHERKENNING_DRIVER: 'openid',
      AUTH_EHERKENNING_LABEL: 'eHerkenning',
      AUTH_EHERKENNING_ICON: 'domain',
      AUTH_EHERKENNING_ISSUER_URL: `${broker.issuer}/.well-known/openid-configuration`,
      AUTH_EHERKENNING_CLIENT_ID: broker.clientId,
      AUTH_EHERKENNING_CLIENT_SECRET: broker.clientSecret,
      AUTH_EHERKENNING_SCOPE: 'openid profile eherkenning',
      AUTH_EHERKENNING_IDENTIFIER_KEY: 'sub',
      AUTH_EHERKENNING_ALLOW_PUBLIC_REGISTRATION: 'true',
      AUTH_EHERKENNING_DEFAULT_ROLE_ID: ROLE_IDS.provider,
    },
  });
  browser = await launchChromium();
}, patient(180_000));

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  await broker?.stop();
});

interface Session {
  context: BrowserContext;
  page: Page;
  problems: string[];
}

/** A fresh browser on the instance's login page, recording the platform's console errors and error answers. */
async function loginPage(locale: string): Promise<Session> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale });
  const page = await context.newPage();
  const problems: string[] = [];
  const onPlatform = (url: string) => url.startsWith(platform.url);
  page.on('console', (message) => {
    const answered = /^Failed to load resource: the server responded with a status of \d+/.test(message.text());
    if (message.type() === 'error' && !answered && onPlatform(page.url())) problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    if (onPlatform(request.url()) && request.failure()?.errorText !== 'net::ERR_ABORTED')
      problems.push(`request failed: ${request.method()} ${request.url()}`);
  });
  page.on('response', (response) => {
    const url = new URL(response.url());
    // not signed in yet: the app's refresh of a session it does not have answers 400/401 by design
    // and a refused sign-in's page is a 403 by design
    const expected =
      url.pathname === '/auth/refresh' ||
      url.pathname === '/users/me' ||
      (url.pathname === '/auth/login/eherkenning/callback' && response.status() === 403);
    if (onPlatform(response.url()) && response.status() >= 400 && !expected)
      problems.push(`answer ${response.status()}: ${response.request().method()} ${response.url()}`);
  });
  await page.goto(`${platform.url}/admin/login`);
  return { context, page, problems };
}

/** Through the SSO button and the broker's login and consent pages, back to the platform. */
async function signInAtBroker(page: Page, login: string): Promise<void> {
  // the app's SSO button: an <a> with a click handler (no href), "Inloggen met eHerkenning" / "Log in with eHerkenning"
  await page.locator('a.sso-link', { hasText: 'eHerkenning' }).click();
  await page.waitForURL((url) => url.href.startsWith(broker.issuer));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL((url) => url.href.startsWith(platform.url));
}

async function me(page: Page): Promise<{ organisation: string | null; role: string | null; provider: string }> {
  const response = await page.request.get(`${platform.url}/users/me?fields=organisation,role,provider`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { data: { organisation: string | null; role: string | null; provider: string } })
    .data;
}

describe('sign-in through an eHerkenning broker', () => {
  it('lands a provider in its organisation with the provider role, logs out, and signs in again', async () => {
    const { context, page, problems } = await loginPage('nl-NL');
    try {
      await signInAtBroker(page, accounts[0]!.login);
      await page.waitForURL((url) => url.pathname.startsWith('/admin/content/migrants'));
      await page.screenshot({ path: join(SCREENSHOTS, 'sign-in-landed.png') });
      expect(await me(page)).toEqual({
        organisation: organisations.whole,
        role: ROLE_IDS.provider,
        provider: 'eherkenning',
      });

      await page.goto(`${platform.url}/admin/logout`);
      await page.waitForURL((url) => url.pathname === '/admin/login');
      await expect.poll(async () => (await page.request.get(`${platform.url}/users/me`)).status()).toBe(401);

      // a later sign-in (auth.update) sets organisation and role from the claims again, whatever was changed by hand
      const admin = await as('admin');
      const [user] = (await admin.request(
        readUsers({ filter: { external_identifier: { _eq: accounts[0]!.login } }, fields: ['id'] }),
      )) as Array<{ id: string }>;
      await call(admin, 'PATCH', `/users/${user!.id}`, { organisation: null, role: ROLE_IDS.inspector });
      // the broker still knows the browser: straight back to the platform
      await page.locator('a.sso-link', { hasText: 'eHerkenning' }).click();
      await page.waitForURL((url) => url.pathname.startsWith('/admin/content/'));
      expect(await me(page)).toMatchObject({ organisation: organisations.whole, role: ROLE_IDS.provider });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('lands an employee authorised for one branch in the organisation registered for that branch', async () => {
    const { context, page, problems } = await loginPage('en-US');
    try {
      await signInAtBroker(page, accounts[1]!.login);
      await page.waitForURL((url) => url.pathname.startsWith('/admin/content/'));
      expect(await me(page)).toMatchObject({ organisation: organisations.branch, role: ROLE_IDS.provider });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('refuses a company that is not registered, with a page that says why, and creates no user', async () => {
    const { context, page, problems } = await loginPage('nl-NL');
    try {
      await signInAtBroker(page, accounts[2]!.login);
      await expect
        .poll(() => page.locator('main').innerText())
        .toContain(`Uw organisatie (KvK ${unknownKvk}) is niet aangemeld bij het platform.`);
      await page.screenshot({ path: join(SCREENSHOTS, 'sign-in-refused-nl.png') });
      const admin = await as('admin');
      const users = await admin.request(
        readUsers({ filter: { external_identifier: { _eq: accounts[2]!.login } }, fields: ['id'] }),
      );
      expect(users).toEqual([]);
      // the way back: the login page, where nothing is signed in
      await page.getByRole('link', { name: 'Terug naar inloggen' }).click();
      await page.waitForURL((url) => url.pathname === '/admin/login');
      await expect.poll(() => page.locator('a.sso-link').count()).toBe(1);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("refuses, in English, a municipality's KvK number (municipal staff have their own accounts)", async () => {
    const { context, page, problems } = await loginPage('en-US');
    try {
      await signInAtBroker(page, accounts[3]!.login);
      await expect
        .poll(() => page.locator('main').innerText())
        .toContain(`KvK number ${municipalityKvk} is not a housing provider or employer`);
      expect(await page.locator('h1').innerText()).toBe('Signing in with eHerkenning failed');
      await page.screenshot({ path: join(SCREENSHOTS, 'sign-in-refused-en.png') });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
