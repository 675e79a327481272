/**
 * The mermaid ER diagram of the data model, rendered from snapshots/snapshot.json (the single source), and the
 * helpers that put it between the `<!-- er-diagram:start -->` and `<!-- er-diagram:end -->` markers of README.md.
 * Pure functions: no file access here (scripts/er-diagram.ts reads and writes the files).
 */
import { extractMermaid, markers, mermaidBlock, replaceMermaid } from './readme-blocks.js';

/** The parts of a Directus schema snapshot the diagram needs. */
export interface SnapshotCollection {
  collection: string;
  /** Absent or null for folders (collections without a table). */
  schema?: { name: string } | null;
}

export interface SnapshotField {
  collection: string;
  field: string;
  type: string;
  meta: { sort?: number | null } | null;
  schema: {
    is_nullable: boolean;
    is_primary_key: boolean;
    foreign_key_table: string | null;
  } | null;
}

export interface SnapshotRelation {
  collection: string;
  field: string;
  related_collection: string | null;
  meta: { one_allowed_collections?: string[] | null } | null;
}

export interface ErSnapshot {
  collections: SnapshotCollection[];
  fields: SnapshotField[];
  relations: SnapshotRelation[];
}

export const ER_START_MARKER = markers('er-diagram').start;
export const ER_END_MARKER = markers('er-diagram').end;

/** The one system collection shown, with its primary key and the fields the platform adds to it. */
const SHOWN_SYSTEM_COLLECTION = 'directus_users';

const MERMAID_TYPES: Readonly<Record<string, string>> = Object.freeze({
  uuid: 'uuid',
  string: 'string',
  hash: 'string',
  time: 'string',
  text: 'text',
  json: 'text',
  csv: 'text',
  integer: 'integer',
  bigInteger: 'integer',
  float: 'float',
  decimal: 'float',
  boolean: 'boolean',
  date: 'date',
  timestamp: 'timestamp',
  dateTime: 'timestamp',
});

/** Directus field type → mermaid attribute type; an unknown type is an error, never a silent guess. */
export function mermaidType(directusType: string): string {
  const mapped = Object.prototype.hasOwnProperty.call(MERMAID_TYPES, directusType)
    ? MERMAID_TYPES[directusType]
    : undefined;
  if (mapped === undefined) throw new Error(`er-diagram: no mermaid type for Directus field type '${directusType}'`);
  return mapped;
}

export function isFolder(collection: SnapshotCollection): boolean {
  return collection.schema === undefined || collection.schema === null;
}

export function isSystemCollection(name: string): boolean {
  return name.startsWith('directus_');
}

/** The collections drawn as entities, in snapshot order, then directus_users. */
export function diagramCollections(snapshot: ErSnapshot): string[] {
  const user = snapshot.collections
    .filter((c) => !isFolder(c) && !isSystemCollection(c.collection))
    .map((c) => c.collection);
  return [...user, SHOWN_SYSTEM_COLLECTION];
}

/** A relation's "one" side(s): the related collection, or each allowed collection of a many-to-any. */
export function relationTargets(relation: SnapshotRelation): string[] {
  if (relation.related_collection !== null) return [relation.related_collection];
  return relation.meta?.one_allowed_collections ?? [];
}

function fieldsOf(snapshot: ErSnapshot, collection: string): SnapshotField[] {
  return snapshot.fields
    .map((field, index) => ({ field, index }))
    .filter(({ field }) => field.collection === collection && field.schema !== null && field.type !== 'alias')
    .sort(
      (a, b) =>
        (a.field.meta?.sort ?? Number.MAX_SAFE_INTEGER) - (b.field.meta?.sort ?? Number.MAX_SAFE_INTEGER) ||
        a.index - b.index,
    )
    .map(({ field }) => field);
}

function attributeLine(field: SnapshotField, foreignKeys: ReadonlySet<string>): string {
  const keys: string[] = [];
  if (field.schema?.is_primary_key === true) keys.push('PK');
  if (foreignKeys.has(`${field.collection}.${field.field}`) || (field.schema?.foreign_key_table ?? null) !== null)
    keys.push('FK');
  const suffix = keys.length > 0 ? ` ${keys.join(', ')}` : '';
  return `    ${mermaidType(field.type)} ${field.field}${suffix}`;
}

/**
 * The mermaid `erDiagram` text (no code fence), ending in a newline. Entities: every collection with a table
 * except the directus_* system ones, plus directus_users with its id and the platform's fields on it. Relations:
 * every snapshot relation, `many }o--|| one` when the many-field is NOT NULL, `many }o--o| one` when nullable.
 */
export function renderErDiagram(snapshot: ErSnapshot): string {
  const foreignKeys = new Set(snapshot.relations.map((r) => `${r.collection}.${r.field}`));
  const lines: string[] = ['erDiagram'];

  for (const collection of diagramCollections(snapshot)) {
    const attributes = fieldsOf(snapshot, collection).map((field) => attributeLine(field, foreignKeys));
    if (collection === SHOWN_SYSTEM_COLLECTION) attributes.unshift('    uuid id PK');
    lines.push(`  ${collection} {`, ...attributes, '  }');
  }

  for (const relation of snapshot.relations) {
    const manyField = snapshot.fields.find((f) => f.collection === relation.collection && f.field === relation.field);
    // Directus creates columns nullable unless told otherwise: a field missing from the snapshot counts as nullable.
    const optional = manyField?.schema?.is_nullable ?? true;
    const cardinality = optional ? '}o--o|' : '}o--||';
    for (const target of relationTargets(relation)) {
      lines.push(`  ${relation.collection} ${cardinality} ${target} : "${relation.field}"`);
    }
  }

  return `${lines.join('\n')}\n`;
}

const ER_BLOCK = 'er-diagram';

/** The fenced block as it stands between the markers. */
export function erBlock(diagram: string): string {
  return mermaidBlock(ER_BLOCK, diagram);
}

/** The diagram text inside the README's marker block (without the fence); null when there is no well-formed block. */
export function extractErDiagram(readme: string): string | null {
  return extractMermaid(readme, ER_BLOCK);
}

/** The README with its marker block replaced by `diagram`; throws when the markers are missing. */
export function replaceErBlock(readme: string, diagram: string): string {
  return replaceMermaid(readme, ER_BLOCK, diagram);
}

/** A minimal README for when none exists yet: a heading and the data-model section with the block. */
export function minimalReadme(diagram: string): string {
  return `# Platform Arbeidsmigranten\n\n## Data model\n\n${erBlock(diagram)}\n`;
}
