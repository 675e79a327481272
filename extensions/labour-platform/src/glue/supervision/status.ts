/**
 * A person moves a warning along its life by setting `status` (the only field a non-administrator may write): the
 * change must be one the life allows (../../domain/supervision: open → acknowledged → resolved, resolved → open),
 * checked in the update filter, registered through accessFirst (Directus has established that the caller may update
 * these rows before this reads them); after the commit the platform stamps who and when (Directus checks the
 * caller's field permissions on what the filters return, so the stamps cannot ride along in the caller's payload), and
 * the warning's task follows (./warning-tasks.ts): closed on resolve, opened again on reopen.
 */
import type { Accountability } from '@directus/types';
import type { Knex } from 'knex';
import { choiceLabel } from '../../domain/labels';
import {
  nextWarningStatus,
  WARNING_STATUSES,
  type WarningAction,
  type WarningStatus,
  type WarningType,
} from '../../domain/supervision';
import { refuseIssues } from '../records/write-checks';
import { systemItems, type DataAccess, type Row } from '../items';
import type { SchemaOverview } from '@directus/types';
import { userLanguage } from '../language';
import type { WriteContext } from '../records/write-checks';
import { closeWarningTasks, openWarningTask } from './warning-tasks';

const ACTION_TO: Readonly<Record<WarningStatus, WarningAction>> = Object.freeze({
  acknowledged: 'acknowledge',
  resolved: 'resolve',
  open: 'reopen',
});

const isWarningStatus = (value: unknown): value is WarningStatus =>
  typeof value === 'string' && (WARNING_STATUSES as readonly string[]).includes(value);

/** The payload unchanged when its status change is allowed for every row; else a refusal at `status`. */
export async function checkStatusChange(
  knex: Knex,
  schema: SchemaOverview,
  keys: readonly (string | number)[],
  payload: Row,
  accountability: Accountability | null,
): Promise<Row> {
  if (!('status' in payload)) return payload;
  const context: WriteContext = { database: knex, schema, accountability };
  const target = payload['status'];
  if (!isWarningStatus(target)) return refuseIssues('warnings', [{ field: 'status', code: 'invalid_choice' }], context);
  const rows = (await knex('warnings')
    .select('id', 'status')
    .whereIn('id', [...keys])) as Row[];
  const language = await userLanguage(knex, accountability);
  for (const row of rows) {
    const from = row['status'];
    if (from === target || !isWarningStatus(from)) continue;
    if (nextWarningStatus(from, ACTION_TO[target]) !== target)
      return refuseIssues(
        'warnings',
        [
          {
            field: 'status',
            code: 'invalid_transition',
            params: {
              from: choiceLabel('warnings', 'status', from, language),
              to: choiceLabel('warnings', 'status', target, language),
            },
          },
        ],
        context,
      );
  }
  return payload;
}

/** After a committed status change: who and when (a reopened warning loses its resolution). */
export async function stampStatusChange(
  access: DataAccess,
  keys: readonly (string | number)[],
  status: unknown,
  accountability: Accountability | null,
  now: Date = new Date(),
): Promise<void> {
  if (!isWarningStatus(status) || keys.length === 0) return;
  const user = accountability?.user ?? null;
  const at = now.toISOString();
  const stamps: Row =
    status === 'acknowledged'
      ? { acknowledged_at: at, acknowledged_by: user }
      : status === 'resolved'
        ? { resolved_at: at, resolved_by: user }
        : { resolved_at: null, resolved_by: null };
  const changed = (await access
    .knex('warnings')
    .select('id', 'type', 'municipality', 'provider')
    .whereIn('id', [...keys])
    .where('status', status)) as Row[];
  if (changed.length === 0) return;
  const ids = changed.map((row) => String(row['id']));
  await systemItems(access, 'warnings').updateMany(ids, stamps, { emitEvents: false });
  // the warning's task follows it: closed when it is resolved, open again when it is reopened
  if (status === 'resolved') await closeWarningTasks(access, ids, now);
  if (status === 'open')
    for (const row of changed)
      await openWarningTask(
        access,
        {
          id: String(row['id']),
          type: row['type'] as WarningType,
          municipality: (row['municipality'] as string | null) ?? null,
          provider: (row['provider'] as string | null) ?? null,
        },
        now,
      );
}
