/**
 * The input of a group appointment (POST /brp/appointments/schedule), checked before anything is read or written:
 * a bounded list of migrant ids, a desk, a start within a sane window, a whole number of minutes per slot.
 * Plain module: no Directus import.
 */
import { parseTimestamp } from '../dates';
import { isWellFormedText } from '../validation-shape';
import { MAX_STRING_LENGTH } from '../validation-rules';

/** At most this many migrants in one group (one transaction). */
export const MAX_GROUP_SIZE = 100;
/** Minutes per slot: from 5 minutes to a working day. */
export const SLOT_MINUTES = Object.freeze({ min: 5, max: 480, default: 15 });
/** A reason is free text, stored with each status change. */
export const MAX_REASON_LENGTH = 1000;
/** Appointments start between these years (a typo such as 20250 or 0025 is refused). */
export const SCHEDULE_YEARS = Object.freeze({ min: 2000, max: 2100 });

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type GroupScheduleField =
  'body' | 'migrants' | 'desk' | 'starts_at' | 'slot_minutes' | 'group_reference' | 'reason';

export type GroupScheduleProblem =
  | { field: GroupScheduleField; code: 'required' }
  | {
      field: GroupScheduleField;
      code: 'not_a_list' | 'not_ids' | 'not_text' | 'malformed_text' | 'not_a_time' | 'not_integer';
    }
  | { field: GroupScheduleField; code: 'too_many' | 'too_long'; max: number }
  | { field: GroupScheduleField; code: 'out_of_range'; min: number; max: number };

export interface GroupScheduleRequest {
  migrants: string[];
  desk: string;
  startsAt: Date;
  slotMinutes: number;
  groupReference: string | null;
  reason: string | null;
}

export type GroupScheduleParse =
  { ok: true; value: GroupScheduleRequest } | { ok: false; problem: GroupScheduleProblem };

const fail = (problem: GroupScheduleProblem): GroupScheduleParse => ({ ok: false, problem });

type TextOutcome = { ok: true; value: string | null } | { ok: false; problem: GroupScheduleProblem };

function optionalText(field: GroupScheduleField, raw: unknown, max: number, required: boolean): TextOutcome {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
    return required ? { ok: false, problem: { field, code: 'required' } } : { ok: true, value: null };
  }
  if (typeof raw !== 'string') return { ok: false, problem: { field, code: 'not_text' } };
  if (!isWellFormedText(raw)) return { ok: false, problem: { field, code: 'malformed_text' } };
  const text = raw.trim();
  return text.length > max ? { ok: false, problem: { field, code: 'too_long', max } } : { ok: true, value: text };
}

/** Checks and normalises the request body of a group appointment; the first problem found is returned. */
export function parseGroupSchedule(body: unknown): GroupScheduleParse {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return fail({ field: 'body', code: 'required' });
  const input = body as Record<string, unknown>;

  const rawMigrants = input['migrants'];
  if (rawMigrants === undefined || rawMigrants === null) return fail({ field: 'migrants', code: 'required' });
  if (!Array.isArray(rawMigrants)) return fail({ field: 'migrants', code: 'not_a_list' });
  if (rawMigrants.length === 0) return fail({ field: 'migrants', code: 'required' });
  if (rawMigrants.length > MAX_GROUP_SIZE) return fail({ field: 'migrants', code: 'too_many', max: MAX_GROUP_SIZE });
  if (!rawMigrants.every((id): id is string => typeof id === 'string' && UUID_PATTERN.test(id)))
    return fail({ field: 'migrants', code: 'not_ids' });
  const migrants = [...new Set(rawMigrants.map((id) => id.toLowerCase()))];

  const desk = optionalText('desk', input['desk'], MAX_STRING_LENGTH, true);
  if (!desk.ok) return desk;

  const rawStart = input['starts_at'];
  if (rawStart === undefined || rawStart === null || rawStart === '')
    return fail({ field: 'starts_at', code: 'required' });
  const startMs = typeof rawStart === 'string' ? parseTimestamp(rawStart.trim()) : null;
  if (startMs === null) return fail({ field: 'starts_at', code: 'not_a_time' });
  const year = new Date(startMs).getUTCFullYear();
  if (year < SCHEDULE_YEARS.min || year > SCHEDULE_YEARS.max) {
    return fail({ field: 'starts_at', code: 'out_of_range', min: SCHEDULE_YEARS.min, max: SCHEDULE_YEARS.max });
  }

  const rawMinutes = input['slot_minutes'];
  let slotMinutes: number = SLOT_MINUTES.default;
  if (rawMinutes !== undefined && rawMinutes !== null) {
    const value =
      typeof rawMinutes === 'number'
        ? rawMinutes
        : typeof rawMinutes === 'string' && /^\s*\d{1,6}\s*$/.test(rawMinutes)
          ? Number(rawMinutes)
          : Number.NaN;
    if (!Number.isSafeInteger(value)) return fail({ field: 'slot_minutes', code: 'not_integer' });
    if (value < SLOT_MINUTES.min || value > SLOT_MINUTES.max)
      return fail({ field: 'slot_minutes', code: 'out_of_range', min: SLOT_MINUTES.min, max: SLOT_MINUTES.max });
    slotMinutes = value;
  }

  const groupReference = optionalText('group_reference', input['group_reference'], MAX_STRING_LENGTH, false);
  if (!groupReference.ok) return groupReference;
  const reason = optionalText('reason', input['reason'], MAX_REASON_LENGTH, false);
  if (!reason.ok) return reason;

  return {
    ok: true,
    value: {
      migrants,
      desk: desk.value!,
      startsAt: new Date(startMs),
      slotMinutes,
      groupReference: groupReference.value,
      reason: reason.value,
    },
  };
}

/** The problem as one sentence in Dutch or English; names the field, never echoes the value. */
export function groupScheduleMessage(problem: GroupScheduleProblem, lang: 'nl' | 'en'): string {
  const nl = lang === 'nl';
  const f = `"${problem.field}"`;
  switch (problem.code) {
    case 'required':
      return problem.field === 'body'
        ? nl
          ? 'Stuur een JSON-object met migrants, desk en starts_at.'
          : 'Send a JSON object with migrants, desk and starts_at.'
        : nl
          ? `Vul ${f} in voor deze stap.`
          : `Fill in ${f} for this step.`;
    case 'not_a_list':
      return nl ? `${f} moet een lijst met ids zijn.` : `${f} must be a list of ids.`;
    case 'not_ids':
      return nl
        ? `${f} mag alleen ids (uuid) van arbeidsmigranten bevatten.`
        : `${f} may only hold ids (uuid) of labour migrants.`;
    case 'not_text':
      return nl ? `${f} moet tekst zijn.` : `${f} must be text.`;
    case 'malformed_text':
      return nl
        ? `${f} bevat ongeldige tekens: gebruik gewone tekst.`
        : `${f} contains invalid characters: use plain text.`;
    case 'not_a_time':
      return nl
        ? `${f} is geen geldig tijdstip: gebruik datum en tijd, zoals 2025-03-31T09:30.`
        : `${f} is not a valid date and time: use a date and time such as 2025-03-31T09:30.`;
    case 'not_integer':
      return nl ? `${f} moet een geheel aantal minuten zijn.` : `${f} must be a whole number of minutes.`;
    case 'too_many':
      return nl
        ? `${f}: plan hoogstens ${problem.max} arbeidsmigranten tegelijk in.`
        : `${f}: schedule at most ${problem.max} labour migrants at a time.`;
    case 'too_long':
      return nl
        ? `${f} is te lang: gebruik hoogstens ${problem.max} tekens.`
        : `${f} is too long: use at most ${problem.max} characters.`;
    case 'out_of_range':
      return nl
        ? `${f} moet tussen ${problem.min} en ${problem.max} liggen.`
        : `${f} must be between ${problem.min} and ${problem.max}.`;
  }
}
