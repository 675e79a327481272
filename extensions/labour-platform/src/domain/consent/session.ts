/**
 * What the consent API (glue/consent/page.ts, endpoints/consent) sends the public consent page (src/consent-page):
 * one definition for both sides. Plain module: no Directus import.
 */
import type { SupportedLanguage } from '../languages';
import type { ConsentAction } from './record';

/** A published consent text as the page shows it; `sha256` is the hash of the text the migrant signs. */
export interface ConsentText {
  version: string;
  language: SupportedLanguage;
  title: string;
  body: string;
  sha256: string;
}

/** Whom a migrant can ask for help: the municipality's contact (organisation data) or the configured one. */
export interface ConsentHelpContact {
  name: string;
  email: string;
}

/** The consent request a link opens. */
export interface ConsentSession {
  state: 'open' | 'signed';
  firstName: string;
  providerName: string | null;
  municipalityName: string | null;
  /** The language of the request (the migrant's); the page may show another. */
  language: SupportedLanguage;
  languages: readonly SupportedLanguage[];
  expiresAt: string | null;
  signedAt: string | null;
  text: ConsentText | null;
  attemptsLeft: number;
  /** The contact of the migrant's municipality, when it has one. */
  help: ConsentHelpContact | null;
}

/**
 * A receipt in two files: the readable one (HTML, in the migrant's language, with the evidence as an appendix)
 * and the verifiable evidence file (text: the signed record, the CMS signature and the certificate for OpenSSL).
 */
export interface ConsentReceipts {
  readableReceipt: string;
  readableReceiptName: string;
  receipt: string;
  receiptName: string;
  /** Which certificate to check the receipt against, and its fingerprint, in the receipt's language. */
  certificateNote: string;
}

/** The answer to sign, refuse or revoke. */
export interface ConsentActResult extends ConsentReceipts {
  action: ConsentAction;
  at: string;
  /** After signing: the new link that revokes (the invitation link no longer works). */
  revokeLink: string | null;
  revokeToken: string | null;
}
