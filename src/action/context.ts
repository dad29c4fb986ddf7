/**
 * What the phases of main share. The generate phase produces the GeneratedProject, once; every
 * later phase gets it, and returns its own product (tags and labels, the checked request, the
 * cache flags, the builder…) for the orchestrator to hand to the phases after it. A product
 * starts as what a skipped phase means (no cache flags, buildx's current builder), so no phase
 * finds a hole where an earlier one should have been.
 */
import type { BuildSecrets } from '../docker/buildx/secrets.js';
import type { BuildxOutcome } from '../docker/buildx/run.js';
import type { CompileOptions, CompileResult, ProjectSnapshot } from '../compiler/index.js';
import type { GitHubApi } from '../github/client.js';
import type { CacheService } from '../cache/actionsCache.js';
import type { RunProcess } from '../process/runner.js';
import type { StepCounts } from '../docker/buildx/progress.js';
import type { ActionInputs } from './inputs.js';
import type { PhaseTiming, SummaryFailure } from './summary.js';
import type { ActionState, PostState, StateStore } from './state.js';

/**
 * What main and post talk to: the runner (GITHUB_STATE / GITHUB_OUTPUT), child processes
 * (docker, git, ssh-agent), the GitHub API and the Actions cache — or a test's stand-ins.
 */
export interface MainHost {
  readonly state: StateStore;
  setOutput(name: string, value: string): void;
  /** Runs docker, git and ssh-add; default: real child processes. */
  readonly run?: RunProcess;
  /** The GitHub API for a token; default: api.github.com or GITHUB_API_URL. */
  readonly github?: (token: string) => GitHubApi;
  /** The Actions cache; default: @actions/cache. */
  readonly cache?: CacheService;
}

/** The pyproject compiled for this run, once: every later phase reads it, none changes it. */
export interface GeneratedProject {
  /** The pyproject path as the user named it (error annotations use it). */
  readonly pyprojectPath: string;
  /** The pyproject and the files beside it, read once by the generate phase. */
  readonly snapshot: ProjectSnapshot;
  readonly contextDir: string;
  readonly dockerfilePath: string;
  /** What every target of this run was compiled with (the base branch's too, for the PR comment). */
  readonly options: CompileOptions;
  /** The target built, its plan's labels resolved with the build-args input. */
  readonly result: CompileResult;
  /** Every target compiled in this run, `result`'s first: all of them in a plan run, else one. */
  readonly compiled: ReadonlyMap<string, CompileResult>;
}

/** Tags and labels of the image. */
export interface Release {
  /** Full image references to tag: the `tags` input, or computed from the event (src/github). */
  readonly tags: readonly string[];
  /** The image's labels as the outputs report them: the plan's, the run's, the `labels` input. */
  readonly labels: Readonly<Record<string, string>>;
  /** OCI labels from the run (source, revision, created…) that the Dockerfile does not set. */
  readonly contextLabels: Readonly<Record<string, string>>;
  readonly version?: string;
  /** The commit time, as the build's SOURCE_DATE_EPOCH. */
  readonly sourceDateEpoch?: string;
}

/** The build request once checked: secrets assembled, a version from git filled in. */
export interface BuildRequest {
  readonly secrets: BuildSecrets;
  /** Build args the run adds (a version from git for the project stage); the build-args input wins. */
  readonly versionBuildArgs?: Readonly<Record<string, string>>;
}

/** What each phase after generate may produce; the orchestrator starts each at its "skipped" value. */
export interface Products {
  readonly release: Release;
  readonly request: BuildRequest;
  /** `--cache-from`/`--cache-to` from the restore-cache phase. */
  readonly cacheFrom: readonly string[];
  readonly cacheTo: readonly string[];
  /** `--builder` to pass; undefined = buildx's current builder. */
  readonly builder: string | undefined;
  /** `--output` values replacing push/tags (a fan-in leg pushing by digest). */
  readonly pushOutputs: readonly string[] | undefined;
  /** The ssh-agent socket the build forwards. */
  readonly sshAuthSock: string | undefined;
  /** What the build produced; undefined in a dry run. */
  readonly outcome: Extract<BuildxOutcome, { ok: true }> | undefined;
}

/** A host with every client filled in (the runner's where the caller gave none). */
export type ResolvedHost = Required<MainHost>;

/**
 * What the job summary reports about the run, written as it goes (the one mutable part: the
 * summary of a failed run is written from it, after the phase that failed).
 */
export interface RunReport {
  /** How long each phase took, and which failed. */
  readonly phaseTimings: PhaseTiming[];
  /** The Dockerfile steps the build ran and found cached. */
  steps?: StepCounts;
  /** With `cache: actions`: restored by the exact key. */
  cacheHit?: boolean;
  failure?: SummaryFailure;
}

/** What every phase gets. */
export interface RunContext {
  readonly inputs: ActionInputs;
  readonly host: ResolvedHost;
  readonly state: ActionState;
  /** Private temp dir under RUNNER_TEMP; post removes it. */
  readonly tempDir: string;
  readonly report: RunReport;
}

export interface MainContext extends RunContext, Products {
  readonly project: GeneratedProject;
}

/** One step of main after generate, run in its own log group; `when` false = skipped. */
export interface Phase {
  readonly name: string;
  readonly when?: (ctx: MainContext) => boolean;
  /** Returns the products it made, which later phases see. */
  readonly run: (ctx: MainContext) => Promise<Partial<Products> | void>;
}

/** The first step of main: everything after it works on what it produced. */
export interface GeneratePhase {
  readonly name: string;
  readonly run: (ctx: RunContext) => Promise<GeneratedProject>;
}

/** The whole of a fan-in's merge job: no pyproject, no build. */
export interface MergePhase {
  readonly name: string;
  readonly run: (ctx: RunContext) => Promise<void>;
}

/** What post knows from the action's inputs (the workflow's, so trusted), not from state. */
export interface PostInputs {
  readonly dryRun: boolean;
  /** The `cache` input as given ('' = the default). */
  readonly cache: string;
  /** The `builder` input: the builder a build used when main created none. */
  readonly builder: string;
}

/** What post's cleanups talk to: child processes and the Actions cache, or a test's stand-ins. */
export interface PostHost {
  readonly run: RunProcess;
  readonly cache: CacheService;
}

/** One cleanup of post; returns what it did, for the log (undefined = nothing to do). */
export interface Cleanup {
  readonly name: string;
  readonly run: (s: PostState, inputs: PostInputs, host: PostHost) => Promise<string | undefined>;
}

/**
 * A failure already reported with its own `core.error` annotation (file/line, title): the
 * top level only marks the step failed instead of annotating it twice.
 */
export class ReportedError extends Error {
  override readonly name = 'ReportedError';
}
