/**
 * One CI run of the cache flow on a real engine, as the action does it: generate the
 * Dockerfile, restore the build cache (real @actions/cache client), `docker buildx build` with
 * the returned arguments, save in "post". Shared by the e2e tests and the benchmark.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { restoreBuildCache, saveBuildCache, type CacheInputs } from '../../../src/cache/index.js';
import type { CacheRestoreResult, CacheSaveResult } from '../../../src/cache/types.js';
import { writeGeneratedDockerfile, type GeneratedDockerfile } from '../../../src/workspace/generate.js';
import { buildx } from '../../e2e/support/docker.js';

export interface SampleProject {
  readonly dir: string;
  readonly pyproject: string;
  readonly module: string;
}

/** Secrets the sample project's index entry names (`username_secret` / `password_secret`). */
export function indexSecretArgs(
  user: string,
  password: string,
): { args: string[]; env: Record<string, string> } {
  return {
    args: [
      '--secret',
      'id=index-user,env=MICROB_CACHE_INDEX_USER',
      '--secret',
      'id=index-password,env=MICROB_CACHE_INDEX_PW',
    ],
    env: { MICROB_CACHE_INDEX_USER: user, MICROB_CACHE_INDEX_PW: password },
  };
}

/**
 * A console-script app of `modules` modules with real dependencies from the local index.
 * `revision` goes into one module, so changing it is a source-only change (content, not mtime:
 * BuildKit hashes file contents, `touch` changes nothing).
 */
export async function writeSampleProject(
  dir: string,
  opts: {
    name: string;
    indexUrl: string;
    dependencies: readonly string[];
    modules?: number;
    revision?: string;
    /** Random bytes in a package data file, regenerated on every call: a sizeable source change. */
    assetBytes?: number;
  },
): Promise<SampleProject> {
  const module = opts.name.replace(/[-.]/g, '_');
  const count = opts.modules ?? 20;
  const pkg = path.join(dir, 'src', module);
  await mkdir(pkg, { recursive: true });
  const deps = opts.dependencies.map((d) => JSON.stringify(d)).join(', ');
  await writeFile(
    path.join(dir, 'pyproject.toml'),
    `[project]
name = "${opts.name}"
version = "1.0.0"
description = "microb cache sample"
dependencies = [${deps}]
requires-python = ">=3.11"

[project.scripts]
${opts.name} = "${module}.cli:main"

[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[tool.setuptools.package-data]
${module} = ["*.bin"]

[tool.microb.target.default]
python_version = "3.11"
indices = [{ url = "${opts.indexUrl}", primary = true, username_secret = "index-user", password_secret = "index-password" }]
`,
  );
  await writeFile(path.join(pkg, '__init__.py'), `REVISION = ${JSON.stringify(opts.revision ?? 'r0')}\n`);
  for (let i = 0; i < count; i++) {
    await writeFile(
      path.join(pkg, `mod${String(i).padStart(2, '0')}.py`),
      `"""Module ${i} of the sample app."""\n\n\ndef value() -> int:\n    return ${i}\n`,
    );
  }
  const modules = Array.from({ length: count }, (_, i) => `mod${String(i).padStart(2, '0')}`);
  // the import name of each requirement: its distribution name up to any version or marker
  const depModules = opts.dependencies.map((d) =>
    (/^[A-Za-z0-9_.-]+/.exec(d)?.[0] ?? d).replace(/[-.]/g, '_'),
  );
  await writeFile(
    path.join(pkg, 'cli.py'),
    `import importlib

from . import REVISION


def main() -> None:
    total = sum(importlib.import_module(f"${module}.{m}").value() for m in ${JSON.stringify(modules)})
    deps = [importlib.import_module(d).__name__ for d in ${JSON.stringify(depModules)}]
    print(f"${opts.name} {REVISION} total={total} deps={','.join(deps)}")
`,
  );
  if (opts.assetBytes) await writeFile(path.join(pkg, 'assets.bin'), randomBytes(opts.assetBytes));
  return { dir, pyproject: path.join(dir, 'pyproject.toml'), module };
}

export interface CiRunOptions {
  readonly project: SampleProject;
  readonly tag: string;
  /** Stable across runs: it enters the cache version. */
  readonly workDir: string;
  readonly secrets: { args: string[]; env: Record<string, string> };
  readonly cacheMounts?: boolean;
  /** Default: pyproject + generated Dockerfile, as the action keys the cache. */
  readonly keyFiles?: readonly string[];
  /** Extra buildx arguments (e.g. a base image override for the benchmark). */
  readonly extraArgs?: readonly string[];
  readonly mode?: CacheInputs['mode'];
  readonly timeoutMs?: number;
  /** Default: the generated Dockerfile's FROM images, as the action passes them. */
  readonly baseImages?: readonly string[];
}

export interface CiRunResult {
  readonly tag: string;
  readonly generated: GeneratedDockerfile;
  readonly restored: CacheRestoreResult;
  readonly saved: CacheSaveResult;
  readonly log: string;
  /** Wall time of each phase, seconds. */
  readonly seconds: { readonly restore: number; readonly build: number; readonly save: number };
}

const since = (t0: number): number => (performance.now() - t0) / 1000;

/** A run on a fresh runner: its disk starts without the cache directory. */
export async function ciRun(opts: CiRunOptions): Promise<CiRunResult> {
  await rm(opts.workDir, { recursive: true, force: true });
  const generated = await writeGeneratedDockerfile({ pyprojectPath: opts.project.pyproject });
  const { plan } = generated.result;
  let t0 = performance.now();
  const restored = await restoreBuildCache({
    mode: opts.mode ?? 'actions',
    cacheMounts: opts.cacheMounts ?? true,
    target: generated.result.target,
    platforms: [],
    keyFiles: opts.keyFiles ?? [opts.project.pyproject, generated.dockerfilePath],
    cacheMountsPlan: plan.cacheMounts,
    workDir: opts.workDir,
    helperImage: plan.builderImage,
    baseImages: opts.baseImages ?? plan.baseImages,
    ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
  });
  const restore = since(t0);
  t0 = performance.now();
  const result = await buildx(
    [
      '--progress=plain',
      '--provenance=false',
      '-f',
      generated.dockerfilePath,
      '-t',
      opts.tag,
      '--load',
      ...opts.secrets.args,
      ...restored.buildxArgs,
      ...(opts.extraArgs ?? []),
      opts.project.dir,
    ],
    { env: opts.secrets.env, timeoutMs: 10 * 60_000 },
  );
  const build = since(t0);
  const log = `${result.stdout}\n${result.stderr}`;
  if (result.code !== 0) throw new Error(`build failed:\n${log.split('\n').slice(-40).join('\n')}`);
  t0 = performance.now();
  const saved = await saveBuildCache(restored.saveState);
  return { tag: opts.tag, generated, restored, saved, log, seconds: { restore, build, save: since(t0) } };
}

/** One reading of a BuildKit log for every test and the bench: the compiler e2e harness's. */
export { stepCached } from '../../e2e/compiler/harness.js';
