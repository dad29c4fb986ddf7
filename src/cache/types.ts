/** The cache module's inputs and results, shared by restore, save and the action. */
import type { CacheMount } from '../compiler/index.js';
import type { CacheMode } from './saveState.js';

export type { CacheMode } from './saveState.js';

export interface CacheInputs {
  readonly mode: CacheMode;
  /** Carry RUN cache mount contents too (only with `actions`). */
  readonly cacheMounts: boolean;
  readonly target: string;
  /** Canonical platforms; empty = the builder's own. */
  readonly platforms: readonly string[];
  /** Absolute paths of what the dependency layers depend on: pyproject, lock file, generated Dockerfile. */
  readonly keyFiles: readonly string[];
  /** plan.cacheMounts: the ids and targets the generated Dockerfile mounts. */
  readonly cacheMountsPlan: readonly CacheMount[];
  /** Stable across runs (it enters the cache version), e.g. `$RUNNER_TEMP/microb-cache`. */
  readonly workDir: string;
  /** How to run buildx for the cache-mount builds; default `["docker", "buildx"]`. */
  readonly buildxCommand?: readonly string[];
  /**
   * An image with `sh` and `cp` the builder already has, for the cache-mount builds: the
   * build's own builder image (plan.builderImage). Without it cache mounts are not carried.
   */
  readonly helperImage?: string;
  /**
   * The images the build starts FROM (external ones, not stages), as the engine names them:
   * their layers are left out of the saved cache (see slim.ts). Empty/absent = keep everything.
   */
  readonly baseImages?: readonly string[];
  /** Time limit for each cache service call and each cache-mount build; default 5 minutes. */
  readonly timeoutMs?: number;
  /**
   * Leave filling the RUN cache mounts to fillCacheMounts(), for a caller that chooses the
   * builder only once it knows the cache flags (whether a cache is exported decides whether
   * the docker driver will do); the mounts must go into the builder that runs the build.
   */
  readonly deferCacheMounts?: boolean;
}

export interface CacheRestoreResult {
  /** `--cache-from …` / `--cache-to …` arguments for `docker buildx build`. */
  readonly buildxArgs: string[];
  /** The same, as values (for argv builders that take them separately). */
  readonly cacheFrom: readonly string[];
  readonly cacheTo: readonly string[];
  /** True only when the exact primary key was restored (the `cache-hit` output). */
  readonly cacheHit: boolean;
  /** The key that was restored, exact or by prefix; '' on a miss. */
  readonly restoredKey: string;
  readonly primaryKey: string;
  /** JSON the action keeps in its main→post state and hands to saveBuildCache. */
  readonly saveState: string;
}

export interface CacheSaveResult {
  readonly saved: boolean;
  readonly key?: string;
  /** Bytes of the directory that was archived, when saved. */
  readonly sizeBytes?: number;
}

/** The `cache` input; '' means the default, `actions`. */
export function parseCacheMode(text: string): CacheMode {
  const mode = text.trim().toLowerCase() || 'actions';
  if (mode === 'actions' || mode === 'gha' || mode === 'none') return mode;
  throw new Error(`"${text}" is not one of actions, gha, none`);
}

export const DEFAULT_TIMEOUT_MS = 5 * 60_000;
export const DEFAULT_BUILDX_COMMAND: readonly string[] = ['docker', 'buildx'];
