/**
 * Inspection findings (issue 12): an inspector records an inspection with its checklist (`inspections` with its
 * `findings`, one per item of ../../domain/supervision/inspections.ts: met or not, with a note); the provider of the
 * location answers the findings that are not met (`answer`, the one field it may write); a re-inspection that finds
 * an item met closes the earlier open findings of that item at the same location. The rules are the domain's; this is
 * the glue, run from the supervision hook's filters (after Directus's own access check, in the write's transaction)
 * and actions (the stamps of who answered and when, after the commit).
 */
import type { Accountability } from '@directus/types';
import type { Knex } from 'knex';
import {
  answerProblem,
  checklistProblems,
  findingsClosedBy,
  findingState,
  remedyDeadline,
  type ChecklistItem,
  type ChecklistResult,
  type OpenFinding,
} from '../../domain/supervision';
import { INSPECTION_OUTCOMES, type InspectionOutcome } from '../../domain/vocabulary';
import type { ValidationIssue } from '../../domain/validation-issues';
import { refuseIssues, type WriteContext } from '../records/write-checks';
import { systemItems, type DataAccess, type Row } from '../items';
import { dateOnly } from '../retention/facts';

const isTrue = (value: unknown): boolean => value === true || value === 1 || value === '1' || value === 'true';

/** The new findings of an inspection's nested `findings` (an array, or Directus's `{ create, update, delete }`). */
export function newFindingsOf(value: unknown): Row[] | null {
  if (value === undefined || value === null) return null;
  const list = Array.isArray(value)
    ? value
    : typeof value === 'object' && Array.isArray((value as Row)['create'])
      ? ((value as Row)['create'] as unknown[])
      : [];
  return list.filter((entry): entry is Row => entry !== null && typeof entry === 'object' && !('id' in entry));
}

/**
 * A new inspection, before it is written: its checklist, when given with it, answers every item exactly once (a
 * 400 at `findings` otherwise); when something is to be remedied and no deadline is given, the domain's deadline
 * (the inspector may write `remedy_deadline`, so the filter may fill it in).
 */
export async function prepareInspection(payload: Row, context: WriteContext): Promise<Row> {
  const findings = newFindingsOf(payload['findings']);
  if (findings !== null && findings.length > 0 && context.accountability && !context.accountability.admin) {
    const results = findings.map((row) => ({ item: String(row['item']) as ChecklistItem, met: isTrue(row['met']) }));
    const problems = checklistProblems(results);
    if (problems.length > 0)
      await refuseIssues(
        'inspections',
        [{ field: 'findings', code: problems.includes('duplicate_item') ? 'duplicate_item' : 'incomplete_checklist' }],
        context,
      );
  }
  const outcome = payload['outcome'];
  const inspectedOn = typeof payload['inspected_on'] === 'string' ? dateOnly(payload['inspected_on']) : null;
  if (
    !('remedy_deadline' in payload) &&
    typeof outcome === 'string' &&
    (INSPECTION_OUTCOMES as readonly string[]).includes(outcome) &&
    inspectedOn !== null
  ) {
    const deadline = remedyDeadline(outcome as InspectionOutcome, inspectedOn);
    if (deadline !== null) return { ...payload, remedy_deadline: deadline };
  }
  return payload;
}

/**
 * A new finding, before it is written (in the inspection's transaction): one per item and inspection (a 400 at
 * `item` otherwise); when the item is met, the open findings of that item from earlier inspections of the same
 * location are closed by this inspection.
 */
export async function recordFinding(payload: Row, context: WriteContext, access: DataAccess): Promise<Row> {
  const inspectionId = payload['inspection'];
  const item = payload['item'];
  if (typeof inspectionId !== 'string' || typeof item !== 'string') return payload;
  const knex: Knex = context.database;
  const twice = await knex('inspection_findings').where({ inspection: inspectionId, item }).first('id');
  if (twice) await refuseIssues('inspection_findings', [{ field: 'item', code: 'duplicate_item' }], context);
  if (!isTrue(payload['met'])) return payload;
  const inspection = (await knex('inspections').where('id', inspectionId).first('location', 'inspected_on')) as
    Row | undefined;
  const location = inspection?.['location'];
  const inspectedOn = dateOnly(inspection?.['inspected_on']);
  if (typeof location !== 'string' || inspectedOn === null) return payload;
  const rows = (await knex('inspection_findings as f')
    .join('inspections as i', 'i.id', 'f.inspection')
    .where('i.location', location)
    .where('f.item', item)
    .whereNull('f.closed_by')
    .select('f.id', 'f.item', 'f.met', 'f.inspection', 'i.inspected_on')) as Row[];
  const open: OpenFinding[] = rows.flatMap((row) => {
    const on = dateOnly(row['inspected_on']);
    return on === null || isTrue(row['met'])
      ? []
      : [
          {
            id: String(row['id']),
            item: row['item'] as ChecklistItem,
            inspection: String(row['inspection']),
            inspectedOn: on,
          },
        ];
  });
  const results: ChecklistResult[] = [{ item: item as ChecklistItem, met: true }];
  const closing = findingsClosedBy(open, { inspection: inspectionId, inspectedOn, results });
  if (closing.length > 0)
    await systemItems({ ...access, knex }, 'inspection_findings').updateMany(
      closing,
      { closed_by: inspectionId, closed_on: inspectedOn },
      { emitEvents: false },
    );
  return payload;
}

/** A provider's answer, before it is written: a text, to findings still open (a 400 at `answer` otherwise). */
export async function checkAnswer(
  keys: readonly (string | number)[],
  payload: Row,
  context: WriteContext,
): Promise<Row> {
  if (!('answer' in payload)) return payload;
  const rows = (await context
    .database('inspection_findings')
    .whereIn('id', [...keys])
    .select('met', 'answer', 'closed_by')) as Row[];
  const issues: ValidationIssue[] = [];
  for (const row of rows) {
    const state = findingState({
      met: isTrue(row['met']),
      answer: typeof row['answer'] === 'string' ? row['answer'] : null,
      closedBy: row['closed_by'] === null || row['closed_by'] === undefined ? null : String(row['closed_by']),
    });
    const problem = answerProblem(state, payload['answer']);
    if (problem !== null) {
      issues.push({ field: 'answer', code: problem });
      break;
    }
  }
  if (rows.length === 0 && answerProblem('open', payload['answer']) !== null)
    issues.push({ field: 'answer', code: 'answer_required' });
  if (issues.length > 0) await refuseIssues('inspection_findings', issues, context);
  return { ...payload, answer: String(payload['answer']).trim() };
}

/** After a committed answer: who answered and when. */
export async function stampAnswer(
  access: DataAccess,
  keys: readonly (string | number)[],
  accountability: Accountability | null,
  now: Date = new Date(),
): Promise<void> {
  if (keys.length === 0) return;
  await systemItems(access, 'inspection_findings').updateMany(
    keys.map(String),
    { answered_at: now.toISOString(), answered_by: accountability?.user ?? null },
    { emitEvents: false },
  );
}
