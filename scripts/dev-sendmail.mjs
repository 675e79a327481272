#!/usr/bin/env node
/**
 * A stand-in for a mail server with sendmail's interface, for development and tests only: Directus's sendmail
 * transport (EMAIL_TRANSPORT=sendmail, EMAIL_SENDMAIL_PATH=this file) pipes each message here, and it is written
 * to DEV_MAIL_DIR (default data/mail) as one .eml file, so a developer or a test can open the invitation link.
 * Arguments (-i, -f sender, -- recipients) are accepted and ignored: the message itself carries its headers.
 * A consent invitation names its consent request (data-consent-request="<id>" in its HTML, no personal data); its file
 * is then `<time>-<pid>-<random>.consent-<id>.eml`, so erasing the person deletes it (glue/retention/dev-mail.ts).
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const directory = process.env.DEV_MAIL_DIR || resolve(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'mail');
const chunks = [];
process.stdin.on('data', (chunk) => chunks.push(chunk));
process.stdin.on('end', () => {
  mkdirSync(directory, { recursive: true });
  const message = Buffer.concat(chunks);
  const consent = consentRequestOf(message.toString('utf8'));
  const name = `${Date.now()}-${process.pid}-${randomBytes(4).toString('hex')}${consent ? `.consent-${consent}` : ''}.eml`;
  // write, then rename: a reader never sees half a message
  const partial = join(directory, `.${name}.part`);
  writeFileSync(partial, message, { mode: 0o600 });
  renameSync(partial, join(directory, name));
});

/** The consent request a message names, read through quoted-printable's soft line breaks and escapes; else null. */
function consentRequestOf(raw) {
  const text = raw.replace(/=\r?\n/g, '').replace(/=3D/gi, '=');
  const match = /data-consent-request="([0-9a-f-]{36})"/i.exec(text);
  return match ? match[1].toLowerCase() : null;
}
