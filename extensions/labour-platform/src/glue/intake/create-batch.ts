/**
 * An import's new people, created a chunk at a time inside the commit's transaction: each migrant with its stay,
 * exactly as the form creates one, with the writer's rights, but with the platform's write filters run once per chunk
 * instead of once per row.
 *
 * What a create of a migrant (and its nested stay) runs, per row, through Directus's filters (hooks/records,
 * hooks/evidence, hooks/privacy), is run here for the chunk, through the same glue:
 *   - Directus's own access check for the writer (validateAccess: may it create migrants, stays), once per chunk;
 *   - the request checks (no platform-only field, no sealed column), the shape and field rules of every payload
 *     (glue/records/write-checks: validateWrite), and the references it names, read with the writer's permissions
 *     (checkReferences: one read of the chunk's distinct keys);
 *   - the migrant's id, its outbox entries (first task, consent invitation) and its stay's (current location), in
 *     this transaction;
 *   - its personal fields sealed with a fresh data key of its own (sealNewMigrant), the duplicate-BSN refusal and its
 *     case number (completeNewMigrants: one query and one look-up per chunk), its key into the vault (storeDataKeys).
 * Then Directus writes the rows (ItemsService.createMany with the writer's accountability, its filters already run:
 * `emitEvents: false`): its permission check of every payload with presets and validation rules (processPayload), the
 * field specials, and the activity (and revisions) of every row, as for any create. Nothing is written outside the
 * caller's transaction; the outbox is worked off after its commit (the caller kicks it).
 */
import type { Accountability } from '@directus/types';
import { OUTBOX_ON_CREATE } from '../../domain/outbox';
import type { KeyRing } from '../../domain/privacy';
import { directusValidateAccess } from '../access/access-first';
import { refusePlatformFields } from '../access/tenancy';
import type { DataAccess, Row } from '../items';
import { enqueue } from '../outbox';
import { storeDataKeys } from '../privacy/data-keys';
import { refuseSealedColumns } from '../privacy/events';
import { sealNewMigrant, withMigrantId } from '../privacy/personal-data';
import { completeNewMigrants } from '../privacy/search';
import { checkReferences, validateWrite, type WriteContext } from '../records/write-checks';

/** Rows per chunk: one multi-key read per relation and one duplicate-BSN query each. */
export const CREATE_CHUNK = 250;

/** The fields only the BRP workflow writes (the records hook refuses them on a create by anyone but the system). */
const WORKFLOW_FIELDS = ['brp_status', 'status_version', 'brp_machine_version'];

export interface NewResident {
  /** The row of the file, to report the migrant it became. */
  row: number;
  /** The migrant's fields as the form sends them (plain text: sealed here). */
  migrant: Row;
  stay: { location: string; start_date: string };
}

export type CreatedResidents = Map<number, { id: string; case_number: string | null }>;

/** Creates the residents with their stays, a chunk at a time, in `inTrx`'s transaction, as `writer`. */
export async function createResidents(
  inTrx: DataAccess,
  ring: KeyRing,
  writer: Accountability | null,
  provider: string,
  residents: readonly NewResident[],
): Promise<CreatedResidents> {
  const created: CreatedResidents = new Map();
  if (residents.length === 0) return created;
  if (!inTrx.knex.isTransaction) throw new Error('createResidents runs inside the commit transaction only');
  const context: WriteContext = { database: inTrx.knex, schema: inTrx.schema, accountability: writer };
  if (writer) {
    const validateAccess = await directusValidateAccess();
    for (const collection of ['migrants', 'stays'])
      await validateAccess(
        { accountability: writer, action: 'create', collection },
        { knex: inTrx.knex, schema: inTrx.schema },
      );
  }
  const migrants = new inTrx.ItemsService('migrants', {
    schema: inTrx.schema,
    accountability: writer,
    knex: inTrx.knex,
  });
  const stays = new inTrx.ItemsService('stays', { schema: inTrx.schema, accountability: writer, knex: inTrx.knex });
  for (let start = 0; start < residents.length; start += CREATE_CHUNK) {
    const chunk = residents.slice(start, start + CREATE_CHUNK);
    // the migrants: the request checks, the field rules, the references, then the id, the outbox and the seal
    const checked: Row[] = [];
    for (const resident of chunk) {
      const payload: Row = { ...resident.migrant };
      if (writer === null || writer.admin) payload['provider'] = provider;
      if (WORKFLOW_FIELDS.some((field) => field in payload)) throw new Error('an import never sets the BRP status');
      refusePlatformFields('migrants', payload, writer);
      await refuseSealedColumns(payload, { collection: 'migrants' }, context);
      checked.push(withMigrantId(await validateWrite('migrants', payload, [null], context)));
    }
    await checkReferences(inTrx.ItemsService, 'migrants', checked, context);
    await enqueue(
      inTrx.knex,
      checked.flatMap((payload) =>
        (OUTBOX_ON_CREATE['migrants'] ?? []).map((kind) => ({ kind, subject: String(payload['id']) })),
      ),
    );
    const sealed = checked.map((payload) => sealNewMigrant(ring, payload));
    const completed = await completeNewMigrants(
      inTrx,
      writer,
      sealed.map((one) => one.payload),
    );
    await storeDataKeys(
      inTrx.knex,
      sealed.map((one) => ({ id: one.id, wrapped: one.wrappedKey })),
    );
    const keys = (await migrants.createMany(completed, { emitEvents: false })).map(String);
    // their stays: the same checks (the location and the new migrant read with the writer's permissions), the outbox
    const stayPayloads: Row[] = [];
    for (const [index, resident] of chunk.entries()) {
      const payload: Row = {
        migrant: keys[index],
        location: resident.stay.location,
        start_date: resident.stay.start_date,
      };
      refusePlatformFields('stays', payload, writer);
      stayPayloads.push(await validateWrite('stays', payload, [null], context));
    }
    await checkReferences(inTrx.ItemsService, 'stays', stayPayloads, context);
    await enqueue(
      inTrx.knex,
      keys.map((subject) => ({ kind: 'current_location' as const, subject })),
    );
    await stays.createMany(stayPayloads, { emitEvents: false });
    for (const [index, resident] of chunk.entries()) {
      const number = completed[index]?.['case_number'];
      created.set(resident.row, { id: keys[index]!, case_number: typeof number === 'string' ? number : null });
    }
  }
  return created;
}
