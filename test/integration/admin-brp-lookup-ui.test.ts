/**
 * The BRP lookup in the task view, in a real browser: a clerk opening the ASSESS step of a migrant whose address
 * the BRP has under investigation (the mock's fixture 999992028) sees the BRP's answer and a warning that the data
 * may be wrong, in Dutch and in English. Opening and cancelling the step changes nothing. Screenshots in .test-runs/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createItem, readItems } from '@directus/sdk';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGANISATION_IDS as ORG } from '../../scripts/demo-data.js';
import { projectRoot } from '../../scripts/lib/project.js';
import { adminSession } from '../support/admin-browser.js';
import { as, demoData, directusUrl } from '../support/as-user.js';
import { launchChromium } from '../support/browser.js';
import { patient } from '../support/patience.js';

const SCREENSHOTS = join(projectRoot, '.test-runs');
/** The BRP mock's person with the house number under investigation; no other test file uses it. */
const BSN = '999992028';

describe('admin app: the BRP lookup on the assess step (browser)', () => {
  let browser: Browser;
  let taskId: string;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
    const providerA = await as('providerA');
    const location = demoData().locations.find(
      (l) => l.provider === ORG.providerA && l.municipality === ORG.gemeenteA,
    )!;
    const today = new Date().toISOString().slice(0, 10);
    const migrant = (await providerA.request(
      createItem('migrants', {
        first_names: 'Lookup',
        surname: 'Browser',
        date_of_birth: '1985-06-01',
        nationality: 'PL',
        language: 'pl',
        arrival_date: today,
        expected_departure_date: new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10),
        bsn: BSN,
      }),
    )) as { id: string };
    await providerA.request(createItem('stays', { migrant: migrant.id, location: location.id, start_date: today }));
    const admin = await as('admin');
    await expect
      .poll(
        async () =>
          (
            (await admin.request(
              readItems('tasks', {
                filter: { migrant: { _eq: migrant.id }, status: { _eq: 'open' }, type: { _eq: 'assess_status' } },
                fields: ['id'],
              }),
            )) as Array<{ id: string }>
          )[0]?.id,
        { timeout: patient(15_000) },
      )
      .toBeTruthy();
    const [task] = (await admin.request(
      readItems('tasks', {
        filter: { migrant: { _eq: migrant.id }, status: { _eq: 'open' }, type: { _eq: 'assess_status' } },
        fields: ['id'],
      }),
    )) as Array<{ id: string }>;
    taskId = task!.id;
  });

  afterAll(async () => {
    await browser?.close();
  });

  it.each([
    {
      locale: 'nl-NL',
      step: 'Status beoordelen',
      answer: /Antwoord van de BRP:\s*ingeschreven in Westland sinds/,
      warning: /In onderzoek bij de gemeente sinds .*: het adres\. Deze gegevens kunnen onjuist zijn/,
      cancel: 'Annuleren',
    },
    {
      locale: 'en-GB',
      step: 'Assess status',
      answer: /BRP answer:\s*registered in Westland since/,
      warning: /Under investigation by the municipality since .*: the address\. These data may be wrong/,
      cancel: 'Cancel',
    },
  ])(
    'a clerk sees the answer and the investigation warning ($locale)',
    { timeout: patient(120_000) },
    async ({ locale, step, answer, warning, cancel }) => {
      const session = await adminSession(browser, 'clerkA', locale);
      const page = session.page;
      await page.goto(`${directusUrl()}/admin/content/tasks/${taskId}`);
      const actions = page.locator('.brp-task-actions');
      await actions.waitFor({ timeout: patient(30_000) });
      const button = actions.getByRole('button', { name: step });
      await button.waitFor({ timeout: patient(30_000) });
      await button.click();
      const dialog = page.locator('.brp-step-dialog');
      await dialog.waitFor();
      await expect.poll(() => dialog.innerText(), { timeout: patient(20_000) }).toMatch(answer);
      const notice = dialog.locator('.investigation');
      await expect.poll(() => notice.innerText(), { timeout: patient(15_000) }).toMatch(warning);
      const text = await dialog.innerText();
      expect(text).not.toMatch(/brpInvestigation|investigatedAddress|undefined|\[object/);
      await page.screenshot({
        path: join(SCREENSHOTS, `admin-brp-lookup-investigation-${locale}.png`),
        animations: 'disabled',
      });
      await dialog.getByRole('button', { name: cancel }).click();
      await session.close();
      expect(session.problems).toEqual([]);
    },
  );
});
