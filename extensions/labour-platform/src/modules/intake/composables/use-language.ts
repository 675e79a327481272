/**
 * The import module's language: the one place it takes the user's language from (the interfaces' composable: the
 * user's Directus language, else the browser's), with the module's own texts.
 */
import { computed, type ComputedRef } from 'vue';
import type { UiLanguage } from '../../../domain/ui-language';
import { useUiLanguage } from '../../../interfaces/shared/use-ui-language';
import { TEXT, type IntakeText } from '../texts';

export interface IntakeLanguage {
  lang: ComputedRef<UiLanguage>;
  text: ComputedRef<IntakeText>;
  formatDateTime(value: string): string;
}

export function useIntakeLanguage(): IntakeLanguage {
  const { lang, formatDateTime } = useUiLanguage();
  return { lang, text: computed(() => TEXT[lang.value]), formatDateTime };
}
