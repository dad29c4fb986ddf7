/**
 * The build cache as phases of the action (plugged into src/action/mainImpl.ts and postImpl.ts):
 * - before the builder is chosen: restore, and hand buildx its --cache-from/--cache-to (whether
 *   a cache is exported decides whether the docker driver will do);
 * - once the builder is chosen: check that it can use the restored cache (a slim one needs the
 *   docker driver), and fill the RUN cache mounts of that builder;
 * - in post, before the builder is removed: save.
 */
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Outputs } from '../action/constants.js';
import type { MainContext, Phase } from '../action/context.js';
import type { PostState } from '../action/state.js';
import { referencedFiles } from '../core/index.js';
import { mountsUsedBy } from './cacheMounts.js';
import { baseImagesOf } from './baseImages.js';
import { fillCacheMounts, restoreBuildCache, restoredCacheFrom, restoredCacheUsable } from './restoreImpl.js';
import { saveBuildCache } from './saveImpl.js';

const building = (ctx: MainContext): boolean => !ctx.inputs.dryRun && ctx.inputs.cache !== 'none';

/** Stable across runs (it enters the cache entry's version); the runner empties RUNNER_TEMP after the job. */
function cacheWorkDir(): string {
  return path.join(process.env.RUNNER_TEMP || os.tmpdir(), 'microb-cache');
}

export async function restoreCachePhase(ctx: MainContext): Promise<void> {
  const project = ctx.project;
  if (!project) return;
  const { result, dockerfilePath, pyprojectPath, snapshot } = project;
  const projectDir = path.dirname(path.resolve(pyprojectPath));
  // what the dependency layers depend on: the pyproject, the requirements/lock files it names,
  // and the generated Dockerfile, which spells out every dependency
  const keyFiles = [
    path.resolve(pyprojectPath),
    ...referencedFiles(snapshot.pyprojectText)
      .filter((f) => f !== '.dockerignore')
      .map((f) => path.resolve(projectDir, f)),
    dockerfilePath,
  ];
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
  const buildx = ['docker', 'buildx', ...(ctx.builder ? ['--builder', ctx.builder] : [])];
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

/** Post: save the cache. Runs before the builder is removed: the cache mounts are read from it. */
export const SAVE_CACHE_CLEANUP = {
  name: 'build cache',
  run: async (s: PostState): Promise<string | undefined> => {
    if (!s.cacheSaveState) return undefined;
    const saved = await saveBuildCache(s.cacheSaveState);
    return saved.saved ? `saved build cache ${saved.key}` : undefined;
  },
};
