/**
 * The records hook's checks of a write (../../hooks/records), shared with the intake's batch of creates
 * (../intake/create-batch.ts) so a row written by an import meets exactly the checks of a row written by the form:
 * well-formed text and dates, the platform's field rules (validation in the user's language, at the field), and
 * references limited to rows the writer can read.
 */
import type { Accountability, SchemaOverview } from '@directus/types';
import type { Knex } from 'knex';
import { issuesByField } from '../../domain/issue-messages';
import { referenceForbiddenMessage } from '../../domain/reference-messages';
import { isValidatedCollection } from '../../domain/validation-rules';
import { malformedTextIssues, temporalIssues, type TemporalType } from '../../domain/validation-shape';
import { validateRecord } from '../../domain/validation';
import type { ValidationIssue } from '../../domain/validation-issues';
import { FieldValidationError, PLATFORM_VALIDATION_TYPE, ReferenceForbiddenError } from '../errors';
import type { ItemsServiceConstructor, Row } from '../items';
import { userLanguage } from '../language';

export interface WriteContext {
  database: Knex;
  schema: SchemaOverview;
  accountability: Accountability | null;
}

const TEMPORAL_TYPES: ReadonlySet<string> = new Set(['date', 'dateTime', 'timestamp', 'time']);

/** The date and time columns of a collection, from the schema. */
function temporalFields(schema: SchemaOverview, collection: string): Record<string, TemporalType> {
  const fields = schema.collections[collection]?.fields ?? {};
  const types: Record<string, TemporalType> = {};
  for (const [name, field] of Object.entries(fields))
    if (TEMPORAL_TYPES.has(field.type)) types[name] = field.type as TemporalType;
  return types;
}

/** Directus's failed-validation shape, one error per field, each with its sentence in the user's language. */
export async function refuseIssues(
  collection: string,
  issues: ValidationIssue[],
  context: WriteContext,
): Promise<never> {
  const language = await userLanguage(context.database, context.accountability);
  throw issuesByField(collection, issues, language).map(
    ({ field, codes, message }) =>
      new FieldValidationError({
        collection,
        field,
        path: [],
        type: PLATFORM_VALIDATION_TYPE,
        issues: codes,
        validation_message: message,
      }),
  );
}

/** Every write to every collection: well-formed text; the platform's collections also their field rules. */
export async function validateWrite(
  collection: string,
  payload: Row,
  existingRows: Array<Row | null>,
  context: WriteContext,
): Promise<Row> {
  const shapeIssues = [
    ...malformedTextIssues(payload),
    ...temporalIssues(payload, temporalFields(context.schema, collection)),
  ];
  if (shapeIssues.length > 0) return refuseIssues(collection, shapeIssues, context);
  if (!isValidatedCollection(collection)) return payload;
  let normalised = payload;
  for (const existing of existingRows) {
    const result = validateRecord(collection, payload, existing);
    if (result.issues.length > 0) await refuseIssues(collection, result.issues, context);
    normalised = result.payload;
  }
  return normalised;
}

/**
 * A user may only point at rows it can read: a provider cannot put a stay at another provider's location or attach
 * a task to a migrant of another municipality. Checked with the caller's own permissions, for a batch of payloads of
 * one collection at once: one read per relation of the distinct keys the payloads name (a single write is a batch of
 * one).
 */
export async function checkReferences(
  ItemsService: ItemsServiceConstructor,
  collection: string,
  payloads: readonly Row[],
  context: WriteContext,
): Promise<void> {
  const accountability = context.accountability;
  if (!accountability || accountability.admin) return;
  const relations = context.schema.relations.filter(
    (relation) => relation.collection === collection && relation.related_collection,
  );
  for (const relation of relations) {
    const related = relation.related_collection!;
    if (related.startsWith('directus_')) continue;
    const primaryKey = context.schema.collections[related]?.primary ?? 'id';
    const named = new Set<string | number>();
    for (const payload of payloads) {
      const raw = payload[relation.field];
      // a nested object names an existing row by its key (a new nested row is checked by its own create)
      const value = raw !== null && typeof raw === 'object' ? (raw as Row)[primaryKey] : raw;
      if (value === null || value === undefined || typeof value === 'object') continue;
      named.add(value as string | number);
    }
    const keys = [...named];
    for (let index = 0; index < keys.length; index += 500) {
      const chunk = keys.slice(index, index + 500);
      const visible = await new ItemsService(related, {
        schema: context.schema,
        accountability,
        knex: context.database,
      }).readByQuery({
        filter: chunk.length === 1 ? { [primaryKey]: { _eq: chunk[0] } } : { [primaryKey]: { _in: chunk } },
        fields: [primaryKey],
        limit: chunk.length === 1 ? 1 : -1,
      });
      if (visible.length < chunk.length) {
        const language = await userLanguage(context.database, accountability);
        throw new ReferenceForbiddenError({
          message: referenceForbiddenMessage(collection, relation.field, language),
          collection,
          field: relation.field,
        });
      }
    }
  }
}
