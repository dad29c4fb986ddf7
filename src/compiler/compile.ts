import {
  chooseTarget,
  filesTargetsRead,
  loadProject,
  resolveTarget,
  targetNames,
  type LoadedProject,
  type ResolvedTarget,
} from './resolve/loadProject.js';
import { ConfigError } from './model/errors.js';
import { resolveTemplate } from './model/template.js';
import type { DockerfilePlan } from './dockerfile/instructions.js';
import { DEFAULT_DOCKERIGNORE } from './dockerfile/dockerignore.js';
import { codePoint, UnsafeTextError } from './dockerfile/quote.js';
import { renderDockerfile } from './dockerfile/render.js';
import { findText } from './pyproject/document.js';
import { planBuild } from './plan/stages.js';
import { LOCK_FILE_NAMES } from './lock/index.js';
import type { BuildPlanSummary, CompileOptions, CompileResult, ProjectSnapshot } from './model/types.js';

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
  /** Every target's warnings, each once (targets share a `.python-version`). */
  warnings: string[];
} {
  const project = loadProject(snapshot);
  const errors: ConfigError[] = [];
  const warnings = new Set<string>();
  for (const target of targetNames(project)) {
    try {
      for (const warning of compileLoaded(project, snapshot, { target }).plan.warnings ?? [])
        warnings.add(warning);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      errors.push(error);
    }
  }
  return { targets: targetNames(project), errors, warnings: [...warnings] };
}

function compileLoaded(
  project: LoadedProject,
  snapshot: ProjectSnapshot,
  options: CompileOptions,
): CompileResult {
  const target = chooseTarget(project, options.target);
  const resolved = resolveTarget(project, snapshot, target);
  let plan: ReturnType<typeof planBuild>;
  let dockerfile: string;
  try {
    plan = planBuild(resolved, options, basename(snapshot.pyprojectPath));
    dockerfile = renderDockerfile(plan.dockerfile);
  } catch (error) {
    if (error instanceof UnsafeTextError) throw locateUnsafeText(project, error);
    throw error;
  }
  const labelTemplates = Object.fromEntries(plan.labels.map((l) => [l.key, l.value]));
  return {
    target,
    targets: targetNames(project),
    dockerfile,
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
      labels: resolveLabels(labelTemplates, options.buildArgs ?? {}),
      labelTemplates,
      dependencies: plan.dependencies,
      buildArgsUsed: plan.buildArgsUsed,
      cacheMounts: plan.cacheMounts,
      baseImages: baseImages(plan.dockerfile),
      projectInstall: summarizeInstall(resolved.install),
      ...(resolved.install.kind === 'build' &&
        resolved.install.versionArg !== undefined && { versionArg: resolved.install.versionArg }),
      ...(plan.addedBuildDeps !== undefined && { addedBuildDeps: plan.addedBuildDeps }),
      warnings: resolved.warnings,
    },
  };
}

function resolveLabels(
  templates: BuildPlanSummary['labelTemplates'],
  buildArgs: Readonly<Record<string, string>>,
): Record<string, string> {
  return Object.fromEntries(Object.entries(templates).map(([k, v]) => [k, resolveTemplate(v, buildArgs)]));
}

/**
 * The image's labels as a build with these build args gives them (BuildKit fills `${NAME}`
 * references from build args): no second compile for the action's build-args input.
 */
export function labelsWithBuildArgs(
  plan: Pick<BuildPlanSummary, 'labelTemplates'>,
  buildArgs: Readonly<Record<string, string>>,
): Record<string, string> {
  return resolveLabels(plan.labelTemplates, buildArgs);
}

/**
 * The images the stages start FROM that are not earlier stages, in order, once each; an image
 * named by a global ARG (`FROM ${BASE_IMAGE}`) is that ARG's default, as BuildKit reads it.
 */
function baseImages(dockerfile: DockerfilePlan): string[] {
  const globalArgs = new Map<string, string>();
  for (const i of dockerfile.preamble ?? [])
    if (i.op === 'ARG' && i.value !== undefined) globalArgs.set(i.name, i.value);
  const stages = new Set<string>();
  const images: string[] = [];
  for (const stage of dockerfile.stages)
    for (const i of stage.instructions) {
      if (i.op !== 'FROM') continue;
      const image = i.image.replace(
        /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/,
        (ref, name: string) => globalArgs.get(name) ?? ref,
      );
      if (!stages.has(image) && image !== 'scratch' && !image.includes('$') && !images.includes(image))
        images.push(image);
      stages.add(i.name);
    }
  return images;
}

function summarizeInstall(install: ResolvedTarget['install']): BuildPlanSummary['projectInstall'] {
  switch (install.kind) {
    case 'copy':
      return { kind: 'copy', sources: install.roots.map((r) => r.source) };
    case 'build':
      return {
        kind: 'build',
        reason: install.reason,
        ...(install.withDependencies !== undefined && { withDependencies: install.withDependencies }),
      };
    case 'app':
      return { kind: 'app', reason: install.reason };
  }
}

/** Target names in file order; validates only the document's shape, not each target. */
export function listTargets(snapshot: ProjectSnapshot): string[] {
  return [...targetNames(loadProject(snapshot))];
}

/**
 * Files (relative to the pyproject's directory) the compiler may need to see, so a shell can
 * read them into the snapshot before compiling: the ones it always looks for, and those the
 * targets name, read from the pyproject as compile reads it. Tolerates broken TOML: compile
 * reports that.
 */
export function referencedFiles(pyprojectText: string): string[] {
  return [
    ...new Set(['.python-version', '.dockerignore', ...LOCK_FILE_NAMES, ...filesTargetsRead(pyprojectText)]),
  ];
}

/**
 * The quoting layer refused a character (it never writes a line break or control character into
 * the Dockerfile, whatever the field): point at the pyproject key or value that holds it.
 */
function locateUnsafeText(project: LoadedProject, error: UnsafeTextError): ConfigError {
  const doc = project.fields.doc;
  const problem = `${error.field}: the character U+${codePoint(error.character)} cannot be written into a Dockerfile line`;
  const hint = 'remove the line break or control character (and, in paths, glob characters) from this value';
  const path = findText(doc.root, error.character);
  if (path !== undefined) return doc.error(path, problem, hint);
  return new ConfigError(
    { file: doc.file, line: 1, column: 1 },
    '',
    problem,
    'the value does not come from the pyproject: check the project directory name and the options',
  );
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * Lines for a build log: how the project's code gets in and what a source change costs, plus
 * what the build adds or needs (a compiled backend's packages, a version from git).
 */
export function describeProjectInstall(plan: CompileResult['plan']): string {
  const p = plan.projectInstall;
  const lines = [
    p.kind === 'copy'
      ? `project code: ${p.sources.join(', ')} copied as it is (a source change runs no pip and no backend: a copy and a chmod)`
      : p.kind === 'app'
        ? `project code: an application (${p.reason}): its sources copied into /app as they are, no build backend run`
        : p.withDependencies === undefined
          ? `project code: built by its backend on every source change (${p.reason})`
          : `project code: built by its backend on every source change (${p.reason}), with its dependencies, which only the backend knows (${p.withDependencies}): pip resolves them on every source change; for a cached dependency layer, list them in a requirements file (target key \`requirements\`) or a lock file`,
  ];
  if (plan.addedBuildDeps !== undefined)
    lines.push(
      `build deps: ${plan.addedBuildDeps.packages.join(' ')} added for ${plan.addedBuildDeps.backend} (it always needs them)`,
    );
  if (plan.versionArg !== undefined)
    lines.push(`version: from git (${plan.versionArg.tool}), passed as --build-arg ${plan.versionArg.name}`);
  return lines.join('\n');
}
