/**
 * "Volgende stap / Next step" on the task form: the migrant as far as the user may see it, its BRP status, the
 * task's claim, and the steps the user may take now (POST /brp/migrants/:id/events), each asking only what it
 * needs. An alias field (`tasks.actions`): it stores nothing itself.
 */
import { defineInterface } from '@directus/extensions-sdk';
// The extension build compiles .vue files with the Vue plugin; tsc has no declarations for them in this project.
// @ts-ignore
import InterfaceComponent from './interface.vue';

export default defineInterface({
  id: 'brp-task-actions',
  name: 'BRP task actions',
  description: 'Work a BRP task: claim it and take the next step of the migrant’s BRP status.',
  icon: 'published_with_changes',
  component: InterfaceComponent,
  types: ['alias'],
  localTypes: ['presentation'],
  group: 'presentation',
  options: null,
});
