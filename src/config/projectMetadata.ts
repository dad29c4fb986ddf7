import { isTable, type PyprojectDocument } from './document.js';
import type { FieldReader } from './fields.js';
import { readPep621EntryPoints, readPoetryEntryPoints, type EntryPointGroup } from './entryPoints.js';
import { poetryConstraintToPep440 } from './poetry.js';
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
  /** PEP 508 requirement strings, in file order. */
  readonly dependencies: readonly string[];
  readonly optionalDependencies: ReadonlyMap<string, readonly string[]>;
  /** PEP 440 specifier set, and where it is written (for errors). */
  readonly requiresPython?: { readonly spec: string; readonly path: KeyPath };
  /** Console script names. */
  readonly scripts: readonly string[];
  /** Console scripts, GUI scripts and plugin groups, in file order. */
  readonly entryPoints: readonly EntryPointGroup[];
  /** Where `dependencies` were read from when not `[project] dependencies` (setuptools' dynamic files). */
  readonly dependenciesFrom?: KeyPath;
  /** `[project] dynamic`: fields only the build backend can compute. */
  readonly dynamic: readonly string[];
  readonly buildSystem: BuildSystem;
}

export interface BuildSystem {
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
        : fields.stringArray(['build-system', 'requires'], requires),
    ...(backend !== undefined && { backend }),
    inTreeBackend: fields.doc.get(['build-system', 'backend-path']) !== undefined,
  };
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
      optional.set(group, fields.stringArray(['project', 'optional-dependencies', group], optTable[group]));
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
    dependencies: deps === undefined ? [] : fields.stringArray(['project', 'dependencies'], deps),
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
  const optionalByName = new Map<string, string>();
  let requiresPython: ProjectMetadata['requiresPython'];
  if (depsTable !== undefined) {
    if (!isTable(depsTable))
      throw doc.error(depsPath, '`dependencies` must be a table', 'requests = "^2.31"');
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
      const requirement = poetryRequirement(fields, [...depsPath, name], name, spec);
      if (isTable(spec) && spec.optional === true) optionalByName.set(name.toLowerCase(), requirement);
      else dependencies.push(requirement);
    }
  }
  const optional = new Map<string, string[]>();
  const extras = doc.get([...base, 'extras']);
  if (isTable(extras)) {
    for (const group of fields.keysInFileOrder([...base, 'extras'], extras)) {
      const names = fields.stringArray([...base, 'extras', group], extras[group]);
      optional.set(
        group,
        names.map((n) => optionalByName.get(n.toLowerCase()) ?? n),
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

/** One `[tool.poetry.dependencies]` entry as a PEP 508 requirement. */
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
  if (typeof spec === 'string') return `${name}${translate(spec, path)}`;
  if (!isTable(spec))
    throw doc.error(path, `dependency ${name} must be a string or a table`, `${name} = "^1.0"`);
  const extras = spec.extras === undefined ? [] : fields.stringArray([...path, 'extras'], spec.extras);
  const withExtras = extras.length > 0 ? `${name}[${extras.join(',')}]` : name;
  const markers: string[] = [];
  if (typeof spec.markers === 'string') markers.push(`(${spec.markers})`);
  if (typeof spec.python === 'string') {
    const py = translate(spec.python, [...path, 'python']);
    for (const clause of py.split(',').filter(Boolean)) {
      const m = /^(==|!=|>=|<=|>|<|~=)(.*)$/.exec(clause);
      if (m) markers.push(`python_version ${m[1]} "${m[2]}"`);
    }
  }
  const marker = markers.length > 0 ? ` ; ${markers.join(' and ')}` : '';
  if (typeof spec.git === 'string') {
    const ref = [spec.tag, spec.branch, spec.rev].find((r): r is string => typeof r === 'string');
    const url = /^[a-z+]+:\/\//.test(spec.git) ? spec.git : `ssh://${spec.git.replace(':', '/')}`;
    const git = url.startsWith('git+') ? url : `git+${url}`;
    return `${withExtras} @ ${git}${ref ? `@${ref}` : ''}${marker}`;
  }
  if (typeof spec.url === 'string') return `${withExtras} @ ${spec.url}${marker}`;
  if (spec.path !== undefined) {
    throw doc.error(
      [...path, 'path'],
      `path dependency ${name} is not supported`,
      'dependencies are installed before the source is copied: publish it to an index or use copy_files_before_build and a requirements file',
    );
  }
  const version = typeof spec.version === 'string' ? translate(spec.version, [...path, 'version']) : '';
  return `${withExtras}${version}${marker}`;
}
