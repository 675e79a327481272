/**
 * "Insight: housing map": every housing location of the policy officer's municipality on PDOK's BRT
 * achtergrondkaart (GET /insights/map; tiles through GET /insights/tiles), with its capacity and its occupancy as
 * the occupancy figure publishes it, and the same locations as a list beside the map, so the panel is useful
 * without tiles and without colour.
 */
import { definePanel } from '@directus/extensions-sdk';
// The extension build compiles .vue files with the Vue plugin; tsc has no declarations for them in this project.
// @ts-ignore
import PanelComponent from './panel.vue';

export default definePanel({
  id: 'insight-map',
  name: 'Inzicht: kaart / Insight: map',
  description: 'Housing locations with capacity and protected occupancy on the PDOK background map.',
  icon: 'map',
  component: PanelComponent,
  options: [],
  minWidth: 20,
  minHeight: 14,
});
