import { defineOperationApp } from '@directus/extensions-sdk';
import { BRP_EVENT_TYPES } from '../../domain/brp/machine';
import { EVENT_LABELS } from '../../domain/brp/workflow-messages';

export default defineOperationApp({
  id: 'brp-event',
  name: '$t:operations.brp_event.name',
  icon: 'published_with_changes',
  description: '$t:operations.brp_event.description',
  overview: ({ event, migrant }: { event?: string; migrant?: string }) => [
    { label: 'Event', text: event ?? '' },
    { label: 'Migrant', text: migrant ?? '' },
  ],
  options: [
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
            text: `${EVENT_LABELS[type].en} / ${EVENT_LABELS[type].nl}`,
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
