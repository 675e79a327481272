/**
 * After a new migrant is saved, the provider lands on its page (where "what happens next" is shown: the invitation
 * or the letter to print, the municipality's task), not back on the list with only "Item created". Directus 11.17.4
 * has no setting for where "Save" goes after a create (it returns to the list; "Save and stay" is in a menu), so
 * this interface, on the create form, watches for its own create's answer and, when the app then navigates to the
 * list, replaces that navigation with the new item's page. "Save and create new" (to `+`) is left alone.
 * The router is the app's own (from the Vue app: vue-router is the app's shared dependency, not ours to import).
 */
import { useApi } from '@directus/extensions-sdk';
import { getCurrentInstance, onBeforeUnmount } from 'vue';

interface AppRouter {
  afterEach(guard: (to: { path: string }) => void): () => void;
  replace(path: string): Promise<unknown>;
}


export function useOpenAfterCreate(collection: string, isCreateForm: () => boolean): void {
  const api = useApi();
  const router = (getCurrentInstance()?.appContext.config.globalProperties as { $router?: AppRouter } | undefined)?.$router;
  if (!router) return;
  const listPath = `/content/${collection}`;
  let created: string | null = null;

  const interceptor = api.interceptors.response.use((response) => {
    const id = (response.data as { data?: { id?: unknown } | null } | null)?.data?.id;
    if (isCreateForm() && response.config?.method === 'post' && response.config.url === `/items/${collection}` && (typeof id === 'string' || typeof id === 'number')) {
      created = String(id);
    }
    return response;
  });
  const stopGuard = router.afterEach((to) => {
    if (created === null) return;
    const id = created;
    created = null;
    if (to.path === listPath) void router.replace(`${listPath}/${encodeURIComponent(id)}`);
  });

  // the navigation that follows the save unmounts this form: the guard and the interceptor outlive it by one turn
  onBeforeUnmount(() => {
    setTimeout(() => {
      stopGuard();
      api.interceptors.response.eject(interceptor);
    }, 0);
  });
}
