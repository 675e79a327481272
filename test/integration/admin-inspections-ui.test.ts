/**
 * An inspection in the admin app, as its users see it (browser): an inspector (Dutch) opens a location of its
 * municipality, records an inspection against the checklist (one item not met, with a note; the outcome and the
 * remedy deadline follow from it) and sees it in the location's inspection history; the location's provider (an
 * English user) reads the finding on the same page and answers it. No code reaches either of them, and nothing fails
 * in the console or the network.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createItem } from '@directus/sdk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGANISATION_IDS as ORG } from '../../scripts/demo-data.js';
import { projectRoot } from '../../scripts/lib/project.js';
import { addDays, todayInNetherlands } from '../../extensions/labour-platform/src/domain/dates';
import { adminSession } from '../support/admin-browser.js';
import { as, directusUrl } from '../support/as-user.js';
import { createUserLike } from '../support/users.js';
import { launchChromium } from '../support/browser.js';
import { closeTestDatabase, testDatabase } from '../support/database.js';
import { patient } from '../support/patience.js';

const SCREENSHOTS = join(projectRoot, '.test-runs');
let location = '';
let browser: Browser;
// the demo users read Dutch (their own language wins over the browser's): the English reader is a provider of its own
const englishProvider = `inspections-provider-en-${Date.now()}@example.org`;
/** A small photo: a 16×12 PNG of one colour. */
const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAMCAIAAADkharWAAAAFUlEQVR4nGNwa9pCEmIY1TCqATsCABD1HRALTcgLAAAAAElFTkSuQmCC',
  'base64',
);
const RAW = /showers|not_met|wardrobe_per_resident|occupancy_within_norm|deficiencies|\$t:|\{"/;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const admin = await as('admin');
  const created = (await admin.request(
    createItem('locations', {
      name: `Inspectie UI ${randomUUID().slice(0, 6)}`,
      street: 'Keuringslaan',
      house_number: '5',
      postcode: '1761 AF',
      city: 'Anna Paulowna',
      capacity: 4,
      bag_id: `1911010000994${String(Math.floor(Math.random() * 900) + 100)}`,
      provider: ORG.providerA,
      housing_type: 'dwelling',
      living_area_m2: 48,
      toilets: 1,
      showers: 1,
    }),
  )) as { id: string };
  location = created.id;
  await admin.request(createItem('bedrooms', { location, area_m2: 14, beds: 4 }));
  await createUserLike('provider-a@example.org', {
    email: englishProvider,
    language: 'en-US',
    first_name: 'Jan',
    last_name: 'de Vries',
  });
  browser = await launchChromium();
}, patient(240_000));

afterAll(async () => {
  await browser?.close();
  await closeTestDatabase();
});

async function inspectionsPanel(page: Page) {
  await page.goto(`${directusUrl()}/admin/content/locations/${location}`);
  const panel = page.locator('.location-overview [data-section="inspections"]');
  await panel.waitFor({ timeout: patient(30_000) });
  await expect
    .poll(async () => (await panel.locator('[data-inspection]').count()) + (await panel.locator('.note').count()), {
      timeout: patient(30_000),
    })
    .toBeGreaterThan(0);
  return panel;
}

describe('an inspection in the admin app (browser)', () => {
  it('an inspector records an inspection against the checklist, in Dutch', { timeout: patient(180_000) }, async () => {
    const session = await adminSession(browser, 'inspectorA', 'nl-NL');
    const { page } = session;
    const panel = await inspectionsPanel(page);
    await panel.locator('[data-start-inspection]').click();
    const dialog = page.locator('.inspection-dialog');
    await dialog.waitFor();
    const checklist = dialog.locator('[data-checklist]');
    expect(await checklist.innerText()).toContain('Een douche per 8 personen');
    expect(await checklist.innerText()).toContain('Een kledingkast per bewoner');
    await dialog.locator('input[type="number"]').first().fill('4');
    for (const check of await dialog.locator('[data-check]').all()) {
      const item = await check.getAttribute('data-check');
      await check.locator(item === 'showers' ? 'input[value="not_met"]' : 'input[value="met"]').check();
    }
    await dialog
      .locator('[data-check="showers"] [data-check-note] input, [data-check="showers"] input[data-check-note]')
      .first()
      .fill('Tweede douche defect');
    await dialog.locator('[data-check="showers"] input[data-check-photos]').setInputFiles({
      name: 'douche.png',
      mimeType: 'image/png',
      buffer: PHOTO,
    });
    // the outcome follows from the checklist, and the deadline from the outcome
    await expect.poll(() => dialog.getByRole('radio', { name: 'Gebreken' }).isChecked()).toBe(true);
    const deadline = dialog.locator('[data-remedy-input] input, input[data-remedy-input]').first();
    expect(await deadline.inputValue()).toBe(addDays(todayInNetherlands(), 28));
    expect(await dialog.innerText()).not.toMatch(RAW);
    await page.screenshot({ path: join(SCREENSHOTS, 'inspection-inspector-nl-checklist.png'), animations: 'disabled' });
    await dialog.getByRole('button', { name: 'Vastleggen' }).click();
    const finding = panel.locator('[data-finding][data-item="showers"]');
    await finding.waitFor({ timeout: patient(30_000) });
    expect(await finding.getAttribute('data-state')).toBe('open');
    await finding
      .locator('[data-finding-photo] img')
      .first()
      .waitFor({ timeout: patient(30_000) });
    const text = await panel.innerText();
    expect(text).toContain('Gebreken');
    expect(text).toContain('Herstellen uiterlijk');
    expect(text).toContain('Tweede douche defect');
    expect(await finding.innerText()).toContain('Open');
    expect(text).not.toMatch(RAW);
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'inspection-inspector-nl-history.png'), animations: 'disabled' });
    const stored = await testDatabase()('inspection_findings as f')
      .join('inspections as i', 'i.id', 'f.inspection')
      .where('i.location', location)
      .select('f.item', 'f.met');
    expect(stored).toHaveLength(8);
    await session.close();
    expect(session.problems).toEqual([]);
  });

  it('the provider reads the finding in English and answers it', { timeout: patient(180_000) }, async () => {
    const session = await adminSession(browser, { email: englishProvider }, 'en-GB');
    const { page } = session;
    const panel = await inspectionsPanel(page);
    const finding = panel.locator('[data-finding][data-item="showers"]');
    await finding.waitFor({ timeout: patient(30_000) });
    const before = await panel.innerText();
    expect(before).toContain('Inspections');
    expect(before).toContain('A shower per 8 persons');
    expect(before).toContain('Remedy by');
    expect(before).toContain('Tweede douche defect');
    expect(before).not.toMatch(RAW);
    // the inspector's photo, through the provider's own session
    const photo = finding.locator('[data-finding-photo] img').first();
    await photo.waitFor({ timeout: patient(30_000) });
    await expect.poll(() => photo.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(16);
    await finding
      .locator('[data-answer-input] textarea, textarea[data-answer-input]')
      .first()
      .fill('The second shower was repaired on Monday.');
    await page.screenshot({ path: join(SCREENSHOTS, 'inspection-provider-en-answer.png'), animations: 'disabled' });
    await finding.getByRole('button', { name: 'Send answer' }).click();
    await expect
      .poll(() => panel.locator('[data-finding][data-item="showers"]').getAttribute('data-state'), {
        timeout: patient(30_000),
      })
      .toBe('answered');
    const after = await panel.locator('[data-finding][data-item="showers"]').innerText();
    expect(after).toContain('Answered');
    expect(after).toContain('The second shower was repaired on Monday.');
    expect(await page.locator('.location-overview').innerText()).toContain('Your answer has been sent.');
    await page.screenshot({ path: join(SCREENSHOTS, 'inspection-provider-en-answered.png'), animations: 'disabled' });
    await session.close();
    expect(session.problems).toEqual([]);
  });
});
