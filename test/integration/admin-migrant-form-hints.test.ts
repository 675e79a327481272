/**
 * The hints of the provider's migrant form in the admin app, in a real browser: once a valid BSN is typed and the
 * field is left, the warning that the caller's own organisation already has a migrant with this BSN, naming its
 * case number (POST /privacy/duplicates, blind index). Dutch and English; no console error or failed request.
 * Screenshots go to .test-runs/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createItem } from '@directus/sdk';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRangeBsn } from '../../extensions/labour-platform/src/domain/bsn.js';
import { projectRoot } from '../../scripts/lib/project.js';
import { adminSession } from '../support/admin-browser.js';
import { as, directusUrl } from '../support/as-user.js';
import { launchChromium } from '../support/browser.js';
import { patient } from '../support/patience.js';

const SCREENSHOTS = join(projectRoot, '.test-runs');
const today = new Date().toISOString().slice(0, 10);

const WARNING = {
  nl: /Let op: er bestaat al een arbeidsmigrant met dit BSN die u kunt zien: (\S+)\./,
  en: /Note: a labour migrant with this BSN that you can see already exists: (\S+)\./,
};

describe('admin app: hints in the provider’s migrant form (browser)', () => {
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function duplicateWarning(
    key: 'providerA' | 'providerB',
    locale: string,
    lang: 'nl' | 'en',
    n: number,
  ): Promise<void> {
    const bsn = testRangeBsn(8_600 + n);
    const client = await as(key);
    const first = (await client.request(
      createItem('migrants', {
        first_names: 'Twice',
        surname: `Typed ${lang}`,
        date_of_birth: '1990-05-17',
        nationality: 'PL',
        language: 'pl',
        arrival_date: today,
        bsn,
      }),
    )) as { id: string; case_number: string };

    const session = await adminSession(browser, key, locale);
    const { page } = session;
    await page.goto(`${directusUrl()}/admin/content/migrants/+`);
    const field = page.locator('.v-form [data-field="bsn"]').first();
    await field.locator('input').waitFor({ timeout: patient(30_000) });
    await field.locator('input').fill(bsn);
    await field.locator('input').press('Tab');
    const warning = field.locator('[data-duplicate-bsn]');
    await expect.poll(() => warning.innerText().catch(() => ''), { timeout: patient(15_000) }).toMatch(WARNING[lang]);
    await page.screenshot({
      path: join(SCREENSHOTS, `admin-migrant-form-${lang}-duplicate-bsn.png`),
      animations: 'disabled',
    });
    const named = WARNING[lang].exec(await warning.innerText())?.[1];
    const problems = [...session.problems];
    await session.close();
    expect({ named, problems }).toEqual({ named: first.case_number, problems: [] });
  }

  it(
    'warns a Dutch provider about its own migrant with the same BSN, by case number',
    { timeout: patient(180_000) },
    async () => {
      await duplicateWarning('providerA', 'nl-NL', 'nl', 1);
    },
  );

  it('warns an English provider the same way', { timeout: patient(180_000) }, async () => {
    await duplicateWarning('providerB', 'en-GB', 'en', 2);
  });
});
