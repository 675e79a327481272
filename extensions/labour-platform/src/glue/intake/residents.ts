/**
 * Door 2 of the intake (issue 10): a provider's own system sends JSON rows in the same shape as a spreadsheet row.
 *   PUT  /intake/residents  { rows, locations? }  the full list for the rows' locations (and the named ones)
 *   POST /intake/residents  { rows }              changes (additions)
 * An Idempotency-Key header makes a retry safe: the same key with the same body answers the first import again; the
 * same key with another body is a 409. Two requests with one key at the same moment make one import: the key is
 * kept as "<provider>:<key>" in imports.idempotency_key, which is unique, so the second insert fails; that request
 * then waits for the first import to finish and answers it (a first request that failed frees its key, and the
 * second runs). Rows go through the same pipeline as a file (./imports.ts), committed at once; a full list confirms
 * its proposed departures with `confirm_departures: true` (those still proposed at the commit, as in door 1).
 */
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { isDirectusError } from '@directus/errors';
import type { IntakeColumn, IntakeImport, IntakeMode } from '../../domain/intake';
import { INTAKE_FIELDS, isIntakeField, parseJsonRows } from '../../domain/intake';
import type { KeyRing } from '../../domain/privacy';
import { Refused, header, type ApiRequest } from '../http/seam';
import { systemItems, type DataAccess } from '../items';
import { intakeCaller, readImport, runIntake, type IntakeCaller } from './imports';

/** How long a request waits for the import of the same key that another request is making. */
const WAIT_FOR_SAME_KEY_MS = 120_000;

export const MAX_API_ROWS = 20_000;

/** A canonical form of the body (sorted keys), so a retry with the same content has the same hash. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value as Record<string, unknown>)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export async function receiveResidents(
  access: DataAccess,
  ring: KeyRing,
  request: ApiRequest,
  mode: IntakeMode,
): Promise<IntakeImport> {
  const body = request.body as {
    rows?: unknown;
    locations?: unknown;
    provider?: unknown;
    confirm_departures?: unknown;
  } | null;
  const rows = body?.rows;
  if (
    !Array.isArray(rows) ||
    rows.length > MAX_API_ROWS ||
    !rows.every((row) => row !== null && typeof row === 'object' && !Array.isArray(row))
  ) {
    throw new Refused({ code: 'invalid_input', field: 'rows' });
  }
  const locations = body?.locations ?? [];
  if (!Array.isArray(locations) || !locations.every((id) => typeof id === 'string'))
    throw new Refused({ code: 'invalid_input', field: 'locations' });
  const confirm = body?.confirm_departures ?? false;
  if (typeof confirm !== 'boolean') throw new Refused({ code: 'invalid_input', field: 'confirm_departures' });
  const named = typeof body?.provider === 'string' ? body.provider : null;
  const caller = await intakeCaller(access, request.accountability, named);
  const key = header(request, 'idempotency-key')?.trim() ?? null;
  if (key !== null && (key === '' || key.length > 200))
    throw new Refused({ code: 'invalid_input', field: 'Idempotency-Key' });
  const sha = createHash('sha256')
    .update(`${mode}\n${canonical(body)}`)
    .digest('hex');
  const claim = key === null ? null : `${caller.provider}:${key}`;
  if (claim !== null) {
    const earlier = await earlierImport(access, caller, claim, sha, request);
    if (earlier !== null) return earlier;
  }
  const keys = new Set<string>();
  for (const row of rows as Array<Record<string, unknown>>) for (const field of Object.keys(row)) keys.add(field);
  const fields = INTAKE_FIELDS.filter((field) => keys.has(field));
  const columns: IntakeColumn[] = [...keys].map((name, index) => ({
    index,
    header: name,
    field: isIntakeField(name) ? name : null,
    source: isIntakeField(name) ? 'header' : 'none',
  }));
  const known = (rows as Array<Record<string, unknown>>).map((row) =>
    Object.fromEntries(Object.entries(row).filter(([field]) => isIntakeField(field))),
  );
  const parsed = parseJsonRows(known);
  const run = () =>
    runIntake(access, ring, caller, {
      channel: 'api',
      mode,
      dryRun: false,
      rows: parsed,
      columns,
      ignored: [...keys].filter((name) => !isIntakeField(name)),
      header: fields,
      cellsOf: (row) =>
        fields.map((field) => {
          const value = known[row - 1]?.[field];
          return value === null || value === undefined ? '' : String(value);
        }),
      sha,
      scope: locations as string[],
      idempotencyKey: claim,
      confirmDepartures: confirm,
    });
  if (claim === null) return run();
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (sameKeyTaken(error)) {
        // another request with this key inserted its import first: its answer is this request's answer
        const earlier = await earlierImport(access, caller, claim, sha, request);
        if (earlier !== null) return earlier;
        if (attempt < 2) continue;
        throw new Refused({ code: 'busy', retryAfter: 5 });
      }
      // this request's import did not commit: its key is free for the retry
      await access.knex('imports').where({ idempotency_key: claim, status: 'dry_run' }).delete();
      throw error;
    }
  }
}

function sameKeyTaken(error: unknown): boolean {
  if (isDirectusError(error, 'RECORD_NOT_UNIQUE')) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT';
}

/**
 * The import an earlier request made with this key, once it is finished (committed or unchanged), as this caller's
 * answer; a 409 when it was made from another body. Null when there is none (or it failed and freed its key).
 */
async function earlierImport(
  access: DataAccess,
  caller: IntakeCaller,
  claim: string,
  sha: string,
  request: ApiRequest,
): Promise<IntakeImport | null> {
  const until = Date.now() + WAIT_FOR_SAME_KEY_MS;
  for (let pause = 20; ; pause = Math.min(pause * 2, 500)) {
    const [earlier] = await systemItems(access, 'imports').readByQuery({
      filter: { provider: { _eq: caller.provider }, idempotency_key: { _eq: claim } },
      fields: ['id', 'file_sha256', 'status'],
      limit: 1,
    });
    if (!earlier) return null;
    if (earlier['file_sha256'] !== sha) throw new Refused({ code: 'intake_idempotency_conflict' });
    if (earlier['status'] !== 'dry_run' && earlier['status'] !== 'committing')
      return readImport(access, String(earlier['id']), request.accountability);
    if (Date.now() > until) throw new Refused({ code: 'busy', retryAfter: 5 });
    await sleep(pause);
  }
}
