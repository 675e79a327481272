/**
 * `npm run consent:verify`: checks every consent record in the platform's database (table consent_records):
 * each record's detached CMS signature, that it is stored as canonical JSON, and that each migrant's chain of
 * records is complete and in order. Prints one line per chain and one per problem; exits 1 when anything is
 * wrong. Uses the database `npm start` uses (DB_CLIENT, DB_FILENAME or DB_HOST/DB_PORT/DB_DATABASE/DB_USER/
 * DB_PASSWORD, from the environment or .env). The trusted signing certificate comes from `--cert <file>` or
 * CONSENT_SIGNING_CERT, or is fetched from the platform with `--cert-url <PUBLIC_URL>/consent/certificate.pem`;
 * `--fingerprint <SHA-256>` pins it. Without one, a forgery re-signed with another key would pass, so it warns.
 */
import { runConsentVerify } from './lib/consent-database.js';
import { projectRoot, requireNode22 } from './lib/project.js';

requireNode22();
process.exitCode = await runConsentVerify({
  root: projectRoot,
  processEnv: process.env,
  argv: process.argv.slice(2),
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
