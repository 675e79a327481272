/**
 * Planning for master key rotation. After a new key is added to FIELD_ENCRYPTION_KEYS and made active, every wrapped
 * data key still on an older key is rewrapped (./envelope rewrapDataKey) in batches by a script elsewhere; when
 * byKeyId shows no rows left on an old key, that key can be removed from the ring.
 * Pure: reads only the key id in each wrapped value, decrypts nothing. Plain module: no Directus import.
 */

import { DecryptionError, wrappedKeyId } from './envelope';
import type { KeyRing } from './keyring';

export interface RotationRow {
  id: string;
  wrapped: string;
}

export interface RotationPlan {
  /** Rows wrapped with an older key that the ring still holds: rewrap these. */
  toRewrap: string[];
  /** Rows already wrapped with the active key. */
  done: number;
  /** Rows that cannot be rewrapped with this ring: damaged values, or keys no longer in the ring. */
  blocked: Array<{ id: string; reason: 'malformed' | 'truncated' | 'unsupported_version' | 'unknown_key' }>;
  /** How many rows use each master key id (including ids the ring no longer holds). */
  byKeyId: Record<string, number>;
}

export function planRotation(rows: ReadonlyArray<RotationRow>, ring: KeyRing): RotationPlan {
  const toRewrap: string[] = [];
  const blocked: RotationPlan['blocked'] = [];
  const counts = new Map<string, number>();
  let done = 0;
  for (const row of rows) {
    let keyId: string;
    try {
      keyId = wrappedKeyId(row.wrapped);
    } catch (error) {
      if (!(error instanceof DecryptionError)) throw error;
      const reason =
        error.reason === 'truncated' || error.reason === 'unsupported_version' ? error.reason : 'malformed';
      blocked.push({ id: row.id, reason });
      continue;
    }
    counts.set(keyId, (counts.get(keyId) ?? 0) + 1);
    if (keyId === ring.activeKeyId) done++;
    else if (ring.keyIds.includes(keyId)) toRewrap.push(row.id);
    else blocked.push({ id: row.id, reason: 'unknown_key' });
  }
  return { toRewrap, done, blocked, byKeyId: Object.fromEntries(counts) };
}

/** `[#########.....................]  12/40  30%` — percentage rounded down, so 100% only when complete. */
export function renderProgress(done: number, total: number, width = 30): string {
  if (!Number.isInteger(width) || width < 1) throw new RangeError('width must be a positive integer');
  const safeTotal = Number.isFinite(total) && total > 0 ? Math.floor(total) : 0;
  const safeDone = Number.isFinite(done) ? Math.min(Math.max(Math.floor(done), 0), safeTotal) : 0;
  const fraction = safeTotal === 0 ? 1 : safeDone / safeTotal;
  const filled = Math.floor(fraction * width);
  const percent = Math.floor(fraction * 100);
  const counter = `${String(safeDone).padStart(String(safeTotal).length)}/${safeTotal}`;
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${counter} ${String(percent).padStart(3)}%`;
}
