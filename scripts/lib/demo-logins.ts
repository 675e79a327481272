/** The demo logins printed by `npm start` and used by the tests: the letter is the organisation. */
export const DEMO_LOGINS = [
  { email: 'admin@example.org', key: 'admin', description: 'administrator' },
  { email: 'clerk-a@example.org', key: 'clerkA', description: 'clerk, gemeente A (Hollands Kroon)' },
  { email: 'clerk-b@example.org', key: 'clerkB', description: 'clerk, gemeente B (Schagen)' },
  { email: 'provider-a@example.org', key: 'providerA', description: 'provider A (huisvester)' },
  { email: 'provider-b@example.org', key: 'providerB', description: 'provider B (huisvester)' },
  { email: 'inspector-a@example.org', key: 'inspectorA', description: 'inspector, gemeente A' },
  { email: 'policy-a@example.org', key: 'policyA', description: 'policy officer, gemeente A' },
  {
    email: 'beheer-a@example.org',
    key: 'municipalityAdminA',
    description: 'municipality administrator, gemeente A (reveal log)',
  },
] as const;
export type DemoLoginKey = (typeof DEMO_LOGINS)[number]['key'];
