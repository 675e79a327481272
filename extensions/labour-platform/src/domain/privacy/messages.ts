/** What the privacy layer tells people when it refuses something, in Dutch and English. Plain module. */
import { localised, type LocalisedText, type UiLanguage } from '../ui-language';

export type PrivacyRefusal =
  | { code: 'personal_data_in_query'; paths: string[] }
  | { code: 'implicit_relation_in_query' }
  | { code: 'personal_batch_update' }
  | { code: 'sealed_field'; field: string }
  | { code: 'bsn_required' }
  | { code: 'break_glass_reason' }
  | { code: 'administrators_only' };

/** What the privacy layer says about a refusal, in both languages. */
export function privacyRefusalText(refusal: PrivacyRefusal): LocalisedText {
  switch (refusal.code) {
    case 'personal_data_in_query':
      return localised(
        `Persoonsgegevens zijn versleuteld: filteren, sorteren of zoeken op ${refusal.paths.join(', ')} kan niet. Zoek een BSN met POST /privacy/migrants/search.`,
        `Personal data is encrypted: filtering, sorting or searching on ${refusal.paths.join(', ')} is not possible. Find a BSN with POST /privacy/migrants/search.`,
      );
    case 'implicit_relation_in_query':
      return localised(
        'Omgekeerde relaties ($FOLLOW) kunnen niet in een zoekvraag: filter via de velden van de collectie zelf.',
        'Reverse relations ($FOLLOW) cannot be used in a query: filter through the fields of the collection itself.',
      );
    case 'personal_batch_update':
      return localised(
        'Persoonsgegevens worden per arbeidsmigrant gewijzigd, niet voor meerdere tegelijk.',
        'Personal data is changed one labour migrant at a time, not for several at once.',
      );
    case 'sealed_field':
      return localised(
        `Het veld ${refusal.field} beheert het platform zelf.`,
        `The platform maintains the field ${refusal.field} itself.`,
      );
    case 'bsn_required':
      return localised('Geef een BSN van 9 cijfers op.', 'Give a BSN of 9 digits.');
    case 'break_glass_reason':
      return localised(
        'Geef een reden op voor het inzien van afgeschermde gegevens.',
        'Give a reason for revealing shielded data.',
      );
    case 'administrators_only':
      return localised('Alleen beheerders kunnen dit.', 'Only administrators can do this.');
  }
}

export function privacyRefusalMessage(refusal: PrivacyRefusal, lang: UiLanguage): string {
  return privacyRefusalText(refusal)[lang];
}
