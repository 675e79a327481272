/**
 * A short-lived, bounded memory of unwrapped data keys, so a page of 100 migrants read again does not unwrap 100 keys
 * again. What it may and may not do:
 *
 *   - An entry is found only with the wrapped key it was unwrapped from: the caller still reads the wrapped key from
 *     the vault for every read, so the vault stays the authority. A key that was destroyed (erasure deletes its vault
 *     row) or rewrapped (rotation) is no longer asked for with the same wrapped value: its entry is never used again.
 *   - Entries live `ttlMs` at most (from when they were stored, not from their last use) and at most `maxEntries`
 *     are kept (least recently used leave first).
 *   - Every key that leaves, for whatever reason (expired, evicted, replaced, forgotten, cleared), is overwritten
 *     with zeros and `onWipe` is told, so derived objects (the envelope's imported key objects) are dropped too.
 *   - `forget(ids)` is for erasure: the entries of these rows leave at once, whatever wrapped value they had.
 *
 * Plain module: no Directus import.
 */

export interface KeyCacheOptions {
  maxEntries: number;
  ttlMs: number;
  /** The clock (milliseconds); tests move it. */
  now?: () => number;
  /** Told of every key that is wiped (after it is zeroed). */
  onWipe?: (key: Uint8Array) => void;
}

interface Entry {
  wrapped: string;
  key: Uint8Array;
  until: number;
}

export class DataKeyCache {
  readonly #entries = new Map<string, Entry>();
  readonly #maxEntries: number;
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #onWipe: ((key: Uint8Array) => void) | undefined;

  constructor(options: KeyCacheOptions) {
    if (!Number.isSafeInteger(options.maxEntries) || options.maxEntries < 0)
      throw new TypeError('maxEntries must be a non-negative integer');
    if (!Number.isFinite(options.ttlMs) || options.ttlMs < 0)
      throw new TypeError('ttlMs must be a non-negative number');
    this.#maxEntries = options.maxEntries;
    this.#ttlMs = options.ttlMs;
    this.#now = options.now ?? Date.now;
    this.#onWipe = options.onWipe;
  }

  get size(): number {
    return this.#entries.size;
  }

  /**
   * The key of row `id` unwrapped from exactly `wrapped`, or `unwrap()`'s result (stored for next time). An entry of
   * this row with another wrapped value (rotated, or a new key) is wiped. Errors of `unwrap` are not stored. The key
   * returned belongs to the cache, which may zero it later: use it at once (before the caller's next `await`), and
   * never change it.
   */
  get(id: string, wrapped: string, unwrap: () => Uint8Array): Uint8Array {
    const now = this.#now();
    const entry = this.#entries.get(id);
    if (entry) {
      this.#entries.delete(id);
      if (entry.wrapped === wrapped && entry.until > now) {
        this.#entries.set(id, entry); // most recently used last
        return entry.key;
      }
      this.#wipe(entry);
    }
    const key = unwrap();
    if (this.#maxEntries === 0 || this.#ttlMs === 0) return key;
    while (this.#entries.size >= this.#maxEntries) this.#evictOldest();
    this.#entries.set(id, { wrapped, key, until: now + this.#ttlMs });
    return key;
  }

  /** Wipes the keys of these rows (erasure: their vault rows are being deleted). */
  forget(ids: Iterable<string>): void {
    for (const id of ids) {
      const entry = this.#entries.get(id);
      if (!entry) continue;
      this.#entries.delete(id);
      this.#wipe(entry);
    }
  }

  /** Wipes every key (a new key ring, a test). */
  clear(): void {
    for (const entry of this.#entries.values()) this.#wipe(entry);
    this.#entries.clear();
  }

  /** Wipes the entries whose time is up (also happens on use; this keeps idle memory clean). */
  sweep(): void {
    const now = this.#now();
    for (const [id, entry] of this.#entries) {
      if (entry.until > now) continue;
      this.#entries.delete(id);
      this.#wipe(entry);
    }
  }

  #evictOldest(): void {
    const oldest = this.#entries.entries().next();
    if (oldest.done) return;
    const [id, entry] = oldest.value;
    this.#entries.delete(id);
    this.#wipe(entry);
  }

  #wipe(entry: Entry): void {
    entry.key.fill(0);
    this.#onWipe?.(entry.key);
  }
}
