/**
 * The contract of the intake endpoints (issue 10, door 1 and door 2): what a client sends and what it gets back.
 * The admin app's import module and providers' own scripts read these types. Plain module: no Directus import.
 *
 * Door 1, a spreadsheet:
 *   POST /intake/imports            multipart/form-data:
 *       file      .xlsx or .csv (comma or semicolon; UTF-8 with or without BOM, or Windows-1252)
 *       mode      'additions' | 'full_list'                (default 'additions')
 *       dry_run   'true' | 'false'                          (default 'true')
 *       mapping   optional JSON IntakeMappingCorrection: corrects the columns matched from the headers
 *       provider  optional organisation id: only a clerk, for a provider with a location in its municipality;
 *                 a provider always imports for its own organisation (another provider's id is a 404)
 *     → { data: IntakeImport }
 *   POST /intake/imports/:id/commit   commits a dry run → { data: IntakeImport } (status 'committed'); optional JSON
 *       body { confirm_departures: true }: a full list's proposed departures (those still proposed at commit time)
 *       are reported in the same transaction as the rows (REPORT_DEPARTURE, departure date = the commit day in the
 *       Netherlands); without it nobody departs. `departures_recorded` says how many.
 *   GET  /intake/imports/:id           the kept report → { data: IntakeImport } (refused rows without values)
 *   GET  /intake/imports/:id/refused.xlsx   the refused rows as they were in the file, with a reason column
 *   GET  /intake/columns               the fields a column can be mapped to, with labels → { data: IntakeFieldInfo[] }
 * Door 2, a provider's own system (JSON rows in the same shape as a spreadsheet row, keys = IntakeField):
 *   PUT  /intake/residents  { rows: IntakeJsonRow[], locations?: string[] }  full list for the rows' locations
 *   POST /intake/residents  { rows: IntakeJsonRow[] }                         changes (additions mode)
 *     header Idempotency-Key: a retry with the same key and body answers the first answer again
 *     → { data: IntakeImport }  (dry_run is false; `rows` says per row what happened)
 *   GET  /intake/openapi.json  OpenAPI 3 description of the above
 *
 * Whole-request refusals (the seam's error shape, { errors: [{ message, extensions: { code, reason } }] }):
 *   INTAKE_UNREADABLE_FILE (400), INTAKE_NO_HEADER (400: no row looks like a header),
 *   INTAKE_MISSING_COLUMNS (400, extensions.fields: the required fields without a column; extensions.found: the
 *     file's header, each column with its header and the field it matched, null for none),
 *   INTAKE_INVALID_MAPPING (400), INTAKE_FILE_TOO_LARGE (413), INTAKE_ALREADY_COMMITTED (409),
 *   NOT_FOUND (404: an import or provider that is not the caller's), NOT_SIGNED_IN (401).
 */
import type { LocalisedText } from '../ui-language';
import type { IssueCode } from '../validation-issues';

export type IntakeMode = 'additions' | 'full_list';

/** What a column can be mapped to: the migrant's fields, its external reference and the location of its stay. */
export type IntakeField =
  | 'external_reference'
  | 'bsn'
  | 'first_names'
  | 'surname'
  | 'date_of_birth'
  | 'gender'
  | 'nationality'
  | 'email'
  | 'phone'
  | 'home_address'
  | 'id_document_number'
  | 'language'
  | 'work_address'
  | 'work_postcode'
  | 'work_city'
  | 'arrival_date'
  | 'expected_departure_date'
  | 'departure_date'
  /** The housing location of the stay: its name, its BAG id or its id, among the provider's own locations. */
  | 'location';

/** One column of the file and the field it was matched to (null: ignored, and reported as such). */
export interface IntakeColumn {
  /** 0-based position in the file. */
  index: number;
  /** The header as written in the file (trimmed). */
  header: string;
  field: IntakeField | null;
  /** How the field was chosen: by the header, from the provider's last import, or by the caller's mapping. */
  source: 'header' | 'remembered' | 'mapping' | 'none';
}

/** The caller's correction of the matched columns: header text (as in the file) or column index → field or null. */
export type IntakeMappingCorrection = Record<string, IntakeField | null>;

/** Why a row (or one value of it) is refused. The validation issue codes of the platform plus the intake's own. */
export type IntakeRefusalCode =
  | IssueCode
  /** The location is not one of the provider's (active) locations, or it is missing. */
  | 'unknown_location'
  /** Two rows of the file are the same person (same reference or BSN); both are refused. */
  | 'duplicate_in_file'
  /** The reference names one migrant and the BSN another. */
  | 'ambiguous_match'
  /** Neither a reference nor a BSN: the row could not be found again on a re-upload. */
  | 'no_identifier'
  /** A value the intake cannot read as the field's type (a date that is no date, a nationality it does not know). */
  | 'unreadable_value';

export interface IntakeRefusedRow {
  /** The row number as the spreadsheet program shows it (1-based, title and header rows counted). */
  row: number;
  /** The provider's own reference of the row, if any (never a BSN or a name). */
  reference: string | null;
  /** The header of the column (as in the file), or null for a refusal of the whole row. */
  column: string | null;
  field: IntakeField | null;
  code: IntakeRefusalCode;
  /** In the caller's language (Directus language, else Accept-Language, else Dutch). */
  message: string;
  messages: LocalisedText;
}

export type IntakeRowOutcome = 'new' | 'changed' | 'unchanged' | 'refused';

/** What happened (or, in a dry run, would happen) to each row. */
export interface IntakeRowResult {
  row: number;
  reference: string | null;
  outcome: IntakeRowOutcome;
  /** The migrant's id and case number (after commit for new rows; for changed/unchanged rows always). */
  migrant: string | null;
  case_number: string | null;
  /** The changed fields (names only, never values). */
  fields?: IntakeField[];
}

export interface IntakeProposedDeparture {
  migrant: string;
  case_number: string | null;
  location: string;
  stay: string;
}

export interface IntakeCounts {
  rows: number;
  new: number;
  changed: number;
  unchanged: number;
  refused: number;
}

export type IntakeStatus = 'dry_run' | 'committed' | 'unchanged';

export interface IntakeImport {
  id: string;
  status: IntakeStatus;
  mode: IntakeMode;
  dry_run: boolean;
  provider: string;
  /** SHA-256 (hex) of the file (door 1) or of the canonical JSON body (door 2). */
  file_sha256: string;
  /** An earlier committed import of the same file for this provider: then nothing changes. */
  same_file_as: string | null;
  /** When nothing would change (re-upload of the same data), in the caller's language. */
  notice: string | null;
  counts: IntakeCounts;
  refused: IntakeRefusedRow[];
  columns: IntakeColumn[];
  /** Headers that matched no field (reported, ignored). */
  ignored_columns: string[];
  /** full_list mode: people at the listed locations who are missing from the list (the provider confirms). */
  proposed_departures: IntakeProposedDeparture[];
  /** How many proposed departures the commit reported (confirmed by the caller); 0 for a dry run or without confirmation. */
  departures_recorded: number;
  /** The departure date the commit reported them on (the commit day, YYYY-MM-DD), or null when none was reported. */
  departure_date: string | null;
  rows: IntakeRowResult[];
  created_at: string;
  committed_at: string | null;
}

/** A row of door 2: the same keys as a spreadsheet's fields. */
export type IntakeJsonRow = Partial<Record<IntakeField, string | number | null>>;

/** GET /intake/columns: the fields, whether required, and their Dutch and English header. */
export interface IntakeFieldInfo {
  field: IntakeField;
  required: boolean;
  label: LocalisedText;
  /** Header texts the matcher recognises (normalised). */
  aliases: string[];
}
