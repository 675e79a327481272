/**
 * The migrant's consent page in a real browser (Debian's chromium driven by playwright-core), on a 360-pixel
 * wide phone screen: in Polish, Romanian and Bulgarian a migrant opens the invitation from the mail, switches
 * language, confirms the date of birth, signs, downloads the readable receipt and the evidence (verified with the
 * real openssl), and revokes; a Bulgarian invitation on an English phone stays Bulgarian and its receipts follow the
 * language the migrant uses; another refuses; expired, locked and unknown links say whom to ask. axe-core checks
 * every state for WCAG 2.1 A/AA violations, no request leaves the platform, no console error but the expected
 * refusals, and the strict CSP is never violated. Screenshots in .test-runs/.
 */
import { createItem } from '@directus/sdk';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  CONSENT_MESSAGES,
  fill,
  formatDate,
  plural,
} from '../../extensions/labour-platform/src/domain/consent/i18n/index.js';
import { certificateFingerprint } from '../../extensions/labour-platform/src/domain/consent/signature.js';
import { DEFAULT_CONSENT_TEXTS } from '../../extensions/labour-platform/src/domain/consent/texts.js';
import type { SupportedLanguage } from '../../extensions/labour-platform/src/domain/languages.js';
import { DEMO_ORGANISATION_IDS as ORG } from '../../scripts/demo-data.js';
import { projectRoot } from '../../scripts/lib/project.js';
import { as, demoData, directusUrl } from '../support/as-user.js';
import { verifyReceiptWithOpenssl, waitForMail } from '../support/consent.js';
import { closeTestDatabase, testDatabase } from '../support/database.js';
import { patient } from '../support/patience.js';

const SCREENSHOTS = join(projectRoot, '.test-runs');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const DATE_OF_BIRTH = { iso: '1993-11-07', day: '7', month: '11', year: '1993' };
const today = new Date().toISOString().slice(0, 10);
/** How long the page may take to answer a step: signing runs argon2 and a CMS signature, slow on a loaded machine. */
const PAGE_WAIT = { timeout: patient(30_000) } as const;
let counter = 0;

async function registerMigrant(language: SupportedLanguage): Promise<{ id: string; email: string }> {
  const tag = `${Date.now().toString(36)}${counter++}`;
  const email = `page.${tag}@example.org`;
  const providerA = await as('providerA');
  const location = demoData().locations.find((l) => l.provider === ORG.providerA && l.municipality === ORG.gemeenteA)!;
  const migrant = (await providerA.request(
    createItem('migrants', {
      first_names: 'Ilinca',
      surname: `Browser-${tag}`,
      date_of_birth: DATE_OF_BIRTH.iso,
      nationality: 'RO',
      language,
      email,
      arrival_date: today,
      expected_departure_date: '2099-01-01',
    }),
  )) as { id: string };
  await providerA.request(createItem('stays', { migrant: migrant.id, location: location.id, start_date: today }));
  return { id: migrant.id, email };
}

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

describe('the consent page (browser)', () => {
  let browser: Browser;
  const external: string[] = [];
  const cspViolations: string[] = [];
  const consoleErrors: string[] = [];
  const axeRuns: string[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await closeTestDatabase();
  });

  /** A phone: 360 pixels wide, the language of the browser as given, downloads allowed. */
  async function phone(locale: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      locale,
      acceptDownloads: true,
      deviceScaleFactor: 1,
      hasTouch: true,
    });
    const page = await context.newPage();
    const base = new URL(directusUrl()).origin;
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(base) && !url.startsWith('data:') && !url.startsWith('blob:')) external.push(url);
    });
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) cspViolations.push(message.text());
      // the page's expected refusals (an unknown link 404, a wrong date 422, a locked link 423) are no errors of the page
      else if (message.type() === 'error' && !/status of 4(04|22|23) /.test(message.text()))
        consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    return { context, page };
  }

  /** axe-core (WCAG 2.0/2.1 A and AA) on the page as it is now; its source is evaluated, not inserted (strict CSP). */
  async function expectAccessible(page: Page, state: string): Promise<void> {
    await page.evaluate(AXE_SOURCE);
    const violations = (await page.evaluate(async () => {
      const axe = (
        window as unknown as { axe: { run(context: Document, options: unknown): Promise<{ violations: unknown[] }> } }
      ).axe;
      const result = await axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        resultTypes: ['violations'],
      });
      return result.violations;
    })) as Violation[];
    axeRuns.push(state);
    expect(
      violations.map(
        (violation) =>
          `${state}: ${violation.id} (${violation.impact}) ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
      ),
    ).toEqual([]);
    // 360 pixels wide and nothing sticks out sideways
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  }

  async function heading(page: Page): Promise<string> {
    return (await page.locator('h1').innerText()).trim();
  }

  async function tabTo(page: Page, selector: string): Promise<void> {
    for (let presses = 0; presses < 40; presses++) {
      if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`${selector} cannot be reached with the Tab key`);
  }

  async function enterBirthDate(page: Page, date: { day: string; month: string; year: string }): Promise<void> {
    await page.locator('#dob-day').fill(date.day);
    await page.locator('#dob-month').fill(date.month);
    await page.locator('#dob-year').fill(date.year);
  }

  async function download(page: Page, linkName: string): Promise<string> {
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: linkName, exact: true }).click(),
    ]);
    return readFileSync((await file.path())!, 'utf8');
  }

  /** The readable receipt as the migrant sees it when they open the file: its visible text, and a screenshot. */
  async function readReceipt(
    context: BrowserContext,
    html: string,
    screenshot: string,
  ): Promise<{ lang: string | null; text: string }> {
    const viewer = await context.newPage();
    await viewer.setContent(html);
    const seen = {
      lang: await viewer.locator('html').getAttribute('lang'),
      text: await viewer.locator('main').innerText(),
    };
    await viewer.screenshot({ path: join(SCREENSHOTS, screenshot), fullPage: true });
    await viewer.close();
    return seen;
  }

  /** What a receipt must say to read as one: what, who asked, who receives the data, when (the rows' words). */
  function expectReadsAsReceipt(text: string, language: SupportedLanguage): void {
    const m = CONSENT_MESSAGES[language].receipt;
    for (const words of [
      m.title,
      m.what,
      DEFAULT_CONSENT_TEXTS[language].title,
      m.askedBy,
      'Polderlogies Noord B.V. (A)',
      m.recipient,
      'Gemeente Hollands Kroon (A)',
      m.when,
      m.revokeHeading,
    ])
      expect(text).toContain(words);
  }

  for (const [language, locale] of [
    ['pl', 'pl-PL'],
    ['ro', 'ro-RO'],
    ['bg', 'bg-BG'],
  ] as const) {
    it(
      `in ${language}: opens the invitation, switches language, signs, downloads a verifiable receipt, and revokes`,
      { timeout: patient(120_000) },
      async () => {
        const m = CONSENT_MESSAGES[language].page;
        const { id, email } = await registerMigrant(language);
        const mail = await waitForMail(email);
        const { context, page } = await phone(locale);
        await page.goto(mail.link);

        // the page in the browser's language, with the text of the published version and the expiry date
        await expect.poll(() => heading(page), PAGE_WAIT).toBe(m.title);
        expect(await page.locator('html').getAttribute('lang')).toBe(language);
        expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
        await expect
          .poll(() => page.locator('#consent-title').innerText(), PAGE_WAIT)
          .toBe(DEFAULT_CONSENT_TEXTS[language].title);
        const body = await page.locator('main').innerText();
        expect(body).toContain(m.greeting.replace('{name}', 'Ilinca'));
        expect(body).not.toContain('Browser-');
        const expires = (await testDatabase()('consents').where('migrant', id).first()) as Record<string, unknown>;
        expect(body).toContain(
          formatDate(language, new Date(Number(expires['expires_at']) || String(expires['expires_at']))),
        );
        expect(body).toContain(plural(language, m.daysLeft, 30));
        await expectAccessible(page, `${language} open`);
        await page.screenshot({ path: join(SCREENSHOTS, `consent-page-${language}-1-open.png`), fullPage: true });

        // switch to English and back: words, text and lang follow
        await page.getByLabel(m.language).selectOption('en');
        await expect.poll(() => heading(page), PAGE_WAIT).toBe(CONSENT_MESSAGES.en.page.title);
        await expect
          .poll(() => page.locator('#consent-title').innerText(), PAGE_WAIT)
          .toBe(DEFAULT_CONSENT_TEXTS.en.title);
        expect(await page.locator('html').getAttribute('lang')).toBe('en');
        await page.getByLabel(CONSENT_MESSAGES.en.page.language).selectOption(language);
        await expect
          .poll(() => page.locator('#consent-title').innerText(), PAGE_WAIT)
          .toBe(DEFAULT_CONSENT_TEXTS[language].title);

        // the date of birth, by keyboard only
        await tabTo(page, '#dob-day');
        await page.keyboard.type(DATE_OF_BIRTH.day);
        await page.keyboard.press('Tab');
        await page.keyboard.type(DATE_OF_BIRTH.month);
        await page.keyboard.press('Tab');
        await page.keyboard.type(DATE_OF_BIRTH.year);
        await page.keyboard.press('Enter');
        await expect.poll(() => page.locator('#answer-heading').isVisible(), PAGE_WAIT).toBe(true);
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('answer-heading');

        // signing without name and check: the errors, summarised and tied to their fields
        await page.getByRole('button', { name: m.sign, exact: true }).click();
        await expect.poll(() => page.locator('.error-summary').innerText(), PAGE_WAIT).toContain(m.nameMissing);
        expect(await page.locator('.error-summary').innerText()).toContain(m.agreeMissing);
        expect(await page.locator('#full-name').getAttribute('aria-invalid')).toBe('true');
        await expectAccessible(page, `${language} answer with errors`);

        await page.getByLabel(m.fullName).fill('Ilinca Browser');
        await page.getByLabel(m.agree).check();
        await expectAccessible(page, `${language} answer`);
        await page.getByRole('button', { name: m.sign, exact: true }).click();
        await expect.poll(() => heading(page), PAGE_WAIT).toBe(m.signedTitle);
        await expectAccessible(page, `${language} signed`);
        await page.screenshot({ path: join(SCREENSHOTS, `consent-page-${language}-2-signed.png`), fullPage: true });

        // the receipt: readable, in the language; beside it the evidence, whose signature openssl verifies
        const readable = await readReceipt(
          context,
          await download(page, m.receipt),
          `consent-page-${language}-2b-receipt.png`,
        );
        expect(readable.lang).toBe(language);
        expect(readable.text).toContain(CONSENT_MESSAGES[language].receipt.signed);
        expectReadsAsReceipt(readable.text, language);
        const receipt = await download(page, m.evidence);
        expect(receipt).toContain(CONSENT_MESSAGES[language].receipt.signed);
        const verified = verifyReceiptWithOpenssl(receipt, inject('consentCertificatePem'));
        expect(verified.stderr).toContain('Verification successful');
        expect(verified.status).toBe(0);
        expect(JSON.parse(verified.record)).toMatchObject({ action: 'sign', language });
        // beside the receipts: which certificate to check them against, with its fingerprint, in the language
        expect(await page.locator('.receipts .certificate').first().innerText()).toContain(
          certificateFingerprint(inject('consentCertificatePem')),
        );

        // the revocation link: as few steps as signing took, and at once
        const revokeLink = await page.locator('.revoke-link a').getAttribute('href');
        expect(revokeLink).toMatch(/\/consent\/#t=[A-Za-z0-9_-]{64}$/);
        const revoking = await context.newPage();
        await revoking.goto(revokeLink!);
        await expect.poll(() => heading(revoking), PAGE_WAIT).toBe(m.revokeHeading);
        await expectAccessible(revoking, `${language} signed, revocation page`);
        await enterBirthDate(revoking, DATE_OF_BIRTH);
        await revoking.getByRole('button', { name: m.revoke }).click();
        await expect.poll(() => heading(revoking), PAGE_WAIT).toBe(m.revokedTitle);
        await expectAccessible(revoking, `${language} revoked`);
        await revoking.screenshot({
          path: join(SCREENSHOTS, `consent-page-${language}-3-revoked.png`),
          fullPage: true,
        });
        const revokeReceipt = await download(revoking, m.evidence);
        expect(verifyReceiptWithOpenssl(revokeReceipt, inject('consentCertificatePem')).status).toBe(0);
        expect(JSON.parse(verifyReceiptWithOpenssl(revokeReceipt).record)).toMatchObject({ action: 'revoke' });

        // the used links now lead to the same "does not work" page
        await revoking.goto(mail.link);
        await revoking.reload();
        await expect.poll(() => heading(revoking), PAGE_WAIT).toBe(m.invalidTitle);
        await context.close();
      },
    );
  }

  it(
    'starts a Bulgarian invitation in Bulgarian on an English phone; receipts come in the language the migrant uses',
    { timeout: patient(150_000) },
    async () => {
      const bg = CONSENT_MESSAGES.bg.page;
      const en = CONSENT_MESSAGES.en.page;
      const { id, email } = await registerMigrant('bg');
      const mail = await waitForMail(email);
      const { context, page } = await phone('en-GB');
      await page.goto(mail.link);

      // the invitation's language, not the phone's: words, consent text, lang, and dates the Bulgarian way
      await expect.poll(() => heading(page), PAGE_WAIT).toBe(bg.title);
      expect(await page.locator('html').getAttribute('lang')).toBe('bg');
      await expect
        .poll(() => page.locator('#consent-title').innerText(), PAGE_WAIT)
        .toBe(DEFAULT_CONSENT_TEXTS.bg.title);
      const consent = (await testDatabase()('consents').where('migrant', id).first()) as Record<string, unknown>;
      const expiry = formatDate('bg', new Date(Number(consent['expires_at']) || String(consent['expires_at'])));
      const body = await page.locator('main').innerText();
      expect(expiry).toMatch(/\u00a0г\.$/);
      expect(body).toContain(fill(bg.expires, { date: expiry }));
      expect(body).not.toContain('..');
      await page.screenshot({ path: join(SCREENSHOTS, 'consent-page-bg-on-en-1-open.png'), fullPage: true });

      // the migrant may switch, and back
      await page.getByLabel(bg.language).selectOption('en');
      await expect.poll(() => heading(page), PAGE_WAIT).toBe(en.title);
      await expect
        .poll(() => page.locator('#consent-title').innerText(), PAGE_WAIT)
        .toBe(DEFAULT_CONSENT_TEXTS.en.title);
      await page.getByLabel(en.language).selectOption('bg');
      await expect
        .poll(() => page.locator('#consent-title').innerText(), PAGE_WAIT)
        .toBe(DEFAULT_CONSENT_TEXTS.bg.title);

      // signing in Bulgarian: the readable receipt in Bulgarian, with the revocation link
      await enterBirthDate(page, DATE_OF_BIRTH);
      await page.getByRole('button', { name: bg.continue }).click();
      await expect.poll(() => page.locator('#answer-heading').isVisible(), PAGE_WAIT).toBe(true);
      await page.getByLabel(bg.fullName).fill('Ilinca Browser');
      await page.getByLabel(bg.agree).check();
      await page.getByRole('button', { name: bg.sign, exact: true }).click();
      await expect.poll(() => heading(page), PAGE_WAIT).toBe(bg.signedTitle);
      const revokeLink = (await page.locator('.revoke-link a').getAttribute('href'))!;
      const signed = await readReceipt(
        context,
        await download(page, bg.receipt),
        'consent-page-bg-on-en-2-receipt.png',
      );
      expect(signed.lang).toBe('bg');
      expect(signed.text).toContain(CONSENT_MESSAGES.bg.receipt.signed);
      expectReadsAsReceipt(signed.text, 'bg');
      expect(signed.text).toContain(CONSENT_MESSAGES.bg.receipt.revokeBody);
      expect(signed.text).toContain(revokeLink);
      expect(signed.text).toContain(
        fill(CONSENT_MESSAGES.bg.receipt.help, {
          organisation: 'Gemeente Hollands Kroon (A)',
          email: 'burgerzaken-a@example.org',
        }),
      );

      // the revocation link, later, on the same English phone: Bulgarian again, the language the migrant signed in
      const revoking = await context.newPage();
      await revoking.goto(revokeLink);
      await expect.poll(() => heading(revoking), PAGE_WAIT).toBe(bg.revokeHeading);
      expect(await revoking.locator('html').getAttribute('lang')).toBe('bg');
      expect(await revoking.locator('main').innerText()).not.toContain('..');
      await revoking.screenshot({ path: join(SCREENSHOTS, 'consent-page-bg-on-en-3-revocation.png'), fullPage: true });
      await expectAccessible(revoking, 'bg on an English phone, revocation page');

      // the migrant chooses English to revoke: the revocation receipt is English, and says there is nothing left to revoke
      await revoking.getByLabel(bg.language).selectOption('en');
      await expect.poll(() => heading(revoking), PAGE_WAIT).toBe(en.revokeHeading);
      await expect
        .poll(() => revoking.locator('.details summary').innerText(), PAGE_WAIT)
        .toBe(DEFAULT_CONSENT_TEXTS.en.title);
      await enterBirthDate(revoking, DATE_OF_BIRTH);
      await revoking.getByRole('button', { name: en.revoke }).click();
      await expect.poll(() => heading(revoking), PAGE_WAIT).toBe(en.revokedTitle);
      const revoked = await readReceipt(
        context,
        await download(revoking, en.receipt),
        'consent-page-bg-on-en-4-revocation-receipt.png',
      );
      expect(revoked.lang).toBe('en');
      expect(revoked.text).toContain(CONSENT_MESSAGES.en.receipt.revoked);
      expect(revoked.text).toContain(CONSENT_MESSAGES.en.receipt.nothingToRevoke);
      expectReadsAsReceipt(revoked.text, 'en');
      const evidence = verifyReceiptWithOpenssl(await download(revoking, en.evidence), inject('consentCertificatePem'));
      expect(evidence.status).toBe(0);
      expect(JSON.parse(evidence.record)).toMatchObject({ action: 'revoke', language: 'en' });
      await context.close();
    },
  );

  it('lets a migrant refuse (Romanian), and says what that means', { timeout: patient(60_000) }, async () => {
    const m = CONSENT_MESSAGES.ro.page;
    const { id, email } = await registerMigrant('ro');
    const mail = await waitForMail(email);
    const { context, page } = await phone('ro-RO');
    await page.goto(mail.link);
    await expect.poll(() => heading(page), PAGE_WAIT).toBe(m.title);
    await enterBirthDate(page, DATE_OF_BIRTH);
    await page.getByRole('button', { name: m.continue }).click();
    await expect.poll(() => page.locator('#answer-heading').isVisible(), PAGE_WAIT).toBe(true);
    await page.getByRole('button', { name: m.refuse }).click();
    await expect.poll(() => heading(page), PAGE_WAIT).toBe(m.refusedTitle);
    expect(await page.locator('main').innerText()).toContain(m.refusedBody);
    await expectAccessible(page, 'ro refused');
    expect((await testDatabase()('consents').where('migrant', id).first())['status']).toBe('refused');
    await context.close();
  });

  it('shows an expired link like any other link that does not work', { timeout: patient(60_000) }, async () => {
    const m = CONSENT_MESSAGES.bg.page;
    const { id, email } = await registerMigrant('bg');
    const mail = await waitForMail(email);
    await testDatabase()('consents')
      .where('migrant', id)
      .update({ expires_at: new Date(Date.now() - 1000) });
    const { context, page } = await phone('bg-BG');
    await page.goto(mail.link);
    await expect.poll(() => heading(page), PAGE_WAIT).toBe(m.invalidTitle);
    expect(await page.locator('main').innerText()).toContain(m.invalidBody);
    await expectAccessible(page, 'bg expired');
    await page.goto(`${directusUrl()}/consent/#t=${'x'.repeat(64)}`);
    await page.reload();
    await expect.poll(() => heading(page), PAGE_WAIT).toBe(m.invalidTitle);
    // whom to ask: the municipalities' contacts (no link, no person: the same for every visitor)
    const help = await page.locator('.help').innerText();
    expect(help).toContain(m.helpHeading);
    expect(help).toContain(fill(m.helpContact, { organisation: 'Gemeente Hollands Kroon (A)' }));
    expect(help).toContain('burgerzaken-a@example.org');
    expect(help).toContain('burgerzaken-b@example.org');
    expect(await page.locator('.help a[href="mailto:burgerzaken-a@example.org"]').count()).toBe(1);
    await expectAccessible(page, 'bg unknown link');
    await page.screenshot({ path: join(SCREENSHOTS, 'consent-page-bg-5-unknown-link.png'), fullPage: true });
    await context.close();
  });

  it(
    'locks the link after five wrong dates of birth, counting down in the right plural forms (Polish)',
    { timeout: patient(60_000) },
    async () => {
      const m = CONSENT_MESSAGES.pl.page;
      const { email } = await registerMigrant('pl');
      const mail = await waitForMail(email);
      const { context, page } = await phone('pl-PL');
      await page.goto(mail.link);
      await expect.poll(() => heading(page), PAGE_WAIT).toBe(m.title);
      const messages: string[] = [];
      for (let attempt = 1; attempt <= 4; attempt++) {
        await enterBirthDate(page, { day: '1', month: '1', year: String(1970 + attempt) });
        await page.getByRole('button', { name: m.continue }).click();
        const expected = plural('pl', m.dobWrong, 5 - attempt);
        await expect.poll(() => page.locator('.error-summary').innerText(), PAGE_WAIT).toContain(expected);
        messages.push(expected);
      }
      expect(messages).toEqual([
        'Ta data urodzenia się nie zgadza. Zostały Ci 4 próby.',
        'Ta data urodzenia się nie zgadza. Zostały Ci 3 próby.',
        'Ta data urodzenia się nie zgadza. Zostały Ci 2 próby.',
        'Ta data urodzenia się nie zgadza. Została Ci 1 próba.',
      ]);
      expect(await page.locator('#dob-day').getAttribute('aria-invalid')).toBe('true');
      await expectAccessible(page, 'pl wrong date of birth');
      await enterBirthDate(page, { day: '1', month: '1', year: '1960' });
      await page.getByRole('button', { name: m.continue }).click();
      await expect.poll(() => heading(page), PAGE_WAIT).toBe(m.lockedTitle);
      // whom to ask: the migrant's own municipality
      const help = await page.locator('.help').innerText();
      expect(help).toContain(fill(m.helpContact, { organisation: 'Gemeente Hollands Kroon (A)' }));
      expect(help).toContain('burgerzaken-a@example.org');
      expect(help).not.toContain('burgerzaken-b@example.org');
      await expectAccessible(page, 'pl locked');
      await page.screenshot({ path: join(SCREENSHOTS, 'consent-page-pl-4-locked.png'), fullPage: true });
      await page.reload();
      await expect.poll(() => heading(page), PAGE_WAIT).toBe(m.invalidTitle);
      expect(await page.locator('.help').innerText()).toContain(m.helpHeading);
      await context.close();
    },
  );

  it('made no request outside the platform and broke no CSP rule', () => {
    expect(axeRuns.length).toBeGreaterThanOrEqual(20);
    expect(external).toEqual([]);
    expect(cspViolations).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
