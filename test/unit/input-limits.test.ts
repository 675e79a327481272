import { describe, expect, it } from 'vitest';
import { isVariableRefusal, variableRefusalMessage } from '../../extensions/labour-platform/src/domain/graphql-input';
import {
  exceedsJsonDepth,
  jsonDepth,
  MAX_JSON_DEPTH,
  textNestingDepth,
  tooDeepMessage,
} from '../../extensions/labour-platform/src/domain/input-limits';

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

describe('GraphQL variables that do not fit the query', () => {
  it('is a refusal when nothing executed and no error has a code of its own', () => {
    expect(
      isVariableRefusal({
        errors: [{ message: 'Variable "$data" got invalid value 42', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
      }),
    ).toBe(true);
    expect(
      isVariableRefusal({
        errors: [{ message: 'An unexpected error occurred.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
      }),
    ).toBe(true);
  });

  it('is not a refusal when a resolver ran (data is there) or an error has its own code', () => {
    expect(
      isVariableRefusal({
        data: { create_migrants_item: null },
        errors: [{ extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
      }),
    ).toBe(false);
    expect(isVariableRefusal({ errors: [{ extensions: { code: 'VALIDATION_FAILED' } }] })).toBe(false);
    expect(isVariableRefusal({ errors: [] })).toBe(false);
    expect(isVariableRefusal({ data: { x: 1 } })).toBe(false);
    expect(isVariableRefusal('text')).toBe(false);
    expect(isVariableRefusal(null)).toBe(false);
  });

  it('says so in Dutch and English', () => {
    expect(variableRefusalMessage('nl', null)).toMatch(/variabelen passen niet/);
    expect(variableRefusalMessage('en', 'Variable "$data" got invalid value 42')).toMatch(/do not fit .* Variable/);
  });
});
