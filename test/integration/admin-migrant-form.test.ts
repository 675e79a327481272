/**
 * The provider's migrant form in the admin app, in a real browser (Debian's chromium driven by playwright-core):
 * sections with help text, the date of birth with the date picker, the common nationalities first, the stay at a
 * location in the same form, the server's refusals shown at the fields they concern, and what happens after
 * saving. A Dutch provider and an English one. No unexpected console error or failed request; screenshots go to
 * .test-runs/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { readItems } from '@directus/sdk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGANISATION_IDS as ORG } from '../../scripts/demo-data.js';
import type { DemoLoginKey } from '../../scripts/lib/demo-logins.js';
import { projectRoot } from '../../scripts/lib/project.js';
import { adminSession, type AdminSession, type ExpectedAnswer } from '../support/admin-browser.js';
import { as, demoData, directusUrl } from '../support/as-user.js';
import { launchChromium } from '../support/browser.js';
import { patient } from '../support/patience.js';

const SCREENSHOTS = join(projectRoot, '.test-runs');

interface Texts {
  sections: string[];
  help: string;
  nationality: string;
  createNew: string;
  freeBeds: string;
  setToNow: string;
  next: RegExp;
  /** What the item page says happens next, after the save. */
  after: RegExp;
  errors: { bsn: RegExp; date_of_birth: RegExp; work_postcode: RegExp };
  /** The label of a stay's migrant picker. */
  migrantLabel: RegExp;
}

/** The fields of a form the user sees (in the browser: evaluated in the page). */
function visibleFields(fields: Element[]): string[] {
  return fields
    .filter((field) => (field as HTMLElement).offsetParent !== null)
    .map((field) => field.getAttribute('data-field') ?? '');
}

const TEXTS: Record<'nl' | 'en', Texts> = {
  nl: {
    sections: ['Persoon', 'Contact', 'Werk', 'Verblijf'],
    help: 'Alle voornamen, zoals op het identiteitsbewijs.',
    nationality: 'Polen (PL)',
    createNew: 'Nieuwe aanmaken',
    freeBeds: 'Vrije bedden',
    setToNow: 'Op Nu instellen',
    next: /Na het opslaan krijgt de arbeidsmigrant met een e-mailadres per e-mail een uitnodiging/,
    after:
      /Wat gebeurt er nu\?[\s\S]*zonder e-mailadres drukt u hieronder de machtigingsbrief af[\s\S]*De gemeente van de locatie heeft de taak "Beoordelen status onbekend" gekregen/,
    errors: {
      bsn: /BSN is ongeldig: het nummer voldoet niet aan de elfproef/,
      date_of_birth: /Geboortedatum mag niet in de toekomst liggen/,
      work_postcode: /Postcode werkadres "12AB" is ongeldig: gebruik vier cijfers en twee letters/,
    },
    migrantLabel: /Arbeidsmigrant/,
  },
  en: {
    sections: ['Person', 'Contact', 'Work', 'Stay'],
    help: 'All first names, as on the identity document.',
    nationality: 'Poland (PL)',
    createNew: 'Create New',
    freeBeds: 'Free beds',
    setToNow: 'Set to Now',
    next: /After saving, a labour migrant with an email address receives an email invitation/,
    after:
      /What happens next\?[\s\S]*without one, print the consent letter below[\s\S]*The municipality of the location has been given the task "Assess unknown status"/,
    errors: {
      bsn: /BSN \(citizen service number\) is invalid: the number fails the eleven test/,
      date_of_birth: /Date of birth cannot be in the future/,
      work_postcode: /Work address postcode "12AB" is invalid: use four digits and two letters/,
    },
    migrantLabel: /Labour migrant/,
  },
};

describe('admin app: a provider registers a migrant with its stay (browser)', () => {
  let browser: Browser;
  const external: string[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** The one error answer the form test expects: the form saved with bad input. */
  const refusedSave: ExpectedAnswer = ({ status, method, url }) =>
    status === 400 && method === 'POST' && url.pathname === '/items/migrants';

  /** A browser session logged in through the login form; what goes wrong after the login is collected. */
  async function loggedIn(key: DemoLoginKey, locale: string): Promise<AdminSession> {
    const session = await adminSession(browser, key, locale, {
      viewport: { width: 1400, height: 1000 },
      expected: refusedSave,
    });
    await session.page.waitForLoadState('networkidle');
    return session;
  }

  /** Picks a day in the date picker of a field: the 15th of this month in the given year, or today. */
  async function pickDate(page: Page, field: string, texts: Texts, year: number | 'today'): Promise<void> {
    await page.locator(`[data-field="${field}"]`).last().locator('button.v-list-item').first().click();
    const picker = page.locator('.v-date-picker').last();
    await picker.waitFor();
    if (year === 'today') {
      await picker.getByRole('button', { name: texts.setToNow }).click();
    } else {
      const yearInput = picker.locator('.calendar-year-input input');
      await yearInput.fill(String(year));
      await yearInput.press('Enter');
      const month = String(new Date().getMonth() + 1).padStart(2, '0');
      await picker.locator(`[data-value="${year}-${month}-15"]:not([data-outside-view])`).click();
    }
    // choosing a date closes the picker; Escape only when it stays open (in a drawer, Escape closes the drawer)
    await picker.waitFor({ state: 'hidden', timeout: patient(3_000) }).catch(() => page.keyboard.press('Escape'));
  }

  async function register(
    key: 'providerA' | 'providerB',
    locale: string,
    lang: 'nl' | 'en',
    provider: string,
  ): Promise<void> {
    const texts = TEXTS[lang];
    const surname = `Formulier ${lang}`;
    const location = demoData().locations.find((candidate) => candidate.provider === provider)!;
    const session = await loggedIn(key, locale);
    const { page, problems } = session;
    await page.goto(`${directusUrl()}/admin/content/migrants/+`);
    const form = page.locator('.v-form').first();
    await form.locator('[data-field="first_names"] input').waitFor({ timeout: patient(30_000) });

    // sections and help
    for (const title of texts.sections)
      await expect
        .poll(() => form.getByText(title, { exact: true }).first().isVisible(), { timeout: patient(15_000) })
        .toBe(true);
    await expect.poll(() => form.getByText(texts.help).isVisible()).toBe(true);
    await expect.poll(() => form.getByText(texts.next).isVisible()).toBe(true);
    await expect.poll(() => form.locator('[data-field="first_names"] input').isEditable()).toBe(true);
    // the fields the platform keeps are not on the create form
    await expect.poll(() => form.locator('[data-field="brp_status"], [data-field="current_location"]').count()).toBe(0);
    await page.screenshot({
      path: join(SCREENSHOTS, `admin-migrant-form-${lang}-1-sections.png`),
      animations: 'disabled',
    });

    await form.locator('[data-field="first_names"] input').fill('Anna');
    await form.locator('[data-field="surname"] input').fill(surname);
    await form.locator('[data-field="bsn"] input').fill('123456789');
    // the common nationalities first
    await form.locator('[data-field="nationality"] .v-select').click();
    const first = page.locator('.v-menu-content .v-list-item').filter({ hasNotText: /^$/ });
    await expect
      .poll(async () => (await first.allInnerTexts()).map((text) => text.trim()).filter((text) => text !== '')[0])
      .toBe(texts.nationality);
    await page.screenshot({
      path: join(SCREENSHOTS, `admin-migrant-form-${lang}-2-nationality.png`),
      animations: 'disabled',
    });
    await page.locator('.v-menu-content').getByText(texts.nationality, { exact: true }).click();

    // the date of birth with the date picker, in the future (refused below)
    await form.locator('[data-field="date_of_birth"] button.v-list-item').click();
    await page.locator('.v-date-picker').waitFor();
    await page.screenshot({
      path: join(SCREENSHOTS, `admin-migrant-form-${lang}-3-date-picker.png`),
      animations: 'disabled',
    });
    await page.keyboard.press('Escape');
    await pickDate(page, 'date_of_birth', texts, new Date().getFullYear() + 1);
    await form.locator('[data-field="work_postcode"] input').fill('12AB');

    // the stay: a location of the provider, from today
    await form.locator('[data-field="stays"]').getByRole('button', { name: texts.createNew }).click();
    const stayLocation = page.locator('[data-field="location"]').last();
    await stayLocation.waitFor({ timeout: patient(15_000) });
    // the new stay's drawer asks only for the stay: the migrant it belongs to is linked on save, so its picker
    // (which Directus shows there read-only and empty) is out of sight, label and required mark included
    const stayDrawer = page.locator('.v-drawer').last();
    expect(await stayDrawer.locator('.field[data-field]').evaluateAll(visibleFields)).toEqual([
      'location',
      'start_date',
      'end_date',
    ]);
    expect(await stayDrawer.innerText()).not.toMatch(texts.migrantLabel);
    await stayLocation.locator('.many-to-one > button.v-list-item').click();
    // the list of the provider's locations: choose one and confirm
    // the list shows each location's free beds (a count the platform keeps; the provider reads no other migrants)
    await expect
      .poll(() => page.locator('.v-drawer th').filter({ hasText: texts.freeBeds }).count(), {
        timeout: patient(15_000),
      })
      .toBeGreaterThan(0);
    await page.screenshot({
      path: join(SCREENSHOTS, `admin-migrant-form-${lang}-4-locations.png`),
      animations: 'disabled',
    });
    await page.getByText(location.name, { exact: true }).last().click();
    if (!(await stayLocation.innerText()).includes(location.city))
      await page.locator('button:has(i[data-icon="check"])').last().click();
    await expect.poll(() => stayLocation.innerText(), { timeout: patient(15_000) }).toContain(location.city);
    // the chosen location reads name · town · free beds/capacity
    expect(await stayLocation.innerText()).toMatch(new RegExp(`${location.city} · \\d+/\\d+`));
    await pickDate(page, 'start_date', texts, 'today');
    await page.screenshot({ path: join(SCREENSHOTS, `admin-migrant-form-${lang}-5-stay.png`), animations: 'disabled' });
    await page.locator('button:has(i[data-icon="check"])').last().click();
    await expect
      .poll(() => form.locator('[data-field="stays"] .v-list-item').count(), { timeout: patient(15_000) })
      .toBe(1);
    await pickDate(page, 'arrival_date', texts, 'today');

    // saving: the refusals at their fields
    await page.locator('.header-bar button:has(i[data-icon="check"])').first().click();
    for (const [field, message] of Object.entries(texts.errors)) {
      await expect
        .poll(() => form.locator(`[data-field="${field}"]`).innerText(), { timeout: patient(15_000) })
        .toMatch(message);
    }
    await form.locator('[data-field="bsn"]').scrollIntoViewIfNeeded();
    await page.screenshot({
      path: join(SCREENSHOTS, `admin-migrant-form-${lang}-6-field-errors.png`),
      animations: 'disabled',
      fullPage: true,
    });

    // corrected: saved with its stay
    await form.locator('[data-field="bsn"] input').fill('');
    // clear the refused date, then choose one in the past as on the empty field
    await form.locator('[data-field="date_of_birth"] i[data-icon="close"]').click();
    await expect.poll(() => form.locator('[data-field="date_of_birth"] i[data-icon="close"]').count()).toBe(0);
    await pickDate(page, 'date_of_birth', texts, 1990);
    await expect.poll(() => form.locator('[data-field="date_of_birth"]').innerText()).toMatch(/1990/);
    await form.locator('[data-field="work_postcode"] input').fill('2671 AB');
    await page.locator('.header-bar button:has(i[data-icon="check"])').first().click();
    // saved: the provider lands on the new migrant's page (not the list), where "what happens next" is said
    await page
      .waitForURL((url) => /\/admin\/content\/migrants\/[0-9a-f-]{36}$/.test(url.pathname), {
        timeout: patient(30_000),
      })
      .catch(async (error: unknown) => {
        await page.screenshot({
          path: join(SCREENSHOTS, `admin-migrant-form-${lang}-7-not-saved.png`),
          fullPage: true,
        });
        throw new Error(`not saved: ${await form.innerText().catch(() => '')}`.slice(0, 2000), { cause: error });
      });
    await page.screenshot({
      path: join(SCREENSHOTS, `admin-migrant-form-${lang}-7-saved.png`),
      animations: 'disabled',
    });

    const admin = await as('admin');
    const rows = (await admin.request(
      readItems('migrants', {
        fields: ['id', 'provider', 'language', 'stays.location', 'work_postcode'] as never,
        limit: -1,
        sort: ['-date_created'],
      }),
    )) as Array<{
      id: string;
      provider: string;
      language: string;
      stays: Array<{ location: string }>;
      work_postcode: string;
    }>;
    const saved = rows.find(
      (row) =>
        row.provider === provider &&
        row.stays.some((stay) => stay.location === location.id) &&
        row.work_postcode === '2671AB',
    );
    // what happens next, on the item page of the fresh migrant, right after saving
    let after: string | null = null;
    if (saved) {
      expect(new URL(page.url()).pathname).toBe(`/admin/content/migrants/${saved.id}`);
      const whatNext = page.locator('[data-what-next]');
      await expect.poll(() => whatNext.innerText().catch(() => ''), { timeout: patient(30_000) }).toMatch(texts.after);
      await page.screenshot({
        path: join(SCREENSHOTS, `admin-migrant-form-${lang}-8-what-next.png`),
        animations: 'disabled',
      });
      after = await whatNext.innerText();
    }
    external.push(...session.external);
    expect({
      saved: saved === undefined ? null : { language: saved.language, stays: saved.stays.length },
      after,
      problems,
    }).toEqual({ saved: { language: 'pl', stays: 1 }, after: expect.stringMatching(texts.after), problems: [] });
    await session.close();
  }

  it(
    'in Dutch: sections, help, pickers, the stay in the form, refusals at the fields',
    { timeout: patient(240_000) },
    async () => {
      await register('providerA', 'nl-NL', 'nl', ORG.providerA);
    },
  );

  it('in English, for a provider whose language is English', { timeout: patient(240_000) }, async () => {
    await register('providerB', 'en-GB', 'en', ORG.providerB);
  });

  it('talks to nothing but the platform', () => {
    expect(external).toEqual([]);
  });
});
