/**
 * What validation reports: the issue codes and their shape. Plain module: no Directus import.
 * Issues for personal fields (see ./personal-fields) never carry the submitted value.
 */

export type IssueCode =
  /** Missing or emptied while the field is required. */
  | 'required'
  /** organisations.municipality_code is missing while type = gemeente. */
  | 'required_for_gemeente'
  /** Text that is not well-formed: a lone UTF-16 surrogate or a NUL character (anywhere in the value). */
  | 'malformed_text'
  /** Wrong JSON type; params.expected: 'text' | 'boolean'. */
  | 'invalid_type'
  /** Not one of the allowed values (see FIELD_CHOICES in ./vocabulary). */
  | 'invalid_choice'
  /** Longer than params.max characters. */
  | 'too_long'
  /** params.reason: 'format' | 'never_issued' (letters SA, SD, SS). */
  | 'invalid_postcode'
  /** params.reason: 'format' (not 8–9 digits) | 'checksum' (fails the 11-proef, or 000000000). */
  | 'invalid_bsn'
  | 'invalid_bag_id'
  | 'invalid_kvk_number'
  | 'invalid_branch_number'
  | 'invalid_municipality_code'
  /** Not an ISO 3166-1 alpha-2 code. */
  | 'invalid_country'
  /** Not one of the consent-page languages. */
  | 'invalid_language'
  | 'invalid_email'
  | 'invalid_phone'
  /** Not a real calendar date in the form YYYY-MM-DD. */
  | 'invalid_date'
  /** Not an ISO 8601 date and time. */
  | 'invalid_datetime'
  /** Not a uuid (or a nested object) for a relation. */
  | 'invalid_reference'
  | 'not_integer'
  | 'not_a_number'
  /** params.min and, when there is an upper bound, params.max. */
  | 'out_of_range'
  /** A date that may not lie after today. */
  | 'in_future'
  /** Date order; params.other names the other field. */
  | 'must_be_before'
  | 'must_be_on_or_before'
  | 'must_be_after'
  | 'must_be_on_or_after'
  /** A status change the item's life does not allow; params.from and params.to are the (translated) statuses. */
  | 'invalid_transition'
  /** An inspection's checklist (./supervision/inspections): not every item answered, or an item answered twice. */
  | 'incomplete_checklist'
  | 'duplicate_item'
  /** A provider's answer to a finding: empty, or the finding is no longer open. */
  | 'answer_required'
  | 'finding_not_open';

export interface ValidationIssue {
  field: string;
  code: IssueCode;
  params?: Record<string, string | number>;
}

export interface ValidationResult {
  payload: Record<string, unknown>;
  issues: ValidationIssue[];
}
