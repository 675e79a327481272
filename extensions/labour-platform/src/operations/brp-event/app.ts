import { defineOperationApp } from '@directus/extensions-sdk';
import { BRP_EVENT_TYPES } from '../../domain/brp/machine';

/**
 * Name and description in both languages: Directus 11.17.4 translates an operation's `name` and `description` only when
 * the app's locale changes (registerExtensions, app/src/extensions.ts), and sets the locale before it loads the
 * platform's translations (setLanguage, app/src/lang/set-language.ts), so a `$t:` key of ours showed as the raw key.
 * The overview and the options (a function) are translated when shown, so they are `$t:` keys: one language per user.
 */
export default defineOperationApp({
  id: 'brp-event',
  name: 'BRP-statusstap / BRP status event',
  icon: 'published_with_changes',
  description: "Een stap in de BRP-status van een arbeidsmigrant / An event in a migrant's BRP status",
  overview: ({ event, migrant }: { event?: string; migrant?: string }) => [
    { label: '$t:operations.brp_event.event', text: event ?? '' },
    { label: '$t:operations.brp_event.migrant', text: migrant ?? '' },
  ],
  options: () => [
    {
      field: 'migrant',
      name: '$t:operations.brp_event.migrant',
      type: 'string',
      meta: { width: 'full', interface: 'input', required: true, options: { placeholder: '{{$trigger.keys[0]}}' } },
    },
    {
      field: 'event',
      name: '$t:operations.brp_event.event',
      type: 'string',
      meta: {
        width: 'half',
        interface: 'select-dropdown',
        required: true,
        options: {
          choices: BRP_EVENT_TYPES.map((type) => ({
            value: type,
            // the step's own choice label (schema/translations.json), as the status history shows it
            text: `$t:status_history.event.${type}`,
          })),
        },
      },
    },
    {
      field: 'outcome',
      name: '$t:operations.brp_event.outcome',
      type: 'string',
      meta: {
        width: 'half',
        interface: 'select-dropdown',
        options: {
          allowNone: true,
          choices: [
            { value: 'registered', text: '$t:migrants.brp_status.ingeschreven' },
            { value: 'not_registered', text: '$t:migrants.brp_status.niet_ingeschreven' },
          ],
        },
      },
    },
    {
      field: 'reason',
      name: '$t:operations.brp_event.reason',
      type: 'string',
      meta: { width: 'full', interface: 'input' },
    },
  ],
});
