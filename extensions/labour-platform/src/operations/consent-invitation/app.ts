import { defineOperationApp } from '@directus/extensions-sdk';

export default defineOperationApp({
  id: 'consent-invitation',
  name: '$t:operations.consent_invitation.name',
  icon: 'forward_to_inbox',
  description: '$t:operations.consent_invitation.description',
  overview: ({ action }: { action?: string }) => [{ label: 'Action', text: action ?? '' }],
  options: [
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
