import { defineOperationApp } from '@directus/extensions-sdk';

/**
 * Name and description in both languages: Directus 11.17.4 translates an operation's `name` and `description` only when
 * the app's locale changes (registerExtensions, app/src/extensions.ts), and sets the locale before it loads the
 * platform's translations (setLanguage, app/src/lang/set-language.ts), so a `$t:` key of ours showed as the raw key.
 * The overview and the options (a function) are translated when shown, so they are `$t:` keys: one language per user.
 */
export default defineOperationApp({
  id: 'erase-expired',
  name: 'Verlopen gegevens wissen / Erase expired data',
  icon: 'delete_sweep',
  description: 'Wist persoonsgegevens voorbij hun bewaartermijn / Erases personal data past its retention date',
  overview: ({ dry_run }: { dry_run?: boolean }) => [
    {
      label: '$t:operations.erase_expired.dry_run_label',
      text: dry_run ? '$t:operations.erase_expired.yes' : '$t:operations.erase_expired.no',
    },
  ],
  options: () => [
    {
      field: 'dry_run',
      name: '$t:operations.erase_expired.dry_run',
      type: 'boolean',
      meta: { width: 'full', interface: 'boolean' },
      schema: { default_value: false },
    },
  ],
});
