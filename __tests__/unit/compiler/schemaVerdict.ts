/**
 * The two verdicts on a pyproject's `[tool.microb]`: the generated JSON Schema's (ajv, draft
 * 2020-12, strict) and the validator's (the same checks the compiler runs, checkMicrobTables).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'smol-toml';
import { ConfigError } from '../../../src/compiler/index.js';
import { checkMicrobTables } from '../../../src/compiler/resolve/loadProject.js';

const root = path.resolve(import.meta.dirname, '../../..');
export const schemaText = (file: string) => readFileSync(path.join(root, 'schema', file), 'utf8');

const ajv = new Ajv2020({ strict: true, strictRequired: false });
const validateMicrob = ajv.compile(JSON.parse(schemaText('microb.schema.json')) as object);
const validatePyproject = new Ajv2020({ strict: true, strictRequired: false }).compile(
  JSON.parse(schemaText('pyproject.schema.json')) as object,
);

/**
 * TOML as JSON: what an editor's schema check sees. Dates are no JSON type, and the validator
 * takes none anywhere: they become an object with an empty key, which no table of the schema
 * accepts (env/label/target names need a first character, the others list their keys).
 */
export function tomlAsJson(value: unknown): unknown {
  if (value instanceof Date) return { '': value.toISOString() };
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(tomlAsJson);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, tomlAsJson(v)]));
  return value;
}

/** undefined when the text is no TOML at all (then neither side has a say). */
export function schemaVerdict(text: string): boolean | undefined {
  let doc: Record<string, unknown>;
  try {
    doc = parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const tool = doc.tool as Record<string, unknown> | undefined;
  const json = tomlAsJson(doc);
  const whole = validatePyproject(json);
  const microb = tool?.microb === undefined ? true : validateMicrob(tomlAsJson(tool.microb));
  if (whole !== microb) throw new Error('microb.schema.json and pyproject.schema.json disagree');
  return microb;
}

export function schemaErrors(): string {
  return ajv.errorsText(validateMicrob.errors);
}

export function validatorVerdict(text: string): boolean | undefined {
  try {
    checkMicrobTables('pyproject.toml', text);
    return true;
  } catch (error) {
    if (error instanceof ConfigError) return error.problem.startsWith('invalid TOML') ? undefined : false;
    throw error;
  }
}
