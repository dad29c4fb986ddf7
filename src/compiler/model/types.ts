/**
 * The contract between the pure compiler (config → plan → Dockerfile) and the shells
 * (CLI, action, tests) around it. Nothing here does I/O: the shells read files into a
 * ProjectSnapshot and write what a CompileResult holds.
 */
import type { TemplatePart } from './template.js';

/** Everything the compiler may look at, read beforehand by a shell. */
export interface ProjectSnapshot {
  /** The pyproject path as the user named it; used verbatim in error messages. */
  readonly pyprojectPath: string;
  readonly pyprojectText: string;
  /**
   * Files beside the pyproject that the configuration refers to (see `referencedFiles`),
   * keyed by their path relative to the pyproject's directory; `null` when the file does not
   * exist. Always includes `.python-version` and `.dockerignore`.
   */
  readonly files: ReadonlyMap<string, string | null>;
  /**
   * The entries of the pyproject's directory and of its `src/` directory, keyed by their path
   * relative to the pyproject's directory (`setup.py`, `app`, `src/app`, `src/tool.py`), hidden
   * ones left out. Tells the compiler the project's import packages without reading sources.
   * Absent when unknown: the project is then built by its backend (see `ProjectInstall`).
   */
  readonly layout?: ReadonlyMap<string, EntryKind>;
}

/** A directory entry: a `package` is a directory holding `__init__.py`; `other`: symlinks etc. */
export type EntryKind = 'file' | 'dir' | 'package' | 'other';

export interface CompileOptions {
  /** Target name; default: `default` if defined, else the first target in file order. */
  readonly target?: string;
  /**
   * Build args baked into the Dockerfile as `ARG NAME=value` defaults for `${NAME}` references.
   * The action passes build args to buildx instead, so its Dockerfile does not change with them.
   */
  readonly buildArgs?: Readonly<Record<string, string>>;
  /** Directory of the pyproject relative to the build context, POSIX form; default `.`. */
  readonly projectDir?: string;
  /** Optional `# syntax=` frontend image; none by default (air-gapped builders can't pull it). */
  readonly syntax?: string;
  /** Add the `dev.microb.dependencies` label listing the requested dependencies; default true. */
  readonly dependencyLabel?: boolean;
}

export type Flavor = 'debian' | 'alpine';

/** A build secret the generated Dockerfile mounts. */
export interface SecretRequirement {
  /** The id used in `--mount=type=secret,id=…` and `--secret id=…`. */
  readonly id: string;
  /** Where the value comes from: written inline in the pyproject, or supplied by the caller. */
  readonly source: { readonly kind: 'inline'; readonly value: string } | { readonly kind: 'caller' };
  /** What it is, for error messages: e.g. `password of index https://…`. */
  readonly purpose: string;
}

export interface BuildPlanSummary {
  readonly target: string;
  readonly flavor: Flavor;
  readonly pythonVersion: string;
  readonly builderImage: string;
  readonly finalImage: string;
  /** Secrets the build needs; every one is mounted `required=true`. */
  readonly secrets: readonly SecretRequirement[];
  /** True when a dependency is fetched over ssh: the build needs `--ssh default`. */
  readonly ssh: boolean;
  /** Secret id of the known_hosts file mounted for ssh; set when `ssh` is true. */
  readonly knownHostsSecretId?: string;
  /** Final image labels with build args applied (`${NAME:-default}` resolved). */
  readonly labels: Readonly<Record<string, string>>;
  /** The same labels before build args are applied; `labelsWithBuildArgs` resolves them for other args. */
  readonly labelTemplates: Readonly<Record<string, readonly TemplatePart[]>>;
  /** Requested dependencies, credentials stripped from URLs (the mopy-style list). */
  readonly dependencies: readonly string[];
  /** Build args referenced by env/label values, in order of first use. */
  readonly buildArgsUsed: readonly string[];
  /**
   * The RUN cache mounts the Dockerfile uses, each of them and no other (stable ids), so a cache
   * exporter can carry their contents across runs.
   */
  readonly cacheMounts: readonly CacheMount[];
  /**
   * The images the Dockerfile starts FROM (not its own stages), once each: what a slim cache
   * leaves out, since the engine has their layers.
   */
  readonly baseImages: readonly string[];
  /** How the project's own code gets into the image (see README, "How the project's own code gets in"). */
  readonly projectInstall:
    | { readonly kind: 'copy'; readonly sources: readonly string[] }
    | {
        readonly kind: 'build';
        readonly reason: string;
        /** Only the backend knows the dependencies (why): the project stage resolves them. */
        readonly withDependencies?: string;
      }
    | { readonly kind: 'app'; readonly reason: string };
  /**
   * The build arg the project stage reads its version from (a version from git tags, with `.git`
   * out of the context); the shells fill it from `git describe` or the tag being built.
   */
  readonly versionArg?: { readonly name: string; readonly tool: string };
  /** System packages added to build_deps for a compiled backend (`maturin`: cargo rustc). */
  readonly addedBuildDeps?: { readonly backend: string; readonly packages: readonly string[] };
  /** Warnings (`file:line:col: warning: …` and a hint line): the build goes on, but look. */
  readonly warnings?: readonly string[];
}

export interface CacheMount {
  /** The `id=` of the mount: stable across targets and projects of the same flavor. */
  readonly id: string;
  /** Where it is mounted in the build container. */
  readonly target: string;
}

export interface CompileResult {
  readonly target: string;
  /** All target names in file order (`["default"]` when the pyproject defines none). */
  readonly targets: readonly string[];
  readonly dockerfile: string;
  /**
   * Exclusions to write beside the Dockerfile as `<Dockerfile>.dockerignore` (BuildKit reads
   * that before the context's own), or null when the project has its own `.dockerignore`.
   */
  readonly dockerignore: string | null;
  readonly plan: BuildPlanSummary;
}
