/** Consent texts and the page's words: complete in all 14 languages, the same placeholders, CLDR plural forms. */
import { describe, expect, it } from 'vitest';
import {
  CONSENT_MESSAGES,
  fill,
  formatDate,
  plural,
  pluralCategories,
  type PluralText,
} from '../../extensions/labour-platform/src/domain/consent/i18n';
import {
  consentTextBlocks,
  DEFAULT_CONSENT_TEXTS,
  missingConsentLanguages,
  REQUIRED_CONSENT_LANGUAGES,
  shownConsentText,
} from '../../extensions/labour-platform/src/domain/consent/texts';
import { SUPPORTED_LANGUAGE_CODES } from '../../extensions/labour-platform/src/domain/languages';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

function leaves(value: unknown, path = ''): Array<[string, string | PluralText]> {
  if (typeof value === 'string') return [[path, value]];
  const record = value as Record<string, unknown>;
  if ('other' in record && 'one' in record) return [[path, record as PluralText]];
  return Object.entries(record).flatMap(([key, inner]) => leaves(inner, path ? `${path}.${key}` : key));
}

describe('the page, mail, letter and receipt words', () => {
  const english = new Map(leaves(CONSENT_MESSAGES.en));

  it('exist in all 14 languages with the placeholders of the English text, and none of vue-i18n’s special characters', () => {
    expect(Object.keys(CONSENT_MESSAGES).sort()).toEqual([...SUPPORTED_LANGUAGE_CODES].sort());
    for (const language of SUPPORTED_LANGUAGE_CODES) {
      const entries = new Map(leaves(CONSENT_MESSAGES[language]));
      expect([...entries.keys()].sort(), language).toEqual([...english.keys()].sort());
      for (const [key, value] of entries) {
        const reference = english.get(key)!;
        const texts = typeof value === 'string' ? [value] : Object.values(value);
        const expected = placeholders(typeof reference === 'string' ? reference : reference.other);
        for (const text of texts) {
          expect(placeholders(text!), `${language} ${key}`).toEqual(expected);
          expect(text, `${language} ${key}`).not.toMatch(/[@|$]/);
          expect(text!.trim(), `${language} ${key}`).not.toBe('');
        }
      }
    }
  });

  it('give every plural category each language uses', () => {
    for (const language of SUPPORTED_LANGUAGE_CODES) {
      for (const [key, value] of leaves(CONSENT_MESSAGES[language].page)) {
        if (typeof value === 'string') continue;
        for (const category of pluralCategories(language).filter((c) => c !== 'other' && c !== 'many'))
          expect((value as Record<string, string>)[category], `${language} ${key} ${category}`).toBeDefined();
      }
    }
    const wrong = CONSENT_MESSAGES.pl.page.dobWrong;
    expect([1, 2, 5, 22].map((n) => plural('pl', wrong, n))).toEqual([
      'Ta data urodzenia się nie zgadza. Została Ci 1 próba.',
      'Ta data urodzenia się nie zgadza. Zostały Ci 2 próby.',
      'Ta data urodzenia się nie zgadza. Zostało Ci 5 prób.',
      'Ta data urodzenia się nie zgadza. Zostały Ci 22 próby.',
    ]);
    expect(plural('lv', CONSENT_MESSAGES.lv.page.daysLeft, 1)).toBe('Šī saite darbosies vēl 1 dienu.');
    expect(plural('ro', CONSENT_MESSAGES.ro.page.daysLeft, 20)).toBe('Acest link mai funcționează 20 de zile.');
    expect(pluralCategories('pl')).toEqual(['one', 'few', 'many', 'other']);
  });

  it('writes dates the way each language does, in Dutch time', () => {
    expect(formatDate('pl', '2026-03-31T22:30:00Z')).toBe('1 kwietnia 2026');
    expect(formatDate('en', '2026-03-31T12:00:00Z')).toBe('31 March 2026');
    expect(fill('{a} {b} {a}', { a: 1 })).toBe('1 {b} 1');
  });
});

describe('consent texts', () => {
  it('ship a first version in every required language, saying who, what, why, voluntary and revoking', () => {
    expect(missingConsentLanguages(Object.keys(DEFAULT_CONSENT_TEXTS))).toEqual([]);
    expect(missingConsentLanguages(['nl', 'en'])).toEqual(
      REQUIRED_CONSENT_LANGUAGES.filter((l) => l !== 'nl' && l !== 'en'),
    );
    const shape = (language: keyof typeof DEFAULT_CONSENT_TEXTS) =>
      consentTextBlocks(DEFAULT_CONSENT_TEXTS[language].body).map((block) =>
        block.type === 'list' ? `list:${block.items.length}` : block.type,
      );
    for (const language of SUPPORTED_LANGUAGE_CODES) {
      expect(shape(language), language).toEqual(shape('en'));
      expect(DEFAULT_CONSENT_TEXTS[language].body, language).toContain('BRP');
    }
  });

  it('show only headings, paragraphs and lists: no HTML, no links', () => {
    expect(
      consentTextBlocks(
        'Intro line one\nline two\n\n## Heading\n- a\n- b\ntext after\n\n<script>x</script> [link](https://x)',
      ),
    ).toEqual([
      { type: 'paragraph', text: 'Intro line one line two' },
      { type: 'heading', text: 'Heading' },
      { type: 'list', items: ['a', 'b'] },
      { type: 'paragraph', text: 'text after' },
      { type: 'paragraph', text: '<script>x</script> [link](https://x)' },
    ]);
    expect(shownConsentText(' Title ', 'Body\r\n')).toBe('Title\n\nBody\n');
  });
});
