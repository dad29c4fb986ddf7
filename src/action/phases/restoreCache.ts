/**
 * Restore the build cache, and hand buildx its --cache-from/--cache-to. Before the builder is
 * chosen: whether a cache is exported decides whether the docker driver will do.
 */
import { dependencyKeyFiles } from '../../cache/keys.js';
import { restoreBuildCache } from '../../cache/restoreImpl.js';
import { formatPlatform, hostPlatform } from '../../docker/platforms.js';
import { Outputs } from '../constants.js';
import type { MainContext, Phase, Products } from '../context.js';
import { cacheWorkDir } from '../state.js';

async function restoreCache(ctx: MainContext): Promise<Partial<Products>> {
  const { result, dockerfilePath, pyprojectPath, snapshot } = ctx.project;
  // what the dependency layers depend on: the pyproject, the files beside it the compile read
  // (requirements and lock files, nested ones too), and the generated Dockerfile
  const keyFiles = dependencyKeyFiles(pyprojectPath, [...snapshot.files.keys()], dockerfilePath);
  const restored = await restoreBuildCache(
    {
      mode: ctx.inputs.cache,
      cacheMounts: ctx.inputs.cacheMounts,
      target: result.target,
      platforms: ctx.inputs.platforms,
      keyFiles,
      cacheMountsPlan: result.plan.cacheMounts,
      baseImages: result.plan.baseImages,
      workDir: cacheWorkDir(),
      helperImage: result.plan.builderImage,
      deferCacheMounts: true,
    },
    { service: ctx.host.cache, run: ctx.host.run, hostPlatform: formatPlatform(hostPlatform()) },
  );
  ctx.state.setCacheSaveState(restored.saveState);
  ctx.host.setOutput(Outputs.CacheHit, String(restored.cacheHit));
  // only the Actions cache has a key to hit; gha's hits are BuildKit's, per step (see the summary)
  if (ctx.inputs.cache === 'actions') ctx.report.cacheHit = restored.cacheHit;
  return { cacheFrom: restored.cacheFrom, cacheTo: restored.cacheTo };
}

export const restoreCachePhase: Phase = {
  name: 'Restore the build cache',
  when: (ctx) => !ctx.inputs.dryRun && ctx.inputs.cache !== 'none',
  run: restoreCache,
};
