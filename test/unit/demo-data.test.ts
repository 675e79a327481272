import { describe, it, expect } from 'vitest';
import {
  BRP_STATUSES,
  DEMO_ORGANISATION_IDS,
  buildDemoData,
  languageForNationality,
  type DemoData,
  type DemoStay,
} from '../../scripts/demo-data';
import { isValidBsn } from '../../extensions/labour-platform/src/domain/bsn';
import { checkPostcode } from '../../extensions/labour-platform/src/domain/postcode';

const REFERENCE_DATE = '2026-01-15';
const data: DemoData = buildDemoData({ referenceDate: REFERENCE_DATE });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const POSTCODE = /^[1-9][0-9]{3}[A-Z]{2}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function day(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
}

function staysByMigrant(stays: readonly DemoStay[]): Map<string, DemoStay[]> {
  const byMigrant = new Map<string, DemoStay[]>();
  for (const stay of stays) {
    const list = byMigrant.get(stay.migrant) ?? [];
    list.push(stay);
    byMigrant.set(stay.migrant, list);
  }
  for (const list of byMigrant.values()) list.sort((a, b) => a.start_date.localeCompare(b.start_date));
  return byMigrant;
}

describe('buildDemoData', () => {
  it('is deterministic', () => {
    expect(buildDemoData({ referenceDate: REFERENCE_DATE })).toEqual(data);
    expect(buildDemoData()).toEqual(data); // REFERENCE_DATE is the default
  });

  it('keeps ids stable across reference dates and shifts the dates', () => {
    const later = buildDemoData({ referenceDate: '2026-03-16' });
    expect(later.migrants.map((m) => m.id)).toEqual(data.migrants.map((m) => m.id));
    expect(day(later.migrants[0]!.arrival_date) - day(data.migrants[0]!.arrival_date)).toBe(60);
  });

  it('rejects an invalid reference date', () => {
    expect(() => buildDemoData({ referenceDate: '2026-02-30' })).toThrow(RangeError);
    expect(() => buildDemoData({ referenceDate: '15-01-2026' })).toThrow(RangeError);
  });

  it('has the expected counts', () => {
    expect(data.organisations.filter((o) => o.type === 'gemeente')).toHaveLength(2);
    expect(data.organisations.filter((o) => o.type !== 'gemeente')).toHaveLength(3);
    expect(data.locations.length).toBeGreaterThanOrEqual(8);
    expect(data.locations.length).toBeLessThanOrEqual(12);
    expect(data.migrants).toHaveLength(200);
    expect(buildDemoData({ referenceDate: REFERENCE_DATE, migrantCount: 37 }).migrants).toHaveLength(37);
    expect(data.users.map((u) => u.email).sort()).toEqual([
      'admin@example.org',
      'beheer-a@example.org',
      'clerk-a@example.org',
      'clerk-b@example.org',
      'inspector-a@example.org',
      'policy-a@example.org',
      'provider-a@example.org',
      'provider-b@example.org',
    ]);
  });

  it('has well-formed organisations and exports their ids', () => {
    const byId = new Map(data.organisations.map((o) => [o.id, o]));
    expect(byId.get(DEMO_ORGANISATION_IDS.gemeenteA)).toMatchObject({ type: 'gemeente', municipality_code: '1911' });
    expect(byId.get(DEMO_ORGANISATION_IDS.gemeenteB)).toMatchObject({ type: 'gemeente', municipality_code: '0441' });
    expect(byId.get(DEMO_ORGANISATION_IDS.providerA)?.type).toBe('huisvester');
    expect(byId.get(DEMO_ORGANISATION_IDS.providerB)?.type).toBe('huisvester');
    expect(byId.get(DEMO_ORGANISATION_IDS.providerC)?.type).toBe('werkgever');
    for (const o of data.organisations) {
      expect(o.id).toMatch(UUID);
      if (o.type === 'gemeente') expect(o.municipality_code).toMatch(/^\d{4}$/);
      else expect(o.kvk_number).toMatch(/^\d{8}$/);
    }
  });

  it('has unique UUIDs everywhere', () => {
    const ids = [
      ...data.organisations.map((o) => o.id),
      ...data.locations.map((l) => l.id),
      ...data.migrants.map((m) => m.id),
      ...data.stays.map((s) => s.id),
      ...data.users.map((u) => u.id),
    ];
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has plausible locations in the right municipality', () => {
    for (const l of data.locations) {
      expect(l.postcode).toMatch(POSTCODE);
      expect(checkPostcode(l.postcode)).toEqual({ ok: true, postcode: l.postcode });
      const pc = Number(l.postcode.slice(0, 4));
      if (l.municipality === DEMO_ORGANISATION_IDS.gemeenteA) expect(pc >= 1760 && pc <= 1779).toBe(true);
      else {
        expect(l.municipality).toBe(DEMO_ORGANISATION_IDS.gemeenteB);
        expect(pc >= 1740 && pc <= 1759).toBe(true);
      }
      expect(l.capacity).toBeGreaterThanOrEqual(8);
      expect(l.capacity).toBeLessThanOrEqual(120);
      expect(l.latitude).toBeGreaterThan(52.7);
      expect(l.latitude).toBeLessThan(52.95);
      expect(l.longitude).toBeGreaterThan(4.6);
      expect(l.longitude).toBeLessThan(5.1);
      if (l.bag_id !== null) expect(l.bag_id).toMatch(/^\d{16}$/);
      expect([
        DEMO_ORGANISATION_IDS.providerA,
        DEMO_ORGANISATION_IDS.providerB,
        DEMO_ORGANISATION_IDS.providerC,
      ]).toContain(l.provider);
    }
    // Provider C houses its own workers in both municipalities.
    const cMunicipalities = new Set(
      data.locations.filter((l) => l.provider === DEMO_ORGANISATION_IDS.providerC).map((l) => l.municipality),
    );
    expect(cMunicipalities.size).toBe(2);
  });

  it('gives valid, unique BSNs to about 60% of the migrants', () => {
    const bsns = data.migrants.map((m) => m.bsn).filter((b): b is string => b !== null);
    for (const bsn of bsns) {
      expect(bsn).toMatch(/^\d{9}$/);
      expect(isValidBsn(bsn)).toBe(true);
    }
    expect(new Set(bsns).size).toBe(bsns.length);
    expect(bsns.length / data.migrants.length).toBeGreaterThan(0.5);
    expect(bsns.length / data.migrants.length).toBeLessThan(0.7);
    // Whoever is or was registered in the BRP has a BSN.
    for (const m of data.migrants) {
      if (['ingeschreven', 'vertrek_gemeld', 'uitgeschreven'].includes(m.brp_status)) expect(m.bsn).not.toBeNull();
    }
  });

  it('uses every BRP status and a weighted spread of nationalities with matching languages', () => {
    expect(new Set(data.migrants.map((m) => m.brp_status))).toEqual(new Set(BRP_STATUSES));
    const perNationality = new Map<string, number>();
    for (const m of data.migrants) perNationality.set(m.nationality, (perNationality.get(m.nationality) ?? 0) + 1);
    const [top] = [...perNationality.entries()].sort((a, b) => b[1] - a[1]);
    expect(top?.[0]).toBe('PL');
    expect(perNationality.size).toBeGreaterThanOrEqual(8);
    for (const m of data.migrants) {
      expect(m.language).toBe(languageForNationality(m.nationality));
      expect(['M', 'V']).toContain(m.gender);
    }
    expect(languageForNationality('UA')).toBe('uk');
    expect(languageForNationality('CZ')).toBe('cs');
    expect(languageForNationality('GR')).toBe('el');
    expect(languageForNationality('HR')).toBe('en');
  });

  it('has fictitious contact data and Dutch work postcodes', () => {
    for (const m of data.migrants) {
      if (m.email !== null) expect(m.email).toMatch(/^[a-z0-9.]+@example\.(org|com)$/);
      if (m.phone !== null) expect(m.phone).toMatch(/^\+\d{2,3} [\d ]+$/);
      if (m.work_postcode !== null) expect(m.work_postcode).toMatch(POSTCODE);
    }
  });

  it('has ordered dates and departure dates only for departed migrants', () => {
    const ref = day(REFERENCE_DATE);
    for (const m of data.migrants) {
      for (const d of [m.date_of_birth, m.arrival_date]) expect(d).toMatch(DATE);
      expect(m.birth_year).toBe(Number(m.date_of_birth.slice(0, 4)));
      const birth = day(m.date_of_birth);
      const arrival = day(m.arrival_date);
      expect(birth).toBeLessThan(arrival);
      const ageAtArrival = (arrival - birth) / 365.25;
      expect(ageAtArrival).toBeGreaterThanOrEqual(19);
      expect((ref - birth) / 365.25).toBeLessThan(61);
      expect(arrival).toBeLessThanOrEqual(ref);
      expect(ref - arrival).toBeLessThanOrEqual(310);
      expect(m.expected_departure_date).not.toBeNull();
      expect(arrival).toBeLessThanOrEqual(day(m.expected_departure_date!));
      const departed = ['vertrek_gemeld', 'uitgeschreven', 'vertrokken'].includes(m.brp_status);
      if (departed) {
        expect(m.departure_date).not.toBeNull();
        expect(arrival).toBeLessThanOrEqual(day(m.departure_date!));
        expect(day(m.departure_date!)).toBeLessThanOrEqual(ref);
        expect(m.current_location).toBeNull();
      } else {
        expect(m.departure_date).toBeNull();
        expect(m.current_location).not.toBeNull();
      }
    }
  });

  it('has 1–3 contiguous, non-overlapping stays per migrant, the last open unless departed', () => {
    const byMigrant = staysByMigrant(data.stays);
    expect(byMigrant.size).toBe(data.migrants.length);
    const locationById = new Map(data.locations.map((l) => [l.id, l]));
    let crossesMunicipalities = false;
    for (const m of data.migrants) {
      const stays = byMigrant.get(m.id)!;
      expect(stays.length).toBeGreaterThanOrEqual(1);
      expect(stays.length).toBeLessThanOrEqual(3);
      expect(stays[0]!.start_date).toBe(m.arrival_date);
      for (let i = 0; i < stays.length; i++) {
        const stay = stays[i]!;
        const isLast = i === stays.length - 1;
        if (!isLast) {
          expect(stay.end_date).not.toBeNull();
          expect(day(stay.end_date!)).toBeGreaterThanOrEqual(day(stay.start_date));
          expect(day(stays[i + 1]!.start_date)).toBe(day(stay.end_date!) + 1);
          expect(stays[i + 1]!.location).not.toBe(stay.location);
          if (
            locationById.get(stays[i + 1]!.location)!.municipality !== locationById.get(stay.location)!.municipality
          ) {
            crossesMunicipalities = true;
          }
        } else if (m.departure_date === null) {
          expect(stay.end_date).toBeNull();
          expect(m.current_location).toBe(stay.location);
        } else {
          expect(stay.end_date).toBe(m.departure_date);
        }
      }
    }
    expect(crossesMunicipalities).toBe(true);
  });

  it('houses migrants only at locations of their own provider, with employer and work address consistent', () => {
    const locationById = new Map(data.locations.map((l) => [l.id, l]));
    const migrantById = new Map(data.migrants.map((m) => [m.id, m]));
    for (const stay of data.stays) {
      const location = locationById.get(stay.location);
      const migrant = migrantById.get(stay.migrant);
      expect(location).toBeDefined();
      expect(migrant).toBeDefined();
      expect(location!.provider).toBe(migrant!.provider);
    }
    for (const m of data.migrants) {
      if (m.provider === DEMO_ORGANISATION_IDS.providerC) expect(m.employer).toBe(DEMO_ORGANISATION_IDS.providerC);
      if (m.employer !== null) {
        const employer = data.organisations.find((o) => o.id === m.employer);
        expect(employer?.type).toBe('werkgever');
      }
    }
  });

  it('never puts more people in a location than its capacity on any day', () => {
    const ref = day(REFERENCE_DATE);
    const starts = data.stays.map((s) => day(s.start_date));
    const first = Math.min(...starts);
    const last = Math.max(ref, ...data.stays.map((s) => (s.end_date === null ? ref : day(s.end_date))));
    let peak = 0;
    for (const location of data.locations) {
      const here = data.stays.filter((s) => s.location === location.id);
      for (let d = first; d <= last; d++) {
        const count = here.filter(
          (s) => day(s.start_date) <= d && (s.end_date === null || day(s.end_date) >= d),
        ).length;
        expect(count).toBeLessThanOrEqual(location.capacity);
        peak = Math.max(peak, count / location.capacity);
      }
    }
    expect(peak).toBeGreaterThan(0);
  });

  it('gives the demo users their role, organisation and language', () => {
    const byEmail = new Map(data.users.map((u) => [u.email, u]));
    expect(byEmail.get('admin@example.org')).toMatchObject({
      role: 'administrator',
      organisation: null,
      language: 'nl-NL',
    });
    expect(byEmail.get('clerk-a@example.org')).toMatchObject({
      role: 'clerk',
      organisation: DEMO_ORGANISATION_IDS.gemeenteA,
      language: 'nl-NL',
    });
    expect(byEmail.get('clerk-b@example.org')).toMatchObject({
      role: 'clerk',
      organisation: DEMO_ORGANISATION_IDS.gemeenteB,
      language: 'nl-NL',
    });
    expect(byEmail.get('provider-a@example.org')).toMatchObject({
      role: 'provider',
      organisation: DEMO_ORGANISATION_IDS.providerA,
      language: 'nl-NL',
    });
    expect(byEmail.get('provider-b@example.org')).toMatchObject({
      role: 'provider',
      organisation: DEMO_ORGANISATION_IDS.providerB,
      language: 'en-US',
    });
    expect(byEmail.get('inspector-a@example.org')).toMatchObject({
      role: 'inspector',
      organisation: DEMO_ORGANISATION_IDS.gemeenteA,
      language: 'nl-NL',
    });
    expect(byEmail.get('policy-a@example.org')).toMatchObject({
      role: 'policy_officer',
      organisation: DEMO_ORGANISATION_IDS.gemeenteA,
      language: 'nl-NL',
    });
    for (const u of data.users) {
      expect(u.first_name.length).toBeGreaterThan(0);
      expect(u.last_name.length).toBeGreaterThan(0);
    }
  });

  it('fails clearly when there are not enough beds', () => {
    expect(() => buildDemoData({ referenceDate: REFERENCE_DATE, migrantCount: 5000 })).toThrow(/Not enough beds/);
  });
});
