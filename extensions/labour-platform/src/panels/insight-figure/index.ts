/**
 * "Insight figure": one anonymous figure of the policy officer's municipality (GET /insights/figures/:name, small
 * counts protected on the server) as a chart with its table beside it. The panel reads only that endpoint, never
 * /items; the policy dashboard (schema/dashboards.json) has one per figure.
 */
import { definePanel } from '@directus/extensions-sdk';
// The extension build compiles .vue files with the Vue plugin; tsc has no declarations for them in this project.
// @ts-ignore
import PanelComponent from './panel.vue';
import { FIGURE_NAMES, FIGURES } from '../../domain/insight/figures';

export default definePanel({
  id: 'insight-figure',
  name: 'Inzicht: cijfer / Insight: figure',
  description: 'An anonymous figure (small counts protected) as a chart and a table.',
  icon: 'insights',
  component: PanelComponent,
  options: [
    {
      field: 'figure',
      name: 'Figure',
      type: 'string',
      meta: {
        width: 'full',
        interface: 'select-dropdown',
        options: { choices: FIGURE_NAMES.map((name) => ({ text: FIGURES[name].title.en, value: name })) },
      },
      schema: { default_value: 'present-by-location' },
    },
  ],
  minWidth: 16,
  minHeight: 10,
});
