/**
 * Finding people in the admin app, in a real browser (Debian's chromium driven by playwright-core): a provider
 * registers a migrant and finds it again by name and by BSN in its list of migrants and in the stay's migrant
 * picker, in Dutch (provider A) and in English (provider B). The list shows the case number; no console error and
 * no failed request on the way. Screenshots go to .test-runs/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRangeBsn } from '../../extensions/labour-platform/src/domain/bsn.js';
import { projectRoot } from '../../scripts/lib/project.js';
import { adminSession, appFallbacks, type AdminSession } from '../support/admin-browser.js';
import { directusUrl } from '../support/as-user.js';
import { launchChromium } from '../support/browser.js';
import { http } from './attacks/support.js';
import { patient } from '../support/patience.js';

const SCREENSHOTS = join(projectRoot, '.test-runs');
const today = new Date().toISOString().slice(0, 10);

describe('admin app: finding a migrant (browser)', () => {
  let browser: Browser;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function loggedIn(key: 'providerA' | 'providerB', locale: string): Promise<AdminSession> {
    return adminSession(browser, key, locale, { viewport: { width: 1400, height: 1000 }, expected: appFallbacks });
  }

  /** Types into the search box of the list in `scope` (the page, or a drawer) and waits for the list to settle. */
  async function searchIn(page: Page, scope: string, text: string): Promise<void> {
    const box = page.locator(`${scope} .search-input`).first();
    await box.click();
    const input = box.locator('input');
    await input.fill(text);
    await page.waitForTimeout(100);
    await page.waitForLoadState('networkidle');
  }

  async function rowsIn(page: Page, scope: string): Promise<string[]> {
    return page.locator(`${scope} .v-table tbody tr`).allInnerTexts();
  }

  for (const [key, locale, tag, bsnNumber] of [
    ['providerA', 'nl-NL', 'Nl', 8_600],
    ['providerB', 'en-GB', 'En', 8_601],
  ] as const) {
    it(
      `${key} (${locale}) finds its new migrant by name and by BSN in the list and in the stay’s migrant picker`,
      { timeout: patient(180_000) },
      async () => {
        const bsn = testRangeBsn(bsnNumber);
        const surname = `Wyszukiwalska${tag}`;
        // the provider registers the migrant (through the API as itself: the form is another test's)
        const created = await http(key, 'POST', '/items/migrants', {
          first_names: 'Bożena',
          surname,
          bsn,
          date_of_birth: '1992-03-04',
          nationality: 'PL',
          language: 'pl',
          arrival_date: today,
        });
        expect(created.status, created.text.slice(0, 300)).toBe(200);
        const caseNumber = (created.body as { data: { case_number: string } }).data.case_number;

        const session = await loggedIn(key, locale);
        const { page } = session;
        await page.goto(`${directusUrl()}/admin/content/migrants`);
        await page
          .locator('.v-table')
          .first()
          .waitFor({ timeout: patient(30_000) });
        for (const [what, text] of [
          ['name', surname.slice(0, 9)],
          ['bsn', bsn],
        ] as const) {
          await searchIn(page, '#main-content', text);
          await expect.poll(() => rowsIn(page, '#main-content'), { timeout: patient(20_000) }).toHaveLength(1);
          const [row] = await rowsIn(page, '#main-content');
          expect(row).toContain(caseNumber);
          expect(row).toContain(surname);
          await page.screenshot({
            path: join(SCREENSHOTS, `admin-search-ui-${tag}-list-${what}.png`),
            animations: 'disabled',
          });
        }

        // a new stay: the migrant picker finds the migrant by name and by BSN, and shows its case number
        await page.goto(`${directusUrl()}/admin/content/stays/+`);
        const field = page.locator('.field[data-field="migrant"]').first();
        await field.waitFor({ timeout: patient(30_000) });
        await field
          .getByText(/Selecteer een item|Select an item/)
          .first()
          .click();
        const drawer = '.v-drawer';
        await page
          .locator(`${drawer} .v-table`)
          .first()
          .waitFor({ timeout: patient(30_000) });
        for (const [what, text] of [
          ['name', `Bożena ${surname}`],
          ['bsn', bsn],
        ] as const) {
          await searchIn(page, drawer, text);
          await expect.poll(() => rowsIn(page, drawer), { timeout: patient(20_000) }).toHaveLength(1);
          const [row] = await rowsIn(page, drawer);
          expect(row).toContain(caseNumber);
          await page.screenshot({
            path: join(SCREENSHOTS, `admin-search-ui-${tag}-picker-${what}.png`),
            animations: 'disabled',
          });
        }
        problems.push(...session.problems.map((problem) => `${key}: ${problem}`));
        await session.close();
      },
    );
  }

  it('shows no console error and no failed request', () => {
    expect(problems).toEqual([]);
  });
});
