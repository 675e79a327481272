/**
 * `npm run config:apply`: makes a running Directus match the config files in the repo.
 * DIRECTUS_URL (default http://127.0.0.1:$PORT), ADMIN_EMAIL and ADMIN_PASSWORD (default: from .env).
 */
import { applyConfig } from './lib/config-as-code.js';
import { adminClientFromEnvironment } from './lib/admin-from-env.js';
import { projectRoot, requireNode22 } from './lib/project.js';

requireNode22();
await applyConfig(await adminClientFromEnvironment(), projectRoot);
console.log('Config applied.');
