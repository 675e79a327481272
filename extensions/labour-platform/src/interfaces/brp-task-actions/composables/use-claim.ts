/** Claiming a task (POST /brp/tasks/:id/claim) and releasing it (/unclaim); who holds it now. */
import { useApi, useStores } from '@directus/extensions-sdk';
import { computed, ref, type ComputedRef, type Ref } from 'vue';
import type { TaskViewText } from '../texts';
import { apiMessage, apiReason, httpStatus, idOf, type Row } from '../../shared/api';
import type { TaskData } from './use-task-data';

export type Busy = 'claim' | 'unclaim' | 'step' | null;
export type ClaimState = 'unclaimed' | 'mine' | 'colleague';

export function useClaim(
  taskId: ComputedRef<string | null>,
  values: ComputedRef<Row>,
  data: TaskData,
  text: ComputedRef<TaskViewText>,
  busy: Ref<Busy>,
  formatDateTime: (value: string) => string,
) {
  const api = useApi();
  const { useUserStore } = useStores();
  const userStore = useUserStore();
  const claimError = ref<string | null>(null);

  const currentUserId = computed(() => idOf((userStore.currentUser as Row | null)?.['id']));
  const isAdmin = computed(() => Boolean((userStore as { isAdmin?: boolean }).isAdmin));

  const claimState = computed<ClaimState>(() => {
    const assignee = idOf(data.task.value?.['assignee'] ?? values.value['assignee']);
    if (assignee === null) return 'unclaimed';
    return assignee === currentUserId.value ? 'mine' : 'colleague';
  });
  const claimIcon = computed(
    () => ({ unclaimed: 'radio_button_unchecked', mine: 'person', colleague: 'group' })[claimState.value],
  );
  const claimText = computed(() => {
    const claimedAt = data.task.value?.['claimed_at'];
    const base = text.value[claimState.value];
    return claimState.value !== 'unclaimed' && typeof claimedAt === 'string'
      ? `${base} (${formatDateTime(claimedAt)})`
      : base;
  });

  async function act(action: 'claim' | 'unclaim'): Promise<void> {
    if (!taskId.value) return;
    busy.value = action;
    claimError.value = null;
    try {
      await api.post(`/brp/tasks/${encodeURIComponent(taskId.value)}/${action}`);
      await data.refreshAfterAction(
        action === 'claim'
          ? { type: 'success', text: text.value.claimedNow }
          : { type: 'info', text: text.value.releasedNow },
      );
    } catch (error) {
      const reason = apiReason(error);
      const colleague =
        httpStatus(error) === 409 && (action === 'unclaim' || reason === undefined || reason === 'task_claimed');
      claimError.value = colleague ? text.value.colleagueHasTask : apiMessage(error, text.value.loadError);
      await data.loadTask();
    } finally {
      busy.value = null;
    }
  }

  return {
    claimError,
    claimState,
    claimIcon,
    claimText,
    isAdmin,
    claim: () => act('claim'),
    unclaim: () => act('unclaim'),
  };
}

export type Claim = ReturnType<typeof useClaim>;
