/**
 * The transactional outbox: a side effect that must follow a committed write (a consent invitation for a new
 * migrant, its first task, the current location after a stay changed) is written as a row in the same transaction
 * as that write, and a job works the rows off afterwards, at least once; every handler is idempotent. These are
 * the rules of that job, without a database: which rows are due, when a failed one is retried, when it gives up.
 * Plain module: no Directus import.
 */

/**
 * What an entry asks for. The subject is a migrant id, or null for "all migrants" (current_location); for
 * consent_publication it is a consent text version.
 */
export const OUTBOX_KINDS = ['consent_invitation', 'state_task', 'current_location', 'consent_publication'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

export type OutboxStatus = 'pending' | 'claimed' | 'done' | 'failed';

/** Side effects of creating a row, by collection: written in the create's own transaction. */
export const OUTBOX_ON_CREATE: Readonly<Record<string, readonly OutboxKind[]>> = Object.freeze({
  migrants: ['state_task', 'consent_invitation'],
});

/** After this many failed attempts an entry is `failed` and logged; an administrator can see it. */
export const OUTBOX_MAX_ATTEMPTS = 10;
/** Default lease: a claimed entry whose worker died is claimable again after this many seconds. */
export const OUTBOX_DEFAULT_LEASE_SECONDS = 300;

export function isOutboxKind(value: unknown): value is OutboxKind {
  return typeof value === 'string' && (OUTBOX_KINDS as readonly string[]).includes(value);
}

/** Lease from the environment (OUTBOX_LEASE_SECONDS), 1 to 86400 seconds; otherwise the default. */
export function outboxLeaseMs(value: string | undefined): number {
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 86_400) return OUTBOX_DEFAULT_LEASE_SECONDS * 1000;
  return seconds * 1000;
}

/** Exponential backoff after the n-th failed attempt (1-based): 30 s, 1 min, 2 min, ... at most one hour. */
export function retryDelayMs(attempts: number): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 20));
  return Math.min(30_000 * 2 ** exponent, 3_600_000);
}

export interface OutboxEntryState {
  status: OutboxStatus;
  attempts: number;
  /** Epoch ms: not before. */
  availableAt: number | null;
  /** Epoch ms: when the current claim was taken. */
  claimedAt: number | null;
}

/** When the entry may be claimed (epoch ms), or null when it never will (done or failed). */
export function claimableFrom(entry: OutboxEntryState, leaseMs: number): number | null {
  if (entry.status === 'pending') return entry.availableAt ?? 0;
  if (entry.status === 'claimed') return (entry.claimedAt ?? 0) + leaseMs;
  return null;
}

export function isClaimable(entry: OutboxEntryState, now: number, leaseMs: number): boolean {
  const from = claimableFrom(entry, leaseMs);
  return from !== null && from <= now;
}

/** What becomes of an entry whose handler threw on attempt `attempts`. */
export function afterFailure(
  attempts: number,
  now: number,
): { status: 'pending' | 'failed'; availableAt: number | null } {
  if (attempts >= OUTBOX_MAX_ATTEMPTS) return { status: 'failed', availableAt: null };
  return { status: 'pending', availableAt: now + retryDelayMs(attempts) };
}
