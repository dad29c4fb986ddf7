import { isTable } from '../pyproject/document.js';
import type { KeyPath } from '../pyproject/sourceMap.js';
import { checkHash, normalizeName, type LockFile } from './lockFile.js';
import type { LockedRequirement, LockNode } from './types.js';

/**
 * PEP 751 pylock.toml: a flat list of packages, each installed when its marker holds. Markers
 * that test `extras` / `dependency_groups` are decided here (pip can't), from the target's
 * `extras` and `groups`; other markers are left for pip to evaluate in each platform's build.
 */
export function readPylock(
  lock: LockFile,
  extras: readonly string[],
  groups: readonly string[],
): { node: LockNode; marker: string | undefined }[] {
  const version = lock.root['lock-version'];
  if (typeof version !== 'string' || !/^1\.\d+$/.test(version))
    throw lock.error(
      ['lock-version'],
      `unsupported lock-version ${JSON.stringify(version)}`,
      'PEP 751 lock-version "1.0"',
    );
  const defaults = Array.isArray(lock.root['default-groups'])
    ? lock.root['default-groups'].filter((g): g is string => typeof g === 'string')
    : [];
  const activeGroups = groups.length > 0 ? groups : defaults.map(normalizeName);
  return lock.tables('packages').flatMap((table, i) => {
    const at: KeyPath = ['packages', i];
    const name = lock.packageName([...at, 'name'], table.name);
    const version = lock.optionalString([...at, 'version'], table.version) ?? '';
    let marker = lock.optionalString([...at, 'marker'], table.marker);
    if (marker !== undefined && /\b(extras|dependency_groups)\b/.test(marker)) {
      const decided = decide(marker, extras, activeGroups);
      if (decided === undefined)
        throw lock.error(
          [...at, 'marker'],
          `the marker of "${name}" combines extras/dependency_groups with other tests in a way microb can't split`,
          'install without extras/groups, or simplify the marker',
        );
      if (!decided.keep) return [];
      marker = decided.rest;
    }
    const node: LockNode = {
      id: `${name} ${version} ${i}`,
      name,
      version,
      dependencies: [],
      optional: new Map(),
      requirement: () => requirementOf(lock, at, table, name, version),
    };
    return [{ node, marker }];
  });
}

/** A marker that is a conjunction of `'x' in extras` / `'g' in dependency_groups` and other tests. */
function decide(
  marker: string,
  extras: readonly string[],
  groups: readonly string[],
): { keep: boolean; rest?: string } | undefined {
  if (/\bor\b|[()]/.test(marker)) return undefined;
  const rest: string[] = [];
  for (const atom of marker.split(/\band\b/).map((s) => s.trim())) {
    const m = /^['"]([^'"]+)['"]\s+(not in|in)\s+(extras|dependency_groups)$/.exec(atom);
    if (!m) {
      if (/\b(extras|dependency_groups)\b/.test(atom)) return undefined;
      rest.push(atom);
      continue;
    }
    const set = m[3] === 'extras' ? extras : groups;
    const has = set.includes(normalizeName(m[1] as string));
    if ((m[2] === 'in') !== has) return { keep: false };
  }
  return { keep: true, ...(rest.length > 0 && { rest: rest.join(' and ') }) };
}

function requirementOf(
  lock: LockFile,
  at: KeyPath,
  table: Record<string, unknown>,
  name: string,
  version: string,
): Omit<LockedRequirement, 'marker'> {
  const hashesOf = (path: KeyPath, value: unknown): string[] =>
    isTable(value) && isTable(value.hashes)
      ? Object.entries(value.hashes).map(([algo, hex]) =>
          checkHash(lock, [...path, 'hashes', algo], `${algo}:${String(hex)}`),
        )
      : [];
  const base = { name, version, ssh: false };
  if (isTable(table.vcs)) {
    const vcs = table.vcs;
    if (vcs.type !== 'git' || typeof vcs.url !== 'string' || typeof vcs['commit-id'] !== 'string')
      throw lock.error(
        [...at, 'vcs'],
        `package "${name}": only git sources with a url and commit-id can be installed`,
      );
    const sub = typeof vcs.subdirectory === 'string' ? `#subdirectory=${vcs.subdirectory}` : '';
    return {
      ...base,
      ssh: /^ssh:/i.test(vcs.url),
      kind: 'git',
      requirement: `${name} @ git+${vcs.url}@${vcs['commit-id']}${sub}`,
      hashes: [],
    };
  }
  if (isTable(table.directory) && typeof table.directory.path === 'string')
    return { ...base, kind: 'path', requirement: name, hashes: [], path: table.directory.path };
  if (isTable(table.archive)) {
    const archive = table.archive;
    const hashes = hashesOf([...at, 'archive'], archive);
    if (typeof archive.url === 'string')
      return { ...base, kind: 'url', requirement: `${name} @ ${archive.url}`, hashes };
    if (typeof archive.path === 'string')
      return { ...base, kind: 'path', requirement: name, hashes, path: archive.path };
  }
  const hashes = [
    ...hashesOf([...at, 'sdist'], table.sdist),
    ...(Array.isArray(table.wheels)
      ? table.wheels.flatMap((w: unknown, j) => hashesOf([...at, 'wheels', j], w))
      : []),
  ];
  if (hashes.length === 0)
    throw lock.error(
      at,
      `the lock records no hash for "${name}" ${version}`,
      'PEP 751 requires hashes for every sdist and wheel',
    );
  const index = typeof table.index === 'string' ? table.index : undefined;
  return {
    ...base,
    kind: 'registry',
    requirement: `${name}==${version}`,
    hashes: [...new Set(hashes)].sort(),
    ...(index !== undefined && { index }),
  };
}
