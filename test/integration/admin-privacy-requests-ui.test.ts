/**
 * The municipality administrator's module "Inzage en verwijdering / Access and erasure", in a real browser (Debian's
 * chromium driven by playwright-core), in Dutch and in English: it finds a person of its municipality by case number,
 * opens the access export (HTML, in a new tab) and downloads it (JSON), then erases the person on request with the
 * request's reference and a confirmation, and opens the destruction report. A name is no query (a sentence in the
 * user's language). No console error, no failed request, no raw code on the way. Screenshots go to .test-runs/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createItem, readItems, updateUser } from '@directus/sdk';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGANISATION_IDS as ORG } from '../../scripts/demo-data.js';
import { projectRoot } from '../../scripts/lib/project.js';
import { adminSession, appFallbacks } from '../support/admin-browser.js';
import { as, demoData, directusUrl } from '../support/as-user.js';
import { launchChromium } from '../support/browser.js';
import { closeTestDatabase, testDatabase } from '../support/database.js';
import { patient } from '../support/patience.js';

const SCREENSHOTS = join(projectRoot, '.test-runs');
const RAW = /\b(request_query|REQUEST_QUERY|may_export|may_erase|erasure_date|\$t:[a-z_.]+)\b/;
type Row = Record<string, unknown>;
const isoDate = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** A migrant of provider A housed at a location of gemeente A, with its case number (after its current location). */
async function housedMigrant(surname: string): Promise<{ id: string; caseNumber: string }> {
  const location = demoData().locations.find((l) => l.provider === ORG.providerA && l.municipality === ORG.gemeenteA)!;
  const providerA = await as('providerA');
  const migrant = (await providerA.request(
    createItem('migrants', {
      first_names: 'Agnieszka',
      surname,
      date_of_birth: '1990-02-03',
      nationality: 'PL',
      language: 'pl',
      arrival_date: isoDate(-30),
    }),
  )) as { id: string };
  await providerA.request(
    createItem('stays', { migrant: migrant.id, location: location.id, start_date: isoDate(-30) }),
  );
  const admin = await as('admin');
  for (let waited = 0; ; waited += 250) {
    const [row] = (await admin.request(
      readItems('migrants', {
        filter: { id: { _eq: migrant.id } },
        fields: ['current_location', 'case_number'],
        limit: 1,
      }),
    )) as Row[];
    if (row?.['current_location'] === location.id && row['case_number'])
      return { id: migrant.id, caseNumber: String(row['case_number']) };
    if (waited > patient(30_000)) throw new Error('the current location did not follow the stay');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function setLanguage(language: string | null): Promise<void> {
  const db = testDatabase();
  const user = (await db('directus_users').select('id').where('email', 'beheer-a@example.org').first()) as Row;
  await (await as('admin')).request(updateUser(String(user['id']), { language }));
}

describe('admin app: access and erasure for the municipality administrator (browser)', () => {
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await setLanguage(null);
    await browser?.close();
    await closeTestDatabase();
  });

  for (const [locale, language, tag, t] of [
    [
      'nl-NL',
      'nl-NL',
      'Nl',
      {
        title: 'Inzage en verwijdering',
        exportReady: 'De inzage-export is geopend',
        jsonReady: 'Het JSON-bestand is gedownload',
        erased: 'zijn verwijderd',
        badQuery: 'Vul een zaaknummer',
        report: 'Verklaring van vernietiging',
      },
    ],
    [
      'en-GB',
      'en-US',
      'En',
      {
        title: 'Access and erasure',
        exportReady: 'The access export is open',
        jsonReady: 'The JSON file has been downloaded',
        erased: 'has been erased',
        badQuery: 'Enter a case number',
        report: 'Destruction report',
      },
    ],
  ] as const) {
    it(
      `${locale}: finds a person by case number, opens and downloads the export, erases on request with a reason`,
      { timeout: patient(300_000) },
      async () => {
        await setLanguage(language);
        const surname = `Verzoekowska${tag}${Date.now().toString(36)}`;
        const person = await housedMigrant(surname);
        const session = await adminSession(browser, 'municipalityAdminA', locale, {
          viewport: { width: 1400, height: 1000 },
          // the name typed on purpose is refused with a sentence
          expected: (answer) =>
            appFallbacks(answer) || (answer.status === 400 && answer.url.pathname === '/privacy/requests/find'),
        });
        const { page } = session;
        await page.goto(`${directusUrl()}/admin/privacy-requests`);
        const module = page.locator('[data-test="requests"]');
        await module.waitFor({ timeout: patient(60_000) });
        expect(await page.locator('body').innerText()).toContain(t.title);

        // a name is no query: the sentence in the user's language
        await page.locator('[data-test="requests-query"]').fill(surname);
        await page.locator('[data-test="requests-search"]').click();
        await expect
          .poll(() => page.locator('[data-test="requests-notice"]').innerText(), { timeout: patient(30_000) })
          .toContain(t.badQuery);

        await page.locator('[data-test="requests-query"]').fill(person.caseNumber);
        await page.locator('[data-test="requests-search"]').click();
        const found = page.locator('[data-test="requests-person"]');
        await found.first().waitFor({ timeout: patient(30_000) });
        expect(await found.count()).toBe(1);
        expect(await found.locator('[data-test="requests-case-number"]').innerText()).toBe(person.caseNumber);
        await page.screenshot({ path: join(SCREENSHOTS, `privacy-requests-1-found-${locale}.png`) });

        // the export as a page, in a new tab, in the person's language (Polish)
        const [tab] = await Promise.all([
          page.context().waitForEvent('page'),
          page.locator('[data-test="requests-open-html"]').click(),
        ]);
        await expect.poll(() => tab.locator('h1').count(), { timeout: patient(30_000) }).toBe(1);
        expect(await tab.locator('html').getAttribute('lang')).toBe('pl');
        expect(await tab.locator('body').innerText()).toContain(surname);
        await tab.close();
        await expect
          .poll(() => page.locator('[data-test="requests-notice"]').innerText(), { timeout: patient(30_000) })
          .toContain(t.exportReady);

        // the export as JSON, downloaded
        const [download] = await Promise.all([
          page.waitForEvent('download', { timeout: patient(30_000) }),
          page.locator('[data-test="requests-download-json"]').click(),
        ]);
        expect(download.suggestedFilename()).toBe(`${person.caseNumber}.json`);
        const json = readFileSync((await download.path())!, 'utf8');
        expect(JSON.parse(json)).toBeTruthy();
        expect(json).toContain(surname);
        await expect
          .poll(() => page.locator('[data-test="requests-notice"]').innerText(), { timeout: patient(30_000) })
          .toContain(t.jsonReady);

        // erasure on request: the button stays off until a reason and the confirmation are given
        await page.locator('[data-test="requests-erase"]').click();
        const dialog = page.locator('[data-test="requests-erase-dialog"]');
        await dialog.waitFor({ timeout: patient(30_000) });
        const eraseNow = page.locator('[data-test="requests-erase-now"]');
        expect(await eraseNow.locator('xpath=descendant-or-self::button').first().isDisabled()).toBe(true);
        await page.locator('[data-test="requests-reason"]').fill(`Verzoek AVG-${tag}-17`);
        expect(await eraseNow.locator('xpath=descendant-or-self::button').first().isDisabled()).toBe(true);
        await page.locator('[data-test="requests-confirm"]').check();
        await page.screenshot({ path: join(SCREENSHOTS, `privacy-requests-2-erase-${locale}.png`) });
        await eraseNow.locator('xpath=descendant-or-self::button').first().click();
        await expect
          .poll(() => page.locator('[data-test="requests-notice"]').innerText(), { timeout: patient(60_000) })
          .toContain(t.erased);
        expect(await found.count()).toBe(0);
        const db = testDatabase();
        expect(await db('migrants').where('id', person.id).first()).toBeUndefined();
        expect(
          await db('destruction_log')
            .where({ kind: 'batch', reason: `Verzoek AVG-${tag}-17`, rule: 'request' })
            .first(),
        ).toBeDefined();
        await page.screenshot({ path: join(SCREENSHOTS, `privacy-requests-3-erased-${locale}.png`) });

        // the destruction report of the erasure
        const [report] = await Promise.all([
          page.context().waitForEvent('page'),
          page.locator('[data-test="requests-report"]').click(),
        ]);
        await expect.poll(() => report.locator('body').innerText(), { timeout: patient(30_000) }).toContain(t.report);

        expect(await page.locator('body').innerText()).not.toMatch(RAW);
        expect(session.problems).toEqual([]);
        await session.close();
      },
    );
  }
});
