/** The fixed ids of the roles in schema/roles.json (a config test checks they agree). */
export const ROLE_IDS = {
  clerk: '10000000-0000-4000-8000-000000000001',
  provider: '10000000-0000-4000-8000-000000000002',
  inspector: '10000000-0000-4000-8000-000000000003',
  policyOfficer: '10000000-0000-4000-8000-000000000004',
  municipalityAdmin: '10000000-0000-4000-8000-000000000005',
} as const;

/** Where each role lands in the admin app after its first login. */
export const LANDING_PAGES: Readonly<Record<string, string>> = {
  [ROLE_IDS.clerk]: '/content/tasks',
  [ROLE_IDS.provider]: '/content/migrants',
  [ROLE_IDS.inspector]: '/content/locations',
  [ROLE_IDS.policyOfficer]: '/insights',
  [ROLE_IDS.municipalityAdmin]: '/content/reveal_log',
};
