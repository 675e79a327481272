/** Errors the platform raises through Directus: Directus's error handler turns them into JSON with a status. */
import { createError } from '@directus/errors';

export interface ValidationFailedExtensions {
  collection: string;
  issues: Array<{ field: string; code: string }>;
}

/** 400 with a message in the user's language that names the field(s); never echoes personal data. */
export const ValidationFailedError = createError<ValidationFailedExtensions & { message: string }>(
  'VALIDATION_FAILED',
  (extensions) => extensions.message,
  400,
);

export interface ReferenceForbiddenExtensions {
  message: string;
  collection: string;
  field: string;
}

/** 403 when a payload refers to a row of another organisation. */
export const ReferenceForbiddenError = createError<ReferenceForbiddenExtensions>(
  'FORBIDDEN_REFERENCE',
  (extensions) => extensions.message,
  403,
);

/**
 * 400 from the privacy query guard and the privacy hook (a query or write that would expose personal data).
 * The endpoints' own refusals go through the seam (glue/http/seam.ts).
 */
export const PrivacyRequestError = createError<{ message: string; reason: string }>('PRIVACY_REFUSED', (e) => e.message, 400);

export interface ReferencedRowsExtensions {
  message: string;
  collection: string;
  /** The collections whose rows still refer to the rows being deleted. */
  referenced_by: string[];
}

/** 409: the rows cannot be deleted while other rows still refer to them (a migrant's tasks, a location's stays). */
export const ReferencedRowsError = createError<ReferencedRowsExtensions>('STILL_REFERENCED', (e) => e.message, 409);

interface InputRefusedExtensions {
  message: string;
  reason: string;
}

/** 400: the request's shape is refused before anything reads it (JSON nested too deeply). */
export const InputRefusedError = createError<InputRefusedExtensions>('INVALID_PAYLOAD', (e) => e.message, 400);

/** 403: a Directus utility the platform keeps for administrators (bulk export and import). */
export const UtilityForbiddenError = createError<InputRefusedExtensions>('FORBIDDEN', (e) => e.message, 403);
