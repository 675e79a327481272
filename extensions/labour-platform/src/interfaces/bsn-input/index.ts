/**
 * The BSN field of the migrant form: Directus's own text input (the value stays the plain string the privacy hook
 * encrypts), and once a valid BSN is typed and the field is left, the warning of POST /privacy/duplicates under it
 * (the caller's own visible migrants with this BSN, by case number, in the user's language).
 */
import { defineInterface } from '@directus/extensions-sdk';
// The extension build compiles .vue files with the Vue plugin; tsc has no declarations for them in this project.
// @ts-ignore
import InterfaceComponent from './interface.vue';

export default defineInterface({
  id: 'bsn-input',
  name: 'BSN',
  description: 'A text input for a BSN that warns about the same BSN among your own migrants.',
  icon: 'badge',
  component: InterfaceComponent,
  types: ['text', 'string'],
  group: 'standard',
  options: null,
});
