/**
 * Development and test settings of the consent page: a self-signed signing certificate and a pseudonym secret
 * (production sets its own, see README), and mail that is written to a directory instead of sent: Directus's
 * sendmail transport pointed at scripts/dev-sendmail.mjs, a stand-in for a mail server with sendmail's interface.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { CONSENT_PSEUDONYM_SECRET } from '../../extensions/labour-platform/src/domain/consent/invitation.js';
import {
  CONSENT_SIGNING_CERT,
  CONSENT_SIGNING_KEY,
  generateDevelopmentSigner,
} from '../../extensions/labour-platform/src/domain/consent/signature.js';

export const CONSENT_SECRET_NAMES = [CONSENT_SIGNING_CERT, CONSENT_SIGNING_KEY, CONSENT_PSEUDONYM_SECRET] as const;

/** A fresh self-signed signer (base64 of PEM: one line in .env) and pseudonym secret. Development only. */
export function generateConsentEnv(): Record<string, string> {
  const signer = generateDevelopmentSigner();
  return {
    [CONSENT_SIGNING_CERT]: Buffer.from(signer.certificatePem).toString('base64'),
    [CONSENT_SIGNING_KEY]: Buffer.from(signer.privateKeyPem).toString('base64'),
    [CONSENT_PSEUDONYM_SECRET]: randomBytes(32).toString('base64'),
  };
}

/** Mail into `directory` (one .eml file per message) through the sendmail stand-in. */
export function developmentMailEnv(root: string, directory: string): Record<string, string> {
  return {
    EMAIL_TRANSPORT: 'sendmail',
    EMAIL_SENDMAIL_PATH: join(root, 'scripts', 'dev-sendmail.mjs'),
    EMAIL_SENDMAIL_NEW_LINE: 'unix',
    EMAIL_FROM: 'platform@example.org',
    DEV_MAIL_DIR: directory,
  };
}
