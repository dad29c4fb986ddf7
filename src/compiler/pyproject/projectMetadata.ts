import { isTable, type PyprojectDocument } from './document.js';
import type { FieldReader } from './fields.js';
import { readPep621EntryPoints, readPoetryEntryPoints, type EntryPointGroup } from './entryPoints.js';
import { MAX_REQUIREMENTS } from './limits.js';
import { formatMarker, type Marker } from './pep508.js';
import { poetryConstraintToPep440 } from './poetry.js';
import { readComposedRequirement, readMarker, readRequirement } from './requirements.js';
import type { KeyPath } from './sourceMap.js';

/** What the image needs from `[project]` (PEP 621), or from `[tool.poetry]` when there is none. */
export interface ProjectMetadata {
  readonly source: 'pep621' | 'poetry' | 'none';
  readonly name?: string;
  readonly version?: string;
  readonly description?: string;
  readonly license?: string;
  /** `Name <email>`, `Name` or `email`. */
  readonly authors: readonly string[];
  /** PEP 508 requirements in canonical form (pep508.ts), in file order. */
  readonly dependencies: readonly string[];
  readonly optionalDependencies: ReadonlyMap<string, readonly string[]>;
  /** PEP 440 specifier set, and where it is written (for errors). */
  readonly requiresPython?: { readonly spec: string; readonly path: KeyPath };
  /** Console script names. */
  readonly scripts: readonly string[];
  /** Console scripts, GUI scripts and plugin groups, in file order. */
  readonly entryPoints: readonly EntryPointGroup[];
  /** `[project] dynamic`: fields only the build backend can compute. */
  readonly dynamic: readonly string[];
  readonly buildSystem: BuildSystem;
}

export interface BuildSystem {
  /** PEP 508 requirements in canonical form. */
  readonly requires: readonly string[];
  /** `[build-system] build-backend`; undefined: pip's fallback, setuptools' legacy backend. */
  readonly backend?: string;
  /** `[build-system] backend-path` is set: the backend lives in the project tree. */
  readonly inTreeBackend: boolean;
}

// What pip assumes for a project without [build-system] (PEP 517's fallback).
const DEFAULT_BUILD_REQUIRES = ['setuptools>=40.8.0', 'wheel'];

export function readProjectMetadata(fields: FieldReader): ProjectMetadata {
  const doc = fields.doc;
  const buildSystem = readBuildSystem(fields);
  if (isTable(doc.get(['project']))) return readPep621(fields, buildSystem);
  if (isTable(doc.get(['tool', 'poetry']))) return readPoetry(fields, buildSystem);
  return {
    source: 'none',
    authors: [],
    dependencies: [],
    optionalDependencies: new Map(),
    scripts: [],
    entryPoints: [],
    dynamic: [],
    buildSystem,
  };
}

function readBuildSystem(fields: FieldReader): BuildSystem {
  const requires = fields.doc.get(['build-system', 'requires']);
  const backend = optionalString(fields, ['build-system', 'build-backend']);
  return {
    requires:
      requires === undefined
        ? DEFAULT_BUILD_REQUIRES
        : requirementList(fields, ['build-system', 'requires'], requires),
    ...(backend !== undefined && { backend }),
    inTreeBackend: fields.doc.get(['build-system', 'backend-path']) !== undefined,
  };
}

/** An array of requirement strings, each parsed and checked where it is written. */
function requirementList(fields: FieldReader, path: KeyPath, value: unknown): string[] {
  checkCount(fields, path, value);
  return fields
    .stringArray(path, value)
    .map((text, i) => readRequirement(fields.doc, [...path, i], text).text);
}

function checkCount(fields: FieldReader, path: KeyPath, value: unknown): void {
  const count = Array.isArray(value) ? value.length : isTable(value) ? Object.keys(value).length : 0;
  if (count > MAX_REQUIREMENTS)
    throw fields.doc.error(
      path,
      `${count} requirements, more than the ${MAX_REQUIREMENTS} microb installs from one list`,
      'install them from a requirements/lock file (`requirements = "requirements.txt"`)',
    );
}

function scriptNames(groups: readonly EntryPointGroup[]): string[] {
  return groups.filter((g) => g.group === 'console_scripts').flatMap((g) => g.entries.map((e) => e.name));
}

function optionalString(fields: FieldReader, path: KeyPath): string | undefined {
  const value = fields.doc.get(path);
  return value === undefined ? undefined : fields.string(path, value);
}

function readPep621(fields: FieldReader, buildSystem: BuildSystem): ProjectMetadata {
  const doc = fields.doc;
  const authors = readPep621Authors(fields);
  const optional = new Map<string, string[]>();
  const optTable = doc.get(['project', 'optional-dependencies']);
  if (optTable !== undefined) {
    if (!isTable(optTable))
      throw doc.error(
        ['project', 'optional-dependencies'],
        '`optional-dependencies` must be a table',
        'extra = ["dep", …]',
      );
    for (const group of fields.keysInFileOrder(['project', 'optional-dependencies'], optTable)) {
      optional.set(
        group,
        requirementList(fields, ['project', 'optional-dependencies', group], optTable[group]),
      );
    }
  }
  const entryPoints = readPep621EntryPoints(fields);
  const dynamic = doc.get(['project', 'dynamic']);
  const requiresPython = optionalString(fields, ['project', 'requires-python']);
  const deps = doc.get(['project', 'dependencies']);
  return {
    source: 'pep621',
    name: optionalString(fields, ['project', 'name']),
    version: optionalString(fields, ['project', 'version']),
    description: optionalString(fields, ['project', 'description']),
    license: readPep621License(fields),
    authors,
    dependencies: deps === undefined ? [] : requirementList(fields, ['project', 'dependencies'], deps),
    optionalDependencies: optional,
    ...(requiresPython !== undefined && {
      requiresPython: { spec: requiresPython, path: ['project', 'requires-python'] },
    }),
    scripts: scriptNames(entryPoints),
    entryPoints,
    dynamic: dynamic === undefined ? [] : fields.stringArray(['project', 'dynamic'], dynamic),
    buildSystem,
  };
}

function readPep621License(fields: FieldReader): string | undefined {
  const value = fields.doc.get(['project', 'license']);
  if (typeof value === 'string') return value; // PEP 639 SPDX expression
  if (isTable(value) && typeof value.text === 'string') return value.text.split('\n')[0]?.trim() || undefined;
  return undefined;
}

function readPep621Authors(fields: FieldReader): string[] {
  const value = fields.doc.get(['project', 'authors']);
  if (value === undefined) return [];
  return fields
    .tableArray(['project', 'authors'], value, 'authors = [{ name = "…", email = "…" }]')
    .flatMap((author) => {
      const name = typeof author.name === 'string' ? author.name : undefined;
      const email = typeof author.email === 'string' ? author.email : undefined;
      if (name && email) return [`${name} <${email}>`];
      return (name ?? email) ? [(name ?? email) as string] : [];
    });
}

function readPoetry(fields: FieldReader, buildSystem: BuildSystem): ProjectMetadata {
  const doc = fields.doc;
  const base = ['tool', 'poetry'];
  const depsPath = [...base, 'dependencies'];
  const depsTable = doc.get(depsPath);
  const dependencies: string[] = [];
  const optionalByName = new Map<string, string[]>();
  let requiresPython: ProjectMetadata['requiresPython'];
  if (depsTable !== undefined) {
    if (!isTable(depsTable))
      throw doc.error(depsPath, '`dependencies` must be a table', 'requests = "^2.31"');
    checkCount(fields, depsPath, depsTable);
    for (const name of fields.keysInFileOrder(depsPath, depsTable)) {
      const spec = depsTable[name];
      if (name.toLowerCase() === 'python') {
        const constraint = fields.string([...depsPath, name], spec);
        const pep440 = poetryConstraintToPep440(constraint);
        if (pep440 === undefined)
          throw doc.error(
            [...depsPath, name],
            `cannot translate the python constraint "${constraint}"`,
            'use a constraint like "^3.10" or ">=3.10,<3.13"',
          );
        requiresPython = { spec: pep440, path: [...depsPath, name] };
        continue;
      }
      // a multiple-constraint dependency is a list of alternatives under exclusive markers
      const alternatives = Array.isArray(spec) ? spec : [spec];
      alternatives.forEach((alt: unknown, i) => {
        const at: KeyPath = Array.isArray(spec) ? [...depsPath, name, i] : [...depsPath, name];
        const requirement = poetryRequirement(fields, at, name, alt);
        const key = name.toLowerCase();
        if (isTable(alt) && alt.optional === true)
          optionalByName.set(key, [...(optionalByName.get(key) ?? []), requirement]);
        else dependencies.push(requirement);
      });
    }
  }
  const optional = new Map<string, string[]>();
  const extras = doc.get([...base, 'extras']);
  if (isTable(extras)) {
    for (const group of fields.keysInFileOrder([...base, 'extras'], extras)) {
      const names = fields.stringArray([...base, 'extras', group], extras[group]);
      optional.set(
        group,
        names.flatMap(
          (n, i) =>
            optionalByName.get(n.toLowerCase()) ?? [
              readRequirement(doc, [...base, 'extras', group, i], n).text,
            ],
        ),
      );
    }
  }
  const authors = doc.get([...base, 'authors']);
  const entryPoints = readPoetryEntryPoints(fields);
  return {
    source: 'poetry',
    name: optionalString(fields, [...base, 'name']),
    version: optionalString(fields, [...base, 'version']),
    description: optionalString(fields, [...base, 'description']),
    license: optionalString(fields, [...base, 'license']),
    authors: authors === undefined ? [] : fields.stringArray([...base, 'authors'], authors),
    dependencies,
    optionalDependencies: optional,
    ...(requiresPython && { requiresPython }),
    scripts: scriptNames(entryPoints),
    entryPoints,
    dynamic: [],
    buildSystem,
  };
}

/**
 * The requirements of one Poetry group table (`[tool.poetry.group.X.dependencies]`), the
 * alternatives of a multiple-constraint dependency each as its own requirement.
 */
export function poetryGroupRequirements(
  fields: FieldReader,
  path: KeyPath,
  table: Record<string, unknown>,
): string[] {
  return fields.keysInFileOrder(path, table).flatMap((name) => {
    if (name.toLowerCase() === 'python') return [];
    const spec = table[name];
    const alternatives = Array.isArray(spec) ? spec : [spec];
    return alternatives.map((alt: unknown, i) =>
      poetryRequirement(fields, Array.isArray(spec) ? [...path, name, i] : [...path, name], name, alt),
    );
  });
}

/** One `[tool.poetry.dependencies]` entry as a PEP 508 requirement (canonical form). */
function poetryRequirement(fields: FieldReader, path: KeyPath, name: string, spec: unknown): string {
  const doc: PyprojectDocument = fields.doc;
  const translate = (constraint: string, at: KeyPath) => {
    const pep440 = poetryConstraintToPep440(constraint);
    if (pep440 === undefined)
      throw doc.error(
        at,
        `cannot translate the constraint "${constraint}" of ${name}`,
        'use ^, ~, *, an exact version or PEP 440 comparisons',
      );
    return pep440;
  };
  if (typeof spec === 'string')
    return readComposedRequirement(doc, path, `${name}${translate(spec, path)}`).text;
  if (!isTable(spec))
    throw doc.error(path, `dependency ${name} must be a string or a table`, `${name} = "^1.0"`);
  const extras = spec.extras === undefined ? [] : fields.stringArray([...path, 'extras'], spec.extras);
  const withExtras = extras.length > 0 ? `${name}[${extras.join(',')}]` : name;
  const markers: Marker[] = [];
  if (spec.markers !== undefined)
    markers.push(readMarker(doc, [...path, 'markers'], fields.string([...path, 'markers'], spec.markers)));
  if (spec.python !== undefined) {
    const at = [...path, 'python'];
    markers.push(...pythonMarkers(translate(fields.string(at, spec.python), at)));
  }
  const marker = markers.reduce<Marker | undefined>(
    (left, right) => (left === undefined ? right : { kind: 'and', left, right }),
    undefined,
  );
  const markerText = marker === undefined ? '' : ` ; ${formatMarker(marker)}`;
  let text: string;
  if (typeof spec.git === 'string') {
    const ref = [spec.tag, spec.branch, spec.rev].find((r): r is string => typeof r === 'string');
    const url = /^[a-z+]+:\/\//i.test(spec.git) ? spec.git : `ssh://${spec.git.replace(':', '/')}`;
    const git = url.startsWith('git+') ? url : `git+${url}`;
    text = `${withExtras} @ ${git}${ref ? `@${ref}` : ''}${markerText}`;
  } else if (typeof spec.url === 'string') {
    text = `${withExtras} @ ${spec.url}${markerText}`;
  } else if (spec.path !== undefined) {
    throw doc.error(
      [...path, 'path'],
      `path dependency ${name} is not supported`,
      'dependencies are installed before the source is copied: publish it to an index or use copy_files_before_build and a requirements file',
    );
  } else {
    const version = typeof spec.version === 'string' ? translate(spec.version, [...path, 'version']) : '';
    text = `${withExtras}${version}${markerText}`;
  }
  return readComposedRequirement(doc, path, text).text;
}

/**
 * Poetry's `python = "^3.8"` as markers. A three-part bound compares the full version
 * (`python_full_version >= "3.8.1"`): `python_version` only holds major.minor, so
 * `python_version >= "3.8.1"` would be false on every 3.8.
 */
function pythonMarkers(pep440: string): Marker[] {
  return pep440
    .split(',')
    .filter(Boolean)
    .flatMap((clause): Marker[] => {
      const m = /^(===|==|!=|>=|<=|>|<|~=)(.*)$/.exec(clause);
      if (!m) return [];
      const version = m[2] ?? '';
      const parts = version.replace(/\.\*$/, '').split('.').length;
      return [
        {
          kind: 'compare',
          left: { kind: 'variable', name: parts >= 3 ? 'python_full_version' : 'python_version' },
          op: m[1] ?? '==',
          right: { kind: 'string', value: version },
        },
      ];
    });
}
