/**
 * Whom a migrant with a locked or unknown link can ask: the contact set in CONSENT_HELP_NAME and CONSENT_HELP_EMAIL,
 * else the municipalities on the platform with a contact address (organisation data: public bodies and their
 * public addresses, the same for every visitor, so the page can show them without a token). Read at most once a
 * minute.
 */
import type { Knex } from 'knex';
import { escapeHtml } from '../../domain/html';
import type { ConsentHelpContact } from '../../domain/consent/session';

const FRESH_MS = 60_000;
let cached: { at: number; contacts: ConsentHelpContact[] } | null = null;

/** The configured contact, when both its name and a plausible address are set. */
export function configuredHelpContact(env: NodeJS.ProcessEnv): ConsentHelpContact | null {
  const name = env['CONSENT_HELP_NAME']?.trim();
  const email = env['CONSENT_HELP_EMAIL']?.trim();
  return name && email && email.includes('@') ? { name, email } : null;
}

export async function helpContacts(
  knex: Knex,
  env: NodeJS.ProcessEnv = process.env,
  now: number = Date.now(),
): Promise<ConsentHelpContact[]> {
  const configured = configuredHelpContact(env);
  if (configured) return [configured];
  if (cached && now - cached.at < FRESH_MS) return cached.contacts;
  const rows = (await knex('organisations')
    .select('name', 'email')
    .where('type', 'gemeente')
    .whereNotNull('email')
    .orderBy('name')) as Array<{ name: string | null; email: string | null }>;
  const contacts = rows.flatMap((row) =>
    row.name && row.email?.includes('@') ? [{ name: row.name, email: row.email }] : [],
  );
  cached = { at: now, contacts };
  return contacts;
}

/** The contacts as the page's shell carries them: JSON in an HTML attribute. */
export function helpContactsAttribute(contacts: readonly ConsentHelpContact[]): string {
  return escapeHtml(JSON.stringify(contacts));
}
