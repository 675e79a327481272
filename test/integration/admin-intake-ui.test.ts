/**
 * The import module "Import / Inlezen" in a real browser (Debian's chromium driven by playwright-core), as the demo
 * provider in Dutch (provider A) and in English (provider B): the module bar shows it (and not to an inspector); the
 * provider downloads the template, fills it in (two people, one with a BSN that fails the 11-proef, a column whose
 * header the matcher does not know, an extra column), looks at a full-list dry run with its proposed departures
 * without committing it, then checks the file as additions, corrects the unknown column's field, checks again,
 * downloads the refused rows, commits with the progress bar and reads the report; the same file again changes
 * nothing. Against the real intake endpoints; no console error and no failed request on the way. Screenshots go to
 * .test-runs/admin-intake-ui-*.png.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRangeBsn } from '../../extensions/labour-platform/src/domain/bsn.js';
import { TEMPLATE_COLUMNS } from '../../extensions/labour-platform/src/domain/intake/template.js';
import type { DemoLoginKey } from '../../scripts/lib/demo-logins.js';
import { projectRoot } from '../../scripts/lib/project.js';
import { adminSession, type AdminSession } from '../support/admin-browser.js';
import { directusUrl } from '../support/as-user.js';
import { launchChromium } from '../support/browser.js';
import { intakeRequest } from '../support/intake.js';
import { patient } from '../support/patience.js';

const RUNS = join(projectRoot, '.test-runs');
const col = (key: string) => TEMPLATE_COLUMNS.findIndex((column) => column.key === key) + 1;

const TEXTS = {
  nl: {
    check: 'Controleren (er wordt nog niets opgeslagen)',
    fullList: 'Volledige lijst per locatie',
    additions: 'Aanvullingen',
    workCity: 'Plaats werkadres',
    notUsed: '— niet gebruiken —',
    recheck: 'Opnieuw controleren met deze kolommen',
    chosenByYou: 'door u gekozen',
    departures: 'Voorgesteld vertrek',
    refused: 'Geweigerde rijen',
    commit: '2 rijen inlezen',
    committed: 'Het bestand is ingelezen.',
    another: 'Nog een bestand inlezen',
    sameFile: 'Dit bestand is al eerder ingelezen.',
    dataSheet: 'Arbeidsmigranten',
    surname: 'Achternaam',
  },
  en: {
    check: 'Check (nothing is saved yet)',
    fullList: 'Full list per location',
    additions: 'Additions',
    workCity: 'Work address town',
    notUsed: '— do not use —',
    recheck: 'Check again with these columns',
    chosenByYou: 'chosen by you',
    departures: 'Proposed departures',
    refused: 'Refused rows',
    commit: 'Import 2 rows',
    committed: 'The file has been imported.',
    another: 'Import another file',
    sameFile: 'This file has been imported before.',
    dataSheet: 'Labour migrants',
    surname: 'Surname',
  },
} as const;

describe('admin app: importing a spreadsheet (browser)', () => {
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(RUNS, { recursive: true });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function shot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(RUNS, `admin-intake-ui-${name}.png`), animations: 'disabled', fullPage: true });
  }

  /** Clicks `button` and returns the file the browser downloads. */
  async function downloadBy(
    page: Page,
    click: () => Promise<void>,
    name: string,
  ): Promise<{ path: string; suggested: string }> {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: patient(30_000) }), click()]);
    const path = join(RUNS, `admin-intake-ui-${name}`);
    await download.saveAs(path);
    return { path, suggested: download.suggestedFilename() };
  }

  /** The commit button itself (v-button wraps a <button>). */
  function commitButton(page: Page) {
    return page.locator('[data-test="intake-commit"]').locator('xpath=descendant-or-self::button').first();
  }

  /** Opens the v-select in `scope` and picks the item with exactly `text`. */
  async function pick(page: Page, scope: string, text: string): Promise<void> {
    await page.locator(`${scope} button.inline-display`).first().click();
    await page
      .locator('.v-menu-content .v-list-item')
      .filter({ hasText: new RegExp(`^\\s*${text}\\s*$`) })
      .first()
      .click();
  }

  // test-range BSNs of their own per run (an earlier run's people would be matched, not new)
  const run = 6_000 + (Math.floor(Date.now() / 1000) % 250) * 4;
  const cases: ReadonlyArray<[DemoLoginKey, string, 'nl' | 'en', number]> = [
    ['providerA', 'nl-NL', 'nl', run],
    ['providerB', 'en-GB', 'en', run + 2],
  ];

  for (const [key, locale, lang, bsnBase] of cases) {
    it(
      `${key} (${locale}) downloads the template, checks a file, corrects a column and imports it`,
      { timeout: patient(300_000) },
      async () => {
        const t = TEXTS[lang];
        const session: AdminSession = await adminSession(browser, key, locale);
        const { page } = session;

        // the module bar has the module; the page opens in the user's language
        await page.locator(`.module-bar a[href="/admin/intake"]`).waitFor({ timeout: patient(30_000) });
        await page.goto(`${directusUrl()}/admin/intake`);
        await page.locator('[data-test="intake-file-step"]').waitFor({ timeout: patient(30_000) });
        await expect.poll(() => page.locator('[data-test="intake-check"]').innerText()).toContain(t.check);
        await shot(page, `${lang}-1-start`);

        // the template: headers in the user's language, the provider's own locations in the drop-down
        const template = await downloadBy(
          page,
          () => page.locator('[data-test="intake-template"]').click(),
          `${lang}-template.xlsx`,
        );
        expect(template.suggested).toMatch(/\.xlsx$/);
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(readFileSync(template.path) as unknown as ArrayBuffer);
        const sheet = workbook.getWorksheet(t.dataSheet)!;
        expect(sheet.getCell(1, col('surname')).value).toBe(t.surname);
        const location = String(sheet.getCell(2, col('location')).value);
        expect(location).not.toBe('');
        // someone at that location who is not on the list, so the full list proposes a departure whatever other test
        // files did to the demo's people there before this one (vitest orders files by their last durations)
        const resident = await intakeRequest(
          key,
          'POST',
          '/intake/residents',
          JSON.stringify({
            rows: [
              {
                external_reference: `UI-${bsnBase}-${Date.now().toString(36)}-stays`,
                first_names: 'Jan',
                surname: `Blijft${lang}`,
                date_of_birth: '1990-02-01',
                nationality: 'PL',
                location,
                arrival_date: new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10),
              },
            ],
          }),
        );
        expect(resident.data, JSON.stringify(resident.body)).toMatchObject({ counts: { new: 1, refused: 0 } });

        // the provider fills it in: two people, one with a BSN that fails the 11-proef; the work town's header is one
        // the matcher does not know, and an extra column the platform does not use
        const stamp = `${lang}${Date.now().toString(36)}`;
        const people = [
          {
            ref: `UI-${stamp}-1`,
            surname: `Nowak${lang}`,
            first: 'Zofia',
            bsn: testRangeBsn(bsnBase),
            nationality: lang === 'nl' ? 'Polen' : 'Poland',
            birth: new Date('1991-04-12T00:00:00Z'),
          },
          {
            ref: `UI-${stamp}-2`,
            surname: `Popescu${lang}`,
            first: 'Ioana',
            bsn: testRangeBsn(bsnBase + 1),
            nationality: lang === 'nl' ? 'Roemenië' : 'Romania',
            birth: new Date('1987-11-03T00:00:00Z'),
          },
          {
            ref: `UI-${stamp}-3`,
            surname: `Ivanova${lang}`,
            first: 'Мария',
            bsn: '123456789',
            nationality: lang === 'nl' ? 'Bulgarije' : 'Bulgaria',
            birth: new Date('1995-01-30T00:00:00Z'),
          },
        ];
        people.forEach((person, index) => {
          const row = index + 2;
          sheet.getCell(row, col('external_reference')).value = person.ref;
          sheet.getCell(row, col('surname')).value = person.surname;
          sheet.getCell(row, col('first_names')).value = person.first;
          sheet.getCell(row, col('bsn')).value = person.bsn;
          sheet.getCell(row, col('date_of_birth')).value = person.birth;
          sheet.getCell(row, col('gender')).value = null;
          sheet.getCell(row, col('nationality')).value = person.nationality;
          sheet.getCell(row, col('email')).value = null;
          sheet.getCell(row, col('phone')).value = null;
          sheet.getCell(row, col('location')).value = location;
          sheet.getCell(row, col('arrival_date')).value = new Date(Date.now() - 3 * 86_400_000);
          sheet.getCell(row, col('expected_departure_date')).value = null;
          sheet.getCell(row, col('work_address')).value = 'Middenweg 12';
          sheet.getCell(row, col('work_postcode')).value = '1771 AB';
          sheet.getCell(row, col('work_city')).value = 'Wieringerwerf';
          sheet.getCell(row, TEMPLATE_COLUMNS.length + 1).value = 'x';
        });
        sheet.getCell(1, col('work_city')).value = 'Standplaats';
        sheet.getCell(1, TEMPLATE_COLUMNS.length + 1).value = lang === 'nl' ? 'Opmerking' : 'Remark';
        const upload = join(RUNS, `admin-intake-ui-${lang}-upload.xlsx`);
        await workbook.xlsx.writeFile(upload);
        await page.setInputFiles('[data-test="intake-file"]', upload);

        // a full list first: the proposed departures, to be confirmed before anything is written (not committed here)
        await page.locator('[data-test="intake-mode-full-list"]').click();
        await page.locator('[data-test="intake-check"]').click();
        await page.locator('[data-test="intake-result-step"]').waitFor({ timeout: patient(60_000) });
        const departures = page.locator('[data-test="intake-departures"]');
        await departures.waitFor({ timeout: patient(15_000) });
        await expect.poll(() => page.locator('[data-test="intake-result-step"]').innerText()).toContain(t.departures);
        // by case number and location name, never an id
        await expect.poll(() => departures.innerText()).toContain(location);
        expect(await departures.innerText()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
        expect(await commitButton(page).isDisabled()).toBe(true);
        await page.locator('[data-test="intake-confirm-departures"]').click();
        expect(await commitButton(page).isDisabled()).toBe(false);
        await shot(page, `${lang}-2-full-list-departures`);
        await page
          .locator('[data-test="intake-result-step"]')
          .screenshot({ path: join(RUNS, `admin-intake-ui-${lang}-2-result.png`), animations: 'disabled' });

        // additions: the dry run with the columns as matched
        await page.locator('[data-test="intake-mode-additions"]').click();
        await expect.poll(() => page.locator('[data-test="intake-result-step"]').count()).toBe(0);
        await page.locator('[data-test="intake-check"]').click();
        await page.locator('[data-test="intake-result-step"]').waitFor({ timeout: patient(60_000) });
        const workCityRow = `[data-test="intake-column-${col('work_city') - 1}"]`;
        await expect.poll(() => page.locator('[data-test="intake-columns"]').innerText()).toContain('Standplaats');
        const columnRow = page.locator('[data-test="intake-columns"] tbody tr').filter({ hasText: 'Standplaats' });
        await expect.poll(() => columnRow.innerText()).toContain(t.notUsed);
        await expect.poll(() => page.locator('[data-test="intake-count-new"]').innerText()).toMatch(/^2\b/);
        await expect.poll(() => page.locator('[data-test="intake-count-refused"]').innerText()).toMatch(/^1\b/);
        const refused = page.locator('[data-test="intake-refused"]');
        await expect.poll(() => refused.innerText()).toMatch(/\b4\b/);
        await expect.poll(() => refused.innerText()).toContain('BSN');
        await shot(page, `${lang}-3-dry-run`);
        await refused.screenshot({
          path: join(RUNS, `admin-intake-ui-${lang}-3-refused-rows.png`),
          animations: 'disabled',
        });

        // the user corrects the unknown column and checks again
        await pick(page, workCityRow, t.workCity);
        await expect.poll(() => columnRow.innerText()).toContain(t.chosenByYou);
        expect(await commitButton(page).isDisabled()).toBe(true);
        await shot(page, `${lang}-4-corrected`);
        await page.locator('[data-test="intake-recheck"]').click();
        await expect
          .poll(() => page.locator('[data-test="intake-recheck"]').count(), { timeout: patient(60_000) })
          .toBe(0);
        await expect.poll(() => columnRow.innerText()).toContain(t.chosenByYou);
        await expect.poll(() => page.locator('[data-test="intake-count-new"]').innerText()).toMatch(/^2\b/);

        // the refused rows as a spreadsheet, with the reason
        const refusedFile = await downloadBy(
          page,
          () => page.locator('[data-test="intake-download-refused"]').click(),
          `${lang}-refused.xlsx`,
        );
        const refusedBook = new ExcelJS.Workbook();
        await refusedBook.xlsx.load(readFileSync(refusedFile.path) as unknown as ArrayBuffer);
        const refusedText = JSON.stringify(refusedBook.worksheets[0]!.getSheetValues());
        expect(refusedText).toContain(`UI-${stamp}-3`);
        expect(refusedText).not.toContain(`UI-${stamp}-1`);

        // commit: the progress bar, then the report
        await page.locator('[data-test="intake-commit"]').click();
        await page.locator('[data-test="intake-report"]').waitFor({ timeout: patient(120_000) });
        await expect.poll(() => page.locator('[data-test="intake-report"]').innerText()).toContain(t.committed);
        await expect
          .poll(() => page.locator('[data-test="intake-report"] [data-test="intake-count-new"]').innerText())
          .toMatch(/^2\b/);
        await shot(page, `${lang}-5-report`);

        // the same file again: nothing changes, and the page says so
        await page.getByRole('button', { name: t.another }).click();
        await page.setInputFiles('[data-test="intake-file"]', upload);
        await page.locator('[data-test="intake-check"]').click();
        await page.locator('[data-test="intake-result-step"]').waitFor({ timeout: patient(60_000) });
        await expect.poll(() => page.locator('[data-test="intake-count-unchanged"]').innerText()).toMatch(/^2\b/);
        await expect.poll(() => page.locator('[data-test="intake-count-new"]').innerText()).toMatch(/^0\b/);
        expect(await commitButton(page).isDisabled()).toBe(true);
        await shot(page, `${lang}-6-same-file`);

        expect(session.external).toEqual([]);
        await session.close();
        expect(session.problems).toEqual([]);
      },
    );
  }

  it('is not in the module bar of an inspector', { timeout: patient(120_000) }, async () => {
    const session = await adminSession(browser, 'inspectorA', 'nl-NL');
    await session.page.locator('.module-bar').waitFor({ timeout: patient(30_000) });
    await session.page.waitForLoadState('networkidle');
    expect(await session.page.locator('.module-bar a[href="/admin/intake"]').count()).toBe(0);
    await session.close();
    expect(session.problems).toEqual([]);
  });
});
