/**
 * The rate limiter and the concurrency gate with a clock the test controls: no outcome depends on how fast the
 * machine is. The same decisions against the Redis store when Redis answers on 127.0.0.1:6379 (or REDIS): when
 * REDIS is set and Redis is down, the Redis tests fail rather than skip.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  ConcurrencyGate,
  FixedWindowLimiter,
  MemoryRateLimitStore,
  nonNegativeInteger,
  positiveInteger,
  type RateLimitStore,
} from '../../extensions/labour-platform/src/domain/consent/rate-limit';
import { RedisRateLimitStore } from '../../extensions/labour-platform/src/glue/http/redis-store';
import { redisUrlFrom } from '../../extensions/labour-platform/src/glue/http/limits';

function clock(start: number): { now: () => number; advance: (ms: number) => void } {
  let time = start;
  return { now: () => time, advance: (ms) => (time += ms) };
}

function limiterContract(name: string, makeStore: (now: () => number) => Promise<RateLimitStore>): void {
  describe(`fixed window (${name})`, () => {
    const unique = `${Date.now()}-${Math.random().toString(36).slice(2)}`;

    it('allows the limit per window and key, then says when to come back', async () => {
      const time = clock(1_000_000 * 60_000);
      const limiter = new FixedWindowLimiter(await makeStore(time.now), 3, 60_000, time.now, `t1-${unique}`);
      const first = [];
      for (let index = 0; index < 4; index++) first.push((await limiter.take('a')).allowed);
      expect(first).toEqual([true, true, true, false]);
      time.advance(30_000);
      expect(await limiter.take('a')).toMatchObject({ allowed: false, retryAfter: 30 });
      expect((await limiter.take('b')).allowed).toBe(true);
      time.advance(30_000);
      expect((await limiter.take('a')).allowed).toBe(true);
    });

    it('gives a take back (a login that succeeded)', async () => {
      const time = clock(2_000_000 * 60_000);
      const limiter = new FixedWindowLimiter(await makeStore(time.now), 2, 60_000, time.now, `t2-${unique}`);
      await limiter.take('x');
      await limiter.refund('x');
      await limiter.take('x');
      expect((await limiter.take('x')).allowed).toBe(true);
      expect((await limiter.take('x')).allowed).toBe(false);
    });

    it('counts every one of many parallel takes', async () => {
      const time = clock(3_000_000 * 60_000);
      const limiter = new FixedWindowLimiter(await makeStore(time.now), 10, 60_000, time.now, `t3-${unique}`);
      const decisions = await Promise.all(Array.from({ length: 50 }, () => limiter.take('burst')));
      expect(decisions.filter((decision) => decision.allowed)).toHaveLength(10);
    });
  });
}

limiterContract('memory', (now) => Promise.resolve(new MemoryRateLimitStore(now)));

const redisUrl = redisUrlFrom(process.env) ?? 'redis://127.0.0.1:6379/0';
const redisConfigured = redisUrlFrom(process.env) !== null;
const redis: Promise<RedisRateLimitStore | null> = RedisRateLimitStore.connect(redisUrl).catch((error: unknown) => {
  if (redisConfigured) throw error;
  return null;
});
const redisReachable = await redis.then((store) => store !== null).catch(() => true);
afterAll(async () => {
  await (await redis.catch(() => null))?.close();
});

if (redisReachable) {
  limiterContract('redis', async () => {
    const store = await redis;
    if (!store) throw new Error(`Redis at ${redisUrl} is configured but does not answer`);
    return store;
  });
} else {
  it.skip('Redis store: no Redis on 127.0.0.1:6379 and REDIS not set', () => undefined);
}

describe('memory store', () => {
  it('stays bounded in memory', async () => {
    const store = new MemoryRateLimitStore(() => 0, 100);
    for (let index = 0; index < 1000; index++) await store.add(`k${index}`, 1, 60_000);
    expect(store.size).toBeLessThanOrEqual(100);
  });

  it('reads whole numbers from the environment', () => {
    expect(positiveInteger('12', 5)).toBe(12);
    expect(positiveInteger('-1', 5)).toBe(5);
    expect(positiveInteger(undefined, 5)).toBe(5);
    expect(nonNegativeInteger('0', 5)).toBe(0);
  });
});

describe('concurrency gate', () => {
  it('runs the limit at once, queues a few, refuses the rest without waiting, and frees slots in order', async () => {
    const gate = new ConcurrencyGate(2, 1);
    const a = await gate.enter();
    const b = await gate.enter();
    expect(a).not.toBeNull();
    expect(b).not.toBeNull();
    const queued = gate.enter();
    expect(gate.queued).toBe(1);
    expect(await gate.enter()).toBeNull();
    a!();
    a!(); // releasing twice frees one slot only
    const c = await queued;
    expect(c).not.toBeNull();
    expect(gate.active).toBe(2);
    b!();
    expect(await gate.enter()).not.toBeNull();
    expect(gate.active).toBe(2);
  });
});
