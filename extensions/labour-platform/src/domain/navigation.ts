/**
 * What the admin app's navigation shows a user who is no administrator. Reference collections it reads only to
 * display a relation (an organisation's name, a task type) are not its work: they stay readable, but leave the
 * navigation, and a folder left without a visible collection leaves with them (a provider sees no "Beheer").
 *
 * Plain module: no Directus import.
 */

/** Read by many roles for relations and labels; worked on only by administrators. */
export const REFERENCE_COLLECTIONS: readonly string[] = Object.freeze(['organisations', 'task_types']);

export interface NavigationCollection {
  collection: string;
  /** null for a folder */
  schema?: unknown;
  meta: { group?: string | null; hidden?: boolean | null; [key: string]: unknown } | null;
  [key: string]: unknown;
}

/** The collections as the navigation of a non-administrator should show them (copies; the input is not changed). */
export function navigationForNonAdmin<T extends NavigationCollection>(collections: readonly T[]): T[] {
  const hidden = (item: T): boolean => item.meta?.hidden === true || REFERENCE_COLLECTIONS.includes(item.collection);
  const children = new Map<string, T[]>();
  for (const item of collections) {
    const group = item.meta?.group;
    if (group) children.set(group, [...(children.get(group) ?? []), item]);
  }
  const visible = (item: T, seen: Set<string>): boolean => {
    if (hidden(item) || seen.has(item.collection)) return false;
    const isFolder = item.schema === null || item.schema === undefined;
    if (!isFolder) return true;
    const inner = children.get(item.collection) ?? [];
    return inner.some((child) => visible(child, new Set([...seen, item.collection])));
  };
  return collections.map((item) => {
    if (!item.meta || visible(item, new Set()) || item.meta.hidden === true) return item;
    return { ...item, meta: { ...item.meta, hidden: true } };
  });
}
