import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { onProcessExit } from './cleanup.js';
import { E2E_SCRIPTS, WHEELHOUSE } from './paths.js';
import { runOk } from './run.js';

export interface TempDir {
  path: string;
  /** Removes the directory (idempotent; also done at process exit). */
  cleanup(): Promise<void>;
}

/** A fresh directory under the OS temp dir, removed by cleanup() or at process exit. */
export async function tempDir(prefix = 'microb-e2e-'): Promise<TempDir> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  const unregister = onProcessExit(() => rmSync(path, { recursive: true, force: true }));
  let done = false;
  return {
    path,
    cleanup: async () => {
      if (done) return;
      done = true;
      unregister();
      await rm(path, { recursive: true, force: true });
    },
  };
}

/** Runs fn with a temp dir that is removed afterwards, whatever happens. */
export async function withTempDir<T>(fn: (dir: string) => Promise<T>, prefix?: string): Promise<T> {
  const d = await tempDir(prefix);
  try {
    return await fn(d.path);
  } finally {
    await d.cleanup();
  }
}

/** An image tag of our own, unique per call: microb-e2e-<label>-<random>:test */
export function uniqueTag(label: string, tag = 'test'): string {
  const safe = label.toLowerCase().replace(/[^a-z0-9._-]+/g, '-');
  return `microb-e2e-${safe}-${randomBytes(4).toString('hex')}:${tag}`;
}

/** Writes files (relative paths -> contents) under dir, creating directories. */
export async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    const p = join(dir, rel);
    await mkdir(dirname(p), { recursive: true });
    await writeFile(p, content);
  }
}

export interface MakeWheelOptions {
  /** Import name (default: the name with - and . as _, lower case). */
  module?: string;
  /** Requires-Dist values, e.g. ["requests>=2"]. */
  requires?: string[];
  requiresPython?: string;
}

/**
 * A tiny pure-Python wheel NAME-VERSION-py3-none-any.whl in dir (module with
 * __version__ and hello() -> "hello from NAME VERSION"); returns its path.
 */
export async function makeWheel(
  dir: string,
  name: string,
  version: string,
  opts: MakeWheelOptions = {},
): Promise<string> {
  const args = [
    join(E2E_SCRIPTS, 'private-index.py'),
    'make-wheel',
    '--dir',
    dir,
    '--name',
    name,
    '--version',
    version,
  ];
  if (opts.module) args.push('--module', opts.module);
  for (const r of opts.requires ?? []) args.push('--requires', r);
  if (opts.requiresPython) args.push('--requires-python', opts.requiresPython);
  const r = await runOk('python3', args);
  return r.stdout.trim();
}

export type BuildBackend = 'setuptools' | 'hatchling' | 'flit_core' | 'poetry-core';

export interface PyProjectOptions {
  name: string;
  version?: string;
  backend?: BuildBackend;
  dependencies?: string[];
  requiresPython?: string;
  /** Extra files (relative path -> content). */
  files?: Record<string, string>;
}

const BUILD_SYSTEMS: Record<BuildBackend, string> = {
  setuptools: 'requires = ["setuptools>=61", "wheel"]\nbuild-backend = "setuptools.build_meta"',
  hatchling: 'requires = ["hatchling"]\nbuild-backend = "hatchling.build"',
  flit_core: 'requires = ["flit_core>=3.2,<4"]\nbuild-backend = "flit_core.buildapi"',
  'poetry-core': 'requires = ["poetry-core>=1.0.0"]\nbuild-backend = "poetry.core.masonry.api"',
};

/**
 * A minimal buildable project in dir with one module (src/<module>/__init__.py for
 * setuptools/hatchling, <module>/__init__.py for flit_core/poetry-core). Every backend
 * listed here is served by the e2e index (Debian's builds; see scripts/e2e/wheels.sh).
 */
export async function makePyProject(
  dir: string,
  opts: PyProjectOptions,
): Promise<{ dir: string; module: string }> {
  const version = opts.version ?? '0.1.0';
  const backend = opts.backend ?? 'setuptools';
  const module = opts.name.toLowerCase().replace(/[-.]+/g, '_');
  const deps = opts.dependencies ?? [];
  const quoted = deps.map((d) => JSON.stringify(d)).join(', ');
  const srcLayout = backend === 'setuptools' || backend === 'hatchling';
  const pkgDir = srcLayout ? `src/${module}` : module;
  let meta: string;
  if (backend === 'poetry-core') {
    // poetry's own dependency syntax ([tool.poetry.dependencies]) is not generated here
    if (deps.length > 0)
      throw new Error('makePyProject: dependencies of poetry-core projects are not supported');
    meta = `[tool.poetry]\nname = "${opts.name}"\nversion = "${version}"\ndescription = "e2e"\nauthors = ["ci <ci@localhost>"]\n`;
  } else {
    meta =
      `[project]\nname = "${opts.name}"\nversion = "${version}"\ndescription = "e2e"\n` +
      (opts.requiresPython ? `requires-python = "${opts.requiresPython}"\n` : '') +
      `dependencies = [${quoted}]\n`;
    if (backend === 'hatchling') meta += `\n[tool.hatch.build.targets.wheel]\npackages = ["src/${module}"]\n`;
  }
  await writeFiles(dir, {
    'pyproject.toml': `[build-system]\n${BUILD_SYSTEMS[backend]}\n\n${meta}`,
    [`${pkgDir}/__init__.py`]: `"""e2e project ${opts.name}"""\n__version__ = "${version}"\n`,
    ...(opts.files ?? {}),
  });
  return { dir, module };
}

/** File names of the wheels setup.sh put in the wheelhouse. */
export async function wheelhouseFiles(): Promise<string[]> {
  return (await readdir(WHEELHOUSE)).filter((f) => f.endsWith('.whl')).sort();
}
