import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addWorkingDays,
  dayOfWeek,
  toNetherlandsDate,
} from '../../extensions/labour-platform/src/domain/dates';
import {
  DEFAULT_TASK_DEADLINES,
  dueDate,
  type TaskDeadlines,
} from '../../extensions/labour-platform/src/domain/brp/due-dates';
import { TASK_TYPES } from '../../extensions/labour-platform/src/domain/vocabulary';

// 2025-03-10 is a Monday.
const MONDAY = '2025-03-10';
const THURSDAY = '2025-03-13';
const FRIDAY = '2025-03-14';
const SATURDAY = '2025-03-15';
const SUNDAY = '2025-03-16';

const facts = (opened: string, arrivalDate: string | null = null, expectedDepartureDate: string | null = null) => ({
  opened,
  arrivalDate,
  expectedDepartureDate,
});

describe('date helpers', () => {
  it('knows the weekdays used below', () => {
    expect([MONDAY, FRIDAY, SATURDAY, SUNDAY].map(dayOfWeek)).toEqual([1, 5, 6, 0]);
  });

  it('adds calendar days across month and year ends', () => {
    expect(addDays('2025-02-27', 2)).toBe('2025-03-01');
    expect(addDays('2024-02-27', 2)).toBe('2024-02-29');
    expect(addDays('2025-12-30', 5)).toBe('2026-01-04');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
  });

  it('adds calendar months, clamping to the end of the month', () => {
    expect(addMonths('2025-01-15', 4)).toBe('2025-05-15');
    expect(addMonths('2025-10-31', 4)).toBe('2026-02-28');
    expect(addMonths('2023-10-31', 4)).toBe('2024-02-29');
    expect(addMonths('2025-09-30', 4)).toBe('2026-01-30');
  });

  it('skips Saturday and Sunday when adding working days', () => {
    expect(addWorkingDays(MONDAY, 2)).toBe('2025-03-12');
    expect(addWorkingDays(THURSDAY, 2)).toBe('2025-03-17');
    expect(addWorkingDays(FRIDAY, 1)).toBe('2025-03-17');
    expect(addWorkingDays(SATURDAY, 1)).toBe('2025-03-17');
    expect(addWorkingDays(SUNDAY, 2)).toBe('2025-03-18');
    expect(addWorkingDays(FRIDAY, 5)).toBe('2025-03-21');
    expect(addWorkingDays(SATURDAY, 0)).toBe(SATURDAY);
  });

  it('does not know public holidays (Christmas counts as a working day)', () => {
    expect(addWorkingDays('2025-12-24', 1)).toBe('2025-12-25');
  });

  it('reads a timestamp as its date in the Netherlands', () => {
    expect(toNetherlandsDate('2025-03-10')).toBe('2025-03-10');
    expect(toNetherlandsDate('2025-03-09T23:30:00.000Z')).toBe('2025-03-10'); // 00:30 CET
    expect(toNetherlandsDate('2025-07-01T21:59:00Z')).toBe('2025-07-01'); // 23:59 CEST
    expect(toNetherlandsDate('2025-07-01T22:00:00Z')).toBe('2025-07-02');
  });

  it('rejects malformed dates', () => {
    expect(() => addDays('2025-02-30', 1)).toThrow(RangeError);
    expect(() => addWorkingDays('10-03-2025', 1)).toThrow(RangeError);
    expect(() => addWorkingDays(MONDAY, -1)).toThrow(RangeError);
    expect(() => toNetherlandsDate('yesterday')).toThrow(RangeError);
  });
});

describe('DEFAULT_TASK_DEADLINES', () => {
  it('has a deadline for every task type', () => {
    expect(Object.keys(DEFAULT_TASK_DEADLINES).sort()).toEqual([...TASK_TYPES].sort());
  });

  it('matches the agreed rules', () => {
    expect(DEFAULT_TASK_DEADLINES).toEqual({
      assess_status: { days: 2, workingDays: true, from: 'opened' },
      schedule: { days: 3, workingDays: true, from: 'opened' },
      confirm_appointment: { days: 2, workingDays: true, from: 'opened' },
      register: { days: 5, workingDays: false, from: 'arrival' },
      report_departure: { days: 0, workingDays: false, from: 'expected_departure' },
      deregister: { days: 5, workingDays: true, from: 'opened' },
      handle_warning: { days: 5, workingDays: true, from: 'opened' },
    });
  });
});

describe('dueDate', () => {
  const due = (type: (typeof TASK_TYPES)[number], f: ReturnType<typeof facts>) =>
    dueDate(type, DEFAULT_TASK_DEADLINES, f);

  it('assess_status: 2 working days after opening', () => {
    expect(due('assess_status', facts(MONDAY))).toBe('2025-03-12');
    expect(due('assess_status', facts(THURSDAY))).toBe('2025-03-17');
    expect(due('assess_status', facts(SATURDAY))).toBe('2025-03-18');
  });

  it('schedule: 3 working days; confirm_appointment: 2; deregister: 5', () => {
    expect(due('schedule', facts(FRIDAY))).toBe('2025-03-19');
    expect(due('confirm_appointment', facts(FRIDAY))).toBe('2025-03-18');
    expect(due('deregister', facts(MONDAY))).toBe('2025-03-17');
    expect(due('deregister', facts(SUNDAY))).toBe('2025-03-21');
  });

  it('accepts the opening moment as a timestamp, counted from its Dutch date', () => {
    // Sunday 23:30 UTC is Monday 00:30 in Amsterdam.
    expect(due('assess_status', facts('2025-03-16T23:30:00.000Z'))).toBe('2025-03-19');
  });

  it('register: 5 calendar days after arrival (weekends count)', () => {
    expect(due('register', facts('2025-03-10', '2025-03-10'))).toBe('2025-03-15');
    expect(due('register', facts('2025-03-12', '2025-03-10'))).toBe('2025-03-15');
  });

  it('register: never before the opening date', () => {
    expect(due('register', facts('2025-03-20', '2025-03-10'))).toBe('2025-03-20');
    expect(due('register', facts('2025-03-15', '2025-03-10'))).toBe('2025-03-15');
    expect(due('register', facts('2025-03-16', '2025-03-10'))).toBe('2025-03-16');
  });

  it('register: an unknown arrival counts from the opening date', () => {
    expect(due('register', facts(MONDAY, null))).toBe('2025-03-15');
  });

  it('report_departure: the expected departure date, none when unknown', () => {
    expect(due('report_departure', facts(MONDAY, '2025-03-01', '2025-06-30'))).toBe('2025-06-30');
    expect(due('report_departure', facts(MONDAY, '2025-03-01', null))).toBeNull();
    // An expected departure already past when the task is opened: due at once.
    expect(due('report_departure', facts(MONDAY, '2025-01-01', '2025-03-01'))).toBe(MONDAY);
  });

  it('only report_departure can be without a due date', () => {
    for (const type of TASK_TYPES) {
      const result = due(type, facts(MONDAY));
      if (type === 'report_departure') expect(result).toBeNull();
      else expect(result).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('is never before the opening date, for any task', () => {
    for (const type of TASK_TYPES) {
      for (let offset = 0; offset < 14; offset += 1) {
        const opened = addDays(MONDAY, offset);
        const result = due(type, facts(opened, '2025-01-01', '2025-02-01'));
        expect(result !== null && result >= opened).toBe(true);
      }
    }
  });

  it('uses a custom deadline table', () => {
    const custom: TaskDeadlines = {
      ...DEFAULT_TASK_DEADLINES,
      assess_status: { days: 1, workingDays: false, from: 'opened' },
      report_departure: { days: 3, workingDays: true, from: 'expected_departure' },
    };
    expect(dueDate('assess_status', custom, facts(FRIDAY))).toBe(SATURDAY);
    expect(dueDate('report_departure', custom, facts(MONDAY, null, FRIDAY))).toBe('2025-03-19');
  });

  it('rejects a malformed base date', () => {
    expect(() => due('register', facts(MONDAY, '10-03-2025'))).toThrow(RangeError);
    expect(() => due('assess_status', facts('soon'))).toThrow(RangeError);
  });
});
