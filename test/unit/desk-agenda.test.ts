/** The desk agenda: free slots of a desk and no double booking (domain/brp/desk-agenda.ts). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findDoubleBooking,
  freeSlots,
  minutesOfDay,
  overlaps,
  type Interval,
} from '../../extensions/labour-platform/src/domain/brp/desk-agenda.js';

const MINUTE = 60_000;
const OPENS = Date.UTC(2026, 2, 2, 8, 30);
const CLOSES = Date.UTC(2026, 2, 2, 16, 30);

/** Appointments somewhere around the opening hours, of 5 to 90 minutes. */
const bookedArb = fc.array(
  fc
    .record({ offset: fc.integer({ min: -120, max: 600 }), minutes: fc.integer({ min: 5, max: 90 }) })
    .map(({ offset, minutes }) => ({ start: OPENS + offset * MINUTE, end: OPENS + (offset + minutes) * MINUTE })),
  { maxLength: 30 },
);
const durationArb = fc.constantFrom(10, 15, 20, 30, 45, 60);

describe('desk agenda', () => {
  it('offers only slots inside the opening hours, of the asked length, after notBefore, that overlap no appointment', () => {
    fc.assert(
      fc.property(bookedArb, durationArb, fc.integer({ min: 0, max: 600 }), (booked, duration, late) => {
        const notBefore = OPENS + late * MINUTE;
        for (const slot of freeSlots({ opens: OPENS, closes: CLOSES, durationMinutes: duration, booked, notBefore })) {
          expect(slot.end - slot.start).toBe(duration * MINUTE);
          expect(slot.start).toBeGreaterThanOrEqual(Math.max(OPENS, notBefore));
          expect(slot.end).toBeLessThanOrEqual(CLOSES);
          expect(findDoubleBooking(slot, booked)).toBeNull();
        }
      }),
    );
  });

  it('leaves out no free slot on the grid', () => {
    fc.assert(
      fc.property(bookedArb, durationArb, (booked, duration) => {
        const offered = new Set(
          freeSlots({ opens: OPENS, closes: CLOSES, durationMinutes: duration, booked }).map((slot) => slot.start),
        );
        for (let start = OPENS; start + duration * MINUTE <= CLOSES; start += duration * MINUTE) {
          const free = booked.every((interval) => !overlaps({ start, end: start + duration * MINUTE }, interval));
          expect(offered.has(start)).toBe(free);
        }
      }),
    );
  });

  it('never lets a booked slot be booked twice', () => {
    fc.assert(
      fc.property(bookedArb, durationArb, fc.nat(), (booked, duration, pick) => {
        const slots = freeSlots({ opens: OPENS, closes: CLOSES, durationMinutes: duration, booked });
        if (slots.length === 0) return;
        const taken: Interval = slots[pick % slots.length]!;
        const after = freeSlots({
          opens: OPENS,
          closes: CLOSES,
          durationMinutes: duration,
          booked: [...booked, taken],
        });
        expect(after.some((slot) => overlaps(slot, taken))).toBe(false);
        expect(findDoubleBooking(taken, [...booked, taken])).toEqual(taken);
      }),
    );
  });

  it('counts appointments that touch as not overlapping, in either order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 100 }),
        (start, a, b) => {
          const first = { start, end: start + a };
          const second = { start: start + a, end: start + a + b };
          expect(overlaps(first, second)).toBe(false);
          expect(overlaps(second, first)).toBe(false);
          expect(overlaps(first, { start: start + a - 1, end: start + a + b })).toBe(true);
        },
      ),
    );
  });

  it('reads opening hours as minutes of the day', () => {
    expect(minutesOfDay('08:30')).toBe(510);
    expect(minutesOfDay('24:00')).toBeNull();
  });
});
