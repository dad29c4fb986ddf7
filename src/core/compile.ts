import { parse } from 'smol-toml';
import {
  chooseTarget,
  loadProject,
  resolveTarget,
  targetNames,
  type LoadedProject,
} from '../config/loadProject.js';
import { ConfigError } from './errors.js';
import { resolveTemplate } from '../config/template.js';
import { DEFAULT_DOCKERIGNORE } from '../dockerfile/dockerignore.js';
import { renderDockerfile } from '../dockerfile/render.js';
import { planBuild } from '../plan/stages.js';
import { LOCK_FILE_NAMES } from '../config/lock/index.js';
import type { CompileOptions, CompileResult, ProjectSnapshot } from './types.js';

/** pyproject snapshot → Dockerfile text and what the build needs. Pure: no I/O. */
export function compile(snapshot: ProjectSnapshot, options: CompileOptions = {}): CompileResult {
  return compileLoaded(loadProject(snapshot), snapshot, options);
}

/**
 * Compile every target (or the named ones) of one snapshot: the pyproject is parsed once and
 * each target compiled once. A target's ConfigError is its result, so a caller can report every
 * broken target; an error in the shared part of the pyproject is thrown.
 */
export function compileTargets(
  snapshot: ProjectSnapshot,
  options: Omit<CompileOptions, 'target'> = {},
  targets?: readonly string[],
): Map<string, CompileResult | ConfigError> {
  const project = loadProject(snapshot);
  const results = new Map<string, CompileResult | ConfigError>();
  for (const target of targets ?? targetNames(project)) {
    try {
      results.set(target, compileLoaded(project, snapshot, { ...options, target }));
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      results.set(target, error);
    }
  }
  return results;
}

/**
 * `microb check`: every target compiled once from one parse, keeping only the errors (a large
 * pyproject's Dockerfiles are not held in memory at once).
 */
export function checkTargets(snapshot: ProjectSnapshot): {
  targets: readonly string[];
  errors: ConfigError[];
} {
  const project = loadProject(snapshot);
  const errors: ConfigError[] = [];
  for (const target of targetNames(project)) {
    try {
      compileLoaded(project, snapshot, { target });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      errors.push(error);
    }
  }
  return { targets: targetNames(project), errors };
}

function compileLoaded(
  project: LoadedProject,
  snapshot: ProjectSnapshot,
  options: CompileOptions,
): CompileResult {
  const target = chooseTarget(project, options.target);
  const resolved = resolveTarget(project, snapshot, target);
  const plan = planBuild(resolved, options, basename(snapshot.pyprojectPath));
  const buildArgs = options.buildArgs ?? {};
  return {
    target,
    targets: targetNames(project),
    dockerfile: renderDockerfile(plan.dockerfile),
    dockerignore: snapshot.files.get('.dockerignore') == null ? DEFAULT_DOCKERIGNORE : null,
    plan: {
      target,
      flavor: resolved.config.flavor,
      pythonVersion: resolved.pythonVersion,
      builderImage: plan.builderImage,
      finalImage: plan.finalImage,
      secrets: plan.secrets,
      ssh: plan.ssh,
      ...(plan.knownHostsSecretId !== undefined && { knownHostsSecretId: plan.knownHostsSecretId }),
      labels: Object.fromEntries(plan.labels.map((l) => [l.key, resolveTemplate(l.value, buildArgs)])),
      dependencies: plan.dependencies,
      buildArgsUsed: plan.buildArgsUsed,
      cacheMounts: plan.cacheMounts,
      projectInstall:
        resolved.install.kind === 'copy'
          ? { kind: 'copy', sources: resolved.install.roots.map((r) => r.source) }
          : { kind: 'build', reason: resolved.install.reason },
    },
  };
}

/** Target names in file order; validates only the document's shape, not each target. */
export function listTargets(snapshot: ProjectSnapshot): string[] {
  return [...targetNames(loadProject(snapshot))];
}

/**
 * Files (relative to the pyproject's directory) the compiler may need to see, so a shell can
 * read them into the snapshot before compiling. Tolerates broken TOML: compile reports that.
 */
export function referencedFiles(pyprojectText: string): string[] {
  const files: string[] = ['.python-version', '.dockerignore', ...LOCK_FILE_NAMES];
  try {
    const doc = parse(pyprojectText) as {
      tool?: { microb?: { target?: Record<string, { requirements?: unknown; lock?: unknown }> } };
    };
    for (const table of Object.values(doc.tool?.microb?.target ?? {})) {
      for (const file of [table?.requirements, table?.lock])
        if (typeof file === 'string' && !files.includes(file)) files.push(file);
    }
  } catch {
    // the syntax error is reported by compile()
  }
  return files;
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** One line for a build log: how the project's code gets in, and what a source change costs. */
export function describeProjectInstall(plan: CompileResult['plan']): string {
  const p = plan.projectInstall;
  return p.kind === 'copy'
    ? `project code: ${p.sources.join(', ')} copied as it is (a source change runs no RUN step)`
    : `project code: built by its backend on every source change (${p.reason})`;
}
