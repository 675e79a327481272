/** What the task view's components share: provided by interface.vue, injected by each component. */
import { inject, type InjectionKey, type Ref } from 'vue';
import type { useBrpLookup } from './use-brp-lookup';
import type { Busy, Claim } from './use-claim';
import type { DeskAgenda } from './use-desk-agenda';
import type { StepForm } from './use-step-form';
import type { TaskData } from './use-task-data';
import type { UiLanguageContext } from './use-ui-language';

export interface TaskContext {
  ui: UiLanguageContext;
  data: TaskData;
  claim: Claim;
  step: StepForm;
  lookup: ReturnType<typeof useBrpLookup>;
  agenda: DeskAgenda;
  busy: Ref<Busy>;
}

export const TASK_CONTEXT: InjectionKey<TaskContext> = Symbol('brp-task-actions');

export function useTaskContext(): TaskContext {
  const context = inject(TASK_CONTEXT);
  if (!context) throw new Error('brp-task-actions: a component was used outside the task view');
  return context;
}
