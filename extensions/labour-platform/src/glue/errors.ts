/** Errors the platform raises through Directus: Directus's error handler turns them into JSON with a status. */
import { createError } from '@directus/errors';

/**
 * The type of the platform's failed validations. The admin app shows `validationError.<type>` at the field with the
 * error's extensions as parameters; schema/translations.json holds that key as `{validation_message}` in both
 * languages, so the field shows the server's sentence in the user's language.
 */
export const PLATFORM_VALIDATION_TYPE = 'platform';

export interface FieldValidationExtensions {
  collection: string;
  /** The field the refusal concerns ('?' for a field name that is itself malformed). */
  field: string;
  /** Directus's own failed validations name a path inside the field (nested data); the platform's are the field. */
  path: string[];
  type: typeof PLATFORM_VALIDATION_TYPE;
  /** The platform's issue codes for this field (invalid_bsn, required, ...). */
  issues: string[];
  /** The sentence in the user's language; the admin app also lists it in the form's notice. */
  validation_message: string;
}

/**
 * 400 in Directus's own failed-validation shape (code FAILED_VALIDATION, one error per field), so the admin app
 * marks the field and shows the message there. Thrown as an array when several fields fail.
 */
export const FieldValidationError = createError<FieldValidationExtensions>(
  'FAILED_VALIDATION',
  (extensions) => extensions.validation_message,
  400,
);

/** One refusal at one field. */
export function fieldRefusal(
  collection: string,
  field: string,
  issue: string,
  message: string,
): InstanceType<typeof FieldValidationError> {
  return new FieldValidationError({
    collection,
    field,
    path: [],
    type: PLATFORM_VALIDATION_TYPE,
    issues: [issue],
    validation_message: message,
  });
}

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
export const PrivacyRequestError = createError<{ message: string; reason: string }>(
  'PRIVACY_REFUSED',
  (e) => e.message,
  400,
);

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
