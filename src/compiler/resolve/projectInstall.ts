/**
 * How the project's own code gets into the image.
 *
 * - `copy`: everything the build backend would write is known from the pyproject and the
 *   directory layout alone (static name and version, entry points, import packages the backend
 *   finds the usual way). The image gets the dist-info and scripts from a stage keyed on the
 *   pyproject only, and the import packages as they are, in a layer of their own: a source
 *   change runs no build step at all.
 * - `build`: anything else (dynamic metadata, setup.py, build hooks, explicit file selection,
 *   namespace packages…): the project's backend builds it on every source change.
 *
 * When in doubt this says `build`: that is always correct, only slower.
 */
import { valid as validPep440 } from '@renovatebot/pep440';
import type { EntryKind, ProjectSnapshot } from '../model/types.js';
import { isTable, type PyprojectDocument } from '../pyproject/document.js';
import type { ProjectMetadata } from '../pyproject/projectMetadata.js';
import {
  applicationReason,
  backendDependencies,
  flatLayoutRoots,
  requirementName,
  versionFromGit,
  type VersionArg,
} from './projectShape.js';

/** An import package (a directory) or module (a `.py` file) as it is copied. */
export interface ImportRoot {
  /** Path relative to the pyproject's directory: `src/app`, `app.py`. */
  readonly source: string;
  /** The name under the import root: `app`, `app.py`. */
  readonly name: string;
}

export type ProjectInstall =
  | {
      readonly kind: 'copy';
      readonly name: string;
      readonly version: string;
      readonly roots: readonly ImportRoot[];
    }
  | {
      readonly kind: 'build';
      readonly reason: string;
      /** Set when only the backend knows the dependencies: why. The project stage installs them. */
      readonly withDependencies?: string;
      /** Set when the version comes from git: the build arg that passes it in. */
      readonly versionArg?: VersionArg;
    }
  /** Not a package: dependencies installed, sources copied into /app, no backend run. */
  | { readonly kind: 'app'; readonly reason: string };

export interface InstallOptions {
  /** The target's `install_project`: true/false force a package or an application. */
  readonly installProject?: boolean;
  /** The dependencies come from a file the target names (requirements, a lock): pip needs no more. */
  readonly dependenciesListed: boolean;
  readonly extras: readonly string[];
}

type Layout = ReadonlyMap<string, EntryKind>;
type Discovery = { roots: ImportRoot[] } | { reason: string };

const NAME = /^([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])$/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
// build requirements that mean compiled extension modules: only the backend can build those
const EXTENSION_BUILDERS = new Set(['setuptools-rust', 'cython', 'pybind11', 'cffi', 'mypy', 'nanobind']);

export function resolveProjectInstall(
  doc: PyprojectDocument,
  metadata: ProjectMetadata,
  snapshot: ProjectSnapshot,
  options: InstallOptions,
): ProjectInstall {
  if (options.installProject === false) return { kind: 'app', reason: 'install_project = false' };
  const app = options.installProject === true ? undefined : applicationReason(doc, metadata, snapshot.layout);
  if (app !== undefined) return { kind: 'app', reason: app };
  const install = copyOrBuild(doc, metadata, snapshot);
  if (install.kind !== 'build') return install;
  const withDependencies = options.dependenciesListed
    ? undefined
    : backendDependencies(doc, metadata, snapshot.layout, options.extras);
  const versionArg = versionFromGit(doc, metadata);
  return {
    ...install,
    ...(withDependencies !== undefined && { withDependencies }),
    ...(versionArg !== undefined && { versionArg }),
  };
}

function copyOrBuild(
  doc: PyprojectDocument,
  metadata: ProjectMetadata,
  snapshot: ProjectSnapshot,
): ProjectInstall {
  const build = (reason: string): ProjectInstall => ({ kind: 'build', reason });
  const layout = snapshot.layout;
  if (layout === undefined) return build('the directory layout was not read');
  if (metadata.source === 'none') return build('there is no [project] or [tool.poetry] table');
  const { name, version } = metadata;
  if (metadata.dynamic.length > 0)
    return build(`[project] dynamic = ${JSON.stringify(metadata.dynamic)}: only the backend knows them`);
  if (name === undefined || !NAME.test(name)) return build('the project name is missing or not a valid name');
  if (version === undefined || validPep440(version) === null)
    return build('the version is missing or not a PEP 440 version');
  if (metadata.buildSystem.inTreeBackend)
    return build('[build-system] backend-path names an in-tree backend');
  const compiler = metadata.buildSystem.requires
    .map(requirementName)
    .find((n) => n && EXTENSION_BUILDERS.has(n));
  if (compiler !== undefined) return build(`[build-system] requires ${compiler}: extension modules`);

  const backend = metadata.buildSystem.backend ?? 'setuptools.build_meta:__legacy__';
  const module = underscoreName(name);
  let found: Discovery;
  switch (backend) {
    case 'setuptools.build_meta':
    case 'setuptools.build_meta:__legacy__':
      found = setuptools(doc, layout);
      break;
    case 'hatchling.build':
      found = hatchling(doc, layout, module);
      break;
    case 'flit_core.buildapi':
      found = flit(doc, layout, module);
      break;
    case 'poetry.core.masonry.api':
      found = poetry(doc, layout, module);
      break;
    default:
      return build(`microb can't tell what the wheel of ${backend} holds`);
  }
  if ('reason' in found) return build(found.reason);
  return { kind: 'copy', name, version, roots: found.roots };
}

/**
 * `My.App-Name` → `my_app_name`: the wheel's file and dist-info name (the wheel spec's escaping),
 * and the import name backends look for when none is configured.
 */
export function underscoreName(name: string): string {
  return name.replace(/[-_.]+/g, '_').toLowerCase();
}

/** Only these keys of a tool table, or the reason to build. */
function onlyKeys(doc: PyprojectDocument, path: string[], allowed: readonly string[]): string | undefined {
  const table = doc.get(path);
  if (table === undefined) return undefined;
  if (!isTable(table)) return `[${path.join('.')}] is not a table`;
  const other = Object.keys(table).find((k) => !allowed.includes(k));
  return other === undefined ? undefined : `[${path.join('.')}] sets ${other}`;
}

/** The first of `candidates` the layout has, as a root. */
function firstOf(layout: Layout, candidates: readonly string[]): ImportRoot | undefined {
  for (const source of candidates) {
    const kind = layout.get(source);
    const isModule = source.endsWith('.py');
    if ((isModule && kind === 'file') || (!isModule && kind === 'package')) {
      return { source, name: source.slice(source.lastIndexOf('/') + 1) };
    }
  }
  return undefined;
}

function byName(layout: Layout, module: string, what: string): Discovery {
  const root = firstOf(layout, [`src/${module}`, module, `src/${module}.py`, `${module}.py`]);
  return root
    ? { roots: [root] }
    : { reason: `no package or module named ${module} in src/ or beside the pyproject (${what})` };
}

/** The packages and modules directly under `base` (`src` or ``), or why they are unclear. */
function everythingIn(layout: Layout, base: string): Discovery {
  const roots: ImportRoot[] = [];
  for (const [path, kind] of layout) {
    const slash = path.lastIndexOf('/');
    if ((slash === -1 ? '' : path.slice(0, slash)) !== base) continue;
    const entry = path.slice(slash + 1);
    if (kind === 'package' && IDENTIFIER.test(entry)) roots.push({ source: path, name: entry });
    else if (kind === 'file' && entry.endsWith('.py') && IDENTIFIER.test(entry.slice(0, -3)))
      roots.push({ source: path, name: entry });
    else if (kind === 'dir' && IDENTIFIER.test(entry))
      return { reason: `${path} has no __init__.py (namespace packages are left to the backend)` };
  }
  return roots.length > 0 ? { roots } : { reason: `no package in ${base}/` };
}

function setuptools(doc: PyprojectDocument, layout: Layout): Discovery {
  for (const file of ['setup.py', 'setup.cfg']) {
    if (layout.has(file)) return { reason: `${file} may configure the build` };
  }
  const tool = ['tool', 'setuptools'];
  // [tool.setuptools.dynamic] is allowed here only once every field it lists was read statically
  const other = onlyKeys(doc, tool, [
    'dynamic',
    'package-data',
    'include-package-data',
    'zip-safe',
    'license-files',
    'platforms',
    'packages',
    'package-dir',
    'py-modules',
  ]);
  if (other) return { reason: other };
  const packageDir = doc.get([...tool, 'package-dir']);
  if (packageDir !== undefined) {
    if (!isTable(packageDir) || Object.keys(packageDir).join() !== '' || packageDir[''] !== 'src')
      return { reason: '[tool.setuptools] package-dir is not { "" = "src" }' };
  }
  const packages = doc.get([...tool, 'packages']);
  const modules = doc.get([...tool, 'py-modules']);
  if (Array.isArray(packages) || Array.isArray(modules)) {
    // listed names are looked up under package-dir, else beside the pyproject (no discovery)
    const base = packageDir !== undefined ? 'src' : '';
    const names = [
      ...(Array.isArray(packages) ? packages : []).map((p) => String(p).split('.')[0] ?? ''),
      ...(Array.isArray(modules) ? modules : []).map((m) => `${String(m)}.py`),
    ];
    const roots: ImportRoot[] = [];
    for (const name of [...new Set(names)]) {
      const root = firstOf(layout, [base === '' ? name : `${base}/${name}`]);
      if (!root) return { reason: `[tool.setuptools] lists ${name}, not found in ${base || '.'}/` };
      roots.push(root);
    }
    return { roots };
  }
  if (packages !== undefined) {
    const find = isTable(packages) ? packages.find : undefined;
    if (!isTable(packages) || Object.keys(packages).join() !== 'find' || !isTable(find))
      return { reason: '[tool.setuptools] packages is neither a list nor { find = … }' };
    if (Object.keys(find).some((k) => k !== 'where'))
      return { reason: '[tool.setuptools.packages.find] selects packages (include/exclude/namespaces)' };
    // find's default where is ".", and with namespaces on it takes every directory there
    const where = find.where;
    if (!Array.isArray(where) || where.length !== 1 || where[0] !== 'src')
      return { reason: '[tool.setuptools.packages.find] where is not ["src"]' };
    return everythingIn(layout, 'src');
  }
  // automatic discovery: src layout when there is a src/ (or package-dir says so), else flat
  if (packageDir !== undefined || layout.get('src') === 'dir') return everythingIn(layout, 'src');
  return flatLayout(layout);
}

/** setuptools' flat layout: one top-level package, or else one top-level module. */
function flatLayout(layout: Layout): Discovery {
  const { packages, modules } = flatLayoutRoots(layout);
  const root = (source: string): ImportRoot => ({ source, name: source });
  if (packages.length === 1) return { roots: packages.map(root) };
  if (packages.length === 0 && modules.length === 1) return { roots: modules.map(root) };
  return {
    reason:
      packages.length + modules.length === 0
        ? 'no package found beside the pyproject'
        : 'several top-level packages or modules: name them in [tool.setuptools] packages',
  };
}

function hatchling(doc: PyprojectDocument, layout: Layout, module: string): Discovery {
  const build = ['tool', 'hatch', 'build'];
  const table = doc.get(build);
  if (table === undefined) return byName(layout, module, "hatchling's default");
  const other =
    onlyKeys(doc, build, ['targets']) ??
    onlyKeys(doc, [...build, 'targets'], ['wheel', 'sdist']) ??
    onlyKeys(doc, [...build, 'targets', 'wheel'], ['packages']);
  if (other) return { reason: other };
  const packages = doc.get([...build, 'targets', 'wheel', 'packages']);
  if (!Array.isArray(packages)) return byName(layout, module, "hatchling's default");
  const roots: ImportRoot[] = [];
  for (const p of packages) {
    const root = firstOf(layout, [String(p).replace(/^\.\//, '').replace(/\/+$/, '')]);
    if (!root)
      return {
        reason: `[tool.hatch.build.targets.wheel] packages: ${String(p)} is not a package microb can see`,
      };
    roots.push(root);
  }
  return roots.length > 0 ? { roots } : { reason: '[tool.hatch.build.targets.wheel] packages is empty' };
}

function flit(doc: PyprojectDocument, layout: Layout, module: string): Discovery {
  const other = onlyKeys(doc, ['tool', 'flit'], ['module', 'sdist']);
  if (other) return { reason: other };
  const configured = doc.get(['tool', 'flit', 'module', 'name']);
  const name = typeof configured === 'string' ? configured : module;
  if (name.includes('.')) return { reason: '[tool.flit.module] names a namespace package' };
  return byName(layout, name, "flit's module");
}

function poetry(doc: PyprojectDocument, layout: Layout, module: string): Discovery {
  const tool = ['tool', 'poetry'];
  for (const key of ['include', 'exclude', 'build']) {
    if (doc.get([...tool, key]) !== undefined) return { reason: `[tool.poetry] sets ${key}` };
  }
  const packages = doc.get([...tool, 'packages']);
  if (packages === undefined) return byName(layout, module, "poetry's default");
  if (!Array.isArray(packages)) return { reason: '[tool.poetry] packages is not an array' };
  const roots: ImportRoot[] = [];
  for (const p of packages as unknown[]) {
    if (!isTable(p) || Object.keys(p).some((k) => k !== 'include' && k !== 'from'))
      return { reason: '[tool.poetry] packages uses format/to or is not { include, from }' };
    const include = String(p.include);
    const from = p.from === undefined ? '' : String(p.from).replace(/\/+$/, '');
    if (!/^[A-Za-z_]\w*(\.py)?$/.test(include) || !['', 'src'].includes(from))
      return {
        reason: `[tool.poetry] packages: ${include} is a pattern or comes from a path microb does not read`,
      };
    const root = firstOf(layout, [from === '' ? include : `${from}/${include}`]);
    if (!root) return { reason: `[tool.poetry] packages: ${include} not found` };
    roots.push(root);
  }
  return roots.length > 0 ? { roots } : { reason: '[tool.poetry] packages is empty' };
}
