import { defineOperationApp } from '@directus/extensions-sdk';

export default defineOperationApp({
  id: 'erase-expired',
  name: '$t:operations.erase_expired.name',
  icon: 'delete_sweep',
  description: '$t:operations.erase_expired.description',
  overview: ({ dry_run }: { dry_run?: boolean }) => [
    { label: 'Proefdraai / Dry run', text: dry_run ? 'ja / yes' : 'nee / no' },
  ],
  options: [
    {
      field: 'dry_run',
      name: '$t:operations.erase_expired.dry_run',
      type: 'boolean',
      meta: { width: 'full', interface: 'boolean' },
      schema: { default_value: false },
    },
  ],
});
