/**
 * What the consent API (glue/consent/requests.ts, endpoints/consent) sends the public consent page (src/consent-page):
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
}

/** The answer to sign, refuse or revoke. */
export interface ConsentActResult {
  action: ConsentAction;
  at: string;
  receipt: string;
  receiptName: string;
  /** After signing: the new link that revokes (the invitation link no longer works). */
  revokeLink: string | null;
}
