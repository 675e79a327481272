import { describe, expect, it } from 'vitest';
import {
  groupScheduleMessage,
  MAX_GROUP_SIZE,
  parseGroupSchedule,
  SLOT_MINUTES,
} from '../../extensions/labour-platform/src/domain/brp/group-schedule';

const ID = '0b0f5b1e-3c1a-4c1e-9a49-0d6f3a1b2c3d';
const valid = { migrants: [ID], desk: 'Balie 1', starts_at: '2026-03-02T09:00', slot_minutes: 20 };

const problem = (body: unknown) => {
  const result = parseGroupSchedule(body);
  return result.ok ? null : result.problem;
};

describe('group appointment input', () => {
  it('accepts a group and normalises it', () => {
    const result = parseGroupSchedule({ ...valid, migrants: [ID, ID.toUpperCase()], group_reference: ' G-1 ' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.migrants).toEqual([ID]);
    expect(result.value.slotMinutes).toBe(20);
    expect(result.value.groupReference).toBe('G-1');
    expect(result.value.startsAt.toISOString()).toBe('2026-03-02T09:00:00.000Z');
  });

  it('defaults the slot to 15 minutes', () => {
    const result = parseGroupSchedule({ ...valid, slot_minutes: undefined });
    expect(result.ok && result.value.slotMinutes).toBe(SLOT_MINUTES.default);
  });

  it.each([
    [1e308, 'not_integer'],
    [Number.NaN, 'not_integer'],
    [Infinity, 'not_integer'],
    [2.5, 'not_integer'],
    ['1e308', 'not_integer'],
    [[], 'not_integer'],
    [{}, 'not_integer'],
    [0, 'out_of_range'],
    [-15, 'out_of_range'],
    [481, 'out_of_range'],
  ])('refuses slot_minutes %s (%s)', (slot, code) => {
    expect(problem({ ...valid, slot_minutes: slot })).toMatchObject({ field: 'slot_minutes', code });
  });

  it.each([
    [null, 'body', 'required'],
    [[], 'body', 'required'],
    ['text', 'body', 'required'],
    [{ ...valid, migrants: undefined }, 'migrants', 'required'],
    [{ ...valid, migrants: [] }, 'migrants', 'required'],
    [{ ...valid, migrants: 'x' }, 'migrants', 'not_a_list'],
    [{ ...valid, migrants: [ID, 'x'] }, 'migrants', 'not_ids'],
    [{ ...valid, migrants: [ID, { id: ID }] }, 'migrants', 'not_ids'],
    [{ ...valid, migrants: Array.from({ length: MAX_GROUP_SIZE + 1 }, () => ID) }, 'migrants', 'too_many'],
    [{ ...valid, desk: undefined }, 'desk', 'required'],
    [{ ...valid, desk: 12 }, 'desk', 'not_text'],
    [{ ...valid, desk: 'a\uD800' }, 'desk', 'malformed_text'],
    [{ ...valid, desk: 'a\u0000b' }, 'desk', 'malformed_text'],
    [{ ...valid, desk: 'x'.repeat(256) }, 'desk', 'too_long'],
    [{ ...valid, starts_at: undefined }, 'starts_at', 'required'],
    [{ ...valid, starts_at: 'tomorrow' }, 'starts_at', 'not_a_time'],
    [{ ...valid, starts_at: 1700000000000 }, 'starts_at', 'not_a_time'],
    [{ ...valid, starts_at: '2026-02-30T09:00' }, 'starts_at', 'not_a_time'],
    [{ ...valid, starts_at: '1970-01-01T00:00' }, 'starts_at', 'out_of_range'],
    [{ ...valid, starts_at: '9999-12-31T23:59' }, 'starts_at', 'out_of_range'],
    [{ ...valid, group_reference: ['x'] }, 'group_reference', 'not_text'],
    [{ ...valid, reason: 'x'.repeat(1001) }, 'reason', 'too_long'],
  ])('refuses %j: %s %s', (body, field, code) => {
    expect(problem(body)).toMatchObject({ field, code });
  });

  it('names the field in Dutch and English and never echoes the value', () => {
    const found = problem({ ...valid, slot_minutes: 1e308 })!;
    expect(groupScheduleMessage(found, 'nl')).toMatch(/"slot_minutes".*geheel aantal minuten/);
    expect(groupScheduleMessage(found, 'en')).toMatch(/"slot_minutes".*whole number of minutes/);
    expect(groupScheduleMessage(found, 'en')).not.toMatch(/1e\+?308/);
  });
});
