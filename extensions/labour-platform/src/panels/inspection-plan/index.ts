/**
 * "Inspection plan": the inspector's municipality's locations due for an inspection, most pressing first (GET
 * /supervision/inspections/due), each with why it is due as sentences, its last inspection and open warnings, and a
 * link to the location's page, where the inspection is recorded. The panel reads only that endpoint, never /items;
 * the inspector's dashboard "Inspectieplanning" (schema/dashboards.json) shows it.
 */
import { definePanel } from '@directus/extensions-sdk';
// The extension build compiles .vue files with the Vue plugin; tsc has no declarations for them in this project.
// @ts-ignore
import PanelComponent from './panel.vue';

export default definePanel({
  id: 'inspection-plan',
  name: 'Inspectieplanning / Inspection plan',
  description: 'The locations due for an inspection, most pressing first, with why.',
  icon: 'fact_check',
  component: PanelComponent,
  options: [],
  minWidth: 24,
  minHeight: 12,
});
