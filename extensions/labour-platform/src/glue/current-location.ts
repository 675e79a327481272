/**
 * migrants.current_location follows the migrant's stays: the location of the stay that covers today (the
 * latest-starting one if several do). Tenancy rules filter on it, so it is kept in step after every change to
 * stays and once an hour (a stay that starts or ends today changes it without any write).
 */
import type { SchemaOverview } from '@directus/types';
import type { Knex } from 'knex';
import { todayInNetherlands } from '../domain/validation';
import type { ItemsServiceConstructor, Row } from './items';

export async function refreshCurrentLocations(
  database: Knex,
  schema: SchemaOverview,
  ItemsService: ItemsServiceConstructor,
  migrantIds: readonly string[] | 'all',
): Promise<number> {
  const today = todayInNetherlands();
  let query = database('migrants').select('id', 'current_location');
  if (migrantIds !== 'all') {
    if (migrantIds.length === 0) return 0;
    query = query.whereIn('id', [...migrantIds]);
  }
  const migrants = (await query) as Array<{ id: string; current_location: string | null }>;
  if (migrants.length === 0) return 0;

  let staysQuery = database('stays')
    .select('migrant', 'location', 'start_date')
    .where('start_date', '<=', today)
    .andWhere((where) => where.whereNull('end_date').orWhere('end_date', '>=', today));
  if (migrantIds !== 'all') staysQuery = staysQuery.whereIn('migrant', [...migrantIds]);
  const stays = (await staysQuery) as Array<{ migrant: string; location: string; start_date: string | Date }>;

  const currentByMigrant = new Map<string, { location: string; start: string }>();
  for (const stay of stays) {
    const start = stay.start_date instanceof Date ? stay.start_date.toISOString().slice(0, 10) : String(stay.start_date);
    const known = currentByMigrant.get(stay.migrant);
    if (!known || start > known.start) currentByMigrant.set(stay.migrant, { location: stay.location, start });
  }

  const changes: Row[] = migrants
    .map((migrant) => ({ id: migrant.id, current_location: currentByMigrant.get(migrant.id)?.location ?? null, was: migrant.current_location }))
    .filter((change) => change.current_location !== change.was)
    .map(({ id, current_location }) => ({ id, current_location }));
  if (changes.length === 0) return 0;
  // Through the service (not raw SQL) so caches are purged; without events so no hook runs again.
  await new ItemsService('migrants', { schema, accountability: null, knex: database }).updateBatch(changes, { emitEvents: false });
  return changes.length;
}
