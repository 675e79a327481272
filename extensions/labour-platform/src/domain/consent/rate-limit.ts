/**
 * Rate limits and bounded concurrency for the public consent page and for logins.
 *
 * The decision (which window, allowed or not, when to come back) is made here with an injected clock; where the
 * counters live is a RateLimitStore: in memory (one process) or in Redis (glue/http/redis-store.ts, shared by
 * every instance). A fixed window is named by its number (`key@floor(now / window)`), so the store only has to
 * add to a counter that expires: the clock of the store never decides anything.
 * Plain module: no Directus import.
 */
export interface RateLimitDecision {
  allowed: boolean;
  /** Seconds until the window resets (for Retry-After). */
  retryAfter: number;
  /** The count in this window after this call. */
  count: number;
}

/** Where counters live. `add` adds `amount` (may be negative) to a counter and returns the new value. */
export interface RateLimitStore {
  add(key: string, amount: number, ttlMs: number): Promise<number>;
}

export type Clock = () => number;

/** Counters in this process's memory, bounded in size. */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly counters = new Map<string, { count: number; expiresAt: number }>();

  constructor(
    private readonly clock: Clock = Date.now,
    private readonly maxKeys = 100_000,
  ) {}

  get size(): number {
    return this.counters.size;
  }

  add(key: string, amount: number, ttlMs: number): Promise<number> {
    const now = this.clock();
    let counter = this.counters.get(key);
    if (!counter || counter.expiresAt <= now) {
      if (!counter && this.counters.size >= this.maxKeys) this.prune(now);
      counter = { count: 0, expiresAt: now + ttlMs };
      this.counters.set(key, counter);
    }
    counter.count += amount;
    return Promise.resolve(counter.count);
  }

  private prune(now: number): void {
    for (const [key, counter] of this.counters) if (counter.expiresAt <= now) this.counters.delete(key);
    // Still full: forget the oldest counters rather than grow without bound.
    if (this.counters.size >= this.maxKeys) {
      const excess = this.counters.size - Math.floor(this.maxKeys / 2);
      let removed = 0;
      for (const key of this.counters.keys()) {
        if (removed++ >= excess) break;
        this.counters.delete(key);
      }
    }
  }
}

/** A fixed-window limit: at most `limit` takes per key and window. */
export class FixedWindowLimiter {
  constructor(
    readonly store: RateLimitStore,
    readonly limit: number,
    readonly windowMs: number,
    private readonly clock: Clock = Date.now,
    private readonly prefix = 'rl',
  ) {}

  private window(key: string, now: number): { name: string; end: number } {
    const index = Math.floor(now / this.windowMs);
    return { name: `${this.prefix}:${key}@${index}`, end: (index + 1) * this.windowMs };
  }

  /** Counts one request of `key` and says whether it is within the limit. */
  async take(key: string): Promise<RateLimitDecision> {
    const now = this.clock();
    const window = this.window(key, now);
    // the counter lives one window longer than needed: a store's clock a little off never shortens a window
    const count = await this.store.add(window.name, 1, 2 * this.windowMs);
    return { allowed: count <= this.limit, retryAfter: Math.max(1, Math.ceil((window.end - now) / 1000)), count };
  }

  /** Whether `key` is still below the limit in this window, counting nothing (e.g. before a login is weighed). */
  async check(key: string): Promise<RateLimitDecision> {
    const now = this.clock();
    const window = this.window(key, now);
    const count = await this.store.add(window.name, 0, 2 * this.windowMs);
    return { allowed: count < this.limit, retryAfter: Math.max(1, Math.ceil((window.end - now) / 1000)), count };
  }

  /** Gives one take of `key` in the current window back. */
  async refund(key: string): Promise<void> {
    await this.store.add(this.window(key, this.clock()).name, -1, 2 * this.windowMs);
  }
}

/**
 * At most `limit` pieces of costly work (argon2) at a time, and at most `queue` waiting; beyond that `enter`
 * answers null at once, so a flood is refused fast instead of filling the thread pool other requests need.
 */
export class ConcurrencyGate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    readonly limit: number,
    readonly queue: number,
  ) {}

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** A release function once a slot is free, or null (no waiting) when the slots and the queue are full. */
  enter(): Promise<(() => void) | null> {
    if (this.running < this.limit) {
      this.running++;
      return Promise.resolve(this.releaser());
    }
    if (this.waiting.length >= this.queue) return Promise.resolve(null);
    return new Promise((resolve) => this.waiting.push(() => resolve(this.releaser())));
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    };
  }
}

/** A positive whole number from the environment, else the default. */
export function positiveInteger(value: string | number | undefined, fallback: number): number {
  if (value === undefined || (typeof value === 'string' && value.trim() === '')) return fallback;
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

/** A non-negative whole number from the environment, else the default. */
export function nonNegativeInteger(value: string | number | undefined, fallback: number): number {
  if (value === undefined || (typeof value === 'string' && value.trim() === '')) return fallback;
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed >= 0 ? parsed : fallback;
}
