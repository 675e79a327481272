import { defineOperationApp } from '@directus/extensions-sdk';
import { BRP_EVENT_TYPES } from '../../domain/brp/machine';
import { EVENT_LABELS } from '../../domain/brp/workflow-messages';

export default defineOperationApp({
  id: 'brp-event',
  name: 'BRP status event',
  icon: 'published_with_changes',
  description: 'Send an event to a migrant’s BRP status (same rules as POST /brp/migrants/:id/events).',
  overview: ({ event, migrant }: { event?: string; migrant?: string }) => [
    { label: 'Event', text: event ?? '' },
    { label: 'Migrant', text: migrant ?? '' },
  ],
  options: [
    {
      field: 'migrant',
      name: 'Migrant (id)',
      type: 'string',
      meta: { width: 'full', interface: 'input', required: true, options: { placeholder: '{{$trigger.keys[0]}}' } },
    },
    {
      field: 'event',
      name: 'Event',
      type: 'string',
      meta: {
        width: 'half',
        interface: 'select-dropdown',
        required: true,
        options: {
          choices: BRP_EVENT_TYPES.map((type) => ({
            value: type,
            text: `${EVENT_LABELS[type].en} / ${EVENT_LABELS[type].nl}`,
          })),
        },
      },
    },
    {
      field: 'outcome',
      name: 'Outcome (ASSESS only)',
      type: 'string',
      meta: {
        width: 'half',
        interface: 'select-dropdown',
        options: {
          allowNone: true,
          choices: [
            { value: 'registered', text: 'Registered' },
            { value: 'not_registered', text: 'Not registered' },
          ],
        },
      },
    },
    { field: 'reason', name: 'Reason', type: 'string', meta: { width: 'full', interface: 'input' } },
  ],
});
