/**
 * How urgent an open task is, as one number to sort an inbox by (ascending): overdue first, then by priority (high,
 * normal, low); the due date breaks ties. The priority is stored as text, which sorts alphabetically, and "overdue"
 * depends on today, so the platform keeps this rank beside the task (tasks.urgency) and refreshes it when a task is
 * written and every hour. Plain module: no Directus import.
 */
import { TASK_PRIORITIES, type TaskPriority } from '../vocabulary';

/** The ranks, most urgent first. A task without a known priority counts as normal. */
export const URGENCY = Object.freeze({ overdue: 0, high: 1, normal: 2, low: 3 });

export interface UrgencyFacts {
  priority: string | null;
  /** `YYYY-MM-DD`, or null when the task has no due date. */
  dueDate: string | null;
}

/** The urgency rank of an open task on `today` (`YYYY-MM-DD`): due before today is overdue. */
export function taskUrgency({ priority, dueDate }: UrgencyFacts, today: string): number {
  if (dueDate !== null && dueDate < today) return URGENCY.overdue;
  return (TASK_PRIORITIES as readonly string[]).includes(priority ?? '')
    ? URGENCY[priority as TaskPriority]
    : URGENCY.normal;
}
