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

/** Target-table bodies on the edges of each rule: the schema's verdict must be the validator's. */
export const EDGE_CASES: readonly string[] = [
  'env = { A = "1" }\nenvironment = { B = "2" }',
  'requirements = "r.txt"\nextras = ["x"]',
  'requirements = "r.txt"\nlock = false',
  'lock = true',
  'lock = false',
  'flavor = "alpine"\nsystem_deps = ["libpq<16"]',
  'system_deps = ["libpq<16"]',
  'indices = [{ url = "https://a/simple", primary = true }, { url = "https://b/simple" }]',
  'indices = [{ url = "https://a/simple", password_secret = "p" }]',
  'indices = [{ url = "https://a/simple", username = "u", username_secret = "u" }]',
  'add_files = [{ src = "a", dst = "b", checksum = "sha256:' + '0'.repeat(64) + '" }]',
  'add_files = [{ src = "https://h/a", dst = "b", checksum = "sha256:' + '0'.repeat(64) + '" }]',
  'copy_files = [{ src = "", dst = "b" }]',
  'labels = { "a" = "' + 'é'.repeat(15_000) + '" }',
  'labels = { "a" = "' + 'é'.repeat(15_001) + '" }',
  'python_version = 3.12',
  'healthcheck = { cmd = [] }',
  'user = 0',
  // a TOML date where a table or string belongs (found by the property above)
  'labels = 1970-01-01T00:00:00.000Z',
  'requirements = 1979-05-27',
  'shell = false\nsystem_deps = ["libpq5"]',
  'shell = false\nsystem_deps = []',
  'shell = true\nsystem_deps = ["libpq5"]',
  'extends = "default"',
];

/**
 * What microb check refuses and the schema lets through: a rule no schema that editors' engines
 * evaluate can state (counting array items needs draft 2020-12's minContains, which taplo lacks).
 */
export const BEYOND_SCHEMA: readonly string[] = [
  'indices = [{ url = "https://a/simple", primary = true }, { url = "https://b/simple", primary = true }]',
];

/** A whole pyproject around one edge case's target-table body. */
export function edgeCasePyproject(body: string): string {
  return `[project]\nname = "p"\nversion = "1"\n[tool.microb.target.default]\n${body}\n`;
}
