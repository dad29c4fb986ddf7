/** buildx is there and new enough (`buildx-version`), installed when it is not. */
import { log } from '../../log/workflowLog.js';
import { ensureBuildx } from '../../docker/buildx/install.js';
import type { MainContext, Phase } from '../context.js';

async function setupBuildx(ctx: MainContext): Promise<void> {
  await ensureBuildx(ctx.inputs.buildxVersion, {
    log: (l) => log.info(l),
    warn: (w) => log.warning(w),
    run: ctx.host.run,
    ...(ctx.inputs.unsafeBuildxDownloadBase ? { downloadBase: ctx.inputs.unsafeBuildxDownloadBase } : {}),
  });
}

export const buildxPhase: Phase = {
  name: 'Set up buildx',
  when: (ctx) => !ctx.inputs.dryRun,
  run: setupBuildx,
};
