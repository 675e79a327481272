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
 *   - the development mail stand-in's .eml copies of the person's consent invitations: deleted (./dev-mail.ts).
 *   - status_history, reveal_log: evidence about the person, kept as long as the person: deleted with them (the
 *     only privileged delete of evidence, eraseEvidenceForRetention).
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { deleteReturning, idSlices, insertRows, PARAMETERS_PER_STATEMENT } from '../db-statements';
import { eraseEvidenceForRetention } from '../evidence/guard';
import { eraseDocuments } from '../documents/documents';
import { destroyDataKeys } from '../privacy/data-keys';
import { eraseDevelopmentMail } from './dev-mail';
import { DIRECTUS_COPIES } from './indexes';
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
  /** The development mail stand-in's directory, whose copies of the person's invitations go too (./dev-mail.ts). */
  mailDirectory?: string | null;
}

/**
 * Deletes Directus's own copies about these rows (items per collection): revisions, comments, notifications. One
 * statement per table for all collections together, up to PARAMETERS_PER_STATEMENT items each; each finds its rows
 * through the platform's index on (collection, item) (./indexes.ts: Directus keeps none).
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
    for (const table of DIRECTUS_COPIES) await matching(table).delete();
    batch = [];
    size = 0;
  };
  // each collection's name is a parameter too
  const room = PARAMETERS_PER_STATEMENT - Object.keys(items).length;
  for (const [collection, ids] of Object.entries(items))
    for (const slice of idSlices(ids)) {
      if (size + slice.length > room) await flush();
      batch.push([collection, slice]);
      size += slice.length;
    }
  await flush();
}

/**
 * Erases these people in one transaction, set-based (a statement per table for the whole chunk, whatever its size);
 * returns the counts per municipality (key '' for none). `people` must be what ./facts said about them inside this
 * transaction (the caller re-reads them in it, under their row locks).
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
  // 1. crypto-shredding (the migrant rows, and any legacy key column in them, go below in this transaction)
  await destroyDataKeys(trx, migrantIds, { rowsGoToo: true });
  afterShredding?.();
  // the person's documents (unreadable already: they were encrypted with the key just destroyed)
  await eraseDocuments(trx, migrantIds);
  // 2. the anonymous figures, unlinkable (a fresh id; the order of rows says nothing either: inserted together)
  const anonymous = people.map((person) => ({
    id: randomUUID(),
    municipality: person.anonymous.municipality,
    location: person.anonymous.location,
    nationality: person.anonymous.nationality,
    birth_year: person.anonymous.birthYear,
    arrival_date: person.anonymous.arrival,
    departure_date: person.anonymous.departure,
    brp_outcome: person.anonymous.brpOutcome,
    registered_on: person.anonymous.registeredOn,
    must_register: person.anonymous.mustRegister,
    stays: person.anonymous.stays,
    municipalities: person.anonymous.municipalities.join(','),
  }));
  await insertRows(trx, 'anonymous_people', anonymous);
  // 3. the rows, counted per person for its municipality
  const municipalityOf = new Map(people.map((person) => [person.id, person.municipality ?? '']));
  const add = (rows: ReadonlyArray<{ migrant: unknown }>, field: keyof Counts) => {
    for (const row of rows) {
      const key = municipalityOf.get(String(row.migrant)) ?? '';
      const counts = byMunicipality.get(key) ?? byMunicipality.set(key, noCounts()).get(key)!;
      counts[field]++;
    }
  };
  const idsOf = (rows: ReadonlyArray<{ id: unknown }>) => rows.map((row) => String(row.id));
  const ofMigrants = async (table: string, field: keyof Counts): Promise<string[]> => {
    const deleted: Array<{ id: unknown; migrant: unknown }> = [];
    for (const chunk of idSlices(migrantIds))
      deleted.push(...(await deleteReturning(trx, trx(table).whereIn('migrant', chunk), ['id', 'migrant'])));
    add(deleted, field);
    return idsOf(deleted);
  };
  const stayIds = await ofMigrants('stays', 'stays');
  const appointmentIds = await ofMigrants('appointments', 'appointments');
  // tasks: open ones go; closed ones stay for the workload figures, without the person
  const tasks: Row[] = [];
  for (const chunk of idSlices(migrantIds)) {
    tasks.push(...((await trx('tasks').select('id', 'migrant', 'status').whereIn('migrant', chunk)) as Row[]));
    await trx('tasks').whereIn('migrant', chunk).andWhere('status', 'open').delete();
    await trx('tasks').whereIn('migrant', chunk).update({ migrant: null });
  }
  add(tasks as Array<{ migrant: unknown }>, 'tasks');
  const taskIds = idsOf(tasks as Array<{ id: unknown }>);
  const openTaskIds = idsOf(tasks.filter((row) => row['status'] === 'open') as Array<{ id: unknown }>);
  // consents: keep those that signed evidence hangs off, without the person; the rest go
  const consents: Row[] = [];
  for (const chunk of idSlices(migrantIds))
    consents.push(
      ...((await trx('consents')
        .select('id', 'migrant')
        .select({
          signed: trx('consent_records').count('*').whereRaw('?? = ??', ['consent_records.consent', 'consents.id']),
        })
        .whereIn('migrant', chunk)) as Row[]),
    );
  add(consents as Array<{ migrant: unknown }>, 'consents');
  const consentIds = idsOf(consents as Array<{ id: unknown }>);
  const keep = idsOf(consents.filter((row) => Number(row['signed']) > 0) as Array<{ id: unknown }>);
  const drop = idsOf(consents.filter((row) => Number(row['signed']) === 0) as Array<{ id: unknown }>);
  for (const chunk of idSlices(keep))
    await trx('consents').whereIn('id', chunk).update({ migrant: null, token_hash: null });
  for (const chunk of idSlices(drop)) await trx('consents').whereIn('id', chunk).delete();
  // the development mail stand-in's copies of their invitations (plain text), before this transaction commits
  eraseDevelopmentMail(batch.mailDirectory ?? null, consentIds);
  // side effects still queued for the person (an invitation, a task) have nothing left to act on
  for (const chunk of idSlices([...migrantIds, ...consentIds, ...openTaskIds]))
    await trx('outbox').whereIn('subject', chunk).whereNot('status', 'done').delete();
  add(await eraseEvidenceForRetention(trx, 'status_history', migrantIds), 'status_history');
  add(await eraseEvidenceForRetention(trx, 'reveal_log', migrantIds), 'reveal_log');
  await eraseDirectusCopies(trx, {
    stays: stayIds,
    appointments: appointmentIds,
    tasks: taskIds,
    consents: consentIds,
    migrants: migrantIds,
  });
  let deleted = 0;
  for (const chunk of idSlices(migrantIds)) deleted += await trx('migrants').whereIn('id', chunk).delete();
  add(
    people.map((person) => ({ migrant: person.id })),
    'migrants',
  );
  if (deleted !== people.length)
    throw new Error('retention: the migrants changed during erasure; the chunk is rolled back and tried again');
  await logChunk(trx, people, byMunicipality, batch);
  return byMunicipality;
}

/**
 * Adds a chunk's counts to the batch rows (one per municipality of the run) in the chunk's own transaction: an
 * increment in place (one statement), or the batch's first row.
 */
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
    const increment: Row = { finished_at: new Date() };
    for (const field of COUNTS) increment[field] = trx.raw('?? + ?', [field, counts[field]]);
    const query = trx('destruction_log').where(where);
    const updated = await (
      municipality ? query.andWhere('municipality', municipality) : query.whereNull('municipality')
    ).update(increment);
    if (updated > 0) continue;
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
  }
}
