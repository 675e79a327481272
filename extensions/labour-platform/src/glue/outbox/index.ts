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
import {
  afterFailure,
  claimableFrom,
  isClaimable,
  isOutboxKind,
  OUTBOX_ON_CREATE,
  type OutboxKind,
  type OutboxStatus,
} from '../../domain/outbox';

const OUTBOX = 'outbox';
/** This process, in claimed_by: which instance holds an entry (for an administrator reading the table). */
const INSTANCE = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/** A failed subject and why (the message only: handlers never put personal data in errors). */
export interface OutboxFailure {
  subject: string | null;
  error: unknown;
}

/** Works off the entries of one kind in one go (distinct subjects); returns the subjects that failed. */
export type OutboxHandler = (subjects: Array<string | null>) => Promise<OutboxFailure[]>;

const handlers = new Map<OutboxKind, OutboxHandler>();

/** Each hook registers the handlers of the kinds it owns (at start-up). */
export function handleOutbox(kind: OutboxKind, handler: OutboxHandler): void {
  handlers.set(kind, handler);
}

/** A handler from a per-subject function, a few subjects at a time (argon2 and mail work in parallel). */
export function eachSubject(work: (subject: string | null) => Promise<void>, concurrency = 4): OutboxHandler {
  return async (subjects) => {
    const failures: OutboxFailure[] = [];
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < subjects.length) {
        const subject = subjects[next++]!;
        try {
          await work(subject);
        } catch (error) {
          failures.push({ subject, error });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, subjects.length) }, lane));
    return failures;
  };
}

/** Writes entries with the given connection: pass the write's transaction so they commit together. */
export async function enqueue(
  knex: Knex,
  entries: ReadonlyArray<{ kind: OutboxKind; subject: string | null }>,
  now: Date = new Date(),
): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map((entry) => ({
    id: randomUUID(),
    kind: entry.kind,
    subject: entry.subject,
    status: 'pending',
    attempts: 0,
    available_at: now,
    created_at: now,
  }));
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
  if (/^\d+$/.test(value)) return Number(value);
  const parsed = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
  return Number.isNaN(parsed) ? null : parsed;
}

export interface OutboxRun {
  claimed: number;
  done: number;
  retried: number;
  failed: number;
  /** Epoch ms when the next entry becomes claimable (a retry, a lease running out), or null when none waits. */
  nextDueAt: number | null;
}

const CHUNK = 500;
function chunks<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += CHUNK) result.push(items.slice(index, index + CHUNK));
  return result;
}

/**
 * Works off one page of due entries (`limit`, default 25), newest first. Claims them with a compare-and-set on `attempts` under a token of
 * this run, so of several workers exactly one takes each entry; then runs each kind's handler on the claimed
 * subjects, marks them done, or schedules a retry with backoff. `leaseMs`: a claimed entry whose worker died is
 * claimed again after this long.
 */
export async function workOutbox(
  knex: Knex,
  options: { leaseMs: number; limit?: number; log?: (message: string) => void },
): Promise<OutboxRun> {
  const run: OutboxRun = { claimed: 0, done: 0, retried: 0, failed: 0, nextDueAt: null };
  const waitUntil = (at: number) => {
    run.nextDueAt = Math.min(run.nextDueAt ?? at, at);
  };
  const open = (await knex(OUTBOX)
    .select('id', 'kind', 'subject', 'status', 'attempts', 'available_at', 'claimed_at')
    .whereIn('status', ['pending', 'claimed'])
    // newest first, a page at a time: the side effects of the request that just committed do not wait behind a
    // backlog (a bulk import's invitations); the backlog drains in the runs after it
    .orderBy('created_at', 'desc')
    .limit(options.limit ?? 25)) as EntryRow[];
  const now = Date.now();
  const due = new Map<number, string[]>();
  for (const row of open) {
    const state = {
      status: row.status,
      attempts: Number(row.attempts),
      availableAt: epoch(row.available_at),
      claimedAt: epoch(row.claimed_at),
    };
    if (isClaimable(state, now, options.leaseMs)) due.set(state.attempts, [...(due.get(state.attempts) ?? []), row.id]);
    else {
      const from = claimableFrom(state, options.leaseMs);
      if (from !== null) waitUntil(from);
    }
  }
  if (due.size === 0) return run;

  // compare-and-set: only a worker that still sees the same attempt count takes an entry
  const token = `${INSTANCE}:${randomUUID().slice(0, 8)}`;
  for (const [attempts, ids] of due) {
    for (const chunk of chunks(ids)) {
      await knex(OUTBOX)
        .whereIn('id', chunk)
        .andWhere('attempts', attempts)
        .whereIn('status', ['pending', 'claimed'])
        .update({ status: 'claimed', attempts: attempts + 1, claimed_at: new Date(now), claimed_by: token });
    }
  }
  const mine = (await knex(OUTBOX)
    .select('id', 'kind', 'subject', 'attempts')
    .where({ claimed_by: token, status: 'claimed' })) as Array<{
    id: string;
    kind: string;
    subject: string | null;
    attempts: number | string;
  }>;
  run.claimed = mine.length;

  const byKind = new Map<string, typeof mine>();
  for (const entry of mine) byKind.set(entry.kind, [...(byKind.get(entry.kind) ?? []), entry]);
  for (const [kind, entries] of byKind) {
    const handler = isOutboxKind(kind) ? handlers.get(kind) : undefined;
    const subjects = [...new Set(entries.map((entry) => entry.subject))];
    let failures: OutboxFailure[];
    try {
      failures = handler
        ? await handler(subjects)
        : subjects.map((subject) => ({ subject, error: new Error(`no handler for outbox kind ${kind}`) }));
    } catch (error) {
      failures = subjects.map((subject) => ({ subject, error }));
    }
    const failed = new Map(failures.map((failure) => [failure.subject, failure.error]));
    const succeeded = entries.filter((entry) => !failed.has(entry.subject)).map((entry) => entry.id);
    for (const chunk of chunks(succeeded))
      await knex(OUTBOX)
        .whereIn('id', chunk)
        .andWhere('claimed_by', token)
        .update({ status: 'done', done_at: new Date(), last_error: null });
    run.done += succeeded.length;
    for (const entry of entries.filter((candidate) => failed.has(candidate.subject))) {
      const error = failed.get(entry.subject);
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
      const next = afterFailure(Number(entry.attempts), Date.now());
      await knex(OUTBOX)
        .where({ id: entry.id, claimed_by: token })
        .update({
          status: next.status,
          available_at: next.availableAt === null ? null : new Date(next.availableAt),
          last_error: message,
        });
      if (next.status === 'failed') {
        run.failed += 1;
        options.log?.(`Outbox: ${kind} ${entry.id} failed for good after ${entry.attempts} attempts: ${message}`);
      } else {
        run.retried += 1;
        waitUntil(next.availableAt!);
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
      // a full page: there may be more right behind it
      if (run.claimed > 0) again = true;
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
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        // a fresh installation starts before its schema is applied: nothing to work off yet
        if (!/no such table|does not exist/i.test(message)) options.log(`Outbox: the worker stopped: ${message}`);
      })
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
export async function enqueueCreateEffects(
  knex: Knex,
  collection: string,
  row: Record<string, unknown>,
): Promise<void> {
  const kinds = OUTBOX_ON_CREATE[collection];
  const id = row['id'];
  if (!kinds || (typeof id !== 'string' && typeof id !== 'number')) return;
  await enqueue(
    knex,
    kinds.map((kind) => ({ kind, subject: String(id) })),
  );
}
