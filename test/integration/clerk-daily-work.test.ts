/**
 * The clerk's daily work in the admin app, in a real browser (Debian's chromium driven by playwright-core): the
 * landing page is a usable inbox (Dutch and English), an assess task on a real record (the demo's signed
 * consents), the schedule task with the desk agenda, why masked data are masked, and every dashboard as every
 * role that sees it. Every page fails on a console error or a failed request. Screenshots go to .test-runs/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { aggregate, createUser, customEndpoint, readItems, readUsers, updateUser } from '@directus/sdk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectsLongStay } from '../../extensions/labour-platform/src/domain/brp/machine.js';
import { EVENT_LABELS } from '../../extensions/labour-platform/src/domain/brp/workflow-messages.js';
import { todayInNetherlands } from '../../extensions/labour-platform/src/domain/dates.js';
import { LANDING_PAGES, ROLE_IDS } from '../../extensions/labour-platform/src/glue/roles.js';
import { DEMO_ORGANISATION_IDS as ORG } from '../../scripts/demo-data.js';
import { demoConsentPlan } from '../../scripts/lib/demo-consents.js';
import { DEMO_LOGINS, type DemoLoginKey } from '../../scripts/lib/demo-logins.js';
import { projectRoot } from '../../scripts/lib/project.js';
import { adminSession, type AdminSession, type Login } from '../support/admin-browser.js';
import { as, attempt, demoData, directusUrl } from '../support/as-user.js';
import { launchChromium } from '../support/browser.js';
import { patient } from '../support/patience.js';

const SCREENSHOTS = join(projectRoot, '.test-runs');
const WORKLOAD = '30000000-0000-4000-8000-000000000001';
const HOUSING = '30000000-0000-4000-8000-000000000002';
const WARNINGS = '30000000-0000-4000-8000-000000000004';
const PROVIDER_WARNINGS = '30000000-0000-4000-8000-000000000005';

type Row = Record<string, unknown>;
type TaskRow = { id: string; type: string; migrant: string };

async function openTasks(filter: Row): Promise<TaskRow[]> {
  const admin = await as('admin');
  return (await admin.request(
    readItems('tasks', {
      filter: { _and: [{ status: { _eq: 'open' } }, filter] },
      fields: ['id', 'type', 'migrant'],
      sort: ['id'],
      limit: -1,
    }),
  )) as TaskRow[];
}

/** The open task of a demo migrant whose only open task it is (other tests add tasks to their own migrants). */
async function onlyOpenTask(migrant: string, type: string): Promise<TaskRow | undefined> {
  const tasks = await openTasks({ migrant: { _eq: migrant } });
  return tasks.length === 1 && tasks[0]!.type === type ? tasks[0] : undefined;
}

/** A weekday two weeks from now, 'YYYY-MM-DD': far enough that every slot of the day lies ahead. */
function agendaDay(): string {
  const day = new Date(Date.now() + 14 * 86_400_000);
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

describe('the clerk’s daily work (browser)', () => {
  let browser: Browser;
  const external: string[] = [];
  const sessions: AdminSession[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function session(who: DemoLoginKey | Login, locale: string): Promise<AdminSession> {
    const opened = await adminSession(browser, who, locale);
    sessions.push(opened);
    return opened;
  }

  async function done(opened: AdminSession): Promise<void> {
    external.push(...opened.external);
    const problems = [...opened.problems];
    await opened.close();
    expect(problems).toEqual([]);
  }

  async function landingTable(page: Page): Promise<string> {
    await page.waitForURL((url) => url.pathname === '/admin/content/tasks', { timeout: patient(30_000) });
    const table = page.locator('.v-table');
    await table
      .locator('tbody tr')
      .first()
      .waitFor({ timeout: patient(30_000) });
    await expect.poll(() => table.innerText(), { timeout: patient(30_000) }).not.toMatch(/Aan het laden|Loading/);
    await page.waitForLoadState('networkidle');
    return table.innerText();
  }

  it(
    'lands a clerk on the team’s open tasks, most urgent first, each row telling one task from another (Dutch)',
    { timeout: patient(120_000) },
    async () => {
      // the admin app returns a user to the page it last saw (directus_users.last_page, which the platform sets to the
      // role's landing page for a new user); other browser tests of this clerk leave another page behind
      const admin = await as('admin');
      const email = DEMO_LOGINS.find((login) => login.key === 'clerkA')!.email;
      const [user] = (await admin.request(readUsers({ filter: { email: { _eq: email } }, fields: ['id'] }))) as Array<{
        id: string;
      }>;
      await admin.request(updateUser(user!.id, { last_page: LANDING_PAGES[ROLE_IDS.clerk] }));
      const clerk = await session('clerkA', 'nl-NL');
      const text = await landingTable(clerk.page);
      expect(text).toMatch(/Beoordelen status onbekend|Arbeidsmigrant inplannen|Inschrijven/);
      // the location of the migrant's current stay, not its masked name
      const locations = demoData()
        .locations.filter((location) => location.municipality === ORG.gemeenteA)
        .map((location) => location.name);
      expect(locations.some((name) => text.includes(name))).toBe(true);
      expect(text).not.toContain('•••');
      // most urgent first: the app asks for the list by urgency, then due date, and the rows it shows are overdue
      // first, then high, normal and low priority, each by due date
      const listed = clerk.page.waitForResponse(
        (response) => {
          const url = new URL(response.url());
          // the page of rows (sorted), not the count above it
          return url.pathname === '/items/tasks' && [...url.searchParams.keys()].some((key) => key.startsWith('sort'));
        },
        { timeout: patient(30_000) },
      );
      await clerk.page.reload();
      const response = await listed;
      const params = new URL(response.url()).searchParams;
      expect([...params.getAll('sort'), ...params.getAll('sort[]')].join(',')).toBe('urgency,due_date');
      const rows = ((await response.json()) as { data: Array<{ due_date: string | null; priority: string }> }).data;
      expect(rows.length).toBeGreaterThan(1);
      const today = todayInNetherlands();
      const rank = (row: (typeof rows)[number]) =>
        row.due_date !== null && row.due_date.slice(0, 10) < today
          ? 0
          : ({ high: 1, normal: 2, low: 3 } as Record<string, number>)[row.priority]!;
      const keys = rows.map((row) => `${rank(row)} ${row.due_date ?? '9999'}`);
      expect(keys).toEqual([...keys].sort());
      await landingTable(clerk.page);
      await expect.poll(() => clerk.page.getByText('Mijn taken', { exact: true }).first().isVisible()).toBe(true);
      await clerk.page.screenshot({ path: join(SCREENSHOTS, 'clerk-daily-1-landing-nl.png'), animations: 'disabled' });

      await done(clerk);
    },
  );

  it('lands a new English-speaking clerk on the same inbox in English', { timeout: patient(120_000) }, async () => {
    const admin = await as('admin');
    const email = `clerk-en-${Date.now()}@example.org`;
    await admin.request(
      createUser({
        email,
        password: 'demo-password',
        role: ROLE_IDS.clerk,
        organisation: ORG.gemeenteA,
        language: 'en-US',
        first_name: 'Emma',
        last_name: 'Clerk',
      } as Row),
    );
    const clerk = await session({ email }, 'en-GB');
    const text = await landingTable(clerk.page);
    expect(text).toMatch(/Assess unknown status|Schedule labour migrant|Register/);
    expect(text).not.toMatch(/Beoordelen status onbekend|Arbeidsmigrant inplannen/);
    expect(text).not.toContain('•••');
    await clerk.page.screenshot({ path: join(SCREENSHOTS, 'clerk-daily-2-landing-en.png'), animations: 'disabled' });
    await done(clerk);
  });

  it(
    'works an assess task on a real record, then schedules the migrant with the desk agenda',
    { timeout: patient(240_000) },
    async () => {
      const plan = demoConsentPlan(demoData());
      let task: TaskRow | undefined;
      let migrant = plan.sign[0]!;
      const today = new Date().toISOString().slice(0, 10);
      const longStay = (m: (typeof plan.sign)[number]) =>
        expectsLongStay({ arrivalDate: m.arrival_date, expectedDepartureDate: m.expected_departure_date, today });
      // a long stay: after the assessment the migrant is scheduled at the desk (a short one goes to the RNI)
      for (const candidate of plan.sign.filter(
        (m) => m.brp_status === 'geen' && !plan.revoke.includes(m) && longStay(m),
      )) {
        task = await onlyOpenTask(candidate.id, 'assess_status');
        migrant = candidate;
        if (task) break;
      }
      expect(task, 'a demo migrant with a signed consent and an open assess task').toBeDefined();

      const clerk = await session('clerkA', 'nl-NL');
      const { page } = clerk;
      await page.goto(`${directusUrl()}/admin/content/tasks/${task!.id}`);
      const actions = page.locator('.brp-task-actions');
      await actions.waitFor({ timeout: patient(30_000) });
      // the real record: the name in plain text, no masking notice
      await expect
        .poll(() => actions.getByRole('region', { name: 'Arbeidsmigrant' }).innerText(), { timeout: patient(30_000) })
        .toContain(`${migrant.first_names} ${migrant.surname}`);
      expect(await actions.innerText()).not.toContain('Waarom zie je de persoonsgegevens niet?');

      await actions.getByRole('button', { name: 'Oppakken' }).click();
      await expect.poll(() => actions.innerText(), { timeout: patient(30_000) }).toContain('Je hebt de taak opgepakt.');
      await actions.getByRole('button', { name: EVENT_LABELS.ASSESS.nl }).click();
      const dialog = page.locator('.brp-step-dialog');
      await dialog.waitFor();
      await expect
        .poll(() => dialog.innerText(), { timeout: patient(15_000) })
        .toMatch(/Antwoord van de BRP|Geen BRP-koppeling|De BRP gaf geen antwoord/);
      await dialog.getByRole('radio', { name: 'Niet ingeschreven' }).check();
      await dialog.getByRole('button', { name: 'Bevestigen' }).click();

      // after the step: the migrant's next task and the next task of the team's queue
      await expect
        .poll(() => actions.innerText(), { timeout: patient(30_000) })
        .toContain('Gelukt: de BRP-status is nu "Niet ingeschreven".');
      await expect
        .poll(
          () =>
            actions
              .getByRole('region', { name: 'Verder werken' })
              .getByRole('link', { name: /Volgende taak/ })
              .isVisible(),
          { timeout: patient(15_000) },
        )
        .toBe(true);
      await page.screenshot({ path: join(SCREENSHOTS, 'clerk-daily-3-after-assess.png'), animations: 'disabled' });
      await actions.getByRole('link', { name: /Arbeidsmigrant inplannen/ }).click();

      // the schedule task: a free slot of a desk, picked in the agenda
      await page.waitForURL(
        (url) => url.pathname.startsWith('/admin/content/tasks/') && !url.pathname.endsWith(task!.id),
        { timeout: patient(30_000) },
      );
      await actions.getByRole('button', { name: EVENT_LABELS.SCHEDULE.nl }).waitFor({ timeout: patient(30_000) });
      await actions.getByRole('button', { name: EVENT_LABELS.SCHEDULE.nl }).click();
      await dialog.waitFor();
      await dialog.getByLabel('Balie', { exact: true }).selectOption('Balie 1');
      await dialog.getByLabel('Datum').fill(agendaDay());
      await dialog.getByLabel('Duur').selectOption('20');
      const slots = dialog.getByRole('radiogroup', { name: 'Vrije tijden' }).getByRole('radio');
      await expect.poll(() => slots.count(), { timeout: patient(15_000) }).toBeGreaterThan(0);
      await expect.poll(() => dialog.getByRole('button', { name: 'Bevestigen' }).isDisabled()).toBe(true);
      await slots.first().check({ force: true });
      await expect.poll(() => dialog.innerText()).toMatch(/Gekozen: .* aan Balie 1\./);
      await page.screenshot({ path: join(SCREENSHOTS, 'clerk-daily-4-desk-agenda.png'), animations: 'disabled' });
      await dialog.getByRole('button', { name: 'Bevestigen' }).click();

      await expect
        .poll(() => actions.innerText(), { timeout: patient(30_000) })
        .toContain('Gelukt: de BRP-status is nu "Ingepland".');
      await expect
        .poll(() => actions.innerText(), { timeout: patient(15_000) })
        .toMatch(/Afspraak: .* aan Balie 1 \(Voorgesteld\)/);
      await page.screenshot({ path: join(SCREENSHOTS, 'clerk-daily-5-scheduled.png'), animations: 'disabled' });

      const [appointment] = (await (
        await as('admin')
      ).request(
        readItems('appointments', {
          filter: { migrant: { _eq: migrant.id } },
          fields: ['desk', 'status', 'starts_at', 'ends_at'],
        }),
      )) as Row[];
      expect(appointment).toMatchObject({ desk: 'Balie 1', status: 'proposed' });
      expect(Date.parse(String(appointment!['ends_at'])) - Date.parse(String(appointment!['starts_at']))).toBe(
        20 * 60_000,
      );
      await done(clerk);
    },
  );

  it(
    'says why the data are masked and what can be done: a revoked consent, an invitation not yet answered',
    { timeout: patient(120_000) },
    async () => {
      const plan = demoConsentPlan(demoData());
      const revoked = plan.revoke[0]!;
      const revokedTask = (await openTasks({ migrant: { _eq: revoked.id } }))[0];
      const signedIds = new Set(plan.sign.map((m) => m.id));
      const pendingMigrant = demoData().migrants.find(
        (m) =>
          m.provider === ORG.providerA &&
          m.brp_status === 'geen' &&
          m.email &&
          !signedIds.has(m.id) &&
          m.current_location &&
          demoData().locations.find((l) => l.id === m.current_location)?.municipality === ORG.gemeenteA,
      );
      const pendingTask = pendingMigrant ? (await openTasks({ migrant: { _eq: pendingMigrant.id } }))[0] : undefined;
      expect(revokedTask && pendingTask, 'open tasks of a revoked and of an invited migrant').toBeTruthy();

      const clerk = await session('clerkA', 'nl-NL');
      const shieldOf = async (taskId: string, screenshot: string) => {
        await clerk.page.goto(`${directusUrl()}/admin/content/tasks/${taskId}`);
        await clerk.page.locator('.brp-task-actions .facts').waitFor({ timeout: patient(30_000) });
        await clerk.page.waitForLoadState('networkidle');
        await clerk.page.screenshot({ path: join(SCREENSHOTS, screenshot), animations: 'disabled' });
        return clerk.page.locator('.brp-task-actions .migrant').innerText();
      };
      expect(await shieldOf(revokedTask!.id, 'clerk-daily-6-masked-revoked.png')).toMatch(
        /machtiging ingetrokken[\s\S]*nieuwe uitnodiging/,
      );
      expect(await shieldOf(pendingTask!.id, 'clerk-daily-7-masked-invited.png')).toMatch(
        /uitgenodigd[\s\S]*nog niet getekend/,
      );
      await done(clerk);
    },
  );

  it('refuses a second appointment in a slot the desk already has', async () => {
    const admin = await as('admin');
    const [first, second] = (await admin.request(
      readItems('migrants', {
        filter: {
          _and: [
            { brp_status: { _eq: 'niet_ingeschreven' } },
            { current_location: { municipality: { _eq: ORG.gemeenteA } } },
          ],
        },
        fields: ['id'],
        sort: ['id'],
        limit: 2,
      }),
    )) as Array<{ id: string }>;
    const clerk = await as('clerkA');
    const startsAt = `${agendaDay()}T07:00:00.000Z`;
    const schedule = (migrant: string, starts: string) =>
      attempt(
        clerk.request(
          customEndpoint({
            method: 'POST',
            path: `/brp/migrants/${migrant}/events`,
            body: JSON.stringify({ type: 'SCHEDULE', appointment: { desk: 'Dubbelbalie', starts_at: starts } }),
          }),
        ),
      );
    expect((await schedule(first!.id, startsAt)).ok).toBe(true);
    const twice = await schedule(second!.id, new Date(Date.parse(startsAt) + 5 * 60_000).toISOString());
    expect({ status: twice.status, message: twice.message }).toMatchObject({
      status: 409,
      message: expect.stringContaining('Dubbelbalie'),
    });
  });

  const DASHBOARD_VIEWERS: ReadonlyArray<readonly [DemoLoginKey, string, readonly string[]]> = [
    ['admin', 'nl-NL', [WORKLOAD, HOUSING, WARNINGS]],
    ['clerkA', 'nl-NL', [WORKLOAD, HOUSING, WARNINGS]],
    ['policyA', 'en-GB', [HOUSING]],
    // the warnings, counted as each reads them: the inspector its locations', the provider its own
    ['inspectorA', 'nl-NL', [WARNINGS]],
    ['municipalityAdminA', 'nl-NL', [WARNINGS]],
    ['providerA', 'nl-NL', [PROVIDER_WARNINGS]],
  ];

  for (const [actor, locale, dashboards] of DASHBOARD_VIEWERS) {
    it(
      `renders every dashboard ${actor} sees, with the right figures and no error`,
      { timeout: patient(180_000) },
      async () => {
        if (actor === 'clerkA') {
          // a task of the clerk's own, for the workload's "My tasks" list
          const [mine] = await openTasks({
            _and: [
              { type: { _eq: 'deregister' } },
              { owner_organisation: { _eq: ORG.gemeenteA } },
              { assignee: { _null: true } },
            ],
          });
          expect(
            (
              await attempt(
                (await as('clerkA')).request(customEndpoint({ method: 'POST', path: `/brp/tasks/${mine!.id}/claim` })),
              )
            ).ok,
          ).toBe(true);
        }
        const viewer = await session(actor, locale);
        const { page } = viewer;
        for (const dashboard of dashboards) {
          await page.goto(`${directusUrl()}/admin/insights/${dashboard}`);
          const tiles = page.locator('.v-workspace-tile');
          await expect.poll(() => tiles.count(), { timeout: patient(30_000) }).toBeGreaterThan(1);
          await expect.poll(() => page.locator('.panel-loading').count(), { timeout: patient(30_000) }).toBe(0);
          await page.waitForLoadState('networkidle');
          expect(await page.locator('.panel-container').count()).toBe(await tiles.count());
          expect(await page.locator('.workspace').innerText()).not.toMatch(/Unexpected error|Onverwachte fout/i);
          if (dashboard === WORKLOAD) {
            const client = await as(actor);
            const count = async (filter: Row) =>
              Number(
                (
                  (await client.request(
                    aggregate('tasks', { aggregate: { count: '*' }, query: { filter } }),
                  )) as Array<{ count: number | string }>
                )[0]!.count,
              );
            const open = (await client.request(
              readItems('tasks', { filter: { status: { _eq: 'open' } }, fields: ['due_date'], limit: -1 }),
            )) as Array<{ due_date: string | null }>;
            const today = new Date().toISOString().slice(0, 10);
            const overdue = open.filter((t) => t.due_date !== null && t.due_date.slice(0, 10) < today).length;
            expect(await tiles.filter({ hasText: 'Open taken' }).locator('.metric-text').innerText()).toBe(
              String(await count({ status: { _eq: 'open' } })),
            );
            expect(await tiles.filter({ hasText: 'Te laat' }).locator('.metric-text').innerText()).toBe(
              String(overdue),
            );
            if (actor === 'clerkA')
              expect(await tiles.filter({ hasText: 'Mijn taken' }).innerText()).toMatch(/Uitschrijven/);
          }
          if (dashboard === WARNINGS || dashboard === PROVIDER_WARNINGS) {
            const unresolved = (
              (await (
                await as(actor)
              ).request(
                aggregate('warnings', {
                  aggregate: { count: '*' },
                  query: { filter: { status: { _in: ['open', 'acknowledged'] } } },
                }),
              )) as Array<{ count: number | string }>
            )[0]!.count;
            expect(await tiles.filter({ hasText: 'Openstaande signalen' }).locator('.metric-text').innerText()).toBe(
              String(unresolved),
            );
          }
          await page.screenshot({
            path: join(SCREENSHOTS, `clerk-daily-dashboard-${actor}-${dashboard.slice(-1)}.png`),
            animations: 'disabled',
          });
        }
        await done(viewer);
      },
    );
  }

  it('talks to nothing but the platform', () => {
    expect(sessions.length).toBeGreaterThan(0);
    expect(external).toEqual([]);
  });
});
