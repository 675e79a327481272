/**
 * HTTP helpers of the public consent page: security headers (a strict Content-Security-Policy of its own,
 * replacing Directus's), the CSRF cookie, the page's static files, and the printable letter.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import QRCode from 'qrcode';
import { escapeHtml, htmlDocument } from '../../domain/html';
import { CONSENT_MESSAGES, fill, formatDate } from '../../domain/consent/i18n';
import { localised, type UiLanguage } from '../../domain/ui-language';
import type { Reply } from '../http/seam';
import type { Letter } from './letters';

/** default-src 'none': the page loads its own script, style and images, talks only to itself, is never framed. */
export const CONSENT_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function securityHeaders(response: Reply, cache: 'no-store' | 'immutable' = 'no-store'): void {
  response.setHeader('Content-Security-Policy', CONSENT_CSP);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  response.setHeader('Cache-Control', cache === 'immutable' ? 'public, max-age=31536000, immutable' : 'no-store');
}

// ---------------------------------------------------------------------------------------------------- CSRF

export const CSRF_COOKIE = 'consent_csrf';
export const CSRF_HEADER = 'x-consent-csrf';

/** The CSRF key: derived from the platform's SECRET (the same on every instance), else random per process. */
export function csrfKey(secret: string | undefined): Buffer {
  return secret ? createHmac('sha256', secret).update('labour-platform consent csrf').digest() : randomBytes(32);
}

export function setCsrfCookie(response: Reply, token: string, secure: boolean): void {
  const parts = [`${CSRF_COOKIE}=${token}`, 'Path=/consent', 'HttpOnly', 'SameSite=Strict', 'Max-Age=86400'];
  if (secure) parts.push('Secure');
  response.setHeader('Set-Cookie', parts.join('; '));
}

// ------------------------------------------------------------------------------------------- static files

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

export interface PageFiles {
  index: string;
  assets: Map<string, { type: string; body: Buffer }>;
}

/** The built page (vite build into dist/consent-page/, next to this bundle), read once. */
export function loadPageFiles(
  directory: string = fileURLToPath(new URL('./consent-page/', import.meta.url)),
): PageFiles | null {
  const indexFile = join(directory, 'index.html');
  if (!existsSync(indexFile)) return null;
  const assets = new Map<string, { type: string; body: Buffer }>();
  const assetDirectory = join(directory, 'assets');
  if (existsSync(assetDirectory)) {
    for (const name of readdirSync(assetDirectory))
      assets.set(name, {
        type: TYPES[extname(name)] ?? 'application/octet-stream',
        body: readFileSync(join(assetDirectory, name)),
      });
  }
  return { index: readFileSync(indexFile, 'utf8'), assets };
}

// ---------------------------------------------------------------------------------------------- the letter

export const LETTER_CSS = `@page { size: A4; margin: 18mm; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; color: #1a1a1a; font-size: 12pt; line-height: 1.5; margin: 0; }
.letter { max-width: 180mm; margin: 0 auto; padding: 8mm 0; }
.letter__band { border-left: 6px solid #154273; padding-left: 12px; margin-bottom: 10mm; }
.letter__sender { font-weight: 700; color: #154273; margin: 0; }
h1 { font-size: 20pt; line-height: 1.2; margin: 0 0 6mm; }
.letter__qr { display: flex; gap: 8mm; align-items: center; margin: 8mm 0; }
.letter__qr svg { width: 55mm; height: 55mm; flex: none; }
.letter__link { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 9pt; word-break: break-all; }
.letter__note { color: #444; font-size: 10pt; }
.letter__print { margin: 6mm 0; padding: 10px 18px; font: inherit; background: #154273; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
.letter__print:focus { outline: 3px solid #ffbf47; outline-offset: 2px; }
@media print { .letter__print { display: none; } }
`;

export const LETTER_JS = `document.querySelector('[data-print]')?.addEventListener('click', () => window.print());\n`;

/** The letter's print button, for the provider who prints it (in its language; the button is not printed). */
const PRINT_LABEL = localised('Afdrukken', 'Print');

/**
 * One printable page in the migrant's language, with the link as a QR code (an inline SVG made here); its print
 * button in the language of `reader`, the provider who prints it.
 */
export async function letterHtml(letter: Letter, reader: UiLanguage): Promise<string> {
  const m = CONSENT_MESSAGES[letter.language].letter;
  const qr = await QRCode.toString(letter.link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  const svg = qr.replace('<svg ', `<svg role="img" aria-label="QR code" `);
  return htmlDocument({
    language: letter.language,
    title: m.title,
    head: `<link rel="stylesheet" href="/consent/letter.css">\n<script src="/consent/letter.js" defer></script>`,
    body: `<main class="letter">
<button type="button" class="letter__print" data-print>${escapeHtml(PRINT_LABEL[reader])}</button>
<div class="letter__band"><p class="letter__sender">${escapeHtml(letter.providerName)}</p></div>
<h1>${escapeHtml(m.title)}</h1>
<p>${escapeHtml(fill(m.greeting, { name: letter.firstName }))}</p>
<p>${escapeHtml(fill(m.body, { provider: letter.providerName }))}</p>
<div class="letter__qr">${svg}<div><p>${escapeHtml(m.scan)}</p><p>${escapeHtml(m.typeLink)}</p><p class="letter__link">${escapeHtml(letter.link)}</p></div></div>
<p><strong>${escapeHtml(fill(m.deadline, { date: formatDate(letter.language, letter.expiresAt) }))}</strong></p>
<p class="letter__note">${escapeHtml(m.help)}</p>
</main>`,
  });
}
