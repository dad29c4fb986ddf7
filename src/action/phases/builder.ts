/**
 * A builder that can do the job: buildx's current one (or the `builder` input) when it can,
 * else a docker-container builder main creates and post removes.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { log } from '../../log/workflowLog.js';
import {
  createBuilder,
  decideBuilder,
  inspectBuilder,
  usesContainerdImageStore,
} from '../../docker/buildx/builder.js';
import { loadProblem, requestedAttestations } from '../../docker/buildx/load.js';
import type { MainContext, Phase, Products } from '../context.js';
import { newBuilderName } from '../state.js';

async function chooseBuilder(ctx: MainContext): Promise<Partial<Products>> {
  const { run } = ctx.host;
  const requested = ctx.inputs.builder || undefined;
  const current = await inspectBuilder(requested, run);
  const containerd = await usesContainerdImageStore(run);
  const cannotLoad = loadProblem({
    load: ctx.inputs.load,
    platforms: ctx.inputs.platforms,
    attestations: requestedAttestations(ctx.inputs),
    containerdStore: containerd,
  });
  if (cannotLoad) throw new Error(cannotLoad);
  const decision = decideBuilder(
    current,
    containerd,
    {
      multiPlatform: ctx.inputs.platforms.length > 1,
      cacheExport: ctx.cacheTo.length > 0 || ctx.inputs.buildPush.cacheTo.length > 0,
      cacheImport: ctx.cacheFrom.length > 0,
    },
    requested,
  );
  const { driverOpts, buildkitdConfigInline } = ctx.inputs;
  if (decision.kind === 'use') {
    log.info(`Builder ${decision.name}: ${decision.reason}`);
    if (driverOpts.length > 0 || buildkitdConfigInline.trim() !== '') {
      log.warning(
        `driver-opts and buildkitd-config-inline apply only to a builder this action creates; builder ` +
          `${decision.name} is used as it is (set them on docker/setup-buildx-action for that one)`,
      );
    }
    return { builder: requested };
  }
  const name = newBuilderName(process.env.GITHUB_RUN_ID);
  log.info(`Creating docker-container builder ${name}: ${decision.reason}`);
  // recorded before creating it, so post removes a half-created builder too
  ctx.state.setCreatedBuilder(name);
  let buildkitdConfig: string | undefined;
  if (buildkitdConfigInline.trim() !== '') {
    buildkitdConfig = path.join(ctx.tempDir, 'buildkitd.toml');
    await writeFile(buildkitdConfig, buildkitdConfigInline, { mode: 0o600 });
  }
  await createBuilder({
    name,
    ...(ctx.inputs.network ? { network: ctx.inputs.network } : {}),
    driverOpts,
    ...(buildkitdConfig ? { buildkitdConfig } : {}),
    run,
  });
  return { builder: name };
}

export const builderPhase: Phase = {
  name: 'Choose the builder',
  when: (ctx) => !ctx.inputs.dryRun,
  run: chooseBuilder,
};
