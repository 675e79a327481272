/**
 * The parent of an item created inside the parent's one-to-many list (a stay's labour migrant), as Directus's own
 * many-to-one dropdown everywhere but there. Directus 11.17.4's one-to-many interface opens the new item's drawer
 * with the relation's foreign key as its "circular field", which the drawer makes read-only rather than hiding
 * (directus/directus#14834): the drawer showed an empty, required "Labour migrant *" picker nobody can fill, while
 * saving the parent links the stay to it. This interface keeps that field out of sight there (read-only and still
 * empty); everywhere else (a stay created on its own, an existing stay) it is the ordinary dropdown.
 */
import { defineInterface } from '@directus/extensions-sdk';
// The extension build compiles .vue files with the Vue plugin; tsc has no declarations for them in this project.
// @ts-ignore
import InterfaceComponent from './interface.vue';

export default defineInterface({
  id: 'parent-m2o',
  name: 'Parent (many-to-one)',
  description: "Directus's many-to-one dropdown, out of sight in a new item created inside the parent's list.",
  icon: 'link',
  component: InterfaceComponent,
  types: ['uuid', 'string', 'text', 'integer', 'bigInteger'],
  localTypes: ['m2o'],
  relational: true,
  group: 'relational',
  options: null,
});
