/**
 * Flow operation "Erase expired personal data": one retention run (../../glue/retention/run). The scheduled flow in
 * flows/flows.json runs it daily; each day's run happens once across instances (the run key of the day), and a run
 * whose process died is completed by the next. A dry run lists what would go and changes nothing.
 */
import { defineOperationApi } from '@directus/extensions-sdk';
import { todayInNetherlands } from '../../domain/dates';
import { retentionSettings } from '../../glue/retention/api';
import { runRetention } from '../../glue/retention/run';

interface Options {
  dry_run?: boolean;
}

export default defineOperationApi<Options>({
  id: 'erase-expired',
  handler: async (options, { database, accountability, logger }) => {
    const today = todayInNetherlands();
    const dryRun = options.dry_run === true;
    const settings = retentionSettings(process.env, (message) => logger.warn(message));
    const result = await runRetention(database, {
      dryRun,
      trigger: 'schedule',
      today,
      actor: accountability?.user ?? null,
      runKey: `schedule:${today}`,
      log: settings.log,
      ...(settings.chunkSize ? { chunkSize: settings.chunkSize } : {}),
    });
    // the flow's log keeps counts and case numbers only (a case number is not personal data), never a person's values
    return {
      run: result.run,
      dry_run: result.dry_run,
      today,
      skipped: result.skipped ?? null,
      due: dryRun ? result.due : result.due.length,
      held: result.held,
      erased: result.erased,
      batches: result.batches,
    };
  },
});
