/** Debian's Chromium driven by playwright-core (never a downloaded browser), for the browser tests. */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { patient } from './patience.js';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not at ${CHROMIUM}: install Debian's chromium (apt-get install chromium; .ci/run does) or set CHROMIUM_PATH.`,
    );
  }
  // Without the background-networking flags Chromium tries to reach Google's services, which this network refuses.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  // Playwright's own waits (30 s for an action, a locator, a navigation) are upper bounds too: scaled for a busy machine
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...options: Parameters<Browser['newContext']>) => {
    const context = await newContext(...options);
    context.setDefaultTimeout(patient(30_000));
    context.setDefaultNavigationTimeout(patient(30_000));
    return context;
  };
  return browser;
}

/** Logs `page` in through the admin app's own login form (the demo password) and waits for the app. */
export async function logInToAdminApp(
  page: Page,
  baseUrl: string,
  email: string,
  password = 'demo-password',
): Promise<void> {
  await page.goto(`${baseUrl}/admin/login`);
  await page.locator('input[type="email"]').fill(email);
  await page.locator('input[type="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname.startsWith('/admin/') && !url.pathname.startsWith('/admin/login'), {
    timeout: patient(30_000),
  });
}
