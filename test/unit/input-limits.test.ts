import { describe, expect, it } from 'vitest';
import { exceedsJsonDepth, jsonDepth, MAX_JSON_DEPTH, textNestingDepth, tooDeepMessage } from '../../extensions/labour-platform/src/domain/input-limits';

function nested(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
}

describe('JSON nesting depth', () => {
  it('counts objects and arrays, not scalars', () => {
    expect(jsonDepth(1)).toBe(0);
    expect(jsonDepth('text')).toBe(0);
    expect(jsonDepth(null)).toBe(0);
    expect(jsonDepth({})).toBe(1);
    expect(jsonDepth({ a: [] })).toBe(2);
    expect(jsonDepth({ a: [{ b: 1 }], c: 2 })).toBe(3);
  });

  it('accepts the limit and refuses one level more', () => {
    expect(exceedsJsonDepth(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(exceedsJsonDepth(nested(MAX_JSON_DEPTH + 1))).toBe(true);
  });

  it('scans a value nested a hundred thousand levels deep without overflowing the stack', () => {
    expect(exceedsJsonDepth(nested(100_000))).toBe(true);
    expect(jsonDepth(nested(100_000), 10)).toBe(11);
  });

  it('counts brackets in text outside strings, also in text that is not valid JSON', () => {
    expect(textNestingDepth('{"_and":[{"a":{"_eq":"[[[[{{{{"}}]}')).toBe(4);
    expect(textNestingDepth('"\\"[[["')).toBe(0);
    expect(textNestingDepth('[[[[')).toBe(4);
    expect(textNestingDepth('['.repeat(1_000_000))).toBe(MAX_JSON_DEPTH + 1);
    expect(textNestingDepth('plain')).toBe(0);
  });

  it('says so in Dutch and English', () => {
    expect(tooDeepMessage('nl')).toMatch(/te diep genest/);
    expect(tooDeepMessage('en')).toMatch(/nested too deeply/);
  });
});
