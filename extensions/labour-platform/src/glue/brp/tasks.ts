/**
 * Task bookkeeping around the BRP workflow: claiming (a compare-and-set on the assignee), and the scheduled
 * maintenance that escalates overdue tasks once and opens "report departure" when an expected departure date
 * has passed. Timers are rows (due_date, escalated_at), so a restart loses nothing, and several instances
 * running the schedule at once notify once (the escalation is a compare-and-set too).
 */
import type { Accountability } from '@directus/types';
import { choiceLabel } from '../../domain/labels';
import { pickUiLanguage } from '../../domain/ui-language';
import { dueDate } from '../../domain/brp/due-dates';
import { taskUrgency } from '../../domain/brp/urgency';
import { todayInNetherlands } from '../../domain/dates';
import { Refused } from '../http/seam';
import { openTask, taskDeadlines } from './workflow';
import { rowsVisibleTo, systemItems, type DataAccess } from '../items';

export async function claimTask(
  access: DataAccess,
  taskId: string,
  accountability: Accountability | null,
  now = new Date(),
): Promise<void> {
  const user = accountability?.user;
  if (!user) throw new Refused({ code: 'not_signed_in' });
  const visible = await rowsVisibleTo(access, 'tasks', accountability, {
    filter: { id: { _eq: taskId } },
    fields: ['id', 'status'],
    limit: 1,
  });
  if (visible.length === 0) throw new Refused({ code: 'not_found' });
  const claimed = await access
    .knex('tasks')
    .where({ id: taskId, status: 'open' })
    .andWhere((where) => where.whereNull('assignee').orWhere('assignee', user))
    .update({ assignee: user, claimed_at: now });
  if (claimed === 1) return;
  throw new Refused({ code: visible[0]!['status'] === 'open' ? 'task_claimed' : 'task_closed' });
}

export async function unclaimTask(
  access: DataAccess,
  taskId: string,
  accountability: Accountability | null,
): Promise<void> {
  const visible = await rowsVisibleTo(access, 'tasks', accountability, {
    filter: { id: { _eq: taskId } },
    fields: ['id'],
    limit: 1,
  });
  if (visible.length === 0) throw new Refused({ code: 'not_found' });
  let query = access.knex('tasks').where({ id: taskId });
  if (!accountability?.admin)
    query = query.andWhere((where) => where.whereNull('assignee').orWhere('assignee', accountability?.user ?? ''));
  const released = await query.update({ assignee: null, claimed_at: null });
  if (released !== 1) throw new Refused({ code: 'task_claimed' });
}

export interface MaintenanceReport {
  escalated: number;
  notifications: number;
  departureTasks: number;
}

/** Escalates each overdue open task once, notifying the active users of its organisation. */
async function escalateOverdueTasks(
  access: DataAccess,
  now: Date,
): Promise<{ escalated: number; notifications: number }> {
  const today = todayInNetherlands(now);
  const overdue = await systemItems(access, 'tasks').readByQuery({
    filter: { _and: [{ status: { _eq: 'open' } }, { escalated_at: { _null: true } }, { due_date: { _lt: today } }] },
    fields: ['id', 'type', 'due_date', 'owner_organisation'],
    limit: -1,
  });
  let escalated = 0;
  let notifications = 0;
  for (const task of overdue) {
    const won = await access
      .knex('tasks')
      .where({ id: task['id'] })
      .whereNull('escalated_at')
      .update({ escalated_at: now, priority: 'high' });
    if (won !== 1) continue; // another instance escalated it
    escalated++;
    const recipients = await systemItems(access, 'directus_users').readByQuery({
      filter: { _and: [{ organisation: { _eq: task['owner_organisation'] } }, { status: { _eq: 'active' } }] },
      fields: ['id', 'language'],
      limit: -1,
    });
    for (const recipient of recipients) {
      const lang = pickUiLanguage(recipient['language'] as string | null, null);
      const type = choiceLabel('tasks', 'type', String(task['type']), lang);
      await systemItems(access, 'directus_notifications').createOne(
        {
          recipient: recipient['id'],
          subject: lang === 'nl' ? `Taak te laat: ${type}` : `Task overdue: ${type}`,
          message:
            lang === 'nl'
              ? `De taak "${type}" had uiterlijk ${String(task['due_date'])} klaar moeten zijn.`
              : `The task "${type}" was due on ${String(task['due_date'])}.`,
          collection: 'tasks',
          item: String(task['id']),
        },
        { emitEvents: false },
      );
      notifications++;
    }
  }
  return { escalated, notifications };
}

const NOT_YET_REGISTERED = ['geen', 'niet_ingeschreven', 'ingepland', 'afspraak_bevestigd'];

/** A migrant who has not registered and whose expected departure date has passed: the provider reports the departure. */
async function openDepartureTasks(access: DataAccess, now: Date): Promise<number> {
  const today = todayInNetherlands(now);
  const migrants = await systemItems(access, 'migrants').readByQuery({
    filter: { _and: [{ brp_status: { _in: NOT_YET_REGISTERED } }, { expected_departure_date: { _lt: today } }] },
    fields: ['id', 'provider', 'arrival_date', 'expected_departure_date'],
    limit: -1,
  });
  if (migrants.length === 0) return 0;
  const open = await systemItems(access, 'tasks').readByQuery({
    filter: {
      _and: [
        { type: { _eq: 'report_departure' } },
        { status: { _eq: 'open' } },
        { migrant: { _in: migrants.map((m) => m['id']) } },
      ],
    },
    fields: ['migrant'],
    limit: -1,
  });
  const already = new Set(open.map((task) => String(task['migrant'])));
  const deadlines = await taskDeadlines(access);
  let opened = 0;
  for (const migrant of migrants.filter((m) => !already.has(String(m['id'])) && m['provider'])) {
    const created = await openTask(access, {
      type: 'report_departure',
      migrant: String(migrant['id']),
      owner_organisation: migrant['provider'],
      priority: 'high',
      due_date: dueDate('report_departure', deadlines, {
        opened: now.toISOString(),
        arrivalDate: (migrant['arrival_date'] as string | null) ?? null,
        expectedDepartureDate: (migrant['expected_departure_date'] as string | null) ?? null,
      }),
    });
    if (created) opened++;
  }
  return opened;
}

/**
 * Keeps each open task's urgency rank (domain/brp/urgency) in step with its priority, due date and today: after a
 * write through Directus (the written keys) and every hour (all open tasks, so yesterday's become overdue). Reads
 * through Directus (dates as `YYYY-MM-DD` on every vendor) and writes only the rows whose rank changed, without
 * events. Returns how many changed.
 */
export async function refreshUrgency(
  access: DataAccess,
  ids: readonly string[] | 'all',
  now = new Date(),
): Promise<number> {
  if (ids !== 'all' && ids.length === 0) return 0;
  const today = todayInNetherlands(now);
  const open = await systemItems(access, 'tasks').readByQuery({
    filter: { _and: [{ status: { _eq: 'open' } }, ...(ids === 'all' ? [] : [{ id: { _in: [...ids] } }])] },
    fields: ['id', 'priority', 'due_date', 'urgency'],
    limit: -1,
  });
  const byRank = new Map<number, string[]>();
  for (const task of open) {
    const rank = taskUrgency(
      { priority: (task['priority'] as string | null) ?? null, dueDate: (task['due_date'] as string | null) ?? null },
      today,
    );
    if (task['urgency'] !== rank) byRank.set(rank, [...(byRank.get(rank) ?? []), String(task['id'])]);
  }
  let changed = 0;
  for (const [rank, taskIds] of byRank)
    for (let start = 0; start < taskIds.length; start += 500)
      changed += await access
        .knex('tasks')
        .whereIn('id', taskIds.slice(start, start + 500))
        .update({ urgency: rank });
  return changed;
}

export async function runMaintenance(access: DataAccess, now = new Date()): Promise<MaintenanceReport> {
  const departureTasks = await openDepartureTasks(access, now);
  const { escalated, notifications } = await escalateOverdueTasks(access, now);
  await refreshUrgency(access, 'all', now);
  return { escalated, notifications, departureTasks };
}
