/**
 * Deterministic demo data for the labour-migrant platform: organisations, housing locations, migrants,
 * their stays and the demo logins. The reference data (organisations, locations, nationalities, logins) are in
 * ./demo-reference-data.ts; this module builds the people and their moves from them.
 *
 * Pure module: no I/O, no Math.random, no Date.now. The same options always give the same data. Relative
 * dates (arrivals, departures, moves) are counted back from `referenceDate`, so a seed run today and one
 * next month produce the same people shifted in time. Ids are v4-shaped UUIDs derived from a SHA-256 hash of
 * a stable key ('organisation:gemeenteA', 'migrant:17', ...) and do not depend on the reference date.
 *
 * Everything is fictitious: BSNs come from RvIG's test range, e-mail addresses use example.org/example.com,
 * KvK numbers, BAG ids, phone numbers and home addresses are made up.
 *
 * Date conventions: all dates are 'YYYY-MM-DD'. A stay's start_date and end_date are both inclusive (the first
 * and last night at that location). Moves are contiguous: the next stay starts the day after the previous one
 * ends. A departed migrant's last stay ends on the departure_date. An open stay (end_date null) occupies its
 * bed from start_date on, indefinitely.
 */
import { createHash } from 'node:crypto';
import { testRangeBsn } from '../extensions/labour-platform/src/domain/bsn';
import {
  AREA_SITES,
  BRP_STATUSES,
  DEMO_ORGANISATION_IDS,
  LOCATIONS,
  NATIONALITIES,
  NATIONALITY_WEIGHTS,
  ORGANISATIONS,
  PROVIDER_C_SITES,
  USERS,
  demoUuid,
  type BrpStatus,
  type DemoLocation,
  type DemoOrganisation,
  type DemoUser,
  type Gender,
  type IsoDate,
  type LanguageCode,
  type NationalityCode,
  type ProviderKey,
  type WorkSite,
} from './demo-reference-data';

export * from './demo-reference-data';

// ---------------------------------------------------------------------------------------------------------
// Types

export interface DemoMigrant {
  id: string;
  bsn: string | null;
  first_names: string;
  surname: string;
  date_of_birth: IsoDate;
  birth_year: number;
  gender: Gender;
  /** ISO 3166-1 alpha-2; Greece is 'GR' (its EU code 'EL' is not used here). */
  nationality: NationalityCode;
  email: string | null;
  phone: string | null;
  home_address: string | null;
  id_document_number: string | null;
  language: LanguageCode;
  brp_status: BrpStatus;
  provider: string;
  employer: string | null;
  work_address: string | null;
  work_postcode: string | null;
  work_city: string | null;
  arrival_date: IsoDate;
  expected_departure_date: IsoDate | null;
  departure_date: IsoDate | null;
  /** Location of the open stay, or null when the migrant has left. */
  current_location: string | null;
}

export interface DemoStay {
  id: string;
  migrant: string;
  location: string;
  start_date: IsoDate;
  /** Inclusive; null while the migrant still lives there. */
  end_date: IsoDate | null;
}

export interface DemoData {
  referenceDate: IsoDate;
  organisations: DemoOrganisation[];
  locations: DemoLocation[];
  migrants: DemoMigrant[];
  stays: DemoStay[];
  users: DemoUser[];
}

export interface BuildDemoDataOptions {
  /** 'YYYY-MM-DD'; relative dates are counted back from it. Default DEFAULT_REFERENCE_DATE. */
  referenceDate?: string;
  /** Number of migrants; default 200. Limited by the total bed capacity (about 400 at one time). */
  migrantCount?: number;
  /** PRNG seed; default DEFAULT_SEED. */
  seed?: number;
}

export const DEFAULT_REFERENCE_DATE = '2026-01-15';
export const DEFAULT_MIGRANT_COUNT = 200;
export const DEFAULT_SEED = 0x5eed_2026;
// ---------------------------------------------------------------------------------------------------------
// Deterministic helpers

function hashSeed(key: string): number {
  return createHash('sha256').update(key).digest().readUInt32LE(0);
}

/** mulberry32: small, fast, good enough for demo data. */
class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [item, weight] of items) {
      roll -= weight;
      if (roll < 0) return item;
    }
    return items[items.length - 1]![0];
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }

  /** A string of n random digits. */
  digits(n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += String(this.int(0, 9));
    return out;
  }

  /** Replaces every '#' with a random digit and every '@' with a random capital letter. */
  template(pattern: string): string {
    return pattern.replace(/[#@]/g, (c) =>
      c === '#' ? String(this.int(0, 9)) : String.fromCharCode(65 + this.int(0, 25)),
    );
  }
}

const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' → days since 1970-01-01 (UTC). Throws on an invalid date. */
function toDay(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  const day = ms / DAY_MS;
  if (fromDay(day) !== date) throw new RangeError(`Not a calendar date: ${date}`);
  return day;
}

function fromDay(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Largest-remainder split of `total` over weights, so every share is as close as possible to its weight. */
function apportion<K extends string>(total: number, weights: readonly (readonly [K, number])[]): Map<K, number> {
  const sum = weights.reduce((acc, [, w]) => acc + w, 0);
  const shares = weights.map(([key, w]) => {
    const exact = (total * w) / sum;
    return { key, count: Math.floor(exact), rest: exact - Math.floor(exact) };
  });
  let remaining = total - shares.reduce((acc, s) => acc + s.count, 0);
  const byRest = [...shares].sort((a, b) => b.rest - a.rest);
  for (let i = 0; remaining > 0; i = (i + 1) % byRest.length, remaining--) byRest[i]!.count++;
  return new Map(shares.map((s) => [s.key, s.count]));
}

/** Folds diacritics and letters NFD does not decompose (ł, ø, đ, ß) to ASCII, for e-mail local parts. */
function asciiFold(text: string): string {
  return text
    .replace(/[łŁ]/g, (c) => (c === 'ł' ? 'l' : 'L'))
    .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

// ---------------------------------------------------------------------------------------------------------
// Status: share of migrants and the dates that fit each status

const STATUS_WEIGHTS: readonly (readonly [BrpStatus, number])[] = [
  ['geen', 13],
  ['niet_ingeschreven', 14],
  ['ingepland', 9],
  ['afspraak_bevestigd', 7],
  ['ingeschreven', 28],
  ['rni', 4],
  ['vertrek_gemeld', 6],
  ['uitgeschreven', 10],
  ['vertrokken', 10],
];

/** Statuses that imply the person is (or was) registered in the BRP, and therefore has a BSN. */
const REGISTERED: ReadonlySet<BrpStatus> = new Set<BrpStatus>([
  'ingeschreven',
  'rni',
  'vertrek_gemeld',
  'uitgeschreven',
]);

/** Days before the reference date the migrant arrived, per status (inclusive range). */
const ARRIVAL_DAYS_AGO: Readonly<Record<BrpStatus, readonly [number, number]>> = {
  geen: [1, 28],
  niet_ingeschreven: [10, 120],
  ingepland: [7, 60],
  afspraak_bevestigd: [7, 60],
  ingeschreven: [14, 300],
  rni: [14, 50],
  vertrek_gemeld: [90, 300],
  uitgeschreven: [130, 300],
  vertrokken: [21, 300],
};

/** Contract lengths in days: residents stay more than 4 months, those who leave before registering less. */
const LONG_CONTRACTS = [153, 183, 214, 245, 274, 365] as const;
const ANY_CONTRACTS = [61, 91, 122, 153, 183, 274, 365] as const;
const SHORT_CONTRACTS = [42, 61, 91, 110] as const;
const RNI_CONTRACTS = [61, 91, 110] as const;

interface Timeline {
  arrival: number;
  expected: number;
  departure: number | null;
}

function timelineFor(status: BrpStatus, ref: number, rng: Prng): Timeline {
  const [minAgo, maxAgo] = ARRIVAL_DAYS_AGO[status];
  const arrival = ref - rng.int(minAgo, maxAgo);
  switch (status) {
    case 'vertrek_gemeld': {
      const departure = ref - rng.int(1, 21);
      return { arrival, departure, expected: Math.max(arrival, departure + rng.int(-14, 30)) };
    }
    case 'uitgeschreven': {
      const departure = rng.int(arrival + 100, ref - 14);
      return { arrival, departure, expected: Math.max(arrival, departure + rng.int(-14, 30)) };
    }
    case 'vertrokken': {
      const departure = rng.int(arrival + 7, Math.min(arrival + 110, ref - 1));
      const expected = arrival + rng.pick(SHORT_CONTRACTS);
      return { arrival, departure, expected };
    }
    case 'rni': {
      // Registered in the RNI: a stay shorter than 4 months, still running.
      return { arrival, departure: null, expected: arrival + rng.pick(RNI_CONTRACTS) };
    }
    default: {
      const contracts = status === 'geen' ? ANY_CONTRACTS : LONG_CONTRACTS;
      let expected = arrival + rng.pick(contracts);
      // A contract that already ran out while the migrant is still here has been extended by a quarter.
      while (expected < ref + 7) expected += 91;
      return { arrival, departure: null, expected };
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Capacity bookkeeping: beds taken per location per day, from `firstDay` up to the reference date

class Occupancy {
  private readonly beds = new Map<string, Int32Array>();

  constructor(
    private readonly firstDay: number,
    private readonly lastDay: number,
    locations: readonly DemoLocation[],
  ) {
    for (const location of locations) this.beds.set(location.id, new Int32Array(lastDay - firstDay + 1));
  }

  /** Whether one more person fits on every day of [start, end] (end null: through the reference date). */
  fits(location: DemoLocation, start: number, end: number | null): boolean {
    const days = this.beds.get(location.id)!;
    const last = Math.min(end ?? this.lastDay, this.lastDay);
    for (let d = start; d <= last; d++) if (days[d - this.firstDay]! >= location.capacity) return false;
    return true;
  }

  take(location: DemoLocation, start: number, end: number | null): void {
    const days = this.beds.get(location.id)!;
    const last = Math.min(end ?? this.lastDay, this.lastDay);
    for (let d = start; d <= last; d++) days[d - this.firstDay]!++;
  }
}

/** Splits [arrival, end] into 1–3 contiguous segments; each at least 21 days long. */
function segmentsFor(arrival: number, end: number, rng: Prng): [number, number][] {
  const length = end - arrival + 1;
  const roll = rng.next();
  const count = length >= 130 && roll < 0.1 ? 3 : length >= 60 && roll < 0.38 ? 2 : 1;
  const cuts: number[] = [];
  if (count === 2) cuts.push(rng.int(arrival + 21, end - 20));
  if (count === 3) {
    const first = rng.int(arrival + 21, end - 41 - 21);
    cuts.push(first, rng.int(first + 21, end - 20));
  }
  const bounds = [arrival, ...cuts, end + 1];
  const segments: [number, number][] = [];
  for (let i = 0; i + 1 < bounds.length; i++) segments.push([bounds[i]!, bounds[i + 1]! - 1]);
  return segments;
}

/**
 * Picks a location of the provider for every segment, different from the previous one, with a free bed on every
 * day. Returns null when the provider has no room. The last segment of a migrant who has not left is open.
 */
function placeStays(
  providerLocations: readonly DemoLocation[],
  segments: readonly [number, number][],
  departed: boolean,
  occupancy: Occupancy,
  rng: Prng,
): DemoLocation[] | null {
  const chosen: DemoLocation[] = [];
  for (let i = 0; i < segments.length; i++) {
    const [start, end] = segments[i]!;
    const openEnd = i === segments.length - 1 && !departed ? null : end;
    const previous = chosen[chosen.length - 1];
    const candidates = providerLocations.filter((l) => l !== previous && occupancy.fits(l, start, openEnd));
    if (candidates.length === 0) return null;
    chosen.push(rng.weighted(candidates.map((l) => [l, l.capacity] as const)));
  }
  return chosen;
}

// ---------------------------------------------------------------------------------------------------------
// Builder

const PROVIDER_WEIGHTS: readonly (readonly [ProviderKey, number])[] = [
  ['providerA', 35],
  ['providerB', 25],
  ['providerC', 40],
];

interface Person {
  first_names: string;
  surname: string;
  gender: Gender;
  email: string | null;
  phone: string | null;
  home_address: string | null;
  id_document_number: string | null;
}

function makePerson(nationality: NationalityCode, rng: Prng, usedEmails: Set<string>): Person {
  const profile = NATIONALITIES[nationality];
  const gender: Gender = rng.chance(0.7) ? 'M' : 'V';
  const givenPool = gender === 'M' ? profile.male : profile.female;
  const first = rng.pick(givenPool);
  let firstNames = first;
  if (rng.chance(profile.secondNameChance)) {
    const second = rng.pick(givenPool);
    if (second !== first) firstNames = `${first} ${second}`;
  }
  const surnameOf = (): string => {
    const [male, female] = rng.pick(profile.surnames);
    return gender === 'M' ? male : female;
  };
  let surname = surnameOf();
  if (profile.doubleSurname) {
    const second = surnameOf();
    if (second !== surname) surname = `${surname} ${second}`;
  }

  let email: string | null = null;
  if (rng.chance(0.85)) {
    const f = asciiFold(first).toLowerCase();
    const s = asciiFold(surname).toLowerCase().replace(/\s+/g, '');
    const local = rng.weighted([
      [`${f}.${s}`, 4],
      [`${f}${s}${rng.int(70, 99)}`, 2],
      [`${s}.${f.charAt(0)}`, 1],
    ] as const);
    const domain = rng.chance(0.5) ? 'example.org' : 'example.com';
    let candidate = `${local}@${domain}`;
    for (let n = 2; usedEmails.has(candidate); n++) candidate = `${local}${n}@${domain}`;
    usedEmails.add(candidate);
    email = candidate;
  }

  let phone: string | null = null;
  const phoneRoll = rng.next();
  if (phoneRoll < 0.2) phone = rng.template('+31 6 ## ## ## ##');
  else if (phoneRoll < 0.95) phone = rng.template(rng.pick(profile.phones));

  let homeAddress: string | null = null;
  if (rng.chance(0.9)) {
    const city = rng.pick(profile.cities);
    homeAddress = profile.address(
      rng.pick(profile.streets),
      rng.int(1, 180),
      rng.template(city.postcode),
      city.name,
      profile.country,
    );
  }

  return {
    first_names: firstNames,
    surname,
    gender,
    email,
    phone,
    home_address: homeAddress,
    id_document_number: rng.chance(0.9) ? rng.template(profile.idDocument) : null,
  };
}

function dateOfBirth(arrival: number, rng: Prng): number {
  // Ages 19–59 at arrival, weighted towards the twenties and thirties; a year older at most by the reference date.
  const age = rng.weighted([
    [rng.int(19, 24), 3],
    [rng.int(25, 34), 4],
    [rng.int(35, 44), 2],
    [rng.int(45, 59), 1],
  ] as const);
  return arrival - Math.round(age * 365.25) - rng.int(0, 364);
}

export function buildDemoData(options: BuildDemoDataOptions = {}): DemoData {
  const referenceDate = options.referenceDate ?? DEFAULT_REFERENCE_DATE;
  const ref = toDay(referenceDate);
  const migrantCount = options.migrantCount ?? DEFAULT_MIGRANT_COUNT;
  if (!Number.isInteger(migrantCount) || migrantCount < 0)
    throw new RangeError(`migrantCount must be a whole number >= 0`);
  const seed = (options.seed ?? DEFAULT_SEED) >>> 0;
  const rng = new Prng(seed);

  // Statuses in exact proportions, shuffled over the migrants.
  const statusCounts = apportion(migrantCount, STATUS_WEIGHTS);
  const statuses = rng.shuffle(BRP_STATUSES.flatMap((s) => Array<BrpStatus>(statusCounts.get(s) ?? 0).fill(s)));

  // About 60% have a BSN: everyone who is or was registered, topped up at random from the others.
  const bsnTarget = Math.round(migrantCount * 0.6);
  const hasBsn = statuses.map((s) => REGISTERED.has(s));
  const others = rng.shuffle(statuses.map((s, i) => (REGISTERED.has(s) ? -1 : i)).filter((i) => i >= 0));
  for (
    let k = 0, missing = bsnTarget - hasBsn.filter(Boolean).length;
    k < others.length && missing > 0;
    k++, missing--
  ) {
    hasBsn[others[k]!] = true;
  }

  const occupancy = new Occupancy(ref - 400, ref, LOCATIONS);
  const locationsOf = (provider: ProviderKey): DemoLocation[] =>
    LOCATIONS.filter((l) => l.provider === DEMO_ORGANISATION_IDS[provider]);

  const usedEmails = new Set<string>();
  const migrants: DemoMigrant[] = [];
  const stays: DemoStay[] = [];
  let bsnIndex = 0;

  for (let i = 0; i < migrantCount; i++) {
    const status = statuses[i]!;
    // A generator per migrant: a person's details do not change when migrantCount does.
    const own = new Prng(hashSeed(`${seed}:migrant:${i}`));
    const id = demoUuid(`migrant:${i}`);
    const nationality = own.weighted(NATIONALITY_WEIGHTS);
    const person = makePerson(nationality, own, usedEmails);
    const timeline = timelineFor(status, ref, own);
    const departed = timeline.departure !== null;
    const stayEnd = timeline.departure ?? ref;

    // Provider and stays: prefer the drawn provider; fall back to another one with room, then to a single stay.
    const preferred = own.weighted(PROVIDER_WEIGHTS);
    const order: ProviderKey[] = [preferred, ...PROVIDER_WEIGHTS.map(([p]) => p).filter((p) => p !== preferred)];
    let placed: { provider: ProviderKey; segments: [number, number][]; locations: DemoLocation[] } | null = null;
    const split = segmentsFor(timeline.arrival, stayEnd, own);
    for (const segments of [split, [[timeline.arrival, stayEnd] as [number, number]]]) {
      for (const provider of order) {
        const locations = placeStays(locationsOf(provider), segments, departed, occupancy, own);
        if (locations) {
          placed = { provider, segments, locations };
          break;
        }
      }
      if (placed) break;
    }
    if (!placed) {
      throw new RangeError(
        `Not enough beds for ${migrantCount} migrants (ran out at migrant ${i}); lower migrantCount`,
      );
    }

    placed.segments.forEach(([start, end], k) => {
      const location = placed.locations[k]!;
      const open = k === placed.segments.length - 1 && !departed;
      occupancy.take(location, start, open ? null : end);
      stays.push({
        id: demoUuid(`stay:${i}:${k}`),
        migrant: id,
        location: location.id,
        start_date: fromDay(start),
        end_date: open ? null : fromDay(end),
      });
    });

    // Employer and work address: provider C employs the people it houses; the huisvesters' tenants mostly
    // work for employers that are not on the platform, some for provider C.
    let employer: string | null = null;
    let site: WorkSite;
    if (placed.provider === 'providerC') {
      employer = DEMO_ORGANISATION_IDS.providerC;
      const lastLocation = placed.locations[placed.locations.length - 1]!;
      site = PROVIDER_C_SITES[lastLocation.municipality === DEMO_ORGANISATION_IDS.gemeenteA ? 0 : 1]!;
    } else if (own.chance(0.15)) {
      employer = DEMO_ORGANISATION_IDS.providerC;
      site = own.pick(PROVIDER_C_SITES);
    } else {
      site = own.pick(AREA_SITES[placed.provider]);
    }

    const bsn = hasBsn[i] ? testRangeBsn(bsnIndex++) : null;
    const dob = dateOfBirth(timeline.arrival, own);
    const dateOfBirthIso = fromDay(dob);

    migrants.push({
      id,
      bsn,
      first_names: person.first_names,
      surname: person.surname,
      date_of_birth: dateOfBirthIso,
      birth_year: Number(dateOfBirthIso.slice(0, 4)),
      gender: person.gender,
      nationality,
      email: person.email,
      phone: person.phone,
      home_address: person.home_address,
      id_document_number: person.id_document_number,
      language: NATIONALITIES[nationality].language,
      brp_status: status,
      provider: DEMO_ORGANISATION_IDS[placed.provider],
      employer,
      work_address: site.address,
      work_postcode: site.postcode,
      work_city: site.city,
      arrival_date: fromDay(timeline.arrival),
      expected_departure_date: fromDay(timeline.expected),
      departure_date: timeline.departure === null ? null : fromDay(timeline.departure),
      current_location: departed ? null : placed.locations[placed.locations.length - 1]!.id,
    });
  }

  return {
    referenceDate,
    organisations: ORGANISATIONS.map((o) => ({ ...o })),
    locations: LOCATIONS.map((l) => ({ ...l })),
    migrants,
    stays,
    users: USERS.map((u) => ({ ...u })),
  };
}
