/**
 * A retention run: which migrants are due (a dry run only lists them), then erasure a chunk per transaction (./erase),
 * then the free space of the database wiped of what was deleted. A scheduled run happens once across instances: it
 * claims the day's run row in destruction_log (a unique run key; compare-and-set when a crashed run's lease ran out,
 * so the next instance completes it). Runs that overlap (two administrators, two instances on one database) never
 * erase a person twice: each chunk's transaction first takes the row locks of those of its migrants that no other run
 * holds (../db-locks lockingRows, skip), and works on those only. Erasure on request takes the same path for one migrant.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Knex } from 'knex';
import { isDue } from '../../domain/retention';
import { isPostgres } from '../db-locks';
import { forgetDataKeys } from '../privacy/data-keys';
import { developmentMailDirectory } from './dev-mail';
import { eraseChunk, noCounts, type BatchContext, type Counts, COUNTS } from './erase';
import { retentionOf, retentionReference, timestamp, type MigrantRetention } from './facts';

type Row = Record<string, unknown>;

const INSTANCE = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
/** A run row older than this that never finished belongs to a process that died: another may take it over. */
export const RUN_LEASE_MS = 15 * 60 * 1000;
/**
 * Migrants per transaction: each statement of a chunk names them all at once (../db-statements.ts). The largest
 * RETENTION_CHUNK_SIZE allows: a round trip and a commit cost more than the rows they carry (10,000 people in two
 * transactions of about 20 statements each); a chunk holds SQLite's one writer for about a second.
 */
export const CHUNK = 5_000;

export type Trigger = BatchContext['trigger'];

export interface DueEntry {
  id: string;
  case_number: string | null;
  municipality: string | null;
  erasure_date: string | null;
  basis: string;
}

export interface RunResult {
  run: string | null;
  dry_run: boolean;
  today: string;
  /** Why nothing ran: another instance has (or had) this run. */
  skipped?: 'already_done' | 'running_elsewhere';
  due: DueEntry[];
  held: number;
  erased: Counts;
  batches: string[];
}

/** Hooks for tests of a crash in the middle (RETENTION_CRASH_AFTER_CHUNKS, test instances only). */
export interface RunHooks {
  /** Inside a chunk's transaction, after its keys are destroyed and before its rows go. */
  duringChunk?: (chunks: number) => void;
}

function entry(person: MigrantRetention): DueEntry {
  return {
    id: person.id,
    case_number: person.caseNumber,
    municipality: person.municipality,
    erasure_date: person.decision.kind === 'date' ? person.decision.date : null,
    basis: person.decision.kind === 'date' ? person.decision.basis : 'request',
  };
}

export function ruleOf(person: MigrantRetention): string {
  return `end+${person.months}m`;
}

/** Claims a scheduled run (once across instances). Returns the run id, or why not. */
async function claimRun(
  knex: Knex,
  runKey: string,
  trigger: Trigger,
  actor: string | null,
  reason: string | null,
  now: Date,
  leaseMs: number,
): Promise<{ run: string } | { skipped: 'already_done' | 'running_elsewhere' }> {
  const run = randomUUID();
  const row = {
    id: run,
    run,
    run_key: runKey,
    kind: 'run',
    trigger,
    status: 'running',
    actor,
    reason,
    claimed_by: INSTANCE,
    started_at: now,
    ...noCounts(),
  };
  await knex('destruction_log').insert(row).onConflict('run_key').ignore();
  const existing = (await knex('destruction_log')
    .select('id', 'status', 'started_at', 'claimed_by')
    .where('run_key', runKey)
    .first()) as Row | undefined;
  if (!existing) throw new Error('retention: the run row vanished');
  if (String(existing['id']) === run) return { run };
  if (existing['status'] === 'done') return { skipped: 'already_done' };
  const started = Date.parse(timestamp(existing['started_at']) ?? '');
  if (!Number.isNaN(started) && now.getTime() - started < leaseMs) return { skipped: 'running_elsewhere' };
  // the run of a process that died: take it over with a compare-and-set on who held it
  const taken = await knex('destruction_log')
    .where({ id: String(existing['id']), claimed_by: existing['claimed_by'] as string, status: 'running' })
    .update({ claimed_by: INSTANCE, started_at: now });
  return taken === 1 ? { run: String(existing['id']) } : { skipped: 'running_elsewhere' };
}

/** Wipes what was deleted from the database's free space (SQLite: VACUUM; PostgreSQL: rewrites the key vault). */
export async function wipeFreeSpace(knex: Knex, log: (message: string) => void): Promise<void> {
  try {
    if (isPostgres(knex)) {
      // the vault is tiny; VACUUM FULL writes it anew, so no old page of it holds a destroyed key
      await knex.raw('VACUUM FULL data_keys');
      await knex.raw('VACUUM migrants, stays, appointments, consents, status_history, reveal_log');
    } else {
      await knex.raw('VACUUM');
      await knex.raw('PRAGMA wal_checkpoint(TRUNCATE)');
    }
  } catch {
    log('Retention: wiping free space failed; the next run tries again');
  }
}

export interface RunOptions {
  dryRun: boolean;
  trigger: Trigger;
  today: string;
  actor: string | null;
  /** Scheduled runs: once per key across instances. */
  runKey?: string;
  /** Erasure on request: exactly these migrants, whatever their date (a legal hold still stops it). */
  only?: readonly string[];
  reason?: string | null;
  log?: (message: string) => void;
  hooks?: RunHooks;
  /** Migrants per transaction (default CHUNK). */
  chunkSize?: number;
  /** Default RUN_LEASE_MS. */
  leaseMs?: number;
  /** The development mail stand-in's directory (default: DEV_MAIL_DIR with the sendmail transport; ./dev-mail.ts). */
  mailDirectory?: string | null;
}

export async function runRetention(knex: Knex, options: RunOptions): Promise<RunResult> {
  const log = options.log ?? (() => undefined);
  const chosen = (people: MigrantRetention[]) =>
    options.only
      ? people.filter((person) => person.decision.kind !== 'held')
      : people.filter((person) => isDue(person.decision, options.today));
  const reference = await retentionReference(knex);
  const overview = await retentionOf(knex, options.today, options.only ?? null, { reference });
  const due = chosen(overview);
  const held = overview.filter((person) => person.decision.kind === 'held').length;
  const result: RunResult = {
    run: null,
    dry_run: options.dryRun,
    today: options.today,
    due: due.map(entry),
    held,
    erased: noCounts(),
    batches: [],
  };
  if (options.dryRun) return result;

  const now = new Date();
  const claim = await claimRun(
    knex,
    options.runKey ?? `${options.trigger}:${randomUUID()}`,
    options.trigger,
    options.actor,
    options.reason ?? null,
    now,
    options.leaseMs ?? RUN_LEASE_MS,
  );
  if ('skipped' in claim) return { ...result, due: [], skipped: claim.skipped };
  result.run = claim.run;
  const batch: BatchContext = {
    run: claim.run,
    trigger: options.trigger,
    rule: options.only ? () => 'request' : ruleOf,
    reason: options.reason ?? null,
    actor: options.actor,
    now,
    mailDirectory: options.mailDirectory === undefined ? developmentMailDirectory(process.env) : options.mailDirectory,
  };

  if (isPostgres(knex) === false) await knex.raw('PRAGMA secure_delete = ON');
  const size = options.chunkSize ?? CHUNK;
  let chunks = 0;
  for (let index = 0; index < due.length; index += size) {
    const ids = due.slice(index, index + size).map((person) => person.id);
    chunks++;
    const counts = await knex.transaction(async (trx) => {
      // this run's share of the chunk, read again under the row locks (a hold set or a stay added meanwhile wins): the
      // migrants still there that no other run is erasing right now (several instances on one database each take what
      // the other has not; nobody waits, nobody erases a person twice). Erasure on request waits for a lock another
      // holds instead: it must not pass over the one it was asked for.
      const locking = options.only ? 'wait' : 'skip';
      const people = chosen(await retentionOf(trx, options.today, ids, { reference, locking }));
      return eraseChunk(trx, people, batch, () => options.hooks?.duringChunk?.(chunks));
    });
    // committed: no read can find these keys in the vault any more, so none can have cached one since
    forgetDataKeys(ids);
    for (const perMunicipality of counts.values())
      for (const field of COUNTS) result.erased[field] += perMunicipality[field];
  }
  // the run's totals are its batches' (a run taken over from a process that died includes what that one erased)
  const batches = (await knex('destruction_log')
    .select('id', ...COUNTS)
    .where({ run: claim.run, kind: 'batch' })) as Row[];
  const totals = noCounts();
  for (const row of batches) for (const field of COUNTS) totals[field] += Number(row[field] ?? 0);
  await knex('destruction_log')
    .where('id', claim.run)
    .update({ status: 'done', finished_at: new Date(), ...totals });
  result.batches = batches.map((row) => String(row['id']));
  if (result.erased.migrants > 0) await wipeFreeSpace(knex, log);
  return result;
}
