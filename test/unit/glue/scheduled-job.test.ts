import { describe, expect, it } from 'vitest';
import { scheduledJob, tickMessage } from '../../../extensions/labour-platform/src/glue/scheduled-job.js';

describe('scheduled jobs', () => {
  it('logs each tick taken, with the job, the minute and this process, then does the work', async () => {
    const lines: string[] = [];
    let ran = 0;
    const handler = scheduledJob({ debug: (line) => lines.push(line) }, 'outbox', () => {
      ran++;
    });
    await handler();
    expect(ran).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Scheduled job outbox: tick \d{4}-\d\d-\d\dT\d\d:\d\d taken by \S+:\d+:[0-9a-f]{8}$/);
    expect(tickMessage('warnings', '2026-11-26T15:23')).toContain('warnings: tick 2026-11-26T15:23 taken by ');
  });

  it('passes a failing job’s error on to Directus’s schedule, which logs it', async () => {
    const handler = scheduledJob({ debug: () => undefined }, 'warnings', async () => {
      throw new Error('database gone');
    });
    await expect(handler()).rejects.toThrow('database gone');
  });
});
