/**
 * The retention endpoints' glue (../../endpoints/privacy): a run or a dry run (administrators), erasure on request
 * (administrators; a municipality administrator for migrants of its own municipality), and the destruction report of
 * a batch (administrators; the municipality administrator of that batch's municipality). Hidden and missing rows get
 * the same not_found.
 */
import type { Accountability } from '@directus/types';
import { parseCaseNumber } from '../../domain/case-number';
import { todayInNetherlands } from '../../domain/dates';
import { blindIndex, type KeyRing } from '../../domain/privacy';
import { bsnInSearch } from '../../domain/privacy/search';
import { destructionReportCsv, destructionReportHtml, type DestructionReport } from '../../domain/retention';
import { requestedToday, testClockMovable } from '../http/requested-today';
import { Refused, Sent } from '../http/seam';
import type { DataAccess } from '../items';
import { userLanguage } from '../language';
import { organisationOf } from '../privacy/personal-data';
import { ROLE_IDS } from '../roles';
import { retentionOf, timestamp } from './facts';
import { runRetention, type RunResult } from './run';

type Row = Record<string, unknown>;

export interface RetentionSettings {
  /** Test instances only (RETENTION_TEST_CLOCK=true): a run may name its own "today". */
  movable: boolean;
  /** Migrants per transaction (RETENTION_CHUNK_SIZE; the run's default when unset). */
  chunkSize?: number;
  log: (message: string) => void;
}

/** The retention settings of the environment: RETENTION_TEST_CLOCK, RETENTION_CHUNK_SIZE (a whole number 1–5000). */
export function retentionSettings(
  env: Readonly<Record<string, string | undefined>>,
  log: (message: string) => void,
): RetentionSettings {
  const chunkSize = Number(env['RETENTION_CHUNK_SIZE']);
  return {
    movable: testClockMovable(env),
    ...(Number.isInteger(chunkSize) && chunkSize >= 1 && chunkSize <= 5000 ? { chunkSize } : {}),
    log,
  };
}

function bodyOf(body: unknown): Row {
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Row) : {};
}

/** POST /privacy/retention/run { dry_run }: administrators (the seam checks). */
export async function runFromRequest(
  access: DataAccess,
  body: unknown,
  accountability: Accountability | null,
  settings: RetentionSettings,
): Promise<RunResult> {
  const input = bodyOf(body);
  if (typeof input['dry_run'] !== 'boolean') throw new Refused({ code: 'invalid_input', field: 'dry_run' });
  return runRetention(access.knex, {
    dryRun: input['dry_run'],
    trigger: 'manual',
    today: requestedToday(input, settings.movable),
    actor: accountability?.user ?? null,
    log: settings.log,
    ...(settings.chunkSize ? { chunkSize: settings.chunkSize } : {}),
  });
}

/** Whether the caller may act for this municipality: an administrator always, a municipality administrator its own. */
async function mayActFor(
  access: DataAccess,
  accountability: Accountability | null,
  municipality: string | null,
): Promise<boolean> {
  if (accountability?.admin) return true;
  if (accountability?.role !== ROLE_IDS.municipalityAdmin || !accountability.user || !municipality) return false;
  return (await organisationOf(access.knex, accountability.user)) === municipality;
}

function onlyAdministrators(accountability: Accountability | null): void {
  if (!accountability?.admin && accountability?.role !== ROLE_IDS.municipalityAdmin)
    throw new Refused({ code: 'administrators_only' });
}

/** POST /privacy/migrants/:id/erase { reason }: erasure on request, before the date, through the same path. */
export async function eraseOnRequest(
  access: DataAccess,
  id: string,
  body: unknown,
  accountability: Accountability | null,
  settings: RetentionSettings,
): Promise<RunResult> {
  onlyAdministrators(accountability);
  const [person] = /^[0-9a-f-]{36}$/i.test(id) ? await retentionOf(access.knex, todayInNetherlands(), [id]) : [];
  if (!person || !(await mayActFor(access, accountability, person.municipality)))
    throw new Refused({ code: 'not_found' });
  const reason = bodyOf(body)['reason'];
  if (typeof reason !== 'string' || reason.trim().length < 5 || reason.length > 500)
    throw new Refused({ code: 'erasure_reason' });
  if (person.decision.kind === 'held') throw new Refused({ code: 'legal_hold' });
  return runRetention(access.knex, {
    dryRun: false,
    trigger: 'request',
    today: todayInNetherlands(),
    actor: accountability?.user ?? null,
    only: [id],
    reason: reason.trim(),
    log: settings.log,
    ...(settings.chunkSize ? { chunkSize: settings.chunkSize } : {}),
  });
}

/** GET /privacy/retention/reports/:batch[/csv]: the "verklaring van vernietiging" of one batch. */
export async function destructionReport(
  access: DataAccess,
  batch: string,
  format: string,
  accountability: Accountability | null,
  acceptLanguage: string | null,
): Promise<Sent> {
  onlyAdministrators(accountability);
  if (format !== 'html' && format !== 'csv') throw new Refused({ code: 'not_found' });
  const row = /^[0-9a-f-]{36}$/i.test(batch)
    ? ((await access.knex('destruction_log').where({ id: batch, kind: 'batch' }).first()) as Row | undefined)
    : undefined;
  if (!row || !(await mayActFor(access, accountability, (row['municipality'] as string | null) ?? null)))
    throw new Refused({ code: 'not_found' });
  const municipality = row['municipality']
    ? ((await access.knex('organisations').select('name').where('id', String(row['municipality'])).first()) as
        Row | undefined)
    : undefined;
  const language = await userLanguage(access.knex, accountability, acceptLanguage);
  const count = (field: string) => Number(row[field] ?? 0);
  const report: DestructionReport = {
    batch: String(row['id']),
    run: String(row['run']),
    trigger: (row['trigger'] as DestructionReport['trigger']) ?? 'manual',
    rule: String(row['rule'] ?? ''),
    ranAt: timestamp(row['finished_at'] ?? row['started_at']) ?? '',
    municipality: String(municipality?.['name'] ?? '-'),
    migrants: count('migrants'),
    stays: count('stays'),
    tasks: count('tasks'),
    appointments: count('appointments'),
    consents: count('consents'),
    statusHistory: count('status_history'),
    revealLog: count('reveal_log'),
  };
  return format === 'csv'
    ? new Sent('text/csv; charset=utf-8', destructionReportCsv(report, language))
    : new Sent('text/html; charset=utf-8', destructionReportHtml(report, language));
}

/** One person a request may be about, as the municipality administrator's screen lists it: nothing personal. */
export interface RequestCandidate {
  id: string;
  case_number: string | null;
  provider: string | null;
  /** The export answers this caller (the municipality of the current location, or one of its tasks). */
  may_export: boolean;
  /** Erasure on request answers this caller (the municipality of the last stay, the retention rule's). */
  may_erase: boolean;
  held: boolean;
  erasure_date: string | null;
}

/**
 * POST /privacy/requests/find { query }: the municipality administrator looks up the person an access or erasure
 * request is about, by exact case number or exact BSN (blind index), among the migrants its municipality may export
 * or erase; anyone else 403. Answers case numbers and providers only: the person's data is in the export. A person of
 * another municipality and an unknown one get the same empty list.
 */
export async function findForRequest(
  access: DataAccess,
  ring: KeyRing,
  body: unknown,
  accountability: Accountability | null,
): Promise<RequestCandidate[]> {
  if (accountability?.role !== ROLE_IDS.municipalityAdmin || !accountability.user)
    throw new Refused({ code: 'administrators_only' });
  const query = bodyOf(body)['query'];
  const text = typeof query === 'string' && query.length <= 40 ? query.trim() : '';
  const caseNumber = parseCaseNumber(text.toUpperCase()) ? text.toUpperCase() : null;
  const bsn = caseNumber ? null : bsnInSearch(text);
  if (!caseNumber && !bsn) throw new Refused({ code: 'request_query' });
  const organisation = await organisationOf(access.knex, accountability.user);
  if (!organisation) return [];
  const rows = (await access
    .knex('migrants')
    .leftJoin('locations', 'locations.id', 'migrants.current_location')
    .leftJoin('organisations', 'organisations.id', 'migrants.provider')
    .select(
      'migrants.id as id',
      'migrants.case_number as case_number',
      'organisations.name as provider',
      'locations.municipality as municipality',
    )
    .where(
      caseNumber ? { 'migrants.case_number': caseNumber } : { 'migrants.bsn_index': blindIndex(ring, 'bsn', bsn!) },
    )
    .orderBy('migrants.case_number')
    .limit(20)) as Row[];
  if (rows.length === 0) return [];
  const ids = rows.map((row) => String(row['id']));
  const withTask = new Set(
    (
      (await access
        .knex('tasks')
        .distinct('migrant')
        .whereIn('migrant', ids)
        .andWhere('owner_organisation', organisation)) as Row[]
    ).map((row) => String(row['migrant'])),
  );
  const facts = new Map(
    (await retentionOf(access.knex, todayInNetherlands(), ids)).map((person) => [person.id, person]),
  );
  const found: RequestCandidate[] = [];
  for (const row of rows) {
    const id = String(row['id']);
    const person = facts.get(id);
    const mayExport = String(row['municipality'] ?? '') === organisation || withTask.has(id);
    const mayErase = person?.municipality === organisation;
    if (!mayExport && !mayErase) continue;
    found.push({
      id,
      case_number: (row['case_number'] as string | null) ?? null,
      provider: (row['provider'] as string | null) ?? null,
      may_export: mayExport,
      may_erase: mayErase,
      held: person?.decision.kind === 'held',
      erasure_date: person?.decision.kind === 'date' ? person.decision.date : null,
    });
  }
  return found;
}
