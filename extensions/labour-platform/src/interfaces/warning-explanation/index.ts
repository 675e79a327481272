/**
 * A warning's explanation on its own page, read-only, in the reader's language: the same sentence as the list's
 * display (../../displays/warning-explanation), never the stored figures as JSON.
 */
import { defineInterface } from '@directus/extensions-sdk';
// The extension build compiles .vue files with the Vue plugin; tsc has no declarations for them in this project.
// @ts-ignore
import InterfaceComponent from './interface.vue';

export default defineInterface({
  id: 'warning-explanation',
  name: 'Warning explanation',
  description: "A supervision warning's figures as one sentence in the user's language (read-only).",
  icon: 'warning',
  component: InterfaceComponent,
  types: ['json'],
  options: null,
});
