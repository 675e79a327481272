/**
 * Config as code against the running instance: everything in the repo is applied, applying again changes
 * nothing, and pulling writes back exactly the files in the repo (so an admin's change in the app can be
 * committed with `npm run config:pull`).
 */
import { aggregate, createFlow, createOperation, deleteFlow } from '@directus/sdk';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { applyConfig, CONFIG_FILES, pullConfig, schemaDifference } from '../../scripts/lib/config-as-code.js';
import { preparePlatform } from '../../scripts/lib/platform.js';
import { projectRoot } from '../../scripts/lib/project.js';
import { as, directusUrl } from '../support/as-user.js';

function freshPullTarget(): string {
  const target = mkdtempSync(join(tmpdir(), 'config-pull-'));
  cpSync(join(projectRoot, CONFIG_FILES.settings), join(target, CONFIG_FILES.settings), { recursive: true });
  return target;
}

describe('config as code', () => {
  it('has applied the whole schema snapshot', async () => {
    expect(await schemaDifference(await as('admin'), projectRoot)).toBeNull();
  });

  it('changes nothing when applied a second time', async () => {
    const lines: string[] = [];
    await applyConfig(await as('admin'), projectRoot, (line) => lines.push(line));
    expect(lines).toEqual(['schema: up to date']);
  });

  it('pulls back exactly the files in the repo', async () => {
    const target = freshPullTarget();
    await pullConfig(await as('admin'), target, () => undefined);
    for (const file of Object.values(CONFIG_FILES)) {
      if (file === CONFIG_FILES.snapshot && inject('databaseClient') !== 'sqlite3') continue; // column types are per vendor
      const pulled = JSON.parse(readFileSync(join(target, file), 'utf8')) as unknown;
      const committed = JSON.parse(readFileSync(join(projectRoot, file), 'utf8')) as unknown;
      expect(pulled, file).toEqual(committed);
    }
  });

  it('pulls a flow an administrator built in the app, with its operations', async () => {
    const admin = await as('admin');
    const flow = (await admin.request(
      createFlow({
        name: 'Built in the app',
        trigger: 'manual',
        status: 'active',
        options: { collections: ['migrants'] },
      }),
    )) as { id: string };
    await admin.request(
      createOperation({
        flow: flow.id,
        name: 'Log',
        key: 'log',
        type: 'log',
        position_x: 19,
        position_y: 1,
        options: { message: 'hello' },
      }),
    );
    try {
      const target = freshPullTarget();
      await pullConfig(admin, target, () => undefined);
      const flows = JSON.parse(readFileSync(join(target, CONFIG_FILES.flows), 'utf8')) as Array<{
        id: string;
        name: string;
        operations: Array<{ key: string }>;
      }>;
      const pulled = flows.find((candidate) => candidate.id === flow.id);
      expect(pulled?.name).toBe('Built in the app');
      expect(pulled?.operations.map((operation) => operation.key)).toEqual(['log']);
    } finally {
      await admin.request(deleteFlow(flow.id));
    }
  });

  it('keeps the data on a second start and seeds nothing', async () => {
    const admin = await as('admin');
    const count = async () =>
      Number(
        (
          (await admin.request(aggregate('migrants', { aggregate: { count: '*' } }))) as Array<{
            count: number | string;
          }>
        )[0]!.count,
      );
    const before = await count();
    const platform = {
      env: { ADMIN_EMAIL: 'admin@example.org', ADMIN_PASSWORD: 'demo-password' },
      url: directusUrl(),
      createdDotenv: false,
    };
    const result = await preparePlatform(projectRoot, platform, () => undefined, { seed: true });
    expect(result.seeded).toBe(false);
    expect(await count()).toBe(before);
  });
});
