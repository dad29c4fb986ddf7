/** The build's outputs (digest, image id, metadata) and the job summary, dry run or not. */
import { measureImageSize } from '../../docker/buildx/imageSize.js';
import { Outputs } from '../constants.js';
import type { MainContext, Phase } from '../context.js';
import { writeJobSummary } from '../summary.js';

async function report(ctx: MainContext): Promise<void> {
  const project = ctx.project;
  if (!project) return;
  const { inputs } = ctx;
  const outcome = ctx.outcome;
  if (outcome) {
    ctx.host.setOutput(Outputs.Digest, outcome.digest ?? '');
    ctx.host.setOutput(Outputs.ImageId, outcome.imageId ?? '');
    ctx.host.setOutput(Outputs.Metadata, outcome.metadataJson);
  }
  const localRef = ctx.tags[0] ?? outcome?.imageId;
  const imageSizes = outcome
    ? await measureImageSize({
        loaded: inputs.load,
        pushed: inputs.push,
        ...(localRef ? { localRef } : {}),
        ...(ctx.tags[0] ? { pushedRepo: ctx.tags[0] } : {}),
        ...(outcome.digest ? { digest: outcome.digest } : {}),
      })
    : [];
  await writeJobSummary({
    target: project.result.target,
    platforms: inputs.platforms,
    tags: ctx.tags,
    dryRun: inputs.dryRun,
    pushed: (inputs.push || inputs.pushByDigest) && !!outcome,
    loaded: inputs.load && !!outcome,
    ...(outcome?.digest ? { digest: outcome.digest } : {}),
    ...(outcome?.imageId ? { imageId: outcome.imageId } : {}),
    imageSizes,
    ...(outcome ? { durationMs: outcome.durationMs } : {}),
    dockerfilePath: project.dockerfilePath,
    dockerfile: project.result.dockerfile,
  });
}

export const outputsPhase: Phase = { name: 'Outputs and summary', run: report };
