/**
 * `npm run keys:rotate`: rewraps every migrant's data key to the active master key (FIELD_ENCRYPTION_ACTIVE_KEY),
 * in the key vault (`data_keys.wrapped`) and in rows from before the vault (`migrants.data_key`),
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
import {
  describeKeyRing,
  parseKeyRing,
  planRotation,
  renderProgress,
  rewrapDataKey,
} from '../extensions/labour-platform/src/domain/privacy/index.js';
import { knexConfigFromEnv } from './lib/database.js';
import { platformEnvironment } from './lib/platform.js';
import { projectRoot } from './lib/project.js';

const argv = process.argv.slice(2);
const batchFlag = argv.indexOf('--batch-size');
const batchSize = batchFlag >= 0 ? Number(argv[batchFlag + 1]) : 200;
const crashAfter = Number(process.env['ROTATE_CRASH_AFTER_BATCHES'] ?? 0);

const { env } = platformEnvironment(projectRoot, process.env, {
  dotenv: process.env['ROTATE_WITHOUT_DOTENV'] !== '1',
  requireSecret: false,
});
const ring = parseKeyRing(env);
const database = knex(knexConfigFromEnv(env, 'keys:rotate'));
const out = (line: string) => process.stdout.write(line);

/** Where wrapped data keys live: the key vault, and the migrant rows from before it. */
const SOURCES = [
  { table: 'data_keys', column: 'wrapped' },
  { table: 'migrants', column: 'data_key' },
] as const;

async function wrappedKeys(): Promise<Array<{ source: (typeof SOURCES)[number]; id: string; wrapped: string }>> {
  const all: Array<{ source: (typeof SOURCES)[number]; id: string; wrapped: string }> = [];
  for (const source of SOURCES) {
    if (!(await database.schema.hasTable(source.table))) continue;
    const rows = (await database(source.table)
      .select('id', `${source.column} as wrapped`)
      .whereNotNull(source.column)) as Array<{ id: string; wrapped: string }>;
    all.push(...rows.map((row) => ({ source, id: row.id, wrapped: row.wrapped })));
  }
  return all;
}

try {
  const rows = await wrappedKeys();
  const plan = planRotation(
    rows.map((row, index) => ({ id: String(index), wrapped: row.wrapped })),
    ring,
  );
  out(`Key ring: ${describeKeyRing(ring)}\n`);
  out(
    `${rows.length} data keys: ${plan.done} already on ${ring.activeKeyId}, ${plan.toRewrap.length} to rewrap${plan.blocked.length ? `, ${plan.blocked.length} unreadable` : ''}\n`,
  );
  let done = 0;
  let changedMeanwhile = 0;
  for (let start = 0, batch = 0; start < plan.toRewrap.length; start += batchSize, batch++) {
    if (crashAfter > 0 && batch >= crashAfter) {
      out('\nROTATE_CRASH_AFTER_BATCHES reached: stopping abruptly (test of resumability)\n');
      process.exit(137);
    }
    const indexes = plan.toRewrap.slice(start, start + batchSize);
    await database.transaction(async (trx) => {
      for (const index of indexes) {
        const { source, id, wrapped } = rows[Number(index)]!;
        // the binding is the migrant's row, wherever the wrapped key is kept
        const rewrapped = rewrapDataKey(ring, wrapped, { collection: 'migrants', id });
        // compare-and-set: a row deleted (erased) or changed since it was read is left for the next run
        const updated = await trx(source.table)
          .where({ id, [source.column]: wrapped })
          .update({ [source.column]: rewrapped });
        if (updated !== 1) changedMeanwhile++;
      }
    });
    done += indexes.length;
    if (process.stdout.isTTY) out(`\r${renderProgress(done, plan.toRewrap.length)}`);
    else out(`${renderProgress(done, plan.toRewrap.length)}\n`);
  }
  const left = await wrappedKeys();
  const after = planRotation(
    left.map((row, index) => ({ id: String(index), wrapped: row.wrapped })),
    ring,
  );
  out(
    `\n${done} rewrapped${changedMeanwhile ? ` (${changedMeanwhile} changed meanwhile: run again)` : ''}. On the active key: ${after.done} of ${left.length}. By key: ${JSON.stringify(after.byKeyId)}\n`,
  );
  if (after.toRewrap.length === 0 && after.blocked.length === 0) {
    const old = ring.keyIds.filter((id) => id !== ring.activeKeyId && !after.byKeyId[id]);
    if (old.length > 0)
      out(`No data key uses ${old.join(', ')} any more: it can be removed from FIELD_ENCRYPTION_KEYS.\n`);
  }
  process.exitCode = after.toRewrap.length === 0 && after.blocked.length === 0 ? 0 : 1;
} finally {
  await database.destroy();
}
