/** The consent glue's configuration, read once from the environment. */
import {
  CONSENT_INVITATION_DAYS,
  CONSENT_PSEUDONYM_SECRET,
  invitationDays,
  pseudonymSecretFrom,
} from '../../domain/consent/invitation';
import { loadSigner, type ConsentSigner } from '../../domain/consent/signature';

export interface ConsentConfig {
  publicUrl: string;
  invitationDays: number;
  signer: ConsentSigner;
  pseudonymSecret: Buffer;
}

let cachedConfig: ConsentConfig | null = null;

/**
 * From process.env (Directus casts comma-containing values of its own env to arrays, so not that one):
 * PUBLIC_URL, CONSENT_INVITATION_DAYS, CONSENT_SIGNING_CERT/KEY, CONSENT_PSEUDONYM_SECRET. Errors name the
 * variable and never its value.
 */
export function consentConfig(env: NodeJS.ProcessEnv = process.env): ConsentConfig {
  if (cachedConfig) return cachedConfig;
  cachedConfig = {
    publicUrl: (env['PUBLIC_URL'] ?? 'http://localhost:8055').replace(/\/+$/, ''),
    invitationDays: invitationDays(env[CONSENT_INVITATION_DAYS]),
    signer: loadSigner(env),
    pseudonymSecret: pseudonymSecretFrom(env[CONSENT_PSEUDONYM_SECRET]),
  };
  return cachedConfig;
}
