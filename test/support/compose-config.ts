/**
 * `docker-compose config` without the program: reads docker-compose.yml as the Compose Specification says a
 * Compose implementation does, so the deployment file is checked on any machine with just `npm install`.
 *
 * 1. YAML with merge keys (`<<: *anchor`), as Compose reads it;
 * 2. interpolation of every string value from a given environment (and nothing else: the caller passes the
 *    variables, as `--env-file` with an empty file does), per the specification's "Interpolation" section:
 *    `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`,
 *    `${VAR+alt}`, and `$$` for a literal `$`; a missing required variable is an error that names it;
 * 3. validation of the result against the Compose Specification's published JSON schema (compose-spec
 *    `compose.schema.json`, as shipped in the npm package `dclint`), with Ajv.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { parse } from 'yaml';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export class ComposeConfigError extends Error {}

const require = createRequire(import.meta.url);

/** The Compose Specification's JSON schema, from the registry package that ships it (see package.json). */
export function composeSchemaPath(): string {
  return join(dirname(require.resolve('dclint/package.json')), 'schemas', 'compose.schema.json');
}

let validator: ReturnType<Ajv['compile']> | undefined;
function validate(config: Json): ErrorObject[] {
  if (!validator) {
    const schema = JSON.parse(readFileSync(composeSchemaPath(), 'utf8')) as Record<string, unknown>;
    // It declares draft-07 by an address Ajv does not list (no trailing '#'); draft-07 is Ajv's own default.
    if (schema['$schema'] === 'https://json-schema.org/draft-07/schema') delete schema['$schema'];
    // The schema names custom formats (durations, ports, …) that Compose checks in code; structure and types are
    // what a JSON schema checks, so unknown formats are accepted rather than failing the compile.
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
    validator = ajv.compile(schema);
  }
  return validator(config) ? [] : [...(validator.errors ?? [])];
}

/**
 * One string interpolated. Braced expressions may nest a default that itself holds `${...}` (the spec allows it);
 * a bare `$NAME` takes the longest run of name characters.
 */
export function interpolate(text: string, env: Readonly<Record<string, string | undefined>>, where: string): string {
  let result = '';
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (char !== '$') {
      result += char;
      index++;
      continue;
    }
    const next = text[index + 1];
    if (next === '$') {
      result += '$';
      index += 2;
      continue;
    }
    if (next === '{') {
      // find the matching close brace, allowing nested ${...} in the default
      let depth = 1;
      let end = index + 2;
      while (end < text.length && depth > 0) {
        if (text[end] === '$' && text[end + 1] === '{') {
          depth++;
          end += 2;
          continue;
        }
        if (text[end] === '}') depth--;
        if (depth > 0) end++;
      }
      if (depth > 0)
        throw new ComposeConfigError(`${where}: invalid interpolation format for "${text}": unclosed "\${"`);
      result += expand(text.slice(index + 2, end), env, where);
      index = end + 1;
      continue;
    }
    const bare = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(index + 1));
    if (bare) {
      result += env[bare[0]] ?? '';
      index += 1 + bare[0].length;
      continue;
    }
    throw new ComposeConfigError(
      `${where}: invalid interpolation format for "${text}": a lone "$" (write "$$" for a literal one)`,
    );
  }
  return result;
}

function expand(expression: string, env: Readonly<Record<string, string | undefined>>, where: string): string {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/.exec(expression);
  if (!match) throw new ComposeConfigError(`${where}: invalid interpolation format for "\${${expression}}"`);
  const [, name, operator, argument = ''] = match as unknown as [
    string,
    string,
    string | undefined,
    string | undefined,
  ];
  const value = env[name];
  const unset = value === undefined;
  const empty = unset || value === '';
  switch (operator) {
    case undefined:
      return value ?? '';
    case ':-':
      return empty ? interpolate(argument, env, where) : value!;
    case '-':
      return unset ? interpolate(argument, env, where) : value;
    case ':?':
      if (empty)
        throw new ComposeConfigError(
          `${where}: required variable ${name} is missing a value: ${interpolate(argument, env, where)}`,
        );
      return value!;
    case '?':
      if (unset)
        throw new ComposeConfigError(
          `${where}: required variable ${name} is missing a value: ${interpolate(argument, env, where)}`,
        );
      return value;
    case ':+':
      return empty ? '' : interpolate(argument, env, where);
    case '+':
      return unset ? '' : interpolate(argument, env, where);
    default:
      throw new ComposeConfigError(`${where}: invalid interpolation operator in "\${${expression}}"`);
  }
}

function interpolateTree(node: unknown, env: Readonly<Record<string, string | undefined>>, path: string): Json {
  if (typeof node === 'string') return interpolate(node, env, path);
  if (Array.isArray(node)) return node.map((item, index) => interpolateTree(item, env, `${path}[${index}]`));
  if (node !== null && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [key, interpolateTree(value, env, path ? `${path}.${key}` : key)]),
    );
  }
  return node as Json;
}

export interface ComposeConfig {
  services: Record<string, Record<string, Json>>;
  volumes?: Record<string, Json>;
  [key: string]: Json | undefined;
}

/**
 * docker-compose.yml resolved with `env` as the only variables, validated against the Compose schema.
 * Throws ComposeConfigError naming the variable or the schema path on failure, as `docker-compose config` exits
 * non-zero.
 */
export function resolveComposeFile(file: string, env: Readonly<Record<string, string | undefined>>): ComposeConfig {
  let document: unknown;
  try {
    document = parse(readFileSync(file, 'utf8'), { merge: true });
  } catch (error) {
    throw new ComposeConfigError(`${file}: not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
  const resolved = interpolateTree(document, env, '');
  const errors = validate(resolved);
  if (errors.length > 0) {
    const lines = errors
      .slice(0, 10)
      .map(
        (error) =>
          `${error.instancePath || '/'} ${error.message ?? 'is invalid'}${error.params ? ` ${JSON.stringify(error.params)}` : ''}`,
      );
    throw new ComposeConfigError(`${file} does not follow the Compose Specification:\n${lines.join('\n')}`);
  }
  const config = resolved as unknown as ComposeConfig;
  if (!config.services || typeof config.services !== 'object') throw new ComposeConfigError(`${file}: no services`);
  // Extension fields (x-…) are for YAML anchors; like `docker-compose config`, the resolved model drops them.
  for (const key of Object.keys(config)) if (key.startsWith('x-')) delete config[key];
  return config;
}
