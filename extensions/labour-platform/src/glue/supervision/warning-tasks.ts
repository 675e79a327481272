/**
 * A warning opens a task where someone must act (issue 12): a task of type `handle_warning`, owned by the organisation
 * that must act on the warning's type (../../domain/supervision: WARNING_TASK_OWNER), linked to the warning
 * (`tasks.warning`), never to a person (`tasks.migrant` stays empty, so the task shows no personal data and widens no
 * clerk's view of migrants). It is opened once per warning (`tasks.open_step` = `warning:<id>`, unique while open,
 * with the BRP tasks' own openTask) and closed when the warning resolves, by the evaluation or by a person.
 */
import { dueDate } from '../../domain/brp/due-dates';
import { warningTaskOwner, warningTaskStep, type WarningType } from '../../domain/supervision';
import { closeTasks, openTask, taskDeadlines } from '../brp/workflow';
import type { DataAccess, Row } from '../items';

export interface WarningForTask {
  id: string;
  type: WarningType;
  municipality: string | null;
  provider: string | null;
}

/** Opens the warning's task (no-op when it is open already or nobody owns it); true when this call opened it. */
export async function openWarningTask(
  access: DataAccess,
  warning: WarningForTask,
  now: Date = new Date(),
): Promise<boolean> {
  const owner = warningTaskOwner(warning.type, warning);
  if (owner === null) return false;
  return openTask(access, {
    type: 'handle_warning',
    migrant: null,
    warning: warning.id,
    open_step: warningTaskStep(warning.id),
    owner_organisation: owner,
    priority: warning.type === 'overcrowded' ? 'high' : 'normal',
    due_date: dueDate('handle_warning', await taskDeadlines(access), {
      opened: now.toISOString(),
      arrivalDate: null,
      expectedDepartureDate: null,
    }),
  });
}

/** Closes the open tasks of these warnings (done: the warning is resolved). */
export async function closeWarningTasks(
  access: DataAccess,
  warningIds: readonly string[],
  now: Date = new Date(),
): Promise<number> {
  if (warningIds.length === 0) return 0;
  const open = (await access
    .knex('tasks')
    .select('id')
    .whereIn('warning', [...warningIds])
    .andWhere('status', 'open')) as Row[];
  await closeTasks(
    access,
    open.map((row) => String(row['id'])),
    { status: 'done', outcome: null, closed_at: now.toISOString() },
  );
  return open.length;
}
