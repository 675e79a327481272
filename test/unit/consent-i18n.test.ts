import { describe, expect, it } from 'vitest';
import { CONSENT_MESSAGES, type ConsentMessages } from '../../extensions/labour-platform/src/domain/consent/i18n';
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

  it.each(SUPPORTED_LANGUAGE_CODES.filter((language) => language !== 'nl'))('%s has exactly the keys of Dutch', (language) => {
    expect(keyPaths(CONSENT_MESSAGES[language])).toEqual(keyPaths(CONSENT_MESSAGES.nl));
  });

  it('refuses, at compile time, a language file that misses a key', () => {
    const { page, mail, letter } = CONSENT_MESSAGES.en;
    // @ts-expect-error — `receipt` is missing: a locale file typed ConsentMessages without it does not compile.
    const incomplete: ConsentMessages = { page, mail, letter };
    expect(Object.keys(incomplete)).not.toContain('receipt');
  });
});
