import { defineOperationApp } from '@directus/extensions-sdk';

export default defineOperationApp({
  id: 'consent-invitation',
  name: 'Consent invitation',
  icon: 'forward_to_inbox',
  description:
    'Resend (a new link, by the e-mail flow) or withdraw (the link stops working) consent invitations. Administrators only.',
  overview: ({ action }: { action?: string }) => [{ label: 'Action', text: action ?? '' }],
  options: [
    {
      field: 'action',
      name: 'Action',
      type: 'string',
      meta: {
        width: 'half',
        interface: 'select-dropdown',
        required: true,
        options: {
          choices: [
            { value: 'resend', text: 'Resend / Opnieuw versturen' },
            { value: 'withdraw', text: 'Withdraw / Intrekken' },
          ],
        },
      },
    },
    {
      field: 'consents',
      name: 'Consent requests (ids)',
      type: 'string',
      meta: { width: 'full', interface: 'input', required: true, options: { placeholder: '{{$trigger.body.keys}}' } },
    },
  ],
});
