/**
 * The task view's data: the task, its migrant as far as the user may see it (with why it is masked), the steps
 * the user may take now, the migrant's other open tasks and the next task of the team's queue. Reloads after an
 * action, and carries a message across the page reload that refreshes the form.
 */
import { useApi } from '@directus/extensions-sdk';
import { computed, onBeforeUnmount, ref, watch, type ComputedRef, type Ref } from 'vue';
import { explainShield, type ConsentFacts, type ShieldExplanation } from '../../../domain/privacy/shield-explanation';
import type { TaskViewText } from '../texts';
import { apiMessage, httpStatus, idOf, type Row } from '../../shared/api';

export interface NextSteps {
  migrant: string;
  status: string;
  status_version: number;
  party: 'municipality' | 'provider' | 'system' | null;
  events: string[];
  appointment: { status: string; startsAt: string; desk?: string | null } | null;
}

export interface Flash {
  type: 'success' | 'info' | 'warning' | 'danger';
  text: string;
}

export interface TaskSummary {
  id: string;
  type: string;
}

const MIGRANT_FIELDS = [
  'id',
  'first_names',
  'surname',
  'nationality',
  'brp_status',
  'arrival_date',
  'expected_departure_date',
  'current_location',
];
const CONSENT_FIELDS = ['status', 'requested_at', 'expires_at', 'revoked_at', 'sent_at'];
const FLASH_TTL_MS = 60_000;

export function useTaskData(
  taskId: ComputedRef<string | null>,
  values: ComputedRef<Row>,
  text: ComputedRef<TaskViewText>,
) {
  const api = useApi();
  const task = ref<Row | null>(null);
  const migrant = ref<Row | null>(null);
  const steps = ref<NextSteps | null>(null);
  const consents = ref<ConsentFacts[]>([]);
  const openTasks = ref<TaskSummary[]>([]);
  const nextInQueue = ref<TaskSummary | null | undefined>(undefined);
  const loading = ref(false);
  const loadingSteps = ref(false);
  const loadError = ref<string | null>(null);
  const migrantError = ref<string | null>(null);
  const stepsError = ref<string | null>(null);
  const flash = ref<Flash | null>(null);

  const migrantId = computed(() => idOf(task.value?.['migrant'] ?? values.value['migrant']));
  /** A supervision warning's task is about the warning, not about a person. */
  const warningId = computed(() => idOf(task.value?.['warning'] ?? values.value['warning']));
  const taskIsOpen = computed(() => (task.value?.['status'] ?? values.value['status']) === 'open');
  const taskType = computed(() => String(task.value?.['type'] ?? values.value['type'] ?? ''));

  /** Why the migrant's personal data are masked, when they are. */
  const shield = computed<ShieldExplanation | null>(() => {
    const privacy = migrant.value?.['privacy'] as { shielded?: boolean; reason?: string } | undefined;
    return privacy?.shielded ? explainShield(String(privacy.reason ?? ''), consents.value) : null;
  });

  async function loadTask(): Promise<void> {
    if (!taskId.value) return;
    try {
      const response = await api.get(`/items/tasks/${encodeURIComponent(taskId.value)}`, {
        params: {
          fields: ['id', 'type', 'status', 'assignee', 'claimed_at', 'outcome', 'migrant', 'warning', 'due_date'].join(
            ',',
          ),
        },
      });
      task.value = response.data.data as Row;
      loadError.value = null;
    } catch (error) {
      // the form's own values still tell what the task is
      task.value = { ...values.value };
      if (httpStatus(error) !== 403) loadError.value = apiMessage(error, text.value.loadError);
    }
  }

  async function loadMigrant(id: string): Promise<void> {
    const path = `/items/migrants/${encodeURIComponent(id)}`;
    try {
      migrant.value = (await api.get(path, { params: { fields: MIGRANT_FIELDS.join(',') } })).data.data as Row;
      migrantError.value = null;
    } catch (error) {
      // A field the user may not read makes the whole request fail: take whatever `*` gives.
      if (httpStatus(error) === 403) {
        try {
          const row = (await api.get(path, { params: { fields: '*' } })).data.data as Row;
          migrant.value = Object.fromEntries(
            [...MIGRANT_FIELDS, 'privacy'].filter((field) => field in row).map((field) => [field, row[field]]),
          );
          migrantError.value = null;
          return;
        } catch {
          // fall through
        }
      }
      migrant.value = null;
      migrantError.value = text.value.noMigrantAccess;
    }
  }

  async function loadConsents(id: string): Promise<void> {
    try {
      const response = await api.get('/items/consents', {
        params: { filter: JSON.stringify({ migrant: { _eq: id } }), fields: CONSENT_FIELDS.join(','), limit: 20 },
      });
      consents.value = (response.data.data ?? []) as ConsentFacts[];
    } catch {
      consents.value = [];
    }
  }

  async function loadSteps(): Promise<void> {
    const id = migrantId.value;
    if (!id) return;
    loadingSteps.value = true;
    try {
      steps.value = (await api.get(`/brp/migrants/${encodeURIComponent(id)}/next-steps`)).data.data as NextSteps;
      stepsError.value = null;
    } catch (error) {
      steps.value = null;
      stepsError.value = apiMessage(error, text.value.loadError);
    } finally {
      loadingSteps.value = false;
    }
  }

  async function openTasksWhere(filter: Row, limit: number): Promise<TaskSummary[]> {
    try {
      const response = await api.get('/items/tasks', {
        params: {
          filter: JSON.stringify({ _and: [{ status: { _eq: 'open' } }, filter] }),
          fields: 'id,type',
          sort: 'due_date',
          limit,
        },
      });
      return ((response.data.data ?? []) as Row[]).map((row) => ({
        id: String(row['id']),
        type: String(row['type'] ?? ''),
      }));
    } catch {
      return [];
    }
  }

  /** Once this task is closed: the migrant's open task(s), and the most urgent task nobody holds yet. */
  async function loadFollowUps(id: string): Promise<void> {
    if (taskIsOpen.value) {
      openTasks.value = [];
      nextInQueue.value = undefined;
      return;
    }
    openTasks.value = await openTasksWhere({ migrant: { _eq: id } }, 5);
    const queue = await openTasksWhere({ _and: [{ assignee: { _null: true } }, { migrant: { _neq: id } }] }, 1);
    nextInQueue.value = queue[0] ?? null;
  }

  async function loadAll(): Promise<void> {
    if (!taskId.value) return;
    loading.value = true;
    try {
      await loadTask();
      const id = migrantId.value;
      if (id) await Promise.all([loadMigrant(id), loadConsents(id), loadSteps(), loadFollowUps(id)]);
    } finally {
      loading.value = false;
    }
  }

  // A message that survives the reload that refreshes the form after an action.
  const flashKey = computed(() => `brp-task-actions:${taskId.value ?? ''}`);
  let flashTimer: ReturnType<typeof setTimeout> | null = null;

  /** The form may mount this interface more than once while the page loads: remove the message after a moment. */
  function takeFlash(): void {
    try {
      const stored = sessionStorage.getItem(flashKey.value);
      if (!stored) return;
      const message = JSON.parse(stored) as Flash & { at?: number };
      if (typeof message.at === 'number' && Date.now() - message.at < FLASH_TTL_MS)
        flash.value = { type: message.type, text: message.text };
      flashTimer = setTimeout(() => sessionStorage.removeItem(flashKey.value), 3000);
    } catch {
      // no session storage: nothing to show
    }
  }
  onBeforeUnmount(() => {
    if (flashTimer !== null) clearTimeout(flashTimer);
  });

  /** The form shows the task as it was loaded; reload the page when an action changed what it shows. */
  function formIsStale(): boolean {
    const current = task.value;
    if (!current) return false;
    return ['status', 'assignee', 'outcome'].some((field) => idOf(values.value[field]) !== idOf(current[field]));
  }

  async function refreshAfterAction(message: Flash): Promise<void> {
    await loadAll();
    if (formIsStale()) {
      try {
        sessionStorage.setItem(flashKey.value, JSON.stringify({ ...message, at: Date.now() }));
        window.location.reload();
        return;
      } catch {
        // no session storage: show the message without reloading
      }
    }
    flash.value = message;
  }

  // The primary key can arrive after the first render (the item page loads the item first).
  watch(
    taskId,
    (id) => {
      if (!id) return;
      takeFlash();
      void loadAll();
    },
    { immediate: true },
  );

  return {
    task: task as Ref<Row | null>,
    migrant,
    steps,
    openTasks,
    nextInQueue,
    shield,
    loading,
    loadingSteps,
    loadError,
    migrantError,
    stepsError,
    flash,
    migrantId,
    warningId,
    taskIsOpen,
    taskType,
    loadTask,
    loadSteps,
    refreshAfterAction,
  };
}

export type TaskData = ReturnType<typeof useTaskData>;
