/**
 * `npm run config:pull`: writes a running instance's schema snapshot, roles, policies, permissions, bookmarks,
 * dashboards, translations, settings and flows back into snapshots/, schema/ and flows/, for a commit.
 */
import { pullConfig } from './lib/config-as-code.js';
import { adminClientFromEnvironment } from './lib/admin-from-env.js';
import { projectRoot, requireNode22 } from './lib/project.js';

requireNode22();
await pullConfig(await adminClientFromEnvironment(), projectRoot);
console.log('Config written to snapshots/, schema/ and flows/. Review with git diff.');
