import { isTable, type PyprojectDocument } from '../pyproject/document.js';
import type { KeyPath } from '../pyproject/sourceMap.js';
import { normalizeName } from './lockFile.js';

/**
 * PEP 735 `[dependency-groups]` with `{ include-group = "…" }` resolved (cycles are an error),
 * plus uv's legacy `[tool.uv] dev-dependencies` as group `dev`. Names normalized.
 */
export function readDependencyGroups(
  doc: PyprojectDocument,
): Map<string, { requirements: string[]; path: KeyPath }> {
  const raw = doc.get(['dependency-groups']);
  const table = isTable(raw) ? raw : {};
  const byName = new Map<string, string>();
  for (const key of Object.keys(table)) byName.set(normalizeName(key), key);
  const out = new Map<string, { requirements: string[]; path: KeyPath }>();
  const resolve = (name: string, stack: string[]): string[] => {
    const key = byName.get(name);
    if (key === undefined)
      throw doc.error(
        ['dependency-groups', ...stack.slice(-1)],
        `include-group "${name}" names no dependency group`,
      );
    if (stack.includes(name))
      throw doc.error(
        ['dependency-groups', key],
        `dependency groups include each other: ${[...stack, name].join(' → ')}`,
      );
    const list = table[key];
    const path: KeyPath = ['dependency-groups', key];
    if (!Array.isArray(list)) throw doc.error(path, `dependency group "${key}" must be an array`);
    return list.flatMap((item: unknown, i) => {
      if (typeof item === 'string') return [item];
      if (isTable(item) && typeof item['include-group'] === 'string')
        return resolve(normalizeName(item['include-group']), [...stack, name]);
      throw doc.error(
        [...path, i],
        'a dependency group entry is a requirement string or { include-group = "…" }',
      );
    });
  };
  for (const [name, key] of byName)
    out.set(name, { requirements: resolve(name, []), path: ['dependency-groups', key] });
  const uvDev = doc.get(['tool', 'uv', 'dev-dependencies']);
  if (Array.isArray(uvDev) && !out.has('dev'))
    out.set('dev', {
      requirements: uvDev.filter((r): r is string => typeof r === 'string'),
      path: ['tool', 'uv', 'dev-dependencies'],
    });
  return out;
}

/** Poetry's `[tool.poetry.group.X.dependencies]` (and the legacy `dev-dependencies` as `dev`). */
export function poetryGroups(doc: PyprojectDocument): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  const groups = doc.get(['tool', 'poetry', 'group']);
  if (isTable(groups))
    for (const [name, group] of Object.entries(groups))
      if (isTable(group) && isTable(group.dependencies))
        out.set(normalizeName(name), group.dependencies as Record<string, unknown>);
  const legacy = doc.get(['tool', 'poetry', 'dev-dependencies']);
  if (isTable(legacy) && !out.has('dev')) out.set('dev', legacy as Record<string, unknown>);
  return out;
}

/** pdm's groups: PEP 735 `[dependency-groups]` (current pdm) and `[tool.pdm.dev-dependencies]`. */
export function pdmGroups(doc: PyprojectDocument): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (isTable(doc.get(['dependency-groups'])))
    for (const [name, group] of readDependencyGroups(doc)) out.set(name, [...group.requirements]);
  const groups = doc.get(['tool', 'pdm', 'dev-dependencies']);
  if (isTable(groups))
    for (const [name, list] of Object.entries(groups))
      if (Array.isArray(list))
        out.set(normalizeName(name), [
          ...(out.get(normalizeName(name)) ?? []),
          ...list.filter((r): r is string => typeof r === 'string'),
        ]);
  return out;
}
