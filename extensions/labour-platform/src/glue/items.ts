/**
 * The narrow slice of Directus's ItemsService the glue uses. Directus types `services` loosely; this gives the
 * calls we make a shape without importing @directus/api.
 */
import type { Accountability, SchemaOverview } from '@directus/types';
import type { Knex } from 'knex';

export type Row = Record<string, unknown>;

export interface ItemsServiceLike {
  readByQuery(query: Record<string, unknown>): Promise<Row[]>;
  updateBatch(data: Row[], options?: { emitEvents?: boolean }): Promise<unknown>;
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
