/**
 * The policy officer's insight dashboard in a real browser (Debian's chromium driven by playwright-core), in Dutch
 * and in English: every figure's panel draws its chart and its table from GET /insights/figures/:name only (never
 * /items), hidden cells shown as "–" with the note that explains them, the panel names and table texts in the
 * reader's language, no raw key or code; no response that reaches the browser holds a person's record; no
 * unexpected console error or failed request. Screenshots in .test-runs/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../scripts/lib/project.js';
import { addMonths, todayInNetherlands } from '../../extensions/labour-platform/src/domain/dates';
import { adminSession, appFallbacks, type Login } from '../support/admin-browser.js';
import { as, directusUrl } from '../support/as-user.js';
import { launchChromium } from '../support/browser.js';
import { patient } from '../support/patience.js';
import { createUserLike } from '../support/users.js';

const SCREENSHOTS = join(projectRoot, '.test-runs');
const INSIGHT_DASHBOARD = '30000000-0000-4000-8000-000000000003';
const PANELS = 13;

/** Names of a migrant's personal fields: none may appear as a key in anything the policy officer's browser receives. */
const PERSON_KEYS = ['bsn', 'first_names', 'surname', 'date_of_birth', 'id_document_number', 'case_number', 'email'];

const EXPECTED = {
  nl: {
    dashboard: 'Inzicht',
    panels: [
      'Aanwezig per locatie',
      'Bezetting en capaciteit',
      'BRP-status per locatie',
      'Verblijfsduur (vertrokken)',
      'Kaart: huisvesting en capaciteit',
      'Aankomsten per week (104 weken)',
      'Vertrekken per week (104 weken)',
      'Binnen 5 dagen ingeschreven per maand (24 maanden)',
    ],
    table: ['Locatie', 'Totaal', 'Capaciteit', 'Bezet'],
    note: 'verborgen om personen te beschermen',
    date: 'Peildatum',
    locations: 'locaties',
  },
  en: {
    dashboard: 'Insight',
    panels: [
      'Present per location',
      'Occupancy and capacity',
      'BRP status per location',
      'Length of stay (departed)',
      'Map: housing and capacity',
      'Arrivals per week (104 weeks)',
      'Departures per week (104 weeks)',
      'Registered within 5 days per month (24 months)',
    ],
    table: ['Location', 'Total', 'Capacity', 'Occupied'],
    note: 'hidden to protect people',
    date: 'Reference date',
    locations: 'locations',
  },
} as const;

/** A policy officer of gemeente A (policy A's role and organisation) who reads the app in `language`. */
async function policyOfficer(language: 'nl' | 'en'): Promise<Login> {
  const email = `insight-${language}-${Date.now()}@example.org`;
  await createUserLike('policy-a@example.org', {
    email,
    language: language === 'nl' ? 'nl-NL' : 'en-US',
    first_name: 'Bram',
    last_name: 'de Vries',
  });
  return { email };
}

/** Every key of a JSON value, at any depth. */
function keysOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) keysOf(item, into);
  else if (value && typeof value === 'object')
    for (const [key, inner] of Object.entries(value)) {
      into.add(key);
      keysOf(inner, into);
    }
  return into;
}

describe('the policy officer’s insight dashboard (browser)', () => {
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  for (const language of ['nl', 'en'] as const) {
    it(`shows every figure as a chart and a table, in ${language}`, { timeout: patient(180_000) }, async () => {
      const session = await adminSession(
        browser,
        await policyOfficer(language),
        language === 'nl' ? 'nl-NL' : 'en-GB',
        {
          expected: appFallbacks,
        },
      );
      const { page } = session;
      const requests: string[] = [];
      const bodies: Array<Promise<{ url: string; body: unknown }>> = [];
      page.on('request', (request) => requests.push(new URL(request.url()).pathname));
      page.on('response', (response) => {
        if (!(response.headers()['content-type'] ?? '').includes('json')) return;
        bodies.push(
          response
            .json()
            .then((body: unknown) => ({ url: response.url(), body }))
            .catch(() => ({ url: response.url(), body: null })),
        );
      });
      await page.goto(`${directusUrl()}/admin/insights/${INSIGHT_DASHBOARD}`);
      const panels = page.locator('.insight-figure');
      await expect.poll(() => panels.count(), { timeout: patient(60_000) }).toBe(PANELS);
      await expect
        .poll(() => page.locator('.insight-figure canvas').count(), { timeout: patient(60_000) })
        .toBe(PANELS);
      await expect.poll(() => page.locator('.insight-figure table').count(), { timeout: patient(60_000) }).toBe(PANELS);
      // the map: PDOK's background (through the platform, from the test's stand-in), a marker per placed location
      const map = page.locator('.insight-map');
      await expect
        .poll(() => map.locator('.leaflet-tile-loaded').count(), { timeout: patient(60_000) })
        .toBeGreaterThan(0);
      const listed = await map.locator('tbody tr').count();
      expect(listed).toBeGreaterThan(0);
      expect(await map.locator('.insight-map-marker, .insight-map-cluster').count()).toBeGreaterThan(0);
      expect(await map.locator('.leaflet-control-attribution').innerText()).toContain('PDOK');
      await page.waitForLoadState('networkidle');
      const expected = EXPECTED[language];

      // zoomed out, the locations join in clusters that tell their number of locations; a click zooms in on one
      for (let step = 0; step < 10 && (await map.locator('.insight-map-cluster').count()) === 0; step++) {
        const zoomOut = map.locator('.leaflet-control-zoom-out');
        if ((await zoomOut.getAttribute('aria-disabled')) === 'true') break;
        await zoomOut.click();
        await page.waitForTimeout(400);
      }
      const cluster = map.locator('.insight-map-cluster').first();
      await expect.poll(() => map.locator('.insight-map-cluster').count()).toBeGreaterThan(0);
      expect(await cluster.innerText()).toMatch(new RegExp(`\\d+ ${expected.locations}`));
      await map.screenshot({ path: join(SCREENSHOTS, `admin-insight-map-clustered-${language}.png`) });
      await cluster.click();
      await expect
        .poll(() => map.locator('.insight-map-marker').count(), { timeout: patient(20_000) })
        .toBeGreaterThan(1);
      await page.waitForLoadState('networkidle');

      // any date of the last 24 months: the panel asks for the figure of that date, and shows it
      const present = page.locator('.insight-figure[data-figure="present-by-location"]');
      expect(await present.locator('label.date').innerText()).toContain(expected.date);
      const chosen = addMonths(todayInNetherlands(), -3);
      const answered = page.waitForResponse(
        (response) =>
          new URL(response.url()).pathname === '/insights/figures/present-by-location' &&
          new URL(response.url()).searchParams.get('date') === chosen,
      );
      await present.locator('input[type="date"]').fill(chosen);
      expect((await answered).status()).toBe(200);
      await expect.poll(() => present.locator('table').count(), { timeout: patient(20_000) }).toBe(1);
      expect(await present.locator('a[download]').first().getAttribute('href')).toContain(`date=${chosen}`);
      // a date too far back is refused in the reader's language, without a request
      await present.locator('input[type="date"]').fill(addMonths(todayInNetherlands(), -30));
      await expect.poll(() => present.locator('[role="alert"]').count()).toBe(1);
      expect(await present.locator('[role="alert"]').innerText()).toContain('24');
      await present.locator('input[type="date"]').fill(chosen);
      await expect.poll(() => present.locator('[role="alert"]').count()).toBe(0);
      await page.waitForLoadState('networkidle');

      const text = await page.locator('#main-content').innerText();
      expect(text).toContain(expected.dashboard);
      for (const name of expected.panels) expect(text).toContain(name);
      for (const word of expected.table) expect(text).toContain(word);
      expect(text).toContain(expected.note);
      // no raw key, code or untranslated name reaches the reader
      expect(text).not.toMatch(/\$t:|panels\.insight|niet_ingeschreven|afspraak_bevestigd|vertrek_gemeld|^unknown$/m);
      expect(await page.locator('.insight-figure .failed').count()).toBe(0);
      // every chart was drawn (a canvas with a size)
      for (const size of await page
        .locator('.insight-figure canvas')
        .evaluateAll((canvases) =>
          canvases.map((canvas) => (canvas as HTMLCanvasElement).width * (canvas as HTMLCanvasElement).height),
        ))
        expect(size).toBeGreaterThan(0);
      await page.screenshot({
        path: join(SCREENSHOTS, `admin-insight-dashboard-${language}.png`),
        fullPage: true,
        animations: 'disabled',
      });

      // the figures come from the protected endpoint only, never from the items API
      const figureRequests = requests.filter((path) => path.startsWith('/insights/figures/'));
      expect(new Set(figureRequests).size).toBe(PANELS);
      expect(requests).toContain('/insights/map');
      expect(requests.some((path) => /^\/insights\/tiles\/\d+\/\d+\/\d+\.png$/.test(path))).toBe(true);
      expect(requests.filter((path) => /^\/items\/(migrants|stays|tasks|appointments|consents)/.test(path))).toEqual(
        [],
      );
      for (const { url, body } of await Promise.all(bodies)) {
        const keys = keysOf(body);
        const personal = PERSON_KEYS.filter((key) => keys.has(key) && !new URL(url).pathname.startsWith('/users/me'));
        expect(personal, url).toEqual([]);
      }
      const problems = [...session.problems];
      const external = [...session.external];
      await session.close();
      expect(problems).toEqual([]);
      expect(external).toEqual([]);
    });
  }
});
