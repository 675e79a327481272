/**
 * On a consent text: a published or archived text is read-only (migrants' signatures refer to it), and an
 * administrator starts a "new version" that copies every language into drafts. An alias field
 * (`consent_texts.new_version`): it stores nothing itself.
 */
import { defineInterface } from '@directus/extensions-sdk';
// The extension build compiles .vue files with the Vue plugin; tsc has no declarations for them in this project.
// @ts-ignore
import InterfaceComponent from './interface.vue';

export default defineInterface({
  id: 'consent-text-version',
  name: 'Consent text version',
  description: 'Says that a published consent text is read-only and starts a new version in every language.',
  icon: 'history_edu',
  component: InterfaceComponent,
  types: ['alias'],
  localTypes: ['presentation'],
  group: 'presentation',
  options: null,
});
