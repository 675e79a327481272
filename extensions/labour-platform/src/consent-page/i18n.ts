/** vue-i18n set up from the shared catalogue: 14 languages, CLDR plural forms, dates in Dutch time. */
import { createI18n } from 'vue-i18n';
import { CONSENT_MESSAGES, pluralCategories, type ConsentPageMessages, type PluralText } from '../domain/consent/i18n';
import { SUPPORTED_LANGUAGE_CODES, SUPPORTED_LANGUAGES, type SupportedLanguage } from '../domain/languages';

type Messages = Record<string, string>;

function pageMessages(language: SupportedLanguage): Messages {
  const categories = pluralCategories(language);
  const page = CONSENT_MESSAGES[language].page;
  const messages: Messages = {};
  for (const [key, value] of Object.entries(page) as Array<[keyof ConsentPageMessages, string | PluralText]>) {
    messages[key] = typeof value === 'string' ? value : categories.map((category) => (value as Record<string, string | undefined>)[category] ?? value.other).join(' | ');
  }
  return messages;
}

const pluralRules = Object.fromEntries(
  SUPPORTED_LANGUAGE_CODES.map((language) => {
    const categories = pluralCategories(language);
    const rules = new Intl.PluralRules(language);
    return [language, (choice: number) => Math.max(0, categories.indexOf(rules.select(choice)))];
  }),
);

const dateFormat = { long: { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'Europe/Amsterdam' } } as const;

/** The browser's first language the page has; else null. */
export function browserLanguage(preferred: readonly string[] = navigator.languages ?? [navigator.language]): SupportedLanguage | null {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    const found = SUPPORTED_LANGUAGE_CODES.find((code) => code === base);
    if (found) return found;
  }
  return null;
}

export const i18n = createI18n({
  legacy: false,
  locale: browserLanguage() ?? 'en',
  fallbackLocale: 'en',
  messages: Object.fromEntries(SUPPORTED_LANGUAGE_CODES.map((language) => [language, pageMessages(language)])),
  pluralRules,
  datetimeFormats: Object.fromEntries(SUPPORTED_LANGUAGE_CODES.map((language) => [language, dateFormat])),
  missingWarn: false,
  fallbackWarn: false,
});

export const LANGUAGE_CHOICES = SUPPORTED_LANGUAGES.map((language) => ({ code: language.code, endonym: language.endonym }));
