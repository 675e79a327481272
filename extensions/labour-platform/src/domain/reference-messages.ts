/**
 * The refusals of a write about other rows, in Dutch and English: a reference to a row the user may not see, and a
 * delete of a row other rows still refer to. They name collections and fields, never a value. Plain module: no
 * Directus import.
 */

import { collectionLabel, fieldLabel, midSentence } from './labels';
import { localised, type UiLanguage } from './ui-language';

/** A payload points at a row the user may not see (another organisation's location, migrant, ...). */
export function referenceForbiddenMessage(collection: string, field: string, lang: UiLanguage): string {
  return localised(
    `${fieldLabel(collection, field, 'nl')}: u kunt alleen verwijzen naar gegevens van uw eigen organisatie.`,
    `${fieldLabel(collection, field, 'en')}: you can only refer to records of your own organisation.`,
  )[lang];
}

/** Collections whose Dutch singular is a het-word ("dit verblijf"); the others take "deze". */
const HET_WORDS: ReadonlySet<string> = new Set(['stays']);

/**
 * Rows that other rows still refer to cannot be deleted: "Deze arbeidsmigrant heeft nog taken; verwijder of wijzig
 * die eerst." Names the blocking collections, never a value.
 */
export function stillReferencedMessage(
  collection: string,
  blockedBy: readonly string[],
  count: number,
  lang: UiLanguage,
): string {
  const many = count > 1;
  const subject = (language: UiLanguage) => midSentence(collectionLabel(collection, language, many));
  const others = (language: UiLanguage) => {
    const names = blockedBy.map((other) => midSentence(collectionLabel(other, language, true)));
    return names.length <= 1
      ? names.join('')
      : `${names.slice(0, -1).join(', ')} ${language === 'nl' ? 'en' : 'and'} ${names[names.length - 1]!}`;
  };
  return localised(
    `${many || !HET_WORDS.has(collection) ? 'Deze' : 'Dit'} ${subject('nl')} ${many ? 'hebben' : 'heeft'} nog ${others('nl')}; verwijder of wijzig die eerst.`,
    `${many ? 'These' : 'This'} ${subject('en')} still ${many ? 'have' : 'has'} ${others('en')}; delete or change those first.`,
  )[lang];
}
