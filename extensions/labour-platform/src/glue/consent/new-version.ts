/**
 * "New version" of the consent texts (the rule: ../../domain/consent/new-version.ts): for an administrator, every
 * language of the published version copied into drafts of a new version, in one transaction, written as the
 * administrator (so the consent-text hooks check and hash each draft as they would a typed one).
 */
import type { Accountability } from '@directus/types';
import { createError } from '@directus/errors';
import { planNewVersion, newVersionText, refusalText, type ConsentTextRow } from '../../domain/consent/new-version';
import { todayInNetherlands } from '../../domain/dates';
import type { UiLanguage } from '../../domain/ui-language';
import { systemItems, userItems, type DataAccess } from '../items';

interface Refusal {
  message: string;
  reason: string;
}
/** 403: only an administrator starts a new version (the same answer for everyone else, anonymous included). */
export const NewVersionForbiddenError = createError<Refusal>('FORBIDDEN', (e) => e.message, 403);
/** 409: nothing published to copy, or a version is still being drafted. */
export const NewVersionConflictError = createError<Refusal & { version?: string }>(
  'CONSENT_TEXT_VERSION',
  (e) => e.message,
  409,
);

export interface NewVersion {
  version: string;
  texts: Array<{ id: string; language: string }>;
  message: string;
}

export async function createNewVersion(
  access: DataAccess,
  accountability: Accountability | null,
  language: UiLanguage,
  now = new Date(),
): Promise<NewVersion> {
  if (!accountability?.admin)
    throw new NewVersionForbiddenError({ message: newVersionText('adminOnly', language), reason: 'admin_only' });
  return access.knex.transaction(async (trx) => {
    const inTransaction = { ...access, knex: trx };
    const rows = (await systemItems(inTransaction, 'consent_texts').readByQuery({
      fields: ['version', 'language', 'title', 'body', 'status'],
      limit: -1,
    })) as unknown as ConsentTextRow[];
    const plan = planNewVersion(rows, todayInNetherlands(now));
    if (!plan.ok) {
      throw new NewVersionConflictError({
        message: refusalText(plan.refusal, language),
        reason: plan.refusal.code,
        ...(plan.refusal.code === 'draft_exists' ? { version: plan.refusal.version } : {}),
      });
    }
    const ids = await userItems(inTransaction, 'consent_texts', accountability).createMany(plan.drafts);
    return {
      version: plan.version,
      texts: plan.drafts.map((draft, index) => ({ id: String(ids[index]), language: draft.language })),
      message: newVersionText('created', language, plan.version),
    };
  });
}
