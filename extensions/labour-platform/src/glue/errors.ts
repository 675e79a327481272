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
