/** What the platform answered when a request from the task view failed. */
interface ApiFailure {
  response?: { status?: number; data?: { errors?: Array<{ message?: string; extensions?: { code?: string; reason?: string } }> } };
}

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

export type Row = Record<string, unknown>;

/** The id of a many-to-one value, whether it came as an id or as the related row. */
export function idOf(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'object') return idOf((value as Row)['id']);
  return String(value);
}
