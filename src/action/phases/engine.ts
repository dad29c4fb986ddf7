/** The Docker engine answers before anything else touches it. */
import { log } from '../../log/workflowLog.js';
import { checkDockerEngine } from '../../docker/buildx/builder.js';
import type { MainContext, Phase } from '../context.js';

async function checkEngine(ctx: MainContext): Promise<void> {
  log.info(`Docker engine ${await checkDockerEngine(ctx.host.run)}`);
}

export const enginePhase: Phase = {
  name: 'Docker engine',
  when: (ctx) => !ctx.inputs.dryRun,
  run: checkEngine,
};
