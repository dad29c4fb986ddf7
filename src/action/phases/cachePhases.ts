/**
 * The build cache as phases of the action (plugged into src/action/mainImpl.ts and postImpl.ts):
 * - before the builder is chosen: restore, and hand buildx its --cache-from/--cache-to (whether
 *   a cache is exported decides whether the docker driver will do);
 * - once the builder is chosen: check that it can use the restored cache (a slim one needs the
 *   docker driver), and fill the RUN cache mounts of that builder;
 * - in post, before the builder is removed: save.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Outputs } from '../constants.js';
import type { MainContext, Phase } from '../context.js';
import { runnerTemp, type PostState } from '../state.js';
import { referencedFiles } from '../../compiler/index.js';
import { mountsUsedBy } from '../../cache/cacheMounts.js';
import { baseImagesOf } from '../../cache/baseImages.js';
import { dependencyKeyFiles } from '../../cache/keys.js';
import {
  fillCacheMounts,
  restoreBuildCache,
  restoredCacheFrom,
  restoredCacheUsable,
} from '../../cache/restoreImpl.js';
import { saveBuildCache } from '../../cache/saveImpl.js';
import { serializeSaveState, trustedSaveState } from '../../cache/saveState.js';
import { log } from '../../log/workflowLog.js';

const building = (ctx: MainContext): boolean => !ctx.inputs.dryRun && ctx.inputs.cache !== 'none';

/** Stable across runs (it enters the cache entry's version); the runner empties RUNNER_TEMP after the job. */
function cacheWorkDir(): string {
  return path.join(runnerTemp(), 'microb-cache');
}

export async function restoreCachePhase(ctx: MainContext): Promise<void> {
  const project = ctx.project;
  if (!project) return;
  const { result, dockerfilePath, pyprojectPath, snapshot } = project;
  // what the dependency layers depend on: the pyproject, the requirements/lock files it names,
  // and the generated Dockerfile, which spells out every dependency
  const keyFiles = dependencyKeyFiles(pyprojectPath, referencedFiles(snapshot.pyprojectText), dockerfilePath);
  const dockerfile = await readFile(dockerfilePath, 'utf8');
  const restored = await restoreBuildCache({
    mode: ctx.inputs.cache,
    cacheMounts: ctx.inputs.cacheMounts,
    target: result.target,
    platforms: ctx.inputs.platforms,
    keyFiles,
    cacheMountsPlan: mountsUsedBy(dockerfile, result.plan.cacheMounts),
    baseImages: baseImagesOf(dockerfile),
    workDir: cacheWorkDir(),
    helperImage: result.plan.builderImage,
    deferCacheMounts: true,
  });
  ctx.cacheFrom.push(...restored.cacheFrom);
  ctx.cacheTo.push(...restored.cacheTo);
  ctx.state.setCacheSaveState(restored.saveState);
  ctx.host.setOutput(Outputs.CacheHit, String(restored.cacheHit));
}

export async function fillCacheMountsPhase(ctx: MainContext): Promise<void> {
  const saveState = ctx.state.read().cacheSaveState;
  if (!saveState) return;
  const buildx = buildxCommandFor(ctx.builder);
  // a slim cache only works on a builder that finds the base layers in the engine
  if (!(await restoredCacheUsable(saveState, buildx))) {
    const drop = new Set(restoredCacheFrom(saveState));
    const keep = ctx.cacheFrom.filter((v) => !drop.has(v));
    ctx.cacheFrom.splice(0, ctx.cacheFrom.length, ...keep);
  }
  ctx.state.setCacheSaveState(await fillCacheMounts(saveState, buildx));
}

export const RESTORE_CACHE_PHASE: Phase = {
  name: 'Restore the build cache',
  when: building,
  run: restoreCachePhase,
};

export const FILL_CACHE_MOUNTS_PHASE: Phase = {
  name: 'Prepare the restored cache for the builder',
  when: (ctx) => building(ctx) && ctx.inputs.cache === 'actions',
  run: fillCacheMountsPhase,
};

/** The buildx command of the build: `--builder` the one main created, else the `builder` input. */
export function buildxCommandFor(builder: string | undefined): string[] {
  return ['docker', 'buildx', ...(builder ? ['--builder', builder] : [])];
}

/**
 * Post: save the cache. Runs before the builder is removed: the cache mounts are read from it.
 * Only when the inputs asked for an Actions cache and a build, and only a state that names
 * main's own directories; the buildx command is rebuilt here, never taken from the state.
 */
export const SAVE_CACHE_CLEANUP = {
  name: 'build cache',
  run: async (
    s: PostState,
    inputs: { readonly dryRun: boolean; readonly cache: string; readonly builder: string },
  ): Promise<string | undefined> => {
    if (!s.cacheSaveState || inputs.dryRun) return undefined;
    if ((inputs.cache || 'actions') !== 'actions') return undefined;
    const trusted = trustedSaveState(s.cacheSaveState, {
      workDir: cacheWorkDir(),
      buildxCommand: buildxCommandFor(s.createdBuilder ?? (inputs.builder || undefined)),
    });
    if (trusted === null) {
      log.warning('post ignored a build cache state that does not name this action’s cache directories');
      return undefined;
    }
    const saved = await saveBuildCache(serializeSaveState(trusted));
    return saved.saved ? `saved build cache ${saved.key}` : undefined;
  },
};
