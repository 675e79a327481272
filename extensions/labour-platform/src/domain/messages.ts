/**
 * Texts for the admin app and the API, in Dutch and English. The parts: the interface languages and the shape
 * of a text (./ui-language), the labels of the data model (./labels), the validation messages
 * (./issue-messages); here the other refusals of a write. Messages about personal fields (./personal-fields)
 * never contain the submitted value. Plain module: no Directus import.
 */

import { collectionLabel, fieldLabel, midSentence } from './labels';
import { localised, type UiLanguage } from './ui-language';

export { DEFAULT_UI_LANGUAGE, UI_LANGUAGES, localised, pickUiLanguage, type LocalisedText, type UiLanguage } from './ui-language';
export {
  APP_TRANSLATIONS,
  CHOICE_LABELS,
  COLLECTION_LABELS,
  FIELD_LABELS,
  FIELD_NOTES,
  choiceLabel,
  collectionLabel,
  fieldLabel,
  type LabelledCollection,
} from './labels';
export { formatIssue, formatIssues, issuesByField, type FieldMessage } from './issue-messages';

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
