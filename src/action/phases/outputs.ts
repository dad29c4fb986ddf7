/** The build's outputs (digest, image id, metadata) and the job summary, dry run or not. */
import path from 'node:path';
import { imageLayers, type ImageLayer, measureImageSize } from '../../docker/buildx/imageSize.js';
import { pushesToRegistry } from '../../docker/buildx/argv.js';
import { Outputs } from '../constants.js';
import type { MainContext, Phase } from '../context.js';
import { writeJobSummary } from '../summary.js';

/** The Dockerfile as the repository shows it: relative to the workspace when inside it. */
export function workspacePath(
  file: string,
  workspace = process.env['GITHUB_WORKSPACE'] ?? process.cwd(),
): string {
  const rel = path.relative(workspace, file);
  return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? file : rel.split(path.sep).join('/');
}

/** The job summary of this run so far: after the outputs phase, or when a phase failed. */
export async function writeRunSummary(
  ctx: MainContext,
  measured: { imageSizes?: { label: string; bytes: number }[]; layers?: ImageLayer[] } = {},
): Promise<void> {
  const project = ctx.project;
  if (!project) return;
  const { inputs } = ctx;
  const outcome = ctx.failure ? undefined : ctx.outcome;
  const secrets = [
    inputs.githubToken,
    ...inputs.secrets.map((s) => s.value),
    ...Object.values(ctx.secrets?.env ?? {}),
  ].filter((s) => s !== '');
  await writeJobSummary({
    target: project.result.target,
    platforms: inputs.platforms,
    tags: ctx.tags,
    dryRun: inputs.dryRun,
    pushed:
      (inputs.push || inputs.pushByDigest || inputs.buildPush.outputs.some(pushesToRegistry)) && !!outcome,
    loaded: inputs.load && !!outcome,
    ...(outcome?.digest ? { digest: outcome.digest } : {}),
    ...(outcome?.imageId ? { imageId: outcome.imageId } : {}),
    imageSizes: measured.imageSizes ?? [],
    ...(outcome ? { durationMs: outcome.durationMs } : {}),
    dockerfilePath: workspacePath(project.dockerfilePath),
    dockerfile: project.result.dockerfile,
    ...(ctx.failure ? { failure: ctx.failure } : {}),
    phases: ctx.phaseTimings,
    ...(inputs.dryRun
      ? {}
      : {
          cache: {
            mode: inputs.cache,
            ...(ctx.cacheHit !== undefined ? { hit: ctx.cacheHit } : {}),
            from: inputs.buildPush.cacheFrom,
            to: inputs.buildPush.cacheTo,
          },
        }),
    ...(ctx.steps ? { steps: ctx.steps } : {}),
    ...(measured.layers ? { layers: measured.layers } : {}),
    secrets,
  });
}

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
  const layers = outcome && inputs.load && localRef ? await imageLayers(localRef) : undefined;
  await writeRunSummary(ctx, { imageSizes, ...(layers ? { layers } : {}) });
}

export const outputsPhase: Phase = { name: 'Outputs and summary', run: report };
