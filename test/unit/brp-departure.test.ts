import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  departureDate,
  hasLeft,
  staysEndedBy,
  type StaySpan,
} from '../../extensions/labour-platform/src/domain/brp/departure';
import {
  DEPARTURE_DATE_PROBLEMS,
  refusalMessage,
} from '../../extensions/labour-platform/src/domain/brp/workflow-messages';
import { addDays } from '../../extensions/labour-platform/src/domain/dates';

const TODAY = '2025-03-10';
const day = (offset: number): string => addDays(TODAY, offset);

/** Contiguous stays as the demo data has them: each starts the day after the previous one ends; the last may be open. */
const staysArb: fc.Arbitrary<StaySpan[]> = fc
  .record({
    first: fc.integer({ min: -400, max: 0 }),
    lengths: fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 4 }),
    open: fc.boolean(),
  })
  .map(({ first, lengths, open }) => {
    const stays: StaySpan[] = [];
    let start = first;
    lengths.forEach((length, index) => {
      const last = index === lengths.length - 1;
      stays.push({ id: `s${index}`, start_date: day(start), end_date: last && open ? null : day(start + length) });
      start += length + 1;
    });
    return stays;
  });

describe('departure date', () => {
  it('is today when none is given', () => {
    expect(departureDate(undefined, TODAY, [])).toEqual({ ok: true, date: TODAY });
    expect(departureDate('', TODAY, [])).toEqual({ ok: true, date: TODAY });
  });

  it('refuses what is no calendar date, and a day in the future', () => {
    for (const input of ['2025-02-30', '10-03-2025', 20250310, {}])
      expect(departureDate(input, TODAY, [])).toEqual({ ok: false, problem: 'not_a_date' });
    expect(departureDate(day(1), TODAY, [])).toEqual({ ok: false, problem: 'in_future' });
  });

  it('refuses a day before the start of the open stay', () => {
    const stays = [{ id: 'a', start_date: day(-5), end_date: null }];
    expect(departureDate(day(-6), TODAY, stays)).toEqual({ ok: false, problem: 'before_stay' });
    expect(departureDate(day(-5), TODAY, stays)).toEqual({ ok: true, date: day(-5) });
  });

  it('property: an accepted date leaves no stay open after it, and every stay it ends started on or before it', () => {
    fc.assert(
      fc.property(staysArb, fc.integer({ min: -450, max: 0 }), (stays, offset) => {
        const result = departureDate(day(offset), TODAY, stays);
        if (!result.ok) return;
        const ending = staysEndedBy(stays, result.date);
        const after = stays.map((stay) => (ending.includes(stay) ? { ...stay, end_date: result.date } : stay));
        for (const stay of after) {
          expect(stay.end_date === null || stay.end_date <= result.date || stay.start_date > result.date).toBe(true);
          expect(stay.end_date === null || stay.end_date >= stay.start_date).toBe(true);
        }
        expect(after.some((stay) => stay.end_date === null)).toBe(false);
      }),
    );
  });

  it('the migrant has left from the departure date on', () => {
    expect(hasLeft(TODAY, TODAY)).toBe(true);
    expect(hasLeft(day(-1), TODAY)).toBe(true);
    expect(hasLeft(day(1), TODAY)).toBe(false);
    expect(hasLeft(null, TODAY)).toBe(false);
  });

  it('every refusal has a Dutch and an English message', () => {
    for (const problem of Object.keys(DEPARTURE_DATE_PROBLEMS) as Array<keyof typeof DEPARTURE_DATE_PROBLEMS>) {
      expect(refusalMessage({ code: 'invalid_departure_date', problem }, 'nl')).toMatch(/vertrekdatum/);
      expect(refusalMessage({ code: 'invalid_departure_date', problem }, 'en')).toMatch(/departure date/);
    }
  });
});
