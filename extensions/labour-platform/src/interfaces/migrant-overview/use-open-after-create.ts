/**
 * After a new migrant is saved, the provider lands on its page (where "what happens next" is shown: the invitation
 * or the letter to print, the municipality's task), not back on the list with only "Item created". Directus 11.17.4
 * has no setting for where "Save" goes after a create (it returns to the list; "Save and stay" is in a menu), so
 * this interface, on the create form, notices the new item's id arriving in the form's values (the app puts the
 * saved item there before it navigates) and, when the app then navigates to the list, replaces that navigation with
 * the new item's page. "Save and create new" (to `+`) and leaving without saving are left alone.
 * The router is the app's own (from the Vue app: vue-router is the app's shared dependency, not ours to import).
 */
import { getCurrentInstance, onBeforeUnmount, watch, type Ref } from 'vue';

interface AppRouter {
  afterEach(guard: (to: { path: string }) => void): () => void;
  replace(path: string): Promise<unknown>;
}

export function useOpenAfterCreate(
  collection: string,
  isCreateForm: () => boolean,
  values: Ref<Record<string, unknown>> | null,
): void {
  const router = (getCurrentInstance()?.appContext.config.globalProperties as { $router?: AppRouter } | undefined)
    ?.$router;
  if (!router || !values) return;
  const listPath = `/content/${collection}`;
  let created: string | null = null;

  // synchronous: the app navigates right after it stores the saved item
  const stopWatch = watch(
    () => values.value?.['id'],
    (id) => {
      if (isCreateForm() && (typeof id === 'string' || typeof id === 'number') && String(id) !== '+')
        created = String(id);
    },
    { flush: 'sync' },
  );
  const stopGuard = router.afterEach((to) => {
    if (created === null) return;
    const id = created;
    created = null;
    if (to.path === listPath) void router.replace(`${listPath}/${encodeURIComponent(id)}`);
  });

  // the navigation that follows the save unmounts this form: the guard outlives it by one turn
  onBeforeUnmount(() => {
    stopWatch();
    setTimeout(stopGuard, 0);
  });
}
