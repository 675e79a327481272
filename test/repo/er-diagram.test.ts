/**
 * The ER diagram in README.md is the one snapshots/snapshot.json gives (`npm run er:diagram` writes it), and it
 * shows every collection and every relation of the data model.
 */
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ER_END_MARKER,
  ER_START_MARKER,
  extractErDiagram,
  isFolder,
  minimalReadme,
  relationTargets,
  renderErDiagram,
  replaceErBlock,
  type ErSnapshot,
  type SnapshotField,
} from '../../scripts/lib/er-diagram';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const snapshot = JSON.parse(readFileSync(join(root, 'snapshots', 'snapshot.json'), 'utf8')) as ErSnapshot;
const diagram = renderErDiagram(snapshot);

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function field(collection: string, name: string, type: string, nullable = true, primaryKey = false): SnapshotField {
  return {
    collection,
    field: name,
    type,
    meta: { sort: null },
    schema: { is_nullable: nullable, is_primary_key: primaryKey, foreign_key_table: null },
  };
}

describe('README.md ER diagram', () => {
  it('is exactly renderErDiagram(snapshot) (run `npm run er:diagram` when this fails)', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toContain(ER_START_MARKER);
    expect(readme).toContain(ER_END_MARKER);
    expect(extractErDiagram(readme)).toBe(diagram);
  });

  it('`npm run er:diagram -- --check` agrees', () => {
    const result = spawnSync(
      join(root, 'node_modules', '.bin', 'tsx'),
      [join(root, 'scripts', 'er-diagram.ts'), '--check'],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('draws every collection that has a table, and directus_users', () => {
    const collections = snapshot.collections.filter((c) => !isFolder(c)).map((c) => c.collection);
    expect(collections.length).toBeGreaterThan(0);
    for (const collection of [...collections, 'directus_users']) {
      expect(diagram, collection).toMatch(new RegExp(`^  ${escapeRegExp(collection)} \\{$`, 'm'));
    }
  });

  it('draws no folder and no other system collection as an entity', () => {
    const entities = [...diagram.matchAll(/^ {2}(\S+) \{$/gm)].map((m) => m[1]);
    for (const folder of snapshot.collections.filter(isFolder)) expect(entities).not.toContain(folder.collection);
    expect(entities.filter((name) => name?.startsWith('directus_'))).toEqual(['directus_users']);
  });

  it('draws each field of a collection with its type and keys', () => {
    for (const f of snapshot.fields.filter(
      (x) => x.collection !== 'directus_users' && x.schema != null && x.type !== 'alias',
    )) {
      expect(diagram, `${f.collection}.${f.field}`).toMatch(
        new RegExp(`^ {4}\\w+ ${escapeRegExp(f.field)}( PK| FK| PK, FK)?$`, 'm'),
      );
    }
    expect(diagram).toMatch(/ {2}directus_users \{\n {4}uuid id PK\n {4}\w+ organisation FK\n {2}\}/);
  });

  it('draws every relation, optional exactly when the many-field is nullable', () => {
    expect(snapshot.relations.length).toBeGreaterThan(0);
    for (const relation of snapshot.relations) {
      const manyField = snapshot.fields.find((f) => f.collection === relation.collection && f.field === relation.field);
      const cardinality = manyField?.schema?.is_nullable === false ? '}o--||' : '}o--o|';
      for (const target of relationTargets(relation)) {
        expect(diagram).toContain(`  ${relation.collection} ${cardinality} ${target} : "${relation.field}"\n`);
      }
    }
  });
});

describe('renderErDiagram', () => {
  const small: ErSnapshot = {
    collections: [
      { collection: 'folder' },
      { collection: 'other_folder', schema: null },
      { collection: 'parents', schema: { name: 'parents' } },
      { collection: 'children', schema: { name: 'children' } },
      { collection: 'directus_files', schema: { name: 'directus_files' } },
    ],
    fields: [
      field('parents', 'id', 'integer', false, true),
      field('children', 'id', 'uuid', false, true),
      field('children', 'parent', 'integer', false),
      field('children', 'owner', 'uuid'),
      field('children', 'born', 'dateTime'),
      field('children', 'weight', 'decimal'),
    ],
    relations: [
      { collection: 'children', field: 'parent', related_collection: 'parents', meta: null },
      { collection: 'children', field: 'owner', related_collection: 'directus_users', meta: null },
    ],
  };

  it('renders entities, types, keys and cardinalities', () => {
    expect(renderErDiagram(small)).toBe(
      [
        'erDiagram',
        '  parents {',
        '    integer id PK',
        '  }',
        '  children {',
        '    uuid id PK',
        '    integer parent FK',
        '    uuid owner FK',
        '    timestamp born',
        '    float weight',
        '  }',
        '  directus_users {',
        '    uuid id PK',
        '  }',
        '  children }o--|| parents : "parent"',
        '  children }o--o| directus_users : "owner"',
        '',
      ].join('\n'),
    );
  });

  it('refuses a field type it has no mermaid word for', () => {
    expect(() => renderErDiagram({ ...small, fields: [field('parents', 'shape', 'geometry')] })).toThrow(/geometry/);
  });

  it('replaces only the marker block of a README', () => {
    const readme = `# Title\n\nbefore\n\n${ER_START_MARKER}\nold\n${ER_END_MARKER}\n\nafter\n`;
    const updated = replaceErBlock(readme, 'erDiagram\n');
    expect(updated).toBe(
      `# Title\n\nbefore\n\n${ER_START_MARKER}\n\`\`\`mermaid\nerDiagram\n\`\`\`\n${ER_END_MARKER}\n\nafter\n`,
    );
    expect(extractErDiagram(updated)).toBe('erDiagram\n');
    expect(extractErDiagram(readme)).toBeNull();
    expect(() => replaceErBlock('# no markers\n', 'erDiagram\n')).toThrow();
    expect(extractErDiagram(minimalReadme('erDiagram\n'))).toBe('erDiagram\n');
  });
});
