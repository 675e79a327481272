/**
 * The location's item page: how many beds are occupied and free now (for those who may count the migrants there),
 * its inspections, and "start inspection" for an inspector. An alias field (`locations.inspections`): it stores
 * nothing itself.
 */
import { defineInterface } from '@directus/extensions-sdk';
// The extension build compiles .vue files with the Vue plugin; tsc has no declarations for them in this project.
// @ts-ignore
import InterfaceComponent from './interface.vue';

export default defineInterface({
  id: 'location-overview',
  name: 'Location overview',
  description: 'Occupancy and inspections of a housing location; start an inspection.',
  icon: 'fact_check',
  component: InterfaceComponent,
  types: ['alias'],
  localTypes: ['presentation'],
  group: 'presentation',
  options: null,
});
