import { CREDENTIAL_HINT, findUrlCredential } from '../model/credentials.js';
import path from 'node:path';
import { ConfigError } from '../model/errors.js';
import { LINE_UNSAFE } from '../model/text.js';
import { parseMarker, Pep508Error } from '../pyproject/pep508.js';
import type { ProjectSnapshot } from '../model/types.js';
import { isTable, type PyprojectDocument, type TomlTable } from '../pyproject/document.js';
import type { ProjectMetadata } from '../pyproject/projectMetadata.js';
import type { KeyPath } from '../pyproject/sourceMap.js';
import { closest } from '../pyproject/suggest.js';
import { LockGraphError, walkLock } from './graph.js';
import { pdmGroups, poetryGroups, readDependencyGroups } from './groups.js';
import { LockFile, normalizeName } from './lockFile.js';
import { pdmContentHashes, readPdmLock } from './pdm.js';
import { parseRequirement } from './pep508.js';
import { poetryContentHash, readPoetryLock } from './poetry.js';
import { readPylock } from './pylock.js';
import type { LockedRequirement, LockEdge, LockFormat, LockNode, LockPlan } from './types.js';
import { checkUvFresh } from './uvStale.js';
import { readUvLock } from './uv.js';

export type { LockPlan, LockedRequirement } from './types.js';

/** Lock files used automatically when they lie beside the pyproject (plus `pylock.<name>.toml`). */
export const LOCK_FILE_NAMES = ['uv.lock', 'poetry.lock', 'pdm.lock', 'pylock.toml'] as const;
const NAMED_PYLOCK = /^pylock\.[^./]+\.toml$/;

const REFRESH: Record<LockFormat, string> = {
  uv: 'uv lock',
  poetry: 'poetry lock --no-update',
  pdm: 'pdm lock',
  pylock: 'the tool that wrote it (e.g. `uv export -o pylock.toml`)',
};

export function lockFormatOf(path: string): LockFormat | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (base === 'uv.lock') return 'uv';
  if (base === 'poetry.lock') return 'poetry';
  if (base === 'pdm.lock') return 'pdm';
  if (base === 'pylock.toml' || NAMED_PYLOCK.test(base)) return 'pylock';
  return undefined;
}

export interface LockRequest {
  readonly doc: PyprojectDocument;
  readonly metadata: ProjectMetadata;
  readonly snapshot: ProjectSnapshot;
  /** Where the target is written (for errors about several locks). */
  readonly targetPath: KeyPath;
  /** The target's `lock` key: a path, false, or unset. */
  readonly lock: string | false | undefined;
  readonly extras: readonly string[];
  /** The target's `groups` key, or undefined when unset. */
  readonly groups: readonly string[] | undefined;
  /** The target names a `requirements` file: no lock is picked automatically. */
  readonly hasRequirements: boolean;
}

/** The lock a target installs from, translated into pinned requirements; undefined: no lock. */
export function resolveLock(request: LockRequest): LockPlan | undefined {
  const { doc, snapshot } = request;
  const at = (key: string): KeyPath => [...request.targetPath, key];
  let file: string;
  if (request.lock === false) return undefined;
  if (typeof request.lock === 'string') {
    file = request.lock;
    if (lockFormatOf(file) === undefined)
      throw doc.error(
        at('lock'),
        `unknown lock file format ${JSON.stringify(file)}`,
        'supported: uv.lock, poetry.lock, pdm.lock, pylock.toml, pylock.<name>.toml',
      );
    if (snapshot.files.get(file) == null)
      throw doc.error(
        at('lock'),
        `lock file "${file}" does not exist`,
        'the path is relative to the pyproject.toml',
      );
  } else {
    if (request.hasRequirements) return undefined;
    const found = [
      ...LOCK_FILE_NAMES.filter((name) => snapshot.files.get(name) != null),
      ...[...snapshot.files.keys()].filter(
        (name) => NAMED_PYLOCK.test(name) && snapshot.files.get(name) != null,
      ),
    ];
    if (found.length === 0) return undefined;
    if (found.length > 1)
      throw doc.error(
        request.targetPath,
        `several lock files beside the pyproject: ${found.join(', ')}`,
        `say which one this target installs: lock = "${found[0] as string}" (or lock = false for the pyproject's ranges)`,
      );
    file = found[0] as string;
  }
  const format = lockFormatOf(file) as LockFormat;
  const lock = new LockFile(sibling(snapshot.pyprojectPath, file), snapshot.files.get(file) as string);
  const refresh = REFRESH[format];
  let picked: { node: LockNode; marker: string | undefined }[];
  try {
    picked = pick(format, lock, request, refresh);
  } catch (error) {
    if (error instanceof LockGraphError)
      throw lock.error([], error.message, `regenerate it with \`${refresh}\``);
    throw error;
  }
  const requirements: LockedRequirement[] = picked.map(({ node, marker }) => {
    const requirement = { ...node.requirement(), ...(marker !== undefined && { marker }) };
    checkLine(lock, requirement, refresh);
    return requirement;
  });
  const indexes = [...new Set(requirements.flatMap((r) => (r.index !== undefined ? [r.index] : [])))];
  return { format, file, requirements, indexes, refresh };
}

function pick(
  format: LockFormat,
  lock: LockFile,
  request: LockRequest,
  refresh: string,
): { node: LockNode; marker: string | undefined }[] {
  const { doc, metadata } = request;
  const groupsPath: KeyPath = [...request.targetPath, 'groups'];
  const unknownGroup = (i: number, name: string, known: readonly string[]): ConfigError => {
    const guess = closest(name, known);
    return doc.error(
      [...groupsPath, i],
      `unknown dependency group "${name}"`,
      guess
        ? `did you mean "${guess}"?`
        : known.length > 0
          ? `defined groups: ${known.join(', ')}`
          : 'the project defines no dependency groups',
    );
  };
  const extras = request.extras.map(normalizeName);

  if (format === 'uv') {
    const uv = readUvLock(lock, metadata.name);
    const project = uv.project;
    if (project === undefined)
      throw lock.error(
        [],
        `the lock holds no package for the project "${metadata.name ?? '?'}"`,
        `is it this project's lock? regenerate it with \`${refresh}\``,
      );
    checkUvFresh(lock, doc, metadata, uv);
    const groups = request.groups ?? uvDefaultGroups(doc, [...project.groups.keys()]);
    const roots: LockEdge[] = [...project.dependencies];
    for (const extra of extras) roots.push(...(project.optional.get(extra) ?? []));
    groups.forEach((g, i) => {
      const edges = project.groups.get(normalizeName(g));
      if (edges === undefined) throw unknownGroup(i, g, [...project.groups.keys()]);
      roots.push(...edges);
    });
    return walkLock(uv.nodes, roots).filter((p) => p.node.id !== project.id);
  }

  if (format === 'poetry') {
    const toolPoetry = doc.get(['tool', 'poetry']);
    const project = doc.get(['project']);
    if (!isTable(toolPoetry) && !isTable(project))
      throw doc.error(
        [],
        `${request.lock === undefined ? 'poetry.lock lies beside' : 'the target locks with poetry.lock, but'} a pyproject without [tool.poetry] or [project]`,
        'use lock = false, or restore the tables the lock was made from',
      );
    const poetry: TomlTable = isTable(toolPoetry) ? toolPoetry : {};
    const metadataTable = isTable(lock.root.metadata) ? lock.root.metadata : {};
    const recorded = metadataTable['content-hash'];
    // Poetry 2.x (lock-version 2.1) also hashes [project]; Poetry 1.x only [tool.poetry]
    const expected = poetryContentHash(doc.root, String(metadataTable['lock-version'] ?? ''));
    if (recorded !== expected)
      throw lock.error(
        ['metadata', 'content-hash'],
        `${lock.file} is out of date: the dependencies in pyproject.toml changed since it was written (content-hash ${String(recorded).slice(0, 12)}…, the pyproject's is ${(expected[0] ?? '').slice(0, 12)}…)`,
        `run \`${refresh}\` and commit the lock`,
      );
    const { nodes, edge } = readPoetryLock(lock);
    const deps = isTable(poetry.dependencies) ? poetry.dependencies : {};
    const extraTable = isTable(poetry.extras) ? poetry.extras : {};
    const wantedOptional = new Set(
      extras.flatMap((e) => {
        const key = Object.keys(extraTable).find((k) => normalizeName(k) === e);
        const list = key === undefined ? [] : extraTable[key];
        return Array.isArray(list)
          ? list.filter((s): s is string => typeof s === 'string').map(normalizeName)
          : [];
      }),
    );
    const rootsOf = (table: TomlTable, path: KeyPath, optionalAllowed: boolean): LockEdge[] =>
      Object.entries(table).flatMap(([name, spec]) => {
        if (name.toLowerCase() === 'python') return [];
        const edges = edge([...path, name], name, spec);
        return edges.filter(
          (e) => !e.optional || (optionalAllowed && wantedOptional.has(normalizeName(name))),
        );
      });
    const roots = rootsOf(deps, ['tool', 'poetry', 'dependencies'], true);
    // Poetry 2.x: [project] dependencies (PEP 508) are roots too
    const pep621 = [
      ...(isTable(project) ? metadata.dependencies : []),
      ...(isTable(project) ? request.extras.flatMap((e) => metadata.optionalDependencies.get(e) ?? []) : []),
    ];
    for (const text of pep621) {
      const req = parseRequirement(text);
      if (req === undefined) continue;
      roots.push(
        ...edge(['project', 'dependencies'], req.name, {
          version: req.specifier === '' ? '*' : req.specifier,
          ...(req.marker !== undefined && { markers: req.marker }),
          extras: req.extras,
        }),
      );
    }
    const groups = poetryGroups(doc);
    (request.groups ?? []).forEach((g, i) => {
      const table = groups.get(normalizeName(g));
      if (table === undefined) throw unknownGroup(i, g, [...groups.keys()]);
      roots.push(...rootsOf(table as TomlTable, ['tool', 'poetry', 'group', g, 'dependencies'], false));
    });
    return walkLock(nodes, roots);
  }

  if (format === 'pdm') {
    const recorded = isTable(lock.root.metadata) ? lock.root.metadata.content_hash : undefined;
    const [algorithm, value] = typeof recorded === 'string' ? recorded.split(':') : [];
    if (algorithm === undefined || value === undefined || !['sha256', 'md5'].includes(algorithm))
      throw lock.error(
        ['metadata', 'content_hash'],
        `${lock.file} records no content_hash`,
        `run \`${refresh}\``,
      );
    const expected = pdmContentHashes(doc.root, algorithm);
    if (!expected.includes(value))
      throw lock.error(
        ['metadata', 'content_hash'],
        `${lock.file} is out of date: the dependencies in pyproject.toml changed since it was written (content_hash ${value.slice(0, 12)}…, the pyproject's is ${(expected[0] ?? '').slice(0, 12)}…)`,
        `run \`${refresh}\` and commit the lock`,
      );
    const nodes = readPdmLock(lock, pdmIndex(doc));
    const ids = new Set(nodes.map((n) => n.id));
    const toEdges = (list: readonly string[]): LockEdge[] =>
      list.flatMap((text) => {
        const req = parseRequirement(text);
        if (req === undefined) return [];
        const to = normalizeName(req.name);
        if (!ids.has(to)) return [];
        return [
          {
            to,
            extras: req.extras.map(normalizeName),
            ...(req.marker !== undefined && { marker: req.marker }),
          },
        ];
      });
    const roots = toEdges(metadata.dependencies);
    for (const extra of request.extras)
      roots.push(...toEdges(metadata.optionalDependencies.get(extra) ?? []));
    const groups = pdmGroups(doc);
    (request.groups ?? []).forEach((g, i) => {
      const list = groups.get(normalizeName(g));
      if (list === undefined) throw unknownGroup(i, g, [...groups.keys()]);
      roots.push(...toEdges(list));
    });
    return walkLock(nodes, roots);
  }

  return readPylock(lock, extras, (request.groups ?? []).map(normalizeName));
}

const MAX_LINE_BYTES = 60_000;
const VERSION = /^[A-Za-z0-9][A-Za-z0-9.+!_-]*$/;

/**
 * A requirement becomes one line of the Dockerfile: no control characters, a plain version, no
 * whitespace in URLs, and no credentials in them (they would be in the Dockerfile and the image).
 */
function checkLine(lock: LockFile, r: LockedRequirement, refresh: string): void {
  // located lazily: the source map of a large lock is only built for an error
  const fail = (problem: string, hint: string) =>
    new ConfigError(lock.error([], '').location, '', problem, hint);
  const texts = [r.requirement, r.marker ?? '', r.index ?? '', r.path ?? '', ...r.hashes];
  if (texts.some((t) => LINE_UNSAFE.test(t)))
    throw fail(
      `package "${r.name}" has a control character in its entry`,
      `regenerate the lock with \`${refresh}\``,
    );
  if (r.version !== '' && !VERSION.test(r.version))
    throw fail(
      `package "${r.name}" has an invalid version ${JSON.stringify(r.version)}`,
      `regenerate the lock with \`${refresh}\``,
    );
  if (r.marker !== undefined) {
    try {
      parseMarker(r.marker);
    } catch (error) {
      if (!(error instanceof Pep508Error)) throw error;
      throw fail(
        `package "${r.name}" has an invalid marker: ${error.problem}`,
        `regenerate the lock with \`${refresh}\``,
      );
    }
  }
  for (const url of [r.requirement.split(' @ ')[1] ?? '', r.index ?? '']) {
    if (url === '') continue;
    if (/\s/.test(url))
      throw fail(`package "${r.name}": a URL with whitespace`, `regenerate the lock with \`${refresh}\``);
    const credential = findUrlCredential(url);
    if (credential !== undefined)
      throw fail(`a ${credential.scheme} URL of package "${r.name}" carries credentials`, CREDENTIAL_HINT);
  }
  const bytes = Buffer.byteLength(
    [r.requirement, r.marker ?? '', ...r.hashes.map((h) => `--hash=${h}`)].join(' '),
  );
  if (bytes > MAX_LINE_BYTES)
    throw fail(
      `package "${r.name}" makes a ${bytes}-byte line (more than ${MAX_LINE_BYTES}: BuildKit reads at most 65,535 bytes per line)`,
      'too many artifact hashes or a very long marker: lock for fewer platforms',
    );
  if (r.kind === 'path') {
    const normalized = path.posix.normalize(r.path ?? '');
    if (
      normalized.startsWith('..') ||
      normalized.startsWith('/') ||
      !/^[A-Za-z0-9_@%+=:./-]+$/.test(normalized) ||
      normalized === '.'
    )
      throw fail(
        `package "${r.name}" is installed from the path ${JSON.stringify(r.path ?? '')}, outside the project or with an unsupported name`,
        'workspace members and path dependencies must lie inside the project directory',
      );
  }
}

/** `[tool.uv] default-groups`, honoured when the project sets it and the target names no `groups`. */
function uvDefaultGroups(doc: PyprojectDocument, known: readonly string[]): readonly string[] {
  const value = doc.get(['tool', 'uv', 'default-groups']);
  if (value === 'all') return known;
  return Array.isArray(value) ? value.filter((g): g is string => typeof g === 'string') : [];
}

/** pdm's first `[[tool.pdm.source]]` URL, credentials left out (they come from `indices`). */
function pdmIndex(doc: PyprojectDocument): string | undefined {
  const sources = doc.get(['tool', 'pdm', 'source']);
  if (!Array.isArray(sources)) return undefined;
  const first: unknown = sources[0];
  if (!isTable(first) || typeof first.url !== 'string') return undefined;
  return stripCredentials(first.url);
}

function stripCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1');
}

export { readDependencyGroups };

function sibling(pyprojectPath: string, name: string): string {
  const slash = pyprojectPath.lastIndexOf('/');
  return slash === -1 ? name : `${pyprojectPath.slice(0, slash + 1)}${name}`;
}
