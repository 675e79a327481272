/**
 * Taking a step: what the step asks (from the machine's requirements mapped onto the inputs
 * POST /brp/migrants/:id/events takes), the dialog's form, and sending it. Used by the task view and by the
 * migrant's page (its "report departure"), each with its own `StepTarget`.
 */
import { useApi } from '@directus/extensions-sdk';
import { computed, reactive, ref, type ComputedRef, type Ref } from 'vue';
import { describeEventRequirements, type BrpEventType } from '../../../domain/brp/machine';
import type { TaskViewText } from '../texts';
import { apiMessage, todayInBrowser } from '../../shared/api';
import type { Busy } from './use-claim';

export type InputName = 'outcome' | 'desk' | 'starts_at' | 'departure_date' | 'reason';

export interface StepInput {
  name: InputName;
  kind: 'choice' | 'agenda' | 'date' | 'textarea';
  required: boolean;
  choices?: readonly string[];
}

/**
 * ASSESS asks an outcome; SCHEDULE an appointment (desk and start, picked in the desk agenda); REPORT_DEPARTURE its
 * date (the last night: the stay ends on it and the bed is free); every step an optional reason (required for
 * DECLINE_APPOINTMENT). A requirement the endpoint does not take is not asked.
 */
export function stepInputs(event: BrpEventType): StepInput[] {
  const inputs: StepInput[] = [];
  for (const field of describeEventRequirements(event).fields) {
    if (field.name === 'outcome' && field.kind === 'choice') {
      inputs.push({
        name: 'outcome',
        kind: 'choice',
        required: true,
        choices: field.choices ?? ['registered', 'not_registered'],
      });
    } else if (
      (field.name === 'location' || field.name === 'desk' || field.name === 'starts_at') &&
      !inputs.some((input) => input.kind === 'agenda')
    ) {
      inputs.push({ name: 'starts_at', kind: 'agenda', required: true });
    } else if (field.name === 'departure_date') {
      inputs.push({ name: 'departure_date', kind: 'date', required: field.required });
    } else if (field.name === 'reason') {
      inputs.push({ name: 'reason', kind: 'textarea', required: field.required });
    }
  }
  inputs.sort((a, b) => ORDER.indexOf(a.name) - ORDER.indexOf(b.name));
  if (!inputs.some((input) => input.name === 'reason'))
    inputs.push({ name: 'reason', kind: 'textarea', required: false });
  return inputs;
}
const ORDER: InputName[] = ['outcome', 'desk', 'starts_at', 'departure_date', 'reason'];

/** The migrant a step is taken for, and what the page around the dialog does before and after. */
export interface StepTarget {
  migrantId: Readonly<Ref<string | null>>;
  /** The status version the page shows (sent as expected_version: a step on a stale page is refused), if known. */
  statusVersion(): number | null;
  /** After the step: `to` is the migrant's new status. */
  done(to: string): Promise<void> | void;
  /** After a refusal: the status may have moved on (409), so the page shows what is possible now. */
  refused(): void;
}

export function useStepForm(target: StepTarget, text: ComputedRef<TaskViewText>, busy: Ref<Busy>) {
  const api = useApi();
  const dialogOpen = ref(false);
  const activeStep = ref<BrpEventType | null>(null);
  const stepError = ref<string | null>(null);
  const form = reactive<{
    outcome: string | null;
    desk: string | null;
    starts_at: string | null;
    ends_at: string | null;
    departure_date: string | null;
    reason: string | null;
  }>({
    outcome: null,
    desk: null,
    starts_at: null,
    ends_at: null,
    departure_date: null,
    reason: null,
  });
  const activeInputs = computed(() => (activeStep.value ? stepInputs(activeStep.value) : []));

  const canSubmit = computed(() => {
    if (!activeStep.value || busy.value !== null) return false;
    return activeInputs.value.every(
      (input) => !input.required || (typeof form[input.name] === 'string' && form[input.name]!.trim() !== ''),
    );
  });

  function open(event: BrpEventType): void {
    activeStep.value = event;
    stepError.value = null;
    form.outcome = null;
    form.desk = null;
    form.starts_at = null;
    form.ends_at = null;
    form.departure_date = event === 'REPORT_DEPARTURE' ? todayInBrowser() : null;
    form.reason = null;
    dialogOpen.value = true;
  }

  function close(): void {
    if (busy.value !== 'step') dialogOpen.value = false;
  }

  async function submit(): Promise<void> {
    const event = activeStep.value;
    const id = target.migrantId.value;
    if (!event || !id || !canSubmit.value) return;
    const body: Record<string, unknown> = { type: event };
    const version = target.statusVersion();
    if (version !== null) body['expected_version'] = version;
    if (event === 'ASSESS') body['outcome'] = form.outcome;
    if (event === 'SCHEDULE')
      body['appointment'] = { desk: (form.desk ?? '').trim(), starts_at: form.starts_at, ends_at: form.ends_at };
    if (event === 'REPORT_DEPARTURE') body['departure_date'] = form.departure_date;
    if (form.reason && form.reason.trim() !== '') body['reason'] = form.reason.trim();

    busy.value = 'step';
    stepError.value = null;
    try {
      const response = await api.post(`/brp/migrants/${encodeURIComponent(id)}/events`, body);
      const to = String((response.data?.data as { to?: string } | undefined)?.to ?? '');
      busy.value = null;
      dialogOpen.value = false;
      await target.done(to);
    } catch (error) {
      stepError.value = apiMessage(error, text.value.loadError);
      target.refused();
    } finally {
      busy.value = null;
    }
  }

  return { dialogOpen, activeStep, stepError, form, activeInputs, canSubmit, open, close, submit };
}

export type StepForm = ReturnType<typeof useStepForm>;
