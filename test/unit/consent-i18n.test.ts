import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CONSENT_MESSAGES,
  fill,
  formatDate,
  formatDateTime,
  type ConsentMessages,
} from '../../extensions/labour-platform/src/domain/consent/i18n';
import { SUPPORTED_LANGUAGE_CODES } from '../../extensions/labour-platform/src/domain/languages';

/** The dotted key paths of a message tree, plural forms excluded (their categories differ per language). */
function keyPaths(messages: ConsentMessages): string[] {
  return Object.entries(messages)
    .flatMap(([part, texts]: [string, Record<string, unknown>]) => Object.keys(texts).map((key) => `${part}.${key}`))
    .sort();
}

describe('consent messages, one file per language', () => {
  it('has a catalogue for every language of the consent page', () => {
    expect(Object.keys(CONSENT_MESSAGES).sort()).toEqual([...SUPPORTED_LANGUAGE_CODES].sort());
  });

  it.each(SUPPORTED_LANGUAGE_CODES.filter((language) => language !== 'nl'))(
    '%s has exactly the keys of Dutch',
    (language) => {
      expect(keyPaths(CONSENT_MESSAGES[language])).toEqual(keyPaths(CONSENT_MESSAGES.nl));
    },
  );

  it('refuses, at compile time, a language file that misses a key', () => {
    const { page, mail, letter } = CONSENT_MESSAGES.en;
    // @ts-expect-error — `receipt` is missing: a locale file typed ConsentMessages without it does not compile.
    const incomplete: ConsentMessages = { page, mail, letter };
    expect(Object.keys(incomplete)).not.toContain('receipt');
  });
});

/** Every message of a language that takes a date, as [path, template]. */
function dateMessages(messages: ConsentMessages): Array<[string, string]> {
  return Object.entries(messages).flatMap(([part, texts]: [string, Record<string, unknown>]) =>
    Object.entries(texts).flatMap(([key, text]) =>
      typeof text === 'string' && text.includes('{date}') ? [[`${part}.${key}`, text] as [string, string]] : [],
    ),
  );
}

/** Punctuation that only a badly joined sentence has: a doubled full stop, a space before one, a stop after a comma. */
const BROKEN_PUNCTUATION = /\.\.(?!\.)|\s[.,:;!?](?!\S)|,\.|\.,|:\./;

describe('dates in consent messages, by CLDR through Intl', () => {
  it('fills a value that ends in a full stop without doubling the sentence’s own', () => {
    expect(fill('до {date}.', { date: '7 ноември 2026 г.' })).toBe('до 7 ноември 2026 г.');
    expect(fill('until {date}.', { date: '7 November 2026' })).toBe('until 7 November 2026.');
  });

  it.each(SUPPORTED_LANGUAGE_CODES)(
    '%s: every sentence with a date reads without doubled or stray punctuation',
    (language) => {
      const templates = dateMessages(CONSENT_MESSAGES[language]);
      expect(templates.length).toBeGreaterThanOrEqual(4);
      fc.assert(
        fc.property(
          fc.date({
            min: new Date('2000-01-01T00:00:00Z'),
            max: new Date('2099-12-31T23:59:59Z'),
            noInvalidDate: true,
          }),
          (date) => {
            for (const [, template] of templates) {
              for (const formatted of [formatDate(language, date), formatDateTime(language, date)]) {
                const sentence = fill(template, { date: formatted });
                expect(sentence).not.toMatch(BROKEN_PUNCTUATION);
                expect(sentence).toContain(formatted.replace(/\.$/, ''));
              }
            }
          },
        ),
        { numRuns: 50 },
      );
    },
  );

  it.each([
    ['bg', 'г.'],
    ['uk', 'р.'],
    ['lt', 'd.'],
  ] as const)('%s: keeps the abbreviation "%s" on the line of its number', (language, abbreviation) => {
    const date = formatDate(language, new Date('2026-11-07T12:00:00Z'));
    expect(date).toContain(`\u00a0${abbreviation}`);
    expect(date).not.toContain(` ${abbreviation}`);
  });

  it.each(SUPPORTED_LANGUAGE_CODES)(
    '%s: a date is written the language’s own way (month by name, as Intl has it)',
    (language) => {
      const date = new Date('2026-11-07T12:00:00Z');
      const month = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : language, {
        month: 'long',
        day: 'numeric',
        timeZone: 'Europe/Amsterdam',
      })
        .formatToParts(date)
        .find((part) => part.type === 'month')!.value;
      expect(formatDate(language, date)).toContain(month);
      expect(formatDate(language, date)).toContain('2026');
    },
  );
});
