/**
 * `npm run permissions:doc`: renders the access matrix of schema/permissions.json (with schema/policies.json and
 * schema/roles.json) into docs/permissions.md. With `-- --check` it changes nothing and exits 1 when
 * docs/permissions.md is not the rendered one.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PERMISSIONS_DOC_COMMAND, renderPermissionsDoc, type AccessConfig } from './lib/permissions-doc.js';
import { projectRoot } from './lib/project.js';

export const PERMISSIONS_DOC_PATH = join(projectRoot, 'docs', 'permissions.md');

export function readAccessConfig(root: string = projectRoot): AccessConfig {
  const read = (name: string): unknown => JSON.parse(readFileSync(join(root, 'schema', name), 'utf8'));
  return {
    permissions: read('permissions.json') as AccessConfig['permissions'],
    policies: read('policies.json') as AccessConfig['policies'],
    roles: read('roles.json') as AccessConfig['roles'],
  };
}

const rendered = renderPermissionsDoc(readAccessConfig());
if (process.argv.slice(2).includes('--check')) {
  const current = existsSync(PERMISSIONS_DOC_PATH) ? readFileSync(PERMISSIONS_DOC_PATH, 'utf8') : null;
  if (current !== rendered) {
    console.error(
      `docs/permissions.md is out of date with schema/permissions.json. Run \`${PERMISSIONS_DOC_COMMAND}\` and commit docs/permissions.md.`,
    );
    process.exit(1);
  }
  console.log('docs/permissions.md is up to date.');
} else {
  writeFileSync(PERMISSIONS_DOC_PATH, rendered);
  console.log('Wrote docs/permissions.md.');
}
