/**
 * Issue 11's additions to the figures: the share registered within 5 days as a 24-month trend, the median from
 * grouped counts (as the database hands them over) equal to the median of every person, merged counts of the living
 * and the erased, and the map's clustering when zoomed out.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  aggregatesOf,
  canonicalAggregates,
  clusterPoints,
  clusterState,
  daysBetween,
  FIGURE_NAMES,
  figure,
  mergeAggregates,
  protectedMedian,
  publishFigure,
  type InsightInput,
  type InsightPerson,
} from '../../extensions/labour-platform/src/domain/insight';
import { addDays } from '../../extensions/labour-platform/src/domain/dates';

const DATE = '2026-06-15';
const locations = [{ id: 'loc-a', name: 'Aalsmeer Hof', capacity: 30 }];

function arrivedOn(
  arrival: string,
  registeredAfter: number | null,
  mustRegister: boolean | null = true,
): InsightPerson {
  return {
    nationality: 'PL',
    birthYear: 1990,
    brpStatus: 'ingeschreven',
    stays: [{ location: 'loc-a', start: arrival, end: null }],
    mustRegister,
    registeredOn: registeredAfter === null ? null : addDays(arrival, registeredAfter),
  };
}

describe('registered within 5 days, per month of arrival', () => {
  // March 2026: 12 required to register (9 in time, one on day 5 exactly), 2 not required; April: 6; May: 3
  const people = [
    ...Array.from({ length: 8 }, (_, i) => arrivedOn(`2026-03-${String(i + 1).padStart(2, '0')}`, 2)),
    arrivedOn('2026-03-20', 5),
    ...Array.from({ length: 3 }, () => arrivedOn('2026-03-21', 6)),
    arrivedOn('2026-03-22', 1, false),
    arrivedOn('2026-03-23', null, null),
    ...Array.from({ length: 6 }, () => arrivedOn('2026-04-10', 1)),
    ...Array.from({ length: 3 }, () => arrivedOn('2026-05-02', null)),
  ];
  const input: InsightInput = { locations, people, appointments: [] };

  it('24 months without a total: the people rounded or hidden, the share only over 10 or more', () => {
    const published = figure('registered-within-5-days-by-month', input, DATE);
    expect(published.rows).toHaveLength(24);
    expect(published.rows.some((row) => row['month'] === 'total')).toBe(false);
    const at = (month: string) => published.rows.find((row) => row['month'] === month)!;
    expect(at('2026-03')).toMatchObject({ value: 10, suppressed: false, share_percent: 75 }); // 9 of 12
    expect(at('2026-04')).toMatchObject({ value: 5, suppressed: false, share_percent: null }); // 6: too few for a share
    expect(at('2026-05')).toMatchObject({ value: null, suppressed: true, share_percent: null });
    expect(at('2026-02')).toMatchObject({ value: 0, suppressed: false, share_percent: null });
  });

  it('leaves out those who have not had 5 days yet on the date', () => {
    const early = [...Array.from({ length: 10 }, () => arrivedOn('2026-05-30', 1))];
    const published = figure(
      'registered-within-5-days-by-month',
      { locations, people: early, appointments: [] },
      '2026-06-03',
    );
    expect(published.rows.find((row) => row['month'] === '2026-05')).toMatchObject({ value: 0 });
  });
});

describe('counts, grouped', () => {
  const stay = fc
    .record({ start: fc.integer({ min: 0, max: 900 }), length: fc.option(fc.integer({ min: 0, max: 400 })) })
    .map(({ start, length }) => ({
      location: 'loc-a',
      start: addDays('2024-01-01', start),
      end: length === null ? null : addDays('2024-01-01', start + length),
    }));
  const someone = fc.record({
    nationality: fc.option(fc.constantFrom('PL', 'RO')),
    birthYear: fc.option(fc.integer({ min: 1950, max: 2008 })),
    brpStatus: fc.option(fc.constantFrom('ingeschreven', 'rni')),
    stays: fc.array(stay, { minLength: 1, maxLength: 2 }),
    mustRegister: fc.option(fc.boolean()),
    registeredOn: fc.option(fc.integer({ min: 0, max: 900 }).map((day) => addDays('2024-01-01', day))),
  });

  it('the median of the grouped lengths of stay is the median of every person', () => {
    fc.assert(
      fc.property(fc.array(someone, { maxLength: 40 }), (people) => {
        const input: InsightInput = { locations, people, appointments: [] };
        const published = figure('length-of-stay', input, DATE);
        const lengths = aggregatesOf(input, DATE)
          .departed.filter((group) => group.departure > '2024-06-15' && group.departure <= DATE)
          .flatMap((group) =>
            Array.from({ length: group.count }, () => Math.max(0, daysBetween(group.arrival, group.departure))),
          );
        expect(published.median_days).toBe(protectedMedian(lengths));
      }),
      { numRuns: 100 },
    );
  });

  it('the counts of two groups of people added are the counts of them all, for every figure', () => {
    fc.assert(
      fc.property(fc.array(someone, { maxLength: 30 }), fc.array(someone, { maxLength: 30 }), (living, erased) => {
        const all = aggregatesOf({ locations, people: [...living, ...erased], appointments: [] }, DATE);
        const merged = mergeAggregates(
          aggregatesOf({ locations, people: living, appointments: [] }, DATE),
          aggregatesOf({ locations, people: erased, appointments: [] }, DATE),
        );
        expect(canonicalAggregates(merged)).toEqual(canonicalAggregates(all));
        for (const name of FIGURE_NAMES)
          expect(publishFigure(name, merged, DATE)).toEqual(publishFigure(name, all, DATE));
      }),
      { numRuns: 50 },
    );
  });
});

describe('the map’s clusters', () => {
  it('joins markers within the radius, keeps the others apart, and tells the worst state', () => {
    const clusters = clusterPoints(
      [
        { x: 0, y: 0, item: 'a' },
        { x: 30, y: 0, item: 'b' },
        { x: 200, y: 0, item: 'c' },
        { x: 0, y: 40, item: 'd' },
      ],
      48,
    );
    expect(clusters.map((cluster) => cluster.items)).toEqual([['a', 'b', 'd'], ['c']]);
    expect(clusters[0]).toMatchObject({ x: 10, y: 40 / 3 });
    expect(
      clusterPoints(
        [
          { x: 0, y: 0, item: 1 },
          { x: 0, y: 0, item: 2 },
        ],
        0,
      ),
    ).toHaveLength(1);
    expect(
      clusterPoints(
        [
          { x: 0, y: 0, item: 1 },
          { x: 1, y: 0, item: 2 },
        ],
        0,
      ),
    ).toHaveLength(2);
    expect(clusterState(['free', 'over', null])).toBe('over');
    expect(clusterState(['free', 'about_full'])).toBe('about_full');
    expect(clusterState([null, null])).toBeNull();
  });

  it('every marker is in exactly one cluster, within the radius of its first marker', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ x: fc.integer({ min: 0, max: 500 }), y: fc.integer({ min: 0, max: 500 }) }), {
          maxLength: 60,
        }),
        fc.integer({ min: 0, max: 100 }),
        (positions, radius) => {
          const points = positions.map((position, item) => ({ ...position, item }));
          const clusters = clusterPoints(points, radius);
          expect(clusters.flatMap((cluster) => cluster.items).sort((a, b) => a - b)).toEqual(points.map((p) => p.item));
          for (const cluster of clusters) {
            const first = points[cluster.items[0]!]!;
            for (const item of cluster.items)
              expect((points[item]!.x - first.x) ** 2 + (points[item]!.y - first.y) ** 2).toBeLessThanOrEqual(
                radius ** 2,
              );
          }
        },
      ),
    );
  });
});
