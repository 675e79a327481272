/**
 * "New version" of the consent texts: a published text never changes, so an administrator who wants to change it
 * starts a new version, a draft copy of every language of the published one, edits the drafts and publishes them.
 *
 * Plain module: no Directus import.
 */
import { isCalendarDate } from '../dates';
import type { LocalisedText, UiLanguage } from '../ui-language';
import { withNoticeMarkers } from './privacy-notice';

export interface ConsentTextRow {
  version: string;
  language: string;
  title: string;
  body: string;
  status: string;
}

export type NewVersionRefusal = { code: 'nothing_published' } | { code: 'draft_exists'; version: string };

export type NewVersionPlan =
  | {
      ok: true;
      version: string;
      drafts: Array<{ version: string; language: string; title: string; body: string; status: 'draft' }>;
    }
  | { ok: false; refusal: NewVersionRefusal };

/** The name of the new version: the month (YYYY-MM), or the month with a sequence (2026-11.2) when it is taken. */
export function nextVersionName(taken: Iterable<string>, today: string): string {
  const month = isCalendarDate(today) ? today.slice(0, 7) : today;
  const names = new Set(taken);
  if (!names.has(month)) return month;
  let sequence = 2;
  while (names.has(`${month}.${sequence}`)) sequence += 1;
  return `${month}.${sequence}`;
}

/**
 * The drafts of the new version: every language of the published version, copied. Refused when nothing is
 * published (there is nothing to copy) or when a version is still being drafted (edit that one instead).
 */
export function planNewVersion(rows: readonly ConsentTextRow[], today: string): NewVersionPlan {
  const drafting = rows.find((row) => row.status === 'draft');
  if (drafting) return { ok: false, refusal: { code: 'draft_exists', version: drafting.version } };
  const published = rows.filter((row) => row.status === 'published');
  if (published.length === 0) return { ok: false, refusal: { code: 'nothing_published' } };
  const version = nextVersionName(
    rows.map((row) => row.version),
    today,
  );
  return {
    ok: true,
    version,
    drafts: published
      .slice()
      .sort((a, b) => a.language.localeCompare(b.language))
      .map((row) => ({
        version,
        language: row.language,
        title: row.title,
        body: withNoticeMarkers(row.language, row.title, row.body),
        status: 'draft' as const,
      })),
  };
}

const t = (nl: string, en: string): LocalisedText => ({ nl, en });

export const NEW_VERSION_TEXT = Object.freeze({
  readOnly: t(
    'Deze tekst is gepubliceerd of gearchiveerd en verandert niet meer: de handtekeningen van arbeidsmigranten verwijzen ernaar. Maak een nieuwe versie om hem te wijzigen.',
    'This text is published or archived and no longer changes: migrants’ signatures refer to it. Create a new version to change it.',
  ),
  newVersion: t('Nieuwe versie', 'New version'),
  created: t(
    'Nieuwe versie {version} aangemaakt als concept in alle talen.',
    'New version {version} created as drafts in every language.',
  ),
  nothingPublished: t('Er is geen gepubliceerde versie om te kopiëren.', 'There is no published version to copy.'),
  draftExists: t(
    'Versie {version} is al in bewerking als concept: wijzig die.',
    'Version {version} is already being drafted: edit that one.',
  ),
  adminOnly: t('Alleen beheerders maken een nieuwe versie.', 'Only administrators create a new version.'),
});

export function newVersionText(key: keyof typeof NEW_VERSION_TEXT, lang: UiLanguage, version = ''): string {
  return NEW_VERSION_TEXT[key][lang].replace('{version}', version);
}

export function refusalText(refusal: NewVersionRefusal, lang: UiLanguage): string {
  return refusal.code === 'draft_exists'
    ? newVersionText('draftExists', lang, refusal.version)
    : newVersionText('nothingPublished', lang);
}
