/**
 * The BRP workflow's entry points for the endpoint and the flow operation: one event in its own transaction, a
 * group appointment (every migrant of one provider gets a slot, or none does), and task claims. Each is one call.
 */
import type { Accountability } from '@directus/types';
import type { Knex } from 'knex';
import { parseGroupSchedule } from '../../domain/brp/group-schedule';
import type { BrpEvent, BrpFacts, MachineStatus } from '../../domain/brp/machine';
import { lockForTransaction, lockRowsInOrder, LOCK_SPACE } from '../db-locks';
import { Refused } from '../http/seam';
import { rowsVisibleTo, systemItems, type DataAccess } from '../items';
import { claimTask, unclaimTask } from './tasks';
import { applyEventInTransaction, type EventRequest, type EventResult } from './workflow';

export type OnApplied = (from: MachineStatus, event: BrpEvent, facts: BrpFacts) => void;

function eventRequest(body: unknown): EventRequest {
  return (body && typeof body === 'object' ? body : { type: undefined }) as EventRequest;
}

/** POST /brp/migrants/:id/events, and the flow operation: one event, checked and written in one transaction. */
export function applyEvent(
  access: DataAccess,
  migrantId: string,
  body: unknown,
  accountability: Accountability | null,
  onApplied?: OnApplied,
): Promise<EventResult> {
  return access.knex.transaction((trx) =>
    applyEventInTransaction(
      { ...access, knex: trx },
      migrantId,
      eventRequest(body),
      accountability,
      new Date(),
      onApplied,
    ),
  );
}

/**
 * POST /brp/appointments/schedule: consecutive slots at one desk for migrants of one provider, in one transaction.
 * A migrant the caller cannot see is not found (before anything says whether the group is of one provider).
 */
export async function scheduleGroup(
  access: DataAccess,
  body: unknown,
  accountability: Accountability | null,
  onApplied?: OnApplied,
): Promise<EventResult[]> {
  const parsed = parseGroupSchedule(body);
  if (!parsed.ok) throw new Refused({ code: 'invalid_group_schedule', problem: parsed.problem });
  const { migrants, desk, startsAt: start, slotMinutes: minutes, groupReference, reason } = parsed.value;
  const filter = { id: { _in: migrants } };
  if (accountability && !accountability.admin) {
    const visible = await rowsVisibleTo(access, 'migrants', accountability, { filter, fields: ['id'], limit: -1 });
    if (visible.length < new Set(migrants).size) throw new Refused({ code: 'not_found' });
  }
  const providers = await systemItems(access, 'migrants').readByQuery({ filter, fields: ['provider'], limit: -1 });
  if (new Set(providers.map((row) => row['provider'])).size > 1) throw new Refused({ code: 'mixed_providers' });
  return access.knex.transaction(async (trx) => {
    // Every lock the group needs, first and in one global order: the desk (a group has one), then its migrants by id.
    // Each event below takes the desk's lock again (its holder may) and writes rows it already holds.
    await lockGroup(trx, migrants, desk);
    const results: EventResult[] = [];
    for (const [index, migrant] of migrants.entries()) {
      const startsAt = new Date(start.getTime() + index * minutes * 60_000);
      const appointment = {
        desk,
        starts_at: startsAt.toISOString(),
        ends_at: new Date(startsAt.getTime() + minutes * 60_000).toISOString(),
        group_reference: groupReference,
      };
      results.push(
        await applyEventInTransaction(
          { ...access, knex: trx },
          migrant,
          { type: 'SCHEDULE', reason, appointment },
          accountability,
          new Date(),
          onApplied,
        ),
      );
    }
    return results;
  });
}

async function lockGroup(trx: Knex, migrants: readonly string[], desk: string): Promise<void> {
  // a migrant's municipality is its current location's (as the events below find it)
  const municipalities = await trx('migrants')
    .join('locations', 'locations.id', 'migrants.current_location')
    .distinct('locations.municipality as municipality')
    .whereIn('migrants.id', [...migrants]);
  for (const municipality of municipalities
    .map((row: { municipality: unknown }) => row.municipality)
    .filter((value): value is string => typeof value === 'string')
    .sort()) {
    await lockForTransaction(trx, LOCK_SPACE.desk, `${municipality}:${desk}`);
  }
  await lockRowsInOrder(trx, 'migrants', migrants);
}

export async function claim(
  access: DataAccess,
  taskId: string,
  accountability: Accountability | null,
): Promise<{ task: string; claimed: true }> {
  await claimTask(access, taskId, accountability);
  return { task: taskId, claimed: true };
}

export async function unclaim(
  access: DataAccess,
  taskId: string,
  accountability: Accountability | null,
): Promise<{ task: string; claimed: false }> {
  await unclaimTask(access, taskId, accountability);
  return { task: taskId, claimed: false };
}
