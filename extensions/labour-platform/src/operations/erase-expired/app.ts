import { defineOperationApp } from '@directus/extensions-sdk';

export default defineOperationApp({
  id: 'erase-expired',
  name: 'Verlopen persoonsgegevens wissen / Erase expired personal data',
  icon: 'delete_sweep',
  description:
    'Wist de persoonsgegevens van arbeidsmigranten voorbij hun bewaartermijn (eerst de sleutel, dan de rijen) en schrijft het vernietigingslog. / Erases the personal data of labour migrants past their retention date (the key first, then the rows) and writes the destruction log.',
  overview: ({ dry_run }: { dry_run?: boolean }) => [
    { label: 'Proefdraai / Dry run', text: dry_run ? 'ja / yes' : 'nee / no' },
  ],
  options: [
    {
      field: 'dry_run',
      name: 'Proefdraai: alleen tonen wat zou verdwijnen / Dry run: only list what would go',
      type: 'boolean',
      meta: { width: 'full', interface: 'boolean' },
      schema: { default_value: false },
    },
  ],
});
