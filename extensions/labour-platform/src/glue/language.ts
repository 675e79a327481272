/** The language a user reads messages in: their Directus language setting, else Accept-Language, else Dutch. */
import type { Knex } from 'knex';
import { pickUiLanguage, type UiLanguage } from '../domain/ui-language';
import { currentAcceptLanguage } from './request-context';

interface Accountability {
  user?: string | null;
}

export async function userLanguage(
  database: Knex,
  accountability: Accountability | null | undefined,
  acceptLanguage: string | null = currentAcceptLanguage(),
): Promise<UiLanguage> {
  let setting: string | null = null;
  if (accountability?.user) {
    const row = await database('directus_users')
      .select('language')
      .where('id', accountability.user)
      .first<{ language: string | null } | undefined>();
    setting = row?.language ?? null;
  }
  return pickUiLanguage(setting, acceptLanguage);
}
