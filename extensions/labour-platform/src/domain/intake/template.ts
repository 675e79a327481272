/**
 * The import template a provider downloads (GET /intake/template.xlsx): its columns with their headers in Dutch
 * and English, the example row, and the values of its drop-down lists. The headers are the words the column
 * matcher of the upload recognises, so a filled-in template is matched without corrections. The sheet itself is
 * written by glue/intake/template.ts (exceljs).
 * Plain module: no Directus import.
 */
import { COMMON_NATIONALITIES, countryName, nationalityOrder } from '../countries';
import type { IntakeField } from './contract';
import { intakeFieldLabel } from './columns';
import { choiceLabel } from '../labels';
import { localised, type LocalisedText, type UiLanguage } from '../ui-language';

/** What a column holds; decides its drop-down list, its number format and its width. */
export type TemplateColumnKind = 'text' | 'bsn' | 'date' | 'nationality' | 'location' | 'gender';

export interface TemplateColumn {
  /** The intake's name of the value (IntakeField: the migrant's field, `external_reference` or `location`). */
  key: IntakeField;
  kind: TemplateColumnKind;
  required: boolean;
  header: LocalisedText;
  /** One line of help, shown on the instructions sheet and as the header cell's note. */
  help: LocalisedText;
}

/** A column; its header is the intake's own name of the field (domain/intake/columns.ts), which its matcher knows. */
const templateColumn = (
  field: IntakeField,
  kind: TemplateColumnKind,
  required: boolean,
  help: LocalisedText,
): TemplateColumn => ({
  key: field,
  kind,
  required,
  header: intakeFieldLabel(field),
  help,
});

/** The template's columns, in the order of the sheet. */
export const TEMPLATE_COLUMNS: readonly TemplateColumn[] = Object.freeze([
  templateColumn(
    'external_reference',
    'text',
    false,
    localised(
      'Uw eigen vaste nummer voor deze persoon (bijvoorbeeld het personeelsnummer). Zo herkent het platform de persoon bij een volgende lijst.',
      'Your own fixed number for this person (for example the staff number). It lets the platform recognise the person in a next list.',
    ),
  ),
  templateColumn('surname', 'text', true, localised('Zoals in het identiteitsbewijs.', 'As in the identity document.')),
  templateColumn(
    'first_names',
    'text',
    true,
    localised('Alle voornamen, zoals in het identiteitsbewijs.', 'All first names, as in the identity document.'),
  ),
  templateColumn(
    'bsn',
    'bsn',
    false,
    localised(
      '9 cijfers; laat leeg als de persoon nog geen BSN heeft.',
      '9 digits; leave empty when the person has no BSN yet.',
    ),
  ),
  templateColumn(
    'date_of_birth',
    'date',
    true,
    localised('Als datum, of als dd-mm-jjjj.', 'As a date, or as dd-mm-yyyy.'),
  ),
  templateColumn('gender', 'gender', false, localised('Kies uit de lijst.', 'Choose from the list.')),
  templateColumn('nationality', 'nationality', true, localised('Kies uit de lijst.', 'Choose from the list.')),
  templateColumn(
    'email',
    'text',
    false,
    localised('Voor de uitnodiging voor de machtiging.', 'For the consent invitation.'),
  ),
  templateColumn(
    'phone',
    'text',
    false,
    localised('Met landnummer, bijvoorbeeld +48 600 000 000.', 'With the country code, for example +48 600 000 000.'),
  ),
  templateColumn(
    'location',
    'location',
    true,
    localised(
      'De huisvestingslocatie waar de persoon verblijft; kies uit de lijst.',
      'The housing location where the person stays; choose from the list.',
    ),
  ),
  templateColumn(
    'arrival_date',
    'date',
    true,
    localised('De dag van aankomst op de locatie.', 'The day of arrival at the location.'),
  ),
  templateColumn('expected_departure_date', 'date', false, localised('Als die bekend is.', 'When it is known.')),
  templateColumn(
    'work_address',
    'text',
    false,
    localised('Straat en huisnummer van het werk.', 'Street and house number of the work.'),
  ),
  templateColumn('work_postcode', 'text', false, localised('Bijvoorbeeld 1234AB.', 'For example 1234AB.')),
  templateColumn('work_city', 'text', false, localised('Plaats van het werk.', 'Town of the work.')),
]);

/** The values of the example row (dates as ISO dates; the sheet writes them as real dates). */
export function exampleRow(location: string | null): Readonly<Partial<Record<IntakeField, string>>> {
  return {
    external_reference: 'P-0001',
    surname: 'Kowalska',
    first_names: 'Anna Maria',
    bsn: '999993653',
    date_of_birth: '1994-05-17',
    gender: 'V',
    nationality: 'PL',
    email: 'anna.kowalska@example.org',
    phone: '+48 600 000 000',
    location: location ?? '',
    arrival_date: '2026-03-02',
    expected_departure_date: '2026-10-30',
    work_address: 'Middenweg 12',
    work_postcode: '1771AB',
    work_city: 'Wieringerwerf',
  };
}

/** How a code of a drop-down column appears in the sheet (and is read back by the upload). */
export function nationalityOption(code: string, lang: UiLanguage): string {
  return countryName(code, lang);
}

export function genderOption(code: string, lang: UiLanguage): string {
  return choiceLabel('migrants', 'gender', code, lang);
}

/** The nationality list: the common nationalities first, then the others (as the migrant form orders them). */
export function nationalityOptions(lang: UiLanguage): string[] {
  const order = nationalityOrder();
  const common = order.slice(0, COMMON_NATIONALITIES.length);
  const others = order
    .slice(COMMON_NATIONALITIES.length)
    .sort((a, b) => nationalityOption(a, lang).localeCompare(nationalityOption(b, lang), lang));
  return [...common, ...others].map((code) => nationalityOption(code, lang));
}

export const GENDER_CODES: readonly string[] = Object.freeze(['M', 'V', 'O']);

/** The words of the workbook around the columns. */
export const TEMPLATE_TEXT = {
  dataSheet: localised('Arbeidsmigranten', 'Labour migrants'),
  listsSheet: localised('Lijsten', 'Lists'),
  instructionsSheet: localised('Toelichting', 'Instructions'),
  title: localised('Importsjabloon Platform Arbeidsmigranten', 'Import template Platform Arbeidsmigranten'),
  column: localised('Kolom', 'Column'),
  otherLanguage: localised('Kolomnaam in het Engels', 'Column name in Dutch'),
  required: localised('Verplicht', 'Required'),
  yes: localised('ja', 'yes'),
  no: localised('nee', 'no'),
  explanation: localised('Toelichting', 'Explanation'),
  intro: localised(
    'Eén rij per persoon, vanaf rij 2. Rij 2 is een voorbeeld: vervang die door uw eigen gegevens. Kolomnamen mogen in het Nederlands of het Engels; extra kolommen worden genegeerd.',
    'One row per person, from row 2 on. Row 2 is an example: replace it with your own data. Column names may be in Dutch or in English; extra columns are ignored.',
  ),
  noLocations: localised(
    'U heeft nog geen locaties; maak eerst een locatie aan.',
    'You have no locations yet; create a location first.',
  ),
  listError: localised('Kies een waarde uit de lijst.', 'Choose a value from the list.'),
  listErrorTitle: localised('Niet in de lijst', 'Not in the list'),
  fileName: localised('importsjabloon-arbeidsmigranten.xlsx', 'import-template-labour-migrants.xlsx'),
} as const satisfies Record<string, LocalisedText>;

/** A header in the user's language, with the other language's name for the note. */
export function templateHeader(column: TemplateColumn, lang: UiLanguage): { header: string; other: string } {
  return { header: column.header[lang], other: column.header[lang === 'nl' ? 'en' : 'nl'] };
}
