/**
 * What the task view's components share: provided by interface.vue, injected by each component. The step dialog
 * (and the desk agenda in it) needs only a part of it, the step context, which the migrant's page provides too.
 */
import { inject, type InjectionKey, type Ref } from 'vue';
import type { useBrpLookup } from './use-brp-lookup';
import type { Busy, Claim } from './use-claim';
import type { DeskAgenda } from './use-desk-agenda';
import type { StepForm } from './use-step-form';
import type { TaskData } from './use-task-data';
import type { TaskUi } from './use-task-ui';

export interface StepContext {
  ui: TaskUi;
  step: StepForm;
  busy: Ref<Busy>;
  migrantId: Readonly<Ref<string | null>>;
  /** The BRP lookup of ASSESS; a page without it does not offer ASSESS. */
  lookup?: ReturnType<typeof useBrpLookup>;
  /** The desk agenda of SCHEDULE; a page without it does not offer SCHEDULE. */
  agenda?: DeskAgenda;
}

export interface TaskContext extends StepContext {
  data: TaskData;
  claim: Claim;
  lookup: ReturnType<typeof useBrpLookup>;
  agenda: DeskAgenda;
}

export const TASK_CONTEXT: InjectionKey<TaskContext> = Symbol('brp-task-actions');
export const STEP_CONTEXT: InjectionKey<StepContext> = Symbol('brp-step-dialog');

export function useTaskContext(): TaskContext {
  const context = inject(TASK_CONTEXT);
  if (!context) throw new Error('brp-task-actions: a component was used outside the task view');
  return context;
}

export function useStepContext(): StepContext {
  const context = inject(STEP_CONTEXT);
  if (!context) throw new Error('brp-task-actions: the step dialog was used without a step context');
  return context;
}
