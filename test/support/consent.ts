/**
 * The migrant's side in tests: the invitation mails the platform under test wrote (Directus's sendmail transport
 * into the run's mail directory), and a client of the public consent API with its CSRF cookie.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { recordFromReceipt } from '../../extensions/labour-platform/src/domain/consent/receipt.js';
import { consentMailsIn, type Mail } from '../../scripts/lib/consent-mail.js';
import { directusUrl } from './as-user.js';

export type { Mail };

export function mailDirectory(): string {
  return inject('mailDirectory');
}

/** Every consent mail so far, oldest first. */
export function consentMails(): Mail[] {
  return consentMailsIn(mailDirectory());
}

/** Waits for a consent mail to `to` that is not one of `seen` (tokens). */
export async function waitForMail(
  to: string,
  seen: ReadonlySet<string> = new Set(),
  timeoutMs = 20_000,
): Promise<Mail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mail = consentMails()
      .reverse()
      .find((candidate) => candidate.to === to && !seen.has(candidate.token));
    if (mail) return mail;
    if (Date.now() > deadline) throw new Error(`no consent mail to ${to} within ${timeoutMs / 1000}s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export function tokensTo(to: string): Set<string> {
  return new Set(
    consentMails()
      .filter((mail) => mail.to === to)
      .map((mail) => mail.token),
  );
}

export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: { data?: T; error?: { code: string } & Record<string, unknown> };
  headers: Headers;
}

/** A browser-like client of /consent/api: keeps its CSRF cookie, can pose as another address (X-Forwarded-For). */
export class ConsentApi {
  private cookie = '';
  private csrf = '';

  constructor(private readonly address?: string) {}

  private extra(): Record<string, string> {
    return this.address ? { 'X-Forwarded-For': this.address } : {};
  }

  async start(): Promise<this> {
    const response = await fetch(`${directusUrl()}/consent/api/csrf`, { headers: this.extra() });
    this.cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
    this.csrf = ((await response.json()) as { data: { csrf: string } }).data.csrf;
    return this;
  }

  async post<T = Record<string, unknown>>(
    path: string,
    body: Record<string, unknown>,
    options: { csrf?: string | null; cookie?: string | null; contentType?: string } = {},
  ): Promise<Answer<T>> {
    const headers: Record<string, string> = {
      'Content-Type': options.contentType ?? 'application/json',
      ...this.extra(),
    };
    const csrf = options.csrf === undefined ? this.csrf : options.csrf;
    const cookie = options.cookie === undefined ? this.cookie : options.cookie;
    if (csrf !== null) headers['X-Consent-CSRF'] = csrf;
    if (cookie !== null) headers['Cookie'] = cookie;
    const response = await fetch(`${directusUrl()}/consent/api/${path}`, {
      method: 'POST',
      headers,
      body:
        options.contentType && !options.contentType.includes('json')
          ? new URLSearchParams(body as Record<string, string>).toString()
          : JSON.stringify(body),
    });
    return {
      status: response.status,
      body: (await response.json().catch(() => ({}))) as Answer<T>['body'],
      headers: response.headers,
    };
  }
}

export function dateParts(isoDate: string): { day: string; month: string; year: string } {
  const [year, month, day] = isoDate.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year: year! };
}

/**
 * Runs the real `openssl cms -verify` on a receipt file, the way the receipt itself tells a reader to: the record
 * from its base64 block, the certificate and the signature from the file. Returns openssl's exit code and stderr.
 */
export function verifyReceiptWithOpenssl(
  receipt: string,
  trustedCertificatePem?: string,
): { status: number | null; stderr: string; record: string } {
  const directory = mkdtempSync(join(tmpdir(), 'consent-receipt-'));
  writeFileSync(join(directory, 'receipt.txt'), receipt, 'utf8');
  const record = recordFromReceipt(receipt) ?? '';
  writeFileSync(join(directory, 'record.json'), record, 'utf8');
  const certificate = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----\n/.exec(receipt)?.[0];
  if (!certificate) return { status: 1, stderr: 'the receipt holds no certificate', record };
  writeFileSync(join(directory, 'certificate.pem'), certificate);
  if (trustedCertificatePem) writeFileSync(join(directory, 'trusted.pem'), trustedCertificatePem);
  const result = spawnSync(
    'openssl',
    [
      'cms',
      '-verify',
      '-binary',
      '-inform',
      'PEM',
      '-in',
      'receipt.txt',
      '-content',
      'record.json',
      '-CAfile',
      trustedCertificatePem ? 'trusted.pem' : 'certificate.pem',
      '-purpose',
      'any',
      '-out',
      'verified.json',
    ],
    { cwd: directory, encoding: 'utf8' },
  );
  return { status: result.status, stderr: result.stderr, record };
}
