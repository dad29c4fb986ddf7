import { createHash } from 'node:crypto';
import { satisfies } from '@renovatebot/pep440';
import { isTable, type TomlTable } from '../pyproject/document.js';
import { poetryConstraintToPep440 } from '../pyproject/poetry.js';
import type { KeyPath } from '../pyproject/sourceMap.js';
import { checkHash, normalizeName, type LockFile } from './lockFile.js';
import { pythonJsonDumps } from './pyJson.js';
import type { LockedRequirement, LockEdge, LockNode } from './types.js';

/**
 * poetry.lock (lock-version 1.x and 2.0: Poetry 1.x). Dependencies in the lock name packages by
 * name with a Poetry constraint; when several versions of one name are locked (multiple-constraint
 * dependencies), the constraint picks the one.
 */
export function readPoetryLock(lock: LockFile): {
  nodes: LockNode[];
  edge: (path: KeyPath, name: string, spec: unknown) => (LockEdge & { optional: boolean })[];
} {
  const legacyFiles =
    isTable(lock.root.metadata) && isTable(lock.root.metadata.files) ? lock.root.metadata.files : undefined;
  const packages = lock.tables('package').map((table, index) => {
    const at: KeyPath = ['package', index];
    const name = lock.packageName([...at, 'name'], table.name);
    const version = lock.string([...at, 'version'], table.version);
    return { table, index, at, name, version, id: `${name} ${version} ${index}` };
  });
  const byName = new Map<string, typeof packages>();
  for (const p of packages) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);

  type OptionalEdge = LockEdge & { optional: boolean };
  const edge = (path: KeyPath, depName: string, spec: unknown): OptionalEdge[] => {
    const name = normalizeName(depName);
    const alternatives = Array.isArray(spec) ? spec : [spec];
    return alternatives
      .map((alt: unknown, i): OptionalEdge | undefined => {
        const at = Array.isArray(spec) ? [...path, i] : path;
        const table: TomlTable = typeof alt === 'string' ? { version: alt } : isTable(alt) ? alt : {};
        const constraint = typeof table.version === 'string' ? table.version : '*';
        let candidates = byName.get(name) ?? [];
        if (candidates.length > 1) {
          const pep440 = poetryConstraintToPep440(constraint);
          if (pep440 !== undefined && pep440 !== '')
            candidates = candidates.filter((c) => satisfies(c.version, pep440));
        }
        const marker = joinMarkers(
          typeof table.markers === 'string' ? table.markers : undefined,
          typeof table.python === 'string' ? pythonMarker(table.python) : undefined,
        );
        const extras = Array.isArray(table.extras)
          ? table.extras.filter((e): e is string => typeof e === 'string')
          : [];
        if (candidates.length === 0) return undefined; // an optional dependency left out of the lock
        if (candidates.length > 1)
          throw lock.error(
            at,
            `dependency "${name}" matches ${candidates.length} locked versions`,
            'regenerate the lock with `poetry lock --no-update`',
          );
        return {
          to: (candidates[0] as (typeof packages)[number]).id,
          extras: extras.map(normalizeName),
          ...(marker !== undefined && { marker }),
          optional: table.optional === true,
        };
      })
      .filter((e): e is OptionalEdge => e !== undefined);
  };

  const nodes: LockNode[] = packages.map((p) => {
    const deps = isTable(p.table.dependencies) ? p.table.dependencies : {};
    const all = new Map<string, OptionalEdge[]>();
    for (const [dep, spec] of Object.entries(deps))
      all.set(normalizeName(dep), edge([...p.at, 'dependencies', dep], dep, spec));
    const dependencies = [...all.values()].flat().filter((e) => !e.optional);
    const optional = new Map<string, LockEdge[]>();
    const extras = isTable(p.table.extras) ? p.table.extras : {};
    for (const [extra, list] of Object.entries(extras)) {
      if (!Array.isArray(list)) continue;
      const names = list
        .filter((s): s is string => typeof s === 'string')
        .map((s) => normalizeName(/^[A-Za-z0-9._-]+/.exec(s)?.[0] ?? s));
      optional.set(
        normalizeName(extra),
        names.flatMap((n) => all.get(n) ?? []),
      );
    }
    return {
      id: p.id,
      name: p.name,
      version: p.version,
      dependencies,
      optional,
      requirement: () => poetryRequirement(lock, p, legacyFiles),
    };
  });
  return { nodes, edge };
}

function poetryRequirement(
  lock: LockFile,
  p: { table: TomlTable; at: KeyPath; name: string; version: string },
  legacyFiles: TomlTable | undefined,
): Omit<LockedRequirement, 'marker'> {
  const files: unknown[] = Array.isArray(p.table.files)
    ? p.table.files
    : legacyFiles !== undefined && Array.isArray(legacyFiles[p.name])
      ? (legacyFiles[p.name] as unknown[])
      : [];
  const hashes = [
    ...new Set(
      files.map((f, i) => checkHash(lock, [...p.at, 'files', i, 'hash'], isTable(f) ? f.hash : undefined)),
    ),
  ].sort();
  const base = { name: p.name, version: p.version, ssh: false };
  const source = isTable(p.table.source) ? p.table.source : undefined;
  const type = source?.type;
  const url = typeof source?.url === 'string' ? source.url : '';
  if (source === undefined || type === 'legacy') {
    if (hashes.length === 0)
      throw lock.error(
        p.at,
        `the lock records no hash for "${p.name}" ${p.version}`,
        'use an index that serves hashes and run `poetry lock --no-update`',
      );
    return {
      ...base,
      kind: 'registry',
      requirement: `${p.name}==${p.version}`,
      hashes,
      ...(source !== undefined && { index: url }),
    };
  }
  if (type === 'git') {
    const commit = source.resolved_reference;
    if (typeof commit !== 'string' || !/^[0-9a-f]{7,64}$/.test(commit))
      throw lock.error(
        [...p.at, 'source'],
        `package "${p.name}": the git source has no resolved commit`,
        'run `poetry lock --no-update`',
      );
    const sub = typeof source.subdirectory === 'string' ? `#subdirectory=${source.subdirectory}` : '';
    const ssh = /^ssh:\/\//i.test(url) || /^[^/]+@[^/]+:/.test(url);
    const gitUrl = /^[^/]+@[^/]+:/.test(url) ? `ssh://${url.replace(':', '/')}` : url;
    return {
      ...base,
      ssh,
      kind: 'git',
      requirement: `${p.name} @ git+${gitUrl}@${commit}${sub}`,
      hashes: [],
    };
  }
  if (type === 'url') return { ...base, kind: 'url', requirement: `${p.name} @ ${url}`, hashes };
  if (type === 'directory' || type === 'file')
    return { ...base, kind: 'path', requirement: p.name, hashes: type === 'file' ? hashes : [], path: url };
  throw lock.error(
    [...p.at, 'source'],
    `package "${p.name}" has a source of type ${JSON.stringify(type)} microb can't install`,
    'supported: legacy (an index), git, url, directory, file',
  );
}

/**
 * Poetry's content-hash: sha256 of the relevant pyproject keys as Python's json.dumps writes them.
 * Poetry 1.x (lock-version ≤ 2.0, Debian bookworm's 1.3): the `dependencies`, `source`, `extras`,
 * `dev-dependencies` (null when absent) and `group` keys of [tool.poetry]. Poetry 2.x (lock-version
 * 2.1): when [project] has `requires-python`/`dependencies`/`optional-dependencies`, those under
 * `project` and the present [tool.poetry] keys under `tool.poetry`; otherwise as 1.x.
 */
export function poetryContentHash(root: TomlTable, lockVersion: string): string {
  const poetry = isTable(root.tool) && isTable(root.tool.poetry) ? root.tool.poetry : {};
  const legacy = ['dependencies', 'source', 'extras', 'dev-dependencies'];
  const project: Record<string, unknown> = {};
  if (lockVersion === '2.1' && isTable(root.project))
    for (const key of ['requires-python', 'dependencies', 'optional-dependencies'])
      if (root.project[key] !== undefined) project[key] = root.project[key];
  const hasProject = Object.keys(project).length > 0;
  const relevant: Record<string, unknown> = {};
  for (const key of [...legacy, 'group']) {
    const value = poetry[key];
    if (value === undefined && (!legacy.includes(key) || hasProject)) continue;
    relevant[key] = value ?? null;
  }
  const content = hasProject ? { project, tool: { poetry: relevant } } : relevant;
  return createHash('sha256').update(pythonJsonDumps(content)).digest('hex');
}

function joinMarkers(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined || b === undefined) return a ?? b;
  return `(${a}) and (${b})`;
}

/** Poetry's `python = "^3.8"` on a dependency as a marker: `python_version >= '3.8' and …`. */
function pythonMarker(constraint: string): string | undefined {
  const pep440 = poetryConstraintToPep440(constraint);
  if (pep440 === undefined || pep440 === '') return undefined;
  return pep440
    .split(',')
    .map((clause) => {
      const m = /^(==|!=|>=|<=|>|<|~=)(.+)$/.exec(clause);
      if (!m) return undefined;
      const version = m[2] as string;
      const variable = version.split('.').length > 2 ? 'python_full_version' : 'python_version';
      return `${variable} ${m[1] as string} '${version}'`;
    })
    .filter((c): c is string => c !== undefined)
    .join(' and ');
}
