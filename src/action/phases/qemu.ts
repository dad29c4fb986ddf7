/** QEMU emulation for the `platforms` the host cannot run natively. */
import { log } from '../../log/workflowLog.js';
import { hostArch, parsePlatform } from '../../docker/platforms.js';
import { ensureEmulation } from '../../docker/qemu.js';
import type { MainContext, Phase } from '../context.js';

async function setupQemu(ctx: MainContext): Promise<void> {
  await ensureEmulation(ctx.inputs.platforms.map(parsePlatform), hostArch(), {
    log: (l) => log.info(l),
    image: ctx.inputs.qemuImage,
    run: ctx.host.run,
  });
}

export const qemuPhase: Phase = {
  name: 'Set up QEMU',
  when: (ctx) => !ctx.inputs.dryRun && ctx.inputs.platforms.length > 0,
  run: setupQemu,
};
