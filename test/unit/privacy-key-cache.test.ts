/**
 * The brief memory of unwrapped data keys (domain/privacy/key-cache.ts): found only with the wrapped key it was
 * unwrapped from, bounded in number and time, and every key that leaves it is zeroed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataKeyCache } from '../../extensions/labour-platform/src/domain/privacy/key-cache';

function setup(maxEntries = 3, ttlMs = 1_000) {
  let now = 0;
  const wiped: Uint8Array[] = [];
  let unwraps = 0;
  const cache = new DataKeyCache({ maxEntries, ttlMs, now: () => now, onWipe: (key) => wiped.push(key) });
  const key = (fill: number) => () => {
    unwraps++;
    return new Uint8Array(32).fill(fill);
  };
  return {
    cache,
    wiped,
    key,
    unwraps: () => unwraps,
    tick: (ms: number) => {
      now += ms;
    },
  };
}
const zeroed = (key: Uint8Array) => key.every((byte) => byte === 0);

describe('DataKeyCache', () => {
  it('gives the same key for the same row and wrapped value, without unwrapping again', () => {
    const { cache, key, unwraps } = setup();
    const first = cache.get('m1', 'dk1.a', key(1));
    expect(cache.get('m1', 'dk1.a', key(9))).toBe(first);
    expect(unwraps()).toBe(1);
    expect(first[0]).toBe(1);
  });

  it('unwraps again for another wrapped value (a rotated key) and wipes the old one', () => {
    const { cache, key, wiped } = setup();
    const old = cache.get('m1', 'dk1.old', key(1));
    const rotated = cache.get('m1', 'dk1.new', key(2));
    expect(rotated[0]).toBe(2);
    expect(zeroed(old)).toBe(true);
    expect(wiped).toEqual([old]);
    expect(cache.size).toBe(1);
  });

  it('never gives a key for another row, even with the same wrapped value', () => {
    const { cache, key } = setup();
    cache.get('m1', 'dk1.a', key(1));
    expect(cache.get('m2', 'dk1.a', key(2))[0]).toBe(2);
  });

  it('forgets a key when its time is up, from the time it was stored (use does not extend it)', () => {
    const { cache, key, tick, unwraps } = setup(3, 1_000);
    const first = cache.get('m1', 'dk1.a', key(1));
    tick(600);
    expect(cache.get('m1', 'dk1.a', key(9))).toBe(first);
    tick(400);
    const again = cache.get('m1', 'dk1.a', key(3));
    expect(again[0]).toBe(3);
    expect(zeroed(first)).toBe(true);
    expect(unwraps()).toBe(2);
  });

  it('sweep wipes expired keys nobody asks for again', () => {
    const { cache, key, tick } = setup(3, 1_000);
    const a = cache.get('m1', 'dk1.a', key(1));
    tick(500);
    const b = cache.get('m2', 'dk1.b', key(2));
    tick(500);
    cache.sweep();
    expect(zeroed(a)).toBe(true);
    expect(zeroed(b)).toBe(false);
    expect(cache.size).toBe(1);
  });

  it('keeps at most maxEntries keys, the least recently used leaving first (wiped)', () => {
    const { cache, key } = setup(2);
    const a = cache.get('a', 'w', key(1));
    const b = cache.get('b', 'w', key(2));
    cache.get('a', 'w', key(9)); // a used: b is now the oldest
    cache.get('c', 'w', key(3));
    expect(cache.size).toBe(2);
    expect(zeroed(b)).toBe(true);
    expect(zeroed(a)).toBe(false);
  });

  it('forget wipes the keys of erased rows at once; clear wipes all', () => {
    const { cache, key } = setup();
    const a = cache.get('a', 'w', key(1));
    const b = cache.get('b', 'w', key(2));
    cache.forget(['a', 'unknown']);
    expect(zeroed(a)).toBe(true);
    expect(zeroed(b)).toBe(false);
    expect(cache.get('a', 'w', key(4))[0]).toBe(4);
    cache.clear();
    expect(zeroed(b)).toBe(true);
    expect(cache.size).toBe(0);
  });

  it('does not keep a failed unwrap', () => {
    const { cache, key } = setup();
    expect(() =>
      cache.get('a', 'w', () => {
        throw new Error('tampered');
      }),
    ).toThrow('tampered');
    expect(cache.size).toBe(0);
    expect(cache.get('a', 'w', key(5))[0]).toBe(5);
  });

  it('keeps nothing with no room or no time', () => {
    for (const [max, ttl] of [
      [0, 1_000],
      [3, 0],
    ] as const) {
      const { cache, key, unwraps } = setup(max, ttl);
      cache.get('a', 'w', key(1));
      cache.get('a', 'w', key(1));
      expect(unwraps()).toBe(2);
      expect(cache.size).toBe(0);
    }
  });

  it('refuses a nonsensical bound', () => {
    expect(() => new DataKeyCache({ maxEntries: -1, ttlMs: 1 })).toThrow(TypeError);
    expect(() => new DataKeyCache({ maxEntries: 1, ttlMs: Number.NaN })).toThrow(TypeError);
  });

  it('whatever happens, gives the key unwrapped from that row and wrapped value, within its bounds', () => {
    type Step =
      | { kind: 'get'; id: number; wrapped: number }
      | { kind: 'tick'; ms: number }
      | { kind: 'forget'; id: number }
      | { kind: 'sweep' };
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({ kind: fc.constant('get' as const), id: fc.nat({ max: 5 }), wrapped: fc.nat({ max: 2 }) }),
      fc.record({ kind: fc.constant('tick' as const), ms: fc.nat({ max: 700 }) }),
      fc.record({ kind: fc.constant('forget' as const), id: fc.nat({ max: 5 }) }),
      fc.constant({ kind: 'sweep' as const }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        let now = 0;
        const cache = new DataKeyCache({ maxEntries: 3, ttlMs: 1_000, now: () => now });
        const given: Uint8Array[] = [];
        for (const s of steps) {
          if (s.kind === 'tick') now += s.ms;
          else if (s.kind === 'forget') cache.forget([String(s.id)]);
          else if (s.kind === 'sweep') cache.sweep();
          else {
            const key = cache.get(String(s.id), `w${s.wrapped}`, () =>
              new Uint8Array(32).fill(1 + s.id * 3 + s.wrapped),
            );
            expect(key[0]).toBe(1 + s.id * 3 + s.wrapped);
            given.push(key);
          }
          expect(cache.size).toBeLessThanOrEqual(3);
        }
        // a key given out is either still held or has been zeroed: none is left behind unwiped
        cache.clear();
        for (const key of given) expect(zeroed(key)).toBe(true);
      }),
    );
  });
});
