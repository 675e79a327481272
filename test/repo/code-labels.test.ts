/**
 * No raw code reaches a person: every stored code the admin app shows (BRP events, task outcomes, channels, the
 * reveal log's roles and bases, nationalities, languages) has choices with a text in Dutch and English, and a
 * display that shows it. The texts of events and countries are those of the domain.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BRP_EVENT_TYPES } from '../../extensions/labour-platform/src/domain/brp/machine';
import { EVENT_LABELS } from '../../extensions/labour-platform/src/domain/brp/workflow-messages';
import { COUNTRY_NAMES } from '../../extensions/labour-platform/src/domain/countries';
import { CONFIG_FILES } from '../../scripts/lib/config-as-code';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const read = <T>(file: string): T => JSON.parse(readFileSync(join(root, file), 'utf8')) as T;

interface Choice {
  text: string;
  value: string;
}
interface Field {
  collection: string;
  field: string;
  meta: {
    display: string | null;
    options: { choices?: Choice[] } | null;
    display_options: { choices?: Choice[] } | null;
  } | null;
}
const snapshot = read<{ fields: Field[] }>(CONFIG_FILES.snapshot);
const translations = new Map(
  read<Array<{ key: string; language: string; value: string }>>(CONFIG_FILES.translations).map((t) => [
    `${t.language} ${t.key}`,
    t.value,
  ]),
);
const field = (collection: string, name: string): Field =>
  snapshot.fields.find((f) => f.collection === collection && f.field === name)!;

const CODED: ReadonlyArray<[string, string]> = [
  ['status_history', 'event'],
  ['tasks', 'outcome'],
  ['consents', 'channel'],
  ['consent_records', 'channel'],
  ['reveal_log', 'viewer_role'],
  ['reveal_log', 'basis'],
  ['migrants', 'nationality'],
  ['migrants', 'language'],
  ['consents', 'language'],
  ['consent_texts', 'language'],
];

describe('codes are shown as text', () => {
  it.each(CODED)('%s.%s has choices and shows them as labels', (collection, name) => {
    const meta = field(collection, name).meta!;
    expect(meta.display).toBe('labels');
    expect(meta.display_options?.choices?.length).toBeGreaterThan(0);
    expect(meta.display_options?.choices).toEqual(meta.options?.choices ?? meta.display_options?.choices);
  });

  it('events and outcomes read as the buttons do, in Dutch and English', () => {
    for (const event of BRP_EVENT_TYPES) {
      expect(translations.get(`nl-NL status_history.event.${event}`)).toBe(EVENT_LABELS[event].nl);
      expect(translations.get(`en-US status_history.event.${event}`)).toBe(EVENT_LABELS[event].en);
    }
    expect(field('tasks', 'outcome').meta!.options!.choices!.map((c) => c.value)).toEqual([...BRP_EVENT_TYPES]);
  });

  it('every nationality has its country name in Dutch and English, in the form and in lists alike', () => {
    const nationality = field('migrants', 'nationality').meta!;
    const values = nationality.options!.choices!.map((c) => c.value);
    expect([...values].sort()).toEqual(Object.keys(COUNTRY_NAMES).sort());
    expect(nationality.display_options!.choices).toEqual(nationality.options!.choices);
    for (const code of values) {
      expect(translations.get(`nl-NL countries.${code}`)).toBe(`${COUNTRY_NAMES[code]!.nl} (${code})`);
      expect(translations.get(`en-US countries.${code}`)).toBe(`${COUNTRY_NAMES[code]!.en} (${code})`);
    }
  });
});
