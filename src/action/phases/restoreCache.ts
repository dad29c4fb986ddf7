/**
 * Restore the build cache, and hand buildx its --cache-from/--cache-to. Before the builder is
 * chosen: whether a cache is exported decides whether the docker driver will do.
 */
import { readFile } from 'node:fs/promises';
import { referencedFiles } from '../../compiler/index.js';
import { baseImagesOf } from '../../cache/baseImages.js';
import { mountsUsedBy } from '../../cache/cacheMounts.js';
import { dependencyKeyFiles } from '../../cache/keys.js';
import { restoreBuildCache } from '../../cache/restoreImpl.js';
import { Outputs } from '../constants.js';
import type { MainContext, Phase } from '../context.js';
import { cacheWorkDir } from '../state.js';

async function restoreCache(ctx: MainContext): Promise<void> {
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
  // only the Actions cache has a key to hit; gha's hits are BuildKit's, per step (see the summary)
  if (ctx.inputs.cache === 'actions') ctx.cacheHit = restored.cacheHit;
}

export const restoreCachePhase: Phase = {
  name: 'Restore the build cache',
  when: (ctx) => !ctx.inputs.dryRun && ctx.inputs.cache !== 'none',
  run: restoreCache,
};
