/**
 * Every word of the migrant's side of consent, in the 14 languages of the consent page: the page itself (the
 * Vue app imports this module), the invitation e-mail, the printed letter and the receipt. Placeholders are
 * `{name}`; plural messages give the CLDR categories of the language (Intl.PluralRules picks one), so Polish
 * says "1 próba / 2 próby / 5 prób" and Latvian uses its zero form. No `@`, `|` or `$` in texts (vue-i18n syntax).
 *
 * One file per language (./nl.ts, ./en.ts, ./pl.ts …), each typed by ConsentMessages (./types.ts): a missing or
 * extra key in any language does not compile. This index gathers them into CONSENT_MESSAGES and holds the helpers.
 * Plain module: no Directus import, nothing from Node (the browser bundle uses it).
 */
import type { SupportedLanguage } from '../../languages';
import type { ConsentMessages, PluralText } from './types';
import { nl } from './nl';
import { en } from './en';
import { pl } from './pl';
import { ro } from './ro';
import { bg } from './bg';
import { uk } from './uk';
import { hu } from './hu';
import { lt } from './lt';
import { lv } from './lv';
import { sk } from './sk';
import { cs } from './cs';
import { pt } from './pt';
import { es } from './es';
import { el } from './el';

export type {
  ConsentLetterMessages,
  ConsentMailMessages,
  ConsentMessages,
  ConsentPageMessages,
  ConsentReceiptMessages,
  PluralText,
} from './types';

export const CONSENT_MESSAGES: Readonly<Record<SupportedLanguage, ConsentMessages>> = {
  nl,
  en,
  pl,
  ro,
  bg,
  uk,
  hu,
  lt,
  lv,
  sk,
  cs,
  pt,
  es,
  el,
};

/**
 * `{name}` placeholders filled in. A value that ends in a full stop (a Bulgarian "2026 г.", a Hungarian
 * "2026. november 7.", a Lithuanian "7 d.", a Ukrainian "2026 р.") takes the place of the sentence's own full stop
 * right after it, so a sentence never ends in "..".
 */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}(\.?)/g, (whole, key: string, stop: string) => {
    if (!(key in values)) return whole;
    const value = String(values[key]);
    return stop && value.endsWith('.') ? value : value + stop;
  });
}

const PLURAL_ORDER = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;

/** The plural form of a message for a count, by the language's CLDR rules. */
export function plural(language: string, text: PluralText, count: number): string {
  const category = new Intl.PluralRules(language).select(count) as (typeof PLURAL_ORDER)[number];
  return fill(text[category] ?? text.other, { n: count });
}

/**
 * The plural categories a language uses, in CLDR order: vue-i18n picks the n-th ` | `-separated form, so the
 * page builds its messages and its pluralRules from this.
 */
export function pluralCategories(language: string): string[] {
  const used = new Intl.PluralRules(language).resolvedOptions().pluralCategories as string[];
  return PLURAL_ORDER.filter((category) => used.includes(category));
}

/** The locale Intl formats a language's dates in (English as written in Europe: 31 March 2026). */
function dateLocale(language: string): string {
  return language === 'en' ? 'en-GB' : language;
}

/**
 * CLDR writes a space before a short abbreviation (Bulgarian "2026 г.", Ukrainian "2026 р.", Lithuanian "7 d.",
 * Greek "μ.μ."): a no-break space keeps it on the line of its number.
 */
function keepAbbreviations(text: string): string {
  return text.replace(/ (?=\p{L}{1,2}\.)/gu, '\u00a0');
}

/** A date in a language (day, month name, year) in Dutch time. */
export function formatDate(language: string, date: Date | string): string {
  return keepAbbreviations(
    new Intl.DateTimeFormat(dateLocale(language), {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'Europe/Amsterdam',
    }).format(new Date(date)),
  );
}

export function formatDateTime(language: string, date: Date | string): string {
  return keepAbbreviations(
    new Intl.DateTimeFormat(dateLocale(language), {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'Europe/Amsterdam',
      timeZoneName: 'short',
    }).format(new Date(date)),
  );
}
