/**
 * Boots the real platform once for the integration tests (scripts/lib/ephemeral-platform.ts): the extension
 * built, a fresh database (SQLite, or PostgreSQL with DB_CLIENT=pg), Directus on a free port with the config
 * from the repo and the demo data, exactly as `npm start` prepares it, and the local BRP mock.
 */
import type { TestProject } from 'vitest/node';
import { startEphemeralPlatform, type EphemeralPlatform } from '../../scripts/lib/ephemeral-platform.js';

declare module 'vitest' {
  export interface ProvidedContext {
    directusUrl: string;
    directusLog: string;
    /** The instance's environment, to start more instances on its database (startPlatformInstance). */
    instanceEnv: Record<string, string>;
    databaseClient: string;
    databaseEnv: Record<string, string>;
    referenceDate: string;
    keyRing: Record<string, string>;
    mailDirectory: string;
    consentCertificatePem: string;
  }
}

let platform: EphemeralPlatform | undefined;

export async function setup(project: TestProject): Promise<void> {
  platform = await startEphemeralPlatform({ label: 'directus' });
  console.log(
    `Integration tests: Directus on ${platform.url} with a fresh ${platform.describe}; log in ${platform.logFile}`,
  );
  project.provide('directusUrl', platform.url);
  project.provide('directusLog', platform.logFile);
  project.provide('instanceEnv', platform.instanceEnv);
  project.provide('databaseClient', platform.databaseClient);
  project.provide('databaseEnv', platform.databaseEnv);
  project.provide('referenceDate', platform.referenceDate);
  project.provide('keyRing', platform.keyRing);
  project.provide('mailDirectory', platform.mailDirectory);
  project.provide('consentCertificatePem', platform.consentCertificatePem);
}

export async function teardown(): Promise<void> {
  await platform?.stop();
}
