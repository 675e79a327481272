/**
 * The date of birth with the same date picker as every other date. The column is text (it holds the encrypted
 * value), so Directus's own datetime interface would treat it as text and send a timestamp; this one gives that
 * interface the type `date`, so the picker shows a date and sends YYYY-MM-DD.
 */
import { defineInterface } from '@directus/extensions-sdk';
// The extension build compiles .vue files with the Vue plugin; tsc has no declarations for them in this project.
// @ts-ignore
import InterfaceComponent from './interface.vue';

export default defineInterface({
  id: 'date-of-birth',
  name: 'Date of birth',
  description: 'A date picker for a date kept in a text column (YYYY-MM-DD).',
  icon: 'cake',
  component: InterfaceComponent,
  types: ['text', 'string'],
  group: 'selection',
  options: null,
});
