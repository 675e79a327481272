/** The outbox job's rules without a database: due entries, leases, backoff, giving up. */
import { describe, expect, it } from 'vitest';
import {
  afterFailure,
  claimableFrom,
  isClaimable,
  OUTBOX_MAX_ATTEMPTS,
  OUTBOX_ON_CREATE,
  outboxLeaseMs,
  retryDelayMs,
} from '../../extensions/labour-platform/src/domain/outbox/index.js';

const LEASE = 60_000;

describe('outbox', () => {
  it('a new migrant gets its first task and its consent invitation', () => {
    expect(OUTBOX_ON_CREATE['migrants']).toEqual(['state_task', 'consent_invitation']);
  });
  it('claims a pending entry once it is available', () => {
    expect(isClaimable({ status: 'pending', attempts: 0, availableAt: 1000, claimedAt: null }, 1000, LEASE)).toBe(true);
    expect(isClaimable({ status: 'pending', attempts: 1, availableAt: 2000, claimedAt: null }, 1999, LEASE)).toBe(
      false,
    );
    expect(isClaimable({ status: 'pending', attempts: 0, availableAt: null, claimedAt: null }, 0, LEASE)).toBe(true);
  });
  it('claims a claimed entry again only after its lease (its worker died)', () => {
    const claimed = { status: 'claimed' as const, attempts: 1, availableAt: 0, claimedAt: 10_000 };
    expect(isClaimable(claimed, 10_000 + LEASE - 1, LEASE)).toBe(false);
    expect(isClaimable(claimed, 10_000 + LEASE, LEASE)).toBe(true);
    expect(claimableFrom(claimed, LEASE)).toBe(10_000 + LEASE);
  });
  it('never claims a done or failed entry', () => {
    expect(claimableFrom({ status: 'done', attempts: 1, availableAt: 0, claimedAt: 0 }, LEASE)).toBeNull();
    expect(
      isClaimable({ status: 'failed', attempts: 10, availableAt: 0, claimedAt: 0 }, Number.MAX_SAFE_INTEGER, LEASE),
    ).toBe(false);
  });
  it('backs off exponentially up to an hour, then gives up after the last attempt', () => {
    expect(retryDelayMs(1)).toBe(30_000);
    expect(retryDelayMs(2)).toBe(60_000);
    expect(retryDelayMs(3)).toBe(120_000);
    expect(retryDelayMs(30)).toBe(3_600_000);
    expect(afterFailure(1, 1000)).toEqual({ status: 'pending', availableAt: 31_000 });
    expect(afterFailure(OUTBOX_MAX_ATTEMPTS, 1000)).toEqual({ status: 'failed', availableAt: null });
  });
  it('reads the lease from OUTBOX_LEASE_SECONDS, else five minutes', () => {
    expect(outboxLeaseMs('2')).toBe(2000);
    expect(outboxLeaseMs(undefined)).toBe(300_000);
    expect(outboxLeaseMs('abc')).toBe(300_000);
    expect(outboxLeaseMs('0')).toBe(300_000);
  });
});
