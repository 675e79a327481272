/**
 * Writing an import's valid rows, inside the commit's transaction, with the writer's rights (the caller's
 * accountability; the system for a clerk acting for a provider): the new people a chunk at a time (./create-batch),
 * the changed ones one by one through ItemsService.
 */
import { addDays, maxDate } from '../../domain/dates';
import { migrantPayload, type ClassifiedRow } from '../../domain/intake';
import type { Accountability } from '@directus/types';
import type { KeyRing } from '../../domain/privacy';
import { userItems, type DataAccess, type Row } from '../items';
import { createResidents, type CreatedResidents } from './create-batch';

export async function writeRows(
  inTrx: DataAccess,
  ring: KeyRing,
  writer: Accountability | null,
  provider: string,
  rows: readonly ClassifiedRow[],
  today: string,
): Promise<CreatedResidents> {
  const created = await createResidents(
    inTrx,
    ring,
    writer,
    provider,
    rows.flatMap((row) => {
      if (row.outcome !== 'new' || row.location === null) return [];
      const migrant: Row = migrantPayload(row.values);
      if (row.values.external_reference !== undefined) migrant['external_reference'] = row.values.external_reference;
      return [
        { row: row.row, migrant, stay: { location: row.location, start_date: row.values.arrival_date ?? today } },
      ];
    }),
  );
  const migrants = userItems(inTrx, 'migrants', writer);
  const stays = userItems(inTrx, 'stays', writer);
  for (const row of rows) {
    if (row.outcome === 'changed' && row.migrant !== null) {
      const changes: Row = {};
      for (const field of row.changed) if (field !== 'location') changes[field] = row.values[field] ?? null;
      if (Object.keys(changes).length > 0) await migrants.updateOne(row.migrant.id, changes);
      if (row.changed.includes('location') && row.location !== null) {
        if (row.migrant.stay !== null) {
          // the old stay ends yesterday (today when it only began today): the migrant sleeps in one place a night
          const [old] = await stays.readByQuery({
            filter: { id: { _eq: row.migrant.stay.id } },
            fields: ['start_date'],
            limit: 1,
          });
          const start = String(old?.['start_date'] ?? '').slice(0, 10);
          await stays.updateOne(row.migrant.stay.id, { end_date: maxDate(start || today, addDays(today, -1)) });
        }
        await stays.createOne({ migrant: row.migrant.id, location: row.location, start_date: today });
      }
    }
  }
  return created;
}
