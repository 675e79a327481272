import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { taskUrgency, URGENCY } from '../../extensions/labour-platform/src/domain/brp/urgency';
import { TASK_PRIORITIES } from '../../extensions/labour-platform/src/domain/vocabulary';

const TODAY = '2026-03-10';

describe('task urgency', () => {
  it('ranks overdue before high, normal and low, and a task due today is not overdue', () => {
    expect(taskUrgency({ priority: 'low', dueDate: '2026-03-09' }, TODAY)).toBe(URGENCY.overdue);
    expect(taskUrgency({ priority: 'low', dueDate: TODAY }, TODAY)).toBe(URGENCY.low);
    expect(taskUrgency({ priority: 'high', dueDate: '2026-04-01' }, TODAY)).toBe(URGENCY.high);
    expect(taskUrgency({ priority: 'normal', dueDate: null }, TODAY)).toBe(URGENCY.normal);
  });

  it('counts an unknown or missing priority as normal', () => {
    expect(taskUrgency({ priority: null, dueDate: null }, TODAY)).toBe(URGENCY.normal);
    expect(taskUrgency({ priority: 'overdue', dueDate: null }, TODAY)).toBe(URGENCY.normal);
    expect(taskUrgency({ priority: 'toString', dueDate: null }, TODAY)).toBe(URGENCY.normal);
  });

  it('sorted by (urgency, due date): overdue first, then priority, then due date', () => {
    const day = fc
      .integer({ min: -30, max: 30 })
      .map((offset) => new Date(Date.UTC(2026, 2, 10 + offset)).toISOString().slice(0, 10));
    const task = fc.record({ priority: fc.constantFrom(...TASK_PRIORITIES), dueDate: day });
    const rank = { high: 0, normal: 1, low: 2 } as const;
    fc.assert(
      fc.property(fc.array(task, { maxLength: 30 }), (tasks) => {
        const sorted = tasks
          .map((t) => ({ ...t, urgency: taskUrgency(t, TODAY) }))
          .sort((a, b) => a.urgency - b.urgency || a.dueDate.localeCompare(b.dueDate));
        for (let i = 1; i < sorted.length; i++) {
          const [before, after] = [sorted[i - 1]!, sorted[i]!];
          const overdue = (t: { dueDate: string }) => t.dueDate < TODAY;
          if (overdue(after)) expect(overdue(before)).toBe(true);
          if (!overdue(before) && !overdue(after)) {
            expect(rank[before.priority]).toBeLessThanOrEqual(rank[after.priority]);
            if (before.priority === after.priority) expect(before.dueDate <= after.dueDate).toBe(true);
          }
          if (overdue(before) && overdue(after)) expect(before.dueDate <= after.dueDate).toBe(true);
        }
      }),
    );
  });
});
