/**
 * `GET /privacy/migrants/:id/export`: a migrant's access export (GDPR art. 15 and 20), for a municipality
 * administrator of the municipality where the migrant lives or has a task, and for the migrant's own provider.
 * Anyone else, and a missing migrant, get the same 404 before any row of the person is read. The export is itself a
 * reveal: logged (basis `access_request`) before the answer leaves. Shape and page: domain/privacy/access-export.ts.
 */
import { dateOnly } from '../retention/facts';
import type { Accountability, SchemaOverview } from '@directus/types';
import type { Knex } from 'knex';
import { isUuid } from '../../domain/consent/invitation';
import {
  accessExportHtml,
  buildAccessExport,
  exportLanguage,
  type AccessExport,
  type AccessExportInput,
  type ExportRow,
  type ExportValue,
} from '../../domain/privacy/access-export';
import type { KeyRing } from '../../domain/privacy';
import { privacyNoticeSettings } from '../consent/rows';
import { exportedDocuments } from '../documents/documents';
import { Refused, Sent, type Reply } from '../http/seam';
import type { DataAccess, Row } from '../items';
import { ROLE_IDS } from '../roles';
import { PERSONAL, revealInResult } from './personal-data';
import { logReveal } from './reveal-log';

type ExportRole = 'municipality_admin' | 'provider';
interface ExportRight {
  role: ExportRole;
  organisation: string;
}

/**
 * The caller's right to the person, decided on the caller's organisation and the migrant's tenancy columns alone:
 * a municipality administrator of the municipality of the migrant's current location or of one of its tasks; the
 * provider the migrant belongs to. Everyone else (administrators included: they have break-glass), null.
 */
async function exportRight(
  knex: Knex,
  accountability: Accountability | null,
  migrantId: string,
): Promise<ExportRight | null> {
  if (!accountability?.user || !isUuid(migrantId)) return null;
  const role: ExportRole | null =
    accountability.role === ROLE_IDS.municipalityAdmin
      ? 'municipality_admin'
      : accountability.role === ROLE_IDS.provider
        ? 'provider'
        : null;
  if (!role) return null;
  const user = (await knex('directus_users').select('organisation').where('id', accountability.user).first()) as
    { organisation: string | null } | undefined;
  const organisation = user?.organisation ? String(user.organisation) : null;
  if (!organisation) return null;
  const migrant = (await knex('migrants')
    .leftJoin('locations', 'locations.id', 'migrants.current_location')
    .select('migrants.provider as provider', 'locations.municipality as municipality')
    .where('migrants.id', migrantId)
    .first()) as { provider: string | null; municipality: string | null } | undefined;
  if (!migrant) return null;
  if (role === 'provider')
    return migrant.provider !== null && String(migrant.provider) === organisation ? { role, organisation } : null;
  if (migrant.municipality !== null && String(migrant.municipality) === organisation) return { role, organisation };
  const task = await knex('tasks').select('id').where({ migrant: migrantId, owner_organisation: organisation }).first();
  return task ? { role, organisation } : null;
}

/** A row as stored, with timestamps as ISO strings (SQLite keeps some as numbers) and JSON columns parsed. */
function exportRow(schema: SchemaOverview, collection: string, row: Row): ExportRow {
  const fields = schema.collections[collection]?.fields ?? {};
  const out: ExportRow = {};
  for (const [key, raw] of Object.entries(row)) {
    const type = fields[key]?.type;
    let value: unknown = raw;
    // a date as the date it is (SQLite keeps epoch ms, PostgreSQL a Date at local midnight)
    if (type === 'date') value = dateOnly(raw);
    else if (raw instanceof Date) value = raw.toISOString();
    else if ((type === 'timestamp' || type === 'dateTime') && typeof raw === 'number')
      value = new Date(raw).toISOString();
    else if (
      (type === 'timestamp' || type === 'dateTime') &&
      typeof raw === 'string' &&
      !Number.isNaN(Date.parse(raw.replace(' ', 'T')))
    )
      value = new Date(raw.includes('T') || raw.includes('Z') ? raw : `${raw.replace(' ', 'T')}Z`).toISOString();
    else if (type === 'json' && typeof raw === 'string') {
      try {
        value = JSON.parse(raw) as unknown;
      } catch {
        value = raw;
      }
    }
    out[key] = Array.isArray(value)
      ? value.map(String)
      : value === undefined || (typeof value === 'object' && value !== null)
        ? value === undefined
          ? null
          : JSON.stringify(value)
        : (value as ExportValue);
  }
  return out;
}

/** The text version and the SHA-256 of the text shown, from a stored record (canonical JSON). */
function recordFacts(record: unknown): Row {
  try {
    const parsed = JSON.parse(String(record)) as { textVersion?: unknown; textSha256?: unknown; language?: unknown };
    return {
      text_version: typeof parsed.textVersion === 'string' ? parsed.textVersion : null,
      text_sha256: typeof parsed.textSha256 === 'string' ? parsed.textSha256 : null,
      language: typeof parsed.language === 'string' ? parsed.language : null,
    };
  } catch {
    return {};
  }
}

/** The municipality that is the controller for this person: that of the current location, else of the last stay. */
async function controllerOf(
  knex: Knex,
  migrantId: string,
  currentLocation: unknown,
): Promise<AccessExportInput['controller']> {
  let location = currentLocation;
  if (!location) {
    const last = (await knex('stays')
      .select('location')
      .where('migrant', migrantId)
      .orderBy('start_date', 'desc')
      .first()) as { location: string } | undefined;
    location = last?.location ?? null;
  }
  if (!location) return null;
  const row = (await knex('locations')
    .join('organisations', 'organisations.id', 'locations.municipality')
    .select('organisations.*')
    .where('locations.id', location)
    .first()) as Row | undefined;
  return row ? privacyNoticeSettings(row) : null;
}

async function gather(access: DataAccess, ring: KeyRing, migrantId: string): Promise<AccessExportInput> {
  const { knex, schema } = access;
  const rows = (collection: string, list: Row[]) => list.map((row) => exportRow(schema, collection, row));
  const stored = (await knex('migrants').select('*').where('id', migrantId).first()) as Row;
  // the system reveal: decrypts without a log entry of its own (the export logs one entry below, with its basis)
  const [migrant] = await revealInResult({ ring, knex, accountability: null, language: async () => 'nl' }, [stored]);
  const consents = (await knex('consents').select('*').where('migrant', migrantId)) as Row[];
  const consentIds = consents.map((consent) => consent['id'] as string);
  const reveals = (await knex('reveal_log')
    .leftJoin('directus_users', 'directus_users.id', 'reveal_log.viewer')
    .leftJoin('organisations as viewer_org', 'viewer_org.id', 'directus_users.organisation')
    .leftJoin('organisations as municipality_org', 'municipality_org.id', 'reveal_log.municipality')
    .select(
      'reveal_log.occurred_at',
      'reveal_log.viewer_role',
      'reveal_log.fields',
      'reveal_log.basis',
      'reveal_log.reason',
      'municipality_org.name as municipality_name',
      'viewer_org.name as viewer_org_name',
    )
    .where('reveal_log.migrant', migrantId)) as Row[];
  // the housing provider and the current location by name, as the person knows them (not an id)
  const person = exportRow(schema, 'migrants', migrant!);
  const nameOf = async (table: string, id: ExportValue | undefined) =>
    typeof id === 'string' && id !== ''
      ? (((await knex(table).select('name').where('id', id).first()) as { name?: string } | undefined)?.name ?? id)
      : (id ?? null);
  if ('provider' in person) person['provider'] = await nameOf('organisations', person['provider']);
  if ('current_location' in person) person['current_location'] = await nameOf('locations', person['current_location']);
  return {
    migrant: person,
    stays: rows(
      'stays',
      (await knex('stays')
        .leftJoin('locations', 'locations.id', 'stays.location')
        .select(
          'stays.start_date',
          'stays.end_date',
          'locations.name as location_name',
          'locations.city as location_city',
        )
        .where('stays.migrant', migrantId)) as Row[],
    ),
    tasks: rows(
      'tasks',
      (await knex('tasks')
        .leftJoin('organisations', 'organisations.id', 'tasks.owner_organisation')
        .select(
          'tasks.type',
          'tasks.status',
          'tasks.date_created',
          'tasks.due_date',
          'tasks.closed_at',
          'tasks.outcome',
          'organisations.name as organisation_name',
        )
        .where('tasks.migrant', migrantId)) as Row[],
    ),
    // the actor (a member of staff) is left out, as in the reveal log
    statusHistory: rows(
      'status_history',
      (await knex('status_history')
        .select('occurred_at', 'from_status', 'to_status', 'event', 'reason')
        .where('migrant', migrantId)) as Row[],
    ),
    appointments: rows(
      'appointments',
      (await knex('appointments')
        .select('starts_at', 'ends_at', 'desk', 'status', 'notes')
        .where('migrant', migrantId)) as Row[],
    ),
    consents: rows(
      'consents',
      consents.map(({ token_hash: _hash, printed_by: _printer, failed_attempts: _attempts, ...consent }) => consent),
    ),
    // what the person did, from the signed record: its text version and hash (the record itself names the member of
    // staff who printed a letter, so it stays with the receipts the person already holds)
    consentRecords:
      consentIds.length === 0
        ? []
        : rows(
            'consent_records',
            (
              (await knex('consent_records')
                .select('id', 'consent', 'sequence', 'action', 'created_at', 'channel', 'sent_at', 'record')
                .whereIn('consent', consentIds)) as Row[]
            ).map(({ record, ...rest }) => ({ ...rest, ...recordFacts(record) })),
          ),
    reveals: rows(
      'reveal_log',
      reveals.map(({ municipality_name, viewer_org_name, ...reveal }) => ({
        ...reveal,
        viewer_organisation: municipality_name ?? viewer_org_name ?? null,
      })),
    ),
    documents: rows('migrant_documents', await exportedDocuments(knex, ring, migrantId)),
    controller: await controllerOf(knex, migrantId, stored['current_location']),
  };
}

/** The export as JSON (`?format=json`, the default) or as the readable page (`?format=html`), logged as a reveal. */
export async function migrantExport(
  access: DataAccess,
  ring: KeyRing,
  migrantId: string,
  query: Record<string, unknown>,
  accountability: Accountability | null,
  now: Date = new Date(),
): Promise<AccessExport | Sent> {
  const format = query['format'] ?? 'json';
  if (format !== 'json' && format !== 'html') throw new Refused({ code: 'invalid_input', field: 'format' });
  const right = await exportRight(access.knex, accountability, migrantId);
  if (!right) throw new Refused({ code: 'not_found' });
  const stored = (await access
    .knex('migrants')
    .select(...PERSONAL)
    .where('id', migrantId)
    .first()) as Row;
  const present = PERSONAL.filter((field) => typeof stored[field] === 'string' && stored[field] !== '');
  // the export is a reveal: logged before anything of the person is read out, and listed in the export itself
  await logReveal(access.knex, {
    viewer: accountability!.user,
    viewerRole: right.role,
    municipality: right.role === 'municipality_admin' ? right.organisation : null,
    migrant: migrantId,
    fields: present,
    task: null,
    basis: 'access_request',
    reason: null,
    occurredAt: now,
  });
  const input = await gather(access, ring, migrantId);
  const data = buildAccessExport(input, exportLanguage(query['language'], input.migrant['language']), now);
  if (format === 'html') return new Sent('text/html; charset=utf-8', accessExportHtml(data));
  return data;
}

/** The page is a stand-alone document with its own inline style and nothing else; never cached, never framed. */
export function exportHeaders(response: Reply): void {
  response.setHeader(
    'Content-Security-Policy',
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  );
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('Cache-Control', 'no-store');
}
