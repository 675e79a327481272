/**
 * The figure definitions (domain/insight/figures.ts) over plain rows: periods, who counts where, and that every
 * figure leaves only protected numbers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ageBand,
  figure,
  FIGURE_NAMES,
  FIGURES,
  isoWeek,
  lengthBand,
  monthsBefore,
  TOTAL,
  weeksFrom,
  weeksBefore,
  type FigureRow,
  type InsightInput,
  type InsightPerson,
} from '../../extensions/labour-platform/src/domain/insight';

const DATE = '2026-06-15';

function person(overrides: Partial<InsightPerson> & Pick<InsightPerson, 'stays'>): InsightPerson {
  return {
    nationality: 'PL',
    birthYear: 1990,
    brpStatus: 'ingeschreven',
    mustRegister: true,
    registeredOn: null,
    ...overrides,
  };
}

function many(n: number, make: (i: number) => InsightPerson): InsightPerson[] {
  return Array.from({ length: n }, (_, i) => make(i));
}

const locations = [
  { id: 'loc-a', name: 'Aalsmeer Hof', capacity: 30 },
  { id: 'loc-b', name: 'Bollenhof', capacity: 8 },
  { id: 'loc-c', name: 'Callantsoog', capacity: 12 },
];

function rowsBy(rows: FigureRow[], key: string): Record<string, FigureRow> {
  return Object.fromEntries(rows.map((row) => [String(row[key]), row]));
}

describe('periods', () => {
  it('ISO weeks, 24 months, 104 weeks, 6 weeks ahead', () => {
    expect(isoWeek('2026-01-01')).toBe('2026-W01');
    expect(isoWeek('2021-01-03')).toBe('2020-W53');
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
    expect(monthsBefore(DATE)).toHaveLength(24);
    expect(monthsBefore(DATE)[0]).toBe('2024-06');
    expect(monthsBefore(DATE)[23]).toBe('2026-05');
    expect(monthsBefore('2026-06-01')).toEqual(monthsBefore('2026-06-30'));
    const weeks = weeksBefore(DATE);
    expect(weeks).toHaveLength(104);
    expect(new Set(weeks).size).toBe(104);
    expect(weeks[103]).toBe('2026-W24');
    expect(weeks).not.toContain(isoWeek(DATE));
    expect(weeksFrom(DATE)).toEqual(['2026-W25', '2026-W26', '2026-W27', '2026-W28', '2026-W29', '2026-W30']);
  });

  it('age bands and length bands', () => {
    expect(ageBand(null, DATE)).toBe('unknown');
    expect(ageBand(2010, DATE)).toBe('<20');
    expect(ageBand(2006, DATE)).toBe('20-29');
    expect(ageBand(1990, DATE)).toBe('30-39');
    expect(ageBand(1960, DATE)).toBe('60+');
    expect(lengthBand('2026-01-10', '2026-02-09')).toBe('<1m');
    expect(lengthBand('2026-01-10', '2026-02-10')).toBe('1-3m');
    expect(lengthBand('2026-01-10', '2026-07-10')).toBe('6-12m');
    expect(lengthBand('2025-01-10', '2026-01-10')).toBe('12m+');
  });
});

describe('people present on a date', () => {
  // 23 at A (20 registered, 3 not), 6 at B; 2 who left before the date; 1 at a location of another municipality;
  // 4 erased people (one interval each) at A
  const people: InsightPerson[] = [
    ...many(20, () => person({ stays: [{ location: 'loc-a', start: '2026-01-01', end: null }] })),
    ...many(3, () =>
      person({
        brpStatus: 'niet_ingeschreven',
        nationality: 'RO',
        stays: [{ location: 'loc-a', start: '2026-06-01', end: null }],
      }),
    ),
    ...many(6, (i) =>
      person({
        birthYear: 2001,
        brpStatus: i < 2 ? 'niet_ingeschreven' : 'ingeschreven',
        stays: [{ location: 'loc-b', start: '2026-03-01', end: '2026-06-15' }],
      }),
    ),
    ...many(13, (i) =>
      person({
        brpStatus: i ? 'ingeschreven' : 'geen',
        stays: [{ location: 'loc-c', start: '2026-03-01', end: null }],
      }),
    ),
    ...many(2, () => person({ stays: [{ location: 'loc-b', start: '2026-03-01', end: '2026-06-14' }] })),
    person({ stays: [{ location: 'elsewhere', start: '2026-01-01', end: null }] }),
    ...many(4, () =>
      person({
        brpStatus: 'uitgeschreven',
        mustRegister: null,
        stays: [{ location: 'loc-a', start: '2025-01-01', end: '2026-12-31' }],
      }),
    ),
  ];
  const input: InsightInput = { locations, people, appointments: [] };

  it('per location: the row totals of the status table, protected and rounded', () => {
    const published = rowsBy(figure('present-by-location', input, DATE).rows, 'location');
    expect(published['loc-a']).toMatchObject({ location_name: 'Aalsmeer Hof', value: 25, suppressed: false }); // 27
    expect(published['loc-b']).toMatchObject({ value: 5, suppressed: false }); // 6: present on its last night
    expect(published['loc-c']).toMatchObject({ value: 15, suppressed: false }); // 13
    expect(published[TOTAL]).toMatchObject({ value: 45, suppressed: false }); // 46
  });

  it('the status table hides small cells and enough others', () => {
    const rows = figure('brp-status-by-location', input, DATE).rows;
    const at = (location: string, status: string) =>
      rows.find((row) => row['location'] === location && row['brp_status'] === status)!;
    expect(at('loc-a', 'ingeschreven')).toMatchObject({ value: 20, suppressed: false });
    expect(at('loc-a', 'niet_ingeschreven')).toMatchObject({ value: null, suppressed: true });
    expect(at('loc-a', 'uitgeschreven')).toMatchObject({ value: null, suppressed: true });
    expect(at('loc-a', 'geen')).toMatchObject({ value: 0, suppressed: false });
    // 12 registered and 1 not at C: the 12 would give the 1 away through C's total, so both are hidden
    expect(at('loc-c', 'geen')).toMatchObject({ value: null, suppressed: true });
    expect(at('loc-c', 'ingeschreven')).toMatchObject({ value: null, suppressed: true });
    // the same row totals as present-by-location
    const present = rowsBy(figure('present-by-location', input, DATE).rows, 'location');
    expect(at('loc-a', TOTAL)).toMatchObject({
      value: present['loc-a']!.value,
      suppressed: present['loc-a']!.suppressed,
    });
  });

  it('occupancy: capacity exact, occupancy as published, the state only from a shown number', () => {
    const rows = rowsBy(figure('occupancy', input, DATE).rows, 'location');
    expect(rows['loc-a']).toMatchObject({ capacity: 30, value: 25, state: 'free' });
    expect(rows['loc-b']).toMatchObject({ capacity: 8, value: 5, state: 'free' }); // 3 to 7 of 8
    expect(rows['loc-c']).toMatchObject({ capacity: 12, value: 15, state: 'over' }); // 13 to 17 of 12
    expect(rows[TOTAL]).toMatchObject({ capacity: 50, value: 45, state: 'free' });
  });

  it('per nationality and per age band', () => {
    const nationality = rowsBy(figure('present-by-nationality', input, DATE).rows, 'nationality');
    expect(nationality['PL']).toMatchObject({ value: null, suppressed: true }); // secondary: RO is 3
    expect(nationality['RO']).toMatchObject({ value: null, suppressed: true });
    expect(nationality[TOTAL]).toMatchObject({ value: 45 });
    const age = rowsBy(figure('present-by-age-band', input, DATE).rows, 'age_band');
    expect(age['20-29']).toMatchObject({ value: 5, suppressed: false });
    expect(age['30-39']).toMatchObject({ value: 40, suppressed: false });
    expect(age['unknown']).toMatchObject({ value: 0, suppressed: false });
  });
});

describe('trends, length of stay, registrations', () => {
  const people: InsightPerson[] = [
    // 12 arrive in March and leave in May (moved within the municipality once)
    ...many(12, (i) =>
      person({
        registeredOn: i < 9 ? '2026-03-04' : '2026-03-20',
        stays: [
          { location: 'loc-a', start: '2026-03-02', end: '2026-04-01' },
          { location: 'loc-b', start: '2026-04-02', end: '2026-05-20' },
        ],
      }),
    ),
    // 3 arrive in June, still there
    ...many(3, () => person({ stays: [{ location: 'loc-a', start: '2026-06-03', end: null }] })),
  ];
  const input: InsightInput = {
    locations,
    people,
    appointments: ['2026-06-16', '2026-06-17', '2026-07-01', '2026-05-01'],
  };

  it('arrivals and departures per complete month, over their episode in the municipality, without a total', () => {
    const arrivals = rowsBy(figure('arrivals-by-month', input, DATE).rows, 'month');
    expect(arrivals['2026-03']).toMatchObject({ value: 10, suppressed: false }); // 12
    expect(arrivals['2026-06']).toBeUndefined(); // the month of the date is not complete
    expect(arrivals['2026-04']).toMatchObject({ value: 0 }); // a move is no arrival
    expect(arrivals[TOTAL]).toBeUndefined();
    const july = rowsBy(figure('arrivals-by-month', input, '2026-07-01').rows, 'month');
    expect(july['2026-06']).toMatchObject({ value: null, suppressed: true }); // 3: no total, no partner needed
    expect(july['2026-03']).toMatchObject({ value: 10, suppressed: false });
    const departures = rowsBy(figure('departures-by-month', input, DATE).rows, 'month');
    expect(departures['2026-05']).toMatchObject({ value: 10, suppressed: false });
    expect(departures['2026-04']).toMatchObject({ value: 0 });
    expect(figure('arrivals-by-week', input, DATE).rows).toHaveLength(104);
  });

  it('length of stay: bands, and the median from 10 people', () => {
    const published = figure('length-of-stay', input, DATE);
    expect(rowsBy(published.rows, 'length_band')['1-3m']).toMatchObject({ value: 10, suppressed: false });
    expect(published.median_days).toBe(79);
    const fewer = figure('length-of-stay', { ...input, people: people.slice(3) }, DATE);
    expect(fewer.median_days).toBeNull();
  });

  it('planned registrations in the coming 6 weeks', () => {
    const rows = rowsBy(figure('planned-registrations', input, DATE).rows, 'week');
    expect(Object.keys(rows)).toHaveLength(7);
    expect(rows['2026-W25']).toMatchObject({ value: null, suppressed: true });
    expect(rows[TOTAL]).toMatchObject({ value: null, suppressed: true }); // 3 in all
  });

  it('the share registered within 5 days, only over 10 people or more', () => {
    const rows = rowsBy(figure('registered-within-5-days', input, DATE).rows, 'location');
    expect(rows['loc-a']).toMatchObject({ value: 15, share_percent: 60 }); // 9 of 15
    expect(rows['loc-b']).toMatchObject({ value: 0, share_percent: null });
    expect(rows[TOTAL]).toMatchObject({ value: 15, share_percent: 60 });
  });
});

describe('every figure, for random people', () => {
  const stay = fc
    .record({
      location: fc.constantFrom('loc-a', 'loc-b', 'elsewhere'),
      start: fc.integer({ min: 0, max: 900 }),
      length: fc.option(fc.integer({ min: 0, max: 400 })),
    })
    .map(({ location, start, length }) => {
      const from = new Date(Date.UTC(2024, 0, 1) + start * 86_400_000).toISOString().slice(0, 10);
      const to =
        length === null
          ? null
          : new Date(Date.UTC(2024, 0, 1) + (start + length) * 86_400_000).toISOString().slice(0, 10);
      return { location, start: from, end: to };
    });
  const someone = fc.record({
    nationality: fc.option(fc.constantFrom('PL', 'RO', 'BG', 'LT')),
    birthYear: fc.option(fc.integer({ min: 1950, max: 2008 })),
    brpStatus: fc.option(fc.constantFrom('geen', 'ingeschreven', 'niet_ingeschreven', 'vertrokken')),
    stays: fc.array(stay, { minLength: 0, maxLength: 3 }),
    mustRegister: fc.option(fc.boolean()),
    registeredOn: fc.option(fc.constantFrom('2025-03-01', '2026-01-10')),
  });

  it('publish only hidden cells or multiples of 5, and the figures of one date share their total', () => {
    fc.assert(
      fc.property(fc.array(someone, { maxLength: 60 }), (people) => {
        const input: InsightInput = { locations, people, appointments: [] };
        for (const name of FIGURE_NAMES) {
          const published = figure(name, input, DATE);
          expect(published.dimensions).toEqual(FIGURES[name].dimensions);
          for (const row of published.rows) {
            if (row.suppressed) expect(row.value).toBeNull();
            else expect(row.value! % 5).toBe(0);
          }
        }
        const total = (name: (typeof FIGURE_NAMES)[number]) =>
          figure(name, input, DATE).rows.find((row) =>
            Object.entries(row).every(
              ([k, v]) =>
                !['location', 'nationality', 'age_band', 'brp_status'].includes(k) ||
                v === TOTAL ||
                k === 'location_name',
            ),
          )!;
        const present = total('present-by-location');
        for (const name of [
          'present-by-nationality',
          'present-by-age-band',
          'occupancy',
          'brp-status-by-location',
        ] as const)
          expect({ value: total(name).value, suppressed: total(name).suppressed }).toEqual({
            value: present.value,
            suppressed: present.suppressed,
          });
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
