/**
 * What a change of configuration does to the installed dependencies: two plans' dependency lists
 * (`BuildPlanSummary.dependencies`: the lock's pins, or the requested requirements) compared by
 * distribution name. The PR comment shows the result as a table above the Dockerfile diff.
 * Pure; linear in the lists' length (one map per side).
 */
import { formatMarker, normalizeName, parseRequirement, Pep508Error } from '../pyproject/pep508.js';

export interface DependencyChange {
  /** PEP 503 name (`requests`); for a line that is not a requirement (`-r requirements.txt`), the line. */
  readonly name: string;
  /** What the base installs (`2.31.0`, `>=2`, `@ git+https://…`), absent when it doesn't. */
  readonly before?: string;
  /** What the head installs, absent when it doesn't. */
  readonly after?: string;
}

/**
 * Added (no `before`), removed (no `after`) and changed entries, sorted by name. A name listed
 * more than once (different markers) is one entry whose versions are joined with `; `.
 */
export function dependencyChanges(before: readonly string[], after: readonly string[]): DependencyChange[] {
  const base = byName(before);
  const head = byName(after);
  const names = [...new Set([...base.keys(), ...head.keys()])].sort();
  const changes: DependencyChange[] = [];
  for (const name of names) {
    const b = base.get(name);
    const a = head.get(name);
    if (b === a) continue;
    changes.push({ name, ...(b !== undefined && { before: b }), ...(a !== undefined && { after: a }) });
  }
  return changes;
}

function byName(lines: readonly string[]): Map<string, string> {
  const grouped = new Map<string, string[]>();
  for (const line of lines) {
    const { name, version } = describe(line);
    const list = grouped.get(name) ?? [];
    list.push(version);
    grouped.set(name, list);
  }
  return new Map([...grouped].map(([name, versions]) => [name, [...new Set(versions)].sort().join('; ')]));
}

/** `requests==2.31.0` → 2.31.0; `x>=1,<2 ; python_version < "3.12"` → `>=1,<2 (python_version < "3.12")`. */
function describe(line: string): { name: string; version: string } {
  let r: ReturnType<typeof parseRequirement>;
  try {
    r = parseRequirement(line.trim());
  } catch (error) {
    if (!(error instanceof Pep508Error)) throw error;
    return { name: line.trim(), version: '' };
  }
  const [only] = r.specifiers;
  const pinned = r.specifiers.length === 1 && only !== undefined && (only.op === '==' || only.op === '===');
  const version =
    r.url !== undefined
      ? `@ ${r.url}`
      : pinned
        ? only.version
        : r.specifiers.map((s) => `${s.op}${s.version}`).join(',') || 'any';
  const extras = r.extras.length > 0 ? `[${[...r.extras].sort().join(',')}] ` : '';
  const marker = r.marker !== undefined ? ` (${formatMarker(r.marker)})` : '';
  return { name: normalizeName(r.name), version: `${extras}${version}${marker}` };
}
