/**
 * The platform's scheduled jobs, each registered through Directus's `schedule`: in 11.17.4 that is
 * scheduleSynchronizedJob, whose clock (`SYNCHRONIZATION_STORE=redis`, as docker-compose.yml sets) lets exactly one
 * instance take each tick (the first to move the job's clock in Redis to the next tick; the others see it moved and
 * skip). The jobs are also safe when two runs do meet (a manual run during a tick, SYNCHRONIZATION_STORE=memory): each
 * writes through a compare-and-set, a claim or an advisory lock (README, "Several instances"). Each tick taken is
 * logged at debug level with the job's name and this process, so which instance ran which tick can be read back (the
 * multi-instance test does).
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/** This process, in the tick's log line. */
const PROCESS = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/** The message of a tick's log line; `minute` is the tick's minute (UTC, `YYYY-MM-DDTHH:MM`). */
export function tickMessage(job: string, minute: string): string {
  return `Scheduled job ${job}: tick ${minute} taken by ${PROCESS}`;
}

/** `work` as the handler of a schedule, logging each tick this process takes. */
export function scheduledJob(
  logger: { debug: (message: string) => void },
  job: string,
  work: () => unknown,
): () => Promise<void> {
  return async () => {
    logger.debug(tickMessage(job, new Date().toISOString().slice(0, 16)));
    await work();
  };
}
