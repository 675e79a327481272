/**
 * The import module's conversation with the intake endpoints (domain/intake/contract.ts): the dry run of a file
 * with the caller's column corrections, the commit, the downloads (template, refused rows) and the lists the page
 * needs (the fields a column can map to; for a clerk the providers it may import for). Every failure becomes a
 * sentence in the user's language: the platform's own message when the seam refused (it is already in the user's
 * language), else a sentence chosen by the HTTP status; never a code.
 */
import { useApi } from '@directus/extensions-sdk';
import { computed, inject, ref, type ComputedRef, type InjectionKey } from 'vue';
import type {
  IntakeField,
  IntakeFieldInfo,
  IntakeImport,
  IntakeMappingCorrection,
  IntakeMode,
} from '../../../domain/intake/contract';
import type { IntakeText } from '../texts';

interface ApiFailure {
  response?: { status?: number; data?: unknown };
}

interface ErrorBody {
  errors?: Array<{ message?: string; extensions?: { code?: string; reason?: string } }>;
}

/** A failure as a sentence: the seam's message (it carries a `reason`), else one by the status. */
export async function errorSentence(error: unknown, text: IntakeText): Promise<string> {
  const response = (error as ApiFailure | null)?.response;
  if (!response) return text.errorNetwork;
  let body = response.data;
  if (typeof Blob !== 'undefined' && body instanceof Blob) {
    try {
      body = JSON.parse(await body.text()) as unknown;
    } catch {
      body = null;
    }
  }
  const first = (body as ErrorBody | null)?.errors?.[0];
  const message = first?.message?.trim() ?? '';
  if (first?.extensions?.reason && message !== '' && !/^[A-Z0-9_]+$/.test(message)) return message;
  switch (response.status) {
    case 401:
      return text.errorNotSignedIn;
    case 403:
    case 404:
      return text.errorNotFound;
    case 413:
      return text.errorTooLarge;
    default:
      return text.errorUnknown;
  }
}

export interface ProviderChoice {
  value: string;
  text: string;
}

/** Saves a downloaded blob under a name, as a browser download. */
function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function fileNameOf(disposition: unknown, fallback: string): string {
  const match = typeof disposition === 'string' ? /filename="([^"]+)"/.exec(disposition) : null;
  return match?.[1] ?? fallback;
}

export function useIntake(text: ComputedRef<IntakeText>) {
  const api = useApi();
  const file = ref<File | null>(null);
  const mode = ref<IntakeMode>('additions');
  const provider = ref<string | null>(null);
  const corrections = ref<IntakeMappingCorrection>({});
  const checked = ref<IntakeImport | null>(null);
  const report = ref<IntakeImport | null>(null);
  const busy = ref<'checking' | 'committing' | 'downloading' | null>(null);
  const uploadPercent = ref(0);
  const commitPercent = ref(0);
  const error = ref<string | null>(null);
  const fields = ref<IntakeFieldInfo[]>([]);
  const providers = ref<ProviderChoice[]>([]);
  const departuresConfirmed = ref(false);
  /** The names of the locations the user reads (a proposed departure names its location by id). */
  const locationNames = ref<ReadonlyMap<string, string>>(new Map());

  /** Corrections chosen since the last check (the table shows them; "check again" sends them). */
  const pendingCorrections = computed(() => {
    const current = checked.value;
    if (!current) return false;
    return current.columns.some((column) => {
      const key = String(column.index);
      return key in corrections.value && corrections.value[key] !== column.field;
    });
  });

  async function fail(caught: unknown): Promise<void> {
    error.value = await errorSentence(caught, text.value);
  }

  async function loadFields(): Promise<void> {
    try {
      const response = await api.get<{ data: IntakeFieldInfo[] }>('/intake/columns');
      fields.value = response.data.data;
    } catch (caught) {
      await fail(caught);
    }
  }

  async function loadLocations(): Promise<void> {
    try {
      const response = await api.get<{ data: Array<{ id: string; name: string }> }>('/items/locations', {
        params: { fields: ['id', 'name'], limit: -1 },
      });
      locationNames.value = new Map(response.data.data.map((row) => [row.id, row.name]));
    } catch (caught) {
      await fail(caught);
    }
  }

  /** A clerk's choice of provider: the providers of the locations in its municipality. */
  async function loadProviders(): Promise<void> {
    try {
      const response = await api.get<{ data: Array<{ provider: { id: string; name: string } | null }> }>(
        '/items/locations',
        {
          params: { fields: ['provider.id', 'provider.name'], limit: -1 },
        },
      );
      const seen = new Map<string, string>();
      for (const row of response.data.data) if (row.provider) seen.set(row.provider.id, row.provider.name);
      providers.value = [...seen]
        .map(([value, name]) => ({ value, text: name }))
        .sort((a, b) => a.text.localeCompare(b.text));
      if (providers.value.length === 1) provider.value = providers.value[0]!.value;
    } catch (caught) {
      await fail(caught);
    }
  }

  function chooseFile(chosen: File | null): void {
    file.value = chosen;
    corrections.value = {};
    checked.value = null;
    report.value = null;
    error.value = null;
  }

  function correct(index: number, field: IntakeField | null): void {
    corrections.value = { ...corrections.value, [String(index)]: field };
  }

  /** The dry run: nothing is written; the answer has the columns, counts, refused rows and proposed departures. */
  async function check(): Promise<void> {
    if (!file.value) return;
    busy.value = 'checking';
    error.value = null;
    uploadPercent.value = 0;
    departuresConfirmed.value = false;
    const form = new FormData();
    form.append('mode', mode.value);
    form.append('dry_run', 'true');
    if (Object.keys(corrections.value).length > 0) form.append('mapping', JSON.stringify(corrections.value));
    if (provider.value) form.append('provider', provider.value);
    form.append('file', file.value, file.value.name);
    try {
      const response = await api.post<{ data: IntakeImport }>('/intake/imports', form, {
        onUploadProgress: (event: { loaded: number; total?: number }) => {
          if (event.total) uploadPercent.value = Math.round((event.loaded / event.total) * 100);
        },
      });
      // the corrections stay: a next check sends them all again
      checked.value = response.data.data;
    } catch (caught) {
      checked.value = null;
      await fail(caught);
    } finally {
      busy.value = null;
    }
  }

  /** The real run of the checked file: all accepted rows or none. */
  async function commit(): Promise<void> {
    const current = checked.value;
    if (!current) return;
    busy.value = 'committing';
    error.value = null;
    commitPercent.value = 5;
    // the commit is one request that either writes every accepted row or none: the bar moves while it runs
    const timer = setInterval(
      () => (commitPercent.value = Math.min(95, commitPercent.value + Math.max(1, (95 - commitPercent.value) / 10))),
      300,
    );
    try {
      const body = current.proposed_departures.length > 0 ? { confirm_departures: departuresConfirmed.value } : {};
      const response = await api.post<{ data: IntakeImport }>(
        `/intake/imports/${encodeURIComponent(current.id)}/commit`,
        body,
      );
      commitPercent.value = 100;
      report.value = response.data.data;
    } catch (caught) {
      await fail(caught);
    } finally {
      clearInterval(timer);
      busy.value = null;
    }
  }

  async function download(path: string, fallbackName: string, params: Record<string, string> = {}): Promise<void> {
    busy.value = 'downloading';
    error.value = null;
    try {
      const response = await api.get<Blob>(path, { params, responseType: 'blob' });
      save(response.data, fileNameOf(response.headers['content-disposition'], fallbackName));
    } catch (caught) {
      await fail(caught);
    } finally {
      busy.value = null;
    }
  }

  function downloadTemplate(fallbackName: string): Promise<void> {
    return download('/intake/template.xlsx', fallbackName, provider.value ? { provider: provider.value } : {});
  }

  function downloadRefused(): Promise<void> {
    const current = checked.value;
    if (!current) return Promise.resolve();
    return download(`/intake/imports/${encodeURIComponent(current.id)}/refused.xlsx`, 'refused.xlsx');
  }

  function reset(): void {
    chooseFile(null);
    departuresConfirmed.value = false;
    commitPercent.value = 0;
  }

  return {
    file,
    mode,
    provider,
    corrections,
    pendingCorrections,
    checked,
    report,
    busy,
    uploadPercent,
    commitPercent,
    error,
    fields,
    providers,
    departuresConfirmed,
    locationNames,
    loadFields,
    loadLocations,
    loadProviders,
    chooseFile,
    correct,
    check,
    commit,
    downloadTemplate,
    downloadRefused,
    reset,
  };
}

export type IntakeSession = ReturnType<typeof useIntake>;

/** The page gives its session and language to its steps. */
export const INTAKE_SESSION: InjectionKey<IntakeSession> = Symbol('intake-session');
export const INTAKE_TEXT: InjectionKey<ComputedRef<IntakeText>> = Symbol('intake-text');

export function useIntakeSession(): { session: IntakeSession; text: ComputedRef<IntakeText> } {
  const session = inject(INTAKE_SESSION);
  const text = inject(INTAKE_TEXT);
  if (!session || !text) throw new Error('The import steps live inside the import module page');
  return { session, text };
}
