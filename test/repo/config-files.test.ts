/**
 * The config-as-code files (snapshots/, schema/, flows/) agree with each other and with the code:
 * labels equal the single source in domain/labels.ts, every `$t:` key has its Dutch and English text,
 * role/policy/permission/preset references resolve, the public sees nothing, the inspector and the policy
 * officer never reach persons, and every file is exactly as `npm run config:pull` would write it.
 */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  APP_TRANSLATIONS,
  CHOICE_LABELS,
  COLLECTION_LABELS,
  FIELD_LABELS,
  FIELD_NOTES,
} from '../../extensions/labour-platform/src/domain/labels';
import type { LocalisedText } from '../../extensions/labour-platform/src/domain/ui-language';
import { COUNTRY_NAMES } from '../../extensions/labour-platform/src/domain/countries';
import { ROLE_IDS } from '../../extensions/labour-platform/src/glue/roles';
import { CONFIG_FILES, PUBLIC_POLICY_ID } from '../../scripts/lib/config-as-code';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface FieldTranslation {
  language: string;
  translation: string;
}
interface CollectionTranslation extends FieldTranslation {
  singular: string;
  plural: string;
}
interface SnapshotCollection {
  collection: string;
  meta: ({ translations: CollectionTranslation[] | null } & { [key: string]: Json }) | null;
  schema?: { name: string } | null;
}
interface SnapshotField {
  collection: string;
  field: string;
  type: string;
  meta: ({ hidden: boolean; translations: FieldTranslation[] | null } & { [key: string]: Json }) | null;
  schema: { is_primary_key: boolean } | null;
}
interface SnapshotRelation {
  collection: string;
  field: string;
  meta: { [key: string]: Json } | null;
}
interface Snapshot {
  collections: SnapshotCollection[];
  fields: SnapshotField[];
  relations: SnapshotRelation[];
}
interface Role {
  id: string;
  name: string;
}
interface Policy {
  id: string;
  name: string;
  roles: string[];
}
interface Permission {
  policy: string;
  collection: string;
  action: string;
  fields: string[] | null;
}
interface Preset {
  bookmark: string | null;
  role: string | null;
  collection: string;
}
interface TranslationEntry {
  language: string;
  key: string;
  value: string;
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(join(root, file), 'utf8')) as T;
}

const snapshot = readJson<Snapshot>(CONFIG_FILES.snapshot);
const roles = readJson<Role[]>(CONFIG_FILES.roles);
const policies = readJson<Policy[]>(CONFIG_FILES.policies);
const permissions = readJson<Permission[]>(CONFIG_FILES.permissions);
const presets = readJson<Preset[]>(CONFIG_FILES.presets);
const translations = readJson<TranslationEntry[]>(CONFIG_FILES.translations);

const LANGUAGES = { nl: 'nl-NL', en: 'en-US' } as const;
const GENERIC_LABELS: Readonly<Record<string, LocalisedText>> = {
  date_created: { nl: 'Aangemaakt op', en: 'Created on' },
  date_updated: { nl: 'Gewijzigd op', en: 'Updated on' },
};
const INSPECTOR_POLICY = '20000000-0000-4000-8000-000000000003';
const POLICY_OFFICER_POLICY = '20000000-0000-4000-8000-000000000004';
const PERSON_COLLECTIONS = ['migrants', 'stays', 'tasks', 'appointments', 'consents', 'status_history'] as const;

const isFolder = (c: SnapshotCollection): boolean => c.schema === undefined || c.schema === null;
const tableCollections = new Set(snapshot.collections.filter((c) => !isFolder(c)).map((c) => c.collection));
const isSystem = (collection: string): boolean => collection.startsWith('directus_');

function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** { 'nl-NL': …, 'en-US': … } from a translations array, failing on duplicates. */
function byLanguage<T extends { language: string }>(entries: readonly T[]): Record<string, T> {
  const result: Record<string, T> = {};
  for (const entry of entries) {
    expect(result[entry.language], `duplicate ${entry.language}`).toBeUndefined();
    result[entry.language] = entry;
  }
  return result;
}

/** Every string starting with `$t:` anywhere inside a value, as its key. */
function translationKeys(value: Json | undefined, found: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') {
    if (value.startsWith('$t:')) found.add(value.slice(3));
  } else if (Array.isArray(value)) {
    for (const item of value) translationKeys(item, found);
  } else if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) translationKeys(item, found);
  }
  return found;
}

describe('labels in the snapshot equal domain/labels.ts', () => {
  it('every field has the nl-NL and en-US label of FIELD_LABELS (or the generic date label)', () => {
    const problems: string[] = [];
    for (const field of snapshot.fields) {
      const where = `${field.collection}.${field.field}`;
      const expected = own(own(FIELD_LABELS, field.collection) ?? {}, field.field) ?? own(GENERIC_LABELS, field.field);
      if (expected === undefined) {
        problems.push(`${where}: no label in FIELD_LABELS`);
        continue;
      }
      const entries = field.meta?.translations ?? null;
      if (entries === null) {
        // A hidden primary key shows nowhere in the app, and Directus titles an untranslated `id` as 'ID' in
        // every language: it may go without translations (only when its label is 'ID' in both languages).
        const hiddenId = field.schema?.is_primary_key === true && field.meta?.hidden === true;
        if (!(hiddenId && expected.nl === 'ID' && expected.en === 'ID')) problems.push(`${where}: no translations`);
        continue;
      }
      const languages = byLanguage(entries);
      expect(Object.keys(languages).sort(), where).toEqual([LANGUAGES.en, LANGUAGES.nl]);
      if (languages[LANGUAGES.nl]?.translation !== expected.nl)
        problems.push(`${where} nl-NL: ${languages[LANGUAGES.nl]?.translation} ≠ ${expected.nl}`);
      if (languages[LANGUAGES.en]?.translation !== expected.en)
        problems.push(`${where} en-US: ${languages[LANGUAGES.en]?.translation} ≠ ${expected.en}`);
    }
    expect(problems).toEqual([]);
  });

  it('every label in FIELD_LABELS belongs to a field of the snapshot', () => {
    const fields = new Set(snapshot.fields.map((f) => `${f.collection}.${f.field}`));
    const stale = Object.entries(FIELD_LABELS).flatMap(([collection, labels]) =>
      Object.keys(labels)
        .map((field) => `${collection}.${field}`)
        .filter((key) => !fields.has(key)),
    );
    expect(stale).toEqual([]);
  });

  it('every collection with a table has the singular and plural of COLLECTION_LABELS', () => {
    for (const collection of snapshot.collections.filter((c) => !isFolder(c))) {
      const expected = own(COLLECTION_LABELS, collection.collection);
      expect(expected, `${collection.collection} in COLLECTION_LABELS`).toBeDefined();
      if (expected === undefined) continue;
      const languages = byLanguage(collection.meta?.translations ?? []);
      expect(Object.keys(languages).sort(), collection.collection).toEqual([LANGUAGES.en, LANGUAGES.nl]);
      for (const lang of ['nl', 'en'] as const) {
        expect(languages[LANGUAGES[lang]], `${collection.collection} ${LANGUAGES[lang]}`).toEqual({
          language: LANGUAGES[lang],
          singular: expected.singular[lang],
          plural: expected.plural[lang],
          translation: expected.plural[lang],
        });
      }
    }
  });

  it('every folder has a Dutch and an English name', () => {
    for (const folder of snapshot.collections.filter(isFolder)) {
      const languages = byLanguage(folder.meta?.translations ?? []);
      expect(Object.keys(languages).sort(), folder.collection).toEqual([LANGUAGES.en, LANGUAGES.nl]);
      for (const entry of Object.values(languages)) expect(entry.translation, folder.collection).not.toBe('');
    }
  });

  it('every collection in COLLECTION_LABELS exists (directus_users as a system collection)', () => {
    for (const collection of Object.keys(COLLECTION_LABELS)) {
      expect(tableCollections.has(collection) || isSystem(collection), collection).toBe(true);
    }
  });
});

describe('custom translations (schema/translations.json)', () => {
  const used = new Set<string>();
  for (const item of [...snapshot.collections, ...snapshot.fields, ...snapshot.relations])
    translationKeys(item.meta, used);
  // bookmark names: one language per user, so `$t:` keys too
  for (const preset of presets) translationKeys(preset.bookmark, used);
  // keys the admin app looks up itself (validationError.platform: the platform's message at the field)
  for (const key of Object.keys(APP_TRANSLATIONS)) used.add(key);
  const entries = new Map<string, string>(translations.map((t) => [`${t.language} ${t.key}`, t.value]));

  it('every bookmark name is a `$t:` key (one language per user; no "Onze taken / Our tasks" cut off)', () => {
    expect(
      presets
        .filter((preset) => preset.bookmark !== null && !preset.bookmark.startsWith('$t:'))
        .map((preset) => preset.bookmark),
    ).toEqual([]);
  });

  it('the snapshot uses `$t:` keys (choices, validation messages)', () => {
    expect(used.size).toBeGreaterThan(0);
  });

  it('every `$t:` key in the snapshot has a non-empty nl-NL and en-US text', () => {
    const missing = [...used].flatMap((key) =>
      Object.values(LANGUAGES)
        .filter((language) => !entries.get(`${language} ${key}`))
        .map((language) => `${language} ${key}`),
    );
    expect(missing).toEqual([]);
  });

  it('no translation key is unused, duplicated or in another language', () => {
    expect(translations.map((t) => t.key).filter((key) => !used.has(key))).toEqual([]);
    expect(entries.size).toBe(translations.length);
    expect(translations.filter((t) => t.language !== LANGUAGES.nl && t.language !== LANGUAGES.en)).toEqual([]);
  });

  /** Every entry whose key starts with `prefix.`, against the expected text for the rest of its key. */
  function mismatches(prefix: string, expected: (rest: string) => LocalisedText | undefined): string[] {
    return translations
      .filter((entry) => entry.key.startsWith(`${prefix}.`))
      .flatMap((entry) => {
        const text = expected(entry.key.slice(prefix.length + 1));
        const want = text === undefined ? undefined : entry.language === LANGUAGES.nl ? text.nl : text.en;
        return entry.value === want ? [] : [`${entry.language} ${entry.key}: ${entry.value} ≠ ${want}`];
      });
  }

  it('help texts equal FIELD_NOTES, country names COUNTRY_NAMES, app texts APP_TRANSLATIONS', () => {
    const note = (rest: string) => {
      const [collection = '', field = ''] = rest.split('.');
      return own(own(FIELD_NOTES, collection) ?? {}, field);
    };
    const country = (code: string) => {
      const name = own(COUNTRY_NAMES, code);
      return name === undefined ? undefined : { nl: `${name.nl} (${code})`, en: `${name.en} (${code})` };
    };
    const app = translations
      .filter((entry) => own(APP_TRANSLATIONS, entry.key) !== undefined)
      .filter(
        (entry) =>
          entry.value !==
          (entry.language === LANGUAGES.nl ? APP_TRANSLATIONS[entry.key]!.nl : APP_TRANSLATIONS[entry.key]!.en),
      );
    expect([
      ...mismatches('notes', note),
      ...mismatches('countries', country),
      ...app.map((entry) => entry.key),
    ]).toEqual([]);
    expect(translations.filter((entry) => entry.key.startsWith('countries.')).length).toBe(
      2 * Object.keys(COUNTRY_NAMES).length,
    );
  });

  it('choice texts equal CHOICE_LABELS', () => {
    const problems: string[] = [];
    for (const entry of translations) {
      const [collection = '', field = '', value = ''] = entry.key.split('.');
      const label = own(own(own(CHOICE_LABELS, collection) ?? {}, field) ?? {}, value);
      if (label === undefined) continue; // not a choice (validation.*)
      const expected = entry.language === LANGUAGES.nl ? label.nl : label.en;
      if (entry.value !== expected) problems.push(`${entry.language} ${entry.key}: ${entry.value} ≠ ${expected}`);
    }
    expect(problems).toEqual([]);
  });
});

describe('roles, policies, permissions and presets', () => {
  const roleIds = new Set(roles.map((r) => r.id));
  const policyIds = new Set(policies.map((p) => p.id));

  it('ROLE_IDS are exactly the roles in roles.json, each id once', () => {
    expect(roleIds.size).toBe(roles.length);
    expect([...roleIds].sort()).toEqual(Object.values(ROLE_IDS).sort());
  });

  it('policy ids are unique and every role a policy names exists', () => {
    expect(policyIds.size).toBe(policies.length);
    for (const policy of policies) {
      for (const role of policy.roles) expect(roleIds.has(role), `${policy.name} → role ${role}`).toBe(true);
    }
  });

  it('the inspector and policy-officer policies are those of their roles', () => {
    expect(policies.find((p) => p.id === INSPECTOR_POLICY)?.roles).toEqual([ROLE_IDS.inspector]);
    expect(policies.find((p) => p.id === POLICY_OFFICER_POLICY)?.roles).toEqual([ROLE_IDS.policyOfficer]);
  });

  it('every permission names a policy in policies.json and an existing collection', () => {
    for (const permission of permissions) {
      const where = `${permission.collection}:${permission.action} of ${permission.policy}`;
      expect(policyIds.has(permission.policy), where).toBe(true);
      expect(tableCollections.has(permission.collection) || isSystem(permission.collection), where).toBe(true);
    }
  });

  it('every preset names an existing role (or none: global) and collection', () => {
    for (const preset of presets) {
      const where = preset.bookmark ?? preset.collection;
      if (preset.role !== null) expect(roleIds.has(preset.role), where).toBe(true);
      expect(tableCollections.has(preset.collection) || isSystem(preset.collection), where).toBe(true);
    }
  });

  it("the public policy exists, has no roles and reads only the admin app's own texts (the login page, before sign-in)", () => {
    expect(PUBLIC_POLICY_ID).toBe('abf8a154-5b1c-4a46-ac9c-7300570f4f17');
    expect(policies.find((p) => p.id === PUBLIC_POLICY_ID)?.roles).toEqual([]);
    // directus_translations: labels, notes and bookmark names; nothing personal, nothing secret
    expect(
      permissions
        .filter((p) => p.policy === PUBLIC_POLICY_ID)
        .map((p) => ({ collection: p.collection, action: p.action, fields: p.fields })),
    ).toEqual([{ collection: 'directus_translations', action: 'read', fields: ['id', 'key', 'language', 'value'] }]);
  });

  it('the inspector and policy officer have no access to persons', () => {
    const persons: readonly string[] = PERSON_COLLECTIONS;
    const granted = permissions
      .filter(
        (p) => (p.policy === INSPECTOR_POLICY || p.policy === POLICY_OFFICER_POLICY) && persons.includes(p.collection),
      )
      .map((p) => `${p.policy} ${p.collection}:${p.action}`);
    expect(granted).toEqual([]);
  });
});

describe('config files are stable', () => {
  const files = new Set<string>([
    ...Object.values(CONFIG_FILES),
    ...readdirSync(join(root, 'schema'))
      .filter((name) => name.endsWith('.json'))
      .map((name) => `schema/${name}`),
  ]);

  it.each([...files].sort())('%s is exactly JSON.stringify(parsed, null, 2) + newline', (file) => {
    const text = readFileSync(join(root, file), 'utf8');
    expect(`${JSON.stringify(JSON.parse(text) as Json, null, 2)}\n` === text).toBe(true);
  });
});
