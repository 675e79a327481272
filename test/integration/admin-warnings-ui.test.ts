/**
 * Warnings in the admin app, as their users see them (browser): a clerk (Dutch) and an inspector (English) open the
 * list and a warning's page; each warning reads as a sentence in the reader's language, no code or JSON reaches them,
 * the inspector sees the location's warnings only, and nothing fails in the console or the network.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createItem, createPreset, readUsers } from '@directus/sdk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGANISATION_IDS as ORG, ORGANISATIONS } from '../../scripts/demo-data.js';
import { projectRoot } from '../../scripts/lib/project.js';
import { addDays, todayInNetherlands } from '../../extensions/labour-platform/src/domain/dates';
import { adminSession } from '../support/admin-browser.js';
import { as, directusUrl } from '../support/as-user.js';
import { createUserLike } from '../support/users.js';
import { launchChromium } from '../support/browser.js';
import { closeTestDatabase, testDatabase } from '../support/database.js';
import { patient } from '../support/patience.js';
import { http } from './attacks/support.js';

const SCREENSHOTS = join(projectRoot, '.test-runs');
let location = '';
let locationName = '';
const providerName = ORGANISATIONS.find((organisation) => organisation.id === ORG.providerA)!.name.replace(
  /[()]/g,
  (bracket) => `\\${bracket}`,
);
let browser: Browser;
// the demo users read Dutch (their own language wins over the browser's): the English reader is an inspector of its own
const englishInspector = `warnings-inspector-en-${Date.now()}@example.org`;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const admin = await as('admin');
  const created = (await admin.request(
    createItem('locations', {
      name: `Signalen ${randomUUID().slice(0, 6)}`,
      street: 'Toezichtstraat',
      house_number: '9',
      postcode: '1761 AD',
      city: 'Anna Paulowna',
      capacity: 1,
      bag_id: `1911010000995${String(Math.floor(Math.random() * 900) + 100)}`,
      provider: ORG.providerA,
      housing_type: 'dwelling',
      living_area_m2: 12,
      toilets: 1,
      showers: 1,
    }),
  )) as { id: string };
  location = created.id;
  locationName = String((await testDatabase()('locations').where('id', location).first('name'))?.name);
  await admin.request(createItem('bedrooms', { location, area_m2: 7, beds: 2 }));
  const provider = await as('providerA');
  const arrival = addDays(todayInNetherlands(), -10);
  for (const name of ['Signaal Een', 'Signaal Twee']) {
    const migrant = (await provider.request(
      createItem('migrants', {
        first_names: name,
        surname: 'Test',
        date_of_birth: '1992-03-04',
        nationality: 'PL',
        language: 'pl',
        arrival_date: arrival,
      }),
    )) as { id: string };
    await provider.request(createItem('stays', { migrant: migrant.id, location, start_date: arrival }));
  }
  const deadline = Date.now() + 120_000;
  const occupied = async () =>
    Number((await testDatabase()('locations').where('id', location).first('occupied_beds'))?.occupied_beds);
  while ((await occupied()) !== 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 500));
  const run = await http('admin', 'POST', '/supervision/warnings/run', {});
  expect(run.status, run.text).toBe(200);
  await createUserLike('inspector-a@example.org', {
    email: englishInspector,
    language: 'en-US',
    first_name: 'Ewa',
    last_name: 'Kowalczyk',
  });
  // each reader has filtered the list to this location (a user's own view, as the app saves it)
  for (const email of ['clerk-a@example.org', englishInspector]) {
    const [user] = (await admin.request(readUsers({ filter: { email: { _eq: email } }, fields: ['id'] }))) as Array<{
      id: string;
    }>;
    await admin.request(
      createPreset({
        user: user!.id,
        collection: 'warnings',
        layout: 'tabular',
        filter: { _and: [{ location: { _eq: location } }] },
        layout_query: {
          tabular: { fields: ['severity', 'type', 'details', 'location.name', 'migrant.case_number', 'status'] },
        },
        layout_options: { tabular: { widths: { type: 220, details: 520, 'location.name': 200 } } },
      }),
    );
  }
  browser = await launchChromium();
}, patient(240_000));

afterAll(async () => {
  await browser?.close();
  await closeTestDatabase();
});

async function listOfLocation(page: Page): Promise<string> {
  await page.goto(`${directusUrl()}/admin/content/warnings`);
  const rows = page.locator('.v-table tbody tr');
  await rows.first().waitFor({ timeout: patient(30_000) });
  await page.waitForLoadState('networkidle');
  return page.locator('.v-table').first().innerText();
}

describe('warnings in the admin app (browser)', () => {
  it('a clerk reads the warnings as sentences, in Dutch, and opens one', { timeout: patient(180_000) }, async () => {
    const session = await adminSession(browser, 'clerkA', 'nl-NL');
    const { page } = session;
    const text = await listOfLocation(page);
    expect(text).toContain('Geen vrij bed');
    expect(text).toContain('bewoners bij een capaciteit van 1');
    expect(text).toContain('Niet op tijd ingeschreven');
    expect(text).not.toMatch(/no_free_bed|not_registered_in_time|\{"|\$t:/);
    await page.screenshot({ path: join(SCREENSHOTS, 'warnings-clerk-nl.png'), animations: 'disabled' });
    await page.locator('.v-table tbody tr', { hasText: 'Overbewoning' }).first().click();
    const explanation = page.locator('[data-warning-explanation]');
    await explanation.waitFor({ timeout: patient(30_000) });
    await expect
      .poll(() => explanation.innerText(), { timeout: patient(30_000) })
      .toMatch(/de norm voor woonoppervlak per persoon staat er 1 toe/);
    expect(await page.locator('#main-content').innerText()).not.toMatch(/\{"|overcrowded|\$t:/);
    // the pickers of the municipality, the provider and the location show their names once they have loaded (a
    // screenshot taken while they load shows their grey placeholders)
    await expect
      .poll(() => page.locator('#main-content').innerText(), { timeout: patient(30_000) })
      .toMatch(new RegExp(`Hollands Kroon[\\s\\S]*${providerName}[\\s\\S]*${locationName} \\(Anna Paulowna\\)`));
    await expect.poll(() => page.locator('#main-content .v-skeleton-loader').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'warnings-clerk-nl-item.png'), animations: 'disabled' });
    // the task a person's warning opened for the municipality: the warning's sentence, no person, a way to the warning
    const [task] = (await testDatabase()('tasks')
      .join('warnings', 'warnings.id', 'tasks.warning')
      .where({ 'warnings.location': location, 'warnings.type': 'not_registered_in_time', 'tasks.status': 'open' })
      .select('tasks.id as id', 'tasks.migrant as migrant', 'tasks.owner_organisation as owner')) as Array<{
      id: string;
      migrant: string | null;
      owner: string;
    }>;
    expect(task).toMatchObject({ migrant: null, owner: ORG.gemeenteA });
    await page.goto(`${directusUrl()}/admin/content/tasks/${task!.id}`);
    const sentence = page.locator('[data-warning-task-explanation]');
    await sentence.waitFor({ timeout: patient(30_000) });
    await expect.poll(() => sentence.innerText(), { timeout: patient(30_000) }).toMatch(/niet ingeschreven/);
    expect(await page.locator('#main-content').innerText()).toMatch(/Signaal afhandelen/);
    expect(await page.locator('#main-content').innerText()).not.toMatch(
      /Signaal Een|Signaal Twee|AM-\d{4}-\d{6}|\{"|\$t:/,
    );
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(SCREENSHOTS, 'warnings-clerk-nl-task.png'), animations: 'disabled' });
    await session.close();
    expect(session.problems).toEqual([]);
  });

  it(
    'an inspector reads the location’s warnings in English, and no person’s',
    { timeout: patient(180_000) },
    async () => {
      const session = await adminSession(browser, { email: englishInspector }, 'en-GB');
      const { page } = session;
      const text = await listOfLocation(page);
      expect(text).toContain('No free bed');
      expect(text).toContain('Overcrowding');
      expect(text).toMatch(/residents against a capacity of 1/);
      expect(text).not.toMatch(/Not registered in time|AM-\d{4}-\d{6}|\{"|\$t:/);
      await page.screenshot({ path: join(SCREENSHOTS, 'warnings-inspector-en.png'), animations: 'disabled' });
      await session.close();
      expect(session.problems).toEqual([]);
    },
  );
});
