/**
 * Once the builder is chosen: check it can use the restored cache (a slim one needs the docker
 * driver), and fill that builder's RUN cache mounts from the restored directories.
 */
import { buildxCommandFor } from '../../docker/buildx/builder.js';
import { fillCacheMounts, restoredCacheFrom, restoredCacheUsable } from '../../cache/restoreImpl.js';
import type { MainContext, Phase, Products } from '../context.js';

async function fillRestoredCacheMounts(ctx: MainContext): Promise<Partial<Products>> {
  const saveState = ctx.state.read().cacheSaveState;
  if (!saveState) return {};
  const buildx = buildxCommandFor(ctx.builder);
  const deps = { run: ctx.host.run };
  let { cacheFrom } = ctx;
  // a slim cache only works on a builder that finds the base layers in the engine
  if (!(await restoredCacheUsable(saveState, buildx, deps))) {
    const drop = new Set(restoredCacheFrom(saveState));
    cacheFrom = cacheFrom.filter((v) => !drop.has(v));
  }
  ctx.state.setCacheSaveState(await fillCacheMounts(saveState, buildx, deps));
  return { cacheFrom };
}

export const fillCacheMountsPhase: Phase = {
  name: 'Prepare the restored cache for the builder',
  when: (ctx) => !ctx.inputs.dryRun && ctx.inputs.cache === 'actions',
  run: fillRestoredCacheMounts,
};
