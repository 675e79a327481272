/**
 * `npm run keys:rotate`: rewraps every migrant's data key to the active master key (FIELD_ENCRYPTION_ACTIVE_KEY),
 * in batches, with a progress bar. Safe while the platform serves reads and writes: each row is rewrapped with a
 * compare-and-set on its wrapped key, and values themselves are never touched (only the small data key is).
 * Resumable: a crash loses at most the batch in flight, and a second run only does the rows still on an old key.
 *
 * Procedure: 1. add the new key to FIELD_ENCRYPTION_KEYS and make it active, on every instance; 2. run this;
 * 3. when it reports no row left on the old key, remove the old key from FIELD_ENCRYPTION_KEYS.
 *
 *   --batch-size N   rows per batch (default 200)
 *   ROTATE_CRASH_AFTER_BATCHES=n   (tests only) exit abruptly after n batches
 */
import knex from 'knex';
import { describeKeyRing, parseKeyRing, planRotation, renderProgress, rewrapDataKey } from '../extensions/labour-platform/src/domain/privacy/index.js';
import { knexConfigFromEnv } from './lib/database.js';
import { platformEnvironment } from './lib/platform.js';
import { projectRoot } from './lib/project.js';

const argv = process.argv.slice(2);
const batchFlag = argv.indexOf('--batch-size');
const batchSize = batchFlag >= 0 ? Number(argv[batchFlag + 1]) : 200;
const crashAfter = Number(process.env['ROTATE_CRASH_AFTER_BATCHES'] ?? 0);

const { env } = platformEnvironment(projectRoot, process.env, { dotenv: process.env['ROTATE_WITHOUT_DOTENV'] !== '1', requireSecret: false });
const ring = parseKeyRing(env);
const database = knex(knexConfigFromEnv(env, 'keys:rotate'));
const out = (line: string) => process.stdout.write(line);

try {
  const rows = (await database('migrants').select('id', 'data_key').whereNotNull('data_key')) as Array<{ id: string; data_key: string }>;
  const plan = planRotation(rows.map((row) => ({ id: row.id, wrapped: row.data_key })), ring);
  out(`Key ring: ${describeKeyRing(ring)}\n`);
  out(`${rows.length} data keys: ${plan.done} already on ${ring.activeKeyId}, ${plan.toRewrap.length} to rewrap${plan.blocked.length ? `, ${plan.blocked.length} unreadable` : ''}\n`);
  const byId = new Map(rows.map((row) => [row.id, row.data_key]));
  let done = 0;
  let changedMeanwhile = 0;
  for (let start = 0, batch = 0; start < plan.toRewrap.length; start += batchSize, batch++) {
    if (crashAfter > 0 && batch >= crashAfter) {
      out('\nROTATE_CRASH_AFTER_BATCHES reached: stopping abruptly (test of resumability)\n');
      process.exit(137);
    }
    const ids = plan.toRewrap.slice(start, start + batchSize);
    await database.transaction(async (trx) => {
      for (const id of ids) {
        const wrapped = byId.get(id)!;
        const rewrapped = rewrapDataKey(ring, wrapped, { collection: 'migrants', id });
        // compare-and-set: a row deleted or changed since it was read is left for the next run
        const updated = await trx('migrants').where({ id, data_key: wrapped }).update({ data_key: rewrapped });
        if (updated !== 1) changedMeanwhile++;
      }
    });
    done += ids.length;
    if (process.stdout.isTTY) out(`\r${renderProgress(done, plan.toRewrap.length)}`);
    else out(`${renderProgress(done, plan.toRewrap.length)}\n`);
  }
  const left = (await database('migrants').select('data_key').whereNotNull('data_key')) as Array<{ data_key: string }>;
  const after = planRotation(left.map((row, index) => ({ id: String(index), wrapped: row.data_key })), ring);
  out(`\n${done} rewrapped${changedMeanwhile ? ` (${changedMeanwhile} changed meanwhile: run again)` : ''}. On the active key: ${after.done} of ${left.length}. By key: ${JSON.stringify(after.byKeyId)}\n`);
  if (after.toRewrap.length === 0 && after.blocked.length === 0) {
    const old = ring.keyIds.filter((id) => id !== ring.activeKeyId && !after.byKeyId[id]);
    if (old.length > 0) out(`No data key uses ${old.join(', ')} any more: it can be removed from FIELD_ENCRYPTION_KEYS.\n`);
  }
  process.exitCode = after.toRewrap.length === 0 && after.blocked.length === 0 ? 0 : 1;
} finally {
  await database.destroy();
}
