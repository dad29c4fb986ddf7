import { createHash } from 'node:crypto';
import { isTable, type TomlTable } from '../pyproject/document.js';
import type { KeyPath } from '../pyproject/sourceMap.js';
import { checkHash, normalizeName, type LockFile } from './lockFile.js';
import { parseRequirement } from './pep508.js';
import { pythonJsonDumps } from './pyJson.js';
import type { LockedRequirement, LockEdge, LockNode } from './types.js';

/**
 * pdm.lock (lock_version 4.x, pdm 2.x): one version per name, dependencies as PEP 508 strings,
 * artifact hashes under [metadata.files] (4.0) or per package (`files`, 4.1+).
 */
export function readPdmLock(lock: LockFile, index: string | undefined): LockNode[] {
  const legacyFiles =
    isTable(lock.root.metadata) && isTable(lock.root.metadata.files) ? lock.root.metadata.files : undefined;
  const packages = lock.tables('package').map((table, i) => {
    const at: KeyPath = ['package', i];
    const name = lock.packageName([...at, 'name'], table.name, true);
    const version = lock.string([...at, 'version'], table.version);
    return { table, at, name, version };
  });
  const ids = new Map(packages.map((p) => [p.name, p.name]));
  const edges = (path: KeyPath, value: unknown): LockEdge[] => {
    if (!Array.isArray(value)) return [];
    return value.flatMap((text: unknown, i) => {
      const req = parseRequirement(lock.string([...path, i], text));
      if (req === undefined) throw lock.error([...path, i], `invalid requirement ${JSON.stringify(text)}`);
      const to = ids.get(normalizeName(req.name));
      if (to === undefined) return []; // excluded by its marker when the lock was made
      return [
        {
          to,
          extras: req.extras.map(normalizeName),
          ...(req.marker !== undefined && { marker: req.marker }),
        },
      ];
    });
  };
  // pdm writes `name[extra]` as its own package entry holding the extra's dependencies
  const extraEntries = new Map<string, Map<string, LockEdge[]>>();
  for (const p of packages) {
    const m = /^(.*)\[(.+)\]$/.exec(String(p.table.name));
    if (m) {
      const base = normalizeName(m[1] as string);
      const map = extraEntries.get(base) ?? new Map<string, LockEdge[]>();
      map.set(normalizeName(m[2] as string), edges([...p.at, 'dependencies'], p.table.dependencies));
      extraEntries.set(base, map);
    }
  }
  return packages
    .filter((p) => !String(p.table.name).includes('['))
    .map((p) => ({
      id: p.name,
      name: p.name,
      version: p.version,
      dependencies: edges([...p.at, 'dependencies'], p.table.dependencies),
      optional: extraEntries.get(p.name) ?? new Map(),
      requirement: (): Omit<LockedRequirement, 'marker'> => {
        const files: unknown[] = Array.isArray(p.table.files)
          ? p.table.files
          : ((legacyFiles?.[`${String(p.table.name)} ${p.version}`] as unknown[] | undefined) ?? []);
        const hashes = [
          ...new Set(
            files.map((f, i) =>
              checkHash(lock, [...p.at, 'files', i, 'hash'], isTable(f) ? f.hash : undefined),
            ),
          ),
        ].sort();
        if (hashes.length === 0)
          throw lock.error(
            p.at,
            `the lock records no hash for "${p.name}" ${p.version}`,
            'run `pdm lock` against an index that serves hashes',
          );
        return {
          name: p.name,
          version: p.version,
          ssh: false,
          kind: 'registry',
          requirement: `${p.name}==${p.version}`,
          hashes,
          ...(index !== undefined && { index }),
        };
      },
    }));
}

/**
 * pdm's content_hash over the pyproject, as each pdm generation computes it (sha256 of Python's
 * json.dumps of the hashed keys): 2.2 (Debian bookworm) hashes `[tool.pdm] overrides`; later 2.x
 * `resolution.overrides`; current pdm the whole `[tool.pdm.resolution]` and the dev groups merged
 * from `[dependency-groups]` and `[tool.pdm.dev-dependencies]`. A lock is fresh when its hash is
 * one of these (the lock file does not say which pdm wrote it).
 */
export function pdmContentHashes(root: TomlTable, algorithm: string): string[] {
  const project = isTable(root.project) ? root.project : {};
  const pdm = isTable(root.tool) && isTable(root.tool.pdm) ? root.tool.pdm : {};
  const resolution = isTable(pdm.resolution) ? pdm.resolution : {};
  const base = {
    sources: pdm.source ?? [],
    dependencies: project.dependencies ?? [],
    'optional-dependencies': project['optional-dependencies'] ?? {},
    'requires-python': project['requires-python'] ?? '',
  };
  const devGroups: Record<string, unknown[]> = {};
  const groups = isTable(root['dependency-groups']) ? root['dependency-groups'] : {};
  for (const [name, list] of Object.entries(groups))
    devGroups[normalizeName(name)] = Array.isArray(list) ? [...list] : [];
  const pdmDev = isTable(pdm['dev-dependencies']) ? pdm['dev-dependencies'] : {};
  for (const [name, list] of Object.entries(pdmDev))
    (devGroups[normalizeName(name)] ??= []).push(...(Array.isArray(list) ? list : []));
  const variants = [
    { ...base, 'dev-dependencies': pdm['dev-dependencies'] ?? {}, overrides: pdm.overrides ?? {} },
    {
      ...base,
      'dev-dependencies': pdm['dev-dependencies'] ?? {},
      overrides: pdm.overrides ?? resolution.overrides ?? {},
    },
    { ...base, 'dev-dependencies': devGroups, resolution },
  ];
  return [...new Set(variants.map((v) => createHash(algorithm).update(pythonJsonDumps(v)).digest('hex')))];
}
