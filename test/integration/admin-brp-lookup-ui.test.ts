/**
 * The BRP lookup in the task view, in a real browser: a clerk opening the ASSESS step of a migrant whose address
 * the BRP has under investigation (the mock's fixture 999992028) sees the BRP's answer and a warning that the data
 * may be wrong, in Dutch and in English. Opening and cancelling the step changes nothing. Screenshots in .test-runs/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createItem, createUser, readItems } from '@directus/sdk';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_IDS } from '../../extensions/labour-platform/src/glue/roles.js';
import { DEMO_ORGANISATION_IDS as ORG } from '../../scripts/demo-data.js';
import { projectRoot } from '../../scripts/lib/project.js';
import { adminSession, type Login } from '../support/admin-browser.js';
import { as, demoData, directusUrl } from '../support/as-user.js';
import { launchChromium } from '../support/browser.js';
import { patient } from '../support/patience.js';

const SCREENSHOTS = join(projectRoot, '.test-runs');
/** The BRP mock's person with the house number under investigation; no other test file uses it. */
const BSN = '999992028';

describe('admin app: the BRP lookup on the assess step (browser)', () => {
  let browser: Browser;
  let taskId: string;
  /** The demo clerk works in Dutch (its user language); an English-speaking colleague of the same gemeente. */
  const englishClerk: Login = { email: `clerk-lookup-en-${Date.now()}@example.org`, password: 'demo-password' };

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
    // the assess task follows from the stay (a hook); wait for it
    const admin = await as('admin');
    await admin.request(
      createUser({
        email: englishClerk.email,
        password: englishClerk.password,
        role: ROLE_IDS.clerk,
        organisation: ORG.gemeenteA,
        language: 'en-US',
        first_name: 'Lookup',
        last_name: 'Clerk',
      } as Record<string, unknown>),
    );
    const deadline = Date.now() + patient(15_000);
    for (;;) {
      const [task] = (await admin.request(
        readItems('tasks', {
          filter: { migrant: { _eq: migrant.id }, status: { _eq: 'open' }, type: { _eq: 'assess_status' } },
          fields: ['id'],
        }),
      )) as Array<{ id: string }>;
      if (task) {
        taskId = task.id;
        break;
      }
      if (Date.now() > deadline) throw new Error('no assess task for the new migrant');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });

  afterAll(async () => {
    await browser?.close();
  });

  it.each([
    {
      who: 'clerkA' as const,
      locale: 'nl-NL',
      step: 'Status beoordelen',
      answer: /Antwoord van de BRP:\s*ingeschreven in Westland sinds/,
      warning: /In onderzoek bij de gemeente sinds .*: het adres\. Deze gegevens kunnen onjuist zijn/,
      cancel: 'Annuleren',
    },
    {
      who: englishClerk,
      locale: 'en-GB',
      step: 'Assess status',
      answer: /BRP answer:\s*registered in Westland since/,
      warning: /Under investigation by the municipality since .*: the address\. These data may be wrong/,
      cancel: 'Cancel',
    },
  ])(
    'a clerk sees the answer and the investigation warning ($locale)',
    { timeout: patient(120_000) },
    async ({ who, locale, step, answer, warning, cancel }) => {
      const session = await adminSession(browser, who, locale);
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
