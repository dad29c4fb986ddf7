/**
 * What kind of project this is, beyond "copy or build" (projectInstall.ts):
 *
 * - an **application**, not a package: nothing to build, its dependencies are installed and its
 *   sources copied into /app;
 * - a package whose **dependencies only the backend knows** (setup.py, dynamic dependencies,
 *   metadata hooks): the project stage installs it with them, never `--no-deps` over nothing;
 * - a package whose **version comes from git**: `.git` is not in the build context, so the version
 *   is passed in as the build arg the backend's plugin reads;
 * - **build requirements** a backend adds: hatch hook dependencies, and the system packages a
 *   compiled backend always needs.
 *
 * Pure: decided from the pyproject and the directory layout, never from the sources.
 */
import type { EntryKind, Flavor } from '../model/types.js';
import { isTable, type PyprojectDocument } from '../pyproject/document.js';
import type { ProjectMetadata } from '../pyproject/projectMetadata.js';
import type { KeyPath } from '../pyproject/sourceMap.js';

type Layout = ReadonlyMap<string, EntryKind>;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
// setuptools' flat-layout discovery leaves these out (setuptools.discovery.FlatLayout*Finder).
const FLAT_EXCLUDED_PACKAGES = new Set(
  'ci bin debian doc docs documentation manpages news newsfragments changelog test tests unit_test unit_tests example examples scripts tools util utils python build dist venv env requirements tasks fabfile site_scons benchmark benchmarks exercise exercises htmlcov'.split(
    ' ',
  ),
);
const FLAT_EXCLUDED_MODULES = /^(setup|conftest|noxfile|pavement|fabfile|toxfile|test.*|.*_test|_.*)\.py$/;
const SETUPTOOLS_BACKENDS = new Set([undefined, 'setuptools.build_meta', 'setuptools.build_meta:__legacy__']);

/** The distribution name a requirement string starts with, normalised (PEP 503). */
export function requirementName(requirement: string): string | undefined {
  const m = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/.exec(requirement);
  return m?.[1] === undefined ? undefined : canonicalName(m[1]);
}

function canonicalName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

/** setuptools' flat layout: the top-level packages and modules its discovery would take. */
export function flatLayoutRoots(layout: Layout): { packages: string[]; modules: string[] } {
  const packages: string[] = [];
  const modules: string[] = [];
  for (const [path, kind] of layout) {
    if (path.includes('/')) continue;
    if (kind === 'package' && IDENTIFIER.test(path) && !FLAT_EXCLUDED_PACKAGES.has(path)) packages.push(path);
    if (kind === 'file' && /^[A-Za-z_]\w*\.py$/.test(path) && !FLAT_EXCLUDED_MODULES.test(path))
      modules.push(path);
  }
  return { packages, modules };
}

const hasSetupFiles = (layout: Layout | undefined) =>
  layout !== undefined && (layout.has('setup.py') || layout.has('setup.cfg'));

/**
 * Why this project is an application rather than a package, or undefined when it is a package
 * (or can't be told: then it is treated as one, as before).
 */
export function applicationReason(
  doc: PyprojectDocument,
  metadata: ProjectMetadata,
  layout: Layout | undefined,
): string | undefined {
  if (doc.get(['tool', 'poetry', 'package-mode']) === false) return '[tool.poetry] package-mode = false';
  if (doc.get(['tool', 'uv', 'package']) === false) return '[tool.uv] package = false';
  if (isTable(doc.get(['tool', 'uv', 'workspace'])) && doc.get(['build-system']) === undefined)
    return 'a uv workspace root without [build-system] (uv does not build it)';
  if (metadata.source === 'none') {
    if (layout === undefined || hasSetupFiles(layout)) return undefined;
    // flit's metadata table from before PEP 621
    if (doc.get(['tool', 'flit', 'metadata']) !== undefined) return undefined;
    return 'no [project] or [tool.poetry] table and no setup.py';
  }
  const table = metadata.source === 'poetry' ? '[tool.poetry]' : '[project]';
  if (metadata.name === undefined) return `${table} has no name`;
  if (metadata.version === undefined && !metadata.dynamic.includes('version'))
    return `${table} has no version`;
  if (
    layout !== undefined &&
    metadata.source === 'pep621' &&
    SETUPTOOLS_BACKENDS.has(metadata.buildSystem.backend) &&
    !hasSetupFiles(layout) &&
    doc.get(['tool', 'setuptools', 'packages']) === undefined &&
    doc.get(['tool', 'setuptools', 'py-modules']) === undefined &&
    doc.get(['tool', 'setuptools', 'package-dir']) === undefined &&
    layout.get('src') !== 'dir'
  ) {
    const { packages, modules } = flatLayoutRoots(layout);
    const several =
      packages.length > 1 ? packages : packages.length === 0 && modules.length > 1 ? modules : [];
    if (several.length > 0)
      return `several top-level ${packages.length > 1 ? 'packages' : 'modules'} in a flat layout (${several.join(', ')}): setuptools would refuse to build it; name them in [tool.setuptools] packages to install it as a package`;
  }
  return undefined;
}

/**
 * Why only the backend knows the project's dependencies (so the project stage must install
 * them), or undefined when the pyproject lists them. `extras` are the target's: optional
 * dependencies matter only when some are asked for.
 */
export function backendDependencies(
  doc: PyprojectDocument,
  metadata: ProjectMetadata,
  layout: Layout | undefined,
  extras: readonly string[],
): string | undefined {
  const hooks = doc.get(['tool', 'hatch', 'metadata', 'hooks']);
  const hookNote = isTable(hooks) && Object.keys(hooks).length > 0 ? ' (hatch metadata hooks)' : '';
  if (metadata.source === 'none') {
    const files = ['setup.py', 'setup.cfg'].filter((f) => layout?.has(f));
    return files.length > 0
      ? `${files.join(', ')}: install_requires`
      : 'no [project] table: the backend has its own metadata';
  }
  if (metadata.source === 'pep621' && metadata.dynamic.includes('dependencies'))
    return `[project] dynamic = ["dependencies"]${hookNote}`;
  if (metadata.source === 'pep621' && extras.length > 0 && metadata.dynamic.includes('optional-dependencies'))
    return `[project] dynamic = ["optional-dependencies"]${hookNote}`;
  return undefined;
}

/** The build arg a version-from-git plugin reads instead of asking git. */
export interface VersionArg {
  readonly name: 'SETUPTOOLS_SCM_PRETEND_VERSION' | 'PDM_BUILD_SCM_VERSION';
  /** The plugin, for messages: `hatch-vcs`, `setuptools-scm`, `pdm-backend`. */
  readonly tool: string;
}

/** When the version comes from git tags: which build arg gives it to the backend. */
export function versionFromGit(doc: PyprojectDocument, metadata: ProjectMetadata): VersionArg | undefined {
  if (metadata.source !== 'pep621' || !metadata.dynamic.includes('version')) return undefined;
  const requires = new Set(metadata.buildSystem.requires.map(requirementName));
  const backend = metadata.buildSystem.backend;
  if (backend === 'hatchling.build' && doc.get(['tool', 'hatch', 'version', 'source']) === 'vcs')
    return { name: 'SETUPTOOLS_SCM_PRETEND_VERSION', tool: 'hatch-vcs' };
  if (backend === 'pdm.backend' && doc.get(['tool', 'pdm', 'version', 'source']) === 'scm')
    return { name: 'PDM_BUILD_SCM_VERSION', tool: 'pdm-backend' };
  if (
    SETUPTOOLS_BACKENDS.has(backend) &&
    (requires.has('setuptools-scm') || doc.get(['tool', 'setuptools_scm']) !== undefined)
  )
    return { name: 'SETUPTOOLS_SCM_PRETEND_VERSION', tool: 'setuptools-scm' };
  return undefined;
}

/** A requirement the build env gets on top of `[build-system].requires`, and where it is written. */
export interface HookRequirement {
  readonly requirement: string;
  readonly path: KeyPath;
}

/** `dependencies` of hatch build and metadata hooks: hatchling installs them only with isolation. */
export function hatchHookRequirements(doc: PyprojectDocument, metadata: ProjectMetadata): HookRequirement[] {
  if (metadata.buildSystem.backend !== 'hatchling.build') return [];
  const out: HookRequirement[] = [];
  const hookTables: KeyPath[] = [
    ['tool', 'hatch', 'build', 'hooks'],
    ['tool', 'hatch', 'metadata', 'hooks'],
    ['tool', 'hatch', 'build', 'targets', 'wheel', 'hooks'],
  ];
  for (const base of hookTables) {
    const hooks = doc.get(base);
    if (!isTable(hooks)) continue;
    for (const [name, hook] of Object.entries(hooks)) {
      const deps = isTable(hook) ? hook.dependencies : undefined;
      if (!Array.isArray(deps)) continue;
      deps.forEach((dep, i) => {
        if (typeof dep === 'string') out.push({ requirement: dep, path: [...base, name, 'dependencies', i] });
      });
    }
  }
  return out;
}

/** System packages a compiled backend always needs in the builder, per flavor. */
export interface CompiledBackend {
  readonly backend: string;
  readonly packages: readonly string[];
}

const COMPILED: readonly {
  backend: string;
  match: (backend: string | undefined, requires: ReadonlySet<string | undefined>) => boolean;
  debian: readonly string[];
  alpine: readonly string[];
}[] = [
  {
    backend: 'maturin',
    match: (b) => b === 'maturin',
    debian: ['cargo', 'rustc'],
    alpine: ['cargo', 'rust', 'build-base'],
  },
  {
    backend: 'setuptools-rust',
    match: (b, r) => SETUPTOOLS_BACKENDS.has(b) && r.has('setuptools-rust'),
    debian: ['cargo', 'rustc'],
    alpine: ['cargo', 'rust', 'build-base'],
  },
  {
    backend: 'meson-python',
    match: (b) => b === 'mesonpy',
    debian: ['ninja-build', 'patchelf', 'pkg-config'],
    alpine: ['samurai', 'patchelf', 'pkgconf', 'build-base'],
  },
  {
    backend: 'scikit-build-core',
    match: (b) => b === 'scikit_build_core.build',
    debian: ['cmake', 'ninja-build'],
    alpine: ['cmake', 'samurai', 'build-base'],
  },
];

export function compiledBackend(metadata: ProjectMetadata, flavor: Flavor): CompiledBackend | undefined {
  const requires = new Set(metadata.buildSystem.requires.map(requirementName));
  const found = COMPILED.find((c) => c.match(metadata.buildSystem.backend, requires));
  return found && { backend: found.backend, packages: flavor === 'alpine' ? found.alpine : found.debian };
}
