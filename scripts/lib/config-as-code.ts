/**
 * Config as code: the schema snapshot (snapshots/), roles, policies, permissions, presets, dashboards, settings
 * and translations (schema/), and flows with their operations (flows/) are files in the repo. `applyConfig`
 * makes a running Directus match them (idempotent, fixed ids); `pullConfig` writes a running instance back.
 *
 * What is pruned: permissions of the policies in the files, operations of the flows in the files, access links
 * of those policies and bookmarks of those roles (the files are the whole truth for them). Roles, policies,
 * dashboards, flows and translations that exist only in the database are left alone and reported.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { call, type DirectusClient, type Json, type JsonObject } from './directus-client.js';

export const PUBLIC_POLICY_ID = 'abf8a154-5b1c-4a46-ac9c-7300570f4f17';
/** The clerk's policy in schema/policies.json: with the administrator's, the one production requires TFA for. */
export const CLERK_POLICY_ID = '20000000-0000-4000-8000-000000000001';

export interface ApplyOptions {
  /**
   * Two-factor sign-in (Directus's TOTP, the policies' `enforce_tfa`) required for the administrator and the clerk:
   * on when ENFORCE_TFA=true, which production sets (docker-compose.yml) and development and the tests do not. The
   * files keep `enforce_tfa: false`, the development value; the setting decides, so a pull writes false back.
   */
  enforceTfa: boolean;
}

export function applyOptionsFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): ApplyOptions {
  return { enforceTfa: env['ENFORCE_TFA'] === 'true' };
}

/** The policies as applied: the clerk's `enforce_tfa` follows the setting. */
export function policiesWithTfa<T extends JsonObject>(policies: readonly T[], enforceTfa: boolean): T[] {
  return policies.map((policy) => (policy['id'] === CLERK_POLICY_ID ? { ...policy, enforce_tfa: enforceTfa } : policy));
}

export const CONFIG_FILES = {
  snapshot: 'snapshots/snapshot.json',
  settings: 'schema/settings.json',
  roles: 'schema/roles.json',
  policies: 'schema/policies.json',
  permissions: 'schema/permissions.json',
  presets: 'schema/presets.json',
  dashboards: 'schema/dashboards.json',
  translations: 'schema/translations.json',
  flows: 'flows/flows.json',
} as const;

type Client = { request: DirectusClient['request'] };
type Log = (line: string) => void;

interface PolicyFile extends JsonObject {
  id: string;
  roles: string[];
}
interface PermissionFile extends JsonObject {
  policy: string;
  collection: string;
  action: string;
}

function readJson<T>(root: string, file: string): T {
  return JSON.parse(readFileSync(join(root, file), 'utf8')) as T;
}

/** Object keys in a fixed order, so a pull after a small change in the app gives a small git diff. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, inner]) => [key, sortedKeys(inner)]),
    );
  }
  return value;
}

function writeJson(root: string, file: string, value: unknown): void {
  const path = join(root, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(sortedKeys(value), null, 2)}\n`);
}

async function list(client: Client, path: string, query = 'limit=-1'): Promise<JsonObject[]> {
  const separator = path.includes('?') ? '&' : '?';
  return call<JsonObject[]>(client, 'GET', `${path}${separator}${query}`);
}

/** Canonical JSON for comparing stored and desired values regardless of key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function differs(desired: JsonObject, stored: JsonObject): boolean {
  return Object.keys(desired).some((key) => canonical(desired[key]) !== canonical(stored[key]));
}

function without(object: JsonObject, keys: string[]): JsonObject {
  return Object.fromEntries(Object.entries(object).filter(([key]) => !keys.includes(key)));
}

/** Creates or updates items of a system collection by their fixed id. */
async function upsertById(client: Client, path: string, desired: JsonObject[], log: Log, label: string): Promise<void> {
  const stored = new Map((await list(client, path)).map((item) => [String(item['id']), item]));
  for (const item of desired) {
    const existing = stored.get(String(item['id']));
    if (!existing) {
      await call(client, 'POST', path, item);
      log(`  + ${label} ${String(item['name'] ?? item['id'])}`);
    } else if (differs(without(item, ['id']), existing)) {
      await call(client, 'PATCH', `${path}/${String(item['id'])}`, without(item, ['id']));
      log(`  ~ ${label} ${String(item['name'] ?? item['id'])}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------- schema

const VENDOR_SPECIFIC_COLUMN_PROPERTIES = [
  'data_type',
  'max_length',
  'numeric_precision',
  'numeric_scale',
  'default_value',
];

/**
 * The snapshot in the repo is taken from SQLite. On another vendor (PostgreSQL) the same field has other
 * column data types; those differences are not changes, so they are taken from the running instance.
 */
function portableSnapshot(snapshot: JsonObject, current: JsonObject): JsonObject {
  if (snapshot['vendor'] === current['vendor']) return snapshot;
  const currentFields = new Map(
    ((current['fields'] as JsonObject[]) ?? []).map((field) => [`${field['collection']}.${field['field']}`, field]),
  );
  const fields = withUuidForeignKeys(
    (snapshot['fields'] as JsonObject[]) ?? [],
    (snapshot['relations'] as JsonObject[]) ?? [],
  ).map((field) => {
    const existing = currentFields.get(`${field['collection']}.${field['field']}`);
    if (!existing || existing['type'] !== field['type'] || !field['schema'] || !existing['schema']) return field;
    const schema = { ...(field['schema'] as JsonObject) };
    const existingSchema = existing['schema'] as JsonObject;
    for (const property of VENDOR_SPECIFIC_COLUMN_PROPERTIES) {
      if (property === 'default_value' && String(schema[property]) !== String(existingSchema[property])) {
        // booleans are 1/0 in SQLite and true/false in PostgreSQL: the same default, spelt differently
        const same =
          ['true', '1'].includes(String(schema[property])) === ['true', '1'].includes(String(existingSchema[property]));
        if (!same || !['true', '1', 'false', '0'].includes(String(schema[property]))) continue;
      }
      schema[property] = existingSchema[property] ?? null;
    }
    return { ...field, schema };
  });
  const currentRelations = new Map(
    ((current['relations'] as JsonObject[]) ?? []).map((relation) => [
      `${relation['collection']}.${relation['field']}`,
      relation,
    ]),
  );
  const relations = ((snapshot['relations'] as JsonObject[]) ?? []).map((relation) => {
    const existing = currentRelations.get(`${relation['collection']}.${relation['field']}`);
    if (!existing?.['schema'] || !relation['schema']) return relation;
    return {
      ...relation,
      schema: {
        ...(relation['schema'] as JsonObject),
        constraint_name: (existing['schema'] as JsonObject)['constraint_name'] ?? null,
      },
    };
  });
  return { ...snapshot, vendor: current['vendor'] ?? null, fields, relations };
}

/**
 * SQLite reports a foreign key to a uuid primary key as type `string` (char(36)); PostgreSQL needs the column to
 * be `uuid` for the constraint. Such fields become `uuid` on a vendor with a native uuid type.
 */
function withUuidForeignKeys(fields: JsonObject[], relations: JsonObject[]): JsonObject[] {
  const uuidKeyed = new Set(['directus_users', 'directus_files', 'directus_roles', 'directus_folders']);
  for (const field of fields) {
    if ((field['schema'] as JsonObject | null)?.['is_primary_key'] === true && field['type'] === 'uuid')
      uuidKeyed.add(String(field['collection']));
  }
  const foreignKeys = new Set(
    relations
      .filter((relation) => uuidKeyed.has(String(relation['related_collection'])))
      .map((relation) => `${relation['collection']}.${relation['field']}`),
  );
  return fields.map((field) => {
    if (field['type'] !== 'string' || !foreignKeys.has(`${field['collection']}.${field['field']}`)) return field;
    const schema = field['schema'] as JsonObject | null;
    return { ...field, type: 'uuid', schema: schema ? { ...schema, data_type: 'uuid', max_length: null } : schema };
  });
}

export async function schemaDifference(client: Client, root: string): Promise<JsonObject | null> {
  const snapshot = readJson<JsonObject>(root, CONFIG_FILES.snapshot);
  const current = await call<JsonObject>(client, 'GET', '/schema/snapshot');
  const target = portableSnapshot({ ...snapshot, directus: current['directus'] ?? null }, current);
  const diff = await call<JsonObject | undefined>(client, 'POST', '/schema/diff?force=true', target);
  return diff && Object.keys(diff).length > 0 ? diff : null;
}

async function applySchema(client: Client, root: string, log: Log): Promise<void> {
  const diff = await schemaDifference(client, root);
  if (!diff) {
    log('schema: up to date');
    return;
  }
  await call(client, 'POST', '/schema/apply', diff);
  log('schema: applied snapshot');
}

// ---------------------------------------------------------------------------------------------- access

async function applyAccess(client: Client, root: string, log: Log, options: ApplyOptions): Promise<void> {
  await upsertById(client, '/roles', readJson<JsonObject[]>(root, CONFIG_FILES.roles), log, 'role');

  const policies = policiesWithTfa(readJson<PolicyFile[]>(root, CONFIG_FILES.policies), options.enforceTfa);
  await upsertById(
    client,
    '/policies',
    policies.map((policy) => without(policy, ['roles'])),
    log,
    'policy',
  );

  const accessRows = await list(client, '/access');
  for (const policy of policies) {
    const linked = accessRows.filter((row) => row['policy'] === policy.id && row['role'] !== null);
    for (const role of policy.roles) {
      if (!linked.some((row) => row['role'] === role)) {
        await call(client, 'POST', '/access', { policy: policy.id, role });
        log(`  + access ${policy['name']} → role ${role}`);
      }
    }
    for (const row of linked) {
      if (!policy.roles.includes(String(row['role']))) {
        await call(client, 'DELETE', `/access/${String(row['id'])}`);
        log(`  - access ${policy['name']} → role ${String(row['role'])}`);
      }
    }
  }

  const permissionKey = (p: JsonObject) => `${p['policy']}|${p['collection']}|${p['action']}`;
  const desired = readJson<PermissionFile[]>(root, CONFIG_FILES.permissions);
  const managedPolicies = new Set(policies.map((policy) => policy.id));
  const stored = (await list(client, '/permissions')).filter((p) => managedPolicies.has(String(p['policy'])));
  const storedByKey = new Map(stored.map((p) => [permissionKey(p), p]));
  const desiredKeys = new Set(desired.map(permissionKey));
  const defaults: JsonObject = { permissions: null, validation: null, presets: null, fields: null };
  const toCreate: JsonObject[] = [];
  for (const permission of desired) {
    const full = { ...defaults, ...permission };
    const existing = storedByKey.get(permissionKey(permission));
    if (!existing) toCreate.push(full);
    else if (differs(full, existing)) await call(client, 'PATCH', `/permissions/${String(existing['id'])}`, full);
  }
  if (toCreate.length > 0) await call(client, 'POST', '/permissions', toCreate);
  const toDelete = stored.filter((p) => !desiredKeys.has(permissionKey(p))).map((p) => p['id']);
  if (toDelete.length > 0) await call(client, 'DELETE', '/permissions', toDelete);
  if (toCreate.length + toDelete.length > 0) log(`permissions: +${toCreate.length} -${toDelete.length}`);

  // the administrator's policy is Directus's own (not in the files): only its enforce_tfa follows the setting
  const adminPolicies = await list(
    client,
    '/policies',
    'limit=-1&fields=id,name,enforce_tfa&filter[admin_access][_eq]=true',
  );
  for (const policy of adminPolicies) {
    if (policy['enforce_tfa'] === options.enforceTfa) continue;
    await call(client, 'PATCH', `/policies/${String(policy['id'])}`, { enforce_tfa: options.enforceTfa });
    log(`  ~ policy ${String(policy['name'])}: enforce_tfa ${String(options.enforceTfa)}`);
  }
}

// ---------------------------------------------------------------------------------------------- presets, translations, settings

const presetKey = (p: JsonObject) => `${p['role'] ?? ''}|${p['collection']}|${p['bookmark']}`;

/**
 * The files hold the bookmarks of everyone and of the managed roles, and the default views of a collection (no
 * bookmark: what a role sees when it opens the collection, until a user changes it) of a managed role and of everyone
 * (no role: the administrator's, and any role's without its own).
 */
function isManagedPreset(preset: JsonObject, managedRoles: ReadonlySet<unknown>): boolean {
  if (preset['role'] === null || preset['role'] === undefined) return true;
  return managedRoles.has(preset['role']);
}

async function applyPresets(client: Client, root: string, log: Log): Promise<void> {
  const desired = readJson<JsonObject[]>(root, CONFIG_FILES.presets);
  const managedRoles = new Set(readJson<JsonObject[]>(root, CONFIG_FILES.roles).map((role) => role['id']));
  const stored = (await list(client, '/presets', 'limit=-1&filter[user][_null]=true')).filter((preset) =>
    isManagedPreset(preset, managedRoles),
  );
  const storedByKey = new Map(stored.map((preset) => [presetKey(preset), preset]));
  for (const preset of desired) {
    const existing = storedByKey.get(presetKey(preset));
    if (!existing) await call(client, 'POST', '/presets', { user: null, ...preset });
    else if (differs(preset, existing)) await call(client, 'PATCH', `/presets/${String(existing['id'])}`, preset);
  }
  const desiredKeys = new Set(desired.map(presetKey));
  for (const preset of stored.filter((p) => !desiredKeys.has(presetKey(p)))) {
    await call(client, 'DELETE', `/presets/${String(preset['id'])}`);
  }
}

const translationKey = (t: JsonObject) => `${t['language']}|${t['key']}`;

async function applyTranslations(client: Client, root: string, log: Log): Promise<void> {
  const desired = readJson<JsonObject[]>(root, CONFIG_FILES.translations);
  const stored = new Map((await list(client, '/translations')).map((t) => [translationKey(t), t]));
  const toCreate = desired.filter((t) => !stored.has(translationKey(t)));
  for (const translation of desired) {
    const existing = stored.get(translationKey(translation));
    if (existing && existing['value'] !== translation['value']) {
      await call(client, 'PATCH', `/translations/${String(existing['id'])}`, { value: translation['value'] });
    }
  }
  if (toCreate.length > 0) {
    await call(client, 'POST', '/translations', toCreate);
    log(`translations: +${toCreate.length}`);
  }
}

async function applySettings(client: Client, root: string): Promise<void> {
  const desired = readJson<JsonObject>(root, CONFIG_FILES.settings);
  const stored = await call<JsonObject>(client, 'GET', '/settings');
  if (differs(desired, stored)) await call(client, 'PATCH', '/settings', desired);
  // Directus asks an administrator for a project owner on every load until one is set: the administrator who
  // applies the configuration (ADMIN_EMAIL), unless someone set another already. No telemetry: a plain PATCH.
  if (typeof stored['project_owner'] !== 'string' || stored['project_owner'] === '') {
    const me = await call<JsonObject>(client, 'GET', '/users/me?fields=email');
    if (typeof me['email'] === 'string' && me['email'] !== '')
      await call(client, 'PATCH', '/settings', { project_owner: me['email'] });
  }
}

// ---------------------------------------------------------------------------------------------- dashboards, flows

async function applyDashboards(client: Client, root: string, log: Log): Promise<void> {
  const dashboards = readJson<Array<JsonObject & { panels: JsonObject[] }>>(root, CONFIG_FILES.dashboards);
  await upsertById(
    client,
    '/dashboards',
    dashboards.map((d) => without(d, ['panels'])),
    log,
    'dashboard',
  );
  const panels = dashboards.flatMap((d) =>
    d.panels.map((panel): JsonObject => ({ ...panel, dashboard: d['id'] ?? null })),
  );
  await upsertById(client, '/panels', panels, log, 'panel');
  const wanted = new Set(panels.map((panel) => panel['id']));
  const managed = new Set(dashboards.map((d) => d['id']));
  const stale = (await list(client, '/panels')).filter((p) => managed.has(p['dashboard']) && !wanted.has(p['id']));
  if (stale.length > 0)
    await call(
      client,
      'DELETE',
      '/panels',
      stale.map((p) => p['id']),
    );
}

async function applyFlows(client: Client, root: string, log: Log): Promise<void> {
  const flows = readJson<Array<JsonObject & { operations: JsonObject[] }>>(root, CONFIG_FILES.flows);
  // Operations point at each other and a flow at its first operation: rows first, links after, each only when
  // it differs from what is stored (so a second apply sends nothing).
  await upsertById(
    client,
    '/flows',
    flows.map((f) => without(f, ['operations', 'operation'])),
    log,
    'flow',
  );
  const operations = flows.flatMap((f) => f.operations.map((op): JsonObject => ({ ...op, flow: f['id'] ?? null })));
  const managedFlows = new Set(flows.map((f) => f['id']));
  const wanted = new Set(operations.map((op) => op['id']));
  const stale = (await list(client, '/operations')).filter(
    (op) => managedFlows.has(op['flow']) && !wanted.has(op['id']),
  );
  if (stale.length > 0) {
    const staleIds = stale.map((op) => op['id']);
    await call(client, 'PATCH', '/flows', { keys: flows.map((f) => f['id']), data: { operation: null } });
    await call(client, 'PATCH', '/operations', { keys: staleIds, data: { resolve: null, reject: null } });
    await call(client, 'DELETE', '/operations', staleIds);
    log(`  - ${stale.length} operation(s)`);
  }
  await upsertById(
    client,
    '/operations',
    operations.map((op) => without(op, ['resolve', 'reject'])),
    log,
    'operation',
  );

  const storedOperations = new Map((await list(client, '/operations')).map((op) => [op['id'], op]));
  for (const op of operations) {
    const links = { resolve: op['resolve'] ?? null, reject: op['reject'] ?? null };
    if (differs(links, storedOperations.get(op['id']) ?? {}))
      await call(client, 'PATCH', `/operations/${String(op['id'])}`, links);
  }
  const storedFlows = new Map((await list(client, '/flows')).map((flow) => [flow['id'], flow]));
  for (const flow of flows) {
    const link = { operation: flow['operation'] ?? null };
    if (differs(link, storedFlows.get(flow['id']) ?? {}))
      await call(client, 'PATCH', `/flows/${String(flow['id'])}`, link);
  }
}

export async function applyConfig(
  client: Client,
  root: string,
  log: Log = console.log,
  options: ApplyOptions = applyOptionsFromEnv(),
): Promise<void> {
  await applySchema(client, root, log);
  await applySettings(client, root);
  await applyAccess(client, root, log, options);
  await applyPresets(client, root, log);
  await applyTranslations(client, root, log);
  await applyDashboards(client, root, log);
  await applyFlows(client, root, log);
}

// ---------------------------------------------------------------------------------------------- pull

const VOLATILE = ['user_created', 'date_created', 'user_updated', 'date_updated'];
const byId = (a: JsonObject, b: JsonObject) => String(a['id']).localeCompare(String(b['id']));
const byKey = (key: (item: JsonObject) => string) => (a: JsonObject, b: JsonObject) => key(a).localeCompare(key(b));

export async function pullConfig(client: Client, root: string, log: Log = console.log): Promise<void> {
  writeJson(root, CONFIG_FILES.snapshot, await call(client, 'GET', '/schema/snapshot'));

  const settingsKeys = Object.keys(readJson<JsonObject>(root, CONFIG_FILES.settings));
  const settings = await call<JsonObject>(client, 'GET', '/settings');
  writeJson(root, CONFIG_FILES.settings, Object.fromEntries(settingsKeys.map((key) => [key, settings[key] ?? null])));

  const allPolicies = await list(client, '/policies');
  const adminPolicies = new Set(allPolicies.filter((p) => p['admin_access'] === true).map((p) => p['id']));
  const access = await list(client, '/access');
  const adminRoles = new Set(access.filter((a) => adminPolicies.has(a['policy']) && a['role']).map((a) => a['role']));
  const roles = (await list(client, '/roles', 'limit=-1&fields=id,name,icon,description,parent'))
    .filter((role) => !adminRoles.has(role['id']))
    .sort(byId);
  writeJson(root, CONFIG_FILES.roles, roles);

  const policyFields = 'id,name,icon,description,ip_access,enforce_tfa,admin_access,app_access';
  const policies = (await list(client, '/policies', `limit=-1&fields=${policyFields}`))
    .filter((policy) => !adminPolicies.has(policy['id']))
    .sort(byId)
    .map((policy): JsonObject => ({
      ...policy,
      roles: access
        .filter((a) => a['policy'] === policy['id'] && a['role'])
        .map((a) => String(a['role']))
        .sort(),
    }));
  // the clerk's enforce_tfa is the ENFORCE_TFA setting's, not the file's (ApplyOptions): the file keeps false
  writeJson(root, CONFIG_FILES.policies, policiesWithTfa(policies, false));

  const managedPolicies = new Set(policies.map((p) => p['id']));
  const permissions = (await list(client, '/permissions'))
    .filter((p) => managedPolicies.has(p['policy']))
    .map((p) => without(p, ['id']))
    .sort(byKey((p) => `${p['policy']}|${p['collection']}|${p['action']}`));
  writeJson(root, CONFIG_FILES.permissions, permissions);

  const managedRoles = new Set(roles.map((role) => role['id']));
  const presets = (await list(client, '/presets', 'limit=-1&filter[user][_null]=true'))
    .filter((preset) => isManagedPreset(preset, managedRoles))
    .map((preset) => without(preset, ['id', 'user']))
    .sort(byKey(presetKey));
  writeJson(root, CONFIG_FILES.presets, presets);

  const translations = (await list(client, '/translations'))
    .map((t) => ({ language: t['language'] ?? null, key: t['key'] ?? null, value: t['value'] ?? null }))
    .sort(byKey((t) => `${t['key']}|${t['language']}`));
  writeJson(root, CONFIG_FILES.translations, translations);

  const panels = await list(client, '/panels');
  const dashboards = (await list(client, '/dashboards')).sort(byId).map((dashboard) => ({
    ...without(dashboard, [...VOLATILE, 'panels']),
    panels: panels
      .filter((panel) => panel['dashboard'] === dashboard['id'])
      .map((panel) => without(panel, [...VOLATILE, 'dashboard']))
      .sort(byId),
  }));
  writeJson(root, CONFIG_FILES.dashboards, dashboards);

  const operations = await list(client, '/operations');
  const flows = (await list(client, '/flows')).sort(byId).map((flow) => ({
    ...without(flow, [...VOLATILE, 'operations']),
    operations: operations
      .filter((op) => op['flow'] === flow['id'])
      .map((op) => without(op, [...VOLATILE, 'flow']))
      .sort(byId),
  }));
  writeJson(root, CONFIG_FILES.flows, flows);
  log(
    `pulled: ${roles.length} roles, ${policies.length} policies, ${permissions.length} permissions, ${presets.length} bookmarks, ${translations.length} translations, ${dashboards.length} dashboards, ${flows.length} flows`,
  );
}

export function configFilesPresent(root: string): boolean {
  return Object.values(CONFIG_FILES).every((file) => existsSync(join(root, file)));
}
export type { Json };
