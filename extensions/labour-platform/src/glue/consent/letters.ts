/** The printed invitation letter, for a migrant without e-mail: only the migrant's own provider prints it. */
import type { Accountability } from '@directus/types';
import type { Knex } from 'knex';
import { isSupportedLanguage, type SupportedLanguage } from '../../domain/languages';
import { CONSENT_MESSAGES } from '../../domain/consent/i18n';
import type { DataAccess } from '../items';
import { consentRequestFor, issueToken } from './invitations';
import { consentRow, migrantFacts } from './rows';

export interface Letter {
  consent: string;
  language: SupportedLanguage;
  firstName: string;
  providerName: string;
  link: string;
  expiresAt: Date;
}

export type LetterOutcome = { ok: true; letter: Letter } | { ok: false; reason: 'forbidden' | 'closed' };

/**
 * Whether a user is the migrant's own provider: the user's organisation is the migrant's provider. A missing
 * migrant, another organisation's migrant and a user without organisation all get the same `false`.
 */
export async function isOwnProvider(
  knex: Knex,
  userId: string | null | undefined,
  migrantId: string,
): Promise<boolean> {
  if (!userId) return false;
  const user = (await knex('directus_users').select('organisation').where('id', userId).first()) as
    { organisation: string | null } | undefined;
  if (!user?.organisation) return false;
  const migrant = (await knex('migrants').select('provider').where('id', migrantId).first()) as
    { provider: string | null } | undefined;
  return (
    migrant?.provider !== undefined &&
    migrant.provider !== null &&
    String(migrant.provider) === String(user.organisation)
  );
}

/**
 * A printable invitation for a migrant without e-mail: only for the migrant's own provider (anyone else, and a
 * missing migrant: forbidden). A new link replaces the previous one of an undecided request; a decided or
 * locked one is never touched (closed).
 */
export async function letterFor(
  access: DataAccess,
  accountability: Accountability | null,
  migrantId: string,
  now: Date = new Date(),
): Promise<LetterOutcome> {
  if (!(await isOwnProvider(access.knex, accountability?.user, migrantId))) return { ok: false, reason: 'forbidden' };
  const facts = await migrantFacts(access, migrantId);
  if (!facts) return { ok: false, reason: 'forbidden' };
  const consent = await consentRequestFor(access, migrantId, now);
  const row = await consentRow(access.knex, consent);
  const language = row && isSupportedLanguage(row.language) ? row.language : facts.language;
  const issued = await issueToken(
    access.knex,
    consent,
    { channel: 'letter', printedBy: accountability?.user ?? null },
    now,
  );
  if (!issued) return { ok: false, reason: 'closed' };
  return {
    ok: true,
    letter: {
      consent,
      language,
      firstName: facts.firstName,
      providerName: facts.providerName ?? CONSENT_MESSAGES[language].page.yourProvider,
      link: issued.link,
      expiresAt: issued.expiresAt,
    },
  };
}
