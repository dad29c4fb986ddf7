import { isTable, type PyprojectDocument, type TomlTable } from '../pyproject/document.js';
import type { ProjectMetadata } from '../pyproject/projectMetadata.js';
import { readDependencyGroups } from './groups.js';
import { normalizeName, type LockFile } from './lockFile.js';
import { normalizeMarker, normalizeSpecifier, parseRequirement } from './pep508.js';
import type { UvLock } from './uv.js';

/**
 * What `uv sync --locked` checks before it installs: the requirements uv.lock recorded for the
 * project (`[package.metadata] requires-dist` / `requires-dev`, `requires-python`) are still the
 * pyproject's. A difference is an error naming the lock, what differs and `uv lock`.
 */
export function checkUvFresh(
  lock: LockFile,
  doc: PyprojectDocument,
  metadata: ProjectMetadata,
  uv: UvLock,
): void {
  const project = uv.project;
  if (project === undefined) return;
  const sources = doc.get(['tool', 'uv', 'sources']);
  const sourceTable: TomlTable = isTable(sources) ? sources : {};
  const stale = (what: string): Error =>
    lock.error(
      [...project.path, 'metadata'],
      `${lock.file} is out of date with the pyproject: ${what}`,
      'run `uv lock` and commit the lock',
    );

  const pyPython = metadata.requiresPython?.spec;
  if (
    uv.requiresPython !== undefined &&
    pyPython !== undefined &&
    normalizeSpecifier(uv.requiresPython) !== normalizeSpecifier(pyPython)
  )
    throw stale(`requires-python is "${pyPython}" in the pyproject, "${uv.requiresPython}" in the lock`);

  if (project.requiresDist !== undefined) {
    const wanted = [
      ...metadata.dependencies.map((r) => fromPyproject(r, undefined, sourceTable)),
      ...[...metadata.optionalDependencies].flatMap(([extra, list]) =>
        list.map((r) => fromPyproject(r, normalizeName(extra), sourceTable)),
      ),
    ];
    compare(wanted, project.requiresDist.map(fromLock), 'project dependencies', stale);
  }
  if (project.requiresDev !== undefined) {
    const groups = readDependencyGroups(doc);
    const names = new Set([...groups.keys(), ...Object.keys(project.requiresDev).map(normalizeName)]);
    for (const name of names) {
      const py = groups.get(name)?.requirements.map((r) => fromPyproject(r, undefined, sourceTable)) ?? [];
      const key = Object.keys(project.requiresDev).find((k) => normalizeName(k) === name);
      const recorded = key === undefined ? [] : project.requiresDev[key];
      const locked = Array.isArray(recorded) ? recorded.filter(isTable).map(fromLock) : [];
      compare(py, locked, `dependency group "${name}"`, stale);
    }
  }
}

function compare(
  wanted: (string | null)[],
  locked: (string | null)[],
  what: string,
  stale: (w: string) => Error,
): void {
  const a = wanted.filter((x): x is string => x !== null).sort();
  const b = locked.filter((x): x is string => x !== null).sort();
  const missing = a.filter((x) => !b.includes(x));
  const extra = b.filter((x) => !a.includes(x));
  if (missing.length === 0 && extra.length === 0) return;
  const show = (list: string[]) =>
    list
      .slice(0, 3)
      .map((s) => `"${s}"`)
      .join(', ') + (list.length > 3 ? ', …' : '');
  const parts = [
    ...(missing.length > 0 ? [`the pyproject has ${show(missing)}`] : []),
    ...(extra.length > 0 ? [`the lock recorded ${show(extra)}`] : []),
  ];
  throw stale(`${what} differ: ${parts.join('; ')}`);
}

/** `name[extras] specifier; marker` with a canonical source, or null to leave it out of the comparison. */
function canonical(
  name: string,
  extras: readonly string[],
  specifier: string,
  marker: string,
  source: string,
): string {
  const x = extras.length > 0 ? `[${[...extras].map(normalizeName).sort().join(',')}]` : '';
  return `${normalizeName(name)}${x}${source !== '' ? ` @ ${source}` : specifier}${marker !== '' ? ` ; ${marker}` : ''}`;
}

function markerAtoms(marker: string): string {
  const m = normalizeMarker(marker);
  if (m === '' || /\bor\b|[()]/.test(m)) return m;
  return m
    .split(' and ')
    .map((s) => s.trim())
    .sort()
    .join(' and ');
}

function fromPyproject(text: string, extra: string | undefined, sources: TomlTable): string | null {
  const req = parseRequirement(text);
  if (req === undefined) return null;
  const name = normalizeName(req.name);
  const key = Object.keys(sources).find((k) => normalizeName(k) === name);
  const source = key === undefined ? undefined : sources[key];
  if (Array.isArray(source)) return null; // several sources under markers: not compared
  let canon = '';
  if (isTable(source)) {
    if (typeof source.git === 'string')
      canon = `git:${source.git}@${String(source.rev ?? source.tag ?? source.branch ?? '')}`;
    else if (typeof source.url === 'string') canon = `url:${source.url}`;
    else if (source.workspace === true || typeof source.path === 'string') canon = 'local';
  } else if (req.url !== undefined) {
    const git = /^git\+(.*?)(?:@([^@/]+))?(?:#.*)?$/.exec(req.url);
    canon = git
      ? `git:${git[1] as string}@${git[2] ?? ''}`
      : /^file:/i.test(req.url)
        ? 'local'
        : `url:${req.url}`;
  }
  const marker = [req.marker, extra !== undefined ? `extra == '${extra}'` : undefined]
    .filter((m) => m !== undefined)
    .join(' and ');
  return canonical(name, req.extras, canon === '' ? req.specifier : '', markerAtoms(marker), canon);
}

function fromLock(entry: TomlTable): string | null {
  if (typeof entry.name !== 'string') return null;
  let canon = '';
  if (typeof entry.git === 'string') {
    const q = entry.git.indexOf('?');
    const base = q === -1 ? entry.git : entry.git.slice(0, q);
    const params = new URLSearchParams(q === -1 ? '' : entry.git.slice(q + 1).replace(/#.*$/, ''));
    canon = `git:${base}@${params.get('rev') ?? params.get('tag') ?? params.get('branch') ?? ''}`;
  } else if (typeof entry.url === 'string') canon = `url:${entry.url}`;
  else if (
    entry.editable !== undefined ||
    entry.path !== undefined ||
    entry.directory !== undefined ||
    entry.virtual !== undefined
  )
    canon = 'local';
  const extras = Array.isArray(entry.extras)
    ? entry.extras.filter((e): e is string => typeof e === 'string')
    : [];
  const specifier = typeof entry.specifier === 'string' ? normalizeSpecifier(entry.specifier) : '';
  const marker = typeof entry.marker === 'string' ? entry.marker : '';
  return canonical(entry.name, extras, canon === '' ? specifier : '', markerAtoms(marker), canon);
}
