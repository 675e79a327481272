/**
 * The reveal log as its reader sees it (browser): a municipality's administrator (Dutch, and one in English) opens the
 * list of who saw which personal data of its municipality's migrants. A clerk's real reveal is in it, with who, in
 * which role, on which basis, which fields and for which task, each in the reader's language; no raw code reaches the
 * page, no personal value, and nothing fails in the console or the network.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createItem, createPreset, readItems, readUsers, updateItem } from '@directus/sdk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGANISATION_IDS as ORG } from '../../scripts/demo-data.js';
import { projectRoot } from '../../scripts/lib/project.js';
import { todayInNetherlands } from '../../extensions/labour-platform/src/domain/dates';
import { adminSession, appFallbacks } from '../support/admin-browser.js';
import { as, demoData, directusUrl } from '../support/as-user.js';
import { launchChromium } from '../support/browser.js';
import { patient } from '../support/patience.js';
import { createUserLike } from '../support/users.js';

const SCREENSHOTS = join(projectRoot, '.test-runs');
const SURNAME = `Ujawniona-${Date.now().toString(36)}`;
const englishAdministrator = `reveal-admin-en-${Date.now()}@example.org`;
let migrant = '';
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const admin = await as('admin');
  const provider = await as('providerA');
  const today = todayInNetherlands();
  const location = demoData().locations.find((l) => l.provider === ORG.providerA && l.municipality === ORG.gemeenteA)!;
  migrant = (
    (await provider.request(
      createItem('migrants', {
        first_names: 'Halina',
        surname: SURNAME,
        date_of_birth: '1988-02-03',
        nationality: 'PL',
        language: 'pl',
        arrival_date: today,
        expected_departure_date: '2099-01-01',
      }),
    )) as { id: string }
  ).id;
  await provider.request(createItem('stays', { migrant, location: location.id, start_date: today }));
  // the municipality's task opens from the stay; with the migrant's consent the clerk may see the data
  const deadline = Date.now() + patient(30_000);
  const openTasks = async () =>
    (
      await admin.request(
        readItems('tasks', {
          filter: { _and: [{ migrant: { _eq: migrant } }, { status: { _eq: 'open' } }] },
          fields: ['id'],
        }),
      )
    ).length;
  while ((await openTasks()) !== 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 300));
  const consents = (await admin.request(
    readItems('consents', { filter: { migrant: { _eq: migrant } }, fields: ['id'] }),
  )) as Array<{ id: string }>;
  if (consents[0]) await admin.request(updateItem('consents', consents[0].id, { status: 'signed' }));
  else await admin.request(createItem('consents', { migrant, status: 'signed', language: 'pl' }));
  const clerk = await as('clerkA');
  const [seen] = (await clerk.request(
    readItems('migrants', { filter: { id: { _eq: migrant } }, fields: ['surname', 'date_of_birth'] }),
  )) as Array<{ surname: string }>;
  expect(seen?.surname).toBe(SURNAME);

  const [model] = (await admin.request(
    readUsers({ filter: { email: { _eq: 'beheer-a@example.org' } }, fields: ['id'] }),
  )) as Array<{ id: string }>;
  const english = await createUserLike('beheer-a@example.org', {
    email: englishAdministrator,
    language: 'en-US',
    first_name: 'Anna',
    last_name: 'Visser',
  });
  // the platform's view of the log for a municipality's administrator (schema/presets.json), with the readers' own
  // filter on top
  const shared = (
    JSON.parse(readFileSync(join(projectRoot, 'schema', 'presets.json'), 'utf8')) as Array<{
      collection: string;
      user?: string | null;
      role?: string | null;
      layout_query: Record<string, unknown> | null;
      layout_options: Record<string, unknown> | null;
    }>
  ).find((preset) => preset.collection === 'reveal_log' && !preset.user);
  // each reader has narrowed the list to this migrant (a user's own view, as the app saves it)
  for (const user of [model!.id, english.id])
    await admin.request(
      createPreset({
        user,
        collection: 'reveal_log',
        layout: 'tabular',
        filter: { migrant: { _eq: migrant } },
        layout_query: shared?.layout_query ?? null,
        layout_options: shared?.layout_options ?? null,
      }),
    );
  browser = await launchChromium();
}, patient(240_000));

afterAll(async () => {
  await browser?.close();
});

async function openList(page: Page): Promise<string> {
  await page.goto(`${directusUrl()}/admin/content/reveal_log`);
  await page
    .locator('.v-table tbody tr')
    .first()
    .waitFor({ timeout: patient(30_000) });
  await page.waitForLoadState('networkidle');
  return page.locator('#main-content').innerText();
}

const RAW = /consent_and_open_task|own_provider|first_names|date_of_birth|\$t:|\{"/;

describe('the reveal log in the admin app (browser)', () => {
  it('shows a municipality administrator the clerk’s reveal, in Dutch', { timeout: patient(180_000) }, async () => {
    const session = await adminSession(browser, 'municipalityAdminA', 'nl-NL', { expected: appFallbacks });
    const { page } = session;
    const text = await openList(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'reveal-log-nl.png'), animations: 'disabled' });
    expect(text).toContain('Medewerker');
    expect(text).toMatch(/Machtiging en open taak/);
    expect(text).toMatch(/Achternaam/);
    expect(text).toMatch(/AM-\d{4}-\d{6}/);
    expect(text).not.toMatch(RAW);
    expect(text).not.toContain(SURNAME);
    await page.locator('.v-table tbody tr').first().click();
    await page.waitForURL(/\/content\/reveal_log\/[0-9a-f-]{36}/, { timeout: patient(30_000) });
    await page.waitForLoadState('networkidle');
    const form = page.locator('#main-content');
    // what the form shows: its text and the values of its (read-only) inputs
    const shown = async () =>
      `${await form.innerText()}\n${(
        await form
          .locator('input, textarea')
          .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value))
      ).join('\n')}`;
    await expect.poll(shown, { timeout: patient(30_000) }).toMatch(/Gemeente Hollands Kroon/);
    await page.screenshot({ path: join(SCREENSHOTS, 'reveal-log-nl-item.png'), animations: 'disabled' });
    const item = await shown();
    expect(item).toMatch(/Geboortedatum/);
    expect(item).toMatch(/Sanne de Vries/);
    expect(item).not.toMatch(RAW);
    expect(item).not.toContain(SURNAME);
    await session.close();
    expect(session.problems).toEqual([]);
  });

  it('reads in English for an English administrator', { timeout: patient(180_000) }, async () => {
    const session = await adminSession(browser, { email: englishAdministrator }, 'en-GB', { expected: appFallbacks });
    const { page } = session;
    const text = await openList(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'reveal-log-en.png'), animations: 'disabled' });
    expect(text).toMatch(/Municipal clerk/);
    expect(text).toMatch(/Consent and open task/);
    expect(text).toMatch(/Surname/);
    expect(text).not.toMatch(RAW);
    await session.close();
    expect(session.problems).toEqual([]);
  });
});
