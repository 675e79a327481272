import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths } from '../../extensions/labour-platform/src/domain/dates';
import {
  anonymousPerson,
  destructionReportCsv,
  destructionReportHtml,
  erasureDecision,
  figures,
  isDue,
  isValidRetentionSetting,
  LEGAL_MAXIMUM_MONTHS,
  retentionMonths,
  type CountedPerson,
  type RetentionFacts,
} from '../../extensions/labour-platform/src/domain/retention';

const base: RetentionFacts = {
  brpStatus: 'vertrokken',
  stays: [],
  departureDate: null,
  deregisteredOn: null,
  legalHold: null,
};
const TODAY = '2026-06-01';

describe('the retention rule', () => {
  it('erases a year after the end of the last stay', () => {
    const decision = erasureDecision(
      {
        ...base,
        stays: [
          { start: '2024-01-01', end: '2024-05-01' },
          { start: '2024-05-01', end: '2025-02-10' },
        ],
      },
      12,
      TODAY,
    );
    expect(decision).toEqual({ kind: 'date', date: '2026-02-10', from: '2025-02-10', basis: 'stay_ended', months: 12 });
    expect(isDue(decision, TODAY)).toBe(true);
  });

  it('erases a year after deregistration when that is later', () => {
    const decision = erasureDecision(
      {
        ...base,
        brpStatus: 'uitgeschreven',
        stays: [{ start: '2024-01-01', end: '2025-02-10' }],
        deregisteredOn: '2025-03-01T10:00:00Z',
      },
      12,
      TODAY,
    );
    expect(decision).toMatchObject({ kind: 'date', date: '2026-03-01', basis: 'deregistered' });
  });

  it('keeps the data while a stay runs, while registered, and under a legal hold', () => {
    expect(erasureDecision({ ...base, stays: [{ start: '2024-01-01', end: null }] }, 12, TODAY)).toEqual({
      kind: 'needed',
    });
    expect(erasureDecision({ ...base, stays: [{ start: '2024-01-01', end: '2026-07-01' }] }, 12, TODAY)).toEqual({
      kind: 'needed',
    });
    expect(
      erasureDecision(
        { ...base, brpStatus: 'ingeschreven', stays: [{ start: '2020-01-01', end: '2021-01-01' }] },
        12,
        TODAY,
      ),
    ).toEqual({ kind: 'needed' });
    expect(
      erasureDecision(
        { ...base, stays: [{ start: '2020-01-01', end: '2021-01-01' }], legalHold: 'Rechtszaak 2026-17' },
        12,
        TODAY,
      ),
    ).toEqual({ kind: 'held', reason: 'Rechtszaak 2026-17' });
    expect(erasureDecision({ ...base }, 12, TODAY)).toEqual({ kind: 'needed' });
  });

  it('never keeps longer than the law allows, whatever the setting', () => {
    expect(retentionMonths(36)).toBe(LEGAL_MAXIMUM_MONTHS);
    expect(retentionMonths(0)).toBe(1);
    expect(retentionMonths('6')).toBe(LEGAL_MAXIMUM_MONTHS);
    expect(retentionMonths(6)).toBe(6);
    expect(isValidRetentionSetting(13)).toBe(false);
    expect(isValidRetentionSetting(6)).toBe(true);
    expect(isValidRetentionSetting(null)).toBe(true);
  });

  const dateArb = fc.integer({ min: -1500, max: 1500 }).map((offset) => addDays('2025-01-01', offset));
  const factsArb: fc.Arbitrary<RetentionFacts> = fc.record({
    brpStatus: fc.constantFrom(
      'geen',
      'niet_ingeschreven',
      'ingeschreven',
      'vertrek_gemeld',
      'uitgeschreven',
      'vertrokken',
      null,
    ),
    stays: fc.array(fc.record({ start: dateArb, end: fc.option(dateArb, { nil: null }) }), { maxLength: 4 }),
    departureDate: fc.option(dateArb, { nil: null }),
    deregisteredOn: fc.option(dateArb, { nil: null }),
    legalHold: fc.option(fc.constantFrom('', ' ', 'onderzoek'), { nil: null }),
  });

  it('property: the date is never later than the legal maximum after the latest end, and never before it', () => {
    fc.assert(
      fc.property(factsArb, fc.integer({ min: -5, max: 60 }), dateArb, (facts, months, today) => {
        const decision = erasureDecision(facts, months, today);
        if (decision.kind !== 'date') return;
        const ends = [...facts.stays.map((s) => s.end!), facts.departureDate, facts.deregisteredOn].filter(
          (d): d is string => !!d,
        );
        const latest = ends.reduce((a, b) => (a > b ? a : b));
        expect(decision.from).toBe(latest);
        expect(decision.date <= addMonths(latest, LEGAL_MAXIMUM_MONTHS)).toBe(true);
        expect(decision.date > latest).toBe(true);
      }),
    );
  });

  it('property: a hold or a running stay is never due; due stays due as days pass', () => {
    fc.assert(
      fc.property(factsArb, dateArb, fc.integer({ min: 0, max: 400 }), (facts, today, later) => {
        const decision = erasureDecision(facts, 12, today);
        if (facts.legalHold?.trim()) expect(decision.kind).toBe('held');
        if (facts.stays.some((s) => s.end === null)) expect(isDue(decision, today)).toBe(false);
        if (isDue(decision, today))
          expect(isDue(erasureDecision(facts, 12, addDays(today, later)), addDays(today, later))).toBe(true);
      }),
    );
  });
});

describe('anonymous figures', () => {
  const personArb: fc.Arbitrary<CountedPerson> = fc.record({
    municipality: fc.constantFrom('a', 'b', null),
    location: fc.constantFrom('l1', 'l2', null),
    nationality: fc.constantFrom('PL', 'RO', null),
    birthYear: fc.option(fc.integer({ min: 1950, max: 2008 }), { nil: null }),
    arrival: fc.option(fc.constantFrom('2025-01-03', '2025-02-10'), { nil: null }),
    departure: fc.option(fc.constantFrom('2025-06-01', '2025-09-30'), { nil: null }),
    brpOutcome: fc.constantFrom('uitgeschreven', 'vertrokken', null),
  });

  it('property: the figures do not depend on order or on which part is kept anonymously', () => {
    fc.assert(
      fc.property(fc.array(personArb, { maxLength: 30 }), fc.nat(), (people, split) => {
        const cut = people.length ? split % (people.length + 1) : 0;
        const erased = people.slice(0, cut).map((p) => ({ ...p }));
        expect(figures([...people.slice(cut), ...erased])).toEqual(figures(people));
        expect(JSON.stringify(figures([...people].reverse()))).toBe(JSON.stringify(figures(people)));
      }),
    );
  });

  it('reads arrival and departure from the stays when the migrant has none', () => {
    expect(
      anonymousPerson({
        municipality: 'm',
        location: 'l',
        nationality: 'PL',
        birthYear: 1990,
        arrivalDate: null,
        departureDate: null,
        brpStatus: 'vertrokken',
        stays: [
          { start: '2025-01-02', end: '2025-03-01' },
          { start: '2025-03-01', end: '2025-05-01' },
        ],
      }),
    ).toEqual({
      municipality: 'm',
      location: 'l',
      nationality: 'PL',
      birthYear: 1990,
      arrival: '2025-01-02',
      departure: '2025-05-01',
      brpOutcome: 'vertrokken',
      registeredOn: null,
      mustRegister: null,
      // stays without a location are no period at a location
      stays: [],
      municipalities: [],
    });
  });

  it('keeps the stays as periods per location with their municipalities, and the registration day', () => {
    const person = anonymousPerson({
      municipality: 'm2',
      location: 'l2',
      nationality: 'PL',
      birthYear: 1990,
      arrivalDate: '2025-01-02',
      departureDate: null,
      brpStatus: 'vertrokken',
      registeredOn: '2025-01-05',
      mustRegister: true,
      stays: [
        { location: 'l2', start: '2025-03-01', end: '2025-05-01' },
        { location: 'l1', start: '2025-01-02', end: '2025-03-01' },
      ],
      municipalityOf: (location) => (location === 'l1' ? 'm1' : 'm2'),
    });
    expect(person).toMatchObject({
      registeredOn: '2025-01-05',
      mustRegister: true,
      stays: [
        { location: 'l1', start: '2025-01-02', end: '2025-03-01' },
        { location: 'l2', start: '2025-03-01', end: '2025-05-01' },
      ],
      municipalities: ['m1', 'm2'],
    });
    expect(JSON.stringify(person)).not.toMatch(/migrant|case/);
  });
});

describe('the destruction report', () => {
  const report = {
    batch: 'b1',
    run: 'r1',
    trigger: 'schedule' as const,
    rule: 'end+12m',
    ranAt: '2026-06-01T02:00:00Z',
    municipality: 'Westland <x>',
    migrants: 3,
    stays: 4,
    tasks: 5,
    appointments: 1,
    consents: 2,
    statusHistory: 9,
    revealLog: 7,
  };
  it('is a page and a CSV in Dutch and English, escaped', () => {
    expect(destructionReportHtml(report, 'nl')).toContain('Verklaring van vernietiging');
    expect(destructionReportHtml(report, 'nl')).toContain('Westland &#60;x&#62;');
    expect(destructionReportHtml(report, 'en')).toContain('Destruction report');
    expect(destructionReportCsv(report, 'en')).toContain('Labour migrants (personal data and key);3');
    expect(destructionReportCsv({ ...report, municipality: '=cmd' }, 'nl')).toContain("Gemeente;'=cmd");
    expect(destructionReportCsv(report, 'nl')).toContain(
      'Regel;12 maanden na het einde van het laatste verblijf of na uitschrijving',
    );
  });
});
