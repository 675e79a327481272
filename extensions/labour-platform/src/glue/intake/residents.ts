/**
 * Door 2 of the intake (issue 10): a provider's own system sends JSON rows in the same shape as a spreadsheet row.
 *   PUT  /intake/residents  { rows, locations? }  the full list for the rows' locations (and the named ones)
 *   POST /intake/residents  { rows }              changes (additions)
 * An Idempotency-Key header makes a retry safe: the same key with the same body answers the first import again; the
 * same key with another body is a 409. Rows go through the same pipeline as a file (./imports.ts), committed at once.
 */
import { createHash } from 'node:crypto';
import type { IntakeColumn, IntakeImport, IntakeMode } from '../../domain/intake';
import { INTAKE_FIELDS, isIntakeField, parseJsonRows } from '../../domain/intake';
import type { KeyRing } from '../../domain/privacy';
import { Refused, header, type ApiRequest } from '../http/seam';
import { systemItems, type DataAccess } from '../items';
import { intakeCaller, readImport, runIntake } from './imports';

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
  const body = request.body as { rows?: unknown; locations?: unknown; provider?: unknown } | null;
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
  const named = typeof body?.provider === 'string' ? body.provider : null;
  const caller = await intakeCaller(access, request.accountability, named);
  const key = header(request, 'idempotency-key')?.trim() ?? null;
  if (key !== null && (key === '' || key.length > 200))
    throw new Refused({ code: 'invalid_input', field: 'Idempotency-Key' });
  const sha = createHash('sha256')
    .update(`${mode}\n${canonical(body)}`)
    .digest('hex');
  if (key !== null) {
    const [earlier] = await systemItems(access, 'imports').readByQuery({
      filter: { provider: { _eq: caller.provider }, idempotency_key: { _eq: key } },
      fields: ['id', 'file_sha256'],
      limit: 1,
    });
    if (earlier) {
      if (earlier['file_sha256'] !== sha) throw new Refused({ code: 'intake_idempotency_conflict' });
      return readImport(access, String(earlier['id']), request.accountability);
    }
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
  return runIntake(access, ring, caller, {
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
    idempotencyKey: key,
  });
}
