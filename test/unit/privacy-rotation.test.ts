import { describe, expect, it } from 'vitest';
import {
  generateDataKey,
  rewrapDataKey,
  wrapDataKey,
} from '../../extensions/labour-platform/src/domain/privacy/envelope';
import { parseKeyRing } from '../../extensions/labour-platform/src/domain/privacy/keyring';
import { planRotation, renderProgress } from '../../extensions/labour-platform/src/domain/privacy/rotation';

const material = (fill: number): string => Buffer.alloc(32, fill).toString('base64');
const env = (keys: string, active: string) => ({
  FIELD_ENCRYPTION_KEYS: keys,
  FIELD_ENCRYPTION_ACTIVE_KEY: active,
  FIELD_BLIND_INDEX_KEY: material(9),
});
const ringV1 = parseKeyRing(env(`v1:${material(1)}`, 'v1'));
const ringV0 = parseKeyRing(env(`v0:${material(5)}`, 'v0'));
const ringBoth = parseKeyRing(env(`v1:${material(1)},v2:${material(2)}`, 'v2'));
const owner = (id: string) => ({ collection: 'migrants', id });

describe('planRotation', () => {
  const onV1 = ['a', 'b', 'c'].map((id) => ({ id, wrapped: wrapDataKey(ringV1, generateDataKey(), owner(id)) }));
  const onV2 = ['d', 'e'].map((id) => ({ id, wrapped: wrapDataKey(ringBoth, generateDataKey(), owner(id)) }));
  const onV0 = { id: 'f', wrapped: wrapDataKey(ringV0, generateDataKey(), owner('f')) };
  const damaged = { id: 'g', wrapped: 'not a wrapped key' };
  const truncated = { id: 'h', wrapped: onV1[0]!.wrapped.slice(0, 30) };

  it('lists the rows on older keys, counts the rows done and reports what cannot be rewrapped', () => {
    const plan = planRotation([...onV1, ...onV2, onV0, damaged, truncated], ringBoth);
    expect(plan.toRewrap).toEqual(['a', 'b', 'c']);
    expect(plan.done).toBe(2);
    expect(plan.blocked).toEqual([
      { id: 'f', reason: 'unknown_key' },
      { id: 'g', reason: 'malformed' },
      { id: 'h', reason: 'truncated' },
    ]);
    expect(plan.byKeyId).toEqual({ v1: 3, v2: 2, v0: 1 });
  });

  it('is empty for no rows', () => {
    expect(planRotation([], ringBoth)).toEqual({ toRewrap: [], done: 0, blocked: [], byKeyId: {} });
  });

  it('shows everything done after rewrapping, so the old key can go', () => {
    const rows = [...onV1, ...onV2];
    const first = planRotation(rows, ringBoth);
    const rewrapped = rows.map((row) =>
      first.toRewrap.includes(row.id)
        ? { id: row.id, wrapped: rewrapDataKey(ringBoth, row.wrapped, owner(row.id)) }
        : row,
    );
    const after = planRotation(rewrapped, ringBoth);
    expect(after).toEqual({ toRewrap: [], done: 5, blocked: [], byKeyId: { v2: 5 } });
  });

  it('does not decrypt anything: it only reads key ids', () => {
    const forgedBody = onV1[0]!.wrapped.replace(/\.[^.]{22}$/, `.${'A'.repeat(22)}`);
    expect(planRotation([{ id: 'x', wrapped: forgedBody }], ringBoth).toRewrap).toEqual(['x']);
  });
});

describe('renderProgress', () => {
  it.each([
    [0, 40, 30, '[..............................]  0/40   0%'],
    [12, 40, 30, '[#########.....................] 12/40  30%'],
    [39, 40, 30, '[#############################.] 39/40  97%'],
    [40, 40, 30, '[##############################] 40/40 100%'],
    [5, 10, 10, '[#####.....]  5/10  50%'],
    [0, 0, 10, '[##########] 0/0 100%'],
    [50, 40, 10, '[##########] 40/40 100%'],
    [-3, 40, 10, '[..........]  0/40   0%'],
    [1, 3, 4, '[#...] 1/3  33%'],
  ])('renders %i of %i at width %i', (done, total, width, expected) => {
    expect(renderProgress(done, total, width)).toBe(expected);
  });

  it('defaults to 30 columns and keeps its width as it advances', () => {
    const lengths = new Set(Array.from({ length: 101 }, (_, done) => renderProgress(done, 100).length));
    expect(lengths.size).toBe(1);
    expect(renderProgress(0, 100).indexOf(']')).toBe(31);
  });

  it('never reports 100% before the end', () => {
    expect(renderProgress(999, 1000)).toMatch(/ 99%$/);
  });

  it.each([0, -1, 2.5])('refuses width %d', (width) => {
    expect(() => renderProgress(1, 2, width)).toThrow(RangeError);
  });
});
