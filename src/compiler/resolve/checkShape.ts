/**
 * The validator half of keys.ts: every constraint of the key table, enforced with an error at the
 * offending field's line. jsonSchema.ts is the other half; both read only the table.
 */
import { isTable } from '../pyproject/document.js';
import type { FieldReader } from '../pyproject/fields.js';
import type { KeyPath } from '../pyproject/sourceMap.js';
import { closest } from '../pyproject/suggest.js';
import {
  APK_PACKAGE,
  APT_PACKAGE,
  MAX_STRING,
  NO_CONTROL,
  type ArrayShape,
  type RecordShape,
  type Shape,
  type StringShape,
} from './keys.js';

/** Patterns run with the `u` flag, as JSON Schema validators run them. */
const compiled = new Map<RegExp, RegExp>();
export function unicode(regex: RegExp): RegExp {
  let u = compiled.get(regex);
  if (u === undefined) {
    u = new RegExp(regex.source, 'u');
    compiled.set(regex, u);
  }
  return u;
}

/** The port pattern shared with the schema: 1–65535, optionally /tcp or /udp. */
export const PORT =
  /^(6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3})(\/(tcp|udp))?$/;

/**
 * Check `table` against `shape`; `at(key)` is where each key is written (a target that extends
 * another has keys written in both tables), `whole` where the table itself is.
 */
export function checkRecord(
  fields: FieldReader,
  shape: RecordShape,
  table: Record<string, unknown>,
  at: (key: string) => KeyPath,
  whole: KeyPath,
  name = '',
): void {
  const doc = fields.doc;
  const known = Object.keys(shape.keys);
  for (const key of Object.keys(table)) {
    if (!known.includes(key)) {
      const guess = closest(key, known);
      throw doc.error(
        at(key),
        `unknown key \`${key}\`${shape.unknownIn.replace('{name}', name)}`,
        guess ? `did you mean \`${guess}\`?` : `${shape.keyList}: ${known.join(', ')}`,
      );
    }
  }
  for (const r of shape.required ?? [])
    if (table[r.key] === undefined) throw doc.error(whole, r.problem, r.hint);
  for (const [key, spec] of Object.entries(shape.keys)) {
    const value = table[key];
    if (value !== undefined) checkValue(fields, spec.shape, value, at(key), table);
  }
  const has = (key: string) => table[key] !== undefined;
  for (const rule of shape.rules ?? []) {
    if (rule.kind === 'exclusive' && rule.keys.every(has))
      throw doc.error(at(rule.at), rule.problem, rule.hint);
    if (rule.kind === 'needs' && rule.ifAny.some(has) && !rule.anyOf.some(has)) {
      const set = rule.ifAny.find(has) ?? '';
      throw doc.error(at(set), rule.problem, rule.hint);
    }
    if (
      rule.kind === 'emptyWhen' &&
      table[rule.when] === rule.equals &&
      Array.isArray(table[rule.key]) &&
      (table[rule.key] as unknown[]).length > 0
    )
      throw doc.error(at(rule.key), rule.problem, rule.hint);
    if (rule.kind === 'when' && has(rule.present) && !unicode(rule.regex).test(String(table[rule.key])))
      throw doc.error(at(rule.present), rule.problem, rule.hint);
  }
}

function checkValue(
  fields: FieldReader,
  shape: Shape,
  value: unknown,
  path: KeyPath,
  table: Record<string, unknown>,
): void {
  const doc = fields.doc;
  switch (shape.kind) {
    case 'string':
      checkString(fields, shape, value, path);
      return;
    case 'integer': {
      const n = fields.integer(path, value);
      if (n < shape.minimum || n > shape.maximum)
        throw doc.error(
          path,
          `\`${lastKey(path)}\` must be between ${shape.minimum} and ${shape.maximum}`,
          shape.hint,
        );
      return;
    }
    case 'boolean':
      fields.boolean(path, value);
      return;
    case 'packages': {
      const alpine = table.flavor === 'alpine';
      fields.stringArray(path, value).forEach((pkg, i) => {
        checkString(fields, { kind: 'string' }, pkg, [...path, i]);
        if (!unicode(alpine ? APK_PACKAGE : APT_PACKAGE).test(pkg))
          throw doc.error(
            [...path, i],
            `invalid ${alpine ? 'apk' : 'apt'} package name ${JSON.stringify(pkg)}`,
            'one package per string, e.g. "libffi-dev" or "libpq5=15.*"',
          );
      });
      return;
    }
    case 'templates':
      for (const [key, text] of fields.stringTable(path, value)) {
        if (!unicode(shape.keyPattern).test(key))
          throw doc.error([...path, key], `invalid key ${JSON.stringify(key)}`, `expected a ${shape.what}`);
        checkLength(fields, [...path, key], text);
        if (!unicode(NO_CONTROL).test(text))
          throw doc.error(
            [...path, key],
            `the value of ${key} contains a control character (newline, tab, …)`,
            'Dockerfile ENV and LABEL values are one line: remove it or encode it (e.g. as \\n for your app to decode)',
          );
      }
      return;
    case 'port':
      if (typeof value === 'number') {
        if (!Number.isInteger(value) || value < 1 || value > 65535)
          throw doc.error(
            path,
            `invalid port ${String(value)}`,
            'a port from 1 to 65535, e.g. 8000 or "53/udp"',
          );
        return;
      }
      if (typeof value !== 'string' || !unicode(PORT).test(value))
        throw doc.error(
          path,
          `invalid port ${typeof value === 'string' ? JSON.stringify(value) : `(${typeof value})`}`,
          'a port from 1 to 65535, optionally with "/tcp" or "/udp", e.g. 8000 or "53/udp"',
        );
      return;
    case 'pathOrFalse':
      if (value === false) return;
      if (value === true) throw doc.error(path, shape.trueProblem.problem, shape.trueProblem.hint);
      checkString(fields, shape.string, value, path);
      return;
    case 'array':
      checkArray(fields, shape, value, path);
      return;
    case 'record':
      if (!isTable(value))
        throw fields.doc.error(path, `\`${lastKey(path)}\` must be a table`, `e.g. ${shape.example}`);
      checkRecord(fields, shape, value as Record<string, unknown>, (key) => [...path, key], path);
      return;
  }
}

function checkArray(fields: FieldReader, shape: ArrayShape, value: unknown, path: KeyPath): void {
  const doc = fields.doc;
  const items = shape.items;
  let list: readonly unknown[];
  if (items.kind === 'string') {
    list = fields.stringArray(path, value);
    list.forEach((item, i) => checkString(fields, items, item, [...path, i]));
  } else if (items.kind === 'record') {
    list = fields.tableArray(path, value, shape.example ?? '[{ … }]');
    list.forEach((item, i) =>
      checkRecord(fields, items, item as Record<string, unknown>, (key) => [...path, i, key], [...path, i]),
    );
  } else {
    if (!Array.isArray(value))
      throw doc.error(
        path,
        `\`${lastKey(path)}\` must be an array`,
        `e.g. ${lastKey(path)} = [8000, "53/udp"]`,
      );
    list = value;
    list.forEach((item, i) => checkValue(fields, items, item, [...path, i], {}));
  }
  if (shape.minItems !== undefined && list.length < shape.minItems.count)
    throw doc.error(path, `\`${lastKey(path)}\` must not be empty`, shape.minItems.hint);
  if (shape.atMostOne !== undefined) {
    const key = shape.atMostOne.key;
    if (list.filter((item) => isTable(item) && (item as Record<string, unknown>)[key] === true).length > 1)
      throw doc.error(path, shape.atMostOne.problem, shape.atMostOne.hint);
  }
}

function checkString(fields: FieldReader, shape: StringShape, value: unknown, path: KeyPath): string {
  const doc = fields.doc;
  if (typeof value === 'number' && shape.numberProblem) {
    const { problem, hint } = shape.numberProblem(value);
    throw doc.error(path, problem, hint);
  }
  const text = fields.string(path, value);
  checkLength(fields, path, text);
  if (shape.oneOf && !shape.oneOf.values.includes(text))
    throw doc.error(path, shape.oneOf.problem(text), shape.oneOf.hint);
  if (shape.noneOf?.values.includes(text))
    throw doc.error(path, shape.noneOf.problem(text), shape.noneOf.hint);
  if (shape.pattern && !unicode(shape.pattern.regex).test(text))
    throw doc.error(path, shape.pattern.problem(text), shape.pattern.hint(text));
  return text;
}

function checkLength(fields: FieldReader, path: KeyPath, text: string): void {
  if (text.length > MAX_STRING && [...text].length > MAX_STRING)
    throw fields.doc.error(
      path,
      `\`${lastKey(path)}\` is ${[...text].length} characters long, more than the ${MAX_STRING} microb accepts`,
      'shorten it: every value is written on one Dockerfile line',
    );
}

function lastKey(path: KeyPath): string {
  return String(path[path.length - 1] ?? '');
}
