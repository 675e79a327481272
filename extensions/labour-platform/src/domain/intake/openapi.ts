/**
 * The OpenAPI 3.1 description of the intake endpoints, served at GET /intake/openapi.json. Its schemas are plain
 * JSON Schema (type arrays for null), so a test validates the endpoints' real answers against them.
 * Plain module: no Directus import.
 */
import { INTAKE_FIELDS } from './columns';

const text = { type: 'string' } as const;
const nullableText = { type: ['string', 'null'] } as const;
const count = { type: 'integer', minimum: 0 } as const;
const field = { type: 'string', enum: [...INTAKE_FIELDS] } as const;

export const INTAKE_SCHEMAS = {
  IntakeColumn: {
    type: 'object',
    required: ['index', 'header', 'field', 'source'],
    properties: {
      index: count,
      header: text,
      field: { type: ['string', 'null'], enum: [...INTAKE_FIELDS, null] },
      source: { type: 'string', enum: ['header', 'remembered', 'mapping', 'none'] },
    },
  },
  IntakeRefusedRow: {
    type: 'object',
    required: ['row', 'reference', 'column', 'field', 'code', 'message', 'messages'],
    properties: {
      row: { type: 'integer', minimum: 1 },
      reference: nullableText,
      column: nullableText,
      field: { type: ['string', 'null'] },
      code: text,
      message: text,
      messages: { type: 'object', required: ['nl', 'en'], properties: { nl: text, en: text } },
    },
  },
  IntakeRowResult: {
    type: 'object',
    required: ['row', 'reference', 'outcome', 'migrant', 'case_number'],
    properties: {
      row: { type: 'integer', minimum: 1 },
      reference: nullableText,
      outcome: { type: 'string', enum: ['new', 'changed', 'unchanged', 'refused'] },
      migrant: nullableText,
      case_number: nullableText,
      fields: { type: 'array', items: field },
    },
  },
  IntakeImport: {
    type: 'object',
    required: [
      'id',
      'status',
      'mode',
      'dry_run',
      'provider',
      'file_sha256',
      'same_file_as',
      'notice',
      'counts',
      'refused',
      'columns',
      'ignored_columns',
      'proposed_departures',
      'departures_recorded',
      'departure_date',
      'rows',
      'created_at',
      'committed_at',
    ],
    properties: {
      id: text,
      status: { type: 'string', enum: ['dry_run', 'committed', 'unchanged'] },
      mode: { type: 'string', enum: ['additions', 'full_list'] },
      dry_run: { type: 'boolean' },
      provider: text,
      file_sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
      same_file_as: nullableText,
      notice: nullableText,
      counts: {
        type: 'object',
        required: ['rows', 'new', 'changed', 'unchanged', 'refused'],
        properties: { rows: count, new: count, changed: count, unchanged: count, refused: count },
      },
      refused: { type: 'array', items: { $ref: '#/components/schemas/IntakeRefusedRow' } },
      columns: { type: 'array', items: { $ref: '#/components/schemas/IntakeColumn' } },
      ignored_columns: { type: 'array', items: text },
      proposed_departures: {
        type: 'array',
        items: {
          type: 'object',
          required: ['migrant', 'case_number', 'location', 'stay'],
          properties: { migrant: text, case_number: nullableText, location: text, stay: text },
        },
      },
      departures_recorded: count,
      departure_date: nullableText,
      rows: { type: 'array', items: { $ref: '#/components/schemas/IntakeRowResult' } },
      created_at: text,
      committed_at: nullableText,
    },
  },
  IntakeJsonRow: {
    type: 'object',
    properties: Object.fromEntries(INTAKE_FIELDS.map((name) => [name, { type: ['string', 'number', 'null'] }])),
  },
  Error: {
    type: 'object',
    required: ['errors'],
    properties: {
      errors: {
        type: 'array',
        items: {
          type: 'object',
          required: ['message', 'extensions'],
          properties: {
            message: text,
            extensions: { type: 'object', required: ['code'], properties: { code: text, reason: text } },
          },
        },
      },
    },
  },
} as const;

const answer = (description: string) => ({
  description,
  content: {
    'application/json': {
      schema: {
        type: 'object',
        required: ['data'],
        properties: { data: { $ref: '#/components/schemas/IntakeImport' } },
      },
    },
  },
});
const errors = {
  '400': {
    description: 'Refused input (code and message in the caller’s language)',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  },
  '401': {
    description: 'Not signed in',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  },
  '404': {
    description: 'Not the caller’s (or missing)',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  },
  '409': {
    description: 'Already committed, or an Idempotency-Key used for another body',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  },
};
const residentsBody = (full: boolean) => ({
  required: true,
  content: {
    'application/json': {
      schema: {
        type: 'object',
        required: ['rows'],
        properties: {
          rows: { type: 'array', maxItems: 20000, items: { $ref: '#/components/schemas/IntakeJsonRow' } },
          ...(full
            ? {
                locations: {
                  type: 'array',
                  items: text,
                  description: 'Locations the list is complete for, besides the rows’ own',
                },
              }
            : {}),
          ...(full
            ? {
                confirm_departures: {
                  type: 'boolean',
                  default: false,
                  description:
                    'Report the list’s proposed departures at once (the residents of its locations missing from it): only those still proposed when the rows are committed, through the BRP workflow, on the commit day; the answer counts them in departures_recorded. Without it they are only proposed (proposed_departures).',
                },
              }
            : {}),
          provider: { type: 'string', description: 'Only a clerk, for a provider with a location in its municipality' },
        },
      },
    },
  },
});
const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  schema: { type: 'string', maxLength: 200 },
  description:
    'A retry with the same key and body answers the first import again; two requests with one key at the same moment make one import and get the same answer (the second waits for the first). The same key with another body is a 409.',
};
const busy = {
  '429': {
    description: 'Another request with this Idempotency-Key is still running: retry after Retry-After seconds',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  },
};
const importId = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };

export function intakeOpenApi(serverUrl: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Platform Arbeidsmigranten: intake',
      version: '1.0.0',
      description:
        'Registering residents from a spreadsheet or a provider’s own system. Authenticate with Authorization: Bearer …: a provider’s own system with its API credential (lpk_…), which the provider’s administrator makes, rotates and revokes in the admin app or through /intake/credentials, and which opens only PUT/POST /intake/residents, GET /intake/imports/{id}, GET /intake/columns and reading its own migrants, stays and locations (GET /items/…); a person with a Directus access token.',
    },
    servers: [{ url: serverUrl }],
    components: { schemas: INTAKE_SCHEMAS, securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths: {
      '/intake/imports': {
        post: {
          summary: 'Upload a spreadsheet (.xlsx or .csv): dry run or commit',
          requestBody: {
            required: true,
            content: {
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  required: ['file'],
                  properties: {
                    file: { type: 'string', contentMediaType: 'application/octet-stream' },
                    mode: { type: 'string', enum: ['additions', 'full_list'], default: 'additions' },
                    dry_run: { type: 'string', enum: ['true', 'false'], default: 'true' },
                    confirm_departures: {
                      type: 'string',
                      enum: ['true', 'false'],
                      default: 'false',
                      description:
                        'With dry_run=false and mode=full_list: report the list’s proposed departures in the same commit, as POST /intake/imports/{id}/commit with confirm_departures does (only those still proposed at the commit)',
                    },
                    mapping: { type: 'string', description: 'JSON: header text or column index → field or null' },
                    provider: { type: 'string' },
                  },
                },
              },
            },
          },
          responses: { '200': answer('The import'), ...errors, '413': { description: 'File too large' } },
        },
      },
      '/intake/imports/{id}': {
        get: {
          summary: 'The kept report of an import',
          parameters: [importId],
          responses: { '200': answer('The import'), ...errors },
        },
      },
      '/intake/imports/{id}/commit': {
        post: {
          summary:
            'Commit a dry run: every valid row or none; with confirm_departures, also the full list’s proposed departures',
          parameters: [importId],
          requestBody: {
            required: false,
            content: {
              'application/json': {
                schema: { type: 'object', properties: { confirm_departures: { type: 'boolean', default: false } } },
              },
            },
          },
          responses: { '200': answer('The committed import'), ...errors },
        },
      },
      '/intake/imports/{id}/refused.xlsx': {
        get: {
          summary: 'The refused rows with a reason column',
          parameters: [importId],
          responses: {
            '200': {
              description: 'A workbook',
              content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {} },
            },
            ...errors,
          },
        },
      },
      '/intake/residents': {
        put: {
          summary: 'The full list of residents of the rows’ locations',
          description:
            'Residents on the list are created or updated; residents of the listed locations missing from it are proposed to depart (proposed_departures), and reported as departed in the same commit when confirm_departures is true (only those still proposed then, through the BRP workflow, as a commit of a spreadsheet’s full list confirms them).',
          parameters: [idempotencyKey],
          requestBody: residentsBody(true),
          responses: { '200': answer('What happened per row'), ...errors, ...busy },
        },
        post: {
          summary: 'Changes: new and changed residents',
          parameters: [idempotencyKey],
          requestBody: residentsBody(false),
          responses: { '200': answer('What happened per row'), ...errors, ...busy },
        },
      },
    },
  };
}
