/** JSON that may arrive as text (a raw query string, a json column SQLite returns as text) or already parsed. */

/** The parsed value of JSON text; anything else (an object, a number, text that is no JSON) as it is. */
export function parsedJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}
