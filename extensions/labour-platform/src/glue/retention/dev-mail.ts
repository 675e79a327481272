/**
 * The development mail stand-in's copies, erased with the person (issue 9). Without a mail server (development, tests,
 * the benchmark) Directus's sendmail transport hands every message to scripts/dev-sendmail.mjs, which writes it as a
 * plain .eml file into DEV_MAIL_DIR (`data/mail` for `npm start`). A consent invitation holds personal data in plain
 * text (the recipient's address, the first name, the provider), so those files must not outlive the person. The
 * invitation's HTML carries the consent request's id (CONSENT_REQUEST_MARKER; an id, no personal data), and the
 * stand-in files the message as `<time>-<pid>-<random>.consent-<id>.eml`; erasing a person deletes the files of every
 * consent request of that person, inside the erasure's transaction, before it commits (a kill after the files went
 * and before the commit leaves the person for the next run, and the mails gone: no half state that keeps data).
 * With a real transport (EMAIL_TRANSPORT other than sendmail, or no DEV_MAIL_DIR) there is nothing on this machine to
 * delete: the mail left it, and its retention is the mail provider's (README, "Personal data").
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** The attribute of the invitation's outer element that names its consent request (and the .eml file's suffix). */
export const CONSENT_REQUEST_MARKER = 'data-consent-request';

const FILE_PATTERN = /\.consent-([0-9a-f-]{36})\.eml$/i;

/** The stand-in's directory when the platform writes mail there (sendmail transport with DEV_MAIL_DIR), else null. */
export function developmentMailDirectory(env: Readonly<Record<string, string | undefined>>): string | null {
  if ((env['EMAIL_TRANSPORT'] ?? '').toLowerCase() !== 'sendmail') return null;
  const directory = env['DEV_MAIL_DIR']?.trim();
  return directory ? directory : null;
}

/** The consent request a mail file belongs to, from its name; null for any other message. */
export function consentOfMailFile(name: string): string | null {
  return FILE_PATTERN.exec(name)?.[1]?.toLowerCase() ?? null;
}

/** Deletes the stand-in's files of these consent requests; answers how many. A missing directory holds none. */
export function eraseDevelopmentMail(directory: string | null, consentIds: readonly string[]): number {
  if (directory === null || consentIds.length === 0) return 0;
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  const wanted = new Set(consentIds.map((id) => id.toLowerCase()));
  let erased = 0;
  for (const name of names) {
    const consent = consentOfMailFile(name);
    if (consent === null || !wanted.has(consent)) continue;
    rmSync(join(directory, name), { force: true });
    erased++;
  }
  return erased;
}
