/**
 * vue-i18n set up from the shared catalogue: 14 languages, CLDR plural forms (dates are written by the catalogue's
 * formatDate). Before the server names the invitation's language, the page speaks the language last shown in this
 * tab, else the browser's.
 */
import { createI18n } from 'vue-i18n';
import { CONSENT_MESSAGES, pluralCategories, type ConsentPageMessages, type PluralText } from '../domain/consent/i18n';
import {
  isSupportedLanguage,
  SUPPORTED_LANGUAGE_CODES,
  SUPPORTED_LANGUAGES,
  type SupportedLanguage,
} from '../domain/languages';

type Messages = Record<string, string>;

function pageMessages(language: SupportedLanguage): Messages {
  const categories = pluralCategories(language);
  const page = CONSENT_MESSAGES[language].page;
  const messages: Messages = {};
  for (const [key, value] of Object.entries(page) as Array<[keyof ConsentPageMessages, string | PluralText]>) {
    messages[key] =
      typeof value === 'string'
        ? value
        : categories
            .map((category) => (value as Record<string, string | undefined>)[category] ?? value.other)
            .join(' | ');
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

/** The browser's first language the page has; else null. */
export function browserLanguage(
  preferred: readonly string[] = navigator.languages ?? [navigator.language],
): SupportedLanguage | null {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    const found = SUPPORTED_LANGUAGE_CODES.find((code) => code === base);
    if (found) return found;
  }
  return null;
}

const CHOSEN_KEY = 'consent-language-chosen';
const SHOWN_KEY = 'consent-language-shown';

function storedLanguage(key: string): SupportedLanguage | null {
  try {
    const value = sessionStorage.getItem(key);
    return isSupportedLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

function store(key: string, language: SupportedLanguage): void {
  try {
    sessionStorage.setItem(key, language);
  } catch {
    // storage refused (private mode): the choice lasts as long as the page
  }
}

/** The language the migrant picked in this tab, which wins over the invitation's. */
export function chosenLanguage(): SupportedLanguage | null {
  return storedLanguage(CHOSEN_KEY);
}

export function rememberChosenLanguage(language: SupportedLanguage): void {
  store(CHOSEN_KEY, language);
}

/** The language the page last showed with a working link: a link that stops working (locked) keeps speaking it. */
export function rememberShownLanguage(language: SupportedLanguage): void {
  store(SHOWN_KEY, language);
}

export const i18n = createI18n({
  legacy: false,
  locale: chosenLanguage() ?? storedLanguage(SHOWN_KEY) ?? browserLanguage() ?? 'en',
  fallbackLocale: 'en',
  messages: Object.fromEntries(SUPPORTED_LANGUAGE_CODES.map((language) => [language, pageMessages(language)])),
  pluralRules,
  missingWarn: false,
  fallbackWarn: false,
});

export const LANGUAGE_CHOICES = SUPPORTED_LANGUAGES.map((language) => ({
  code: language.code,
  endonym: language.endonym,
}));
