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
export function stillReferencedMessage(collection: string, blockedBy: readonly string[], count: number, lang: UiLanguage): string {
  const many = count > 1;
  const subject = midSentence(collectionLabel(collection, lang, many));
  const names = blockedBy.map((other) => midSentence(collectionLabel(other, lang, true)));
  const and = lang === 'nl' ? 'en' : 'and';
  const others = names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} ${and} ${names[names.length - 1]!}`;
  if (lang === 'nl') {
    const determiner = many || !HET_WORDS.has(collection) ? 'Deze' : 'Dit';
    return `${determiner} ${subject} ${many ? 'hebben' : 'heeft'} nog ${others}; verwijder of wijzig die eerst.`;
  }
  return `${many ? 'These' : 'This'} ${subject} still ${many ? 'have' : 'has'} ${others}; delete or change those first.`;
}
