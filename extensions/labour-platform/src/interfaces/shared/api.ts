/**
 * What the platform's interfaces share about talking to the API: the answer to a failed request (its status, the
 * platform's own message, already in the user's language), loading rows, and a date as the browser's user sees it.
 */
interface ApiFailure {
  response?: {
    status?: number;
    data?: { errors?: Array<{ message?: string; extensions?: { code?: string; reason?: string } }> };
  };
}

export type Row = Record<string, unknown>;

export function httpStatus(error: unknown): number | null {
  return (error as ApiFailure).response?.status ?? null;
}

/** The platform's own message (already in the user's language), else the fallback. */
export function apiMessage(error: unknown, fallback: string): string {
  return (error as ApiFailure).response?.data?.errors?.[0]?.message || fallback;
}

export function apiReason(error: unknown): string | undefined {
  return (error as ApiFailure).response?.data?.errors?.[0]?.extensions?.reason;
}

/** The id of a many-to-one value, whether it came as an id or as the related row. */
export function idOf(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'object') return idOf((value as Row)['id']);
  return String(value);
}

/** The part of Directus's `useApi()` the interfaces use. */
export interface Api {
  get(path: string, config?: { params?: Record<string, unknown> }): Promise<{ data: { data?: unknown } }>;
}

/**
 * The rows of a collection the user may read that point at one row (`field` equals `id`), every page of them:
 * `GET /items/<collection>` with the platform's access rules applied by the API itself.
 */
export async function rowsReferring(
  api: Api,
  collection: string,
  field: string,
  id: string,
  params: { fields: string; sort?: string },
): Promise<Row[]> {
  const response = await api.get(`/items/${collection}`, {
    params: { filter: JSON.stringify({ [field]: { _eq: id } }), limit: -1, ...params },
  });
  return (response.data.data ?? []) as Row[];
}

/** Today in the browser, YYYY-MM-DD: the default (and the latest) date of something that happened today. */
export function todayInBrowser(now: Date = new Date()): string {
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}
