import { isTable } from './document.js';
import type { FieldReader } from './fields.js';
import type { KeyPath } from './sourceMap.js';

/** One `name = "module:attr"` line of an entry-point group. */
export interface EntryPoint {
  readonly name: string;
  readonly reference: string;
}

export interface EntryPointGroup {
  /** `console_scripts`, `gui_scripts`, or a plugin group such as `pytest11`. */
  readonly group: string;
  readonly entries: readonly EntryPoint[];
}

// packaging's entry point object reference: `module.sub:attr.sub [extra]`, attr optional.
const REFERENCE = /^[\w.]+(\s*:\s*[\w.]+)?(\s*\[[\w\s,.-]*\])?$/u;
// Script names become file names in the venv's bin/: no separators, nothing to escape.
const SCRIPT_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.+-]*$/;
// entry_points.txt is INI: a name can't hold `=`, a newline or a leading `[`; nor a control
// character (the Dockerfile writes the file as a heredoc, which holds none).
// eslint-disable-next-line no-control-regex -- refusing control characters on purpose
const ENTRY_NAME = /^[^\s=[\]\u0000-\u001f\u007f][^=\u0000-\u001f\u007f\u2028\u2029]*$/;
const GROUP_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/**
 * The entry points as PEP 621 writes them (`[project.scripts]`, `[project.gui-scripts]`,
 * `[project.entry-points.GROUP]`), in file order.
 */
export function readPep621EntryPoints(fields: FieldReader): EntryPointGroup[] {
  const groups: EntryPointGroup[] = [];
  const add = (group: string, path: KeyPath, scripts: boolean) =>
    addGroup(fields, groups, group, path, scripts);
  add('console_scripts', ['project', 'scripts'], true);
  add('gui_scripts', ['project', 'gui-scripts'], true);
  readPluginGroups(fields, ['project', 'entry-points'], add);
  return groups;
}

/**
 * Poetry's `[tool.poetry.scripts]` (a string, or `{ reference = "…", type = "console" }` /
 * `{ callable = "…" }`) and `[tool.poetry.plugins.GROUP]`.
 */
export function readPoetryEntryPoints(fields: FieldReader): EntryPointGroup[] {
  const groups: EntryPointGroup[] = [];
  const scriptsPath: KeyPath = ['tool', 'poetry', 'scripts'];
  const scripts = fields.doc.get(scriptsPath);
  if (scripts !== undefined) {
    if (!isTable(scripts))
      throw fields.doc.error(scriptsPath, '`scripts` must be a table', 'app = "app.cli:main"');
    const entries: EntryPoint[] = [];
    for (const name of fields.keysInFileOrder(scriptsPath, scripts)) {
      const path = [...scriptsPath, name];
      const value = scripts[name];
      if (isTable(value)) {
        if (value.type !== undefined && value.type !== 'console') {
          // `type = "file"` scripts are copied by poetry-core itself; they have no reference.
          continue;
        }
        const field = value.reference !== undefined ? 'reference' : 'callable';
        entries.push(entry(fields, [...path, field], name, value[field], true));
      } else {
        entries.push(entry(fields, path, name, value, true));
      }
    }
    if (entries.length > 0) groups.push({ group: 'console_scripts', entries });
  }
  readPluginGroups(fields, ['tool', 'poetry', 'plugins'], (group, path) =>
    addGroup(fields, groups, group, path, false),
  );
  return groups;
}

/** The table at `path` as a group, unless it is absent or empty. */
function addGroup(
  fields: FieldReader,
  groups: EntryPointGroup[],
  group: string,
  path: KeyPath,
  scripts: boolean,
): void {
  const table = fields.doc.get(path);
  if (table === undefined) return;
  const entries = readTable(fields, path, table, scripts);
  if (entries.length > 0) groups.push({ group, entries });
}

function readPluginGroups(
  fields: FieldReader,
  path: KeyPath,
  add: (group: string, path: KeyPath, scripts: boolean) => void,
): void {
  const table = fields.doc.get(path);
  if (table === undefined) return;
  if (!isTable(table))
    throw fields.doc.error(
      path,
      `\`${String(path[path.length - 1])}\` must be a table of groups`,
      '[project.entry-points."group"]',
    );
  for (const group of fields.keysInFileOrder(path, table)) {
    if (!GROUP_NAME.test(group))
      throw fields.doc.error(
        [...path, group],
        `invalid entry-point group name ${JSON.stringify(group)}`,
        'letters, digits, ".", "_" and "-"',
      );
    add(group, [...path, group], false);
  }
}

function readTable(fields: FieldReader, path: KeyPath, table: unknown, scripts: boolean): EntryPoint[] {
  if (!isTable(table))
    throw fields.doc.error(
      path,
      `\`${String(path[path.length - 1])}\` must be a table`,
      'name = "package.module:function"',
    );
  return fields
    .keysInFileOrder(path, table)
    .map((name) => entry(fields, [...path, name], name, table[name], scripts));
}

function entry(
  fields: FieldReader,
  path: KeyPath,
  name: string,
  value: unknown,
  script: boolean,
): EntryPoint {
  const reference = fields.string(path, value).trim();
  if (script ? !SCRIPT_NAME.test(name) : !ENTRY_NAME.test(name) || name.trim() !== name) {
    throw fields.doc.error(
      path,
      `invalid ${script ? 'script' : 'entry point'} name ${JSON.stringify(name)}`,
      script
        ? 'a script name is a file name in the image: letters, digits, ".", "_", "+" and "-"'
        : 'an entry point name has no "=", no line break or other control character, and no leading "["',
    );
  }
  if (!REFERENCE.test(reference) || (script && !reference.includes(':'))) {
    throw fields.doc.error(
      path,
      `invalid entry point reference ${JSON.stringify(reference)}`,
      script
        ? 'a script needs "package.module:function"'
        : 'write "package.module" or "package.module:attribute"',
    );
  }
  // packaging reads any whitespace around `:` and `[` as a space; entry_points.txt is written as a
  // heredoc, which holds no tab or U+2028
  return { name, reference: reference.replace(/\s/g, ' ') };
}
