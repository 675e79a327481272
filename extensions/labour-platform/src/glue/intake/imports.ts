/**
 * Door 1 of the intake (issue 10): a spreadsheet upload, its dry run, its commit and its refused rows. Thin glue
 * around domain/intake: who the caller imports for, the provider's locations and migrants, the sealed rows of a dry
 * run, and the one transaction in which every valid row is written through ItemsService with the caller's
 * accountability (so encryption, validation, tasks and consent invitations happen exactly as for the form).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Accountability } from '@directus/types';
import type { Knex } from 'knex';
import { todayInNetherlands } from '../../domain/dates';
import {
  analyseSheet,
  classifyRows,
  confirmedDepartures,
  countOutcomes,
  mappingToRemember,
  multipartBoundary,
  nothingChangesNotice,
  parseCommitRequest,
  parseMappingCorrection,
  parseMultipart,
  readCsv,
  refusedEntries,
  validateRows,
  type Cell,
  type ClassifiedRow,
  type ExistingMigrant,
  type IntakeColumn,
  type IntakeImport,
  type IntakeMode,
  type IntakeRowResult,
  type KnownLocation,
  type MigrantField,
  type ParsedRow,
  type RememberedMapping,
  MIGRANT_FIELDS,
} from '../../domain/intake';
import { looksLikeOds, readOds } from '../../domain/intake/ods';
import { looksLikeXlsx, readXlsx, refusedWorkbook } from '../../domain/intake/xlsx';
import {
  blindIndex,
  decryptValue,
  encryptValue,
  generateDataKey,
  unwrapDataKey,
  wrapDataKey,
  type KeyRing,
} from '../../domain/privacy';
import type { Refusal } from '../../domain/refusals';
import type { UiLanguage } from '../../domain/ui-language';
import { localised } from '../../domain/ui-language';
import { applyEventInTransaction } from '../brp/workflow';
import { Refused, Sent, header, type ApiRequest } from '../http/seam';
import { systemItems, type DataAccess, type Row } from '../items';
import { userLanguage } from '../language';
import { kickOutbox } from '../outbox';
import { writeRows } from './write-rows';
import { viewerOf } from '../privacy/personal-data';

const IMPORTS = 'imports';
export const MAX_UPLOAD_MEGABYTES = 20;
const GONE_STATUSES = new Set(['vertrek_gemeld', 'uitgeschreven', 'vertrokken']);

/** Who imports, and for which provider. */
export interface IntakeCaller {
  accountability: Accountability;
  /** The provider the rows are for. */
  provider: string;
  /** A clerk acting for a provider: only that provider's locations in the clerk's municipality. */
  municipality: string | null;
  language: UiLanguage;
}

/** What a dry run keeps, encrypted, until its commit: the parsed rows and the refused rows' cells. */
interface SealedRows {
  header: string[];
  rows: ParsedRow[];
  refusedCells: Record<string, string[]>;
  scope: string[];
}

// ------------------------------------------------------------------------------------------------ the caller

async function organisationRow(knex: Knex, id: string): Promise<{ id: string; type: string | null } | null> {
  const row = (await knex('organisations').select('id', 'type').where('id', id).first()) as
    { id: string; type: string | null } | undefined;
  return row ?? null;
}

/**
 * The provider a caller imports for. A provider: its own organisation (naming another is the same 404 as a missing
 * one). A clerk: a provider it names that has a location in the clerk's municipality. An administrator: any provider
 * it names. Anyone else: 404.
 */
export async function intakeCaller(
  access: DataAccess,
  accountability: Accountability | null | undefined,
  named: string | null,
): Promise<IntakeCaller> {
  if (!accountability?.user && !accountability?.admin) throw new Refused({ code: 'not_signed_in' });
  const language = await userLanguage(access.knex, accountability);
  const viewer = viewerOf(accountability);
  const own = accountability.user
    ? ((
        (await access.knex('directus_users').select('organisation').where('id', accountability.user).first()) as
          { organisation: string | null } | undefined
      )?.organisation ?? null)
    : null;
  if (viewer === 'provider') {
    if (own === null || (named !== null && named !== own)) throw new Refused({ code: 'not_found' });
    return { accountability, provider: own, municipality: null, language };
  }
  if (named === null || !/^[0-9a-f-]{36}$/i.test(named)) throw new Refused({ code: 'not_found' });
  const provider = await organisationRow(access.knex, named);
  if (provider === null || provider.type === 'gemeente') throw new Refused({ code: 'not_found' });
  if (viewer === 'administrator') return { accountability, provider: provider.id, municipality: null, language };
  if (viewer === 'clerk' && own !== null) {
    const here = await access.knex('locations').where({ provider: provider.id, municipality: own }).first('id');
    if (here) return { accountability, provider: provider.id, municipality: own, language };
  }
  throw new Refused({ code: 'not_found' });
}

// ------------------------------------------------------------------------------------------------ reading the platform

async function knownLocations(access: DataAccess, caller: IntakeCaller): Promise<KnownLocation[]> {
  let query = access.knex('locations').select('id', 'name', 'bag_id', 'active').where('provider', caller.provider);
  if (caller.municipality !== null) query = query.andWhere('municipality', caller.municipality);
  const rows = (await query) as Array<{ id: string; name: string; bag_id: string | null; active: unknown }>;
  return rows
    .filter((row) => row.active !== false && row.active !== 0)
    .map((row) => ({ id: row.id, name: row.name, bag_id: row.bag_id }));
}

const CHUNK = 500;

/** The rows' keys into the provider's migrants: their references, their BSNs' blind indexes, the listed locations. */
interface Named {
  references: string[];
  bsnIndexes: string[];
  /** Full list: the locations whose current people may be proposed as departures; else empty. */
  locations: string[];
}

/** The ids of the provider's migrants whose `column` is one of `values`: one query per chunk of values. */
async function idsWhereIn(knex: Knex, provider: string, column: string, values: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < values.length; index += CHUNK) {
    const rows = (await knex('migrants')
      .select('id')
      .where('provider', provider)
      .whereIn(column, values.slice(index, index + CHUNK))) as Array<{ id: string }>;
    ids.push(...rows.map((row) => row.id));
  }
  return ids;
}

/**
 * The provider's migrants the rows can concern, decrypted in memory for the comparison (as the system: nothing
 * leaves but field names): those a row names by its reference or its BSN's blind index, and in full-list mode those
 * whose current stay is at a listed location. One query per chunk of keys, not one per row, and never the provider's
 * whole register.
 */
async function existingMigrants(access: DataAccess, provider: string, named: Named): Promise<ExistingMigrant[]> {
  const wanted = new Set<string>([
    ...(await idsWhereIn(access.knex, provider, 'external_reference', named.references)),
    ...(await idsWhereIn(access.knex, provider, 'bsn_index', named.bsnIndexes)),
  ]);
  for (let index = 0; index < named.locations.length; index += CHUNK) {
    const here = (await access
      .knex('stays')
      .join('migrants', 'migrants.id', 'stays.migrant')
      .select('stays.migrant as id')
      .where('migrants.provider', provider)
      .whereIn('stays.location', named.locations.slice(index, index + CHUNK))
      .whereNull('stays.end_date')) as Array<{ id: string }>;
    for (const row of here) wanted.add(row.id);
  }
  const ids = [...wanted];
  const rows: Row[] = [];
  const stays = new Map<string, { id: string; location: string }>();
  for (let index = 0; index < ids.length; index += CHUNK) {
    const chunk = ids.slice(index, index + CHUNK);
    rows.push(
      ...(await systemItems(access, 'migrants').readByQuery({
        filter: { id: { _in: chunk } },
        fields: [
          'id',
          'case_number',
          'external_reference',
          'bsn_index',
          'brp_status',
          'current_location',
          ...MIGRANT_FIELDS,
        ],
        sort: ['id'],
        limit: -1,
      })),
    );
    const open = (await access
      .knex('stays')
      .select('id', 'migrant', 'location')
      .whereIn('migrant', chunk)
      .whereNull('end_date')) as Array<{ id: string; migrant: string; location: string }>;
    for (const stay of open) stays.set(stay.migrant, { id: stay.id, location: stay.location });
  }
  return rows.map((row) => {
    const values: Partial<Record<MigrantField, string | null>> = {};
    for (const field of MIGRANT_FIELDS) {
      const value = row[field];
      values[field] =
        value === null || value === undefined
          ? null
          : String(value).slice(0, field.endsWith('date') || field === 'date_of_birth' ? 10 : undefined);
    }
    const id = String(row['id']);
    return {
      id,
      case_number: (row['case_number'] as string | null) ?? null,
      external_reference: (row['external_reference'] as string | null) ?? null,
      bsn_index: (row['bsn_index'] as string | null) ?? null,
      values,
      stay: stays.get(id) ?? null,
      gone: GONE_STATUSES.has(String(row['brp_status'])) || values.departure_date !== null,
    };
  });
}

/** The mapping the provider's earlier imports remember (the latest import that had corrections). */
async function rememberedMapping(access: DataAccess, provider: string): Promise<RememberedMapping> {
  const rows = await systemItems(access, IMPORTS).readByQuery({
    filter: { provider: { _eq: provider }, channel: { _eq: 'file' } },
    fields: ['columns'],
    sort: ['-date_created'],
    limit: 20,
  });
  const remembered: Record<string, IntakeColumn['field']> = {};
  for (const row of rows.reverse())
    Object.assign(remembered, mappingToRemember((row['columns'] as IntakeColumn[] | null) ?? []));
  return remembered;
}

// ------------------------------------------------------------------------------------------------ sealing the rows

function sealRows(ring: KeyRing, id: string, rows: SealedRows): { rows_sealed: string; data_key: string } {
  const dataKey = generateDataKey();
  return {
    data_key: wrapDataKey(ring, dataKey, { collection: IMPORTS, id }),
    rows_sealed: encryptValue(dataKey, JSON.stringify(rows), { collection: IMPORTS, field: 'rows_sealed', id }),
  };
}

function unsealRows(ring: KeyRing, id: string, stored: Row): SealedRows | null {
  if (typeof stored['rows_sealed'] !== 'string' || typeof stored['data_key'] !== 'string') return null;
  const dataKey = unwrapDataKey(ring, stored['data_key'], { collection: IMPORTS, id });
  return JSON.parse(
    decryptValue(dataKey, stored['rows_sealed'], { collection: IMPORTS, field: 'rows_sealed', id }),
  ) as SealedRows;
}

// ------------------------------------------------------------------------------------------------ the report

function rowResults(
  rows: readonly ClassifiedRow[],
  created: ReadonlyMap<number, { id: string; case_number: string | null }> = new Map(),
): IntakeRowResult[] {
  return rows.map((row) => {
    const made = created.get(row.row);
    const result: IntakeRowResult = {
      row: row.row,
      reference: row.values.external_reference ?? null,
      outcome: row.outcome,
      migrant: made?.id ?? row.migrant?.id ?? null,
      case_number: made?.case_number ?? row.migrant?.case_number ?? null,
    };
    if (row.outcome === 'changed') result.fields = row.changed;
    return result;
  });
}

interface Analysis {
  rows: ClassifiedRow[];
  proposed: IntakeImport['proposed_departures'];
}

async function analyse(
  access: DataAccess,
  ring: KeyRing,
  caller: IntakeCaller,
  parsed: ParsedRow[],
  mode: IntakeMode,
  scope: string[],
): Promise<Analysis> {
  const locations = await knownLocations(access, caller);
  const validated = validateRows(parsed, locations, todayInNetherlands());
  const bsnIndexes = new Map<string, string>();
  const bsnKey = (bsn: string): string => {
    let index = bsnIndexes.get(bsn);
    if (index === undefined) bsnIndexes.set(bsn, (index = blindIndex(ring, 'bsn', bsn)));
    return index;
  };
  const listed = scope.filter((id) => locations.some((location) => location.id === id));
  const existing = await existingMigrants(access, caller.provider, {
    references: [
      ...new Set(
        validated.flatMap(({ row }) => (row.values.external_reference ? [row.values.external_reference] : [])),
      ),
    ],
    bsnIndexes: [...new Set(validated.flatMap(({ row }) => (row.values.bsn ? [bsnKey(row.values.bsn)] : [])))],
    locations:
      mode === 'full_list'
        ? [...new Set([...listed, ...validated.flatMap(({ location }) => (location === null ? [] : [location]))])]
        : [],
  });
  const classification = classifyRows(validated, existing, bsnKey, mode, listed);
  return { rows: classification.rows, proposed: classification.proposedDepartures };
}

function answerOf(stored: Row, language: UiLanguage): IntakeImport {
  const report = (stored['report'] ?? {}) as Partial<IntakeImport> & { refused_raw?: IntakeImport['refused'] };
  const refused = (report.refused ?? []).map((entry) => ({ ...entry, message: entry.messages[language] }));
  const counts = { rows: 0, new: 0, changed: 0, unchanged: 0, refused: 0, ...(report.counts ?? {}) };
  const status = stored['status'] as IntakeImport['status'];
  const sameFileAs = (stored['same_file_as'] as string | null) ?? null;
  const departuresRecorded = report.departures_recorded ?? 0;
  const nothing =
    counts.new === 0 &&
    counts.changed === 0 &&
    (status === 'dry_run' ? (report.proposed_departures ?? []).length === 0 : departuresRecorded === 0);
  return {
    id: String(stored['id']),
    status,
    mode: stored['mode'] as IntakeMode,
    dry_run: status === 'dry_run',
    provider: String(stored['provider']),
    file_sha256: String(stored['file_sha256']),
    same_file_as: sameFileAs,
    notice: nothing ? nothingChangesNotice(sameFileAs, language) : null,
    counts,
    refused,
    columns: (stored['columns'] as IntakeColumn[] | null) ?? [],
    ignored_columns: report.ignored_columns ?? [],
    proposed_departures: report.proposed_departures ?? [],
    departures_recorded: departuresRecorded,
    departure_date: report.departure_date ?? null,
    rows: report.rows ?? [],
    created_at: new Date(String(stored['date_created'] ?? new Date().toISOString())).toISOString(),
    committed_at: stored['committed_at'] ? new Date(String(stored['committed_at'])).toISOString() : null,
  };
}

function reportOf(
  analysis: Analysis,
  columns: IntakeColumn[],
  ignored: string[],
  language: UiLanguage,
  created?: ReadonlyMap<number, { id: string; case_number: string | null }>,
) {
  const counts = countOutcomes(analysis.rows);
  return {
    counts,
    refused: refusedEntries(
      analysis.rows.filter((row) => row.outcome === 'refused'),
      columns,
      language,
    ),
    ignored_columns: ignored,
    proposed_departures: analysis.proposed,
    rows: rowResults(analysis.rows, created),
  };
}

// ------------------------------------------------------------------------------------------------ the upload

/**
 * A request's body, read into memory up to `limitBytes`; `tooLarge` is the refusal past it (the declared length is
 * checked first, then what actually arrives). Also the documents' upload (glue/documents).
 */
export async function readBody(
  request: ApiRequest,
  limitBytes: number,
  tooLarge: Refusal = { code: 'intake_file_too_large', maxMegabytes: MAX_UPLOAD_MEGABYTES },
): Promise<Buffer> {
  const declared = Number(header(request, 'content-length') ?? 0);
  if (declared > limitBytes) throw new Refused(tooLarge);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as unknown as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) throw new Refused(tooLarge);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function readSheet(bytes: Buffer): Promise<Cell[][]> {
  if (looksLikeOds(bytes)) {
    try {
      return readOds(bytes).rows;
    } catch {
      throw new Refused({ code: 'intake_unreadable_file' });
    }
  }
  if (looksLikeXlsx(bytes)) {
    try {
      return (await readXlsx(bytes)).rows;
    } catch {
      throw new Refused({ code: 'intake_unreadable_file' });
    }
  }
  // text: no NUL bytes (a binary file that is no workbook)
  if (bytes.length === 0 || bytes.includes(0)) throw new Refused({ code: 'intake_unreadable_file' });
  return readCsv(bytes).rows;
}

function choice<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, field: string): T {
  if (value === undefined || value === '') return fallback;
  const found = allowed.find((option) => option === value.trim().toLowerCase());
  if (found === undefined) throw new Refused({ code: 'invalid_input', field });
  return found;
}

/** POST /intake/imports: parse, match, validate and classify; keep the report; commit at once unless a dry run. */
export async function createImport(access: DataAccess, ring: KeyRing, request: ApiRequest): Promise<IntakeImport> {
  if (!request.accountability?.user && !request.accountability?.admin) throw new Refused({ code: 'not_signed_in' });
  const boundary = multipartBoundary(header(request, 'content-type'));
  if (boundary === null) throw new Refused({ code: 'invalid_input', field: 'file' });
  const body = await readBody(request, MAX_UPLOAD_MEGABYTES * 1024 * 1024 + 64 * 1024);
  const form = parseMultipart(body, boundary);
  const file = form?.files['file'];
  if (!form || !file) throw new Refused({ code: 'invalid_input', field: 'file' });
  const caller = await intakeCaller(access, request.accountability, form.fields['provider']?.trim() || null);
  const mode = choice(form.fields['mode'], ['additions', 'full_list'] as const, 'additions', 'mode');
  const dryRun = choice(form.fields['dry_run'], ['true', 'false'] as const, 'true', 'dry_run') === 'true';
  // a file committed at once confirms its full list's departures as a commit does (only with dry_run=false)
  const confirmDepartures =
    choice(form.fields['confirm_departures'], ['true', 'false'] as const, 'false', 'confirm_departures') === 'true';
  let correction = {};
  if (form.fields['mapping'] !== undefined && form.fields['mapping'].trim() !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(form.fields['mapping']);
    } catch {
      throw new Refused({ code: 'intake_invalid_mapping' });
    }
    const valid = parseMappingCorrection(parsed);
    if (valid === null) throw new Refused({ code: 'intake_invalid_mapping' });
    correction = valid;
  }

  const sheet = await readSheet(file.data);
  const sheetAnalysis = analyseSheet(sheet, await rememberedMapping(access, caller.provider), correction);
  if (!sheetAnalysis.ok) {
    if (sheetAnalysis.problem === 'no_header') throw new Refused({ code: 'intake_no_header' });
    throw new Refused({
      code: 'intake_missing_columns',
      fields: sheetAnalysis.fields,
      found: sheetAnalysis.columns.map((column) => ({
        index: column.index,
        header: column.header,
        field: column.field,
      })),
    });
  }
  const cellText = (cell: Cell): string =>
    cell === null ? '' : cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell);
  return runIntake(access, ring, caller, {
    channel: 'file',
    mode,
    dryRun,
    rows: sheetAnalysis.rows,
    columns: sheetAnalysis.columns,
    ignored: sheetAnalysis.ignored,
    header: sheet[sheetAnalysis.headerRow - 1]!.map(cellText),
    cellsOf: (row) => (sheet[row - 1] ?? []).map(cellText),
    sha: createHash('sha256').update(file.data).digest('hex'),
    scope: [],
    idempotencyKey: null,
    confirmDepartures,
  });
}

export interface IntakeRun {
  channel: 'file' | 'api';
  mode: IntakeMode;
  dryRun: boolean;
  rows: ParsedRow[];
  columns: IntakeColumn[];
  ignored: string[];
  header: string[];
  /** The cells of a row as it came in (for the refused-rows download). */
  cellsOf: (row: number) => string[];
  sha: string;
  /** Full list: the locations the list is for (besides the rows' own). */
  scope: string[];
  idempotencyKey: string | null;
  /** Committed at once (not a dry run): report the full list's proposed departures, as a commit that confirms them. */
  confirmDepartures?: boolean;
}

/**
 * The pipeline after parsing, for both doors: classify, keep the report, commit unless a dry run. A dry run keeps its
 * rows sealed for its commit. A run committed at once is classified ONCE, inside the transaction that writes its rows
 * and keeps its import (a kill -9 leaves neither).
 */
export async function runIntake(
  access: DataAccess,
  ring: KeyRing,
  caller: IntakeCaller,
  run: IntakeRun,
): Promise<IntakeImport> {
  const earlier = await systemItems(access, IMPORTS).readByQuery({
    filter: {
      provider: { _eq: caller.provider },
      file_sha256: { _eq: run.sha },
      status: { _in: ['committed', 'unchanged'] },
    },
    fields: ['id'],
    sort: ['-date_created'],
    limit: 1,
  });
  const id = randomUUID();
  const refusedCellsOf = (analysis: Analysis): Record<string, string[]> => {
    const cells: Record<string, string[]> = {};
    for (const row of analysis.rows) if (row.outcome === 'refused') cells[String(row.row)] = run.cellsOf(row.row);
    return cells;
  };
  // created_by is a `user-created` field: Directus fills it from the service's accountability (none for the system),
  // whatever the payload says, so it is set in the same transaction afterwards (a clerk finds and commits its import)
  const keep = async (inTrx: DataAccess, analysis: Analysis, status: 'dry_run' | 'committing', sealed: Row) => {
    const report = reportOf(analysis, run.columns, run.ignored, caller.language);
    await systemItems(inTrx, IMPORTS).createOne({
      id,
      provider: caller.provider,
      channel: run.channel,
      mode: run.mode,
      status,
      file_sha256: run.sha,
      count_new: report.counts.new,
      count_changed: report.counts.changed,
      count_unchanged: report.counts.unchanged,
      count_refused: report.counts.refused,
      columns: run.columns,
      report,
      same_file_as: earlier[0] ? String(earlier[0]['id']) : null,
      idempotency_key: run.idempotencyKey,
      ...sealed,
    });
    await inTrx
      .knex(IMPORTS)
      .where('id', id)
      .update({ created_by: caller.accountability.user ?? null });
  };
  if (run.dryRun) {
    const analysis = await analyse(access, ring, caller, run.rows, run.mode, run.scope);
    const sealed = sealRows(ring, id, {
      header: run.header,
      rows: run.rows,
      refusedCells: refusedCellsOf(analysis),
      scope: run.scope,
    });
    await access.knex.transaction((trx) => keep({ ...access, knex: trx }, analysis, 'dry_run', sealed));
    return answerOf(await storedImport(access, id), caller.language);
  }
  await access.knex.transaction(async (trx) => {
    const inTrx: DataAccess = { ...access, knex: trx };
    const analysis = await analyse(inTrx, ring, caller, run.rows, run.mode, run.scope);
    const refusedCells = refusedCellsOf(analysis);
    await keep(inTrx, analysis, 'committing', {});
    await commitAnalysed(inTrx, ring, caller, analysis, {
      id,
      mode: run.mode,
      columns: run.columns,
      ignored: run.ignored,
      header: run.header,
      refusedCells,
      // committed at once: a full list's departures are confirmed by the request itself, those proposed right now
      proposedBefore: analysis.proposed,
      confirmDepartures: run.confirmDepartures === true,
    });
  });
  void kickOutbox();
  return answerOf(await storedImport(access, id), caller.language);
}

// ------------------------------------------------------------------------------------------------ reading an import

async function storedImport(access: DataAccess, id: string): Promise<Row> {
  const rows = await systemItems(access, IMPORTS).readByQuery({ filter: { id: { _eq: id } }, limit: 1, fields: ['*'] });
  if (!rows[0]) throw new Refused({ code: 'not_found' });
  return rows[0];
}

/** An import the caller may see: made by itself, or (a provider) for its own organisation. Else the same 404. */
async function visibleImport(
  access: DataAccess,
  id: string,
  accountability: Accountability | null | undefined,
): Promise<Row> {
  if (!accountability?.user && !accountability?.admin) throw new Refused({ code: 'not_signed_in' });
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new Refused({ code: 'not_found' });
  const stored = await storedImport(access, id);
  if (accountability.admin || stored['created_by'] === accountability.user) return stored;
  if (viewerOf(accountability) === 'provider') {
    const own = (
      (await access.knex('directus_users').select('organisation').where('id', accountability.user!).first()) as
        { organisation: string | null } | undefined
    )?.organisation;
    if (own && own === stored['provider']) return stored;
  }
  throw new Refused({ code: 'not_found' });
}

export async function readImport(
  access: DataAccess,
  id: string,
  accountability: Accountability | null | undefined,
): Promise<IntakeImport> {
  const stored = await visibleImport(access, id, accountability);
  return answerOf(stored, await userLanguage(access.knex, accountability));
}

// ------------------------------------------------------------------------------------------------ the commit

/**
 * Who writes a commit's rows: the caller itself, with its own permissions; a clerk acting for a provider with the
 * system's rights (Directus's administrator flag on the clerk's own accountability: no permission check, as the
 * platform's own ItemsService, which the glue limits to the provider's locations in the clerk's municipality), so
 * Directus fills user_created and the activity and revisions with the clerk, not with nobody.
 */
function writerFor(caller: IntakeCaller): Accountability {
  return caller.municipality === null ? caller.accountability : { ...caller.accountability, admin: true };
}

/**
 * Commits a dry run: the rows are matched and classified again against the platform as it is now, then every valid
 * row is written in ONE transaction through ItemsService with the caller's accountability, or none is.
 *
 * A full list's proposed departures are reported in that same transaction when the body confirms them
 * (`{ confirm_departures: true }`): those proposed in the dry run the caller saw AND still proposed now, each through
 * the BRP workflow's own REPORT_DEPARTURE (status, status history, departure tasks closed, stay ended, bed freed) on
 * the commit day. A provider reports them with its own rights (its own migrants; the workflow checks visibility and
 * that it is the provider's step). A clerk acting for a provider reports them with the system's rights, as it writes
 * the rows (writerFor): only at the provider's locations in the clerk's municipality, which intakeCaller and
 * knownLocations established; the rows, the status history and the import (created_by) name the clerk. A refused departure refuses the whole commit.
 */
export async function commitImport(
  access: DataAccess,
  ring: KeyRing,
  id: string,
  accountability: Accountability | null | undefined,
  body?: unknown,
): Promise<IntakeImport> {
  const stored = await visibleImport(access, id, accountability);
  const request = parseCommitRequest(body);
  if (request === null) throw new Refused({ code: 'invalid_input', field: 'confirm_departures' });
  if (stored['status'] !== 'dry_run') throw new Refused({ code: 'intake_already_committed' });
  const caller = await intakeCaller(access, accountability, String(stored['provider']));
  const sealed = unsealRows(ring, id, stored);
  if (sealed === null) throw new Refused({ code: 'intake_already_committed' });
  const mode = stored['mode'] as IntakeMode;
  await access.knex.transaction(async (trx) => {
    const inTrx: DataAccess = { ...access, knex: trx };
    // one import per provider at a time: a second commit waits and then sees this one's rows
    const claimed = await trx(IMPORTS).where({ id, status: 'dry_run' }).update({ status: 'committing' });
    if (claimed !== 1) throw new Refused({ code: 'intake_already_committed' });
    const result = await analyse(inTrx, ring, caller, sealed.rows, mode, sealed.scope);
    await commitAnalysed(inTrx, ring, caller, result, {
      id,
      mode,
      columns: (stored['columns'] as IntakeColumn[] | null) ?? [],
      ignored: (stored['report'] as { ignored_columns?: string[] } | null)?.ignored_columns ?? [],
      header: sealed.header,
      refusedCells: sealed.refusedCells,
      proposedBefore:
        (stored['report'] as { proposed_departures?: IntakeImport['proposed_departures'] } | null)
          ?.proposed_departures ?? [],
      confirmDepartures: request.confirmDepartures,
    });
  });
  void kickOutbox();
  return answerOf(await storedImport(access, id), caller.language);
}

/** What the commit of an import needs besides its classified rows. */
interface CommitOf {
  id: string;
  mode: IntakeMode;
  columns: IntakeColumn[];
  ignored: string[];
  header: string[];
  /** The refused rows' cells, kept sealed for the refused-rows download. */
  refusedCells: Record<string, string[]>;
  /** The departures the caller saw proposed (its dry run). */
  proposedBefore: IntakeImport['proposed_departures'];
  confirmDepartures: boolean;
}

/**
 * Inside the commit's transaction: writes every valid row (./write-rows), reports the confirmed departures, and
 * keeps the import's report and status.
 */
async function commitAnalysed(
  inTrx: DataAccess,
  ring: KeyRing,
  caller: IntakeCaller,
  result: Analysis,
  commit: CommitOf,
): Promise<void> {
  const today = todayInNetherlands();
  // a clerk writes for the provider it acts for (its own role may not create migrants): with the system's rights,
  // within the provider's locations in the clerk's municipality, which intakeCaller and knownLocations established,
  // but as itself (writerFor), so the activity, the revisions and the status history name the clerk
  const writer = writerFor(caller);
  const created = await writeRows(inTrx, ring, writer, caller.provider, result.rows, today);
  // the departures the caller confirmed, after the rows (a person on the list is never among them)
  const departing =
    commit.mode === 'full_list' && commit.confirmDepartures
      ? confirmedDepartures(commit.proposedBefore, result.proposed)
      : [];
  for (const departure of departing) {
    await applyEventInTransaction(
      inTrx,
      departure.migrant,
      { type: 'REPORT_DEPARTURE', departure_date: today },
      writer,
    );
  }
  const counts = countOutcomes(result.rows);
  const report = {
    ...reportOf(result, commit.columns, commit.ignored, caller.language, created),
    departures_recorded: departing.length,
    departure_date: departing.length > 0 ? today : null,
  };
  const nothing = counts.new === 0 && counts.changed === 0 && departing.length === 0;
  await systemItems(inTrx, IMPORTS).updateOne(commit.id, {
    status: nothing ? 'unchanged' : 'committed',
    committed_at: new Date().toISOString(),
    count_new: counts.new,
    count_changed: counts.changed,
    count_unchanged: counts.unchanged,
    count_refused: counts.refused,
    report,
    // the valid rows are written now; the refused rows' cells stay sealed for the refused-rows download
    ...(Object.keys(commit.refusedCells).length > 0
      ? sealRows(ring, commit.id, { header: commit.header, rows: [], refusedCells: commit.refusedCells, scope: [] })
      : { rows_sealed: null, data_key: null }),
  });
}

// ------------------------------------------------------------------------------------------------ the refused rows

/** GET /intake/imports/:id/refused.xlsx: the refused rows as they were in the file, with a column saying why. */
export async function refusedRows(
  access: DataAccess,
  ring: KeyRing,
  id: string,
  accountability: Accountability | null | undefined,
): Promise<Sent> {
  const stored = await visibleImport(access, id, accountability);
  const language = await userLanguage(access.knex, accountability);
  const answer = answerOf(stored, language);
  const sealed = unsealRows(ring, id, stored);
  const reasons = new Map<number, string[]>();
  for (const entry of answer.refused)
    reasons.set(entry.row, [...(reasons.get(entry.row) ?? []), entry.messages[language]]);
  const rows = [...reasons].map(([row, texts]) => ({
    cells: sealed?.refusedCells[String(row)] ?? [],
    reasons: [`${localised('Regel', 'Row')[language]} ${row}:`, ...texts],
  }));
  const body = await refusedWorkbook(
    sealed?.header ?? [],
    rows,
    localised('Reden van weigering', 'Reason refused')[language],
  );
  return new Sent('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body);
}
