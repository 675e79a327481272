/**
 * The inspector's plan of due inspections in the admin app, as its users see it (browser): an inspector (Dutch) opens
 * the dashboard "Inspectieplanning", finds a location of its municipality that was never inspected, with why it is
 * due as a sentence, and clicks through to the location's page, where the inspection is recorded; an inspector of its
 * own (English) reads the same plan in English. No code reaches either, no location of another municipality is
 * listed, and nothing fails in the console or the network.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createItem } from '@directus/sdk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGANISATION_IDS as ORG } from '../../scripts/demo-data.js';
import { projectRoot } from '../../scripts/lib/project.js';
import { adminSession } from '../support/admin-browser.js';
import { as, directusUrl } from '../support/as-user.js';
import { createUserLike } from '../support/users.js';
import { launchChromium } from '../support/browser.js';
import { closeTestDatabase, testDatabase } from '../support/database.js';
import { patient } from '../support/patience.js';

const SCREENSHOTS = join(projectRoot, '.test-runs');
const PLAN_DASHBOARD = '30000000-0000-4000-8000-000000000006';
const RAW = /never_inspected|over_a_year|open_warnings|\$t:|\{"/;
let own = '';
let ownName = '';
let foreign = '';
let browser: Browser;
// the demo users read Dutch (their own language wins over the browser's): the English reader is an inspector of its own
const englishInspector = `plan-inspector-en-${Date.now()}@example.org`;

const bagId = (municipalityCode: string) =>
  `${municipalityCode}010000996${String(Math.floor(Math.random() * 900) + 100)}`;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const admin = await as('admin');
  ownName = `Planning ${randomUUID().slice(0, 6)}`;
  own = (
    (await admin.request(
      createItem('locations', {
        name: ownName,
        street: 'Planningsweg',
        house_number: '7',
        postcode: '1761 AG',
        city: 'Anna Paulowna',
        capacity: 4,
        bag_id: bagId('1911'),
        provider: ORG.providerA,
      }),
    )) as { id: string }
  ).id;
  // a location of the other municipality, never inspected either: due there, never in this inspector's plan
  foreign = (
    (await admin.request(
      createItem('locations', {
        name: `Planning elders ${randomUUID().slice(0, 6)}`,
        street: 'Laan der Verenigde Naties',
        house_number: '12',
        postcode: '1741 AA',
        city: 'Schagen',
        capacity: 4,
        bag_id: bagId('0441'),
        provider: ORG.providerB,
      }),
    )) as { id: string }
  ).id;
  const municipalities = await testDatabase()('locations').whereIn('id', [own, foreign]).select('id', 'municipality');
  expect(Object.fromEntries(municipalities.map((row) => [row.id, row.municipality]))).toEqual({
    [own]: ORG.gemeenteA,
    [foreign]: ORG.gemeenteB,
  });
  await createUserLike('inspector-a@example.org', {
    email: englishInspector,
    language: 'en-US',
    first_name: 'Tomasz',
    last_name: 'Nowak',
  });
  browser = await launchChromium();
}, patient(240_000));

afterAll(async () => {
  await browser?.close();
  await closeTestDatabase();
});

/** The plan on its dashboard, once loaded: the panel's text and this test's own location's entry. */
async function openPlan(page: Page) {
  await page.goto(`${directusUrl()}/admin/insights/${PLAN_DASHBOARD}`);
  const panel = page.locator('.inspection-plan');
  await panel.waitFor({ timeout: patient(30_000) });
  const entry = panel.locator(`[data-location="${own}"]`);
  await entry.waitFor({ timeout: patient(30_000) });
  await page.waitForLoadState('networkidle');
  // the other municipality's locations, demo ones and this test's own: none of them is in the plan
  const elsewhere = (await testDatabase()('locations').where('municipality', ORG.gemeenteB).pluck('id')) as string[];
  expect(elsewhere).toContain(foreign);
  const listed = await panel
    .locator('[data-location]')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-location')));
  expect(listed.length).toBeGreaterThan(0);
  expect(listed.filter((id) => elsewhere.includes(String(id)))).toEqual([]);
  return { panel, entry };
}

describe('the inspection plan in the admin app (browser)', () => {
  it('an inspector reads why a location is due, in Dutch, and opens it', { timeout: patient(180_000) }, async () => {
    const session = await adminSession(browser, 'inspectorA', 'nl-NL');
    const { page } = session;
    const { panel, entry } = await openPlan(page);
    expect(await page.locator('.workspace, #main-content').first().innerText()).toContain('Te inspecteren locaties');
    const text = await entry.innerText();
    expect(text).toContain(ownName);
    expect(text).toContain('Planningsweg 7, 1761 AG, Anna Paulowna');
    expect(await entry.locator('[data-plan-reason]').allInnerTexts()).toEqual([
      'Deze locatie is nog nooit geïnspecteerd.',
    ]);
    expect(await entry.locator('[data-plan-last]').innerText()).toBe('Laatste inspectie: Nooit');
    expect(await panel.locator('[data-plan-count]').innerText()).toMatch(/^\d+ locaties? te inspecteren$/);
    expect(await panel.innerText()).not.toMatch(RAW);
    await entry.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'inspection-plan-inspector-nl.png'), animations: 'disabled' });
    await entry.locator('[data-plan-link]').click();
    await page.waitForURL(`**/admin/content/locations/${own}`, { timeout: patient(30_000) });
    const inspections = page.locator('.location-overview [data-section="inspections"]');
    await inspections.waitFor({ timeout: patient(30_000) });
    await inspections.locator('[data-start-inspection]').waitFor({ timeout: patient(30_000) });
    await page.waitForLoadState('networkidle');
    await page.screenshot({
      path: join(SCREENSHOTS, 'inspection-plan-inspector-nl-location.png'),
      animations: 'disabled',
    });
    await session.close();
    expect(session.problems).toEqual([]);
    expect(session.external).toEqual([]);
  });

  it('an English inspector reads the plan in English', { timeout: patient(180_000) }, async () => {
    const session = await adminSession(browser, { email: englishInspector }, 'en-GB');
    const { page } = session;
    const { panel, entry } = await openPlan(page);
    expect(await page.locator('.workspace, #main-content').first().innerText()).toContain(
      'Locations due for inspection',
    );
    expect(await entry.locator('[data-plan-reason]').allInnerTexts()).toEqual([
      'This location has never been inspected.',
    ]);
    expect(await entry.locator('[data-plan-last]').innerText()).toBe('Last inspection: Never');
    expect(await panel.locator('[data-plan-count]').innerText()).toMatch(/^\d+ locations? to inspect$/);
    const text = await panel.innerText();
    expect(text).not.toMatch(RAW);
    expect(text).not.toMatch(/Nooit|geïnspecteerd|Laatste inspectie/);
    await entry.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'inspection-plan-inspector-en.png'), animations: 'disabled' });
    await session.close();
    expect(session.problems).toEqual([]);
    expect(session.external).toEqual([]);
  });
});
