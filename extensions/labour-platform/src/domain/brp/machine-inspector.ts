/**
 * Replays one event through a live actor of the BRP machine so an inspector (@statelyai/inspect) can show it.
 * The workflow itself uses the pure `decide`; this is for seeing the machine at work in development.
 */
import { createActor, type InspectionEvent } from 'xstate';
import { brpMachine, toMachineSnapshot, type BrpEvent, type BrpFacts, type MachineStatus } from './machine';

export type InspectFunction = (event: InspectionEvent) => void;

export function replayForInspection(
  inspect: InspectFunction,
  status: MachineStatus,
  event: BrpEvent,
  facts: BrpFacts,
): void {
  const actor = createActor(brpMachine, { snapshot: toMachineSnapshot(status, facts), input: facts, inspect });
  actor.start();
  actor.send(event);
  actor.stop();
}
