/**
 * Once the builder is chosen: check it can use the restored cache (a slim one needs the docker
 * driver), and fill that builder's RUN cache mounts from the restored directories.
 */
import { buildxCommandFor } from '../../docker/buildx/builder.js';
import { fillCacheMounts, restoredCacheFrom, restoredCacheUsable } from '../../cache/restoreImpl.js';
import type { MainContext, Phase } from '../context.js';

async function fillRestoredCacheMounts(ctx: MainContext): Promise<void> {
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

export const fillCacheMountsPhase: Phase = {
  name: 'Prepare the restored cache for the builder',
  when: (ctx) => !ctx.inputs.dryRun && ctx.inputs.cache === 'actions',
  run: fillRestoredCacheMounts,
};
