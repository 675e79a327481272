/**
 * The task form in the admin app, in a real browser (Debian's chromium driven by playwright-core): the
 * "Volgende stap / Next step" interface (brp-task-actions) shows the migrant and the steps the user may take,
 * asks only what a step needs and sends it to POST /brp/migrants/:id/events. A clerk (Dutch UI) assesses a
 * migrant as not registered; a provider (English UI) sees its steps in English. Screenshots go to .test-runs/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { readItems } from '@directus/sdk';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGANISATION_IDS as ORG } from '../../scripts/demo-data.js';
import type { DemoLoginKey } from '../../scripts/lib/demo-logins.js';
import { projectRoot } from '../../scripts/lib/project.js';
import { adminSession, type AdminSession } from '../support/admin-browser.js';
import { as, directusUrl } from '../support/as-user.js';
import { patient } from '../support/patience.js';

const SCREENSHOTS = join(projectRoot, '.test-runs');

type TaskRow = { id: string; type: string; migrant: string; assignee: string | null };

async function openTasks(filter: Record<string, unknown>): Promise<TaskRow[]> {
  const admin = await as('admin');
  return (await admin.request(
    readItems('tasks', {
      filter: { _and: [{ status: { _eq: 'open' } }, filter] },
      fields: ['id', 'type', 'migrant', 'assignee'],
      sort: ['id'],
      limit: -1,
    }),
  )) as TaskRow[];
}

async function brpStatus(migrant: string): Promise<string> {
  const admin = await as('admin');
  const [row] = (await admin.request(
    readItems('migrants', { filter: { id: { _eq: migrant } }, fields: ['brp_status'] }),
  )) as Array<{ brp_status: string }>;
  return row!.brp_status;
}

describe('admin app: working a task (browser)', () => {
  let browser: Browser;
  const external: string[] = [];
  const sessions = new Map<Page, AdminSession>();

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** A fresh browser session logged in through the admin app's own login form (test/support/admin-browser.ts). */
  async function loggedIn(key: DemoLoginKey, locale: string): Promise<Page> {
    const session = await adminSession(browser, key, locale);
    sessions.set(session.page, session);
    return session.page;
  }

  /** Closes the session; it saw no console error and no failed request. */
  async function done(page: Page): Promise<void> {
    const session = sessions.get(page)!;
    external.push(...session.external);
    await session.close();
    expect(session.problems).toEqual([]);
  }

  async function openTask(page: Page, taskId: string): Promise<void> {
    await page.goto(`${directusUrl()}/admin/content/tasks/${taskId}`);
    await page.locator('.brp-task-actions').waitFor({ timeout: patient(30_000) });
  }

  it('lets a clerk assess a migrant as not registered, in Dutch', { timeout: patient(120_000) }, async () => {
    // a migrant whose only open task is this one (other test files add fixture tasks of other types to theirs)
    const candidates = await openTasks({
      type: { _eq: 'assess_status' },
      owner_organisation: { _eq: ORG.gemeenteA },
      assignee: { _null: true },
    });
    let task: TaskRow | undefined;
    for (const candidate of candidates) {
      if ((await openTasks({ migrant: { _eq: candidate.migrant } })).length === 1) {
        task = candidate;
        break;
      }
    }
    expect(task, 'the demo data has an open assess task in gemeente A').toBeDefined();
    const migrant = task!.migrant;
    expect(await brpStatus(migrant)).toBe('geen');

    const page = await loggedIn('clerkA', 'nl-NL');
    await openTask(page, task!.id);
    const actions = page.locator('.brp-task-actions');

    // the migrant, the status, the claim and the steps
    await expect
      .poll(() => actions.getByRole('region', { name: 'Arbeidsmigrant' }).innerText(), { timeout: patient(15_000) })
      .toMatch(/Nationaliteit/);
    await expect
      .poll(() => actions.getByRole('region', { name: 'BRP-status' }).innerText(), { timeout: patient(15_000) })
      .toMatch(/Geen/);
    await expect
      .poll(() => actions.getByRole('button', { name: 'Oppakken' }).isVisible(), { timeout: patient(15_000) })
      .toBe(true);
    const assess = actions.getByRole('button', { name: 'Status beoordelen' });
    await assess.waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-task-ui-1-clerk-task.png'), animations: 'disabled' });

    // the step asks only for the outcome (and an optional reason)
    await assess.click();
    const dialog = page.locator('.brp-step-dialog');
    await dialog.waitFor();
    await expect.poll(() => dialog.locator('input, textarea').count()).toBe(3); // two outcome radios and the reason
    // the BRP's answer, or the notice that there is no connection, once the lookup has answered
    await expect
      .poll(() => dialog.innerText(), { timeout: patient(15_000) })
      .toMatch(/Antwoord van de BRP|Geen BRP-koppeling|De BRP gaf geen antwoord/);
    await dialog.getByRole('radio', { name: 'Niet ingeschreven' }).check();
    await dialog.getByLabel('Reden (optioneel)').fill('Niet gevonden in de BRP (browsertest)');
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-task-ui-2-assess-dialog.png'), animations: 'disabled' });
    await dialog.getByRole('button', { name: 'Bevestigen' }).click();

    // the result, after the page has reloaded to refresh the form
    await expect
      .poll(() => actions.innerText(), { timeout: patient(30_000) })
      .toContain('Gelukt: de BRP-status is nu "Niet ingeschreven".');
    await expect.poll(() => actions.innerText()).toContain('Deze taak is afgesloten');
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-task-ui-3-after-assess.png'), animations: 'disabled' });

    expect(await brpStatus(migrant)).toBe('niet_ingeschreven');
    const next = await openTasks({ migrant: { _eq: migrant } });
    expect(next.map((t) => t.type)).toEqual(['schedule']);
    await expect
      .poll(() => actions.getByRole('link', { name: /Arbeidsmigrant inplannen/ }).isVisible(), {
        timeout: patient(15_000),
      })
      .toBe(true);
    await done(page);
  });

  it('shows a provider its steps in English', { timeout: patient(120_000) }, async () => {
    // a confirm task of a migrant still waiting for that confirmation (other tests move migrants on)
    const tasks = await openTasks({
      type: { _eq: 'confirm_appointment' },
      owner_organisation: { _eq: ORG.providerB },
      migrant: { brp_status: { _eq: 'ingepland' } },
    });
    const task = tasks[0];
    expect(task, 'the demo data has an open provider task for provider B').toBeDefined();

    const page = await loggedIn('providerB', 'en-GB');
    await openTask(page, task!.id);
    const actions = page.locator('.brp-task-actions');
    await actions.getByRole('button', { name: 'Report departure' }).waitFor({ timeout: patient(30_000) });
    if (task!.type === 'confirm_appointment') {
      await expect
        .poll(() => actions.getByRole('button', { name: 'Confirm appointment' }).isVisible(), {
          timeout: patient(15_000),
        })
        .toBe(true);
      await expect
        .poll(() => actions.getByRole('button', { name: 'Decline appointment' }).isVisible(), {
          timeout: patient(15_000),
        })
        .toBe(true);
    }
    const text = await actions.innerText();
    expect(text).toMatch(/Labour migrant/i);
    expect(text).toMatch(/Possible steps/i);
    expect(text).not.toMatch(/Vertrek melden|Afspraak bevestigen|Mogelijke stappen/);
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-task-ui-4-provider-task.png'), animations: 'disabled' });

    // a declined appointment needs a reason: Confirm stays disabled until there is one
    if (task!.type === 'confirm_appointment') {
      await actions.getByRole('button', { name: 'Decline appointment' }).click();
      const dialog = page.locator('.brp-step-dialog');
      await dialog.waitFor();
      await expect.poll(() => dialog.getByRole('button', { name: 'Confirm' }).isDisabled()).toBe(true);
      await dialog.getByLabel('Reason').fill('The migrant works that day');
      await expect.poll(() => dialog.getByRole('button', { name: 'Confirm' }).isEnabled()).toBe(true);
      await page.screenshot({
        path: join(SCREENSHOTS, 'admin-task-ui-5-provider-decline-dialog.png'),
        animations: 'disabled',
      });
      await dialog.getByRole('button', { name: 'Cancel' }).click();
    }
    await done(page);
  });

  it('talks to nothing but the platform', () => {
    expect(external).toEqual([]);
  });
});
