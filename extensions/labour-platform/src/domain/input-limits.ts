/**
 * Limits on the shape of request input, checked before anything recursive touches it: how deeply JSON may nest.
 * Both scans are iterative (no recursion), so the scan itself cannot overflow the stack it protects.
 * Plain module: no Directus import.
 */

/** The deepest nesting of objects and arrays a request may carry (Directus filters need far less). */
export const MAX_JSON_DEPTH = 64;

/**
 * The nesting depth of a parsed JSON value (a scalar is 0, `{}` and `[]` are 1, `{"a": []}` is 2), counted
 * only as far as `limit + 1`: the scan stops as soon as the limit is passed.
 */
export function jsonDepth(value: unknown, limit: number = MAX_JSON_DEPTH): number {
  let deepest = 0;
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (pending.length > 0) {
    const { value: current, depth } = pending.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    const level = depth + 1;
    if (level > deepest) deepest = level;
    if (deepest > limit) return deepest;
    const children: unknown[] = Array.isArray(current) ? current : Object.values(current);
    for (const child of children)
      if (typeof child === 'object' && child !== null) pending.push({ value: child, depth: level });
  }
  return deepest;
}

/** True when a parsed value nests deeper than `limit`. */
export function exceedsJsonDepth(value: unknown, limit: number = MAX_JSON_DEPTH): boolean {
  return jsonDepth(value, limit) > limit;
}

/**
 * The deepest bracket nesting in JSON text (a query parameter such as `filter={...}`), outside string literals,
 * counted as far as `limit + 1`. Works on text that is not valid JSON too: the count is what a parser would
 * have to descend into.
 */
export function textNestingDepth(text: string, limit: number = MAX_JSON_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
    } else if (char === '{' || char === '[') {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if ((char === '}' || char === ']') && depth > 0) {
      depth--;
    }
  }
  return deepest;
}

/** The refusal, in Dutch or English. */
export function tooDeepMessage(lang: 'nl' | 'en', limit: number = MAX_JSON_DEPTH): string {
  return lang === 'nl'
    ? `De gegevens zijn te diep genest: hoogstens ${limit} niveaus van objecten en lijsten.`
    : `The data is nested too deeply: at most ${limit} levels of objects and lists.`;
}
