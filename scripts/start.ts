/**
 * `npm start`: the platform with demo data at http://localhost:8055 (SQLite by default). Idempotent: the first
 * run creates the database, generates development secrets into .env, applies the schema and config from the
 * repo and seeds demo data; later runs apply config changes and keep the data. Honours Directus's standard
 * environment variables (PORT, DB_CLIENT, DB_FILENAME, DB_HOST, ...). SEED_DEMO_DATA=false skips the demo data.
 */
import { DEMO_LOGINS } from './lib/demo-logins.js';
import { demoInvitation } from './lib/consent-seed.js';
import { loggedInClient } from './lib/directus-client.js';
import {
  bootstrapDatabase,
  buildExtensionsIfNeeded,
  platformEnvironment,
  preparePlatform,
  startBrpMockIfUnconfigured,
  startDirectus,
} from './lib/platform.js';
import { projectRoot, requireNode22 } from './lib/project.js';

requireNode22();
const log = (line: string) => console.log(line);
const platform = platformEnvironment(projectRoot, process.env, { developmentConsentSecrets: true });
if (platform.createdDotenv)
  log(
    'Generated local development secrets into .env (SECRET, admin login, field encryption key ring, consent signing certificate). Keep it out of git.',
  );
if (platform.addedToDotenv?.length) log(`Added development secrets to .env (${platform.addedToDotenv.join(', ')}).`);
buildExtensionsIfNeeded(projectRoot, log);
log(`Preparing the database (${platform.env['DB_CLIENT']})…`);
bootstrapDatabase(projectRoot, platform.env);
const brpMock = await startBrpMockIfUnconfigured(platform);
if (brpMock)
  log(
    `BRP: no BRP_API_URL set, so a local Haal Centraal BRP mock answers at ${brpMock.url} (BRP_MOCK=false for none).`,
  );
const directus = await startDirectus(projectRoot, platform);
try {
  const { seeded } = await preparePlatform(projectRoot, platform, log, {
    seed: platform.env['SEED_DEMO_DATA'] !== 'false',
  });
  if (seeded) log('Demo data loaded.');
} catch (error) {
  console.error(error);
  await directus.stop();
  process.exit(1);
}

const publicUrl = platform.env['PUBLIC_URL'];
log('');
log(`Platform Arbeidsmigranten is running at ${publicUrl} (admin app: ${publicUrl}/admin)`);
log(`Demo logins (password: ${platform.env['DEMO_PASSWORD'] || 'demo-password'}):`);
for (const login of DEMO_LOGINS) log(`  ${login.email.padEnd(26)} ${login.description}`);
if (platform.env['SEED_DEMO_DATA'] !== 'false') {
  try {
    const provider = await loggedInClient(
      platform.url,
      'provider-a@example.org',
      platform.env['DEMO_PASSWORD'] || 'demo-password',
    );
    const demo = await demoInvitation(provider, platform.url);
    if (demo)
      log(
        `Try the migrant's consent page: ${demo.link}\n  (${demo.firstName}, date of birth ${demo.dateOfBirth}; invitation mails are written to data/mail/)`,
      );
  } catch {
    // the demo users' passwords were changed: no demo link
  }
}
log('Stop with Ctrl+C.');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void directus
      .stop()
      .then(() => brpMock?.close())
      .then(() => process.exit(0));
  });
}
directus.process.on('exit', (code) => process.exit(code ?? 0));
