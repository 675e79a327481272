/**
 * The BRP workflow in Directus: an event checked against the persisted status, the caller's role and
 * organisation, then the new status, a status_history row and the task changes in one transaction, with a
 * compare-and-set on migrants.status_version. The rules themselves are in ../domain/brp.
 */
import type { Accountability } from '@directus/types';
import type { Knex } from 'knex';
import { departureDate, staysEndedBy, type StaySpan } from '../../domain/brp/departure';
import { dueDate, DEFAULT_TASK_DEADLINES, type TaskDeadlines } from '../../domain/brp/due-dates';
import { taskUrgency } from '../../domain/brp/urgency';
import {
  BRP_MACHINE_VERSION,
  decide,
  EVENT_OWNERS,
  isBrpEventType,
  isFinalStatus,
  restoreStatus,
  STATE_TASKS,
  availableEvents,
  type BrpEvent,
  type BrpEventType,
  type BrpFacts,
  type MachineStatus,
  type Party,
} from '../../domain/brp/machine';
import {
  BOOKED_APPOINTMENT_STATUSES,
  DEFAULT_APPOINTMENT_MINUTES,
  findDoubleBooking,
} from '../../domain/brp/desk-agenda';
import { todayInNetherlands } from '../../domain/dates';
import type { TaskType } from '../../domain/vocabulary';
import { Refused } from '../http/seam';
import { lockForTransaction, lockRowsInOrder, LOCK_SPACE } from '../db-locks';
import { refreshOccupancy } from './occupancy';
import { rowsVisibleTo, systemItems, type DataAccess, type Row } from '../items';

/** Kept for hooks/records: a refusal as a Directus error (the seam's refusalError). */
export { refusalError as toDirectusError } from '../http/seam';

interface MigrantState {
  id: string;
  status: MachineStatus;
  version: number;
  provider: string | null;
  municipality: string | null;
  locationProvider: string | null;
  arrivalDate: string | null;
  expectedDepartureDate: string | null;
}

async function loadMigrant(access: DataAccess, id: string): Promise<MigrantState | null> {
  const [row] = await systemItems(access, 'migrants').readByQuery({
    filter: { id: { _eq: id } },
    fields: [
      'id',
      'brp_status',
      'status_version',
      'brp_machine_version',
      'provider',
      'arrival_date',
      'expected_departure_date',
      'current_location.municipality',
      'current_location.provider',
    ],
    limit: 1,
  });
  if (!row) return null;
  const location = row['current_location'] as { municipality?: string | null; provider?: string | null } | null;
  // A status written by an older machine version is migrated to this version's state names.
  const status = restoreStatus({
    machineVersion: Number(row['brp_machine_version'] ?? BRP_MACHINE_VERSION),
    status: String(row['brp_status'] ?? 'geen'),
  });
  return {
    id: String(row['id']),
    status,
    version: Number(row['status_version'] ?? 0),
    provider: (row['provider'] as string | null) ?? null,
    municipality: location?.municipality ?? (await lastMunicipality(access, id)),
    locationProvider: location?.provider ?? null,
    arrivalDate: (row['arrival_date'] as string | null) ?? null,
    expectedDepartureDate: (row['expected_departure_date'] as string | null) ?? null,
  };
}

/**
 * The municipality of the migrant's most recent stay: after a departure there is no current stay, but the
 * municipality where the migrant lived still deregisters it.
 */
async function lastMunicipality(access: DataAccess, migrantId: string): Promise<string | null> {
  const [stay] = await systemItems(access, 'stays').readByQuery({
    filter: { migrant: { _eq: migrantId } },
    fields: ['location.municipality'],
    sort: ['-start_date'],
    limit: 1,
  });
  return (stay?.['location'] as { municipality?: string | null } | null)?.municipality ?? null;
}

interface AppointmentRow {
  id: string;
  status: string;
  starts_at: string;
  desk: string | null;
}

/** The appointment the workflow is about: the latest proposed or confirmed one. */
async function currentAppointment(access: DataAccess, migrantId: string): Promise<AppointmentRow | null> {
  const [row] = await systemItems(access, 'appointments').readByQuery({
    filter: { _and: [{ migrant: { _eq: migrantId } }, { status: { _in: ['proposed', 'confirmed'] } }] },
    fields: ['id', 'status', 'starts_at', 'desk'],
    sort: ['-starts_at'],
    limit: 1,
  });
  return row
    ? {
        id: String(row['id']),
        status: String(row['status']),
        starts_at: String(row['starts_at']),
        desk: typeof row['desk'] === 'string' ? row['desk'] : null,
      }
    : null;
}

export async function factsFor(access: DataAccess, migrant: MigrantState, now = new Date()): Promise<BrpFacts> {
  const appointment = await currentAppointment(access, migrant.id);
  return {
    arrivalDate: migrant.arrivalDate,
    expectedDepartureDate: migrant.expectedDepartureDate,
    appointment: appointment
      ? { status: appointment.status, startsAt: new Date(appointment.starts_at).toISOString() }
      : null,
    today: todayInNetherlands(now),
    now: now.toISOString(),
  };
}

/** Which side of the process the caller is on for this migrant: its municipality, its provider, or neither. */
async function callerParty(
  access: DataAccess,
  accountability: Accountability | null,
  migrant: MigrantState,
): Promise<Party | 'system' | null> {
  if (!accountability || accountability.admin) return 'system';
  if (!accountability.user) return null;
  const [user] = await systemItems(access, 'directus_users').readByQuery({
    filter: { id: { _eq: accountability.user } },
    fields: ['organisation.id', 'organisation.type'],
    limit: 1,
  });
  const own = (user?.['organisation'] as { id?: string; type?: string } | null) ?? null;
  const organisation = own?.id ?? null;
  if (!organisation) return null;
  // Only a municipality (an organisation of type gemeente, set by an administrator) takes a municipality's step.
  if (organisation === migrant.municipality && own?.type === 'gemeente') return 'municipality';
  if (organisation === migrant.provider || organisation === migrant.locationProvider) return 'provider';
  return null;
}

/** Which side the caller is on for a migrant it can see, and its organisation. */
export async function callerPartyFor(
  access: DataAccess,
  accountability: Accountability | null,
  migrantId: string,
): Promise<{ party: Party | 'system' | null; organisation: string | null }> {
  await assertVisible(access, accountability, migrantId);
  const migrant = await loadMigrant(access, migrantId);
  if (!migrant) throw new Refused({ code: 'not_found' });
  const party = await callerParty(access, accountability, migrant);
  const organisation = party === 'municipality' ? migrant.municipality : null;
  return { party, organisation };
}

/** The migrant must be visible to the caller (their own permissions), else it does not exist for them. */
async function assertVisible(
  access: DataAccess,
  accountability: Accountability | null,
  migrantId: string,
): Promise<void> {
  if (!accountability || accountability.admin) return;
  const rows = await rowsVisibleTo(access, 'migrants', accountability, {
    filter: { id: { _eq: migrantId } },
    fields: ['id'],
    limit: 1,
  });
  if (rows.length === 0) throw new Refused({ code: 'not_found' });
}

export async function taskDeadlines(access: DataAccess): Promise<TaskDeadlines> {
  const rows = await systemItems(access, 'task_types').readByQuery({
    fields: ['type', 'days', 'working_days', 'counted_from'],
    limit: -1,
  });
  const deadlines: Record<TaskType, TaskDeadlines[TaskType]> = { ...DEFAULT_TASK_DEADLINES };
  for (const row of rows) {
    const type = row['type'] as TaskType;
    if (!(type in deadlines)) continue;
    deadlines[type] = {
      days: Number(row['days'] ?? deadlines[type].days),
      workingDays: row['working_days'] !== false,
      from: (row['counted_from'] as TaskDeadlines[TaskType]['from']) ?? deadlines[type].from,
    };
  }
  return deadlines;
}

/** `migrant:type` while a task is open: a unique column, so a step can never be open twice, even across instances. */
export function openStep(migrantId: string, type: TaskType): string {
  return `${migrantId}:${type}`;
}

function isUniqueViolation(error: unknown): boolean {
  const code =
    (error as { code?: string; extensions?: { code?: string } } | null)?.extensions?.code ??
    (error as { code?: string } | null)?.code;
  return code === 'RECORD_NOT_UNIQUE' || code === 'SQLITE_CONSTRAINT' || code === '23505';
}

/**
 * Opens a task unless the same step is already open (then the other writer won, which is fine). A migrant's step is
 * `migrant:type`; a task that is about something else (a supervision warning) names its own `open_step`.
 */
export async function openTask(
  access: DataAccess,
  task: Row & ({ migrant: string; type: TaskType } | { migrant: null; type: TaskType; open_step: string }),
): Promise<boolean> {
  try {
    // a savepoint inside a transaction, so a lost race does not abort the caller's transaction (PostgreSQL)
    await access.knex.transaction((savepoint) =>
      systemItems({ ...access, knex: savepoint }, 'tasks').createOne(
        {
          status: 'open',
          ...task,
          open_step: task.migrant === null ? task.open_step : openStep(task.migrant, task.type),
          urgency: taskUrgency(
            {
              priority: typeof task['priority'] === 'string' ? task['priority'] : 'normal',
              dueDate: typeof task['due_date'] === 'string' ? task['due_date'] : null,
            },
            todayInNetherlands(),
          ),
        },
        { emitEvents: false },
      ),
    );
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** Closes tasks: their step is free again. */
export async function closeTasks(
  access: DataAccess,
  ids: string[],
  data: { status: 'done' | 'cancelled'; outcome?: string | null; closed_at: string },
): Promise<void> {
  if (ids.length > 0)
    await systemItems(access, 'tasks').updateMany(ids, { ...data, open_step: null }, { emitEvents: false });
}

function ownerOf(migrant: MigrantState, party: Party): string | null {
  return party === 'municipality' ? migrant.municipality : migrant.provider;
}

/**
 * Makes the open tasks match the migrant's status: the task that moves its state on is open exactly once, owned
 * by the organisation responsible now (the municipality of its current stay, or its provider); a final state has
 * none. Called after every transition and whenever the current stay changes.
 *
 * It reads the status and the open tasks and then writes, so it runs in one transaction that first holds the
 * migrant's row: a transition (which writes that row first) and a sync after a stay change take turns. Otherwise a
 * sync that read the status before a departure and the tasks after it would open a task for a departed migrant.
 */
export async function syncStateTask(access: DataAccess, migrantId: string, now = new Date()): Promise<void> {
  if (!access.knex.isTransaction)
    return access.knex.transaction((trx) => syncStateTask({ ...access, knex: trx }, migrantId, now));
  await lockRowsInOrder(access.knex, 'migrants', [migrantId]);
  const migrant = await loadMigrant(access, migrantId);
  if (!migrant) return;
  const tasks = systemItems(access, 'tasks');
  const open = await tasks.readByQuery({
    filter: { _and: [{ migrant: { _eq: migrantId } }, { status: { _eq: 'open' } }] },
    fields: ['id', 'type', 'owner_organisation'],
    limit: -1,
  });
  if (isFinalStatus(migrant.status)) {
    await closeTasks(
      access,
      open.map((task) => String(task['id'])),
      { status: 'cancelled', closed_at: now.toISOString() },
    );
    return;
  }
  const spec = STATE_TASKS[migrant.status];
  if (!spec) return;
  const owner = ownerOf(migrant, spec.owner);
  const current = open.filter((task) => task['type'] === spec.type);
  if (current.length > 0) {
    const stale = current.filter((task) => task['owner_organisation'] !== owner).map((task) => String(task['id']));
    if (stale.length > 0 && owner)
      await tasks.updateMany(
        stale,
        { owner_organisation: owner, assignee: null, claimed_at: null },
        { emitEvents: false },
      );
    return;
  }
  if (!owner) return; // no municipality until the migrant has a current stay; opened when it gets one
  const due = dueDate(spec.type, await taskDeadlines(access), {
    opened: now.toISOString(),
    arrivalDate: migrant.arrivalDate,
    expectedDepartureDate: migrant.expectedDepartureDate,
  });
  await openTask(access, {
    type: spec.type,
    migrant: migrantId,
    owner_organisation: owner,
    due_date: due,
    priority: 'normal',
  });
}

export interface EventRequest {
  type: unknown;
  outcome?: unknown;
  reason?: unknown;
  expected_version?: unknown;
  departure_date?: unknown;
  appointment?: { desk?: unknown; starts_at?: unknown; ends_at?: unknown; group_reference?: unknown } | null;
}

export interface EventResult {
  migrant: string;
  event: BrpEventType;
  from: MachineStatus;
  to: MachineStatus;
  status_version: number;
  appointment: string | null;
}

function parseEvent(body: EventRequest): BrpEvent {
  if (!isBrpEventType(body.type)) throw new Refused({ code: 'unknown_event' });
  const reason =
    typeof body.reason === 'string' && body.reason.trim() !== '' ? body.reason.trim().slice(0, 2000) : undefined;
  if (body.type === 'DECLINE_APPOINTMENT' && !reason) throw new Refused({ code: 'missing_input', field: 'reason' });
  if (body.type === 'ASSESS') {
    if (body.outcome !== 'registered' && body.outcome !== 'not_registered')
      throw new Refused({ code: 'missing_input', field: 'outcome' });
    return { type: 'ASSESS', outcome: body.outcome, ...(reason ? { reason } : {}) };
  }
  return { type: body.type, ...(reason ? { reason } : {}) } as BrpEvent;
}

function scheduledSlot(body: EventRequest): {
  desk: string;
  starts_at: string;
  ends_at: string;
  group_reference: string | null;
} {
  const input = body.appointment ?? {};
  const desk = typeof input.desk === 'string' ? input.desk.trim() : '';
  if (!desk) throw new Refused({ code: 'missing_input', field: 'appointment.desk' });
  const starts = typeof input.starts_at === 'string' ? new Date(input.starts_at) : null;
  if (!starts || Number.isNaN(starts.getTime()))
    throw new Refused({ code: 'missing_input', field: 'appointment.starts_at' });
  const ends =
    typeof input.ends_at === 'string'
      ? new Date(input.ends_at)
      : new Date(starts.getTime() + DEFAULT_APPOINTMENT_MINUTES * 60_000);
  if (Number.isNaN(ends.getTime()) || ends <= starts)
    throw new Refused({ code: 'missing_input', field: 'appointment.ends_at' });
  return {
    desk,
    starts_at: starts.toISOString(),
    ends_at: ends.toISOString(),
    group_reference:
      typeof input.group_reference === 'string' && input.group_reference.trim() ? input.group_reference.trim() : null,
  };
}

/**
 * No double booking: the desk has no proposed or confirmed appointment that overlaps the new one. Check-then-insert,
 * so on PostgreSQL first a transaction-scoped advisory lock per (municipality, desk) in the event's transaction: two
 * SCHEDULEs for the same desk take turns, the second sees the first's appointment (SQLite writes one transaction at
 * a time anyway). A group scheduled at one desk takes the same lock again, which PostgreSQL allows its holder.
 */
async function assertDeskFree(
  access: DataAccess,
  municipality: string,
  slot: { desk: string; starts_at: string; ends_at: string },
): Promise<void> {
  await lockForTransaction(access.knex, LOCK_SPACE.desk, `${municipality}:${slot.desk}`);
  const start = Date.parse(slot.starts_at);
  const end = Date.parse(slot.ends_at);
  const DAY_MS = 86_400_000;
  // appointments are short: one that overlaps starts within a day before this one ends
  const rows = await systemItems(access, 'appointments').readByQuery({
    filter: {
      _and: [
        { municipality: { _eq: municipality } },
        { desk: { _eq: slot.desk } },
        { status: { _in: [...BOOKED_APPOINTMENT_STATUSES] } },
        { starts_at: { _lt: slot.ends_at } },
        { starts_at: { _gt: new Date(start - DAY_MS).toISOString() } },
      ],
    },
    fields: ['starts_at', 'ends_at'],
    limit: -1,
  });
  const booked = rows.map((row) => {
    const from = Date.parse(String(row['starts_at']));
    const to = row['ends_at'] ? Date.parse(String(row['ends_at'])) : from + DEFAULT_APPOINTMENT_MINUTES * 60_000;
    return { start: from, end: to };
  });
  if (findDoubleBooking({ start, end }, booked)) throw new Refused({ code: 'desk_taken', desk: slot.desk });
}

/**
 * Applies one event inside `trx` (the caller owns the transaction, so a group of events can be atomic).
 * Throws Refused when the event is not allowed; nothing is written then.
 */
export async function applyEventInTransaction(
  access: DataAccess,
  migrantId: string,
  body: EventRequest,
  accountability: Accountability | null,
  now = new Date(),
  onApplied?: (from: MachineStatus, event: BrpEvent, facts: BrpFacts) => void,
): Promise<EventResult> {
  const event = parseEvent(body);
  await assertVisible(access, accountability, migrantId);
  const migrant = await loadMigrant(access, migrantId);
  if (!migrant) throw new Refused({ code: 'not_found' });

  const party = await callerParty(access, accountability, migrant);
  if (party !== 'system' && party !== EVENT_OWNERS[event.type])
    throw new Refused({ code: 'not_your_step', event: event.type });
  if (
    body.expected_version !== undefined &&
    body.expected_version !== null &&
    Number(body.expected_version) !== migrant.version
  ) {
    throw new Refused({ code: 'stale', event: event.type });
  }

  const facts = await factsFor(access, migrant, now);
  const decision = decide(migrant.status, event, facts);
  if (!decision.ok) {
    if (decision.reason === 'guard_failed')
      throw new Refused({ code: 'guard_failed', event: event.type, guard: decision.guard });
    throw new Refused({ code: decision.reason, event: event.type, status: migrant.status });
  }
  const slot = event.type === 'SCHEDULE' ? scheduledSlot(body) : null;
  const departure = event.type === 'REPORT_DEPARTURE' ? await departureOf(access, migrantId, body, now) : null;
  if (slot && !migrant.municipality) throw new Refused({ code: 'no_owner' });
  if (slot) await assertDeskFree(access, migrant.municipality!, slot);

  // Compare-and-set: only the caller that still sees the version it read may move the status on.
  const updated = await access
    .knex('migrants')
    .where({ id: migrantId, status_version: migrant.version })
    .update({ brp_status: decision.to, status_version: migrant.version + 1, brp_machine_version: BRP_MACHINE_VERSION });
  if (updated !== 1) throw new Refused({ code: 'stale', event: event.type });

  const nowIso = now.toISOString();
  const actor = accountability?.user ?? null;
  await systemItems(access, 'status_history').createOne(
    {
      migrant: migrantId,
      from_status: decision.from,
      to_status: decision.to,
      event: event.type,
      actor,
      occurred_at: nowIso,
      reason: event.reason ?? null,
      machine_version: BRP_MACHINE_VERSION,
      snapshot: decision.snapshot,
    },
    { emitEvents: false },
  );

  // The appointment the step is about.
  let appointmentId: string | null = null;
  const appointments = systemItems(access, 'appointments');
  if (slot) {
    appointmentId = String(
      await appointments.createOne(
        { migrant: migrantId, municipality: migrant.municipality, status: 'proposed', ...slot },
        { emitEvents: false },
      ),
    );
  } else {
    const appointmentStatus: Partial<Record<BrpEventType, string>> = {
      CONFIRM_APPOINTMENT: 'confirmed',
      DECLINE_APPOINTMENT: 'declined',
      NO_SHOW: 'no_show',
      REGISTER: 'attended',
    };
    const next = appointmentStatus[event.type];
    const current = next ? await currentAppointment(access, migrantId) : null;
    if (next && current) {
      appointmentId = current.id;
      await appointments.updateOne(
        current.id,
        { status: next, ...(event.reason ? { notes: event.reason } : {}) },
        { emitEvents: false },
      );
    }
  }

  // Close the task this step completes (and, on departure, any departure task), then open the next one.
  const tasks = systemItems(access, 'tasks');
  const closing = [decision.closeTask, event.type === 'REPORT_DEPARTURE' ? 'report_departure' : null].filter(
    (type): type is TaskType => type !== null,
  );
  if (closing.length > 0) {
    const open = await tasks.readByQuery({
      filter: { _and: [{ migrant: { _eq: migrantId } }, { status: { _eq: 'open' } }, { type: { _in: closing } }] },
      fields: ['id'],
      limit: -1,
    });
    await closeTasks(
      access,
      open.map((task) => String(task['id'])),
      { status: 'done', outcome: event.type, closed_at: nowIso },
    );
  }
  // a reported departure ends the stays that cover its date and frees the bed (no current location any more)
  if (departure) {
    if (departure.ending.length > 0)
      await systemItems(access, 'stays').updateMany(
        departure.ending.map((stay) => stay.id),
        { end_date: departure.date },
        { emitEvents: false },
      );
    const before = (await access.knex('migrants').select('current_location').where('id', migrantId).first()) as
      { current_location: string | null } | undefined;
    await systemItems(access, 'migrants').updateOne(
      migrantId,
      { departure_date: departure.date, current_location: null },
      { emitEvents: false },
    );
    await refreshOccupancy(access, [before?.current_location]);
  }
  await syncStateTask(access, migrantId, now);
  onApplied?.(decision.from, event, facts);

  return {
    migrant: migrantId,
    event: event.type,
    from: decision.from,
    to: decision.to,
    status_version: migrant.version + 1,
    appointment: appointmentId,
  };
}

/** The departure date of a REPORT_DEPARTURE (refused when it does not fit the stays) and the stays it ends. */
async function departureOf(
  access: DataAccess,
  migrantId: string,
  body: EventRequest,
  now: Date,
): Promise<{ date: string; ending: StaySpan[] }> {
  const rows = await systemItems(access, 'stays').readByQuery({
    filter: { migrant: { _eq: migrantId } },
    fields: ['id', 'start_date', 'end_date'],
    limit: -1,
  });
  const stays: StaySpan[] = rows.map((row) => ({
    id: String(row['id']),
    start_date: String(row['start_date']),
    end_date: (row['end_date'] as string | null) ?? null,
  }));
  const result = departureDate(body.departure_date, todayInNetherlands(now), stays);
  if (!result.ok) throw new Refused({ code: 'invalid_departure_date', problem: result.problem });
  return { date: result.date, ending: staysEndedBy(stays, result.date) };
}

/** What the caller can do next with a migrant: the buttons of the task view. */
export async function nextSteps(
  access: DataAccess,
  migrantId: string,
  accountability: Accountability | null,
  now = new Date(),
) {
  await assertVisible(access, accountability, migrantId);
  const migrant = await loadMigrant(access, migrantId);
  if (!migrant) throw new Refused({ code: 'not_found' });
  const party = await callerParty(access, accountability, migrant);
  const facts = await factsFor(access, migrant, now);
  const events = availableEvents(migrant.status, facts).filter(
    (type) => party === 'system' || EVENT_OWNERS[type] === party,
  );
  // the task view shows where the appointment is too
  const desk = facts.appointment ? ((await currentAppointment(access, migrant.id))?.desk ?? null) : null;
  const appointment = facts.appointment ? { ...facts.appointment, desk } : null;
  return { migrant: migrant.id, status: migrant.status, status_version: migrant.version, party, events, appointment };
}

export function runInTransaction<T>(knex: Knex, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return knex.transaction(work);
}
