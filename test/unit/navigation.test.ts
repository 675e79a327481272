import { describe, expect, it } from 'vitest';
import {
  navigationForNonAdmin,
  type NavigationCollection,
} from '../../extensions/labour-platform/src/domain/navigation';

const folder = (collection: string): NavigationCollection => ({
  collection,
  schema: null,
  meta: { group: null, hidden: false },
});
const table = (collection: string, group: string | null): NavigationCollection => ({
  collection,
  schema: { name: collection },
  meta: { group, hidden: false },
});
const hiddenOf = (collections: NavigationCollection[]) =>
  Object.fromEntries(navigationForNonAdmin(collections).map((c) => [c.collection, c.meta?.hidden]));

describe('navigation of a non-administrator', () => {
  it('hides the reference collections, and a folder they leave empty', () => {
    expect(
      hiddenOf([
        folder('administration'),
        table('organisations', 'administration'),
        table('task_types', 'administration'),
        folder('registry'),
        table('migrants', 'registry'),
      ]),
    ).toEqual({
      administration: true,
      organisations: true,
      task_types: true,
      registry: false,
      migrants: false,
    });
  });

  it('keeps a folder that still holds a collection the user works with (the reveal log)', () => {
    expect(
      hiddenOf([
        folder('administration'),
        table('organisations', 'administration'),
        table('reveal_log', 'administration'),
      ]).administration,
    ).toBe(false);
  });
});
