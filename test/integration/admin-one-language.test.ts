/**
 * One language per user where the platform's own extensions name things (browser): the module bar's names of the
 * import module and the access-and-erasure module, the import page's title and the flow editor's card of the
 * retention operation read Dutch to a Dutch user and English to an English one, never "Import / Inlezen" (Directus
 * 11.17.4 translates `$t:` keys in a module's name once the user's modules are registered and in an operation's
 * overview when it is shown, with the platform's translations in schema/translations.json; an operation's type name it
 * translates before they are loaded, so that one stays in both languages and the page shows no raw key). No console
 * error, no failed request.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../scripts/lib/project.js';
import { adminSession, type AdminSession } from '../support/admin-browser.js';
import { directusUrl } from '../support/as-user.js';
import { launchChromium } from '../support/browser.js';
import { patient } from '../support/patience.js';
import { createUserLike } from '../support/users.js';

const SCREENSHOTS = join(projectRoot, '.test-runs');
const RETENTION_FLOW = '40000000-0000-4000-8000-000000000020';
const BILINGUAL = /Import \/ Inlezen|Inzage en verwijdering \/|\/ Access and erasure|Proefdraai \/|\/ Dry run|\$t:/;
const stamp = Date.now();
// the demo users read Dutch (their own language wins over the browser's): the English readers are users of their own
const english = {
  clerk: `one-language-clerk-${stamp}@example.org`,
  municipalityAdmin: `one-language-beheer-${stamp}@example.org`,
  admin: `one-language-admin-${stamp}@example.org`,
};
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const [model, email] of [
    ['clerk-a@example.org', english.clerk],
    ['beheer-a@example.org', english.municipalityAdmin],
    ['admin@example.org', english.admin],
  ] as const)
    await createUserLike(model, { email, language: 'en-US', first_name: 'Jane', last_name: 'Smith' });
  browser = await launchChromium();
}, patient(240_000));

afterAll(async () => {
  await browser?.close();
});

/** The module bar's tooltip of the module at `path`: the module's name as the app shows it. */
async function moduleName(page: Page, path: string): Promise<string> {
  const link = page.locator(`.module-bar a[href="/admin/${path}"]`);
  await link.waitFor({ timeout: patient(30_000) });
  const tooltip = page.locator('#tooltip.visible');
  // the app re-renders the module bar once the user's language and its translations are in (the hovered link is then
  // a new element and shows no tooltip): hover again until the tooltip shows
  const deadline = Date.now() + patient(60_000);
  for (;;) {
    await page.mouse.move(900, 600);
    await link.hover();
    try {
      await tooltip.waitFor({ timeout: 3_000 });
      break;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
  }
  const text = (await tooltip.innerText()).trim();
  await page.mouse.move(900, 600);
  return text;
}

async function finish(session: AdminSession): Promise<void> {
  await session.close();
  expect(session.problems).toEqual([]);
  expect(session.external).toEqual([]);
}

const cases = [
  { lang: 'nl', locale: 'nl-NL', import: 'Inlezen', access: 'Inzage en verwijdering', dryRun: 'Proefdraai', no: 'nee' },
  { lang: 'en', locale: 'en-GB', import: 'Import', access: 'Access and erasure', dryRun: 'Dry run', no: 'no' },
] as const;

describe('one language per user in the names of the platform’s modules and operations (browser)', () => {
  for (const t of cases) {
    it(
      `a clerk (${t.lang}) reads the import module's name and title in one language`,
      {
        timeout: patient(180_000),
      },
      async () => {
        const session = await adminSession(browser, t.lang === 'nl' ? 'clerkA' : { email: english.clerk }, t.locale);
        const { page } = session;
        expect(await moduleName(page, 'intake')).toBe(t.import);
        await page.goto(`${directusUrl()}/admin/intake`);
        await page.locator('[data-test="intake-file-step"]').waitFor({ timeout: patient(30_000) });
        const title = page.locator('header.header-bar h1.type-title');
        await expect.poll(async () => (await title.first().innerText()).trim()).toBe(t.import);
        expect(await page.title()).not.toMatch(BILINGUAL);
        expect(await page.locator('header.header-bar').innerText()).not.toMatch(BILINGUAL);
        await page.screenshot({ path: join(SCREENSHOTS, `one-language-intake-${t.lang}.png`), animations: 'disabled' });
        await finish(session);
      },
    );

    it(
      `a municipality administrator (${t.lang}) reads the access-and-erasure module's name in one language`,
      {
        timeout: patient(180_000),
      },
      async () => {
        const session = await adminSession(
          browser,
          t.lang === 'nl' ? 'municipalityAdminA' : { email: english.municipalityAdmin },
          t.locale,
        );
        expect(await moduleName(session.page, 'privacy-requests')).toBe(t.access);
        await finish(session);
      },
    );

    it(
      `an administrator (${t.lang}) reads the retention operation's card in one language`,
      {
        timeout: patient(180_000),
      },
      async () => {
        const session = await adminSession(browser, t.lang === 'nl' ? 'admin' : { email: english.admin }, t.locale);
        const { page } = session;
        await page.goto(`${directusUrl()}/admin/settings/flows/${RETENTION_FLOW}`);
        // the operation's card: its overview (a `dl`, label and value) in the reader's language
        const overview = page.locator('dl.options-overview').filter({ hasText: t.dryRun });
        await overview.waitFor({ timeout: patient(30_000) });
        expect((await overview.innerText()).replace(/\s+/g, ' ').trim()).toBe(`${t.dryRun} ${t.no}`);
        await page.waitForLoadState('networkidle');
        // no raw translation key on the page (the operation's type name is in both languages: Directus 11.17.4 cannot
        // translate it, see operations/erase-expired/app.ts)
        const text = await page.locator('body').innerText();
        expect(text).not.toMatch(/operations\.[a-z_]+\.|\$t:/);
        expect(text).toContain('Verlopen gegevens wissen / Erase expired data');
        expect(await page.locator('#main-content, .workspace').first().innerText()).not.toMatch(BILINGUAL);
        await page.screenshot({ path: join(SCREENSHOTS, `one-language-flow-${t.lang}.png`), animations: 'disabled' });
        await finish(session);
      },
    );
  }
});
