/**
 * The desk agenda of the SCHEDULE step: the municipality's desks, the appointments booked at the chosen desk on the
 * chosen day, and the free slots of the chosen length (domain/brp/desk-agenda.ts decides which are free). The
 * platform refuses a double booking itself too; this only keeps the clerk from trying.
 */
import { useApi } from '@directus/extensions-sdk';
import { computed, ref, watch } from 'vue';
import {
  APPOINTMENT_MINUTES,
  BOOKED_APPOINTMENT_STATUSES,
  DEFAULT_APPOINTMENT_MINUTES,
  DESK_HOURS,
  freeSlots,
  minutesOfDay,
  type Interval,
} from '../../../domain/brp/desk-agenda';
import type { Row } from '../../shared/api';

/** Used when the municipality has booked no appointment yet. */
const FIRST_DESK = 'Balie 1';
const MINUTE_MS = 60_000;

/** 'YYYY-MM-DD' of a local day. */
function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A local time of a local day, as milliseconds. */
function at(day: string, minutes: number): number {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date, Math.floor(minutes / 60), minutes % 60).getTime();
}

/** Today while the desk is still open for a first appointment, else the next working day. */
function firstOpenDay(now: Date): string {
  const day = new Date(now);
  const closes = minutesOfDay(DESK_HOURS.closes) ?? 16 * 60;
  if (now.getHours() * 60 + now.getMinutes() + DEFAULT_APPOINTMENT_MINUTES > closes) day.setDate(day.getDate() + 1);
  while (day.getDay() === 0 || day.getDay() === 6) day.setDate(day.getDate() + 1);
  return localDay(day);
}

export function useDeskAgenda() {
  const api = useApi();
  const desks = ref<string[]>([]);
  const desk = ref<string>('');
  const day = ref<string>(firstOpenDay(new Date()));
  const minutes = ref<number>(DEFAULT_APPOINTMENT_MINUTES);
  const booked = ref<Interval[]>([]);
  const loading = ref(false);
  const chosen = ref<Interval | null>(null);
  const today = localDay(new Date());

  const slots = computed<Interval[]>(() => {
    if (!desk.value || !/^\d{4}-\d{2}-\d{2}$/.test(day.value)) return [];
    const opens = at(day.value, minutesOfDay(DESK_HOURS.opens) ?? 510);
    const closes = at(day.value, minutesOfDay(DESK_HOURS.closes) ?? 990);
    return freeSlots({ opens, closes, durationMinutes: minutes.value, booked: booked.value, notBefore: Date.now() });
  });

  async function loadDesks(): Promise<void> {
    try {
      const response = await api.get('/items/appointments', {
        params: { groupBy: ['desk'], 'aggregate[count]': 'id', limit: -1 },
      });
      const names = ((response.data.data ?? []) as Row[])
        .map((row) => String(row['desk'] ?? '').trim())
        .filter((name) => name !== '');
      desks.value = [...new Set(names)].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
    } catch {
      desks.value = [];
    }
    if (desks.value.length === 0) desks.value = [FIRST_DESK];
    if (!desks.value.includes(desk.value)) desk.value = desks.value[0]!;
  }

  async function loadBooked(): Promise<void> {
    chosen.value = null;
    if (!desk.value || !/^\d{4}-\d{2}-\d{2}$/.test(day.value)) return;
    loading.value = true;
    try {
      const from = new Date(at(day.value, 0) - 24 * 60 * MINUTE_MS).toISOString();
      const to = new Date(at(day.value, 24 * 60)).toISOString();
      const filter = {
        _and: [
          { desk: { _eq: desk.value } },
          { status: { _in: [...BOOKED_APPOINTMENT_STATUSES] } },
          { starts_at: { _gte: from } },
          { starts_at: { _lt: to } },
        ],
      };
      const response = await api.get('/items/appointments', {
        params: { filter: JSON.stringify(filter), fields: 'starts_at,ends_at', limit: -1 },
      });
      booked.value = ((response.data.data ?? []) as Row[]).map((row) => {
        const start = Date.parse(String(row['starts_at']));
        const end = row['ends_at']
          ? Date.parse(String(row['ends_at']))
          : start + DEFAULT_APPOINTMENT_MINUTES * MINUTE_MS;
        return { start, end };
      });
    } catch {
      booked.value = [];
    } finally {
      loading.value = false;
    }
  }

  /** The appointments booked at the desk that day (not the day before that run into it). */
  const bookedThatDay = computed(() => booked.value.filter((interval) => interval.start >= at(day.value, 0)).length);

  watch([desk, day], () => void loadBooked());
  watch(minutes, () => {
    chosen.value = null;
  });

  async function open(): Promise<void> {
    chosen.value = null;
    await loadDesks();
    await loadBooked();
  }

  return {
    desks,
    desk,
    day,
    today,
    minutes,
    choices: APPOINTMENT_MINUTES,
    slots,
    bookedThatDay,
    loading,
    chosen,
    open,
  };
}

export type DeskAgenda = ReturnType<typeof useDeskAgenda>;
