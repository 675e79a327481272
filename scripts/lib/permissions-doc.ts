/**
 * The readable access matrix: renders schema/permissions.json (with schema/policies.json and schema/roles.json)
 * as Markdown, role × collection × action with the row rule, the fields, the validation and the presets.
 * Deterministic: the output depends only on the content of the files, not on the order of their entries.
 * `npm run permissions:doc` writes it to docs/permissions.md; test/repo/permissions-doc.test.ts checks it.
 */

export type PermissionAction = 'create' | 'read' | 'update' | 'delete' | 'share';

export interface PermissionEntry {
  policy: string;
  collection: string;
  action: string;
  fields: readonly string[] | null;
  permissions: unknown;
  validation: unknown;
  presets: unknown;
}

export interface PolicyEntry {
  id: string;
  name: string;
  description?: string | null;
  admin_access?: boolean;
  app_access?: boolean;
  roles?: readonly string[] | null;
}

export interface RoleEntry {
  id: string;
  name: string;
  description?: string | null;
}

export interface AccessConfig {
  permissions: readonly PermissionEntry[];
  policies: readonly PolicyEntry[];
  roles: readonly RoleEntry[];
}

export const PERMISSIONS_DOC_COMMAND = 'npm run permissions:doc';

const ACTION_ORDER: readonly string[] = ['create', 'read', 'update', 'delete', 'share'];
const ACTION_LETTER: Readonly<Record<string, string>> = {
  create: 'C',
  read: 'R',
  update: 'U',
  delete: 'D',
  share: 'S',
};
const PUBLIC_LABEL = '$t:public_label';

/** A column of the matrix: a role with the policies attached to it, or a policy attached to no role. */
interface Actor {
  title: string;
  description: string;
  policies: readonly PolicyEntry[];
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function actionRank(action: string): number {
  const rank = ACTION_ORDER.indexOf(action);
  return rank === -1 ? ACTION_ORDER.length : rank;
}

function compareEntries(a: PermissionEntry, b: PermissionEntry): number {
  return (
    byString(a.collection, b.collection) ||
    actionRank(a.action) - actionRank(b.action) ||
    byString(a.action, b.action) ||
    byString(a.policy, b.policy)
  );
}

/** JSON with object keys sorted, on one line: the same rule always prints the same way. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => byString(a, b));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${stableJson(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function isEmptyRule(value: unknown): boolean {
  return (
    value === null || value === undefined || (typeof value === 'object' && Object.keys(value as object).length === 0)
  );
}

/** Text safe in a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function code(text: string): string {
  return `\`${cell(text)}\``;
}

function policyTitle(policy: PolicyEntry): string {
  return policy.name === PUBLIC_LABEL ? 'Public (anonymous)' : policy.name;
}

function actors(config: AccessConfig): Actor[] {
  const roles = [...config.roles].sort((a, b) => byString(a.id, b.id));
  const policies = [...config.policies].sort((a, b) => byString(a.id, b.id));
  const withRoles: Actor[] = roles.map((role) => ({
    title: role.name,
    description: role.description ?? '',
    policies: policies.filter((policy) => (policy.roles ?? []).includes(role.id)),
  }));
  const roleIds = new Set(roles.map((role) => role.id));
  const unattached: Actor[] = policies
    .filter((policy) => !(policy.roles ?? []).some((id) => roleIds.has(id)))
    .map((policy) => ({ title: policyTitle(policy), description: policy.description ?? '', policies: [policy] }));
  return [...withRoles, ...unattached];
}

function entriesOf(actor: Actor, permissions: readonly PermissionEntry[]): PermissionEntry[] {
  const ids = new Set(actor.policies.map((policy) => policy.id));
  return permissions.filter((entry) => ids.has(entry.policy)).sort(compareEntries);
}

function fieldsText(fields: readonly string[] | null): string {
  if (fields === null || fields.length === 0) return '—';
  if (fields.includes('*')) return 'all';
  return [...fields].sort(byString).map(code).join(', ');
}

function ruleText(value: unknown, none: string): string {
  return isEmptyRule(value) ? none : code(stableJson(value));
}

/** The matrix cell: the actions' letters, a `*` after those limited to some rows. */
function matrixCell(entries: readonly PermissionEntry[]): string {
  if (entries.length === 0) return '—';
  return entries
    .map((entry) => `${ACTION_LETTER[entry.action] ?? entry.action}${isEmptyRule(entry.permissions) ? '' : '*'}`)
    .join(' ');
}

export function renderPermissionsDoc(config: AccessConfig): string {
  const columns = actors(config);
  const permissions = [...config.permissions].sort(compareEntries);
  const collections = [...new Set(permissions.map((entry) => entry.collection))].sort(byString);
  const lines: string[] = [];
  const add = (...more: string[]): void => {
    lines.push(...more);
  };

  add(
    '# Access matrix',
    '',
    `<!-- Generated from schema/permissions.json, schema/policies.json and schema/roles.json. Do not edit: run \`${PERMISSIONS_DOC_COMMAND}\`. -->`,
    '',
    'Who may do what through the Directus API and admin app: each role (through its policies) × collection × action,',
    'with the rule that limits the rows, the fields, the validation of the payload and the values preset on create.',
    'Apart from the minimal rights Directus gives every user with app access (such as reading their own user), whatever',
    'is not listed is refused. The administrator role has admin access and is not limited by these rules.',
    'The extension adds its own rules on top of these (for example: personal data is revealed by rule, the BRP',
    'status changes only through its events); they are not in this table.',
    '',
    '## Overview',
    '',
    'C create, R read, U update, D delete; `*` = only the rows its rule allows.',
    '',
    `| collection | ${columns.map((actor) => cell(actor.title)).join(' | ')} |`,
    `|---|${columns.map(() => '---').join('|')}|`,
  );
  for (const collection of collections) {
    const cells = columns.map((actor) =>
      matrixCell(entriesOf(actor, permissions).filter((entry) => entry.collection === collection)),
    );
    add(`| ${code(collection)} | ${cells.join(' | ')} |`);
  }
  add('');

  for (const actor of columns) {
    add(`## ${actor.title}`, '');
    if (actor.description) add(actor.description, '');
    const policyNames = actor.policies.map(
      (policy) =>
        `${policyTitle(policy)}${policy.admin_access ? ' (admin access)' : ''}${policy.app_access ? ' (app access)' : ''}`,
    );
    add(`Policies: ${policyNames.length > 0 ? policyNames.join(', ') : 'none'}.`, '');
    const entries = entriesOf(actor, permissions);
    if (entries.length === 0) {
      add('No permissions: every request is refused.', '');
      continue;
    }
    add('| collection | action | rows | fields | validation | presets |', '|---|---|---|---|---|---|');
    for (const entry of entries) {
      add(
        `| ${code(entry.collection)} | ${entry.action} | ${ruleText(entry.permissions, 'all')} | ${fieldsText(entry.fields)} | ${ruleText(entry.validation, '—')} | ${ruleText(entry.presets, '—')} |`,
      );
    }
    add('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
