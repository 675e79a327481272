/**
 * GraphQL answers that refuse the caller's input. graphql-js reports variables that do not fit the query's types
 * (a number for a String, a string for an input object) as errors without `data`, before anything executes;
 * Directus labels every error without its own code INTERNAL_SERVER_ERROR ("An unexpected error occurred." for
 * non-administrators), so bad input looked like a crash. Plain module: no Directus import.
 */

interface GraphqlError {
  message?: unknown;
  extensions?: { code?: unknown } | null;
}

/**
 * True when the answer is a refusal of the variables: errors, no data at all (nothing executed), and every error
 * without a code of its own. A resolver that fails still yields `data` (with null fields), so it is not taken
 * for bad input.
 */
export function isVariableRefusal(payload: unknown): boolean {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return false;
  const answer = payload as { data?: unknown; errors?: unknown };
  if ('data' in answer && answer.data !== undefined) return false;
  if (!Array.isArray(answer.errors) || answer.errors.length === 0) return false;
  return (answer.errors as GraphqlError[]).every((error) => error?.extensions?.code === 'INTERNAL_SERVER_ERROR');
}

/** The refusal in Dutch or English; an administrator also gets graphql-js's own explanation. */
export function variableRefusalMessage(lang: 'nl' | 'en', detail: string | null): string {
  const text =
    lang === 'nl'
      ? 'De variabelen passen niet bij de typen van de GraphQL-query.'
      : 'The variables do not fit the types of the GraphQL query.';
  return detail ? `${text} ${detail}` : text;
}
