/**
 * The task view's language (the user's Directus language, else the browser's), its texts, the labels of
 * collections, fields and codes, and dates in that language.
 */
import { useStores } from '@directus/extensions-sdk';
import { computed, type ComputedRef } from 'vue';
import { countryName } from '../../../domain/countries';
import { describeEventRequirements, type BrpEventType } from '../../../domain/brp/machine';
import { EVENT_LABELS } from '../../../domain/brp/workflow-messages';
import { choiceLabel, collectionLabel, fieldLabel } from '../../../domain/labels';
import { pickUiLanguage, type UiLanguage } from '../../../domain/ui-language';
import { TEXT, type TaskViewText } from '../texts';

export interface UiLanguageContext {
  lang: ComputedRef<UiLanguage>;
  text: ComputedRef<TaskViewText>;
  eventLabel(event: BrpEventType): string;
  taskTypeLabel(type: string): string;
  statusLabel(status: string): string;
  stepHelp(event: BrpEventType): string;
  collection(collection: string): string;
  field(collection: string, field: string): string;
  choice(collection: string, field: string, value: string): string;
  country(code: unknown): string;
  formatDate(value: unknown): string;
  formatDateTime(value: string): string;
  formatTime(value: number): string;
}

export function useUiLanguage(): UiLanguageContext {
  const { useUserStore } = useStores();
  const userStore = useUserStore();

  const lang = computed<UiLanguage>(() => {
    const user = userStore.currentUser as { language?: string | null } | null;
    const appLanguage = (userStore as { language?: string | null }).language ?? null;
    return pickUiLanguage(user?.language ?? appLanguage, typeof navigator === 'undefined' ? null : navigator.language);
  });
  const text = computed<TaskViewText>(() => TEXT[lang.value]);
  const locale = () => (lang.value === 'nl' ? 'nl-NL' : 'en-GB');

  /** 'YYYY-MM-DD' as a local date; partial BRP dates (YYYY-MM, YYYY) and masked values are shown as they are. */
  function formatDate(value: unknown): string {
    if (typeof value !== 'string') return value === null || value === undefined ? '—' : String(value);
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!match) return /^\d{4}-\d{2}-\d{2}T/.test(value) ? formatDateTime(value) : value;
    const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
    return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
  }

  /** In the browser's own time zone, like the rest of the admin app and the datetime input. */
  function formatDateTime(value: string): string {
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) return value;
    return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  }

  function formatTime(value: number): string {
    return new Intl.DateTimeFormat(locale(), { timeStyle: 'short' }).format(new Date(value));
  }

  return {
    lang,
    text,
    eventLabel: (event) => EVENT_LABELS[event][lang.value],
    taskTypeLabel: (type) => choiceLabel('tasks', 'type', type, lang.value),
    statusLabel: (status) => choiceLabel('migrants', 'brp_status', status, lang.value),
    // English: the machine's own description of the step; Dutch: the local table.
    stepHelp: (event) => (lang.value === 'nl' ? TEXT.nl.help[event] : describeEventRequirements(event).description),
    collection: (name) => collectionLabel(name, lang.value),
    field: (collection, field) => fieldLabel(collection, field, lang.value),
    choice: (collection, field, value) => choiceLabel(collection, field, value, lang.value),
    country: (code) => (typeof code === 'string' && /^[A-Z]{2}$/.test(code) ? countryName(code, lang.value) : code == null ? '—' : String(code)),
    formatDate,
    formatDateTime,
    formatTime,
  };
}
