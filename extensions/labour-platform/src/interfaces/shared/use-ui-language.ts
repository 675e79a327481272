/**
 * The admin app's language for the platform's interfaces: the user's Directus language, else the app's, else the
 * browser's; the labels of collections, fields, codes and BRP steps; and dates in that language. One composable
 * for every interface (the task view, the migrant's and the location's pages, the BSN input, the consent text).
 */
import { useStores } from '@directus/extensions-sdk';
import { computed, type ComputedRef } from 'vue';
import { countryName } from '../../domain/countries';
import { isBrpEventType } from '../../domain/brp/machine';
import { EVENT_LABELS } from '../../domain/brp/workflow-messages';
import { choiceLabel, collectionLabel, fieldLabel } from '../../domain/labels';
import { pickUiLanguage, type UiLanguage } from '../../domain/ui-language';

export interface UiLanguageContext {
  lang: ComputedRef<UiLanguage>;
  /** A BRP step's name (the button); '—' for what is no step. */
  eventLabel(event: unknown): string;
  taskTypeLabel(type: string): string;
  /** A BRP status's name; '—' for none. */
  statusLabel(status: unknown): string;
  collection(collection: string): string;
  field(collection: string, field: string): string;
  choice(collection: string, field: string, value: string): string;
  country(code: unknown): string;
  formatDate(value: unknown): string;
  formatDateTime(value: unknown): string;
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
  function formatDateTime(value: unknown): string {
    if (value === null || value === undefined || value === '') return '—';
    const date = new Date(String(value));
    if (Number.isNaN(date.getTime())) return String(value);
    return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  }

  function formatTime(value: number): string {
    return new Intl.DateTimeFormat(locale(), { timeStyle: 'short' }).format(new Date(value));
  }

  return {
    lang,
    eventLabel: (event) => (isBrpEventType(event) ? EVENT_LABELS[event][lang.value] : '—'),
    taskTypeLabel: (type) => choiceLabel('tasks', 'type', type, lang.value),
    statusLabel: (status) => (status ? choiceLabel('migrants', 'brp_status', String(status), lang.value) : '—'),
    collection: (name) => collectionLabel(name, lang.value),
    field: (collection, field) => fieldLabel(collection, field, lang.value),
    choice: (collection, field, value) => choiceLabel(collection, field, value, lang.value),
    country: (code) =>
      typeof code === 'string' && /^[A-Z]{2}$/.test(code)
        ? countryName(code, lang.value)
        : code == null
          ? '—'
          : String(code),
    formatDate,
    formatDateTime,
    formatTime,
  };
}
