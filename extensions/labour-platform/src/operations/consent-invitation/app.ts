import { defineOperationApp } from '@directus/extensions-sdk';

/**
 * Name and description in both languages: Directus 11.17.4 translates an operation's `name` and `description` only when
 * the app's locale changes (registerExtensions, app/src/extensions.ts), and sets the locale before it loads the
 * platform's translations (setLanguage, app/src/lang/set-language.ts), so a `$t:` key of ours showed as the raw key.
 * The overview and the options (a function) are translated when shown, so they are `$t:` keys: one language per user.
 */
export default defineOperationApp({
  id: 'consent-invitation',
  name: 'Machtigingsuitnodiging / Consent invitation',
  icon: 'forward_to_inbox',
  description: 'Uitnodigingen opnieuw versturen of intrekken / Resend or withdraw consent invitations',
  overview: ({ action }: { action?: string }) => [
    { label: '$t:operations.consent_invitation.action', text: action ?? '' },
  ],
  options: () => [
    {
      field: 'action',
      name: '$t:operations.consent_invitation.action',
      type: 'string',
      meta: {
        width: 'half',
        interface: 'select-dropdown',
        required: true,
        options: {
          choices: [
            { value: 'resend', text: '$t:operations.consent_invitation.resend' },
            { value: 'withdraw', text: '$t:operations.consent_invitation.withdraw' },
          ],
        },
      },
    },
    {
      field: 'consents',
      name: '$t:operations.consent_invitation.consents',
      type: 'string',
      meta: { width: 'full', interface: 'input', required: true, options: { placeholder: '{{$trigger.body.keys}}' } },
    },
  ],
});
