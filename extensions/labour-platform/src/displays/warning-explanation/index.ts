/**
 * A warning's explanation in the reader's language, from the figures the platform stored with it (its `details`,
 * which carry the warning's type): "12 residents; the norm for living space per person allows 8 (4 too many)".
 * Never raw JSON in front of a person.
 */
import { defineDisplay } from '@directus/extensions-sdk';
// The extension build compiles .vue files with the Vue plugin; tsc has no declarations for them in this project.
// @ts-ignore
import DisplayComponent from './display.vue';

export default defineDisplay({
  id: 'warning-explanation',
  name: 'Warning explanation',
  description: "A supervision warning's figures as one sentence in the user's language.",
  icon: 'warning',
  component: DisplayComponent,
  types: ['json'],
  options: null,
});
