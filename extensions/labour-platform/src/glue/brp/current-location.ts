/**
 * migrants.current_location follows the migrant's stays: the location of the stay that covers today (the
 * latest-starting one if several do), none once the migrant has left (its departure date has come). Tenancy rules filter on it, so it is kept in step after every change to
 * stays and once an hour (a stay that starts or ends today changes it without any write).
 */
import type { SchemaOverview } from '@directus/types';
import type { Knex } from 'knex';
import { hasLeft } from '../../domain/brp/departure';
import { todayInNetherlands } from '../../domain/dates';
import type { ItemsServiceConstructor, Row } from '../items';

/** Returns the ids of the migrants whose current location changed. */
export async function refreshCurrentLocations(
  database: Knex,
  schema: SchemaOverview,
  ItemsService: ItemsServiceConstructor,
  migrantIds: readonly string[] | 'all',
): Promise<string[]> {
  if (migrantIds !== 'all' && migrantIds.length === 0) return [];
  const today = todayInNetherlands();
  // Through Directus's query layer, not raw SQL: it knows how each vendor stores dates (SQLite: epoch ms).
  const service = (collection: string) =>
    new ItemsService(collection, { schema, accountability: null, knex: database });
  const onlyThese = migrantIds === 'all' ? [] : [{ migrant: { _in: [...migrantIds] } }];
  const migrants = (await service('migrants').readByQuery({
    fields: ['id', 'current_location', 'departure_date'],
    filter: migrantIds === 'all' ? {} : { id: { _in: [...migrantIds] } },
    limit: -1,
  })) as Array<{ id: string; current_location: string | null; departure_date: string | null }>;
  const stays = (await service('stays').readByQuery({
    fields: ['migrant', 'location', 'start_date'],
    filter: {
      _and: [
        ...onlyThese,
        { start_date: { _lte: today } },
        { _or: [{ end_date: { _null: true } }, { end_date: { _gte: today } }] },
      ],
    },
    limit: -1,
  })) as Array<{ migrant: string; location: string; start_date: string }>;

  const currentByMigrant = new Map<string, { location: string; start: string }>();
  for (const stay of stays) {
    const known = currentByMigrant.get(stay.migrant);
    if (!known || stay.start_date > known.start)
      currentByMigrant.set(stay.migrant, { location: stay.location, start: stay.start_date });
  }

  // a migrant who has left occupies no bed, also on the day of departure (the last night of its stay)
  const current = (migrant: (typeof migrants)[number]): string | null =>
    hasLeft(migrant.departure_date, today) ? null : (currentByMigrant.get(migrant.id)?.location ?? null);
  const changes: Row[] = migrants
    .filter((migrant) => current(migrant) !== migrant.current_location)
    .map((migrant) => ({ id: migrant.id, current_location: current(migrant) }));
  if (changes.length === 0) return [];
  // Through the service so caches are purged; without events so no hook runs again.
  await service('migrants').updateBatch(changes, { emitEvents: false });
  return changes.map((change) => String(change['id']));
}
