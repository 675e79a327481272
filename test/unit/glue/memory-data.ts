/**
 * Unit tests of the glue without a booted Directus: an in-memory SQLite database (knex + sqlite3, both installed
 * with Directus) with only the columns the glue touches, and a small stand-in for Directus's ItemsService that reads
 * and writes those tables. It knows the query shapes the glue sends (`_eq`, `_in`, `_and`, many-to-one `a.b` fields,
 * `sort`, `limit`), and a caller's permissions as a predicate on rows; nothing else of Directus.
 */
import { randomUUID } from 'node:crypto';
import knex, { type Knex } from 'knex';
import type { Accountability, SchemaOverview } from '@directus/types';
import type {
  DataAccess,
  ItemsServiceConstructor,
  ItemsServiceLike,
  PrimaryKey,
  Row,
} from '../../../extensions/labour-platform/src/glue/items';

export type Columns = Record<string, 'text' | 'integer' | 'boolean' | 'json' | 'unique text' | 'timestamp'>;

/** A fresh in-memory database with these tables (every table gets a text primary key `id` unless it lists one). */
export async function memoryDatabase(tables: Record<string, Columns>): Promise<Knex> {
  const db = knex({
    client: 'sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
    pool: { min: 1, max: 1 },
  });
  for (const [table, columns] of Object.entries(tables)) {
    await db.schema.createTable(table, (builder) => {
      if (!('id' in columns)) builder.string('id').primary();
      for (const [name, type] of Object.entries(columns)) {
        if (name === 'id') builder.string('id').primary();
        else if (type === 'integer') builder.integer(name);
        else if (type === 'boolean') builder.boolean(name);
        else if (type === 'timestamp') builder.timestamp(name);
        else if (type === 'unique text') builder.string(name).unique();
        else builder.text(name);
      }
    });
  }
  return db;
}

/** Where a many-to-one field leads: `{ migrants: { current_location: 'locations' } }`. */
export type Relations = Record<string, Record<string, string>>;

/** Which rows a caller may read (their Directus permissions); the system (null) reads all. */
export type Permissions = (collection: string, row: Row, accountability: Accountability) => boolean;

type Filter = Record<string, unknown>;

function matches(row: Row, filter: Filter | undefined): boolean {
  if (!filter) return true;
  return Object.entries(filter).every(([key, condition]) => {
    if (key === '_and') return (condition as Filter[]).every((inner) => matches(row, inner));
    if (key === '_or') return (condition as Filter[]).some((inner) => matches(row, inner));
    const value = row[key];
    return Object.entries(condition as Record<string, unknown>).every(([operator, expected]) => {
      switch (operator) {
        case '_eq':
          return value === expected;
        case '_neq':
          return value !== expected;
        case '_in':
          return (expected as unknown[]).includes(value);
        case '_nnull':
          return (value !== null && value !== undefined) === expected;
        case '_null':
          return (value === null || value === undefined) === expected;
        default:
          throw new Error(`the fake ItemsService does not know ${operator}`);
      }
    });
  });
}

function fromColumn(value: unknown): unknown {
  if (typeof value === 'string' && /^[[{]/.test(value)) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}

function toColumns(data: Row): Row {
  return Object.fromEntries(
    Object.entries(data).map(([key, value]) => [
      key,
      value !== null && typeof value === 'object' && !(value instanceof Date) ? JSON.stringify(value) : value,
    ]),
  );
}

/** An ItemsService stand-in over `db`; the same class serves the system and callers (with `permissions`). */
export function fakeItemsService(
  relations: Relations = {},
  permissions: Permissions = () => true,
): ItemsServiceConstructor {
  return class FakeItemsService implements ItemsServiceLike {
    private readonly knex: Knex;
    constructor(
      private readonly collection: string,
      private readonly options: { schema: SchemaOverview; accountability: Accountability | null; knex?: Knex },
    ) {
      if (!options.knex) throw new Error('the fake ItemsService needs a knex');
      this.knex = options.knex;
    }

    private async rows(): Promise<Row[]> {
      const rows = ((await this.knex(this.collection).select('*')) as Row[]).map((row) =>
        Object.fromEntries(Object.entries(row).map(([key, value]) => [key, fromColumn(value)])),
      );
      const accountability = this.options.accountability;
      return accountability && !accountability.admin
        ? rows.filter((row) => permissions(this.collection, row, accountability))
        : rows;
    }

    private async pick(row: Row, fields: string[] | undefined, collection: string): Promise<Row> {
      if (!fields || fields.includes('*')) return row;
      const picked: Row = {};
      const nested = new Map<string, string[]>();
      for (const field of fields) {
        const [head, ...rest] = field.split('.');
        if (rest.length === 0) picked[head!] = row[head!] ?? null;
        else nested.set(head!, [...(nested.get(head!) ?? []), rest.join('.')]);
      }
      for (const [field, inner] of nested) {
        const related = relations[collection]?.[field];
        if (!related) throw new Error(`the fake ItemsService does not know where ${collection}.${field} leads`);
        const target =
          row[field] === null || row[field] === undefined
            ? undefined
            : ((await this.knex(related)
                .where('id', row[field] as string)
                .first()) as Row | undefined);
        picked[field] = target ? await this.pick(target, inner, related) : null;
      }
      return picked;
    }

    async readByQuery(query: Record<string, unknown>): Promise<Row[]> {
      let rows = (await this.rows()).filter((row) => matches(row, query['filter'] as Filter | undefined));
      for (const sort of [...((query['sort'] as string[] | undefined) ?? [])].reverse()) {
        const descending = sort.startsWith('-');
        const field = descending ? sort.slice(1) : sort;
        rows = [...rows].sort(
          (a, b) =>
            (String(a[field] ?? '') < String(b[field] ?? '')
              ? -1
              : String(a[field] ?? '') > String(b[field] ?? '')
                ? 1
                : 0) * (descending ? -1 : 1),
        );
      }
      const limit = typeof query['limit'] === 'number' && query['limit'] >= 0 ? query['limit'] : rows.length;
      return Promise.all(
        rows.slice(0, limit).map((row) => this.pick(row, query['fields'] as string[] | undefined, this.collection)),
      );
    }

    async createOne(data: Row): Promise<PrimaryKey> {
      const id = (data['id'] as PrimaryKey | undefined) ?? randomUUID();
      await this.knex(this.collection).insert(toColumns({ ...data, id }));
      return id;
    }

    async createMany(data: Row[]): Promise<PrimaryKey[]> {
      const keys: PrimaryKey[] = [];
      for (const row of data) keys.push(await this.createOne(row));
      return keys;
    }

    async updateOne(key: PrimaryKey, data: Row): Promise<PrimaryKey> {
      await this.knex(this.collection).where('id', key).update(toColumns(data));
      return key;
    }

    async updateMany(keys: PrimaryKey[], data: Row): Promise<PrimaryKey[]> {
      if (keys.length > 0) await this.knex(this.collection).whereIn('id', keys).update(toColumns(data));
      return keys;
    }

    async updateBatch(data: Row[]): Promise<unknown> {
      for (const row of data) await this.updateOne(row['id'] as PrimaryKey, row);
      return data.map((row) => row['id']);
    }
  };
}

/** A DataAccess over the in-memory database (the schema overview is not read by the fake). */
export function memoryAccess(db: Knex, ItemsService: ItemsServiceConstructor): DataAccess {
  return { knex: db, schema: { collections: {}, relations: [] } as unknown as SchemaOverview, ItemsService };
}

/** A caller of a role (ids from glue/roles), as Directus's accountability. */
export function caller(user: string, role: string | null, admin = false): Accountability {
  return { user, role, roles: role ? [role] : [], admin, app: true, ip: null } as unknown as Accountability;
}

/** Counts the SQL statements `db` runs while `work` runs. */
export async function countQueries<T>(db: Knex, work: () => Promise<T>): Promise<{ result: T; queries: string[] }> {
  const queries: string[] = [];
  const listener = (query: { sql: string }) => queries.push(query.sql);
  db.on('query', listener);
  try {
    return { result: await work(), queries };
  } finally {
    db.off('query', listener);
  }
}
