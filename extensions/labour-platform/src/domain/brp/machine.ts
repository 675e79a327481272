/**
 * The BRP status of a labour migrant as one XState v5 state machine, plus pure helpers around it.
 *
 * Lifecycle (see /docs and DOMAIN.md, "BRP status and tasks"):
 *
 *   geen ──ASSESS──▶ ingeschreven | niet_ingeschreven
 *   niet_ingeschreven ──SCHEDULE [expectsLongStay]──▶ ingepland
 *   niet_ingeschreven ──REFER_TO_RNI [expectsShortStay]──▶ rni   (Registratie Niet-Ingezetenen, code 1999)
 *   ingepland ──CONFIRM_APPOINTMENT──▶ afspraak_bevestigd ──REGISTER [atConfirmedAppointment]──▶ ingeschreven
 *   ingepland ──DECLINE_APPOINTMENT──▶ niet_ingeschreven;  afspraak_bevestigd ──NO_SHOW──▶ niet_ingeschreven
 *   ingeschreven ──REPORT_DEPARTURE──▶ vertrek_gemeld ──DEREGISTER──▶ uitgeschreven (final)
 *   rni | geen | niet_ingeschreven | ingepland | afspraak_bevestigd ──REPORT_DEPARTURE──▶ vertrokken (final)
 *
 * Every non-final state opens exactly one task (STATE_TASKS) for the organisation that owns the step that moves
 * it on; a transition closes the task of the state it leaves and opens the task of the state it enters.
 *
 * The machine is only evaluated with XState's pure functions (`transition`, `getNextTransitions`,
 * `machine.resolveState`): nothing here starts an actor, performs I/O or reads the clock — the facts the
 * guards need (dates, the appointment, today and now) come in as machine context.
 *
 * Plain module: no Directus import.
 */

import {
  getNextTransitions,
  initialTransition,
  setup,
  transition,
  type AnyTransitionDefinition,
  type SnapshotFrom,
} from 'xstate';
import { addMonths, isCalendarDate } from '../dates';
import { BRP_STATUSES, type BrpStatus, type TaskType } from '../vocabulary';
import { RNI_MUNICIPALITY_CODE } from './lookup';

/** Bump when states or events change in a way a stored snapshot must be migrated for (see `migrations`). */
export const BRP_MACHINE_VERSION = 1;

/** The BRP municipality code of the Registratie Niet-Ingezetenen (defined with the BRP lookup). */
export { RNI_MUNICIPALITY_CODE };

/**
 * The statuses of the machine: the stored BRP statuses (vocabulary.ts), in document order, including `rni`
 * (a stay too short to register as a resident is registered in the RNI instead).
 */
export const MACHINE_STATUSES = BRP_STATUSES;
export type MachineStatus = (typeof MACHINE_STATUSES)[number];

export const FINAL_STATUSES: readonly MachineStatus[] = Object.freeze(['uitgeschreven', 'vertrokken'] as const);

export function isMachineStatus(value: unknown): value is MachineStatus {
  return typeof value === 'string' && (MACHINE_STATUSES as readonly string[]).includes(value);
}

export function isFinalStatus(status: MachineStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

/** Whether the status is in BRP_STATUSES (the stored choice list); only `rni` could be missing there. */
export function isStoredBrpStatus(status: MachineStatus): status is BrpStatus {
  return (BRP_STATUSES as readonly string[]).includes(status);
}

// ---------------------------------------------------------------------------------------------------------------
// Facts, events, owners
// ---------------------------------------------------------------------------------------------------------------

/** What the guards need to know, read from the migrant, its stay and its appointment by the caller. */
export interface BrpFacts {
  /** YYYY-MM-DD, or null when unknown. */
  arrivalDate: string | null;
  /** YYYY-MM-DD, or null when unknown (treated as a long stay). */
  expectedDepartureDate: string | null;
  /** The migrant's current registration appointment, if any. */
  appointment: { status: string; startsAt: string } | null;
  /** Today in the Netherlands, YYYY-MM-DD. */
  today: string;
  /** The current instant, ISO 8601. */
  now: string;
}

export type AssessOutcome = 'registered' | 'not_registered';

export type BrpEvent =
  | { type: 'ASSESS'; outcome: AssessOutcome; reason?: string }
  | { type: 'SCHEDULE'; reason?: string }
  | { type: 'REFER_TO_RNI'; reason?: string }
  | { type: 'CONFIRM_APPOINTMENT'; reason?: string }
  | { type: 'DECLINE_APPOINTMENT'; reason?: string }
  | { type: 'NO_SHOW'; reason?: string }
  | { type: 'REGISTER'; reason?: string }
  | { type: 'REPORT_DEPARTURE'; reason?: string }
  | { type: 'DEREGISTER'; reason?: string };
export type BrpEventType = BrpEvent['type'];

export type Party = 'municipality' | 'provider';

/** Who may send each event. */
export const EVENT_OWNERS: Readonly<Record<BrpEventType, Party>> = Object.freeze({
  ASSESS: 'municipality',
  SCHEDULE: 'municipality',
  REFER_TO_RNI: 'municipality',
  CONFIRM_APPOINTMENT: 'provider',
  DECLINE_APPOINTMENT: 'provider',
  NO_SHOW: 'municipality',
  REGISTER: 'municipality',
  REPORT_DEPARTURE: 'provider',
  DEREGISTER: 'municipality',
});

/** All event types, in a stable order (the order of the UI buttons). */
export const BRP_EVENT_TYPES: readonly BrpEventType[] = Object.freeze(Object.keys(EVENT_OWNERS) as BrpEventType[]);

export function isBrpEventType(value: unknown): value is BrpEventType {
  return typeof value === 'string' && (BRP_EVENT_TYPES as readonly string[]).includes(value);
}

export interface TaskSpec {
  type: TaskType;
  owner: Party;
}

/** The task each state opens: the one that moves it on. Final states open none. */
export const STATE_TASKS: Readonly<Record<MachineStatus, TaskSpec | null>> = Object.freeze({
  geen: { type: 'assess_status', owner: 'municipality' },
  niet_ingeschreven: { type: 'schedule', owner: 'municipality' },
  ingepland: { type: 'confirm_appointment', owner: 'provider' },
  afspraak_bevestigd: { type: 'register', owner: 'municipality' },
  ingeschreven: { type: 'report_departure', owner: 'provider' },
  rni: { type: 'report_departure', owner: 'provider' },
  vertrek_gemeld: { type: 'deregister', owner: 'municipality' },
  uitgeschreven: null,
  vertrokken: null,
});

// ---------------------------------------------------------------------------------------------------------------
// Guard predicates (pure, exported for the UI and tests)
// ---------------------------------------------------------------------------------------------------------------

/** Months a stay must last (within 6 months) to make registration as a resident compulsory. */
export const LONG_STAY_MONTHS = 4;

/** How far ahead of the appointment's start the desk may register the migrant (the migrant is at the desk). */
export const REGISTER_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Whether the migrant must register as a resident: the expected stay is at least 4 months within 6 months.
 *
 * Approximation: the law counts all stays within any 6-month window; the platform only knows the current stay,
 * so a single stay stands in for "4 months within 6": long iff expectedDepartureDate ≥ arrivalDate + 4 calendar
 * months (day clamped to the month's end, so 31 Oct + 4 months = 28/29 Feb). An unknown expected departure
 * counts as long (the migrant must register); an unknown arrival date is taken to be today.
 */
export function expectsLongStay(facts: Pick<BrpFacts, 'arrivalDate' | 'expectedDepartureDate' | 'today'>): boolean {
  if (facts.expectedDepartureDate === null) return true;
  const arrival = facts.arrivalDate ?? facts.today;
  if (!isCalendarDate(arrival) || !isCalendarDate(facts.expectedDepartureDate)) return true;
  return facts.expectedDepartureDate >= addMonths(arrival, LONG_STAY_MONTHS);
}

/**
 * Whether the desk may register the migrant now: there is an appointment, it is confirmed, and it starts no more
 * than 1 day after `now` (earlier starts are fine: the migrant is at the desk or came in late).
 */
export function isAtConfirmedAppointment(facts: Pick<BrpFacts, 'appointment' | 'now'>): boolean {
  const appointment = facts.appointment;
  if (appointment === null || appointment.status !== 'confirmed') return false;
  const startsAt = Date.parse(appointment.startsAt);
  const now = Date.parse(facts.now);
  if (Number.isNaN(startsAt) || Number.isNaN(now)) return false;
  return startsAt - now <= REGISTER_WINDOW_MS;
}

// ---------------------------------------------------------------------------------------------------------------
// The machine
// ---------------------------------------------------------------------------------------------------------------

export interface BrpContext {
  facts: BrpFacts;
}

const departed = { REPORT_DEPARTURE: { target: 'vertrokken' } } as const;

interface GuardArgs {
  context: BrpContext;
  event: BrpEvent;
}

/** The machine's guards. Their names are the type BrpGuardName: whatever explains a guard is keyed by it. */
const BRP_GUARDS = {
  outcomeRegistered: ({ event }: GuardArgs) => event.type === 'ASSESS' && event.outcome === 'registered',
  outcomeNotRegistered: ({ event }: GuardArgs) => event.type === 'ASSESS' && event.outcome === 'not_registered',
  expectsLongStay: ({ context }: GuardArgs) => expectsLongStay(context.facts),
  expectsShortStay: ({ context }: GuardArgs) => !expectsLongStay(context.facts),
  atConfirmedAppointment: ({ context }: GuardArgs) => isAtConfirmedAppointment(context.facts),
} as const;

/** The name of a guard of the machine (`expectsShortStay`). */
export type BrpGuardName = keyof typeof BRP_GUARDS;

/** Every guard name of the machine. */
export const BRP_GUARD_NAMES: readonly BrpGuardName[] = Object.freeze(Object.keys(BRP_GUARDS) as BrpGuardName[]);

export function isBrpGuardName(value: unknown): value is BrpGuardName {
  return typeof value === 'string' && (BRP_GUARD_NAMES as readonly string[]).includes(value);
}

export const brpMachine = setup({
  types: {
    context: {} as BrpContext,
    events: {} as BrpEvent,
    input: {} as BrpFacts,
  },
  guards: BRP_GUARDS,
}).createMachine({
  id: 'brp',
  initial: 'geen',
  context: ({ input }) => ({ facts: input }),
  states: {
    geen: {
      on: {
        ASSESS: [
          { guard: 'outcomeRegistered', target: 'ingeschreven' },
          { guard: 'outcomeNotRegistered', target: 'niet_ingeschreven' },
        ],
        ...departed,
      },
    },
    niet_ingeschreven: {
      on: {
        SCHEDULE: { guard: 'expectsLongStay', target: 'ingepland' },
        REFER_TO_RNI: { guard: 'expectsShortStay', target: 'rni' },
        ...departed,
      },
    },
    ingepland: {
      on: {
        CONFIRM_APPOINTMENT: { target: 'afspraak_bevestigd' },
        DECLINE_APPOINTMENT: { target: 'niet_ingeschreven' },
        ...departed,
      },
    },
    afspraak_bevestigd: {
      on: {
        REGISTER: { guard: 'atConfirmedAppointment', target: 'ingeschreven' },
        NO_SHOW: { target: 'niet_ingeschreven' },
        ...departed,
      },
    },
    ingeschreven: {
      on: { REPORT_DEPARTURE: { target: 'vertrek_gemeld' } },
    },
    rni: {
      on: { ...departed },
    },
    vertrek_gemeld: {
      on: { DEREGISTER: { target: 'uitgeschreven' } },
    },
    uitgeschreven: { type: 'final' },
    vertrokken: { type: 'final' },
  },
});

/** Placeholder facts for evaluating the machine where no guard is consulted. */
const NO_FACTS: BrpFacts = Object.freeze({
  arrivalDate: null,
  expectedDepartureDate: null,
  appointment: null,
  today: '1970-01-01',
  now: '1970-01-01T00:00:00.000Z',
});

export type BrpMachineSnapshot = SnapshotFrom<typeof brpMachine>;

/** An XState snapshot of the machine in `status`, with `facts` as context (via `machine.resolveState`). */
export function toMachineSnapshot(status: MachineStatus, facts: BrpFacts): BrpMachineSnapshot {
  if (!isMachineStatus(status)) throw new RangeError(`unknown BRP status: ${String(status)}`);
  return brpMachine.resolveState({ value: status, context: { facts } });
}

/**
 * The status a new migrant starts in (XState `initialTransition`): `geen`. Its task is STATE_TASKS[status].
 */
export function initialStatus(facts: BrpFacts = NO_FACTS): MachineStatus {
  const [snapshot] = initialTransition(brpMachine, facts);
  return statusOf(snapshot);
}

function statusOf(snapshot: BrpMachineSnapshot): MachineStatus {
  const value: unknown = snapshot.value;
  if (!isMachineStatus(value)) throw new Error(`unexpected machine state value: ${JSON.stringify(value)}`);
  return value;
}

/** The name of a transition's guard (`expectsLongStay`), or null when it has none. */
export function guardName(definition: Pick<AnyTransitionDefinition, 'guard'>): string | null {
  const guard: unknown = definition.guard;
  if (guard === undefined || guard === null) return null;
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'object' && 'type' in guard && typeof guard.type === 'string') return guard.type;
  if (typeof guard === 'function') return guard.name || 'inline';
  return 'unknown';
}

// ---------------------------------------------------------------------------------------------------------------
// Persistence and migrations
// ---------------------------------------------------------------------------------------------------------------

/** What is stored next to (or instead of) `migrants.brp_status`. */
export interface PersistedBrpSnapshot {
  machineVersion: number;
  status: string;
}

/**
 * `migrations[v]` upgrades a snapshot written by machine version v − 1 to version v. Restoring applies every
 * step from the snapshot's version up to BRP_MACHINE_VERSION in turn. Version 1 is the first machine: its step
 * is the identity (a version-0 snapshot, if one ever existed, already uses version-1 status names).
 *
 * When a state is renamed in version 2, add `2: (s) => ({ ...s, status: s.status === 'old' ? 'new' : s.status })`
 * and bump BRP_MACHINE_VERSION.
 */
export type BrpSnapshotMigration = (snapshot: PersistedBrpSnapshot) => PersistedBrpSnapshot;
export const migrations: Readonly<Record<number, BrpSnapshotMigration>> = Object.freeze({
  1: (snapshot: PersistedBrpSnapshot) => snapshot,
});

export class BrpSnapshotError extends Error {
  override name = 'BrpSnapshotError';
}

/** Upgrades `persisted` to `targetVersion` (default: the current machine) through `table`. */
export function migrateSnapshot(
  persisted: PersistedBrpSnapshot,
  table: Readonly<Record<number, BrpSnapshotMigration>> = migrations,
  targetVersion: number = BRP_MACHINE_VERSION,
): PersistedBrpSnapshot {
  const { machineVersion } = persisted;
  if (!Number.isInteger(machineVersion) || machineVersion < 0) {
    throw new BrpSnapshotError(`invalid machine version: ${String(machineVersion)}`);
  }
  if (machineVersion > targetVersion) {
    throw new BrpSnapshotError(`snapshot written by machine version ${machineVersion}, newer than ${targetVersion}`);
  }
  let current: PersistedBrpSnapshot = { ...persisted };
  for (let version = machineVersion + 1; version <= targetVersion; version += 1) {
    const step = table[version];
    if (step === undefined) throw new BrpSnapshotError(`no migration to machine version ${version}`);
    current = { ...step(current), machineVersion: version };
  }
  return current;
}

/** The current-version status of a stored snapshot; throws BrpSnapshotError when it cannot be restored. */
export function restoreStatus(
  persisted: PersistedBrpSnapshot,
  table: Readonly<Record<number, BrpSnapshotMigration>> = migrations,
): MachineStatus {
  const migrated = migrateSnapshot(persisted, table);
  if (!isMachineStatus(migrated.status)) {
    throw new BrpSnapshotError(`unknown BRP status after migration: ${JSON.stringify(migrated.status)}`);
  }
  // Let the machine itself confirm it knows the state.
  return statusOf(brpMachine.resolveState({ value: migrated.status, context: { facts: NO_FACTS } }));
}

export function persist(status: MachineStatus): PersistedBrpSnapshot {
  return { machineVersion: BRP_MACHINE_VERSION, status };
}

// ---------------------------------------------------------------------------------------------------------------
// decide
// ---------------------------------------------------------------------------------------------------------------

export type RejectionReason = 'not_allowed_in_state' | 'guard_failed' | 'final_state';

export type Decision =
  | {
      ok: true;
      from: MachineStatus;
      to: MachineStatus;
      /** The task of `from`, to be closed (done). */
      closeTask: TaskType | null;
      /** The task of `to`, to be opened; null for final states. */
      openTask: TaskSpec | null;
      snapshot: PersistedBrpSnapshot;
    }
  | { ok: false; from: MachineStatus; reason: RejectionReason; guard?: string };

/**
 * What `event` does to a migrant in `status`, given `facts`. Pure: evaluates the machine with XState's
 * `transition` on a snapshot restored with `resolveState`; executes no actions.
 */
export function decide(status: MachineStatus, event: BrpEvent, facts: BrpFacts): Decision {
  const snapshot = toMachineSnapshot(status, facts);
  if (snapshot.status === 'done') return { ok: false, from: status, reason: 'final_state' };

  const candidates = getNextTransitions(snapshot).filter((definition) => definition.eventType === event.type);
  if (candidates.length === 0) return { ok: false, from: status, reason: 'not_allowed_in_state' };

  const [next] = transition(brpMachine, snapshot, event);
  const to = statusOf(next);
  // The machine has no self-transitions: staying in the same state means no candidate's guard passed.
  if (to === status) {
    const guards = [...new Set(candidates.map(guardName).filter((name): name is string => name !== null))];
    return guards.length > 0
      ? { ok: false, from: status, reason: 'guard_failed', guard: guards.join(' | ') }
      : { ok: false, from: status, reason: 'guard_failed' };
  }

  return {
    ok: true,
    from: status,
    to,
    closeTask: STATE_TASKS[status]?.type ?? null,
    openTask: STATE_TASKS[to],
    snapshot: persist(to),
  };
}

/** Events with every variant the UI can send (ASSESS has two outcomes). */
function sampleEvents(type: BrpEventType): BrpEvent[] {
  if (type === 'ASSESS') {
    return [
      { type: 'ASSESS', outcome: 'registered' },
      { type: 'ASSESS', outcome: 'not_registered' },
    ];
  }
  return [{ type }];
}

/** The events `decide` would accept now, in BRP_EVENT_TYPES order: the buttons the UI shows. */
export function availableEvents(status: MachineStatus, facts: BrpFacts): BrpEventType[] {
  return BRP_EVENT_TYPES.filter((type) => sampleEvents(type).some((event) => decide(status, event, facts).ok));
}

/** Every event the state handles at all, guards ignored (for explaining a disabled button). */
export function handledEvents(status: MachineStatus): BrpEventType[] {
  const snapshot = toMachineSnapshot(status, NO_FACTS);
  if (snapshot.status === 'done') return [];
  const types = new Set(getNextTransitions(snapshot).map((definition) => definition.eventType));
  return BRP_EVENT_TYPES.filter((type) => types.has(type));
}

// ---------------------------------------------------------------------------------------------------------------
// What each step asks of the user
// ---------------------------------------------------------------------------------------------------------------

export type InputKind = 'choice' | 'date' | 'datetime' | 'reference' | 'text';

export interface EventInputField {
  /** The field name in the request body. */
  name: string;
  kind: InputKind;
  required: boolean;
  /** For kind 'choice'. */
  choices?: readonly string[];
  /** For kind 'reference': the collection referred to. */
  collection?: string;
  description: string;
}

export interface EventRequirements {
  type: BrpEventType;
  owner: Party;
  description: string;
  fields: readonly EventInputField[];
}

const optionalReason: EventInputField = {
  name: 'reason',
  kind: 'text',
  required: false,
  description: 'Optional note for the history.',
};

const EVENT_REQUIREMENTS: Readonly<Record<BrpEventType, Omit<EventRequirements, 'type' | 'owner'>>> = {
  ASSESS: {
    description: 'Look the BSN up in the BRP and record whether the migrant is already registered.',
    fields: [
      {
        name: 'outcome',
        kind: 'choice',
        required: true,
        choices: ['registered', 'not_registered'],
        description: 'registered → ingeschreven; not_registered → niet_ingeschreven (must be scheduled).',
      },
      optionalReason,
    ],
  },
  SCHEDULE: {
    description: 'Plan a registration appointment at the municipal desk (stay of 4 months or more within 6).',
    fields: [
      { name: 'starts_at', kind: 'datetime', required: true, description: 'Start of the appointment.' },
      { name: 'desk', kind: 'text', required: true, description: 'The municipal desk where the migrant registers.' },
      optionalReason,
    ],
  },
  REFER_TO_RNI: {
    description: `Short stay (under 4 months within 6): register in the RNI (municipality code ${RNI_MUNICIPALITY_CODE}) instead of scheduling.`,
    fields: [optionalReason],
  },
  CONFIRM_APPOINTMENT: {
    description: 'The provider confirms the migrant will attend the planned appointment.',
    fields: [optionalReason],
  },
  DECLINE_APPOINTMENT: {
    description: 'The provider declines the planned appointment; the migrant goes back to be scheduled again.',
    fields: [{ name: 'reason', kind: 'text', required: true, description: 'Why the appointment is declined.' }],
  },
  NO_SHOW: {
    description: 'The migrant did not come to the confirmed appointment; schedule again.',
    fields: [optionalReason],
  },
  REGISTER: {
    description:
      'Register the migrant at the desk (confirmed appointment, at most 1 day ahead); the migrant brings ID and a rental contract or host statement.',
    fields: [optionalReason],
  },
  REPORT_DEPARTURE: {
    description: 'The provider reports that the migrant has left.',
    fields: [
      // asked in every screen; a provider system that leaves it out over the API reports today (see ./departure)
      {
        name: 'departure_date',
        kind: 'date',
        required: true,
        description: 'The last night at the location: the stay ends on it and the bed is free.',
      },
      optionalReason,
    ],
  },
  DEREGISTER: {
    description: 'Deregister the departed migrant from the BRP.',
    fields: [optionalReason],
  },
};

/** What extra input each step needs, for the UI form. */
export function describeEventRequirements(type: BrpEventType): EventRequirements {
  const requirements = EVENT_REQUIREMENTS[type];
  return { type, owner: EVENT_OWNERS[type], description: requirements.description, fields: requirements.fields };
}
