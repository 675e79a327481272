import { describe, expect, it } from 'vitest';
import { initialTransition } from 'xstate';
import {
  BRP_EVENT_TYPES,
  BRP_MACHINE_VERSION,
  BrpSnapshotError,
  EVENT_OWNERS,
  FINAL_STATUSES,
  MACHINE_STATUSES,
  STATE_TASKS,
  availableEvents,
  brpMachine,
  decide,
  describeEventRequirements,
  expectsLongStay,
  handledEvents,
  initialStatus,
  isAtConfirmedAppointment,
  isStoredBrpStatus,
  migrations,
  restoreStatus,
  toMachineSnapshot,
  type BrpEvent,
  type BrpEventType,
  type BrpFacts,
  type MachineStatus,
} from '../../extensions/labour-platform/src/domain/brp/machine';
import { BRP_STATUSES, TASK_TYPES } from '../../extensions/labour-platform/src/domain/vocabulary';

const NOW = '2025-03-10T09:00:00.000Z';

/** Facts under which every guard of a long-stay migrant passes: no departure known, appointment confirmed now. */
const LONG: BrpFacts = {
  arrivalDate: '2025-03-01',
  expectedDepartureDate: null,
  appointment: { status: 'confirmed', startsAt: NOW },
  today: '2025-03-10',
  now: NOW,
};
/** A 2-month stay: the RNI way. */
const SHORT: BrpFacts = { ...LONG, expectedDepartureDate: '2025-05-01' };

/** Written out by hand from the brief, independent of the machine definition. */
const LEGAL: Record<MachineStatus, Partial<Record<BrpEventType, { to: MachineStatus; facts?: BrpFacts }>>> = {
  geen: { REPORT_DEPARTURE: { to: 'vertrokken' } }, // ASSESS handled separately (two outcomes)
  niet_ingeschreven: {
    SCHEDULE: { to: 'ingepland' },
    REFER_TO_RNI: { to: 'rni', facts: SHORT },
    REPORT_DEPARTURE: { to: 'vertrokken' },
  },
  ingepland: {
    CONFIRM_APPOINTMENT: { to: 'afspraak_bevestigd' },
    DECLINE_APPOINTMENT: { to: 'niet_ingeschreven' },
    REPORT_DEPARTURE: { to: 'vertrokken' },
  },
  afspraak_bevestigd: {
    REGISTER: { to: 'ingeschreven' },
    NO_SHOW: { to: 'niet_ingeschreven' },
    REPORT_DEPARTURE: { to: 'vertrokken' },
  },
  ingeschreven: { REPORT_DEPARTURE: { to: 'vertrek_gemeld' } },
  rni: { REPORT_DEPARTURE: { to: 'vertrokken' } },
  vertrek_gemeld: { DEREGISTER: { to: 'uitgeschreven' } },
  uitgeschreven: {},
  vertrokken: {},
};

function eventOf(type: BrpEventType): BrpEvent {
  return type === 'ASSESS' ? { type, outcome: 'registered' } : { type };
}

const NON_FINAL = MACHINE_STATUSES.filter((status) => !FINAL_STATUSES.includes(status));

describe('statuses', () => {
  it('the machine statuses are the stored BRP statuses, plus at most rni', () => {
    for (const status of BRP_STATUSES) expect(MACHINE_STATUSES).toContain(status);
    expect(MACHINE_STATUSES).toContain('rni');
    for (const status of MACHINE_STATUSES.filter((s) => !isStoredBrpStatus(s))) expect(status).toBe('rni');
  });

  it('the machine has exactly the MACHINE_STATUSES as states, in the same order', () => {
    expect(Object.keys(brpMachine.root.states)).toEqual([...MACHINE_STATUSES]);
  });

  it('uitgeschreven and vertrokken are the final states', () => {
    expect(FINAL_STATUSES).toEqual(['uitgeschreven', 'vertrokken']);
    for (const status of MACHINE_STATUSES) {
      expect(brpMachine.root.states[status]?.type === 'final').toBe(FINAL_STATUSES.includes(status));
      expect(toMachineSnapshot(status, LONG).status).toBe(FINAL_STATUSES.includes(status) ? 'done' : 'active');
    }
  });

  it('a new migrant starts in geen (initialTransition)', () => {
    expect(initialStatus()).toBe('geen');
    const [snapshot] = initialTransition(brpMachine, LONG);
    expect(snapshot.value).toBe('geen');
    expect(snapshot.context.facts).toEqual(LONG);
  });

  it('machine version starts at 1', () => {
    expect(BRP_MACHINE_VERSION).toBe(1);
  });

  it('an unknown status is rejected', () => {
    expect(() => toMachineSnapshot('onbekend' as MachineStatus, LONG)).toThrow(RangeError);
  });
});

describe('legal transitions', () => {
  it('ASSESS registered: geen → ingeschreven', () => {
    const decision = decide('geen', { type: 'ASSESS', outcome: 'registered' }, LONG);
    expect(decision).toEqual({
      ok: true,
      from: 'geen',
      to: 'ingeschreven',
      closeTask: 'assess_status',
      openTask: { type: 'report_departure', owner: 'provider' },
      snapshot: { machineVersion: 1, status: 'ingeschreven' },
    });
  });

  it('ASSESS not_registered: geen → niet_ingeschreven', () => {
    const decision = decide('geen', { type: 'ASSESS', outcome: 'not_registered', reason: 'not in BRP' }, LONG);
    expect(decision).toMatchObject({
      ok: true,
      to: 'niet_ingeschreven',
      closeTask: 'assess_status',
      openTask: { type: 'schedule', owner: 'municipality' },
    });
  });

  it('ASSESS with an outcome outside the union fails both guards', () => {
    const bogus = { type: 'ASSESS', outcome: 'maybe' } as unknown as BrpEvent;
    expect(decide('geen', bogus, LONG)).toEqual({
      ok: false,
      from: 'geen',
      reason: 'guard_failed',
      guard: 'outcomeRegistered | outcomeNotRegistered',
    });
  });

  const cases = Object.entries(LEGAL).flatMap(([from, events]) =>
    Object.entries(events).map(([type, spec]) => ({
      from: from as MachineStatus,
      type: type as BrpEventType,
      ...spec,
    })),
  );

  it.each(cases)('$from --$type--> $to', ({ from, type, to, facts }) => {
    const decision = decide(from, { type, reason: 'test' } as BrpEvent, facts ?? LONG);
    expect(decision).toEqual({
      ok: true,
      from,
      to,
      closeTask: STATE_TASKS[from]?.type ?? null,
      openTask: STATE_TASKS[to],
      snapshot: { machineVersion: BRP_MACHINE_VERSION, status: to },
    });
  });
});

describe('the full state × event table', () => {
  const cells = MACHINE_STATUSES.flatMap((status) => BRP_EVENT_TYPES.map((type) => ({ status, type })));

  it('covers 9 states × 9 events', () => {
    expect(cells).toHaveLength(81);
  });

  it.each(cells)('$status × $type', ({ status, type }) => {
    const facts = LEGAL[status][type]?.facts ?? LONG;
    const decision = decide(status, eventOf(type), facts);
    if (FINAL_STATUSES.includes(status)) {
      expect(decision).toEqual({ ok: false, from: status, reason: 'final_state' });
    } else if (type === 'ASSESS' && status === 'geen') {
      expect(decision).toMatchObject({ ok: true, to: 'ingeschreven' });
    } else if (LEGAL[status][type] !== undefined) {
      expect(decision).toMatchObject({ ok: true, from: status, to: LEGAL[status][type]?.to });
    } else {
      expect(decision).toEqual({ ok: false, from: status, reason: 'not_allowed_in_state' });
    }
  });

  it('handledEvents lists exactly the legal events of each state', () => {
    for (const status of MACHINE_STATUSES) {
      const expected = BRP_EVENT_TYPES.filter(
        (type) => LEGAL[status][type] !== undefined || (status === 'geen' && type === 'ASSESS'),
      );
      expect(handledEvents(status)).toEqual(expected);
    }
  });
});

describe('guard expectsLongStay (SCHEDULE) / expectsShortStay (REFER_TO_RNI)', () => {
  const at = (arrivalDate: string | null, expectedDepartureDate: string | null): BrpFacts => ({
    ...LONG,
    arrivalDate,
    expectedDepartureDate,
  });

  it('exactly 4 months is a long stay: SCHEDULE allowed, REFER_TO_RNI refused', () => {
    const facts = at('2025-01-15', '2025-05-15');
    expect(expectsLongStay(facts)).toBe(true);
    expect(decide('niet_ingeschreven', { type: 'SCHEDULE' }, facts)).toMatchObject({ ok: true, to: 'ingepland' });
    expect(decide('niet_ingeschreven', { type: 'REFER_TO_RNI' }, facts)).toEqual({
      ok: false,
      from: 'niet_ingeschreven',
      reason: 'guard_failed',
      guard: 'expectsShortStay',
    });
  });

  it('a day less than 4 months is a short stay: REFER_TO_RNI allowed, SCHEDULE refused', () => {
    const facts = at('2025-01-15', '2025-05-14');
    expect(expectsLongStay(facts)).toBe(false);
    expect(decide('niet_ingeschreven', { type: 'REFER_TO_RNI' }, facts)).toMatchObject({ ok: true, to: 'rni' });
    expect(decide('niet_ingeschreven', { type: 'SCHEDULE' }, facts)).toEqual({
      ok: false,
      from: 'niet_ingeschreven',
      reason: 'guard_failed',
      guard: 'expectsLongStay',
    });
  });

  it('calendar months clamp to the end of the month (31 Oct + 4 months = end of February)', () => {
    expect(expectsLongStay(at('2025-10-31', '2026-02-28'))).toBe(true);
    expect(expectsLongStay(at('2025-10-31', '2026-02-27'))).toBe(false);
    expect(expectsLongStay(at('2023-10-31', '2024-02-29'))).toBe(true); // leap year
    expect(expectsLongStay(at('2023-10-31', '2024-02-28'))).toBe(false);
  });

  it('an unknown expected departure is a long stay', () => {
    expect(expectsLongStay(at('2025-01-15', null))).toBe(true);
    expect(expectsLongStay(at(null, null))).toBe(true);
  });

  it('an unknown arrival counts from today', () => {
    const facts = { ...at(null, '2025-07-10'), today: '2025-03-10' };
    expect(expectsLongStay(facts)).toBe(true);
    expect(expectsLongStay({ ...facts, expectedDepartureDate: '2025-07-09' })).toBe(false);
  });

  it('exactly one of SCHEDULE and REFER_TO_RNI is available from niet_ingeschreven', () => {
    for (const departure of ['2025-01-16', '2025-05-14', '2025-05-15', '2026-01-01', null]) {
      const available = availableEvents('niet_ingeschreven', at('2025-01-15', departure));
      expect(available.filter((type) => type === 'SCHEDULE' || type === 'REFER_TO_RNI')).toHaveLength(1);
    }
  });
});

describe('guard atConfirmedAppointment (REGISTER)', () => {
  const withAppointment = (appointment: BrpFacts['appointment']): BrpFacts => ({ ...LONG, appointment });
  const register = (facts: BrpFacts) => decide('afspraak_bevestigd', { type: 'REGISTER' }, facts);
  const refused = { ok: false, from: 'afspraak_bevestigd', reason: 'guard_failed', guard: 'atConfirmedAppointment' };

  it('a confirmed appointment starting exactly 1 day from now is accepted', () => {
    const facts = withAppointment({ status: 'confirmed', startsAt: '2025-03-11T09:00:00.000Z' });
    expect(isAtConfirmedAppointment(facts)).toBe(true);
    expect(register(facts)).toMatchObject({ ok: true, to: 'ingeschreven', closeTask: 'register' });
  });

  it('one millisecond more than 1 day ahead is refused', () => {
    expect(register(withAppointment({ status: 'confirmed', startsAt: '2025-03-11T09:00:00.001Z' }))).toEqual(refused);
  });

  it('an appointment in the past (the migrant is at the desk, or came late) is accepted', () => {
    expect(register(withAppointment({ status: 'confirmed', startsAt: '2025-03-01T09:00:00.000Z' })).ok).toBe(true);
  });

  it('is refused without an appointment, when it is not confirmed, or when its time is unreadable', () => {
    expect(register(withAppointment(null))).toEqual(refused);
    expect(register(withAppointment({ status: 'proposed', startsAt: NOW }))).toEqual(refused);
    expect(register(withAppointment({ status: 'attended', startsAt: NOW }))).toEqual(refused);
    expect(register(withAppointment({ status: 'confirmed', startsAt: 'tomorrow' }))).toEqual(refused);
    expect(register({ ...LONG, now: 'now' })).toEqual(refused);
  });

  it('NO_SHOW does not depend on the guard', () => {
    expect(decide('afspraak_bevestigd', { type: 'NO_SHOW' }, withAppointment(null)).ok).toBe(true);
  });
});

describe('tasks', () => {
  it('STATE_TASKS has an entry for every state: a task for non-final states, none for finals', () => {
    expect(Object.keys(STATE_TASKS).sort()).toEqual([...MACHINE_STATUSES].sort());
    for (const status of MACHINE_STATUSES) {
      if (FINAL_STATUSES.includes(status)) expect(STATE_TASKS[status]).toBeNull();
      else expect(TASK_TYPES).toContain(STATE_TASKS[status]?.type);
    }
  });

  it('matches the seed tasks and owners', () => {
    expect(STATE_TASKS).toEqual({
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
  });

  it('every seed task type is opened by some state (a warning opens its own task)', () => {
    const opened = new Set(Object.values(STATE_TASKS).map((task) => task?.type));
    for (const type of TASK_TYPES.filter((type) => type !== 'handle_warning')) expect(opened.has(type)).toBe(true);
    expect(opened.has('handle_warning')).toBe(false);
  });

  it("the task's owner sends the events that move the state on", () => {
    const forward: Record<string, BrpEventType[]> = {
      geen: ['ASSESS'],
      niet_ingeschreven: ['SCHEDULE', 'REFER_TO_RNI'],
      ingepland: ['CONFIRM_APPOINTMENT', 'DECLINE_APPOINTMENT'],
      afspraak_bevestigd: ['REGISTER', 'NO_SHOW'],
      ingeschreven: ['REPORT_DEPARTURE'],
      rni: ['REPORT_DEPARTURE'],
      vertrek_gemeld: ['DEREGISTER'],
    };
    expect(Object.keys(forward)).toEqual(NON_FINAL);
    for (const status of NON_FINAL) {
      for (const type of forward[status] ?? []) expect(EVENT_OWNERS[type]).toBe(STATE_TASKS[status]?.owner);
    }
  });

  it.each([
    ['geen', { type: 'ASSESS', outcome: 'not_registered' }, 'assess_status', 'schedule'],
    ['niet_ingeschreven', { type: 'SCHEDULE' }, 'schedule', 'confirm_appointment'],
    ['ingepland', { type: 'CONFIRM_APPOINTMENT' }, 'confirm_appointment', 'register'],
    ['ingepland', { type: 'DECLINE_APPOINTMENT', reason: 'sick' }, 'confirm_appointment', 'schedule'],
    ['afspraak_bevestigd', { type: 'REGISTER' }, 'register', 'report_departure'],
    ['afspraak_bevestigd', { type: 'NO_SHOW' }, 'register', 'schedule'],
    ['ingeschreven', { type: 'REPORT_DEPARTURE' }, 'report_departure', 'deregister'],
    ['vertrek_gemeld', { type: 'DEREGISTER' }, 'deregister', null],
    ['rni', { type: 'REPORT_DEPARTURE' }, 'report_departure', null],
    ['geen', { type: 'REPORT_DEPARTURE' }, 'assess_status', null],
    ['ingepland', { type: 'REPORT_DEPARTURE' }, 'confirm_appointment', null],
  ] as const)('%s --%o--> closes %s, opens %s', (from, event, closeTask, openTask) => {
    const decision = decide(from, event as BrpEvent, LONG);
    expect(decision.ok).toBe(true);
    if (!decision.ok) return;
    expect(decision.closeTask).toBe(closeTask);
    expect(decision.openTask?.type ?? null).toBe(openTask);
  });

  it('REFER_TO_RNI closes schedule and opens report_departure for the provider', () => {
    expect(decide('niet_ingeschreven', { type: 'REFER_TO_RNI' }, SHORT)).toMatchObject({
      closeTask: 'schedule',
      openTask: { type: 'report_departure', owner: 'provider' },
    });
  });
});

describe('EVENT_OWNERS', () => {
  it('names an owner for every event, and nothing else', () => {
    expect(Object.keys(EVENT_OWNERS).sort()).toEqual(
      [
        'ASSESS',
        'CONFIRM_APPOINTMENT',
        'DECLINE_APPOINTMENT',
        'DEREGISTER',
        'NO_SHOW',
        'REFER_TO_RNI',
        'REGISTER',
        'REPORT_DEPARTURE',
        'SCHEDULE',
      ].sort(),
    );
    expect([...BRP_EVENT_TYPES].sort()).toEqual(Object.keys(EVENT_OWNERS).sort());
  });

  it('gives the municipality and the provider their steps', () => {
    expect(EVENT_OWNERS).toEqual({
      ASSESS: 'municipality',
      SCHEDULE: 'municipality',
      REFER_TO_RNI: 'municipality',
      NO_SHOW: 'municipality',
      REGISTER: 'municipality',
      DEREGISTER: 'municipality',
      CONFIRM_APPOINTMENT: 'provider',
      DECLINE_APPOINTMENT: 'provider',
      REPORT_DEPARTURE: 'provider',
    });
  });

  it('every event the machine handles has an owner', () => {
    for (const node of Object.values(brpMachine.root.states)) {
      for (const eventType of node.transitions.keys()) expect(EVENT_OWNERS).toHaveProperty(eventType);
    }
  });
});

describe('availableEvents', () => {
  it.each([
    ['geen', LONG, ['ASSESS', 'REPORT_DEPARTURE']],
    ['niet_ingeschreven', LONG, ['SCHEDULE', 'REPORT_DEPARTURE']],
    ['niet_ingeschreven', SHORT, ['REFER_TO_RNI', 'REPORT_DEPARTURE']],
    ['ingepland', LONG, ['CONFIRM_APPOINTMENT', 'DECLINE_APPOINTMENT', 'REPORT_DEPARTURE']],
    ['afspraak_bevestigd', LONG, ['NO_SHOW', 'REGISTER', 'REPORT_DEPARTURE']],
    ['afspraak_bevestigd', { ...LONG, appointment: null }, ['NO_SHOW', 'REPORT_DEPARTURE']],
    ['ingeschreven', LONG, ['REPORT_DEPARTURE']],
    ['rni', LONG, ['REPORT_DEPARTURE']],
    ['vertrek_gemeld', LONG, ['DEREGISTER']],
    ['uitgeschreven', LONG, []],
    ['vertrokken', LONG, []],
  ] as const)('%s', (status, facts, expected) => {
    expect(availableEvents(status, facts)).toEqual(expected);
  });

  it('is exactly the set of events decide accepts', () => {
    for (const facts of [LONG, SHORT, { ...LONG, appointment: null }]) {
      for (const status of MACHINE_STATUSES) {
        const accepted = BRP_EVENT_TYPES.filter(
          (type) =>
            decide(status, eventOf(type), facts).ok ||
            (type === 'ASSESS' && decide(status, { type, outcome: 'not_registered' }, facts).ok),
        );
        expect(availableEvents(status, facts)).toEqual(accepted);
      }
    }
  });
});

describe('describeEventRequirements', () => {
  it('SCHEDULE needs an appointment time and a desk', () => {
    const requirements = describeEventRequirements('SCHEDULE');
    expect(requirements.owner).toBe('municipality');
    const required = requirements.fields.filter((field) => field.required);
    expect(required.map((field) => [field.name, field.kind])).toEqual([
      ['starts_at', 'datetime'],
      ['desk', 'text'],
    ]);
  });

  it('DECLINE_APPOINTMENT needs a reason', () => {
    expect(describeEventRequirements('DECLINE_APPOINTMENT').fields).toContainEqual(
      expect.objectContaining({ name: 'reason', required: true }),
    );
  });

  it('ASSESS needs an outcome; REPORT_DEPARTURE a departure date', () => {
    expect(describeEventRequirements('ASSESS').fields).toContainEqual(
      expect.objectContaining({ name: 'outcome', required: true, choices: ['registered', 'not_registered'] }),
    );
    expect(describeEventRequirements('REPORT_DEPARTURE').fields).toContainEqual(
      expect.objectContaining({ name: 'departure_date', kind: 'date', required: true }),
    );
  });

  it('REFER_TO_RNI mentions municipality code 1999', () => {
    expect(describeEventRequirements('REFER_TO_RNI').description).toContain('1999');
  });

  it('describes every event, with its owner and at most one reason field', () => {
    for (const type of BRP_EVENT_TYPES) {
      const requirements = describeEventRequirements(type);
      expect(requirements.type).toBe(type);
      expect(requirements.owner).toBe(EVENT_OWNERS[type]);
      expect(requirements.description.length).toBeGreaterThan(10);
      expect(requirements.fields.filter((field) => field.name === 'reason')).toHaveLength(1);
    }
  });
});

describe('persistence and migrations', () => {
  it('a current snapshot restores as is', () => {
    for (const status of MACHINE_STATUSES) {
      expect(restoreStatus({ machineVersion: BRP_MACHINE_VERSION, status })).toBe(status);
    }
  });

  it('the snapshot of a decision restores to its target', () => {
    const decision = decide('ingepland', { type: 'CONFIRM_APPOINTMENT' }, LONG);
    if (!decision.ok) throw new Error('expected ok');
    expect(restoreStatus(decision.snapshot)).toBe('afspraak_bevestigd');
  });

  it('version 1 is the identity migration', () => {
    expect(migrations[1]?.({ machineVersion: 0, status: 'ingepland' })).toEqual({
      machineVersion: 0,
      status: 'ingepland',
    });
    expect(restoreStatus({ machineVersion: 0, status: 'ingepland' })).toBe('ingepland');
  });

  it('a version-0 snapshot with a renamed state restores through the migration table', () => {
    // Hypothetical: version 0 called `ingepland` "afspraak_gepland"; the step to version 1 renames it.
    const table = {
      ...migrations,
      1: (snapshot: { machineVersion: number; status: string }) =>
        snapshot.status === 'afspraak_gepland' ? { ...snapshot, status: 'ingepland' } : snapshot,
    };
    const old = { machineVersion: 0, status: 'afspraak_gepland' };
    expect(restoreStatus(old, table)).toBe('ingepland');
    expect(restoreStatus({ machineVersion: 0, status: 'geen' }, table)).toBe('geen');
    // Without the migration the old name is unknown.
    expect(() => restoreStatus(old)).toThrow(BrpSnapshotError);
  });

  it('refuses snapshots it cannot restore', () => {
    expect(() => restoreStatus({ machineVersion: BRP_MACHINE_VERSION + 1, status: 'geen' })).toThrow(/newer/);
    expect(() => restoreStatus({ machineVersion: -1, status: 'geen' })).toThrow(BrpSnapshotError);
    expect(() => restoreStatus({ machineVersion: 1.5, status: 'geen' })).toThrow(BrpSnapshotError);
    expect(() => restoreStatus({ machineVersion: 1, status: 'onbekend' })).toThrow(BrpSnapshotError);
    expect(() => restoreStatus({ machineVersion: 0, status: 'geen' }, {})).toThrow(/no migration/);
  });
});
