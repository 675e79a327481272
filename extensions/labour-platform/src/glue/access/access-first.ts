/**
 * Access first: every items write filter of the extension is registered through `accessFirst`, which asks
 * Directus's own `validateAccess` (the check Directus runs right AFTER the filters) BEFORE the handler runs, with
 * the caller's accountability and the same arguments Directus uses: for update and delete the primary keys (and
 * for update the payload's fields), for create the collection. A hidden row and a missing one therefore get
 * Directus's own answer (the same 403) before any hook reads a row as the system, validates against it or acts.
 *
 * Only checks that look at the request alone (never at a stored row) may run before the access check: pass them
 * as `requestChecks`.
 */
import type { Accountability, SchemaOverview } from '@directus/types';
import type { Knex } from 'knex';

export type WriteAction = 'create' | 'update' | 'delete';
export type PrimaryKey = string | number;

/** The arguments of Directus's validateAccess (permissions/modules/validate-access/validate-access). */
export interface AccessQuestion {
  accountability: Accountability;
  action: WriteAction;
  collection: string;
  primaryKeys?: PrimaryKey[];
  fields?: string[];
}

export type ValidateAccess = (
  options: AccessQuestion,
  context: { knex: Knex; schema: SchemaOverview },
) => Promise<void>;

export interface FilterContext {
  database: Knex;
  schema: SchemaOverview | null;
  accountability: Accountability | null;
}

export type FilterMeta = Record<string, unknown>;
export type FilterHandler = (payload: unknown, meta: FilterMeta, context: FilterContext) => unknown;
/** Directus's `filter` register function, as the hook receives it. */
export type RegisterFilter = (event: string, handler: FilterHandler) => void;

/** The write action of an items filter event: `items.create`, `<collection>.items.update`, ...; else null. */
export function writeActionOf(event: string): WriteAction | null {
  const match = /(?:^|\.)items\.(create|update|delete)$/.exec(event);
  return match ? (match[1] as WriteAction) : null;
}

/** The collection the event is about: the event's prefix, else the meta's `collection`. */
export function collectionOf(event: string, meta: FilterMeta): string {
  const match = /^(.+)\.items\.(?:create|update|delete)$/.exec(event);
  return match ? match[1]! : String(meta['collection']);
}

/**
 * What to ask Directus before the handler runs, or null when there is nothing to ask (the system writes; an
 * administrator is answered by validateAccess itself).
 */
export function accessQuestionFor(
  event: string,
  payload: unknown,
  meta: FilterMeta,
  accountability: Accountability | null,
): AccessQuestion | null {
  const action = writeActionOf(event);
  if (!action || !accountability) return null;
  const collection = collectionOf(event, meta);
  switch (action) {
    case 'create':
      return { accountability, action, collection };
    case 'update': {
      const keys = Array.isArray(meta['keys']) ? (meta['keys'] as PrimaryKey[]) : [];
      const fields =
        payload !== null && typeof payload === 'object' && !Array.isArray(payload) ? Object.keys(payload) : [];
      return { accountability, action, collection, primaryKeys: [...keys], fields };
    }
    case 'delete':
      return {
        accountability,
        action,
        collection,
        primaryKeys: Array.isArray(payload) ? [...(payload as PrimaryKey[])] : [],
      };
  }
}

export interface AccessFirstOptions {
  /** Directus's validateAccess (loaded at run time from the installation). */
  validateAccess: () => Promise<ValidateAccess>;
  getSchema: () => Promise<SchemaOverview>;
}

/** Checks that look at the request only (payload and event), never at a stored row: they may answer first. */
export type RequestCheck = (payload: unknown, meta: FilterMeta, context: FilterContext) => Promise<void> | void;

/**
 * Wraps Directus's `filter` so that an items write filter runs only after Directus has established, with the
 * caller's accountability, that the caller may do this write on these rows. Other events pass unchanged.
 */
export function accessFirst(register: RegisterFilter, options: AccessFirstOptions) {
  return (event: string, handler: FilterHandler, requestChecks: RequestCheck[] = []): void => {
    if (!writeActionOf(event)) {
      register(event, handler);
      return;
    }
    register(event, async (payload, meta, context) => {
      for (const check of requestChecks) await check(payload, meta, context);
      const question = accessQuestionFor(event, payload, meta, context.accountability);
      if (question) {
        const validateAccess = await options.validateAccess();
        await validateAccess(question, {
          knex: context.database,
          schema: context.schema ?? (await options.getSchema()),
        });
      }
      return handler(payload, meta, context);
    });
  };
}

const VALIDATE_ACCESS_MODULE = '@directus/api/permissions/modules/validate-access/validate-access';
const PROCESS_PAYLOAD_MODULE = '@directus/api/permissions/modules/process-payload/process-payload';

let validateAccessModule: Promise<ValidateAccess> | null = null;

/** Directus's own validateAccess, from the same installation (kept out of the bundle). Fails closed. */
export function directusValidateAccess(): Promise<ValidateAccess> {
  validateAccessModule ??= (import(VALIDATE_ACCESS_MODULE) as Promise<{ validateAccess?: unknown }>).then((module) => {
    if (typeof module.validateAccess !== 'function')
      throw new Error('Directus validateAccess not found: writes are refused');
    return module.validateAccess as ValidateAccess;
  });
  return validateAccessModule;
}

export interface PayloadQuestion {
  accountability: Accountability;
  action: 'create' | 'update';
  collection: string;
  payload: Record<string, unknown>;
}
type ProcessPayload = (options: PayloadQuestion, context: { knex: Knex; schema: SchemaOverview }) => Promise<unknown>;
let processPayloadModule: Promise<ProcessPayload> | null = null;

/**
 * Everything Directus checks after the filters before it writes (validateAccess, then processPayload: fields
 * allowed, validation rules, required fields), run now on the final payload: a hook calls this right before a
 * side effect, so a request Directus would refuse changes nothing.
 */
export async function assertDirectusWouldWrite(
  question: {
    accountability: Accountability | null;
    action: 'create' | 'update';
    collection: string;
    keys: PrimaryKey[];
    payload: Record<string, unknown>;
  },
  context: { knex: Knex; schema: SchemaOverview },
): Promise<void> {
  const { accountability } = question;
  if (!accountability) return;
  const validateAccess = await directusValidateAccess();
  await validateAccess(
    question.action === 'update'
      ? {
          accountability,
          action: 'update',
          collection: question.collection,
          primaryKeys: question.keys,
          fields: Object.keys(question.payload),
        }
      : { accountability, action: 'create', collection: question.collection },
    context,
  );
  processPayloadModule ??= (import(PROCESS_PAYLOAD_MODULE) as Promise<{ processPayload?: unknown }>).then((module) => {
    if (typeof module.processPayload !== 'function')
      throw new Error('Directus processPayload not found: writes are refused');
    return module.processPayload as ProcessPayload;
  });
  const processPayload = await processPayloadModule;
  await processPayload(
    { accountability, action: question.action, collection: question.collection, payload: question.payload },
    context,
  );
}
