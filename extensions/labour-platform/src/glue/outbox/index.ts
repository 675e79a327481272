/**
 * The transactional outbox, Directus side. `enqueue` writes entries with the transaction of the write they follow
 * (a filter's `database`), so they commit or roll back with it; `workOutbox` claims due entries one by one with a
 * compare-and-set on `attempts` (several instances may run it at once; exactly one wins each entry), runs the
 * handler of its kind, marks it done, or schedules a retry with backoff. Handlers are idempotent: an entry can run
 * twice (a worker that died after the side effect but before marking it done). The rules are in
 * ../../domain/outbox.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Knex } from 'knex';
import { afterFailure, claimableFrom, isClaimable, isOutboxKind, OUTBOX_ON_CREATE, type OutboxKind, type OutboxStatus } from '../../domain/outbox';

const OUTBOX = 'outbox';
/** This process, in claimed_by: which instance holds an entry (for an administrator reading the table). */
const INSTANCE = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

export type OutboxHandler = (subject: string | null) => Promise<void>;

const handlers = new Map<OutboxKind, OutboxHandler>();

/** Each hook registers the handlers of the kinds it owns (at start-up). */
export function handleOutbox(kind: OutboxKind, handler: OutboxHandler): void {
  handlers.set(kind, handler);
}

/** Writes entries with the given connection: pass the write's transaction so they commit together. */
export async function enqueue(knex: Knex, entries: ReadonlyArray<{ kind: OutboxKind; subject: string | null }>, now: Date = new Date()): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map((entry) => ({ id: randomUUID(), kind: entry.kind, subject: entry.subject, status: 'pending', attempts: 0, available_at: now, created_at: now }));
  for (let index = 0; index < rows.length; index += 500) await knex(OUTBOX).insert(rows.slice(index, index + 500));
}

interface EntryRow {
  id: string;
  kind: string;
  subject: string | null;
  status: OutboxStatus;
  attempts: number | string;
  available_at: string | number | Date | null;
  claimed_at: string | number | Date | null;
}

/** SQLite holds times as epoch ms or text depending on the writer; PostgreSQL as Date: compared here, not in SQL. */
function epoch(value: string | number | Date | null): number | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  const numeric = Number(value);
  if (Number.isFinite(numeric) && /^\d+$/.test(value)) return numeric;
  const parsed = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
  return Number.isNaN(parsed) ? null : parsed;
}

export interface OutboxRun {
  done: number;
  retried: number;
  failed: number;
  /** Epoch ms when the next entry becomes claimable (a retry, a lease running out), or null when none waits. */
  nextDueAt: number | null;
}

/**
 * Works off every due entry once. `leaseMs`: a claimed entry whose worker died is claimed again after this long.
 * Errors of a handler are kept on the entry (message only: handlers never put personal data in errors).
 */
export async function workOutbox(knex: Knex, options: { leaseMs: number; limit?: number; log?: (message: string) => void }): Promise<OutboxRun> {
  const run: OutboxRun = { done: 0, retried: 0, failed: 0, nextDueAt: null };
  const open = (await knex(OUTBOX)
    .select('id', 'kind', 'subject', 'status', 'attempts', 'available_at', 'claimed_at')
    .whereIn('status', ['pending', 'claimed'])
    .orderBy('created_at')
    .limit(options.limit ?? 1000)) as EntryRow[];
  for (const row of open) {
    const now = Date.now();
    const state = { status: row.status, attempts: Number(row.attempts), availableAt: epoch(row.available_at), claimedAt: epoch(row.claimed_at) };
    if (!isClaimable(state, now, options.leaseMs)) {
      const from = claimableFrom(state, options.leaseMs);
      if (from !== null) run.nextDueAt = Math.min(run.nextDueAt ?? from, from);
      continue;
    }
    // compare-and-set: only the worker that still sees the same attempt count takes the entry
    const attempts = state.attempts + 1;
    const claimed = await knex(OUTBOX)
      .where({ id: row.id, attempts: state.attempts })
      .whereIn('status', ['pending', 'claimed'])
      .update({ status: 'claimed', attempts, claimed_at: new Date(now), claimed_by: INSTANCE });
    if (claimed !== 1) continue;
    try {
      const handler = isOutboxKind(row.kind) ? handlers.get(row.kind) : undefined;
      if (!handler) throw new Error(`no handler for outbox kind ${row.kind}`);
      await handler(row.subject);
      await knex(OUTBOX).where({ id: row.id, attempts }).update({ status: 'done', done_at: new Date(), last_error: null });
      run.done += 1;
    } catch (error) {
      const next = afterFailure(attempts, Date.now());
      const message = error instanceof Error ? error.message : String(error);
      await knex(OUTBOX).where({ id: row.id, attempts }).update({ status: next.status, available_at: next.availableAt === null ? null : new Date(next.availableAt), last_error: message.slice(0, 2000) });
      if (next.status === 'failed') {
        run.failed += 1;
        options.log?.(`Outbox: ${row.kind} ${row.id} failed for good after ${attempts} attempts: ${message}`);
      } else {
        run.retried += 1;
        run.nextDueAt = Math.min(run.nextDueAt ?? next.availableAt!, next.availableAt!);
      }
    }
  }
  return run;
}

/**
 * Runs the worker now (after a commit, at start-up, every minute): one run at a time in this process; a kick
 * during a run asks for one more run after it. When entries wait (a retry, a lease), a timer wakes the worker
 * then; the rows stay the truth, the timer only saves waiting for the next minute.
 */
function outboxKicker(knex: Knex, options: { leaseMs: number; log: (message: string) => void }): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  const loop = async (): Promise<void> => {
    do {
      again = false;
      const run = await workOutbox(knex, options);
      if (run.nextDueAt !== null) {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => void kick(), Math.max(0, run.nextDueAt - Date.now()) + 50);
        timer.unref();
      }
    } while (again);
  };
  const kick = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = loop()
      .catch((error: unknown) => options.log(`Outbox: the worker stopped: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        running = null;
      });
    return running;
  };
  return kick;
}

let kicker: (() => Promise<void>) | null = null;

/** Starts this process's worker (once, from the evidence hook) on Directus's connection. */
export function startOutbox(knex: Knex, options: { leaseMs: number; log: (message: string) => void }): void {
  kicker ??= outboxKicker(knex, options);
}

/** Works the outbox off now (after a commit, at start-up, from the schedule); a no-op before startOutbox. */
export function kickOutbox(): Promise<void> {
  return kicker ? kicker() : Promise.resolve();
}

/** Side effects of creating a row (domain: OUTBOX_ON_CREATE), written with the create's transaction. */
export async function enqueueCreateEffects(knex: Knex, collection: string, row: Record<string, unknown>): Promise<void> {
  const kinds = OUTBOX_ON_CREATE[collection];
  const id = row['id'];
  if (!kinds || (typeof id !== 'string' && typeof id !== 'number')) return;
  await enqueue(knex, kinds.map((kind) => ({ kind, subject: String(id) })));
}
