/**
 * What the platform's modules read about one migrant, in domain terms: one definition. Each use takes the part
 * it needs with Pick (the consent invitation and page, the reveal of personal data), so the same name never
 * means two different shapes. Plain module: no Directus import.
 */
import type { PrivacyNoticeSettings } from './consent/privacy-notice';
import type { SupportedLanguage } from './languages';

export interface MigrantFacts {
  id: string;
  /** The first of the first names (the consent page greets the migrant with it), decrypted. */
  firstName: string;
  /** Decrypted; null when there is none that looks like an address. */
  email: string | null;
  /** YYYY-MM-DD, decrypted; null when unknown. */
  dateOfBirth: string | null;
  /** The language the migrant reads (the consent page's default). */
  language: SupportedLanguage;
  /** The id of the organisation that entered the migrant (`migrants.provider`). */
  provider: string | null;
  providerName: string | null;
  /** The provider of the migrant's current location. */
  locationProvider: string | null;
  /** The name of the municipality of the migrant's current location. */
  municipalityName: string | null;
  /** That municipality's contact address (organisation data), for the migrant's questions. */
  municipalityEmail: string | null;
  /** That municipality's controller, contact and data protection officer (its settings), for the privacy notice. */
  privacyNotice: PrivacyNoticeSettings | null;
  /** The migrant's wrapped data key (privacy envelope), as stored. */
  dataKey: string | null;
}

/** What the consent invitation, mail and page need of the migrant. */
export type ConsentMigrantFacts = Pick<
  MigrantFacts,
  | 'id'
  | 'firstName'
  | 'email'
  | 'dateOfBirth'
  | 'language'
  | 'providerName'
  | 'municipalityName'
  | 'municipalityEmail'
  | 'privacyNotice'
>;

/** What the reveal of personal data needs of the migrant: its key and who may see it as its provider. */
export type RevealMigrantFacts = Pick<MigrantFacts, 'dataKey' | 'provider' | 'locationProvider'>;
