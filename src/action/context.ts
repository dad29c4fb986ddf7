/**
 * What the main phases share: the inputs, where outputs go, and what each phase produced for
 * the next. A phase reads what earlier ones set and fills in its own part.
 */
import type { BuildSecrets } from '../docker/buildx/secrets.js';
import type { BuildxOutcome } from '../docker/buildx/run.js';
import type { CompileResult, ProjectSnapshot } from '../compiler/index.js';
import type { ActionInputs } from './inputs.js';
import type { StepCounts } from '../docker/buildx/progress.js';
import type { PhaseTiming, SummaryFailure } from './summary.js';
import type { ActionState, StateStore } from './state.js';

/** Where main writes: the runner (GITHUB_STATE / GITHUB_OUTPUT) or a test's fakes. */
export interface MainHost {
  readonly state: StateStore;
  setOutput(name: string, value: string): void;
}

export interface GeneratedProject {
  /** The pyproject path as the user named it (error annotations use it). */
  readonly pyprojectPath: string;
  /** The pyproject and the files beside it, read once by the generate phase. */
  readonly snapshot: ProjectSnapshot;
  readonly contextDir: string;
  readonly dockerfilePath: string;
  readonly result: CompileResult;
}

export interface MainContext {
  readonly inputs: ActionInputs;
  readonly host: MainHost;
  readonly state: ActionState;
  /** Private temp dir under RUNNER_TEMP; post removes it. */
  readonly tempDir: string;
  project?: GeneratedProject;
  /** The image's labels: the plan's, overridden by the `labels` input. */
  labels: Record<string, string>;
  /** Full image references to tag: the `tags` input, or computed from the event (src/github). */
  tags: string[];
  /** OCI labels from the run (source, revision, created…) that the Dockerfile does not set. */
  contextLabels: Record<string, string>;
  /** `--output` values replacing push/tags (a fan-in leg pushing by digest). */
  outputs?: string[];
  secrets?: BuildSecrets;
  /** `--builder` to pass; undefined = buildx's current builder. */
  builder?: string;
  /** Build args the run adds (a version from git for the project stage); the build-args input wins. */
  versionBuildArgs?: Record<string, string>;
  /** Extra environment for the buildx process (secret values, SSH_AUTH_SOCK). */
  buildEnv: Record<string, string>;
  /** Filled by the restore-cache phase, before the builder is chosen. */
  cacheFrom: string[];
  cacheTo: string[];
  outcome?: Extract<BuildxOutcome, { ok: true }>;
  /** For the job summary: how long each phase took, the Dockerfile steps, and what failed. */
  phaseTimings: PhaseTiming[];
  steps?: StepCounts;
  /** With `cache: actions`: restored by the exact key. */
  cacheHit?: boolean;
  failure?: SummaryFailure;
}

/** One step of main, run in its own log group; `when` false = skipped. */
export interface Phase {
  readonly name: string;
  readonly when?: (ctx: MainContext) => boolean;
  readonly run: (ctx: MainContext) => Promise<void>;
}

/**
 * A failure already reported with its own `core.error` annotation (file/line, title): the
 * top level only marks the step failed instead of annotating it twice.
 */
export class ReportedError extends Error {
  override readonly name = 'ReportedError';
}
