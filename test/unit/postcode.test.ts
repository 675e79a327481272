import { describe, expect, it } from 'vitest';
import { checkPostcode, formatPostcode, normalisePostcode } from '../../extensions/labour-platform/src/domain/postcode';

describe('normalisePostcode', () => {
  it.each([
    ['1234 ab', '1234AB'],
    ['1234AB', '1234AB'],
    ['1234ab', '1234AB'],
    ['2671 CM', '2671CM'],
    ['9999 zz', '9999ZZ'],
    ['1000 AA', '1000AA'],
    [' 2671 cm ', '2671CM'],
  ])('%s → %s', (input, expected) => {
    expect(normalisePostcode(input)).toBe(expected);
  });

  it.each([
    '',
    '0123 AB',
    '123 AB',
    '12345 AB',
    '1234 A',
    '1234 ABC',
    '1234  AB',
    '1234-AB',
    '1234 A1',
    'AB 1234',
    '12AB',
    '１２３４AB',
  ])('rejects %j', (input) => {
    expect(normalisePostcode(input)).toBeNull();
  });

  it.each(['1234 SA', '1234sd', '1234 ss', '3011 Sa'])('rejects the never-issued letters in %s', (input) => {
    expect(normalisePostcode(input)).toBeNull();
    expect(checkPostcode(input)).toEqual({ ok: false, reason: 'never_issued' });
  });

  it('accepts other combinations with S', () => {
    expect(normalisePostcode('1234 SB')).toBe('1234SB');
    expect(normalisePostcode('1234 AS')).toBe('1234AS');
  });
});

describe('checkPostcode', () => {
  it('says why a postcode is rejected', () => {
    expect(checkPostcode('12AB')).toEqual({ ok: false, reason: 'format' });
    expect(checkPostcode('2671 cm')).toEqual({ ok: true, postcode: '2671CM' });
  });
});

describe('formatPostcode', () => {
  it('writes the postcode with a space', () => {
    expect(formatPostcode('2671cm')).toBe('2671 CM');
    expect(formatPostcode('nonsense')).toBe('nonsense');
  });
});
