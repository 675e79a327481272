/**
 * The daily work in the admin app, in a real browser (Debian's chromium driven by playwright-core): the migrant's
 * page (name in the header, consent status, stays, history, the consent letter), reporting a departure with its date
 * (the stay ends, the bed is free), one language per user without raw codes, what each role's navigation leaves
 * out, no project-owner dialog, inspections on a location, and a published consent text read-only with "new
 * version". Every page fails the test on a console error or a failed request. Screenshots go to .test-runs/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createItem, customEndpoint, deleteItems, readItems } from '@directus/sdk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGANISATION_IDS as ORG } from '../../scripts/demo-data.js';
import { DEMO_LOGINS } from '../../scripts/lib/demo-logins.js';
import { projectRoot } from '../../scripts/lib/project.js';
import { launchChromium, logInToAdminApp } from '../support/browser.js';
import { as, demoData, directusUrl } from '../support/as-user.js';
import { patient } from '../support/patience.js';

const SCREENSHOTS = join(projectRoot, '.test-runs');
const DAY = 86_400_000;
const isoDate = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);
const locationA = () =>
  demoData().locations.find((l) => l.provider === ORG.providerA && l.municipality === ORG.gemeenteA)!;

/** Words of the Dutch UI that must not appear in the English one, and the other way round. */
const DUTCH =
  /\b(Arbeidsmigranten|Arbeidsmigrant|Taken|Verblijven|Machtiging|Huisvestingslocaties|Registratie|Nationaliteit|Vertrek melden|Onze taken|Mijn arbeidsmigranten|Statusgeschiedenis|Beheer)\b/;
const ENGLISH =
  /\b(Labour migrants?|Tasks|Stays|Authorisation|Housing|Registration|Nationality|Report departure|Our tasks|My tasks|Status history|Overdue)\b/;
/** Codes as they are stored: none may reach a person. */
const RAW_CODES =
  /\b(ASSESS|SCHEDULE|REFER_TO_RNI|CONFIRM_APPOINTMENT|DECLINE_APPOINTMENT|NO_SHOW|REPORT_DEPARTURE|DEREGISTER|assess_status|confirm_appointment|report_departure|niet_ingeschreven|afspraak_bevestigd|vertrek_gemeld|own_provider|consent_and_open_task)\b|\$t:[a-z_.]+/;

type Row = Record<string, unknown>;

/** The page's text without the product's name (a proper noun, the same in every language). */
const withoutProductName = (text: string): string => text.replaceAll('Platform Arbeidsmigranten', '');

async function adminRow(collection: string, id: string, fields: string[]): Promise<Row> {
  const [row] = (await (
    await as('admin')
  ).request(readItems(collection, { filter: { id: { _eq: id } }, fields, limit: 1 }))) as Row[];
  return row!;
}

describe('admin app: the daily work (browser)', () => {
  let browser: Browser;
  const problems: string[] = [];
  let registered: { id: string; stay: string };
  let atGeen: { id: string; stay: string };

  async function migrantWithStay(
    firstNames: string,
    surname: string,
    email: string | null,
  ): Promise<{ id: string; stay: string }> {
    const providerA = await as('providerA');
    const migrant = (await providerA.request(
      createItem('migrants', {
        first_names: firstNames,
        surname,
        date_of_birth: '1994-05-06',
        nationality: 'PL',
        language: 'pl',
        arrival_date: isoDate(-20),
        ...(email ? { email } : {}),
      }),
    )) as { id: string };
    const stay = (await providerA.request(
      createItem('stays', { migrant: migrant.id, location: locationA().id, start_date: isoDate(-20) }),
    )) as { id: string };
    // the current location follows the stay after the commit (outbox): wait for it (beforeAll has no expect.poll)
    for (
      let waited = 0;
      (await adminRow('migrants', migrant.id, ['current_location']))['current_location'] !== locationA().id;
      waited += 250
    ) {
      if (waited > 30_000) throw new Error('the current location did not follow the stay');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return { id: migrant.id, stay: stay.id };
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
    registered = await migrantWithStay('Marta', 'Wiśniewska', 'marta.wisniewska@example.org');
    // a step in its history: the clerk assesses it
    await (
      await as('clerkA')
    ).request(
      customEndpoint({
        method: 'POST',
        path: `/brp/migrants/${registered.id}/events`,
        body: JSON.stringify({ type: 'ASSESS', outcome: 'not_registered', reason: 'Niet gevonden' }),
      }),
    );
    atGeen = await migrantWithStay('Piotr', 'Zieliński', null);
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** A fresh browser session logged in through the admin app's own login form; console errors and failures noted. */
  async function loggedIn(key: (typeof DEMO_LOGINS)[number]['key'], locale: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale });
    const page = await context.newPage();
    const login = DEMO_LOGINS.find((candidate) => candidate.key === key)!;
    await logInToAdminApp(page, directusUrl(), login.email);
    // from here on, nothing may fail
    context.on('console', (message) => {
      if (message.type() === 'error') problems.push(`${key}: console: ${message.text()}`);
    });
    context.on('requestfailed', (request) => {
      // a navigation cancels the requests of the page it leaves: not a failure
      if (request.failure()?.errorText !== 'net::ERR_ABORTED')
        problems.push(`${key}: failed: ${request.method()} ${request.url()} ${request.failure()?.errorText ?? ''}`);
    });
    context.on('response', (response) => {
      if (response.status() >= 400)
        problems.push(`${key}: ${response.status()} ${response.request().method()} ${response.url()}`);
    });
    return page;
  }

  /** Bookmark names in the navigation that do not fit (cut off with an ellipsis). */
  async function cutBookmarks(page: Page): Promise<string[]> {
    return page
      .locator('.content-navigation a[href*="bookmark="] .v-text-overflow')
      .evaluateAll((labels) =>
        labels.filter((label) => label.scrollWidth > label.clientWidth).map((label) => label.textContent ?? ''),
      );
  }

  async function shot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(SCREENSHOTS, `migrant-page-${name}.png`), animations: 'disabled' });
  }

  async function openMigrant(page: Page, id: string): Promise<void> {
    await page.goto(`${directusUrl()}/admin/content/migrants/${id}`);
    await page.locator('.migrant-overview').waitFor({ timeout: patient(30_000) });
  }

  /** The location page's occupied beds (free beds stay 0 when other tests have filled the location beyond capacity). */
  async function occupiedBeds(page: Page): Promise<number> {
    await page.goto(`${directusUrl()}/admin/content/locations/${locationA().id}`);
    const occupied = page.locator('[data-occupied]');
    await occupied.waitFor({ timeout: patient(30_000) });
    await expect.poll(() => occupied.innerText()).toMatch(/^\d+$/);
    await page.locator('[data-free-beds]').waitFor();
    return Number(await occupied.innerText());
  }

  it(
    'shows the provider a migrant it registered: name in the header, consent, stays, history; prints the letter',
    { timeout: patient(180_000) },
    async () => {
      const page = await loggedIn('providerA', 'nl-NL');
      await openMigrant(page, registered.id);
      await expect
        .poll(() => page.locator('header.header-bar').innerText(), { timeout: patient(20_000) })
        .toContain('Marta Wiśniewska');
      const overview = page.locator('.migrant-overview');
      await expect
        .poll(() => overview.locator('[data-section="consent"]').innerText(), { timeout: patient(20_000) })
        .toMatch(/Aangevraagd/);
      await expect.poll(() => overview.locator('[data-stay]').first().innerText()).toContain(locationA().name);
      await expect
        .poll(() => overview.locator('[data-history]').first().innerText())
        .toMatch(/Status beoordelen[\s\S]*Geen → Niet ingeschreven/);
      await shot(page, '1-provider-migrant');

      const [letter] = await Promise.all([
        page.context().waitForEvent('page'),
        overview.locator('[data-print-letter]').click(),
      ]);
      await letter.locator('.letter__link').waitFor({ timeout: patient(30_000) });
      expect(await letter.locator('body').innerText()).toContain('Marta');
      await letter.screenshot({ path: join(SCREENSHOTS, 'migrant-page-2-consent-letter.png') });
      await expect.poll(() => overview.innerText()).toContain('De brief staat klaar in een nieuw tabblad');
      await page.context().close();
    },
  );

  it(
    'lets the provider report a departure with its date from "Geen": the stay ends and the bed is free',
    { timeout: patient(180_000) },
    async () => {
      const page = await loggedIn('providerA', 'nl-NL');
      const before = await occupiedBeds(page);
      await openMigrant(page, atGeen.id);
      const overview = page.locator('.migrant-overview');
      await overview.locator('[data-report-departure]').click();
      const dialog = page.locator('.brp-step-dialog');
      await dialog.waitFor();
      await dialog.locator('input[type="date"]').fill(isoDate(-1));
      await dialog.getByLabel('Reden (optioneel)').fill('Terug naar Polen');
      await shot(page, '3-departure-dialog');
      await dialog.getByRole('button', { name: 'Bevestigen' }).click();
      await expect
        .poll(() => page.locator('.migrant-overview').innerText(), { timeout: patient(30_000) })
        .toContain('Het vertrek is gemeld');
      await shot(page, '4-after-departure');

      expect(await adminRow('migrants', atGeen.id, ['brp_status', 'departure_date', 'current_location'])).toEqual({
        brp_status: 'vertrokken',
        departure_date: isoDate(-1),
        current_location: null,
      });
      expect((await adminRow('stays', atGeen.stay, ['end_date']))['end_date']).toBe(isoDate(-1));
      expect(await occupiedBeds(page)).toBe(before - 1);
      await shot(page, '5-location-free-beds');
      await page.context().close();
    },
  );

  it(
    'shows a provider in English no Dutch and no raw codes, whole bookmarks, and no "Beheer"',
    { timeout: patient(180_000) },
    async () => {
      const page = await loggedIn('providerB', 'en-GB');
      await page.goto(`${directusUrl()}/admin/content/migrants`);
      const navigation = page.locator('.content-navigation');
      await expect.poll(() => navigation.innerText(), { timeout: patient(20_000) }).toContain('Our tasks');
      const nav = await navigation.innerText();
      expect(nav).toContain('Present now');
      expect(await cutBookmarks(page)).toEqual([]);
      expect(nav).not.toMatch(/ \/ |Administration|Organisations|Task types/);
      await page
        .locator('table tbody tr')
        .first()
        .waitFor({ timeout: patient(30_000) });
      await shot(page, '6-provider-en-migrants');
      const pages = [withoutProductName(await page.locator('body').innerText())];
      await page.goto(`${directusUrl()}/admin/content/tasks`);
      await page
        .locator('table tbody tr')
        .first()
        .waitFor({ timeout: patient(30_000) });
      pages.push(withoutProductName(await page.locator('body').innerText()));
      await shot(page, '7-provider-en-tasks');
      const [migrant] = (await (
        await as('providerB')
      ).request(
        readItems('migrants', { fields: ['id'], filter: { brp_status: { _neq: 'geen' } }, limit: 1 }),
      )) as Array<{ id: string }>;
      await openMigrant(page, migrant!.id);
      await expect
        .poll(() => page.locator('.migrant-overview').innerText(), { timeout: patient(20_000) })
        .toMatch(/Status history/);
      pages.push(withoutProductName(await page.locator('body').innerText()));
      await shot(page, '8-provider-en-migrant');
      for (const text of pages) {
        expect(text).not.toMatch(DUTCH);
        expect(text).not.toMatch(RAW_CODES);
      }
      await page.context().close();
    },
  );

  it('shows a clerk in Dutch no English and no raw codes, and no "Beheer"', { timeout: patient(180_000) }, async () => {
    const page = await loggedIn('clerkA', 'nl-NL');
    await page.goto(`${directusUrl()}/admin/content/tasks`);
    await page
      .locator('table tbody tr')
      .first()
      .waitFor({ timeout: patient(30_000) });
    const nav = await page.locator('.content-navigation').innerText();
    expect(nav).toContain('Mijn taken');
    expect(await cutBookmarks(page)).toEqual([]);
    expect(nav).not.toMatch(/ \/ |Beheer|Organisaties/);
    const pages = [withoutProductName(await page.locator('body').innerText())];
    await shot(page, '9-clerk-nl-tasks');
    await openMigrant(page, registered.id);
    await expect
      .poll(() => page.locator('.migrant-overview').innerText(), { timeout: patient(20_000) })
      .toMatch(/Statusgeschiedenis/);
    pages.push(withoutProductName(await page.locator('body').innerText()));
    await shot(page, '10-clerk-nl-migrant');
    for (const text of pages) {
      expect(text).not.toMatch(ENGLISH);
      expect(text).not.toMatch(RAW_CODES);
    }
    await page.context().close();
  });

  it('shows the administrator no project-owner dialog', { timeout: patient(120_000) }, async () => {
    const page = await loggedIn('admin', 'nl-NL');
    await page.goto(`${directusUrl()}/admin/content`);
    await page.locator('.content-navigation').waitFor({ timeout: patient(30_000) });
    await page.waitForLoadState('networkidle');
    expect(await page.locator('body').innerText()).not.toMatch(/project owner/i);
    await shot(page, '11-admin-no-owner-dialog');
    await page.context().close();
  });

  it(
    'shows an inspector the inspections of a location and lets it start one',
    { timeout: patient(180_000) },
    async () => {
      const page = await loggedIn('inspectorA', 'nl-NL');
      await page.goto(`${directusUrl()}/admin/content/locations/${locationA().id}`);
      const panel = page.locator('.location-overview [data-section="inspections"]');
      await panel.waitFor({ timeout: patient(30_000) });
      // the list has loaded when it shows an inspection or says there is none
      await expect
        .poll(async () => (await panel.locator('[data-inspection]').count()) + (await panel.locator('.note').count()), {
          timeout: patient(30_000),
        })
        .toBeGreaterThan(0);
      const count = await panel.locator('[data-inspection]').count();
      await panel.locator('[data-start-inspection]').click();
      const dialog = page.locator('.inspection-dialog');
      await dialog.waitFor();
      await dialog.locator('[data-beds-counted] input, input[type="number"]').first().fill('14');
      await dialog.getByRole('radio', { name: 'Overbewoning' }).check();
      // the checklist: every item answered (the outcome the inspector chose stays)
      for (const check of await dialog.locator('[data-check]').all())
        await check
          .locator(
            (await check.getAttribute('data-check')) === 'occupancy_within_norm'
              ? 'input[value="not_met"]'
              : 'input[value="met"]',
          )
          .check();
      await shot(page, '12-inspector-start-inspection');
      await dialog.getByRole('button', { name: 'Vastleggen' }).click();
      await expect.poll(() => panel.locator('[data-inspection]').count(), { timeout: patient(30_000) }).toBe(count + 1);
      await expect.poll(() => panel.innerText(), { timeout: patient(30_000) }).toMatch(/Overbewoning/);
      await shot(page, '13-inspector-inspections');
      await page.context().close();
    },
  );

  it(
    'shows the administrator a published consent text read-only, and makes a new version',
    { timeout: patient(180_000) },
    async () => {
      const admin = await as('admin');
      const drafts = (await admin.request(
        readItems('consent_texts', { filter: { status: { _eq: 'draft' } }, fields: ['id'], limit: -1 }),
      )) as Array<{ id: string }>;
      if (drafts.length > 0)
        await admin.request(
          deleteItems(
            'consent_texts',
            drafts.map((d) => d.id),
          ),
        );
      const [published] = (await admin.request(
        readItems('consent_texts', {
          filter: { _and: [{ status: { _eq: 'published' } }, { language: { _eq: 'nl' } }] },
          fields: ['id', 'version'],
          limit: 1,
        }),
      )) as Array<{ id: string; version: string }>;

      const page = await loggedIn('admin', 'nl-NL');
      await page.goto(`${directusUrl()}/admin/content/consent_texts/${published!.id}`);
      const panel = page.locator('.consent-text-version');
      await panel.locator('[data-read-only]').waitFor({ timeout: patient(30_000) });
      // the text fields are read-only: nothing to type into that would be refused
      await expect.poll(() => page.locator('[data-field="title"] input').isDisabled()).toBe(true);
      await shot(page, '14-admin-published-read-only');
      await panel.locator('[data-new-version]').click();
      await page.waitForURL(
        (url) => url.pathname.includes('/content/consent_texts/') && !url.pathname.endsWith(published!.id),
        { timeout: patient(30_000) },
      );
      await page.locator('[data-field="title"] input').waitFor({ timeout: patient(30_000) });
      await expect.poll(() => page.locator('[data-field="title"] input').isEditable()).toBe(true);
      await shot(page, '15-admin-new-version-draft');
      const created = (await admin.request(
        readItems('consent_texts', { filter: { status: { _eq: 'draft' } }, fields: ['id', 'version'], limit: -1 }),
      )) as Array<{ id: string; version: string }>;
      expect(created).toHaveLength(14);
      await admin.request(
        deleteItems(
          'consent_texts',
          created.map((d) => d.id),
        ),
      );
      await page.context().close();
    },
  );

  it(
    'lets the provider open the access export (GDPR art. 15) in a new tab, in the person’s language; not a clerk',
    { timeout: patient(180_000) },
    async () => {
      // provider A in Dutch on its own Marta (Polish); provider B in English on one of its own people
      const [ofProviderB] = (await (
        await as('providerB')
      ).request(
        readItems('migrants', { fields: ['id', 'surname', 'language'], sort: ['case_number'], limit: 1 }),
      )) as Row[];
      for (const [key, locale, person, label, ready] of [
        [
          'providerA',
          'nl-NL',
          { id: registered.id, surname: 'Wiśniewska', language: 'pl' },
          'Inzage-export openen',
          'De export staat klaar',
        ],
        [
          'providerB',
          'en-GB',
          {
            id: String(ofProviderB!['id']),
            surname: String(ofProviderB!['surname']),
            language: String(ofProviderB!['language'] ?? 'en'),
          },
          'Open access export',
          'The export is ready',
        ],
      ] as const) {
        const page = await loggedIn(key, locale);
        await openMigrant(page, person.id);
        const panel = page.locator('.migrant-overview [data-section="privacy"]');
        await panel.waitFor({ timeout: patient(30_000) });
        expect(await panel.locator('[data-open-export]').innerText()).toContain(label);
        const [tab] = await Promise.all([
          page.context().waitForEvent('page'),
          panel.locator('[data-open-export]').click(),
        ]);
        await expect.poll(() => panel.innerText(), { timeout: patient(30_000) }).toContain(ready);
        // the export itself: the person's own data in the person's language, no raw field keys
        await expect.poll(() => tab.locator('h1').count(), { timeout: patient(30_000) }).toBe(1);
        expect(await tab.locator('html').getAttribute('lang')).toBe(person.language);
        const body = await tab.locator('body').innerText();
        expect(body).toContain(person.surname);
        expect(body).not.toMatch(/\b(first_names|date_of_birth|bsn_index)\b/);
        // the personal data: dates as dates (not the stored epoch milliseconds), the provider by name (not its id)
        const personal = await tab.locator('section', { hasText: person.surname }).first().innerText();
        expect(personal).not.toMatch(/\b\d{12,}\b/);
        expect(personal).not.toContain(key === 'providerA' ? ORG.providerA : ORG.providerB);
        await tab.screenshot({ path: join(SCREENSHOTS, `migrant-page-16-export-${locale}.png`), fullPage: true });
        await page.context().close();
      }
      const clerk = await loggedIn('clerkA', 'nl-NL');
      await openMigrant(clerk, registered.id);
      await clerk.locator('.migrant-overview [data-section="stays"]').waitFor({ timeout: patient(30_000) });
      expect(await clerk.locator('.migrant-overview [data-section="privacy"]').count()).toBe(0);
      await clerk.context().close();
    },
  );

  it('saw no console error and no failed request', () => {
    expect(problems).toEqual([]);
  });
});
