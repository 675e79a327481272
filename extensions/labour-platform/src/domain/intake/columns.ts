/**
 * The column matcher: finds the header row of a sheet and matches its headers to the intake's fields, in Dutch and
 * English and close variants ("Voornaam", "first name", "BSN-nummer", "Geb. datum"), ignoring case, spaces,
 * punctuation and accents. The caller may correct the match; a provider's earlier corrections are remembered.
 * Plain module: no Directus import.
 */
import { fieldLabel } from '../labels';
import { localised } from '../ui-language';
import type { IntakeColumn, IntakeField, IntakeFieldInfo, IntakeMappingCorrection } from './contract';

/** A cell as a parser hands it over. */
export type Cell = string | number | boolean | Date | null;

/** The fields in template order. */
export const INTAKE_FIELDS: readonly IntakeField[] = Object.freeze([
  'external_reference',
  'bsn',
  'first_names',
  'surname',
  'date_of_birth',
  'gender',
  'nationality',
  'email',
  'phone',
  'home_address',
  'id_document_number',
  'language',
  'location',
  'arrival_date',
  'expected_departure_date',
  'departure_date',
  'work_address',
  'work_postcode',
  'work_city',
] as const);

/** Columns a file must have: the migrant's required fields and the location of the stay. */
export const REQUIRED_COLUMNS: readonly IntakeField[] = Object.freeze([
  'first_names',
  'surname',
  'date_of_birth',
  'arrival_date',
  'location',
] as const);

const ALIASES: Readonly<Record<IntakeField, readonly string[]>> = {
  external_reference: [
    'referentie',
    'eigen referentie',
    'own reference',
    'reference',
    'external reference',
    'ref',
    'personeelsnummer',
    'personeelsnr',
    'employee number',
    'employee id',
    'relatienummer',
    'registratienummer',
    'id',
  ],
  bsn: ['bsn', 'bsn nummer', 'bsn nr', 'burgerservicenummer', 'citizen service number', 'sofinummer', 'sofi nummer'],
  first_names: [
    'voornaam',
    'voornamen',
    'first name',
    'first names',
    'firstname',
    'given name',
    'given names',
    'forename',
    'roepnaam',
  ],
  surname: ['achternaam', 'geslachtsnaam', 'familienaam', 'surname', 'last name', 'lastname', 'family name', 'naam'],
  date_of_birth: [
    'geboortedatum',
    'geb datum',
    'gebdatum',
    'geboren',
    'geboren op',
    'date of birth',
    'birth date',
    'birthdate',
    'dob',
    'born',
  ],
  gender: ['geslacht', 'gender', 'sex', 'm v'],
  nationality: ['nationaliteit', 'nationality', 'land van herkomst', 'country', 'citizenship'],
  email: ['email', 'e mail', 'emailadres', 'e mailadres', 'email address', 'e mail address', 'mail'],
  phone: [
    'telefoon',
    'telefoonnummer',
    'tel',
    'tel nr',
    'mobiel',
    'mobile',
    'phone',
    'phone number',
    'telephone',
    'gsm',
  ],
  home_address: [
    'adres herkomstland',
    'adres in land van herkomst',
    'adres thuisland',
    'home address',
    'address in home country',
    'home country address',
  ],
  id_document_number: [
    'documentnummer',
    'paspoortnummer',
    'id nummer',
    'documentnummer identiteitsbewijs',
    'id document number',
    'document number',
    'passport number',
    'id number',
  ],
  language: ['taal', 'language', 'voertaal'],
  location: [
    'locatie',
    'huisvestingslocatie',
    'woonlocatie',
    'verblijfslocatie',
    'naam locatie',
    'location',
    'housing location',
    'accommodation',
    'location name',
    'adres locatie',
  ],
  arrival_date: [
    'aankomstdatum',
    'datum aankomst',
    'aankomst',
    'startdatum',
    'ingangsdatum',
    'arrival date',
    'arrival',
    'date of arrival',
    'start date',
    'check in',
    'incheckdatum',
  ],
  expected_departure_date: [
    'verwachte vertrekdatum',
    'verwacht vertrek',
    'einddatum contract',
    'expected departure date',
    'expected departure',
    'planned departure',
  ],
  departure_date: [
    'vertrekdatum',
    'datum vertrek',
    'vertrek',
    'einddatum',
    'departure date',
    'departure',
    'date of departure',
    'end date',
    'check out',
    'uitcheckdatum',
  ],
  work_address: ['werkadres', 'adres werk', 'work address', 'workplace address'],
  work_postcode: ['postcode werkadres', 'postcode werk', 'work postcode', 'work address postcode', 'work zip'],
  work_city: ['plaats werkadres', 'plaats werk', 'werkplaats', 'work city', 'work town', 'work address town'],
};

/** "Geb. datum" → "gebdatum": accents, case, spaces and punctuation removed (NFKD, then letters and digits only). */
export function normaliseHeader(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

const ALIAS_INDEX: ReadonlyMap<string, IntakeField> = (() => {
  const index = new Map<string, IntakeField>();
  for (const field of INTAKE_FIELDS) {
    for (const alias of [...ALIASES[field], intakeFieldLabel(field).nl, intakeFieldLabel(field).en]) {
      const key = normaliseHeader(alias);
      if (key !== '' && !index.has(key)) index.set(key, field);
    }
  }
  return index;
})();

function editDistanceAtMostOne(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

/** The field a header names, or null. Exact after normalising; else one typo away from an alias of 6+ letters. */
export function matchHeader(header: string): IntakeField | null {
  const key = normaliseHeader(header);
  if (key === '') return null;
  const exact = ALIAS_INDEX.get(key);
  if (exact !== undefined) return exact;
  for (const [alias, field] of ALIAS_INDEX) if (alias.length >= 6 && editDistanceAtMostOne(alias, key)) return field;
  return null;
}

export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

export function isEmptyRow(cells: readonly Cell[]): boolean {
  return cells.every((cell) => cellText(cell) === '');
}

/**
 * The header row: among the first `scan` rows, the one whose cells name the most distinct fields (at least two);
 * a title row above it names none or one. Null when no row looks like a header.
 */
export function findHeaderRow(rows: readonly (readonly Cell[])[], scan = 20): number | null {
  let best: number | null = null;
  let bestCount = 1;
  for (let r = 0; r < Math.min(rows.length, scan); r++) {
    const fields = new Set(
      rows[r]!.map((cell) => (typeof cell === 'string' ? matchHeader(cell) : null)).filter((f) => f !== null),
    );
    if (fields.size > bestCount) {
      best = r;
      bestCount = fields.size;
    }
  }
  return best;
}

/** The mapping a provider's earlier import remembers: normalised header → field (null: the column was ignored). */
export type RememberedMapping = Readonly<Record<string, IntakeField | null>>;

export function isIntakeField(value: unknown): value is IntakeField {
  return typeof value === 'string' && (INTAKE_FIELDS as readonly string[]).includes(value);
}

/**
 * Matches each header to a field: the caller's correction first (by header text or column index), then the
 * provider's remembered mapping, then the header itself. A field is used once: a later column naming it again is
 * ignored.
 */
export function matchColumns(
  headers: readonly Cell[],
  remembered: RememberedMapping = {},
  correction: IntakeMappingCorrection = {},
): IntakeColumn[] {
  const corrections = new Map<string, IntakeField | null>();
  for (const [key, field] of Object.entries(correction))
    corrections.set(/^\d+$/.test(key) ? `#${key}` : normaliseHeader(key), field);
  const used = new Set<IntakeField>();
  const columns: IntakeColumn[] = [];
  headers.forEach((cell, index) => {
    const header = cellText(cell);
    const key = normaliseHeader(header);
    let field: IntakeField | null = null;
    let source: IntakeColumn['source'] = 'none';
    const corrected = corrections.get(`#${index}`) ?? (key !== '' ? corrections.get(key) : undefined);
    if (corrected !== undefined || corrections.has(`#${index}`) || (key !== '' && corrections.has(key))) {
      field = corrected ?? null;
      source = 'mapping';
    } else if (key !== '' && Object.prototype.hasOwnProperty.call(remembered, key)) {
      field = remembered[key] ?? null;
      source = 'remembered';
    } else {
      field = matchHeader(header);
      source = field === null ? 'none' : 'header';
    }
    if (field !== null && used.has(field)) {
      field = null;
      source = 'none';
    }
    if (field !== null) used.add(field);
    if (header !== '' || field !== null) columns.push({ index, header, field, source });
  });
  return columns;
}

/** The required fields that no column provides. */
export function missingColumns(columns: readonly IntakeColumn[]): IntakeField[] {
  const present = new Set(columns.map((column) => column.field));
  return REQUIRED_COLUMNS.filter((field) => !present.has(field));
}

/** What to remember of a mapping: every header with a name, by its normalised text. */
export function mappingToRemember(columns: readonly IntakeColumn[]): Record<string, IntakeField | null> {
  const remembered: Record<string, IntakeField | null> = {};
  for (const column of columns) {
    const key = normaliseHeader(column.header);
    if (key !== '' && column.source !== 'header') remembered[key] = column.field;
  }
  return remembered;
}

/** A validated mapping correction from untrusted JSON, or null when it is not one. */
export function parseMappingCorrection(value: unknown): IntakeMappingCorrection | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const result: IntakeMappingCorrection = {};
  for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
    if (key.length > 200) return null;
    if (field !== null && !isIntakeField(field)) return null;
    result[key] = field;
  }
  return result;
}

/** The Dutch and English header of a field (the template's headers). */
export function intakeFieldLabel(field: IntakeField): { nl: string; en: string } {
  if (field === 'external_reference') return localised('Eigen referentie', 'Own reference');
  if (field === 'location') return localised('Locatie', 'Location');
  return localised(fieldLabel('migrants', field, 'nl'), fieldLabel('migrants', field, 'en'));
}

export function intakeFieldInfo(): IntakeFieldInfo[] {
  return INTAKE_FIELDS.map((field) => ({
    field,
    required: REQUIRED_COLUMNS.includes(field),
    label: intakeFieldLabel(field),
    aliases: [...new Set(ALIASES[field].map(normaliseHeader))],
  }));
}
