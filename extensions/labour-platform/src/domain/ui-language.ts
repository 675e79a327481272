/**
 * The platform's two interface languages and the one shape of its texts: every Dutch and English text is a
 * `LocalisedText` ({ nl, en }), so a text without one of the two does not compile. (The consent page's 14
 * languages are one file per locale in ./consent/i18n, checked the same way by their type.) Plain module.
 */

export type UiLanguage = 'nl' | 'en';
export const UI_LANGUAGES: readonly UiLanguage[] = Object.freeze(['nl', 'en']);
export const DEFAULT_UI_LANGUAGE: UiLanguage = 'nl';

export interface LocalisedText {
  nl: string;
  en: string;
}
/** A text in both interface languages. */
export const localised = (nl: string, en: string): LocalisedText => ({ nl, en });

function toUiLanguage(tag: string): UiLanguage | null {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return primary === 'nl' || primary === 'en' ? primary : null;
}

/**
 * The language for messages: the user's own setting ('nl-NL', 'en-US') wins; otherwise the first supported
 * language in the Accept-Language header, by q-value; otherwise Dutch.
 */
export function pickUiLanguage(userLanguage?: string | null, acceptLanguage?: string | null): UiLanguage {
  const fromUser = userLanguage ? toUiLanguage(userLanguage) : null;
  if (fromUser) return fromUser;
  if (!acceptLanguage) return DEFAULT_UI_LANGUAGE;

  const ranges = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.split(';');
      let quality = 1;
      for (const param of params) {
        const [key = '', value = ''] = param.split('=').map((s) => s.trim());
        if (key.toLowerCase() === 'q')
          quality = /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(value) ? Number(value) : Number.NaN;
      }
      return { tag: tag.trim(), quality, index };
    })
    .filter((range) => range.tag !== '' && range.tag !== '*' && range.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);

  for (const range of ranges) {
    const language = toUiLanguage(range.tag);
    if (language) return language;
  }
  return DEFAULT_UI_LANGUAGE;
}
