/**
 * Personal values are only decrypted together with their row's `id` (the id is bound into every sealed value). A
 * client that asks for `first_names,surname` alone (the admin app does for an item's header, a relation's
 * display template `migrant.surname`) would get `•••` even where it may see the data. This adds the `id` of every
 * object in the requested fields that holds a personal field: the caller gets one field more, never more data.
 *
 * Plain module: no Directus import.
 */
import { isPersonalField } from '../personal-fields';

/** Where a relational field leads (the related collection), or null. */
export interface FieldRelations {
  related(collection: string, field: string): string | null;
}

/** The requested fields plus the `id` beside every personal field (at any depth), or the same array when none is missing. */
export function withRowIds(collection: string, fields: readonly string[], relations: FieldRelations): string[] {
  const present = new Set(fields);
  const added: string[] = [];
  for (const path of fields) {
    if (typeof path !== 'string') continue;
    const segments = path.split('.');
    const field = segments.pop()!;
    let current: string | null = collection;
    for (const segment of segments) {
      current = current === null ? null : relations.related(current, segment);
    }
    if (current === null || !isPersonalField(current, field)) continue;
    const prefix = segments.length > 0 ? `${segments.join('.')}.` : '';
    if (present.has(`${prefix}*`) || present.has(`${prefix}id`)) continue;
    present.add(`${prefix}id`);
    added.push(`${prefix}id`);
  }
  return added.length === 0 ? [...fields] : [...fields, ...added];
}
