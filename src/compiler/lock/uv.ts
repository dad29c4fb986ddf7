import { isTable, type TomlTable } from '../pyproject/document.js';
import type { KeyPath } from '../pyproject/sourceMap.js';
import { checkHash, normalizeName, type LockFile } from './lockFile.js';
import type { LockedRequirement, LockEdge, LockNode } from './types.js';

/** A uv.lock read as a graph, plus what it recorded about the project (for the staleness check). */
export interface UvLock {
  readonly nodes: readonly LockNode[];
  /** The project's own package, or undefined when the lock has none by that name. */
  readonly project?: {
    readonly id: string;
    readonly dependencies: readonly LockEdge[];
    readonly optional: ReadonlyMap<string, readonly LockEdge[]>;
    readonly groups: ReadonlyMap<string, readonly LockEdge[]>;
    readonly requiresDist?: readonly TomlTable[];
    readonly requiresDev?: TomlTable;
    readonly path: KeyPath;
  };
  readonly requiresPython?: string;
}

interface Entry {
  readonly table: TomlTable;
  readonly index: number;
  readonly name: string;
  readonly version: string;
  readonly sourceKey: string;
  readonly id: string;
}

export function readUvLock(lock: LockFile, projectName: string | undefined): UvLock {
  const version = lock.root.version;
  if (version !== 1)
    throw lock.error(
      ['version'],
      `unsupported uv.lock version ${JSON.stringify(version)}`,
      'this is uv.lock format version 1 (uv 0.3 and later); regenerate it with `uv lock`',
    );
  const entries: Entry[] = lock.tables('package').map((table, index) => {
    const at = ['package', index];
    const name = lock.packageName([...at, 'name'], table.name);
    const version = lock.optionalString([...at, 'version'], table.version) ?? '';
    const sourceKey = JSON.stringify(table.source ?? null);
    return { table, index, name, version, sourceKey, id: `${name} ${version} ${index}` };
  });
  const byName = new Map<string, Entry[]>();
  for (const e of entries) byName.set(e.name, [...(byName.get(e.name) ?? []), e]);

  const edges = (path: KeyPath, value: unknown): LockEdge[] => {
    if (value === undefined) return [];
    if (!Array.isArray(value)) throw lock.error(path, 'expected an array of dependencies');
    return value.map((dep: unknown, i) => {
      const at = [...path, i];
      if (!isTable(dep)) throw lock.error(at, 'expected a table { name = "…" }');
      const name = lock.packageName([...at, 'name'], dep.name);
      let candidates = byName.get(name) ?? [];
      if (dep.version !== undefined) candidates = candidates.filter((c) => c.version === dep.version);
      if (dep.source !== undefined && candidates.length > 1) {
        const key = JSON.stringify(dep.source);
        candidates = candidates.filter((c) => c.sourceKey === key);
      }
      if (candidates.length !== 1)
        throw lock.error(
          at,
          candidates.length === 0
            ? `dependency "${name}" is not among the locked packages`
            : `dependency "${name}" matches ${candidates.length} locked packages`,
          'the lock is inconsistent: regenerate it with `uv lock`',
        );
      const extras = dep.extra === undefined ? [] : stringList(lock, [...at, 'extra'], dep.extra);
      const marker = lock.optionalString([...at, 'marker'], dep.marker);
      return { to: (candidates[0] as Entry).id, extras, ...(marker !== undefined && { marker }) };
    });
  };
  const tableOfEdges = (path: KeyPath, value: unknown): Map<string, LockEdge[]> => {
    const out = new Map<string, LockEdge[]>();
    if (value === undefined) return out;
    if (!isTable(value)) throw lock.error(path, 'expected a table');
    for (const [key, list] of Object.entries(value)) out.set(normalizeName(key), edges([...path, key], list));
    return out;
  };

  const wanted = projectName === undefined ? undefined : normalizeName(projectName);
  const isProject = (e: Entry) =>
    wanted !== undefined
      ? e.name === wanted && isLocal(e.table.source)
      : isTable(e.table.source) && (e.table.source.editable === '.' || e.table.source.virtual === '.');
  let project: UvLock['project'];
  const nodes: LockNode[] = [];
  for (const e of entries) {
    const at: KeyPath = ['package', e.index];
    const dependencies = edges([...at, 'dependencies'], e.table.dependencies);
    const optional = tableOfEdges([...at, 'optional-dependencies'], e.table['optional-dependencies']);
    if (project === undefined && isProject(e)) {
      const metadata = isTable(e.table.metadata) ? e.table.metadata : undefined;
      const requiresDist = metadata?.['requires-dist'];
      const requiresDev = metadata?.['requires-dev'];
      project = {
        id: e.id,
        dependencies,
        optional,
        groups: tableOfEdges([...at, 'dev-dependencies'], e.table['dev-dependencies']),
        ...(Array.isArray(requiresDist) && { requiresDist: requiresDist.filter(isTable) }),
        ...(isTable(requiresDev) && { requiresDev }),
        path: at,
      };
    }
    nodes.push({
      id: e.id,
      name: e.name,
      version: e.version,
      dependencies,
      optional,
      requirement: () => requirementOf(lock, e, at),
    });
  }
  const requiresPython = lock.optionalString(['requires-python'], lock.root['requires-python']);
  return { nodes, ...(project && { project }), ...(requiresPython !== undefined && { requiresPython }) };
}

function isLocal(source: unknown): boolean {
  return (
    isTable(source) &&
    (source.editable !== undefined || source.virtual !== undefined || source.directory !== undefined)
  );
}

function stringList(lock: LockFile, path: KeyPath, value: unknown): string[] {
  if (!Array.isArray(value)) throw lock.error(path, 'expected an array of strings');
  return value.map((v: unknown, i) => lock.string([...path, i], v));
}

function requirementOf(lock: LockFile, e: Entry, at: KeyPath): Omit<LockedRequirement, 'marker'> {
  const source = e.table.source;
  if (!isTable(source)) throw lock.error([...at, 'source'], `package "${e.name}" has no source`);
  const hashes = (): string[] => {
    const list: string[] = [];
    const sdist = e.table.sdist;
    if (isTable(sdist) && sdist.hash !== undefined)
      list.push(checkHash(lock, [...at, 'sdist', 'hash'], sdist.hash));
    const wheels = e.table.wheels;
    if (Array.isArray(wheels))
      wheels.forEach((w: unknown, i) => {
        if (isTable(w) && w.hash !== undefined)
          list.push(checkHash(lock, [...at, 'wheels', i, 'hash'], w.hash));
      });
    return [...new Set(list)].sort();
  };
  const base = { name: e.name, version: e.version, ssh: false };
  if (typeof source.registry === 'string') {
    if (!/^https?:\/\//i.test(source.registry))
      throw lock.error(
        [...at, 'source'],
        `package "${e.name}" comes from the local registry directory ${JSON.stringify(source.registry)}`,
        'only http(s) indexes can be reached from the build; serve those files from an index',
      );
    const list = hashes();
    if (list.length === 0)
      throw lock.error(
        [...at, 'source'],
        `the lock records no hash for "${e.name}" ${e.version}`,
        'every locked artifact is installed hash-checked: use an index that serves hashes and run `uv lock`',
      );
    return {
      ...base,
      kind: 'registry',
      requirement: `${e.name}==${e.version}`,
      hashes: list,
      index: source.registry,
    };
  }
  if (typeof source.git === 'string') {
    const git = parseGitSource(source.git);
    if (git === undefined)
      throw lock.error(
        [...at, 'source'],
        `package "${e.name}": the git source has no locked commit`,
        'regenerate the lock with `uv lock`',
      );
    const ssh = /^ssh:\/\//i.test(git.url) || /^[^/]+@[^/]+:/.test(git.url);
    const subdirectory = git.subdirectory === undefined ? '' : `#subdirectory=${git.subdirectory}`;
    return {
      ...base,
      ssh,
      kind: 'git',
      requirement: `${e.name} @ git+${git.url}@${git.commit}${subdirectory}`,
      hashes: [],
    };
  }
  if (typeof source.url === 'string') {
    return { ...base, kind: 'url', requirement: `${e.name} @ ${source.url}`, hashes: hashes() };
  }
  const local = source.path ?? source.directory ?? source.editable ?? source.virtual;
  if (typeof local === 'string') {
    if (source.virtual !== undefined)
      throw lock.error(
        [...at, 'source'],
        `package "${e.name}" is a virtual workspace member (it has no build system)`,
        'only its dependencies can be installed: add them to the project, or give it a [build-system]',
      );
    return {
      ...base,
      kind: 'path',
      requirement: e.name,
      hashes: source.path !== undefined ? hashes() : [],
      path: local,
    };
  }
  throw lock.error(
    [...at, 'source'],
    `package "${e.name}" has a source this version of microb can't install`,
    'supported: registry, git, url, path, directory, editable',
  );
}

/** `https://host/repo.git?rev=dev&subdirectory=x#<commit>` → parts. */
function parseGitSource(
  text: string,
): { url: string; commit: string; reference?: string; subdirectory?: string } | undefined {
  const hash = text.lastIndexOf('#');
  if (hash === -1) return undefined;
  const commit = text.slice(hash + 1);
  if (!/^[0-9a-f]{7,64}$/.test(commit)) return undefined;
  const before = text.slice(0, hash);
  const q = before.indexOf('?');
  const url = q === -1 ? before : before.slice(0, q);
  const params = new URLSearchParams(q === -1 ? '' : before.slice(q + 1));
  const reference = params.get('rev') ?? params.get('tag') ?? params.get('branch') ?? undefined;
  const subdirectory = params.get('subdirectory') ?? undefined;
  return {
    url,
    commit,
    ...(reference !== undefined && { reference }),
    ...(subdirectory !== undefined && { subdirectory }),
  };
}
