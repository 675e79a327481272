/**
 * A migrant's documents in the admin app (issue 10, door 3), in a real browser: the provider adds a rental contract
 * on the migrant's page (Dutch), is refused a program renamed .pdf with the server's sentence, opens the document it
 * added (a download of the right name and bytes); provider B does the same in English with an identity document; the
 * clerk sees in the task view which documents the step still needs, and that it may not open them without consent.
 * Nothing fails on the page but the refusals the test provokes. Screenshots go to .test-runs/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createItem, readItems } from '@directus/sdk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGANISATION_IDS as ORG } from '../../scripts/demo-data.js';
import { projectRoot } from '../../scripts/lib/project.js';
import { adminSession, appFallbacks } from '../support/admin-browser.js';
import { as, demoData, directusUrl } from '../support/as-user.js';
import { launchChromium } from '../support/browser.js';
import { patient } from '../support/patience.js';

const SCREENSHOTS = join(projectRoot, '.test-runs');
const today = new Date().toISOString().slice(0, 10);
const nextYear = `${Number(today.slice(0, 4)) + 1}-06-30`;
const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Title (Huurcontract browser) >>\nendobj\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00', 'latin1'), Buffer.alloc(100, 0x41)]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

async function housed(provider: 'providerA' | 'providerB', name: string): Promise<{ id: string; task: string }> {
  const client = await as(provider);
  const municipality = provider === 'providerA' ? ORG.gemeenteA : ORG.gemeenteB;
  const location = demoData().locations.find((l) => l.provider === ORG[provider] && l.municipality === municipality)!;
  const migrant = (await client.request(
    createItem('migrants', {
      first_names: name,
      surname: 'Documentowa',
      date_of_birth: '1993-02-02',
      nationality: 'PL',
      language: 'pl',
      arrival_date: today,
    }),
  )) as { id: string };
  await client.request(createItem('stays', { migrant: migrant.id, location: location.id, start_date: today }));
  const admin = await as('admin');
  for (let waited = 0; ; waited += 250) {
    const tasks = (await admin.request(
      readItems('tasks', { filter: { migrant: { _eq: migrant.id }, status: { _eq: 'open' } }, fields: ['id'] }),
    )) as Array<{ id: string }>;
    if (tasks[0]) return { id: migrant.id, task: tasks[0].id };
    if (waited > patient(30_000)) throw new Error('no open task for the new migrant');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The refusal the test provokes on purpose: the upload of a program. */
const refusedUpload = ({ status, method, url }: { status: number; method: string; url: URL }) =>
  (status === 415 && method === 'POST' && url.pathname.endsWith('/documents')) || appFallbacks({ status, method, url });

describe('admin app: documents (browser)', () => {
  let browser: Browser;
  let ofA: { id: string; task: string };
  let ofB: { id: string; task: string };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
    ofA = await housed('providerA', 'Hanna');
    ofB = await housed('providerB', 'Oskar');
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function shot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(SCREENSHOTS, `documents-${name}.png`), animations: 'disabled', fullPage: true });
  }

  async function panelOf(page: Page, id: string) {
    await page.goto(`${directusUrl()}/admin/content/migrants/${id}`);
    const panel = page.locator('.migrant-overview [data-section="documents"]');
    await panel.locator('[data-upload-document]').waitFor({ timeout: patient(30_000) });
    return panel;
  }

  it(
    'the provider adds a rental contract, is refused a program renamed .pdf, and opens its document (Dutch)',
    { timeout: patient(240_000) },
    async () => {
      const session = await adminSession(browser, 'providerA', 'nl-NL', { expected: refusedUpload });
      const { page } = session;
      const panel = await panelOf(page, ofA.id);
      expect(await panel.innerText()).toContain('Nog geen documenten.');

      await panel.locator('[data-document-kind]').selectOption('rental_contract');
      await panel
        .locator('[data-document-file]')
        .setInputFiles({ name: 'virus.pdf', mimeType: 'application/pdf', buffer: EXE });
      await panel.locator('[data-document-submit]').click();
      await expect
        .poll(() => panel.locator('[data-documents-notice]').innerText(), { timeout: patient(20_000) })
        .toContain('geen PDF, JPEG of PNG');
      await shot(page, 'nl-1-refused');

      await panel
        .locator('[data-document-file]')
        .setInputFiles({ name: 'huurcontract.pdf', mimeType: 'application/pdf', buffer: PDF });
      await panel.locator('[data-document-submit]').click();
      await expect
        .poll(() => panel.locator('[data-documents-notice]').innerText(), { timeout: patient(20_000) })
        .toContain('Het document is toegevoegd.');
      await expect.poll(() => panel.locator('[data-document]').count()).toBe(1);
      expect(await panel.locator('[data-document]').innerText()).toMatch(/Huurovereenkomst[\s\S]*PDF/);
      await shot(page, 'nl-2-added');

      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: patient(20_000) }),
        panel.locator('[data-open-document]').click(),
      ]);
      expect(download.suggestedFilename()).toBe('huurcontract.pdf');
      const path = await download.path();
      expect(readFileSync(path!)).toEqual(PDF);
      const text = await panel.innerText();
      expect(text).not.toMatch(/rental_contract|application\/pdf|document_|\$t:/);
      await session.close();
      expect(session.problems).toEqual([]);
    },
  );

  // Once skipped: the click landed in the middle of the button's wrapper, which the form's grid stretched to its full
  // width, beside the shorter English button ("Add document"), so nothing was sent; the wrapper is as wide as its
  // button now (DocumentsPanel.vue's CSS).
  it('provider B adds an identity document with its expiry date (English)', { timeout: patient(240_000) }, async () => {
    const session = await adminSession(browser, 'providerB', 'en-GB');
    const { page } = session;
    const panel = await panelOf(page, ofB.id);
    await panel.locator('[data-document-kind]').selectOption('identity_document');
    await panel.locator('[data-document-expiry]').fill(nextYear);
    // the date field keeps the focus (and its picker) until it is left, as a person does with Tab
    await panel.locator('[data-document-expiry]').blur();
    await panel
      .locator('[data-document-file]')
      .setInputFiles({ name: 'passport.png', mimeType: 'image/png', buffer: PNG });
    await panel.locator('[data-document-submit]').click();
    await shot(page, 'en-0-clicked');
    await expect
      .poll(
        () =>
          panel
            .locator('[data-documents-notice]')
            .innerText({ timeout: 2_000 })
            .catch(() => ''),
        {
          timeout: patient(20_000),
        },
      )
      .toContain('The document has been added.');
    expect(await panel.locator('[data-document]').innerText()).toMatch(/Identity document[\s\S]*PNG[\s\S]*Valid until/);
    await shot(page, 'en-1-identity');
    await session.close();
    expect(session.problems).toEqual([]);
  });

  it(
    'the clerk sees in the task view what the step still needs, and may not open a document without consent',
    { timeout: patient(240_000) },
    async () => {
      const session = await adminSession(browser, 'clerkA', 'nl-NL');
      const { page } = session;
      await page.goto(`${directusUrl()}/admin/content/tasks/${ofA.task}`);
      const panel = page.locator('.brp-task-actions [data-section="documents"]');
      await panel.locator('[data-completeness]').waitFor({ timeout: patient(30_000) });
      // assessing the status needs an identity document; only a rental contract is there
      expect(await panel.locator('[data-completeness]').getAttribute('data-complete')).toBe('false');
      expect(await panel.locator('[data-requirement="identity"]').innerText()).toContain('ontbreekt');
      expect(await panel.locator('[data-document]').count()).toBe(1);
      expect(await panel.locator('[data-open-document]').count()).toBe(0);
      expect(await panel.locator('[data-upload-document]').count()).toBe(0);
      expect(await panel.locator('[data-documents-shielded]').innerText()).toContain('Afgeschermd');
      await shot(page, 'nl-3-clerk-task');
      await session.close();
      expect(session.problems).toEqual([]);
    },
  );
});
