/**
 * The narrow slice of Directus's ItemsService the glue uses. Directus types `services` loosely; this gives the
 * calls we make a shape without importing @directus/api.
 */
import { isDirectusError } from '@directus/errors';
import type { Accountability, SchemaOverview } from '@directus/types';
import type { Knex } from 'knex';

export type Row = Record<string, unknown>;
export type PrimaryKey = string | number;
interface WriteOptions {
  emitEvents?: boolean;
}

export interface ItemsServiceLike {
  readByQuery(query: Record<string, unknown>, options?: WriteOptions): Promise<Row[]>;
  createOne(data: Row, options?: WriteOptions): Promise<PrimaryKey>;
  createMany(data: Row[], options?: WriteOptions): Promise<PrimaryKey[]>;
  updateOne(key: PrimaryKey, data: Row, options?: WriteOptions): Promise<PrimaryKey>;
  updateMany(keys: PrimaryKey[], data: Row, options?: WriteOptions): Promise<PrimaryKey[]>;
  updateBatch(data: Row[], options?: WriteOptions): Promise<unknown>;
}

export type ItemsServiceConstructor = new (
  collection: string,
  options: { schema: SchemaOverview; accountability: Accountability | null; knex?: Knex },
) => ItemsServiceLike;

export function itemsServiceFrom(services: unknown): ItemsServiceConstructor {
  const candidate = (services as { ItemsService?: unknown } | null)?.ItemsService;
  if (typeof candidate !== 'function') throw new Error('Directus did not provide ItemsService to the extension');
  return candidate as ItemsServiceConstructor;
}

/** Everything glue code needs to read and write as Directus does, inside or outside a transaction. */
export interface DataAccess {
  knex: Knex;
  schema: SchemaOverview;
  ItemsService: ItemsServiceConstructor;
}

/** Items of a collection as the system (no permission checks, no hooks): for the platform's own bookkeeping. */
export function systemItems(access: DataAccess, collection: string): ItemsServiceLike {
  return new access.ItemsService(collection, { schema: access.schema, accountability: null, knex: access.knex });
}

/** Items of a collection as a user sees them (their permissions apply). */
export function userItems(
  access: DataAccess,
  collection: string,
  accountability: Accountability | null,
): ItemsServiceLike {
  return new access.ItemsService(collection, { schema: access.schema, accountability, knex: access.knex });
}

/**
 * The rows a user sees with their own permissions. A collection the user may not read at all shows no rows, so
 * a caller without any read permission gets the same answer as one whose rules hide the row (and as a missing one).
 */
export async function rowsVisibleTo(
  access: DataAccess,
  collection: string,
  accountability: Accountability | null,
  query: Record<string, unknown>,
): Promise<Row[]> {
  try {
    return await userItems(access, collection, accountability).readByQuery(query);
  } catch (error) {
    if (isDirectusError(error, 'FORBIDDEN')) return [];
    throw error;
  }
}
