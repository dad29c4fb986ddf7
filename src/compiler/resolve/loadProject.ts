import { ConfigError } from '../model/errors.js';
import type { ProjectSnapshot } from '../model/types.js';
import { isTable, PyprojectDocument, snapshotDocument } from '../pyproject/document.js';
import { FieldReader } from '../pyproject/fields.js';
import { MAX_TARGETS } from '../pyproject/limits.js';
import {
  poetryGroupRequirements,
  readProjectMetadata,
  type ProjectMetadata,
} from '../pyproject/projectMetadata.js';
import { dynamicDependencyFiles, withDynamicFromFiles } from '../pyproject/dynamicFiles.js';
import { resolveProjectInstall, type ProjectInstall } from './projectInstall.js';
import { compiledBackend, hatchHookRequirements, type CompiledBackend } from './projectShape.js';
import { resolvePythonVersion } from './pythonVersion.js';
import { expandSelfExtras } from '../pyproject/selfExtras.js';
import { readTarget } from './readTarget.js';
import { checkRecord } from './checkShape.js';
import { mergeExtends } from './extends.js';
import { TARGET } from './keys.js';
import { readRequirement } from '../pyproject/requirements.js';
import type { KeyPath } from '../pyproject/sourceMap.js';
import type { TargetConfig } from '../pyproject/targetConfig.js';
import { closest } from '../pyproject/suggest.js';
import { poetryGroups } from '../lock/groups.js';
import { requirementsClosure } from '../lock/requirementsFiles.js';
import { checkRequirementsFile } from '../lock/requirementsLines.js';
import { lockFormatOf, readDependencyGroups, resolveLock, type LockPlan } from '../lock/index.js';
import { normalizeName } from '../pyproject/pep508.js';

/** A pyproject read and checked as far as it can be without choosing a target. */
export interface LoadedProject {
  readonly fields: FieldReader;
  readonly metadata: ProjectMetadata;
  /** Target tables in file order; empty when the pyproject has no `[tool.microb.target]`. */
  readonly targetTables: ReadonlyMap<string, Record<string, unknown>>;
  /** The target names in file order (`["default"]` when none is defined), computed once. */
  readonly names: readonly string[];
}

/** Everything the plan needs for one target. */
export interface ResolvedTarget {
  readonly config: TargetConfig;
  readonly metadata: ProjectMetadata;
  readonly pythonVersion: string;
  /** PEP 508 requirements to install (empty when `requirements` names a file). */
  readonly dependencies: readonly string[];
  /** A dependency (or a line of the requirements file) is fetched over ssh. */
  readonly needsSsh: boolean;
  /** How the project's own code gets into the image. */
  readonly install: ProjectInstall;
  /** What the build env installs: `[build-system].requires` and hatch hook dependencies. */
  readonly buildRequires: readonly string[];
  /** A compiled backend, and the system packages added to build_deps for it (backend builds only). */
  readonly compiledBackend?: CompiledBackend;
  /** A dependency (or requirements line) is fetched with git (`git+…`): the builder needs git. */
  readonly needsGit: boolean;
  /** Problems worth a look that don't stop the build, `file:line:col: warning: …` with a hint line. */
  readonly warnings: readonly string[];
  /** `requirements` and the files it pulls in with -r/-c (relative to the pyproject's dir), itself first. */
  readonly requirementsFiles: readonly string[];
  /** The lock file the deps stage installs from, pinned and hash-checked (then `dependencies` is empty). */
  readonly lock?: LockPlan;
}

const DEFAULT_TARGET = 'default';
const MICROB: KeyPath = ['tool', 'microb'];
import { TARGET_NAME } from './keys.js';
const SAFE_RELATIVE_PATH = /^(?!\/)(?!.*(^|\/)\.\.(\/|$))[A-Za-z0-9_@%+=:./-]+$/;

/** `[tool.microb]`: only `target`, a table of named target tables (each checked later). */
function readMicrobTables(fields: FieldReader): Map<string, Record<string, unknown>> {
  const doc = fields.doc;
  const microb = doc.get(MICROB);
  const targetTables = new Map<string, Record<string, unknown>>();
  if (microb !== undefined) {
    if (!isTable(microb))
      throw doc.error(MICROB, '`tool.microb` must be a table', '[tool.microb.target.default]');
    for (const key of Object.keys(microb)) {
      if (key !== 'target')
        throw doc.error(
          [...MICROB, key],
          `unknown key \`${key}\` in [tool.microb]`,
          'targets go under [tool.microb.target.NAME]',
        );
    }
    const targets = microb.target;
    if (targets !== undefined) {
      if (!isTable(targets))
        throw doc.error(
          [...MICROB, 'target'],
          '`tool.microb.target` must be a table of targets',
          '[tool.microb.target.default]',
        );
      const count = Object.keys(targets).length;
      if (count > MAX_TARGETS)
        throw doc.error(
          [...MICROB, 'target'],
          `${count} targets, more than the ${MAX_TARGETS} microb compiles`,
          'split the project, or build variants with build args instead of a target each',
        );
      for (const name of fields.keysInFileOrder([...MICROB, 'target'], targets)) {
        const table = targets[name];
        if (!isTable(table)) {
          throw doc.error(
            [...MICROB, 'target', name],
            `target "${name}" must be a table`,
            `[tool.microb.target.${name}] with keys such as python_version = "3.12"`,
          );
        }
        if (!TARGET_NAME.test(name)) {
          throw doc.error(
            [...MICROB, 'target', name],
            `invalid target name ${JSON.stringify(name)}`,
            'letters, digits, ".", "_" and "-", starting with a letter or digit',
          );
        }
        targetTables.set(name, table as Record<string, unknown>);
      }
    }
  }
  return targetTables;
}

/**
 * Every check the JSON Schema makes, and nothing else: `[tool.microb]`'s shape and each target
 * table on its own (no `extends` merged, no file or extra looked up). Schema and this agree.
 */
export function checkMicrobTables(pyprojectPath: string, pyprojectText: string): void {
  const fields = new FieldReader(new PyprojectDocument(pyprojectPath, pyprojectText));
  for (const [name, table] of readMicrobTables(fields))
    checkRecord(
      fields,
      TARGET,
      table,
      (key) => [...MICROB, 'target', name, key],
      [...MICROB, 'target', name],
      name,
    );
}

/** What loading a project reads from the pyproject alone, before any file beside it. */
function readPyproject(doc: PyprojectDocument) {
  const fields = new FieldReader(doc);
  const targetTables = readMicrobTables(fields);
  return { doc, fields, targetTables, metadata: readProjectMetadata(fields) };
}

/** `read()`, or undefined where it throws a ConfigError: a problem compile reports, not a bug. */
function unlessRefused<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if (error instanceof ConfigError) return undefined;
    throw error;
  }
}

export function loadProject(snapshot: ProjectSnapshot): LoadedProject {
  const { doc, fields, targetTables, metadata } = readPyproject(snapshotDocument(snapshot));
  const names = Object.freeze(targetTables.size === 0 ? [DEFAULT_TARGET] : [...targetTables.keys()]);
  return {
    fields,
    metadata: expandSelfExtras(withDynamicFromFiles(doc, metadata, snapshot)),
    targetTables,
    names,
  };
}

/**
 * The files beside the pyproject that compiling its targets reads (the default ones aside), from
 * the pyproject alone, for a shell to read into the snapshot first. Read by the same parse and
 * checks as compile: a target compile rejects before it reads a file (a bad key, a path outside
 * the project) names no file, and a pyproject whose `[tool.microb]` does not load names none
 * (compile reports why); a `[project]` table compile refuses does not hide the targets' files
 * (they are read, safely, and masked before compile reports the problem). Throws nothing but
 * what a bug would: broken TOML is compile's to report.
 */
export function filesTargetsRead(pyprojectText: string): string[] {
  const microb = unlessRefused(() => {
    const fields = new FieldReader(new PyprojectDocument('pyproject.toml', pyprojectText));
    return { fields, targetTables: readMicrobTables(fields) };
  });
  if (microb === undefined) return [];
  const { fields, targetTables } = microb;
  const files = unlessRefused(() => dynamicDependencyFiles(fields.doc, readProjectMetadata(fields))) ?? [];
  for (const name of targetTables.keys()) {
    const config = unlessRefused(() => readTargetConfig(fields, targetTables, name).config);
    for (const file of [config?.requirements, config?.lock])
      if (typeof file === 'string' && SAFE_RELATIVE_PATH.test(file)) files.push(file);
  }
  return files;
}

/** A target's configuration as compile reads it: its table with what it extends merged in, checked. */
function readTargetConfig(
  fields: FieldReader,
  targetTables: ReadonlyMap<string, Record<string, unknown>>,
  name: string,
): { config: TargetConfig; at: (key: string) => KeyPath } {
  const merged = mergeExtends(fields, targetTables, name);
  // a key inherited through `extends` is reported where it is written
  const at = (key: string): KeyPath => [...MICROB, 'target', merged.origin.get(key) ?? name, key];
  return { config: readTarget(fields, name, merged.table, at), at };
}

/** The target names in file order; one shared array, not a copy per call. */
export function targetNames(project: LoadedProject): readonly string[] {
  return project.names;
}

/** The named target, or the default one: `default` if present, else the first in file order. */
export function chooseTarget(project: LoadedProject, requested: string | undefined): string {
  const names = targetNames(project);
  const defined = (name: string) =>
    project.targetTables.has(name) || (project.targetTables.size === 0 && name === DEFAULT_TARGET);
  if (requested === undefined || requested === '')
    return defined(DEFAULT_TARGET) ? DEFAULT_TARGET : (names[0] as string);
  if (!defined(requested)) {
    const guess = closest(requested, names);
    const path = project.targetTables.size === 0 ? [] : [...MICROB, 'target'];
    throw project.fields.doc.error(
      path,
      `unknown target "${requested}"`,
      `${guess ? `did you mean "${guess}"? ` : ''}available targets: ${listSome(names)}`,
    );
  }
  return requested;
}

export function resolveTarget(
  project: LoadedProject,
  snapshot: ProjectSnapshot,
  name: string,
): ResolvedTarget {
  const { fields, metadata } = project;
  const doc = fields.doc;
  const { config, at } = readTargetConfig(fields, project.targetTables, name);

  if (config.requirements !== undefined) {
    if (!SAFE_RELATIVE_PATH.test(config.requirements)) {
      throw doc.error(
        at('requirements'),
        `unsupported requirements path ${JSON.stringify(config.requirements)}`,
        'a relative path inside the project, without spaces, commas or ".."',
      );
    }
    if (
      lockFormatOf(config.requirements) !== undefined ||
      looksLikeLock(snapshot.files.get(config.requirements))
    ) {
      throw doc.error(
        at('requirements'),
        `"${config.requirements}" is a lock file, not a requirements file`,
        `pip can't read it: install from it with lock = "${config.requirements}" instead of requirements`,
      );
    }
    if (snapshot.files.get(config.requirements) == null) {
      throw doc.error(
        at('requirements'),
        `requirements file "${config.requirements}" does not exist`,
        'the path is relative to the pyproject.toml; export it first, e.g. `uv export -o requirements.txt`',
      );
    }
  }
  // extras only the backend knows (dynamic optional-dependencies) are passed to it as they are
  const backendExtras = metadata.dynamic.includes('optional-dependencies');
  for (const [i, extra] of config.extras.entries()) {
    if (!backendExtras && !metadata.optionalDependencies.has(extra)) {
      const groups = [...metadata.optionalDependencies.keys()];
      const guess = closest(extra, groups);
      throw doc.error(
        [...at('extras'), i],
        `unknown extra "${extra}"`,
        guess
          ? `did you mean "${guess}"?`
          : groups.length > 0
            ? `defined extras: ${groups.join(', ')}`
            : 'the project defines no optional-dependencies',
      );
    }
  }

  if (config.lock !== undefined && config.lock !== false && !SAFE_RELATIVE_PATH.test(config.lock)) {
    throw doc.error(
      at('lock'),
      `unsupported lock path ${JSON.stringify(config.lock)}`,
      'a relative path inside the project, without spaces, commas or ".."',
    );
  }
  const lock = resolveLock({
    doc,
    metadata,
    snapshot,
    targetPath: project.targetTables.has(name) ? [...MICROB, 'target', name] : [],
    lock: config.lock,
    extras: config.extras,
    groups: config.groups,
    hasRequirements: config.requirements !== undefined,
  });

  // requirements were parsed and checked when the metadata was read; here they are only merged
  const dependencies = new Set<string>();
  if (config.requirements === undefined && lock === undefined) {
    for (const r of metadata.dependencies) dependencies.add(r);
    for (const extra of config.extras)
      for (const r of metadata.optionalDependencies.get(extra) ?? []) dependencies.add(r);
    if (config.groups !== undefined && config.groups.length > 0) {
      const groups = readDependencyGroups(doc);
      const poetry =
        metadata.source === 'poetry' ? poetryGroups(doc) : new Map<string, Record<string, unknown>>();
      config.groups.forEach((group, i) => {
        const key = normalizeName(group);
        const poetryTable = poetry.get(key);
        if (poetryTable !== undefined) {
          const path: KeyPath = ['tool', 'poetry', 'group', group, 'dependencies'];
          for (const r of poetryGroupRequirements(fields, path, poetryTable)) dependencies.add(r);
          return;
        }
        const found = groups.get(key);
        if (found === undefined) {
          const known = [...groups.keys(), ...poetry.keys()];
          const guess = closest(group, known);
          throw doc.error(
            [...at('groups'), i],
            `unknown dependency group "${group}"`,
            guess
              ? `did you mean "${guess}"?`
              : 'define it under [dependency-groups] (or [tool.poetry.group.NAME.dependencies])',
          );
        }
        // group entries are not part of the metadata: parsed and checked here
        found.requirements.forEach((r, j) =>
          dependencies.add(readRequirement(doc, [...found.path, j], r).text),
        );
      });
    }
  }

  const versionFile = snapshot.files.get('.python-version');
  const python = resolvePythonVersion({
    doc,
    metadata,
    ...(config.pythonVersion !== undefined && {
      targetVersion: { value: config.pythonVersion, target: name },
    }),
    ...(versionFile != null && {
      pythonVersionFile: { text: versionFile, path: siblingPath(snapshot.pyprojectPath, '.python-version') },
    }),
  });
  const requirementsFiles =
    config.requirements === undefined
      ? []
      : requirementsClosure(snapshot.files, snapshot.pyprojectPath, config.requirements);
  const requirementsLines = requirementsFiles.flatMap((file) =>
    checkRequirementsFile(siblingPath(snapshot.pyprojectPath, file), snapshot.files.get(file) ?? ''),
  );
  const requested = [...dependencies, ...requirementsLines.map((line) => line.text)];
  const needsSsh =
    requested.some((line) => /\bssh:\/\//i.test(line)) || (lock?.requirements.some((r) => r.ssh) ?? false);
  const needsGit =
    requested.some((line) => /\bgit\+[A-Za-z]+:/i.test(line)) ||
    (lock?.requirements.some((r) => r.kind === 'git') ?? false);
  const install = resolveProjectInstall(doc, metadata, snapshot, {
    ...(config.installProject !== undefined && { installProject: config.installProject }),
    // a requirements file or a lock file lists every dependency
    dependenciesListed: config.requirements !== undefined || lock !== undefined,
    extras: config.extras,
  });
  const buildRequires = new Set(metadata.buildSystem.requires);
  for (const hook of hatchHookRequirements(doc, metadata))
    buildRequires.add(readRequirement(doc, hook.path, hook.requirement).text);
  const compiled = install.kind === 'build' ? compiledBackend(metadata, config.flavor) : undefined;
  return {
    config,
    metadata,
    pythonVersion: python.version,
    dependencies: [...dependencies],
    requirementsFiles,
    needsSsh,
    needsGit,
    install,
    ...(lock && { lock }),
    buildRequires: [...buildRequires],
    ...(compiled !== undefined && { compiledBackend: compiled }),
    warnings: [...python.warnings, ...gitInContext(snapshot, install)],
  };
}

/** uv.lock / poetry.lock / pdm.lock / pylock content under another name. */
function looksLikeLock(text: string | null | undefined): boolean {
  // no requirements file has an array-of-tables header; every lock format starts packages with one
  return text != null && /^\s*\[\[packages?\]\]\s*$/m.test(text);
}

/** A list for a message: the first 20 names, then how many more. */
function listSome(names: readonly string[]): string {
  const shown = names.slice(0, 20).join(', ');
  return names.length > 20 ? `${shown} and ${names.length - 20} more` : shown;
}

/**
 * A version from git is passed in as a build arg because `.git` is not sent to the builder; a
 * project's own .dockerignore that doesn't exclude it sends the whole history with every build.
 */
function gitInContext(snapshot: ProjectSnapshot, install: ProjectInstall): string[] {
  const ignore = snapshot.files.get('.dockerignore');
  if (install.kind !== 'build' || install.versionArg === undefined || ignore == null) return [];
  const excluded = ignore.split(/\r?\n/).some((l) => /^\s*(\/|\*\*\/)?\.git\/?\s*$/.test(l));
  if (excluded) return [];
  const file = siblingPath(snapshot.pyprojectPath, '.dockerignore');
  return [
    `${file}:1:1: warning: .dockerignore does not exclude .git: the build context carries the repository's history, which the build does not need (the version comes in as ${install.versionArg.name})\n  hint: add a line ".git"`,
  ];
}

function siblingPath(pyprojectPath: string, name: string): string {
  const slash = pyprojectPath.lastIndexOf('/');
  return slash === -1 ? name : `${pyprojectPath.slice(0, slash + 1)}${name}`;
}
