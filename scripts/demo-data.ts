/**
 * Deterministic demo data for the labour-migrant platform: organisations, housing locations, migrants,
 * their stays and the demo logins.
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
import { SUPPORTED_LANGUAGE_CODES, type SupportedLanguage } from '../extensions/labour-platform/src/domain/languages';
import { BRP_STATUSES, type BrpStatus, type Gender, type OrganisationType } from '../extensions/labour-platform/src/domain/vocabulary';

// ---------------------------------------------------------------------------------------------------------
// Types

export type IsoDate = string;

export { BRP_STATUSES, type BrpStatus, type Gender, type OrganisationType };
export const LANGUAGES = SUPPORTED_LANGUAGE_CODES;
export type LanguageCode = SupportedLanguage;

export type DemoRole = 'administrator' | 'clerk' | 'provider' | 'inspector' | 'policy_officer' | 'municipality_admin';

export type NationalityCode =
  | 'PL'
  | 'RO'
  | 'BG'
  | 'HU'
  | 'LT'
  | 'UA'
  | 'LV'
  | 'SK'
  | 'PT'
  | 'CZ'
  | 'ES'
  | 'GR'
  | 'HR';

export interface DemoOrganisation {
  id: string;
  name: string;
  type: OrganisationType;
  /** 4 digits, only for gemeenten. */
  municipality_code: string | null;
  /** 8 digits, fictitious; null for gemeenten. */
  kvk_number: string | null;
  email: string | null;
}

export interface DemoLocation {
  id: string;
  name: string;
  street: string;
  house_number: string;
  house_number_addition: string | null;
  /** Normalised '1234AB'. */
  postcode: string;
  city: string;
  /** 16 digits (fictitious adresseerbaar object id) or null. */
  bag_id: string | null;
  /** Organisation id of the gemeente. */
  municipality: string;
  /** Organisation id of the owning huisvester/werkgever. */
  provider: string;
  capacity: number;
  latitude: number;
  longitude: number;
  active: boolean;
}

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

export interface DemoUser {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  /** Key of the role the seed script maps to a Directus role. */
  role: DemoRole;
  organisation: string | null;
  language: 'nl-NL' | 'en-US';
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

/** A v4-shaped UUID from a SHA-256 hash of a stable key. */
export function demoUuid(key: string): string {
  const bytes = createHash('sha256').update(`labour-platform-demo:${key}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

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
    return pattern.replace(/[#@]/g, (c) => (c === '#' ? String(this.int(0, 9)) : String.fromCharCode(65 + this.int(0, 25))));
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
// Organisations

type OrganisationKey = 'gemeenteA' | 'gemeenteB' | 'providerA' | 'providerB' | 'providerC';
type ProviderKey = 'providerA' | 'providerB' | 'providerC';

export const DEMO_ORGANISATION_IDS: Readonly<Record<OrganisationKey, string>> = Object.freeze({
  gemeenteA: demoUuid('organisation:gemeenteA'),
  gemeenteB: demoUuid('organisation:gemeenteB'),
  providerA: demoUuid('organisation:providerA'),
  providerB: demoUuid('organisation:providerB'),
  providerC: demoUuid('organisation:providerC'),
});

const ORGANISATIONS: readonly DemoOrganisation[] = [
  {
    id: DEMO_ORGANISATION_IDS.gemeenteA,
    name: 'Gemeente Hollands Kroon (A)',
    type: 'gemeente',
    municipality_code: '1911',
    kvk_number: null,
    email: 'burgerzaken-a@example.org',
  },
  {
    id: DEMO_ORGANISATION_IDS.gemeenteB,
    name: 'Gemeente Schagen (B)',
    type: 'gemeente',
    municipality_code: '0441',
    kvk_number: null,
    email: 'burgerzaken-b@example.org',
  },
  {
    id: DEMO_ORGANISATION_IDS.providerA,
    name: 'Polderlogies Noord B.V. (A)',
    type: 'huisvester',
    municipality_code: null,
    kvk_number: '90417263',
    email: 'planning@polderlogies.example.com',
  },
  {
    id: DEMO_ORGANISATION_IDS.providerB,
    name: 'Kop van Holland Huisvesting B.V. (B)',
    type: 'huisvester',
    municipality_code: null,
    kvk_number: '81536092',
    email: 'info@kopvanholland-huisvesting.example.com',
  },
  {
    id: DEMO_ORGANISATION_IDS.providerC,
    name: 'Bollenkwekerij De Zandpolder B.V. (C)',
    type: 'werkgever',
    municipality_code: null,
    kvk_number: '72094518',
    email: 'hr@zandpolder.example.com',
  },
];

// ---------------------------------------------------------------------------------------------------------
// Locations

interface LocationSeed {
  key: string;
  name: string;
  street: string;
  house_number: string;
  house_number_addition: string | null;
  postcode: string;
  city: string;
  bag_id: string | null;
  municipality: 'gemeenteA' | 'gemeenteB';
  provider: ProviderKey;
  capacity: number;
  latitude: number;
  longitude: number;
}

const LOCATION_SEEDS: readonly LocationSeed[] = [
  // Provider A: huisvester in Hollands Kroon (1911)
  {
    key: 'a-molenvaart',
    name: 'Logies Molenvaart',
    street: 'Molenvaart',
    house_number: '112',
    house_number_addition: null,
    postcode: '1761AK',
    city: 'Anna Paulowna',
    bag_id: '1911010000412367',
    municipality: 'gemeenteA',
    provider: 'providerA',
    capacity: 48,
    latitude: 52.862431,
    longitude: 4.836712,
  },
  {
    key: 'a-breezand',
    name: 'Pension Breezand',
    street: 'Kanaalweg',
    house_number: '21',
    house_number_addition: 'A',
    postcode: '1764GJ',
    city: 'Breezand',
    bag_id: null,
    municipality: 'gemeenteA',
    provider: 'providerA',
    capacity: 24,
    latitude: 52.885812,
    longitude: 4.804153,
  },
  {
    key: 'a-wieringerwerf',
    name: 'Huisvesting Bosweg',
    street: 'Bosweg',
    house_number: '7',
    house_number_addition: null,
    postcode: '1771CB',
    city: 'Wieringerwerf',
    bag_id: '1911010000538120',
    municipality: 'gemeenteA',
    provider: 'providerA',
    capacity: 60,
    latitude: 52.850467,
    longitude: 5.026984,
  },
  {
    key: 'a-hippolytushoef',
    name: 'Woonunits Westerland',
    street: 'Westerlandseweg',
    house_number: '3',
    house_number_addition: null,
    postcode: '1777NB',
    city: 'Hippolytushoef',
    bag_id: '1911010000690254',
    municipality: 'gemeenteA',
    provider: 'providerA',
    capacity: 16,
    latitude: 52.907713,
    longitude: 4.969581,
  },
  // Provider B: huisvester in Schagen (0441)
  {
    key: 'b-schagen',
    name: 'Logies Loet',
    street: 'Loet',
    house_number: '22',
    house_number_addition: null,
    postcode: '1741BN',
    city: 'Schagen',
    bag_id: '0441010000071835',
    municipality: 'gemeenteB',
    provider: 'providerB',
    capacity: 36,
    latitude: 52.788046,
    longitude: 4.801127,
  },
  {
    key: 'b-tuitjenhorn',
    name: 'Huisvesting Dorpsstraat',
    street: 'Dorpsstraat',
    house_number: '130',
    house_number_addition: null,
    postcode: '1747HG',
    city: 'Tuitjenhorn',
    bag_id: '0441010000129466',
    municipality: 'gemeenteB',
    provider: 'providerB',
    capacity: 28,
    latitude: 52.736512,
    longitude: 4.771964,
  },
  {
    key: 'b-warmenhuizen',
    name: 'Pension Oosterdijk',
    street: 'Oosterdijk',
    house_number: '8',
    house_number_addition: 'B',
    postcode: '1749CK',
    city: 'Warmenhuizen',
    bag_id: null,
    municipality: 'gemeenteB',
    provider: 'providerB',
    capacity: 20,
    latitude: 52.725318,
    longitude: 4.742506,
  },
  // Provider C: werkgever housing its own workers in both municipalities
  {
    key: 'c-agriport',
    name: 'Campus Agriport',
    street: 'Agriport',
    house_number: '210',
    house_number_addition: null,
    postcode: '1775TA',
    city: 'Middenmeer',
    bag_id: '1911010000801779',
    municipality: 'gemeenteA',
    provider: 'providerC',
    capacity: 120,
    latitude: 52.817344,
    longitude: 5.041862,
  },
  {
    key: 'c-slootdorp',
    name: 'Woningen Oostrak',
    street: 'Oostrak',
    house_number: '19',
    house_number_addition: null,
    postcode: '1774BE',
    city: 'Slootdorp',
    bag_id: '1911010000755301',
    municipality: 'gemeenteA',
    provider: 'providerC',
    capacity: 12,
    latitude: 52.842085,
    longitude: 4.972318,
  },
  {
    key: 'c-schagen',
    name: 'Werknemershuisvesting Regioweg',
    street: 'Regioweg',
    house_number: '80',
    house_number_addition: null,
    postcode: '1742LK',
    city: 'Schagen',
    bag_id: '0441010000163082',
    municipality: 'gemeenteB',
    provider: 'providerC',
    capacity: 64,
    latitude: 52.776482,
    longitude: 4.812593,
  },
];

const LOCATIONS: readonly DemoLocation[] = LOCATION_SEEDS.map((seed) => ({
  id: demoUuid(`location:${seed.key}`),
  name: seed.name,
  street: seed.street,
  house_number: seed.house_number,
  house_number_addition: seed.house_number_addition,
  postcode: seed.postcode,
  city: seed.city,
  bag_id: seed.bag_id,
  municipality: DEMO_ORGANISATION_IDS[seed.municipality],
  provider: DEMO_ORGANISATION_IDS[seed.provider],
  capacity: seed.capacity,
  latitude: seed.latitude,
  longitude: seed.longitude,
  active: true,
}));

// ---------------------------------------------------------------------------------------------------------
// Work sites: where the migrants work (all in the Kop van Noord-Holland)

interface WorkSite {
  address: string;
  postcode: string;
  city: string;
}

/** Provider C's own premises: its employees work here. */
const PROVIDER_C_SITES: readonly WorkSite[] = [
  { address: 'Agriport 185', postcode: '1775TA', city: 'Middenmeer' },
  { address: 'Regioweg 64', postcode: '1742LK', city: 'Schagen' },
];

/** Other (non-platform) employers near the huisvesters' locations. */
const AREA_SITES: Readonly<Record<'providerA' | 'providerB', readonly WorkSite[]>> = {
  providerA: [
    { address: 'Smerp 15', postcode: '1761LM', city: 'Anna Paulowna' },
    { address: 'Handelsweg 9', postcode: '1771RW', city: 'Wieringerwerf' },
    { address: 'Agriport 32', postcode: '1775TB', city: 'Middenmeer' },
    { address: 'Noorderdijk 46', postcode: '1764NP', city: 'Breezand' },
    { address: 'Oostrak 2', postcode: '1774BC', city: 'Slootdorp' },
  ],
  providerB: [
    { address: 'Witte Paal 312', postcode: '1742NG', city: 'Schagen' },
    { address: 'Kanaalweg 7', postcode: '1747GD', city: 'Tuitjenhorn' },
    { address: 'Dorpsstraat 402', postcode: '1749AH', city: 'Warmenhuizen' },
    { address: 'Westfriesedijk 11', postcode: '1746BA', city: 'Dirkshorn' },
    { address: 'Regioweg 21', postcode: '1742LJ', city: 'Schagen' },
  ],
};

// ---------------------------------------------------------------------------------------------------------
// People: names, languages, phones, home addresses per nationality

interface CityInCountry {
  name: string;
  /** '#' becomes a random digit. */
  postcode: string;
}

interface NationalityProfile {
  weight: number;
  language: LanguageCode;
  male: readonly string[];
  female: readonly string[];
  /** [male form, female form]. */
  surnames: readonly (readonly [string, string])[];
  /** Spanish: two surnames. */
  doubleSurname?: boolean;
  secondNameChance: number;
  /** '#' becomes a random digit. */
  phones: readonly string[];
  /** '#' digit, '@' capital letter. */
  idDocument: string;
  country: string;
  cities: readonly CityInCountry[];
  streets: readonly string[];
  /** Puts the street, number, postcode, city and country in the local order. */
  address: (street: string, number: number, postcode: string, city: string, country: string) => string;
}

function same(names: readonly string[]): readonly (readonly [string, string])[] {
  return names.map((n) => [n, n] as const);
}

const streetFirst = (street: string, n: number, pc: string, city: string, country: string): string =>
  `${street} ${n}, ${pc} ${city}, ${country}`;

const NATIONALITIES: Readonly<Record<NationalityCode, NationalityProfile>> = {
  PL: {
    weight: 40,
    language: 'pl',
    male: ['Piotr', 'Krzysztof', 'Tomasz', 'Paweł', 'Michał', 'Marcin', 'Łukasz', 'Kamil', 'Grzegorz', 'Mateusz', 'Adam', 'Jakub'],
    female: ['Anna', 'Katarzyna', 'Magdalena', 'Agnieszka', 'Joanna', 'Monika', 'Ewa', 'Aleksandra', 'Natalia'],
    surnames: [
      ['Nowak', 'Nowak'],
      ['Kowalski', 'Kowalska'],
      ['Wiśniewski', 'Wiśniewska'],
      ['Wójcik', 'Wójcik'],
      ['Kowalczyk', 'Kowalczyk'],
      ['Kamiński', 'Kamińska'],
      ['Lewandowski', 'Lewandowska'],
      ['Zieliński', 'Zielińska'],
      ['Szymański', 'Szymańska'],
      ['Woźniak', 'Woźniak'],
      ['Dąbrowski', 'Dąbrowska'],
      ['Mazur', 'Mazur'],
      ['Krawczyk', 'Krawczyk'],
    ],
    secondNameChance: 0.2,
    phones: ['+48 5## ### ###', '+48 6## ### ###', '+48 7## ### ###', '+48 88# ### ###'],
    idDocument: '@@@######',
    country: 'Polska',
    cities: [
      { name: 'Wrocław', postcode: '50-###' },
      { name: 'Poznań', postcode: '60-###' },
      { name: 'Lublin', postcode: '20-###' },
      { name: 'Rzeszów', postcode: '35-###' },
      { name: 'Opole', postcode: '45-###' },
      { name: 'Białystok', postcode: '15-###' },
    ],
    streets: ['ul. Długa', 'ul. Polna', 'ul. Leśna', 'ul. Słoneczna', 'ul. Mickiewicza', 'ul. Kościuszki'],
    address: streetFirst,
  },
  RO: {
    weight: 18,
    language: 'ro',
    male: ['Andrei', 'Ionuț', 'Mihai', 'Alexandru', 'Florin', 'Gheorghe', 'Constantin', 'Vasile', 'Ștefan', 'Cristian'],
    female: ['Elena', 'Ioana', 'Maria', 'Andreea', 'Mihaela', 'Alina', 'Gabriela', 'Cristina'],
    surnames: same(['Popescu', 'Ionescu', 'Popa', 'Pop', 'Radu', 'Dumitru', 'Stan', 'Stoica', 'Munteanu', 'Matei', 'Mureșan', 'Lungu']),
    secondNameChance: 0.15,
    phones: ['+40 72# ### ###', '+40 74# ### ###', '+40 75# ### ###', '+40 76# ### ###'],
    idDocument: '@@######',
    country: 'România',
    cities: [
      { name: 'Iași', postcode: '700###' },
      { name: 'Suceava', postcode: '720###' },
      { name: 'Bacău', postcode: '600###' },
      { name: 'Cluj-Napoca', postcode: '400###' },
      { name: 'Craiova', postcode: '200###' },
    ],
    streets: ['Strada Florilor', 'Strada Mihai Eminescu', 'Strada Unirii', 'Bulevardul Independenței', 'Strada Libertății'],
    address: streetFirst,
  },
  BG: {
    weight: 9,
    language: 'bg',
    male: ['Georgi', 'Ivan', 'Dimitar', 'Nikolay', 'Petar', 'Hristo', 'Stoyan', 'Todor'],
    female: ['Maria', 'Ivanka', 'Elena', 'Yordanka', 'Desislava', 'Gergana', 'Petya', 'Tsvetelina'],
    surnames: [
      ['Ivanov', 'Ivanova'],
      ['Georgiev', 'Georgieva'],
      ['Dimitrov', 'Dimitrova'],
      ['Petrov', 'Petrova'],
      ['Nikolov', 'Nikolova'],
      ['Hristov', 'Hristova'],
      ['Stoyanov', 'Stoyanova'],
      ['Todorov', 'Todorova'],
    ],
    secondNameChance: 0,
    phones: ['+359 87 ### ####', '+359 88 ### ####', '+359 89 ### ####'],
    idDocument: '#########',
    country: 'Bulgaria',
    cities: [
      { name: 'Sliven', postcode: '88##' },
      { name: 'Pleven', postcode: '58##' },
      { name: 'Burgas', postcode: '80##' },
      { name: 'Shumen', postcode: '97##' },
    ],
    streets: ['ul. Vasil Levski', 'ul. Hristo Botev', 'ul. Tsar Simeon', 'bul. Bulgaria'],
    address: streetFirst,
  },
  HU: {
    weight: 6,
    language: 'hu',
    male: ['László', 'István', 'Zoltán', 'Gábor', 'Attila', 'Péter', 'Tamás', 'Sándor'],
    female: ['Katalin', 'Erzsébet', 'Ildikó', 'Krisztina', 'Éva', 'Anikó', 'Zsuzsanna', 'Judit'],
    surnames: same(['Nagy', 'Kovács', 'Tóth', 'Szabó', 'Horváth', 'Varga', 'Kiss', 'Molnár', 'Németh', 'Farkas']),
    secondNameChance: 0.1,
    phones: ['+36 20 ### ####', '+36 30 ### ####', '+36 70 ### ####'],
    idDocument: '######@@',
    country: 'Magyarország',
    cities: [
      { name: 'Debrecen', postcode: '40##' },
      { name: 'Miskolc', postcode: '35##' },
      { name: 'Nyíregyháza', postcode: '44##' },
      { name: 'Szeged', postcode: '67##' },
    ],
    streets: ['Petőfi Sándor utca', 'Kossuth Lajos utca', 'Rákóczi út', 'Ady Endre utca'],
    address: streetFirst,
  },
  LT: {
    weight: 5,
    language: 'lt',
    male: ['Tomas', 'Mantas', 'Darius', 'Andrius', 'Jonas', 'Marius', 'Giedrius', 'Paulius'],
    female: ['Rūta', 'Jurgita', 'Inga', 'Laura', 'Kristina', 'Aistė', 'Eglė', 'Greta'],
    surnames: [
      ['Kazlauskas', 'Kazlauskienė'],
      ['Jankauskas', 'Jankauskaitė'],
      ['Petrauskas', 'Petrauskienė'],
      ['Stankevičius', 'Stankevičiūtė'],
      ['Vasiliauskas', 'Vasiliauskienė'],
      ['Žukauskas', 'Žukauskaitė'],
      ['Butkus', 'Butkienė'],
      ['Paulauskas', 'Paulauskaitė'],
    ],
    secondNameChance: 0.05,
    phones: ['+370 6## #####'],
    idDocument: '########',
    country: 'Lietuva',
    cities: [
      { name: 'Kaunas', postcode: 'LT-4####' },
      { name: 'Šiauliai', postcode: 'LT-7####' },
      { name: 'Panevėžys', postcode: 'LT-3####' },
      { name: 'Klaipėda', postcode: 'LT-9####' },
    ],
    streets: ['Vilniaus g.', 'Laisvės al.', 'Taikos pr.', 'Žalgirio g.'],
    address: streetFirst,
  },
  UA: {
    weight: 5,
    language: 'uk',
    male: ['Oleksandr', 'Andrii', 'Serhii', 'Volodymyr', 'Dmytro', 'Mykola', 'Vasyl', 'Yurii'],
    female: ['Olena', 'Nataliia', 'Tetiana', 'Iryna', 'Oksana', 'Svitlana', 'Yuliia', 'Mariia'],
    surnames: same(['Shevchenko', 'Kovalenko', 'Bondarenko', 'Tkachenko', 'Melnyk', 'Kravchenko', 'Boiko', 'Koval', 'Oliinyk', 'Moroz']),
    secondNameChance: 0,
    phones: ['+380 67 ### ## ##', '+380 50 ### ## ##', '+380 63 ### ## ##', '+380 93 ### ## ##'],
    idDocument: '@@######',
    country: 'Ukraine',
    cities: [
      { name: 'Lviv', postcode: '790##' },
      { name: 'Ternopil', postcode: '460##' },
      { name: 'Rivne', postcode: '330##' },
      { name: 'Vinnytsia', postcode: '210##' },
    ],
    streets: ['vul. Shevchenka', 'vul. Franka', 'vul. Hrushevskoho', 'vul. Sadova'],
    address: streetFirst,
  },
  LV: {
    weight: 3,
    language: 'lv',
    male: ['Jānis', 'Andris', 'Mārtiņš', 'Edgars', 'Kristaps', 'Raimonds', 'Artūrs', 'Roberts'],
    female: ['Anna', 'Ilze', 'Kristīne', 'Līga', 'Inese', 'Laura', 'Santa', 'Zane'],
    surnames: [
      ['Bērziņš', 'Bērziņa'],
      ['Kalniņš', 'Kalniņa'],
      ['Ozoliņš', 'Ozoliņa'],
      ['Jansons', 'Jansone'],
      ['Ozols', 'Ozola'],
      ['Liepiņš', 'Liepiņa'],
      ['Krūmiņš', 'Krūmiņa'],
      ['Balodis', 'Balode'],
    ],
    secondNameChance: 0.05,
    phones: ['+371 2### ####'],
    idDocument: '@@#######',
    country: 'Latvija',
    cities: [
      { name: 'Rīga', postcode: 'LV-10##' },
      { name: 'Daugavpils', postcode: 'LV-54##' },
      { name: 'Liepāja', postcode: 'LV-34##' },
      { name: 'Jelgava', postcode: 'LV-30##' },
    ],
    streets: ['Brīvības iela', 'Rīgas iela', 'Skolas iela', 'Dārza iela'],
    address: streetFirst,
  },
  SK: {
    weight: 3,
    language: 'sk',
    male: ['Peter', 'Martin', 'Marek', 'Ján', 'Tomáš', 'Michal', 'Jozef', 'Lukáš'],
    female: ['Mária', 'Zuzana', 'Jana', 'Katarína', 'Lucia', 'Eva', 'Veronika', 'Martina'],
    surnames: [
      ['Horváth', 'Horváthová'],
      ['Kováč', 'Kováčová'],
      ['Varga', 'Vargová'],
      ['Tóth', 'Tóthová'],
      ['Nagy', 'Nagyová'],
      ['Baláž', 'Balážová'],
      ['Molnár', 'Molnárová'],
      ['Lukáč', 'Lukáčová'],
    ],
    secondNameChance: 0.05,
    phones: ['+421 90# ### ###', '+421 91# ### ###', '+421 94# ### ###'],
    idDocument: '@@######',
    country: 'Slovensko',
    cities: [
      { name: 'Košice', postcode: '040 ##' },
      { name: 'Prešov', postcode: '080 ##' },
      { name: 'Nitra', postcode: '949 ##' },
      { name: 'Banská Bystrica', postcode: '974 ##' },
    ],
    streets: ['Hlavná', 'Školská', 'Námestie SNP', 'Štúrova'],
    address: streetFirst,
  },
  PT: {
    weight: 3,
    language: 'pt',
    male: ['João', 'José', 'António', 'Francisco', 'Rui', 'Pedro', 'Tiago', 'Bruno'],
    female: ['Maria', 'Ana', 'Sofia', 'Inês', 'Catarina', 'Joana', 'Beatriz', 'Rita'],
    surnames: same(['Silva', 'Santos', 'Ferreira', 'Pereira', 'Oliveira', 'Costa', 'Rodrigues', 'Martins', 'Sousa', 'Fernandes']),
    secondNameChance: 0.4,
    phones: ['+351 91# ### ###', '+351 92# ### ###', '+351 93# ### ###', '+351 96# ### ###'],
    idDocument: '########',
    country: 'Portugal',
    cities: [
      { name: 'Porto', postcode: '4###-###' },
      { name: 'Braga', postcode: '47##-###' },
      { name: 'Coimbra', postcode: '30##-###' },
      { name: 'Viseu', postcode: '35##-###' },
    ],
    streets: ['Rua da Liberdade', 'Rua do Comércio', 'Avenida da República', 'Rua de Santo António'],
    address: streetFirst,
  },
  CZ: {
    weight: 2,
    language: 'cs',
    male: ['Jiří', 'Jan', 'Petr', 'Josef', 'Pavel', 'Martin', 'Tomáš', 'Jaroslav'],
    female: ['Jana', 'Marie', 'Eva', 'Hana', 'Anna', 'Lenka', 'Kateřina', 'Lucie'],
    surnames: [
      ['Novák', 'Nováková'],
      ['Svoboda', 'Svobodová'],
      ['Novotný', 'Novotná'],
      ['Dvořák', 'Dvořáková'],
      ['Černý', 'Černá'],
      ['Procházka', 'Procházková'],
      ['Kučera', 'Kučerová'],
      ['Veselý', 'Veselá'],
    ],
    secondNameChance: 0.05,
    phones: ['+420 60# ### ###', '+420 72# ### ###', '+420 77# ### ###'],
    idDocument: '#########',
    country: 'Česko',
    cities: [
      { name: 'Ostrava', postcode: '70# ##' },
      { name: 'Brno', postcode: '60# ##' },
      { name: 'Olomouc', postcode: '77# ##' },
      { name: 'Zlín', postcode: '760 ##' },
    ],
    streets: ['Masarykova', 'Nádražní', 'Husova', 'Palackého'],
    address: streetFirst,
  },
  ES: {
    weight: 2,
    language: 'es',
    male: ['Antonio', 'Manuel', 'José', 'Francisco', 'David', 'Javier', 'Daniel', 'Carlos', 'Alejandro'],
    female: ['María', 'Carmen', 'Lucía', 'Laura', 'Marta', 'Elena', 'Paula', 'Cristina'],
    surnames: same(['García', 'Rodríguez', 'González', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Martín']),
    doubleSurname: true,
    secondNameChance: 0.3,
    phones: ['+34 6## ### ###', '+34 7## ### ###'],
    idDocument: '########@',
    country: 'España',
    cities: [
      { name: 'Murcia', postcode: '300##' },
      { name: 'Almería', postcode: '040##' },
      { name: 'Huelva', postcode: '210##' },
      { name: 'Valencia', postcode: '460##' },
    ],
    streets: ['Calle Mayor', 'Calle Real', 'Avenida de la Constitución', 'Calle San Juan'],
    address: (street, n, pc, city, country) => `${street}, ${n}, ${pc} ${city}, ${country}`,
  },
  GR: {
    weight: 2,
    language: 'el',
    male: ['Georgios', 'Dimitrios', 'Konstantinos', 'Ioannis', 'Nikolaos', 'Panagiotis', 'Christos', 'Vasileios'],
    female: ['Maria', 'Eleni', 'Aikaterini', 'Vasiliki', 'Sofia', 'Angeliki', 'Georgia', 'Dimitra'],
    surnames: [
      ['Papadopoulos', 'Papadopoulou'],
      ['Papageorgiou', 'Papageorgiou'],
      ['Oikonomou', 'Oikonomou'],
      ['Nikolaidis', 'Nikolaidou'],
      ['Georgiou', 'Georgiou'],
      ['Karagiannis', 'Karagianni'],
      ['Papadakis', 'Papadaki'],
      ['Vlachos', 'Vlachou'],
    ],
    secondNameChance: 0,
    phones: ['+30 69# ### ####'],
    idDocument: '@@ ######',
    country: 'Ellada',
    cities: [
      { name: 'Thessaloniki', postcode: '54# ##' },
      { name: 'Larisa', postcode: '41# ##' },
      { name: 'Patra', postcode: '26# ##' },
    ],
    streets: ['Odos Egnatias', 'Odos Ermou', 'Odos Venizelou', 'Odos Kolokotroni'],
    address: streetFirst,
  },
  HR: {
    weight: 2,
    language: 'en',
    male: ['Ivan', 'Marko', 'Luka', 'Josip', 'Ante', 'Tomislav', 'Matej'],
    female: ['Ana', 'Ivana', 'Marija', 'Petra', 'Maja', 'Katarina'],
    surnames: same(['Horvat', 'Kovačević', 'Babić', 'Marić', 'Jurić', 'Novak', 'Knežević', 'Vuković']),
    secondNameChance: 0,
    phones: ['+385 91 ### ####', '+385 95 ### ####', '+385 98 ### ####'],
    idDocument: '#########',
    country: 'Hrvatska',
    cities: [
      { name: 'Osijek', postcode: '310##' },
      { name: 'Slavonski Brod', postcode: '350##' },
      { name: 'Vukovar', postcode: '320##' },
    ],
    streets: ['Ilica', 'Vukovarska ulica', 'Ulica kralja Zvonimira', 'Radićeva ulica'],
    address: streetFirst,
  },
};

const NATIONALITY_WEIGHTS: readonly (readonly [NationalityCode, number])[] = (
  Object.keys(NATIONALITIES) as NationalityCode[]
).map((code) => [code, NATIONALITIES[code].weight] as const);

/** The consent-page language for a nationality: its own language when the platform has it, else English. */
export function languageForNationality(nationality: string): LanguageCode {
  const profile = (NATIONALITIES as Readonly<Record<string, NationalityProfile | undefined>>)[nationality];
  return profile?.language ?? 'en';
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
const REGISTERED: ReadonlySet<BrpStatus> = new Set<BrpStatus>(['ingeschreven', 'rni', 'vertrek_gemeld', 'uitgeschreven']);

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
// Users

interface UserSeed extends Omit<DemoUser, 'id' | 'organisation'> {
  key: string;
  organisation: OrganisationKey | null;
}

const USER_SEEDS: readonly UserSeed[] = [
  { key: 'admin', email: 'admin@example.org', first_name: 'Ada', last_name: 'Beheer', role: 'administrator', organisation: null, language: 'nl-NL' },
  { key: 'clerk-a', email: 'clerk-a@example.org', first_name: 'Sanne', last_name: 'de Vries', role: 'clerk', organisation: 'gemeenteA', language: 'nl-NL' },
  { key: 'clerk-b', email: 'clerk-b@example.org', first_name: 'Bram', last_name: 'Visser', role: 'clerk', organisation: 'gemeenteB', language: 'nl-NL' },
  { key: 'provider-a', email: 'provider-a@example.org', first_name: 'Kees', last_name: 'Bakker', role: 'provider', organisation: 'providerA', language: 'nl-NL' },
  { key: 'provider-b', email: 'provider-b@example.org', first_name: 'Joanna', last_name: 'Mazur', role: 'provider', organisation: 'providerB', language: 'en-US' },
  { key: 'inspector-a', email: 'inspector-a@example.org', first_name: 'Pieter', last_name: 'Smit', role: 'inspector', organisation: 'gemeenteA', language: 'nl-NL' },
  { key: 'policy-a', email: 'policy-a@example.org', first_name: 'Fatima', last_name: 'El Amrani', role: 'policy_officer', organisation: 'gemeenteA', language: 'nl-NL' },
  { key: 'beheer-a', email: 'beheer-a@example.org', first_name: 'Anouk', last_name: 'Visser', role: 'municipality_admin', organisation: 'gemeenteA', language: 'nl-NL' },
];

const USERS: readonly DemoUser[] = USER_SEEDS.map(({ key, organisation, ...user }) => ({
  id: demoUuid(`user:${key}`),
  ...user,
  organisation: organisation === null ? null : DEMO_ORGANISATION_IDS[organisation],
}));

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
    homeAddress = profile.address(rng.pick(profile.streets), rng.int(1, 180), rng.template(city.postcode), city.name, profile.country);
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
  if (!Number.isInteger(migrantCount) || migrantCount < 0) throw new RangeError(`migrantCount must be a whole number >= 0`);
  const seed = (options.seed ?? DEFAULT_SEED) >>> 0;
  const rng = new Prng(seed);

  // Statuses in exact proportions, shuffled over the migrants.
  const statusCounts = apportion(migrantCount, STATUS_WEIGHTS);
  const statuses = rng.shuffle(BRP_STATUSES.flatMap((s) => Array<BrpStatus>(statusCounts.get(s) ?? 0).fill(s)));

  // About 60% have a BSN: everyone who is or was registered, topped up at random from the others.
  const bsnTarget = Math.round(migrantCount * 0.6);
  const hasBsn = statuses.map((s) => REGISTERED.has(s));
  const others = rng.shuffle(statuses.map((s, i) => (REGISTERED.has(s) ? -1 : i)).filter((i) => i >= 0));
  for (let k = 0, missing = bsnTarget - hasBsn.filter(Boolean).length; k < others.length && missing > 0; k++, missing--) {
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
      throw new RangeError(`Not enough beds for ${migrantCount} migrants (ran out at migrant ${i}); lower migrantCount`);
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
