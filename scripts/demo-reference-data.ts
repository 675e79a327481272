/**
 * The reference data of the demo: the municipalities and providers, their housing locations, the work sites
 * near them, the nationalities with their names, languages, phones and home addresses, and the demo logins.
 * Facts, not generated: scripts/demo-data.ts builds the migrants and their stays from them, and tests import
 * them (the ids, the municipalities, the locations) instead of repeating them.
 *
 * Pure module: no I/O. Everything is fictitious: KvK numbers, BAG ids, phone numbers and home addresses are made
 * up, and e-mail addresses use example.org/example.com.
 */
import { createHash } from 'node:crypto';
import { SUPPORTED_LANGUAGE_CODES, type SupportedLanguage } from '../extensions/labour-platform/src/domain/languages';
import {
  BRP_STATUSES,
  type BrpStatus,
  type Gender,
  type OrganisationType,
} from '../extensions/labour-platform/src/domain/vocabulary';

// ---------------------------------------------------------------------------------------------------------
// Types

export type IsoDate = string;

export { BRP_STATUSES, type BrpStatus, type Gender, type OrganisationType };
export const LANGUAGES = SUPPORTED_LANGUAGE_CODES;
export type LanguageCode = SupportedLanguage;

export type DemoRole = 'administrator' | 'clerk' | 'provider' | 'inspector' | 'policy_officer' | 'municipality_admin';

export type NationalityCode = 'PL' | 'RO' | 'BG' | 'HU' | 'LT' | 'UA' | 'LV' | 'SK' | 'PT' | 'CZ' | 'ES' | 'GR' | 'HR';

export interface DemoOrganisation {
  id: string;
  name: string;
  type: OrganisationType;
  /** 4 digits, only for gemeenten. */
  municipality_code: string | null;
  /** 8 digits, fictitious; null for gemeenten. */
  kvk_number: string | null;
  email: string | null;
  /** The privacy notice's controller, its contact and its data protection officer: gemeenten only. */
  controller_name: string | null;
  controller_contact: string | null;
  dpo_contact: string | null;
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

// ---------------------------------------------------------------------------------------------------------
// Ids

/** A v4-shaped UUID from a SHA-256 hash of a stable key. */
export function demoUuid(key: string): string {
  const bytes = createHash('sha256').update(`labour-platform-demo:${key}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

// ---------------------------------------------------------------------------------------------------------
// Organisations

export type OrganisationKey = 'gemeenteA' | 'gemeenteB' | 'providerA' | 'providerB' | 'providerC';
export type ProviderKey = 'providerA' | 'providerB' | 'providerC';

export const DEMO_ORGANISATION_IDS: Readonly<Record<OrganisationKey, string>> = Object.freeze({
  gemeenteA: demoUuid('organisation:gemeenteA'),
  gemeenteB: demoUuid('organisation:gemeenteB'),
  providerA: demoUuid('organisation:providerA'),
  providerB: demoUuid('organisation:providerB'),
  providerC: demoUuid('organisation:providerC'),
});

export const ORGANISATIONS: readonly DemoOrganisation[] = [
  {
    id: DEMO_ORGANISATION_IDS.gemeenteA,
    name: 'Gemeente Hollands Kroon (A)',
    type: 'gemeente',
    municipality_code: '1911',
    kvk_number: null,
    email: 'burgerzaken-a@example.org',
    controller_name: 'College van burgemeester en wethouders van Hollands Kroon (A)',
    controller_contact: 'privacy-a@example.org, Postbus 8, 1760 AA Anna Paulowna',
    dpo_contact: 'fg-a@example.org',
  },
  {
    id: DEMO_ORGANISATION_IDS.gemeenteB,
    name: 'Gemeente Schagen (B)',
    type: 'gemeente',
    municipality_code: '0441',
    kvk_number: null,
    email: 'burgerzaken-b@example.org',
    controller_name: 'College van burgemeester en wethouders van Schagen (B)',
    controller_contact: 'privacy-b@example.org, Postbus 8, 1740 AA Schagen',
    dpo_contact: 'fg-b@example.org',
  },
  {
    id: DEMO_ORGANISATION_IDS.providerA,
    name: 'Polderlogies Noord B.V. (A)',
    type: 'huisvester',
    municipality_code: null,
    kvk_number: '90417263',
    email: 'planning@polderlogies.example.com',
    controller_name: null,
    controller_contact: null,
    dpo_contact: null,
  },
  {
    id: DEMO_ORGANISATION_IDS.providerB,
    name: 'Kop van Holland Huisvesting B.V. (B)',
    type: 'huisvester',
    municipality_code: null,
    kvk_number: '81536092',
    email: 'info@kopvanholland-huisvesting.example.com',
    controller_name: null,
    controller_contact: null,
    dpo_contact: null,
  },
  {
    id: DEMO_ORGANISATION_IDS.providerC,
    name: 'Bollenkwekerij De Zandpolder B.V. (C)',
    type: 'werkgever',
    municipality_code: null,
    kvk_number: '72094518',
    email: 'hr@zandpolder.example.com',
    controller_name: null,
    controller_contact: null,
    dpo_contact: null,
  },
];

// ---------------------------------------------------------------------------------------------------------
// Locations

export interface LocationSeed {
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

export const LOCATION_SEEDS: readonly LocationSeed[] = [
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

export const LOCATIONS: readonly DemoLocation[] = LOCATION_SEEDS.map((seed) => ({
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

export interface WorkSite {
  address: string;
  postcode: string;
  city: string;
}

/** Provider C's own premises: its employees work here. */
export const PROVIDER_C_SITES: readonly WorkSite[] = [
  { address: 'Agriport 185', postcode: '1775TA', city: 'Middenmeer' },
  { address: 'Regioweg 64', postcode: '1742LK', city: 'Schagen' },
];

/** Other (non-platform) employers near the huisvesters' locations. */
export const AREA_SITES: Readonly<Record<'providerA' | 'providerB', readonly WorkSite[]>> = {
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

export interface CityInCountry {
  name: string;
  /** '#' becomes a random digit. */
  postcode: string;
}

export interface NationalityProfile {
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

export function same(names: readonly string[]): readonly (readonly [string, string])[] {
  return names.map((n) => [n, n] as const);
}

export const streetFirst = (street: string, n: number, pc: string, city: string, country: string): string =>
  `${street} ${n}, ${pc} ${city}, ${country}`;

export const NATIONALITIES: Readonly<Record<NationalityCode, NationalityProfile>> = {
  PL: {
    weight: 40,
    language: 'pl',
    male: [
      'Piotr',
      'Krzysztof',
      'Tomasz',
      'Paweł',
      'Michał',
      'Marcin',
      'Łukasz',
      'Kamil',
      'Grzegorz',
      'Mateusz',
      'Adam',
      'Jakub',
    ],
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
    surnames: same([
      'Popescu',
      'Ionescu',
      'Popa',
      'Pop',
      'Radu',
      'Dumitru',
      'Stan',
      'Stoica',
      'Munteanu',
      'Matei',
      'Mureșan',
      'Lungu',
    ]),
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
    streets: [
      'Strada Florilor',
      'Strada Mihai Eminescu',
      'Strada Unirii',
      'Bulevardul Independenței',
      'Strada Libertății',
    ],
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
    surnames: same([
      'Shevchenko',
      'Kovalenko',
      'Bondarenko',
      'Tkachenko',
      'Melnyk',
      'Kravchenko',
      'Boiko',
      'Koval',
      'Oliinyk',
      'Moroz',
    ]),
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
    surnames: same([
      'Silva',
      'Santos',
      'Ferreira',
      'Pereira',
      'Oliveira',
      'Costa',
      'Rodrigues',
      'Martins',
      'Sousa',
      'Fernandes',
    ]),
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
    surnames: same([
      'García',
      'Rodríguez',
      'González',
      'Fernández',
      'López',
      'Martínez',
      'Sánchez',
      'Pérez',
      'Gómez',
      'Martín',
    ]),
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

export const NATIONALITY_WEIGHTS: readonly (readonly [NationalityCode, number])[] = (
  Object.keys(NATIONALITIES) as NationalityCode[]
).map((code) => [code, NATIONALITIES[code].weight] as const);

/** The consent-page language for a nationality: its own language when the platform has it, else English. */
export function languageForNationality(nationality: string): LanguageCode {
  const profile = (NATIONALITIES as Readonly<Record<string, NationalityProfile | undefined>>)[nationality];
  return profile?.language ?? 'en';
}

// ---------------------------------------------------------------------------------------------------------
// Users

export interface UserSeed extends Omit<DemoUser, 'id' | 'organisation'> {
  key: string;
  organisation: OrganisationKey | null;
}

export const USER_SEEDS: readonly UserSeed[] = [
  {
    key: 'admin',
    email: 'admin@example.org',
    first_name: 'Ada',
    last_name: 'Beheer',
    role: 'administrator',
    organisation: null,
    language: 'nl-NL',
  },
  {
    key: 'clerk-a',
    email: 'clerk-a@example.org',
    first_name: 'Sanne',
    last_name: 'de Vries',
    role: 'clerk',
    organisation: 'gemeenteA',
    language: 'nl-NL',
  },
  {
    key: 'clerk-b',
    email: 'clerk-b@example.org',
    first_name: 'Bram',
    last_name: 'Visser',
    role: 'clerk',
    organisation: 'gemeenteB',
    language: 'nl-NL',
  },
  {
    key: 'provider-a',
    email: 'provider-a@example.org',
    first_name: 'Kees',
    last_name: 'Bakker',
    role: 'provider',
    organisation: 'providerA',
    language: 'nl-NL',
  },
  {
    key: 'provider-b',
    email: 'provider-b@example.org',
    first_name: 'Joanna',
    last_name: 'Mazur',
    role: 'provider',
    organisation: 'providerB',
    language: 'en-US',
  },
  {
    key: 'inspector-a',
    email: 'inspector-a@example.org',
    first_name: 'Pieter',
    last_name: 'Smit',
    role: 'inspector',
    organisation: 'gemeenteA',
    language: 'nl-NL',
  },
  {
    key: 'policy-a',
    email: 'policy-a@example.org',
    first_name: 'Fatima',
    last_name: 'El Amrani',
    role: 'policy_officer',
    organisation: 'gemeenteA',
    language: 'nl-NL',
  },
  {
    key: 'beheer-a',
    email: 'beheer-a@example.org',
    first_name: 'Anouk',
    last_name: 'Visser',
    role: 'municipality_admin',
    organisation: 'gemeenteA',
    language: 'nl-NL',
  },
];

export const USERS: readonly DemoUser[] = USER_SEEDS.map(({ key, organisation, ...user }) => ({
  id: demoUuid(`user:${key}`),
  ...user,
  organisation: organisation === null ? null : DEMO_ORGANISATION_IDS[organisation],
}));
