/**
 * The provider's API credentials in the import module ("API-sleutels" / "API credentials", issue 10 door 2), in a real
 * browser, Dutch (provider A) and English (provider B): the provider creates a credential, sees its key once (and not
 * after opening the page again), the key works on the intake door; rotating shows a new key and stops the old one at
 * once; revoking marks the credential revoked and stops the key. No console error and no failed request on the way
 * (the refusals of the stopped keys are the test's own requests, outside the browser). Screenshots go to
 * .test-runs/admin-intake-credentials-*.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoLoginKey } from '../../scripts/lib/demo-logins.js';
import { projectRoot } from '../../scripts/lib/project.js';
import { adminSession } from '../support/admin-browser.js';
import { directusUrl } from '../support/as-user.js';
import { launchChromium } from '../support/browser.js';
import { patient } from '../support/patience.js';

const RUNS = join(projectRoot, '.test-runs');

const TEXTS = {
  nl: {
    nav: 'API-sleutels',
    none: 'Nog geen API-sleutels.',
    token: 'Uw nieuwe sleutel (kopieer hem nu; hij wordt niet meer getoond):',
    create: 'Sleutel maken',
    rotate: 'Vernieuwen',
    revoke: 'Intrekken',
    revoked: 'Ingetrokken',
    never: 'nooit',
    headers: ['Naam van het systeem', 'Aangemaakt', 'Laatst gebruikt'],
  },
  en: {
    nav: 'API credentials',
    none: 'No API credentials yet.',
    token: 'Your new key (copy it now; it is not shown again):',
    create: 'Create credential',
    rotate: 'Rotate',
    revoke: 'Revoke',
    revoked: 'Revoked',
    never: 'never',
    headers: ['Name of the system', 'Created', 'Last used'],
  },
} as const;

/** What the intake door answers a request with this key (GET /intake/columns: a credential may read it). */
async function statusWith(token: string): Promise<number> {
  const response = await fetch(`${directusUrl()}/intake/columns`, { headers: { Authorization: `Bearer ${token}` } });
  await response.arrayBuffer();
  return response.status;
}

describe('admin app: API credentials (browser)', () => {
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(RUNS, { recursive: true });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function shot(page: Page, name: string): Promise<void> {
    await page.screenshot({
      path: join(RUNS, `admin-intake-credentials-${name}.png`),
      animations: 'disabled',
      fullPage: true,
    });
  }

  /** The v-button's own <button> in `scope`. */
  const button = (scope: Locator, text: string) =>
    scope.locator('button').filter({ hasText: new RegExp(`^\\s*${text}\\s*$`) });

  const cases: ReadonlyArray<[DemoLoginKey, string, 'nl' | 'en']> = [
    ['providerA', 'nl-NL', 'nl'],
    ['providerB', 'en-GB', 'en'],
  ];

  for (const [key, locale, lang] of cases) {
    it(
      `${key} (${locale}) creates a credential, sees its key once, rotates and revokes it`,
      { timeout: patient(300_000) },
      async () => {
        const t = TEXTS[lang];
        const name = `Planning ${lang} ${Date.now().toString(36)}`;
        const session = await adminSession(browser, key, locale);
        const { page } = session;
        const open = async () => {
          await page.goto(`${directusUrl()}/admin/intake`);
          await page.locator('[data-test="intake-credentials-nav"]').click({ timeout: patient(30_000) });
          await page.locator('[data-test="intake-credentials"]').waitFor({ timeout: patient(30_000) });
        };
        await open();
        const step = page.locator('[data-test="intake-credentials"]');
        expect(await page.locator('[data-test="intake-credentials-nav"]').innerText()).toContain(t.nav);
        await expect.poll(() => step.locator('h2').innerText()).toBe(t.nav);

        // create: the key is shown once, with the sentence that says so
        // v-input puts its attributes on the <input> itself
        await step
          .locator('input[data-test="intake-credential-name"], [data-test="intake-credential-name"] input')
          .first()
          .fill(name);
        await button(step, t.create).click();
        const shown = step.locator('[data-test="intake-credential-token"]');
        await shown.waitFor({ timeout: patient(20_000) });
        expect(await shown.innerText()).toContain(t.token);
        const first = (await shown.locator('code').innerText()).trim();
        expect(first.length).toBeGreaterThanOrEqual(32);
        const row = step.locator('tbody tr').filter({ hasText: name });
        await expect.poll(() => row.count()).toBe(1);
        const rowText = await row.innerText();
        expect(rowText).toContain(t.never);
        expect(rowText).not.toContain(first);
        for (const header of t.headers) expect(await step.locator('thead').innerText()).toContain(header);
        await shot(page, `${lang}-1-created`);
        expect(await statusWith(first)).toBe(200);

        // opened again: the key is not shown any more, the credential is listed
        await open();
        await step
          .locator('tbody tr')
          .filter({ hasText: name })
          .waitFor({ timeout: patient(20_000) });
        expect(await step.locator('[data-test="intake-credential-token"]').count()).toBe(0);
        expect(await step.innerText()).not.toContain(first);

        // rotate: a new key, shown once; the old one stops at once
        await button(row, t.rotate).click();
        await shown.waitFor({ timeout: patient(20_000) });
        await expect.poll(async () => (await shown.locator('code').innerText()).trim()).not.toBe(first);
        const second = (await shown.locator('code').innerText()).trim();
        expect(second.length).toBeGreaterThanOrEqual(32);
        await shot(page, `${lang}-2-rotated`);
        expect(await statusWith(first)).toBe(401);
        expect(await statusWith(second)).toBe(200);

        // revoke: marked revoked, no more buttons, the key stops
        await button(row, t.revoke).click();
        await expect.poll(() => row.innerText(), { timeout: patient(20_000) }).toContain(t.revoked);
        expect(await button(row, t.rotate).count()).toBe(0);
        expect(await step.locator('[data-test="intake-credential-token"]').count()).toBe(0);
        await shot(page, `${lang}-3-revoked`);
        expect(await statusWith(second)).toBe(401);

        const text = await page.locator('[data-test="intake-credentials"]').innerText();
        expect(text).not.toMatch(/\$t:|credential[A-Z]|undefined|null/);
        await session.close();
        expect(session.problems).toEqual([]);
        expect(session.external).toEqual([]);
      },
    );
  }
});
