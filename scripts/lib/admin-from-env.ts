import { loggedInClient, tokenClient } from './directus-client.js';
import { platformEnvironment } from './platform.js';
import { projectRoot } from './project.js';

/** An administrator client for the instance the environment (and .env) describes. */
export async function adminClientFromEnvironment() {
  const { env, url } = platformEnvironment(projectRoot);
  const target = env['DIRECTUS_URL'] ?? url;
  if (env['DIRECTUS_ADMIN_TOKEN']) return tokenClient(target, env['DIRECTUS_ADMIN_TOKEN']);
  return loggedInClient(target, env['ADMIN_EMAIL']!, env['ADMIN_PASSWORD']!);
}
