/**
 * What a refused row tells a person, in Dutch and English: the platform's own validation sentence where the
 * problem is a validation issue, else the intake's own. Never repeats a value of a personal field.
 * Plain module: no Directus import.
 */
import { formatIssue } from '../issue-messages';
import type { IssueCode } from '../validation-issues';
import { localised, type LocalisedText, type UiLanguage } from '../ui-language';
import { intakeFieldLabel, isIntakeField } from './columns';
import type { IntakeColumn, IntakeField, IntakeRefusedRow } from './contract';
import type { RowProblem } from './rows';

type OwnCode = Exclude<RowProblem['code'], IssueCode>;

const OWN: Readonly<Record<OwnCode, (label: LocalisedText) => LocalisedText>> = {
  unknown_location: (label) =>
    localised(
      `${label.nl}: geen van uw locaties heeft deze naam of dit BAG-id (of er zijn er meer met deze naam); gebruik de naam uit de keuzelijst.`,
      `${label.en}: none of your locations has this name or BAG ID (or several have this name); use the name from the drop-down list.`,
    ),
  duplicate_in_file: () =>
    localised(
      'Deze persoon staat meer dan één keer in het bestand (zelfde referentie of BSN); laat één regel over.',
      'This person is in the file more than once (same reference or BSN); keep one row.',
    ),
  ambiguous_match: () =>
    localised(
      'De referentie en het BSN horen bij twee verschillende arbeidsmigranten; controleer beide.',
      'The reference and the BSN belong to two different labour migrants; check both.',
    ),
  no_identifier: () =>
    localised(
      'Vul een eigen referentie of een BSN in, zodat deze persoon bij een volgende lijst wordt herkend.',
      'Enter an own reference or a BSN, so this person is recognised in the next list.',
    ),
  unreadable_value: (label) =>
    localised(`${label.nl}: deze waarde kunnen we niet lezen.`, `${label.en}: this value cannot be read.`),
};

function isOwn(code: RowProblem['code']): code is OwnCode {
  return Object.prototype.hasOwnProperty.call(OWN, code);
}

/** The Dutch and English sentence of one problem. */
export function problemText(problem: RowProblem): LocalisedText {
  const label = problem.field === null ? localised('', '') : intakeFieldLabel(problem.field);
  if (isOwn(problem.code)) return OWN[problem.code](label);
  if (problem.field === 'location' || problem.field === 'external_reference') {
    const issue =
      problem.params === undefined
        ? { field: 'x', code: problem.code }
        : { field: 'x', code: problem.code, params: problem.params };
    const replace = (text: string, lang: UiLanguage) => text.replace(/^X\b|^x\b/, label[lang]);
    return localised(
      replace(formatIssue('intake', issue, 'nl'), 'nl'),
      replace(formatIssue('intake', issue, 'en'), 'en'),
    );
  }
  const field = problem.field ?? 'id';
  const issue =
    problem.params === undefined
      ? { field, code: problem.code }
      : { field, code: problem.code, params: problem.params };
  return localised(formatIssue('migrants', issue, 'nl'), formatIssue('migrants', issue, 'en'));
}

/** The refused rows of the report: one entry per problem, with the column as headed in the file. */
export function refusedEntries(
  rows: readonly { row: number; values: { external_reference?: string }; problems: readonly RowProblem[] }[],
  columns: readonly IntakeColumn[],
  lang: UiLanguage,
): IntakeRefusedRow[] {
  const headerOf = new Map(
    columns.filter((column) => column.field !== null).map((column) => [column.field, column.header]),
  );
  const entries: IntakeRefusedRow[] = [];
  for (const row of rows) {
    for (const problem of row.problems) {
      const messages = problemText(problem);
      entries.push({
        row: row.row,
        reference: row.values.external_reference ?? null,
        column: problem.field === null ? null : (headerOf.get(problem.field) ?? problem.field),
        field: problem.field,
        code: problem.code,
        message: messages[lang],
        messages,
      });
    }
  }
  return entries;
}

/** Refusals of a whole intake request (the seam answers them; their HTTP status is in glue/http/seam.ts). */
export type IntakeRequestRefusal =
  | { code: 'intake_unreadable_file' }
  | { code: 'intake_no_header' }
  | { code: 'intake_missing_columns'; fields: string[]; found: IntakeFoundColumn[] }
  | { code: 'intake_invalid_mapping' }
  | { code: 'intake_file_too_large'; maxMegabytes: number }
  | { code: 'intake_already_committed' }
  | { code: 'intake_idempotency_conflict' }
  | { code: 'intake_credential_revoked' };

/** A column of the file's header as the matcher read it: the header, and the field it matched (null: none). */
export interface IntakeFoundColumn {
  /** 0-based position in the file. */
  index: number;
  header: string;
  field: IntakeField | null;
}

export const INTAKE_REQUEST_CODES: ReadonlySet<string> = new Set<IntakeRequestRefusal['code']>([
  'intake_unreadable_file',
  'intake_no_header',
  'intake_missing_columns',
  'intake_invalid_mapping',
  'intake_file_too_large',
  'intake_already_committed',
  'intake_idempotency_conflict',
  'intake_credential_revoked',
]);

export function intakeRefusalMessage(refusal: IntakeRequestRefusal, lang: UiLanguage): string {
  switch (refusal.code) {
    case 'intake_unreadable_file':
      return localised(
        'Dit bestand kunnen we niet lezen: stuur een Excel-bestand (.xlsx), een OpenDocument-rekenblad (.ods) of een CSV-bestand.',
        'This file cannot be read: send an Excel file (.xlsx), an OpenDocument spreadsheet (.ods) or a CSV file.',
      )[lang];
    case 'intake_no_header':
      return localised(
        'In de eerste twintig regels staat geen kopregel met kolomnamen zoals Voornaam, Achternaam en Geboortedatum.',
        'None of the first twenty rows is a header with column names such as First name, Surname and Date of birth.',
      )[lang];
    case 'intake_missing_columns': {
      const names = refusal.fields
        .map((field) => (isIntakeFieldName(field) ? intakeFieldLabel(field)[lang] : field))
        .join(', ');
      const found = refusal.found
        .filter((column) => column.header.trim() !== '')
        .map((column) =>
          column.field === null ? `"${column.header}"` : `"${column.header}" (${intakeFieldLabel(column.field)[lang]})`,
        )
        .join(', ');
      const none = localised('geen', 'none')[lang];
      return localised(
        `Deze kolommen ontbreken: ${names}. Gevonden kolomkoppen: ${found || none}. Voeg de ontbrekende kolommen toe of wijs ze aan een kolom toe.`,
        `These columns are missing: ${names}. Column headers found: ${found || none}. Add the missing columns or assign them to a column.`,
      )[lang];
    }
    case 'intake_invalid_mapping':
      return localised(
        'De kolomindeling is ongeldig: wijs elke kolom aan één veld toe, of aan geen.',
        'The column mapping is invalid: assign each column to one field, or to none.',
      )[lang];
    case 'intake_file_too_large':
      return localised(
        `Dit bestand is te groot (meer dan ${refusal.maxMegabytes} MB); splits het op.`,
        `This file is too large (more than ${refusal.maxMegabytes} MB); split it up.`,
      )[lang];
    case 'intake_already_committed':
      return localised('Deze import is al verwerkt.', 'This import has already been committed.')[lang];
    case 'intake_idempotency_conflict':
      return localised(
        'Deze Idempotency-Key is al gebruikt voor een ander verzoek; gebruik een nieuwe sleutel.',
        'This Idempotency-Key was already used for another request; use a new key.',
      )[lang];
    case 'intake_credential_revoked':
      return localised(
        'Deze API-sleutel is ingetrokken; maak een nieuwe aan.',
        'This API credential has been revoked; create a new one.',
      )[lang];
  }
}

function isIntakeFieldName(field: string): field is IntakeField {
  return isIntakeField(field);
}

/** What an import that changes nothing says. */
export function nothingChangesNotice(sameFileAs: string | null, lang: UiLanguage): string {
  return sameFileAs === null
    ? localised(
        'Er verandert niets: alle regels zijn al zo bekend.',
        'Nothing changes: every row is already known as it is.',
      )[lang]
    : localised(
        'Dit bestand is al eerder verwerkt; er verandert niets.',
        'This file was committed before; nothing changes.',
      )[lang];
}
