/**
 * `extends = "other"`: a target made of another target's keys, with its own keys replacing them
 * (whole values: a table such as `env` set here replaces the inherited one). Each table is
 * checked on its own first, so an error points at the table that holds the key.
 */
import type { FieldReader } from '../pyproject/fields.js';
import type { KeyPath } from '../pyproject/sourceMap.js';
import { closest } from '../pyproject/suggest.js';
import { checkRecord } from './checkShape.js';
import { TARGET } from './keys.js';

export interface MergedTarget {
  /** The keys of the target and of every target it extends, `extends` itself left out. */
  readonly table: Record<string, unknown>;
  /** The target whose table holds each key. */
  readonly origin: ReadonlyMap<string, string>;
}

const MICROB_TARGET: KeyPath = ['tool', 'microb', 'target'];
const cache = new WeakMap<ReadonlyMap<string, unknown>, Map<string, MergedTarget>>();

/** The target's table with what it extends merged in; each table is merged once per project. */
/** `a → b → a` from the chain that reached a target a second time. */
function cycle(path: readonly string[]): string {
  return path.slice(path.indexOf(path[path.length - 1] ?? '')).join(' → ');
}

export function mergeExtends(
  fields: FieldReader,
  tables: ReadonlyMap<string, Record<string, unknown>>,
  name: string,
): MergedTarget {
  let done = cache.get(tables);
  if (done === undefined) {
    done = new Map();
    cache.set(tables, done);
  }
  const merged = done;
  const doc = fields.doc;
  const visit = (current: string, chain: readonly string[]): MergedTarget => {
    const known = merged.get(current);
    if (known !== undefined) return known;
    const table = tables.get(current) ?? {};
    const path: KeyPath = [...MICROB_TARGET, current];
    checkRecord(fields, TARGET, table, (key) => [...path, key], path, current);
    const { extends: parentName, ...own } = table;
    let result: MergedTarget;
    if (typeof parentName !== 'string') {
      result = { table: own, origin: new Map(Object.keys(own).map((k) => [k, current])) };
    } else {
      if (chain.includes(parentName) || parentName === current)
        throw doc.error(
          [...path, 'extends'],
          `\`extends\` makes a cycle: ${cycle([...chain, current, parentName])}`,
          'a target cannot extend itself, directly or through others: remove one `extends`',
        );
      if (!tables.has(parentName)) {
        const names = [...tables.keys()].filter((n) => n !== current);
        const guess = closest(parentName, names);
        throw doc.error(
          [...path, 'extends'],
          `\`extends\` names an unknown target "${parentName}"`,
          guess ? `did you mean "${guess}"?` : `targets: ${names.slice(0, 20).join(', ') || '(none other)'}`,
        );
      }
      const parent = visit(parentName, [...chain, current]);
      const origin = new Map(parent.origin);
      for (const key of Object.keys(own)) origin.set(key, current);
      result = { table: { ...parent.table, ...own }, origin };
    }
    merged.set(current, result);
    return result;
  };
  return visit(name, []);
}
