/**
 * The task view's language: the shared one (../../shared/use-ui-language.ts) with the task view's texts and the
 * help of each BRP step.
 */
import { computed, type ComputedRef } from 'vue';
import type { BrpEventType } from '../../../domain/brp/machine';
import { useUiLanguage, type UiLanguageContext } from '../../shared/use-ui-language';
import { stepHelp, taskViewText, type TaskViewText } from '../texts';

export interface TaskUi extends UiLanguageContext {
  text: ComputedRef<TaskViewText>;
  stepHelp(event: BrpEventType): string;
}

export function useTaskUi(): TaskUi {
  const ui = useUiLanguage();
  return {
    ...ui,
    text: computed<TaskViewText>(() => taskViewText(ui.lang.value)),
    stepHelp: (event) => stepHelp(event, ui.lang.value),
  };
}
