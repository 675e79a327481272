/**
 * The task view's language: the shared one (../../shared/use-ui-language.ts) with the task view's texts and the
 * help of each BRP step.
 */
import { computed, type ComputedRef } from 'vue';
import { describeEventRequirements, type BrpEventType } from '../../../domain/brp/machine';
import { useUiLanguage, type UiLanguageContext } from '../../shared/use-ui-language';
import { TEXT, type TaskViewText } from '../texts';

export interface TaskUi extends UiLanguageContext {
  text: ComputedRef<TaskViewText>;
  stepHelp(event: BrpEventType): string;
}

export function useTaskUi(): TaskUi {
  const ui = useUiLanguage();
  return {
    ...ui,
    text: computed<TaskViewText>(() => TEXT[ui.lang.value]),
    // English: the machine's own description of the step; Dutch: the local table.
    stepHelp: (event) => (ui.lang.value === 'nl' ? TEXT.nl.help[event] : describeEventRequirements(event).description),
  };
}
