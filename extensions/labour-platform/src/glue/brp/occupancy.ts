/**
 * locations.occupied_beds and locations.free_beds: how many migrants live at a location now (their current location)
 * and how many beds are left. Counts, never persons: whoever may read a location (an inspector, the stay's location
 * picker of a provider) sees its free beds without reading a migrant. The platform keeps them in step wherever
 * migrants.current_location or a capacity changes, and once an hour with the current locations.
 */
import type { Knex } from 'knex';
import { freeBeds } from '../../domain/migrant-page';
import { systemItems, type DataAccess, type Row } from '../items';

/** Recounts `locations` ('all': every location); returns how many changed. Never fails on a schema without the fields. */
export async function refreshOccupancy(
  access: DataAccess,
  locations: readonly (string | null | undefined)[] | 'all',
): Promise<number> {
  const fields = access.schema.collections['locations']?.fields;
  if (!fields?.['free_beds'] || !fields['occupied_beds']) return 0;
  const ids =
    locations === 'all'
      ? null
      : [...new Set(locations.filter((id): id is string => typeof id === 'string' && id !== ''))];
  if (ids !== null && ids.length === 0) return 0;
  const knex: Knex = access.knex;
  const rowsQuery = knex('locations').select('id', 'capacity', 'occupied_beds', 'free_beds');
  const countQuery = knex('migrants')
    .select('current_location')
    .count({ count: '*' })
    .whereNotNull('current_location')
    .groupBy('current_location');
  if (ids) {
    rowsQuery.whereIn('id', ids);
    countQuery.whereIn('current_location', ids);
  }
  const [rows, counts] = await Promise.all([
    rowsQuery as Promise<Array<{ id: string; capacity: unknown; occupied_beds: unknown; free_beds: unknown }>>,
    countQuery as unknown as Promise<Array<{ current_location: string; count: number | string }>>,
  ]);
  const occupiedAt = new Map(counts.map((row) => [row.current_location, Number(row.count)]));
  const changes: Row[] = [];
  for (const row of rows) {
    const occupied = occupiedAt.get(row.id) ?? 0;
    const capacity = row.capacity === null || row.capacity === undefined ? null : Number(row.capacity);
    const free = freeBeds(capacity, occupied);
    if (
      Number(row.occupied_beds) === occupied &&
      row.occupied_beds !== null &&
      (row.free_beds === null ? free === null : Number(row.free_beds) === free)
    )
      continue;
    changes.push({ id: row.id, occupied_beds: occupied, free_beds: free });
  }
  // through the service so caches are purged; without events so no hook runs again
  if (changes.length > 0) await systemItems(access, 'locations').updateBatch(changes, { emitEvents: false });
  return changes.length;
}
