/**
 * The migrant's item page: its consent, stays and status history at a glance, the consent letter to print, and the
 * provider's "report departure" (also while the status is still "Geen"). An alias field (`migrants.overview`): it
 * stores nothing itself.
 */
import { defineInterface } from '@directus/extensions-sdk';
// The extension build compiles .vue files with the Vue plugin; tsc has no declarations for them in this project.
// @ts-ignore
import InterfaceComponent from './interface.vue';

export default defineInterface({
  id: 'migrant-overview',
  name: 'Migrant overview',
  description: 'Consent, stays and status history of a labour migrant; print the consent letter; report a departure.',
  icon: 'badge',
  component: InterfaceComponent,
  types: ['alias'],
  localTypes: ['presentation'],
  group: 'presentation',
  options: null,
});
