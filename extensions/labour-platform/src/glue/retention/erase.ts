/**
 * Erasing migrants, a chunk per transaction: crypto-shredding first (the data key leaves the vault), then the rows.
 * Everything of a chunk commits together or not at all, so a kill -9 leaves each person either untouched or gone,
 * and the destruction log's counts are those of what committed; the next run finds the rest still due.
 *
 * What happens to each kind of row, and why (README "Personal data", erasure):
 *   - data_keys: deleted first; every copy of the ciphertext is unreadable from here on.
 *   - migrant_documents: deleted (their bytes were encrypted with that data key).
 *   - migrants: deleted; what the anonymous figures need is first copied to anonymous_people (no id, no case number).
 *   - stays, appointments, open tasks: deleted; closed tasks lose their link to the person (the workload figures
 *     keep counting them); revisions and comments of these rows, and notifications about the person, are deleted.
 *   - consents: the request loses its link to the person and its token hash; one with signed records stays (the
 *     records hold no personal data, only a keyed pseudonym, so the hash chain stays verifiable), one without goes.
 *   - status_history, reveal_log: evidence about the person, kept as long as the person: deleted with them (the
 *     only privileged delete of evidence, eraseEvidenceForRetention).
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { eraseEvidenceForRetention } from '../evidence/guard';
import { eraseDocuments } from '../documents/documents';
import { destroyDataKeys } from '../privacy/data-keys';
import type { MigrantRetention } from './facts';

type Row = Record<string, unknown>;

export const COUNTS = [
  'migrants',
  'stays',
  'tasks',
  'appointments',
  'consents',
  'status_history',
  'reveal_log',
] as const;
export type Counts = Record<(typeof COUNTS)[number], number>;

export function noCounts(): Counts {
  return { migrants: 0, stays: 0, tasks: 0, appointments: 0, consents: 0, status_history: 0, reveal_log: 0 };
}

export interface BatchContext {
  run: string;
  trigger: 'schedule' | 'manual' | 'request';
  /** The rule, as the destruction log keeps it: `end+<months>m` or `request`. */
  rule: (person: MigrantRetention) => string;
  reason: string | null;
  actor: string | null;
  now: Date;
}

/**
 * Deletes Directus's own copies about these rows (items per collection): revisions, comments, notifications. Directus
 * keeps no index on a revision's item, so each statement reads its table once: one statement per table for all
 * collections together, up to 2,000 items (bound parameters) each.
 */
async function eraseDirectusCopies(trx: Knex, items: Readonly<Record<string, readonly string[]>>): Promise<void> {
  let batch: Array<[string, readonly string[]]> = [];
  let size = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const matching = (table: string) =>
      trx(table).where((where) => {
        for (const [collection, ids] of batch)
          where.orWhere((one) => one.where('collection', collection).whereIn('item', ids));
      });
    await matching('directus_revisions').delete();
    await matching('directus_comments').delete();
    await matching('directus_notifications').delete();
    batch = [];
    size = 0;
  };
  for (const [collection, ids] of Object.entries(items))
    for (let index = 0; index < ids.length; index += 500) {
      const slice = ids.slice(index, index + 500);
      if (size + slice.length > 2_000) await flush();
      batch.push([collection, slice]);
      size += slice.length;
    }
  await flush();
}

/**
 * Erases these people in one transaction; returns the counts per municipality (key '' for none). `people` must be
 * what ./facts said about them inside this transaction (the caller re-reads them in it).
 */
export async function eraseChunk(
  trx: Knex,
  people: readonly MigrantRetention[],
  batch: BatchContext,
  afterShredding?: () => void,
): Promise<Map<string, Counts>> {
  const byMunicipality = new Map<string, Counts>();
  if (people.length === 0) return byMunicipality;
  const migrantIds = people.map((person) => person.id);
  // 1. crypto-shredding
  await destroyDataKeys(trx, migrantIds);
  afterShredding?.();
  // the person's documents (unreadable already: they were encrypted with the key just destroyed)
  await eraseDocuments(trx, migrantIds);
  // 2. the anonymous figures, unlinkable (a fresh id; the order of rows says nothing either: one insert per chunk)
  await trx('anonymous_people').insert(
    people.map((person) => ({
      id: randomUUID(),
      municipality: person.anonymous.municipality,
      location: person.anonymous.location,
      nationality: person.anonymous.nationality,
      birth_year: person.anonymous.birthYear,
      arrival_date: person.anonymous.arrival,
      departure_date: person.anonymous.departure,
      brp_outcome: person.anonymous.brpOutcome,
    })),
  );
  // 3. the rows, per person for the counts of its municipality
  const municipalityOf = new Map(people.map((person) => [person.id, person.municipality ?? '']));
  const add = (migrant: string, field: keyof Counts, n: number) => {
    const key = municipalityOf.get(migrant) ?? '';
    const counts = byMunicipality.get(key) ?? byMunicipality.set(key, noCounts()).get(key)!;
    counts[field] += n;
  };
  const perMigrant = async (table: string, field: keyof Counts): Promise<Row[]> => {
    const rows = (await trx(table).select('id', 'migrant').whereIn('migrant', migrantIds)) as Row[];
    for (const row of rows) add(String(row['migrant']), field, 1);
    return rows;
  };

  const stays = await perMigrant('stays', 'stays');
  const appointments = await perMigrant('appointments', 'appointments');
  const tasks = (await trx('tasks').select('id', 'migrant', 'status').whereIn('migrant', migrantIds)) as Row[];
  for (const task of tasks) add(String(task['migrant']), 'tasks', 1);
  const consents = await perMigrant('consents', 'consents');
  const history = await perMigrant('status_history', 'status_history');
  const reveals = await perMigrant('reveal_log', 'reveal_log');

  const stayIds = stays.map((row) => String(row['id']));
  const appointmentIds = appointments.map((row) => String(row['id']));
  const taskIds = tasks.map((row) => String(row['id']));
  const openTaskIds = tasks.filter((row) => row['status'] === 'open').map((row) => String(row['id']));
  const consentIds = consents.map((row) => String(row['id']));
  await eraseDirectusCopies(trx, {
    stays: stayIds,
    appointments: appointmentIds,
    tasks: taskIds,
    consents: consentIds,
    migrants: migrantIds,
  });

  for (let index = 0; index < migrantIds.length; index += 500) {
    const chunk = migrantIds.slice(index, index + 500);
    await trx('stays').whereIn('migrant', chunk).delete();
    await trx('appointments').whereIn('migrant', chunk).delete();
    await trx('tasks').whereIn('migrant', chunk).andWhere('status', 'open').delete();
    await trx('tasks').whereIn('migrant', chunk).update({ migrant: null });
  }
  // consents: keep those that signed evidence hangs off, without the person; the rest go
  const withRecords = new Set(
    consentIds.length
      ? ((await trx('consent_records').distinct('consent').whereIn('consent', consentIds)) as Row[]).map((row) =>
          String(row['consent']),
        )
      : [],
  );
  const keep = consentIds.filter((id) => withRecords.has(id));
  const drop = consentIds.filter((id) => !withRecords.has(id));
  if (keep.length) await trx('consents').whereIn('id', keep).update({ migrant: null, token_hash: null });
  if (drop.length) await trx('consents').whereIn('id', drop).delete();
  // side effects still queued for the person (an invitation, a task) have nothing left to act on
  await trx('outbox')
    .whereIn('subject', [...migrantIds, ...consentIds, ...openTaskIds])
    .whereNot('status', 'done')
    .delete();
  await eraseEvidenceForRetention(
    trx,
    'status_history',
    history.map((row) => String(row['id'])),
  );
  await eraseEvidenceForRetention(
    trx,
    'reveal_log',
    reveals.map((row) => String(row['id'])),
  );
  const deleted = await trx('migrants').whereIn('id', migrantIds).delete();
  for (const person of people) add(person.id, 'migrants', 1);
  if (deleted !== people.length)
    throw new Error('retention: the migrants changed during erasure; the chunk is rolled back and tried again');
  await logChunk(trx, people, byMunicipality, batch);
  return byMunicipality;
}

/** Adds a chunk's counts to the batch rows (one per municipality of the run) in the chunk's own transaction. */
async function logChunk(
  trx: Knex,
  people: readonly MigrantRetention[],
  byMunicipality: Map<string, Counts>,
  batch: BatchContext,
): Promise<void> {
  const ruleOf = new Map<string, string>();
  for (const person of people) ruleOf.set(person.municipality ?? '', batch.rule(person));
  for (const [municipality, counts] of byMunicipality) {
    const where = { run: batch.run, kind: 'batch' };
    const query = trx('destruction_log').where(where);
    const existing = (await (
      municipality ? query.andWhere('municipality', municipality) : query.whereNull('municipality')
    ).first()) as Row | undefined;
    if (!existing) {
      await trx('destruction_log').insert({
        id: randomUUID(),
        ...where,
        trigger: batch.trigger,
        status: 'done',
        municipality: municipality || null,
        rule: ruleOf.get(municipality) ?? null,
        reason: batch.reason,
        actor: batch.actor,
        started_at: batch.now,
        finished_at: new Date(),
        ...counts,
      });
    } else {
      const update: Row = { finished_at: new Date() };
      for (const field of Object.keys(counts) as Array<keyof Counts>)
        update[field] = Number(existing[field] ?? 0) + counts[field];
      await trx('destruction_log').where('id', String(existing['id'])).update(update);
    }
  }
}
