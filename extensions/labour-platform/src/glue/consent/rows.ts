/**
 * Reading for the consent glue: a `consents` row, the migrant's facts (personal ones decrypted by the data layer,
 * a system read; nothing but the first name leaves towards the page, the e-mail address towards the mail flow) and
 * the published consent text.
 */
import type { Knex } from 'knex';
import { isSupportedLanguage, type SupportedLanguage } from '../../domain/languages';
import { firstNameOf, timeOf, type TokenState } from '../../domain/consent/invitation';
import { sha256Hex, type ConsentChannel } from '../../domain/consent/record';
import type { ConsentHelpContact, ConsentText } from '../../domain/consent/session';
import { fillPrivacyNotice, type PrivacyNoticeSettings } from '../../domain/consent/privacy-notice';
import { shownConsentText } from '../../domain/consent/texts';
import type { ConsentMigrantFacts } from '../../domain/migrant-facts';
import { systemItems, type DataAccess, type Row } from '../items';

/** A `consents` row as stored (times as SQLite or PostgreSQL give them); the token's columns are TokenState's. */
export interface ConsentRow extends TokenState {
  id: string;
  migrant: string | null;
  status: string;
  language: string | null;
  requested_at: string | number | Date | null;
  signed_at: string | number | Date | null;
  revoked_at: string | number | Date | null;
  refused_at: string | number | Date | null;
  failed_attempts: number | null;
  text_version: string | null;
  channel: string | null;
  sent_at: string | number | Date | null;
  printed_by: string | null;
}

/** How the invitation of a consent row reached the migrant, for the evidence (null: not recorded). */
export function channelOf(row: ConsentRow): ConsentChannel | undefined {
  if (row.channel !== 'email' && row.channel !== 'letter') return undefined;
  const at = timeOf(row.sent_at);
  return {
    via: row.channel,
    at: at === null ? null : new Date(at).toISOString(),
    printedBy: row.channel === 'letter' ? (row.printed_by ?? null) : null,
  };
}

export async function consentRow(knex: Knex, id: string): Promise<ConsentRow | undefined> {
  return (await knex('consents').where('id', id).first()) as ConsentRow | undefined;
}

/** The migrant's facts the consent needs: personal ones decrypted by the data layer (a system read). */
export async function migrantFacts(access: DataAccess, migrantId: string): Promise<ConsentMigrantFacts | null> {
  const [row] = await systemItems(access, 'migrants').readByQuery({
    filter: { id: { _eq: migrantId } },
    fields: [
      'id',
      'first_names',
      'email',
      'date_of_birth',
      'language',
      'provider.name',
      'current_location.municipality.name',
      'current_location.municipality.email',
      ...NOTICE_COLUMNS.map((column) => `current_location.municipality.${column}`),
    ],
    limit: 1,
  });
  if (!row) return null;
  const provider = row['provider'] as Row | null;
  const location = row['current_location'] as { municipality?: Row | null } | null;
  const email = typeof row['email'] === 'string' && row['email'].includes('@') ? row['email'] : null;
  return {
    id: String(row['id']),
    firstName: firstNameOf(row['first_names']),
    email,
    dateOfBirth: typeof row['date_of_birth'] === 'string' ? row['date_of_birth'] : null,
    language: isSupportedLanguage(row['language']) ? row['language'] : 'en',
    providerName: typeof provider?.['name'] === 'string' ? provider['name'] : null,
    municipalityName:
      typeof location?.municipality?.['name'] === 'string' ? (location.municipality['name'] as string) : null,
    municipalityEmail:
      typeof location?.municipality?.['email'] === 'string' && location.municipality['email'].includes('@')
        ? (location.municipality['email'] as string)
        : null,
    privacyNotice: location?.municipality ? privacyNoticeSettings(location.municipality) : null,
  };
}

/** The organisation columns a municipality's privacy notice names (set by its municipality administrator). */
export const NOTICE_COLUMNS = ['controller_name', 'controller_contact', 'dpo_contact'] as const;

/** A municipality's privacy notice settings from its organisation row: its own, else its name and e-mail address. */
export function privacyNoticeSettings(organisation: Row): PrivacyNoticeSettings {
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
  return {
    controller: text(organisation['controller_name']) ?? text(organisation['name']),
    contact: text(organisation['controller_contact']) ?? text(organisation['email']),
    dpo: text(organisation['dpo_contact']),
  };
}

/** The contact of the migrant's municipality, when it has a name and an address. */
export function municipalityContact(
  facts: Pick<ConsentMigrantFacts, 'municipalityName' | 'municipalityEmail'> | null,
): ConsentHelpContact | null {
  return facts?.municipalityName && facts.municipalityEmail
    ? { name: facts.municipalityName, email: facts.municipalityEmail }
    : null;
}

/**
 * The published consent text in a language (the newest published version), its privacy notice filled in with the
 * municipality's settings: what the page shows, and what its SHA-256 (the one the evidence names) is over.
 */
export async function publishedText(
  knex: Knex,
  language: SupportedLanguage,
  version: string | undefined,
  notice: PrivacyNoticeSettings | null,
): Promise<ConsentText | null> {
  const query = knex('consent_texts').select('version', 'language', 'title', 'body').where({ language });
  if (version) query.andWhere({ version });
  else
    query.andWhere({ status: 'published' }).orderBy([
      { column: 'published_at', order: 'desc' },
      { column: 'version', order: 'desc' },
    ]);
  const row = (await query.first()) as
    { version: string; language: SupportedLanguage; title: string; body: string } | undefined;
  if (!row) return null;
  const title = fillPrivacyNotice(row.title, row.language, notice);
  const body = fillPrivacyNotice(row.body, row.language, notice);
  return { ...row, title, body, sha256: sha256Hex(shownConsentText(title, body)) };
}
