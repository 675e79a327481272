import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../extensions/labour-platform/src/domain/dates';
import {
  BRP_EVENT_TYPES,
  FINAL_STATUSES,
  MACHINE_STATUSES,
  STATE_TASKS,
  availableEvents,
  brpMachine,
  decide,
  initialStatus,
  isFinalStatus,
  restoreStatus,
  type BrpEvent,
  type BrpEventType,
  type BrpFacts,
  type MachineStatus,
  type TaskSpec,
} from '../../extensions/labour-platform/src/domain/brp/machine';
import { APPOINTMENT_STATUSES } from '../../extensions/labour-platform/src/domain/vocabulary';

const BASE_DATE = '2025-03-10';
const BASE_INSTANT = Date.parse('2025-03-10T09:00:00.000Z');
const HOUR = 60 * 60 * 1000;

const dateNear = (from: number, to: number): fc.Arbitrary<string> =>
  fc.integer({ min: from, max: to }).map((offset) => addDays(BASE_DATE, offset));

const factsArb: fc.Arbitrary<BrpFacts> = fc.record({
  arrivalDate: fc.option(dateNear(-60, 10), { nil: null }),
  // Around the 4-month boundary (≈ 120 days) on both sides.
  expectedDepartureDate: fc.option(dateNear(-30, 240), { nil: null }),
  appointment: fc.option(
    fc.record({
      status: fc.constantFrom(...APPOINTMENT_STATUSES),
      startsAt: fc.integer({ min: -72, max: 72 }).map((hours) => new Date(BASE_INSTANT + hours * HOUR).toISOString()),
    }),
    { nil: null },
  ),
  today: fc.constant(BASE_DATE),
  now: fc.integer({ min: -24, max: 24 }).map((hours) => new Date(BASE_INSTANT + hours * HOUR).toISOString()),
});

const reasonArb = fc.option(fc.string({ maxLength: 20 }), { nil: undefined });

const eventArb: fc.Arbitrary<BrpEvent> = fc
  .tuple(fc.constantFrom(...BRP_EVENT_TYPES), fc.constantFrom('registered', 'not_registered' as const), reasonArb)
  .map(([type, outcome, reason]): BrpEvent => {
    const event: BrpEvent = type === 'ASSESS' ? { type, outcome } : { type };
    return reason === undefined ? event : { ...event, reason };
  });

/**
 * A step either sends a random event, or (guided) picks one of the events available now, so that sequences reach
 * the deep states and the finals often enough.
 */
interface Step {
  event: BrpEvent;
  facts: BrpFacts;
  guided: boolean;
  pick: number;
  registered: boolean;
}
const stepArb: fc.Arbitrary<Step> = fc.record({
  event: eventArb,
  facts: factsArb,
  guided: fc.boolean(),
  // 5040 is divisible by 1..10, so `pick % available.length` is not skewed by the range.
  pick: fc.nat({ max: 5039 }),
  registered: fc.boolean(),
});

interface HistoryEntry {
  from: MachineStatus;
  to: MachineStatus;
  event: BrpEvent;
  facts: BrpFacts;
}

interface Run {
  status: MachineStatus;
  history: HistoryEntry[];
  reached: MachineStatus[];
}

function chooseEvent(status: MachineStatus, step: Step): BrpEvent {
  if (!step.guided) return step.event;
  const available = availableEvents(status, step.facts);
  const type: BrpEventType | undefined = available[step.pick % Math.max(available.length, 1)];
  if (type === undefined) return step.event;
  if (type === 'ASSESS') return { type, outcome: step.registered ? 'registered' : 'not_registered' };
  return { type };
}

/** Applies the steps through `decide`, checking the task invariants at every step. */
function run(steps: readonly Step[]): Run {
  let status = initialStatus();
  const history: HistoryEntry[] = [];
  const reached: MachineStatus[] = [status];
  // The task list: the new migrant's first task is open.
  const firstTask = STATE_TASKS[status];
  let openTasks: TaskSpec[] = firstTask === null ? [] : [firstTask];

  for (const step of steps) {
    const event = chooseEvent(status, step);
    const decision = decide(status, event, step.facts);
    expect(decision.from).toBe(status);

    if (!decision.ok) {
      if (isFinalStatus(status)) expect(decision.reason).toBe('final_state');
      else expect(['not_allowed_in_state', 'guard_failed']).toContain(decision.reason);
      continue;
    }

    // Close the from-state's task, open the to-state's one.
    if (decision.closeTask !== null) {
      const index = openTasks.findIndex((task) => task.type === decision.closeTask);
      expect(index).toBeGreaterThanOrEqual(0);
      openTasks = openTasks.filter((_, i) => i !== index);
    }
    if (decision.openTask !== null) openTasks = [...openTasks, decision.openTask];

    expect(openTasks.length).toBeLessThanOrEqual(1);
    if (isFinalStatus(decision.to)) expect(openTasks).toEqual([]);
    else expect(openTasks).toEqual([STATE_TASKS[decision.to]]);
    expect(restoreStatus(decision.snapshot)).toBe(decision.to);

    history.push({ from: decision.from, to: decision.to, event, facts: step.facts });
    status = decision.to;
    reached.push(status);
  }
  return { status, history, reached };
}

/** Replays a recorded history from `geen`; returns the status it ends in. */
function replay(history: readonly HistoryEntry[]): MachineStatus {
  let status = initialStatus();
  for (const entry of history) {
    expect(entry.from).toBe(status);
    const decision = decide(status, entry.event, entry.facts);
    if (!decision.ok) throw new Error(`replay refused ${entry.event.type} in ${status}: ${decision.reason}`);
    expect(decision.to).toBe(entry.to);
    status = decision.to;
  }
  return status;
}

const stepsArb = fc.array(stepArb, { maxLength: 40, size: 'max' });

describe('BRP machine properties', () => {
  it('the recorded history replays to the current status', () => {
    fc.assert(
      fc.property(stepsArb, (steps) => {
        const { status, history } = run(steps);
        expect(replay(history)).toBe(status);
      }),
      { numRuns: 300 },
    );
  });

  it('at most one open task per step, and none once final (checked inside run)', () => {
    fc.assert(
      fc.property(stepsArb, (steps) => {
        run(steps);
      }),
      { numRuns: 300 },
    );
  });

  it('every status reached is a machine state, and a final state is never left', () => {
    const seen = new Set<MachineStatus>();
    fc.assert(
      fc.property(stepsArb, (steps) => {
        const { reached } = run(steps);
        for (const status of reached) {
          expect(MACHINE_STATUSES).toContain(status);
          expect(brpMachine.root.states).toHaveProperty(status);
          seen.add(status);
        }
        const firstFinal = reached.findIndex((status) => FINAL_STATUSES.includes(status));
        if (firstFinal >= 0) expect(new Set(reached.slice(firstFinal))).toEqual(new Set([reached[firstFinal]]));
      }),
      { numRuns: 500 },
    );
    // The generator is rich enough to reach every state.
    expect([...seen].sort()).toEqual([...MACHINE_STATUSES].sort());
  });

  it('availableEvents lists exactly the event types decide accepts', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MACHINE_STATUSES), factsArb, eventArb, (status, facts, event) => {
        expect(availableEvents(status, facts).includes(event.type)).toBe(decide(status, event, facts).ok);
      }),
      { numRuns: 1000 },
    );
  });

  it('decide is deterministic and never changes the status on a refusal', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MACHINE_STATUSES), factsArb, eventArb, (status, facts, event) => {
        const first = decide(status, event, facts);
        expect(decide(status, event, facts)).toEqual(first);
        if (first.ok) {
          expect(first.to).not.toBe(status);
          expect(first.closeTask).toBe(STATE_TASKS[status]?.type ?? null);
          expect(first.openTask).toEqual(STATE_TASKS[first.to]);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
