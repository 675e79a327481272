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

/** An error answer a test expects (the platform refusing what the test typed on purpose): not a problem. */
export type ExpectedAnswer = (answer: { status: number; method: string; url: URL }) => boolean;

export interface AdminSessionOptions {
  viewport?: { width: number; height: number };
  /** Error answers this test expects; every other answer of 400 or more is a problem. */
  expected?: ExpectedAnswer;
}

/**
 * Answers the admin app expects and handles itself, for a test whose subject they are not: the translation strings
 * a role may not read (the app falls back to its built-in ones) and the browser's own guess at /favicon.ico.
 */
export const appFallbacks: ExpectedAnswer = ({ url }) =>
  url.pathname === '/translations' || url.pathname === '/favicon.ico';

export async function adminSession(
  browser: Browser,
  who: DemoLoginKey | Login,
  locale: string,
  options: AdminSessionOptions = {},
): Promise<AdminSession> {
  const login =
    typeof who === 'string' ? { email: DEMO_LOGINS.find((candidate) => candidate.key === who)!.email } : who;
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1920, height: 1080 },
    locale,
    timezoneId: 'Europe/Amsterdam',
  });
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
    // an error answer is judged once, by its response below (the browser also logs it as a failed resource load)
    const answered = /^Failed to load resource: the server responded with a status of \d+/.test(message.text());
    if (watching && message.type() === 'error' && !answered) problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => {
    if (watching) problems.push(`page error: ${error.message}`);
  });
  page.on('requestfailed', (request) => {
    // a navigation away aborts what the previous page was still loading: not a failure of the platform
    if (watching && request.failure()?.errorText !== 'net::ERR_ABORTED')
      problems.push(`request failed: ${request.method()} ${request.url()} ${request.failure()?.errorText ?? ''}`);
  });
  page.on('response', (response) => {
    if (!watching || response.status() < 400) return;
    const answer = { status: response.status(), method: response.request().method(), url: new URL(response.url()) };
    if (!options.expected?.(answer))
      problems.push(`answer ${response.status()}: ${response.request().method()} ${response.url()}`);
  });

  await logInToAdminApp(page, directusUrl(), login.email, login.password);
  watching = true;
  return { page, problems, external, close: () => context.close() };
}
