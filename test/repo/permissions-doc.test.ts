/**
 * docs/permissions.md is the access matrix schema/permissions.json (+ policies, roles) gives: `npm run
 * permissions:doc` writes it, and it shows every permission of every policy.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  renderPermissionsDoc,
  stableJson,
  type AccessConfig,
  type PermissionEntry,
} from '../../scripts/lib/permissions-doc';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const read = (name: string): unknown => JSON.parse(readFileSync(join(root, 'schema', name), 'utf8'));
const config: AccessConfig = {
  permissions: read('permissions.json') as AccessConfig['permissions'],
  policies: read('policies.json') as AccessConfig['policies'],
  roles: read('roles.json') as AccessConfig['roles'],
};
const doc = renderPermissionsDoc(config);

describe('docs/permissions.md', () => {
  it('is exactly renderPermissionsDoc(schema) — run `npm run permissions:doc` and commit docs/permissions.md when this fails', () => {
    const committed = readFileSync(join(root, 'docs', 'permissions.md'), 'utf8');
    expect(committed, 'docs/permissions.md is out of date: run `npm run permissions:doc`').toBe(doc);
  });

  it('`npm run permissions:doc -- --check` agrees', () => {
    const result = spawnSync(
      join(root, 'node_modules', '.bin', 'tsx'),
      [join(root, 'scripts', 'permissions-doc.ts'), '--check'],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('lists every permission with its row rule', () => {
    expect(config.permissions.length).toBeGreaterThan(0);
    for (const entry of config.permissions) {
      const rows = entry.permissions === null ? 'all' : `\`${stableJson(entry.permissions).replace(/\|/g, '\\|')}\``;
      expect(doc, `${entry.policy} ${entry.collection} ${entry.action}`).toContain(
        `| \`${entry.collection}\` | ${entry.action} | ${rows} |`,
      );
    }
  });
});

describe('renderPermissionsDoc', () => {
  const entry = (collection: string, action: string, permissions: unknown = null): PermissionEntry => ({
    policy: 'p1',
    collection,
    action,
    fields: ['b', 'a'],
    permissions,
    validation: null,
    presets: null,
  });
  const small: AccessConfig = {
    roles: [{ id: 'r1', name: 'Clerk', description: 'Works tasks.' }],
    policies: [
      { id: 'p1', name: 'Clerk access', app_access: true, roles: ['r1'] },
      { id: 'p2', name: '$t:public_label', roles: [] },
    ],
    permissions: [
      entry('tasks', 'update', { owner: { _eq: '$CURRENT_USER.organisation' } }),
      entry('locations', 'read'),
      entry('tasks', 'read'),
    ],
  };

  it('does not depend on the order of the entries or of the keys in a rule', () => {
    const shuffled: AccessConfig = {
      roles: small.roles,
      policies: [...small.policies].reverse(),
      permissions: [...small.permissions]
        .reverse()
        .map((permission) => ({ ...permission, fields: permission.fields ? [...permission.fields].reverse() : null })),
    };
    expect(renderPermissionsDoc(shuffled)).toBe(renderPermissionsDoc(small));
    expect(stableJson({ b: 1, a: { d: [2, { f: 3, e: 4 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"e":4,"f":3}]},"b":1}',
    );
  });

  it('marks rule-limited actions in the overview and names the anonymous policy', () => {
    const rendered = renderPermissionsDoc(small);
    expect(rendered).toContain('| collection | Clerk | Public (anonymous) |');
    expect(rendered).toContain('| `locations` | R | — |');
    expect(rendered).toContain('| `tasks` | R U* | — |');
    expect(rendered).toContain(
      '## Public (anonymous)\n\nPolicies: Public (anonymous).\n\nNo permissions: every request is refused.',
    );
  });
});
