/**
 * Supervision's plain rules (domain/supervision): the SNF housing norm's arithmetic, the warning rules with their
 * thresholds, the life of a warning, and the reconciliation of found causes with existing warnings.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bedroomCapacity,
  normCapacity,
  overcrowding,
  SNF_NORM,
  stricterThanSnf,
  type HousingLayout,
} from '../../extensions/labour-platform/src/domain/supervision/housing-norm';
import {
  brpAddressMismatch,
  DEFAULT_WARNING_THRESHOLDS,
  deliveryOverdue,
  distanceKm,
  nextWarningStatus,
  noFreeBed,
  notRegisteredInTime,
  overcrowdedLocation,
  reconcileWarnings,
  stayAfterDeparture,
  twoOpenStays,
  warningKey,
  WARNING_STATUSES,
  WARNING_TYPES,
  workFarFromHome,
  type WarningCause,
} from '../../extensions/labour-platform/src/domain/supervision/warnings';
import {
  CHECKLIST_LABELS,
  explainDueReason,
  explainWarning,
  INSPECTION_PLAN_TEXT,
  WARNING_TYPE_LABELS,
} from '../../extensions/labour-platform/src/domain/supervision/messages';
import {
  CHECKLIST_ITEMS,
  checklistFor,
  checklistProblems,
  closedFindings,
  dueInspections,
  locationAddress,
  outcomeOf,
  remedyDeadline,
} from '../../extensions/labour-platform/src/domain/supervision/inspections';
import { daysBetween } from '../../extensions/labour-platform/src/domain/dates';

const house = (overrides: Partial<HousingLayout> = {}): HousingLayout => ({
  type: 'dwelling',
  livingAreaM2: 96,
  bedrooms: [
    { areaM2: 7, beds: 2 },
    { areaM2: 10.5, beds: 3 },
    { areaM2: 14, beds: 4 },
  ],
  toilets: 1,
  showers: 1,
  ...overrides,
});

describe('the SNF housing norm', () => {
  it('gives each norm its limit and the lowest as the capacity', () => {
    const capacity = normCapacity(house());
    expect(Object.fromEntries(capacity.limits.map((limit) => [limit.norm, limit.persons]))).toEqual({
      living_space: 8, // 96 / 12
      bedroom_area: 9, // 2 + 3 + 4
      beds: 9,
      toilets: 8,
      showers: 8,
    });
    expect(capacity.persons).toBe(8);
    expect(capacity.binding).toEqual(['living_space', 'toilets', 'showers']);
  });

  it('counts exact multiples of the norm area as whole people (no floating-point loss)', () => {
    expect(bedroomCapacity({ areaM2: 7, beds: 5 }, false)).toBe(2);
    expect(bedroomCapacity({ areaM2: 6.99, beds: 5 }, false)).toBe(1);
    expect(bedroomCapacity({ areaM2: 10.5, beds: 5 }, false)).toBe(3);
    expect(normCapacity(house({ livingAreaM2: 36, toilets: 9, showers: 9 })).persons).toBe(3);
  });

  it('gives lodging 10 m² per person and a dwelling 12', () => {
    const area = { livingAreaM2: 120, toilets: 5, showers: 5, bedrooms: [{ areaM2: 100, beds: 40 }] };
    expect(normCapacity(house({ ...area, type: 'lodging' })).persons).toBe(12);
    expect(normCapacity(house({ ...area, type: 'dwelling' })).persons).toBe(10);
  });

  it('lets existing recreational housing use 2.7 m² a person, at most 2 a bedroom', () => {
    const small = { areaM2: 5.4, beds: 3 };
    expect(bedroomCapacity(small, false)).toBe(1);
    expect(bedroomCapacity(small, true)).toBe(2);
    expect(bedroomCapacity({ areaM2: 8.1, beds: 3 }, true)).toBe(2); // 3 by 2.7 m², capped at 2
    expect(bedroomCapacity({ areaM2: 14, beds: 4 }, true)).toBe(4); // meets 3.5 m² anyway
    const layout = house({ type: 'recreational', temporaryRecreationalException: true, bedrooms: [small] });
    expect(normCapacity(layout).limits.find((limit) => limit.norm === 'bedroom_area')?.persons).toBe(2);
    expect(normCapacity({ ...layout, type: 'dwelling' }).limits.find((l) => l.norm === 'bedroom_area')?.persons).toBe(
      1,
    );
  });

  it('applies a municipal cap when there is one', () => {
    expect(normCapacity(house({ municipalCap: 6 })).persons).toBe(6);
    expect(normCapacity(house({ municipalCap: 6 })).binding).toEqual(['municipal_cap']);
    expect(normCapacity(house({ municipalCap: null })).persons).toBe(8);
  });

  it('treats missing, negative or broken numbers as nothing, never as room', () => {
    const broken = house({ livingAreaM2: Number.NaN, toilets: -1, bedrooms: [{ areaM2: -5, beds: Number.NaN }] });
    expect(normCapacity(broken).persons).toBe(0);
  });

  it('names each exceeded norm and the excess, the declared capacity included', () => {
    expect(overcrowding(house(), 10, 8)).toEqual([]);
    expect(overcrowding(house(), 10, 9)).toEqual([
      { norm: 'living_space', allowed: 8, present: 9, excess: 1 },
      { norm: 'toilets', allowed: 8, present: 9, excess: 1 },
      { norm: 'showers', allowed: 8, present: 9, excess: 1 },
    ]);
    expect(overcrowding(house(), 6, 7)).toEqual([{ norm: 'declared_capacity', allowed: 6, present: 7, excess: 1 }]);
  });

  const layouts = fc.record({
    type: fc.constantFrom('dwelling' as const, 'lodging' as const, 'recreational' as const),
    livingAreaM2: fc.integer({ min: 0, max: 100_000 }).map((cm) => cm / 100),
    bedrooms: fc.array(
      fc.record({
        areaM2: fc.integer({ min: 0, max: 5_000 }).map((cm) => cm / 100),
        beds: fc.integer({ min: 0, max: 12 }),
      }),
      { maxLength: 12 },
    ),
    toilets: fc.integer({ min: 0, max: 10 }),
    showers: fc.integer({ min: 0, max: 10 }),
    temporaryRecreationalException: fc.boolean(),
    municipalCap: fc.option(fc.integer({ min: 0, max: 200 })),
  });

  it('property: at the norm capacity nothing is exceeded, one more exceeds every binding norm', () => {
    fc.assert(
      fc.property(layouts, (layout) => {
        const { persons, binding } = normCapacity(layout);
        expect(overcrowding(layout, null, persons)).toEqual([]);
        const over = overcrowding(layout, null, persons + 1).map((item) => item.norm);
        for (const norm of binding) expect(over).toContain(norm);
      }),
    );
  });

  it('property: each person at capacity has the living space and bedroom area the norm asks', () => {
    fc.assert(
      fc.property(layouts, (layout) => {
        const { persons } = normCapacity(layout);
        const perPerson = layout.type === 'lodging' ? 10 : 12;
        expect(persons * perPerson).toBeLessThanOrEqual(layout.livingAreaM2 + 1e-9);
        const bedroomPlaces = layout.bedrooms.reduce((sum, room) => sum + Math.min(room.beds, room.areaM2 / 2.7), 0);
        expect(persons).toBeLessThanOrEqual(Math.floor(bedroomPlaces + 1e-9));
        expect(persons).toBeLessThanOrEqual(Math.min(layout.toilets, layout.showers) * 8);
      }),
    );
  });

  it('property: more room never lowers the capacity', () => {
    fc.assert(
      fc.property(layouts, fc.integer({ min: 0, max: 5_000 }), (layout, extraCm) => {
        const bigger = { ...layout, livingAreaM2: layout.livingAreaM2 + extraCm / 100 };
        expect(normCapacity(bigger).persons).toBeGreaterThanOrEqual(normCapacity(layout).persons);
      }),
    );
  });

  it('accepts a stricter municipal norm and refuses a laxer one', () => {
    expect(stricterThanSnf(SNF_NORM)).toBe(true);
    expect(stricterThanSnf({ ...SNF_NORM, livingM2PerPersonDwelling: 14 })).toBe(true);
    expect(stricterThanSnf({ ...SNF_NORM, livingM2PerPersonDwelling: 11 })).toBe(false);
    expect(stricterThanSnf({ ...SNF_NORM, personsPerToilet: 10 })).toBe(false);
  });
});

describe('warning rules', () => {
  const long = {
    migrant: 'm1',
    arrivalDate: '2026-03-02',
    expectedDepartureDate: '2026-12-31',
    departureDate: null,
    brpStatus: 'niet_ingeschreven' as const,
    today: '2026-03-07',
  };

  it('not registered in time: only after the 5 days, only for a long stay, only while unregistered', () => {
    expect(notRegisteredInTime(long)).toBeNull(); // day 5
    expect(notRegisteredInTime({ ...long, today: '2026-03-08' })).toEqual({
      type: 'not_registered_in_time',
      subject: 'm1',
      details: { deadline: '2026-03-07', days_late: 1 },
    });
    expect(notRegisteredInTime({ ...long, today: '2026-03-20', expectedDepartureDate: '2026-05-01' })).toBeNull();
    expect(notRegisteredInTime({ ...long, today: '2026-03-20', brpStatus: 'ingeschreven' })).toBeNull();
    expect(notRegisteredInTime({ ...long, today: '2026-03-20', brpStatus: 'vertrokken' })).toBeNull();
    expect(notRegisteredInTime({ ...long, today: '2026-03-20', departureDate: '2026-03-15' })).toBeNull();
    expect(notRegisteredInTime({ ...long, today: '2026-03-20', arrivalDate: null })).toBeNull();
    expect(notRegisteredInTime({ ...long, today: '2026-03-20', expectedDepartureDate: null })?.type).toBe(
      'not_registered_in_time',
    );
  });

  it('not registered in time: the threshold is the administrator’s', () => {
    const thresholds = { ...DEFAULT_WARNING_THRESHOLDS, registrationDays: 10 };
    expect(notRegisteredInTime({ ...long, today: '2026-03-12' }, thresholds)).toBeNull();
    expect(notRegisteredInTime({ ...long, today: '2026-03-13' }, thresholds)?.details.days_late).toBe(1);
  });

  it('stays: two open at once; one running past the departure', () => {
    const stays = [
      { id: 's1', location: 'l1', startDate: '2026-01-01', endDate: '2026-02-01' },
      { id: 's2', location: 'l2', startDate: '2026-02-01', endDate: null },
    ];
    expect(twoOpenStays('m1', stays, '2026-01-15')).toBeNull();
    expect(twoOpenStays('m1', stays, '2026-02-01')?.details).toEqual({ open_stays: 2 });
    expect(twoOpenStays('m1', stays, '2026-02-02')).toBeNull();
    expect(stayAfterDeparture('m1', null, stays)).toBeNull();
    expect(stayAfterDeparture('m1', '2026-03-01', stays)?.details).toEqual({ stays: 1, departure: '2026-03-01' });
    expect(stayAfterDeparture('m1', '2026-03-01', [stays[0]!])).toBeNull();
  });

  it('locations: no free bed against the declared capacity; overcrowding against the norm', () => {
    expect(noFreeBed('l1', 10, 10)).toBeNull();
    expect(noFreeBed('l1', 10, 12)?.details).toEqual({ capacity: 10, occupancy: 12, excess: 2 });
    expect(noFreeBed('l1', null, 12)).toBeNull();
    expect(overcrowdedLocation('l1', house(), 8)).toBeNull();
    expect(overcrowdedLocation('l1', null, 80)).toBeNull();
    expect(overcrowdedLocation('l1', house({ showers: 2, toilets: 2 }), 10)?.details).toEqual({
      norms: 'living_space,bedroom_area,beds',
      worst_norm: 'living_space',
      allowed: 8,
      occupancy: 10,
      excess: 2,
    });
  });

  it('work far from home by great-circle distance', () => {
    const naaldwijk = { latitude: 51.9935, longitude: 4.2094 };
    const venlo = { latitude: 51.3704, longitude: 6.1724 };
    expect(distanceKm(naaldwijk, venlo)).toBeGreaterThan(140);
    expect(distanceKm(naaldwijk, venlo)).toBeLessThan(160);
    expect(distanceKm(naaldwijk, naaldwijk)).toBe(0);
    expect(workFarFromHome('m1', naaldwijk, venlo)?.details.threshold_km).toBe(50);
    expect(workFarFromHome('m1', naaldwijk, venlo, { ...DEFAULT_WARNING_THRESHOLDS, workDistanceKm: 200 })).toBeNull();
    expect(workFarFromHome('m1', null, venlo)).toBeNull();
  });

  it('BRP address: another municipality or another address', () => {
    const same = { platformMunicipality: '1783', brpMunicipality: '1783', addressMatches: true };
    expect(brpAddressMismatch('m1', same)).toBeNull();
    expect(brpAddressMismatch('m1', { ...same, brpMunicipality: '0599' })?.details).toEqual({
      mismatch: 'municipality',
    });
    expect(brpAddressMismatch('m1', { ...same, addressMatches: false })?.details).toEqual({ mismatch: 'address' });
    expect(brpAddressMismatch('m1', { ...same, addressMatches: null })).toBeNull();
    expect(brpAddressMismatch('m1', { ...same, brpMunicipality: null })).toBeNull();
  });

  it('a provider’s list overdue after its interval plus the grace days', () => {
    expect(deliveryOverdue('p1', 'weekly', '2026-03-01', '2026-03-10')).toBeNull();
    expect(deliveryOverdue('p1', 'weekly', '2026-03-01', '2026-03-11')?.details).toEqual({
      last_delivery: '2026-03-01',
      days_late: 1,
    });
    expect(deliveryOverdue('p1', 'monthly', '2026-03-01', '2026-04-03')).toBeNull();
    expect(deliveryOverdue('p1', null, '2026-03-01', '2027-01-01')).toBeNull();
  });
});

describe('the life of a warning', () => {
  it('open → acknowledged → resolved; a resolved one reopens; nothing else', () => {
    expect(nextWarningStatus('open', 'acknowledge')).toBe('acknowledged');
    expect(nextWarningStatus('acknowledged', 'resolve')).toBe('resolved');
    expect(nextWarningStatus('open', 'resolve')).toBe('resolved');
    expect(nextWarningStatus('resolved', 'reopen')).toBe('open');
    expect(nextWarningStatus('resolved', 'acknowledge')).toBeNull();
    expect(nextWarningStatus('acknowledged', 'acknowledge')).toBeNull();
  });

  const cause = (type: (typeof WARNING_TYPES)[number], subject: string): WarningCause => ({
    type,
    subject,
    details: {},
  });

  it('opens what is new, keeps what persists, resolves what is gone', () => {
    const existing = [
      { id: 'w1', key: warningKey(cause('no_free_bed', 'l1')), status: 'open' as const },
      { id: 'w2', key: warningKey(cause('two_open_stays', 'm1')), status: 'acknowledged' as const },
      { id: 'w3', key: warningKey(cause('overcrowded', 'l2')), status: 'resolved' as const },
    ];
    const result = reconcileWarnings(existing, [cause('no_free_bed', 'l1'), cause('overcrowded', 'l2')]);
    expect(result.open.map(warningKey)).toEqual(['overcrowded:location:l2']);
    expect(result.keep.map((item) => item.warning.id)).toEqual(['w1']);
    expect(result.resolve.map((warning) => warning.id)).toEqual(['w2']);
  });

  it('property: reconciling twice opens nothing the second time (notified once)', () => {
    const causes = fc.array(
      fc.record({
        type: fc.constantFrom(...WARNING_TYPES),
        subject: fc.constantFrom('a', 'b', 'c'),
        details: fc.constant({}),
      }),
    );
    fc.assert(
      fc.property(causes, causes, (before, now) => {
        const first = reconcileWarnings([], before);
        const stored = first.open.map((item, index) => ({
          id: `w${index}`,
          key: warningKey(item),
          status: 'open' as const,
        }));
        const second = reconcileWarnings(stored, before);
        expect(second.open).toEqual([]);
        expect(second.resolve).toEqual([]);
        const third = reconcileWarnings(stored, now);
        const nowKeys = new Set(now.map(warningKey));
        for (const warning of third.resolve) expect(nowKeys.has(warning.key)).toBe(false);
        for (const opened of third.open)
          expect(stored.some((warning) => warning.key === warningKey(opened))).toBe(false);
        expect(third.keep.length + third.resolve.length).toBe(stored.length);
      }),
    );
  });

  it('every type and status has a label and an explanation in Dutch and English without unfilled figures', () => {
    expect(Object.keys(WARNING_TYPE_LABELS).sort()).toEqual([...WARNING_TYPES].sort());
    expect(WARNING_STATUSES.length).toBe(3);
    const overcrowded = overcrowdedLocation('l1', house(), 10)!;
    for (const language of ['nl', 'en'] as const) {
      expect(explainWarning(overcrowded, language)).not.toContain('?');
      expect(explainWarning(notRegisteredInTime({ ...long(), today: '2026-03-10' })!, language)).toMatch(/3/);
    }
    expect(explainWarning(overcrowded, 'nl')).toContain('woonoppervlak per persoon');
  });
  const long = () => ({
    migrant: 'm1',
    arrivalDate: '2026-03-02',
    expectedDepartureDate: '2026-12-31',
    departureDate: null,
    brpStatus: 'niet_ingeschreven' as const,
    today: '2026-03-07',
  });

  it('days between two dates, across a DST change and a leap day', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-03-30', '2026-03-28')).toBe(-2);
  });
});

describe('inspections', () => {
  const layout: HousingLayout = {
    type: 'dwelling',
    livingAreaM2: 48,
    bedrooms: [{ areaM2: 14, beds: 4 }],
    toilets: 1,
    showers: 1,
  };

  it('lists the due locations, open warnings first, then never inspected, then the longest ago', () => {
    const due = dueInspections(
      [
        { location: 'fresh', lastInspection: '2026-06-01', openWarnings: 0 },
        { location: 'old', lastInspection: '2025-01-01', openWarnings: 0 },
        { location: 'older', lastInspection: '2024-05-01', openWarnings: 0 },
        { location: 'new', lastInspection: null, openWarnings: 0 },
        { location: 'warned', lastInspection: '2026-06-01', openWarnings: 2 },
      ],
      '2026-11-26',
    );
    expect(due.map((d) => d.location)).toEqual(['warned', 'new', 'older', 'old']);
    expect(due[0]!.reasons).toEqual(['open_warnings']);
    expect(due[1]!.reasons).toEqual(['never_inspected']);
    expect(dueInspections([{ location: 'x', lastInspection: '2025-11-26', openWarnings: 0 }], '2026-11-26')).toEqual(
      [],
    );
    expect(
      dueInspections([{ location: 'x', lastInspection: '2025-11-25', openWarnings: 0 }], '2026-11-26'),
    ).toHaveLength(1);
  });

  it('says why a location is due as a sentence in the reader’s language, never a code', () => {
    const never = { lastInspection: null, openWarnings: 0 };
    expect(explainDueReason('never_inspected', never, 'nl')).toBe('Deze locatie is nog nooit geïnspecteerd.');
    expect(explainDueReason('never_inspected', never, 'en')).toBe('This location has never been inspected.');
    const old = { lastInspection: '3 mrt 2025', openWarnings: 0 };
    expect(explainDueReason('over_a_year', old, 'nl')).toBe(
      'De laatste inspectie, op 3 mrt 2025, is meer dan een jaar geleden.',
    );
    expect(explainDueReason('over_a_year', { ...old, lastInspection: '3 Mar 2025' }, 'en')).toBe(
      'The last inspection, on 3 Mar 2025, was over a year ago.',
    );
    expect(explainDueReason('open_warnings', { lastInspection: null, openWarnings: 1 }, 'nl')).toMatch(
      /^Er staat 1 signaal over de bezetting open/,
    );
    expect(explainDueReason('open_warnings', { lastInspection: null, openWarnings: 3 }, 'en')).toMatch(
      /^There are 3 open warnings about occupancy/,
    );
    for (const language of ['nl', 'en'] as const)
      for (const reason of ['never_inspected', 'over_a_year', 'open_warnings'] as const)
        expect(explainDueReason(reason, { lastInspection: null, openWarnings: 2 }, language)).not.toMatch(/_/);
    expect(INSPECTION_PLAN_TEXT.nl.count(1)).toBe('1 locatie te inspecteren');
    expect(INSPECTION_PLAN_TEXT.en.count(4)).toBe('4 locations to inspect');
  });

  it('writes a location’s address from what is recorded', () => {
    const parts = { street: 'Keuringslaan', houseNumber: '5', addition: null, postcode: '1761 AF' };
    expect(locationAddress(parts)).toBe('Keuringslaan 5, 1761 AF');
    expect(locationAddress({ ...parts, addition: 'a' })).toBe('Keuringslaan 5a, 1761 AF');
    expect(locationAddress({ ...parts, postcode: '1761AF' })).toBe('Keuringslaan 5, 1761 AF');
    expect(locationAddress({ ...parts, addition: '2' })).toBe('Keuringslaan 5-2, 1761 AF');
    expect(locationAddress({ ...parts, postcode: null })).toBe('Keuringslaan 5');
    expect(locationAddress({ street: null, houseNumber: null, addition: null, postcode: null })).toBeNull();
  });

  it('derives the checklist from the norm and the recorded layout', () => {
    const lines = checklistFor(layout);
    expect(lines.map((line) => line.item)).toEqual([...CHECKLIST_ITEMS]);
    expect(Object.fromEntries(lines.map((line) => [line.item, line.allows]))).toMatchObject({
      occupancy_within_norm: 4,
      living_space: 4,
      bedroom_area: 4,
      bed_per_resident: 4,
      toilets: 8,
      wardrobe_per_resident: null,
    });
    expect(checklistFor(null).every((line) => line.allows === null)).toBe(true);
    for (const item of CHECKLIST_ITEMS) expect(CHECKLIST_LABELS[item].nl.length).toBeGreaterThan(0);
  });

  const allMet = CHECKLIST_ITEMS.map((item) => ({ item, met: true }));

  it('an outcome that follows from the findings, and the provider’s deadline', () => {
    expect(outcomeOf({ results: allMet, bedsCounted: 4, normCapacity: 4 })).toBe('in_order');
    expect(outcomeOf({ results: allMet, bedsCounted: 5, normCapacity: 4 })).toBe('overcrowded');
    const wardrobe = allMet.map((r) => (r.item === 'wardrobe_per_resident' ? { ...r, met: false } : r));
    expect(outcomeOf({ results: wardrobe, bedsCounted: 3, normCapacity: 4 })).toBe('deficiencies');
    const crowded = allMet.map((r) => (r.item === 'occupancy_within_norm' ? { ...r, met: false } : r));
    expect(outcomeOf({ results: crowded, bedsCounted: null, normCapacity: null })).toBe('overcrowded');
    expect(remedyDeadline('in_order', '2026-11-26')).toBeNull();
    expect(remedyDeadline('deficiencies', '2026-11-26')).toBe('2026-12-24');
    expect(remedyDeadline('overcrowded', '2026-11-26')).toBe('2026-12-03');
  });

  it('wants every item answered once', () => {
    expect(checklistProblems(allMet)).toEqual([]);
    expect(checklistProblems(allMet.slice(1))).toEqual(['incomplete_checklist']);
    expect(checklistProblems([...allMet, allMet[0]!])).toEqual(['duplicate_item']);
    expect(checklistProblems([...allMet, { item: 'fire' as never, met: true }])).toEqual(['unknown_item']);
  });

  it('a re-inspection closes the findings it finds met', () => {
    const open = [
      { id: 'f1', item: 'wardrobe_per_resident' as const },
      { id: 'f2', item: 'showers' as const },
    ];
    const again = allMet.map((r) => (r.item === 'showers' ? { ...r, met: false } : r));
    expect(closedFindings(open, again)).toEqual(['f1']);
  });

  it('property: the outcome is in order exactly when every item is met and nobody is over the norm', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: CHECKLIST_ITEMS.length, maxLength: CHECKLIST_ITEMS.length }),
        fc.option(fc.integer({ min: 0, max: 30 })),
        fc.option(fc.integer({ min: 0, max: 30 })),
        (mets, counted, norm) => {
          const results = CHECKLIST_ITEMS.map((item, index) => ({ item, met: mets[index]! }));
          const outcome = outcomeOf({ results, bedsCounted: counted, normCapacity: norm });
          const over = counted !== null && norm !== null && counted > norm;
          expect(outcome === 'in_order').toBe(mets.every(Boolean) && !over);
          expect(remedyDeadline(outcome, '2026-01-01') === null).toBe(outcome === 'in_order');
        },
      ),
    );
  });
});
