/**
 * The admin app in a real browser for the tests: a fresh session logged in through the app's own login form, which
 * records every console error, uncaught exception, failed request and error answer of the platform after login,
 * and every request that leaves the platform.
 */
import type { Browser, Page } from 'playwright-core';
import { DEMO_LOGINS, type DemoLoginKey } from '../../scripts/lib/demo-logins.js';
import { directusUrl } from './as-user.js';
import { logInToAdminApp } from './browser.js';

export interface AdminSession {
  page: Page;
  /** Console errors, page errors, failed requests and 4xx/5xx answers since login. */
  problems: string[];
  /** Requests to anything but the platform. */
  external: string[];
  close(): Promise<void>;
}

export interface Login {
  email: string;
  password?: string;
}

export async function adminSession(browser: Browser, who: DemoLoginKey | Login, locale: string): Promise<AdminSession> {
  const login = typeof who === 'string' ? { email: DEMO_LOGINS.find((candidate) => candidate.key === who)!.email } : who;
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale, timezoneId: 'Europe/Amsterdam' });
  const page = await context.newPage();
  const base = new URL(directusUrl()).origin;
  const problems: string[] = [];
  const external: string[] = [];
  let watching = false;
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(base) && !url.startsWith('data:') && !url.startsWith('blob:')) external.push(url);
  });
  page.on('console', (message) => {
    if (watching && message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => {
    if (watching) problems.push(`page error: ${error.message}`);
  });
  page.on('requestfailed', (request) => {
    // a navigation away aborts what the previous page was still loading: not a failure of the platform
    if (watching && request.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${request.method()} ${request.url()} ${request.failure()?.errorText ?? ''}`);
  });
  page.on('response', (response) => {
    if (watching && response.status() >= 400) problems.push(`answer ${response.status()}: ${response.request().method()} ${response.url()}`);
  });

  await logInToAdminApp(page, directusUrl(), login.email, login.password);
  watching = true;
  return { page, problems, external, close: () => context.close() };
}
