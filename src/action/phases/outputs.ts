/**
 * The run's outputs — tags, labels, annotations, json and version (metadata-action's formats),
 * and digest, image id and metadata when built — written once, here, and the job summary; dry
 * run or not.
 */
import path from 'node:path';
import { imageLayers, type ImageLayer, measureImageSize } from '../../docker/buildx/imageSize.js';
import { pushesToRegistry } from '../../docker/buildx/argv.js';
import { Outputs } from '../constants.js';
import type { MainContext, Phase } from '../context.js';
import { setMetadataOutputs, versionOutput } from '../outputs.js';
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
  const { inputs, project, report } = ctx;
  const outcome = report.failure ? undefined : ctx.outcome;
  const secrets = [
    inputs.githubToken,
    ...inputs.secrets.map((s) => s.value),
    ...Object.values(ctx.request.secrets.env),
  ].filter((s) => s !== '');
  await writeJobSummary({
    target: project.result.target,
    platforms: inputs.platforms,
    tags: ctx.release.tags,
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
    ...(report.failure ? { failure: report.failure } : {}),
    phases: report.phaseTimings,
    ...(inputs.dryRun
      ? {}
      : {
          cache: {
            mode: inputs.cache,
            ...(report.cacheHit !== undefined ? { hit: report.cacheHit } : {}),
            from: inputs.buildPush.cacheFrom,
            to: inputs.buildPush.cacheTo,
          },
        }),
    ...(report.steps ? { steps: report.steps } : {}),
    ...(measured.layers ? { layers: measured.layers } : {}),
    secrets,
  });
}

async function writeOutputs(ctx: MainContext): Promise<void> {
  const { inputs, outcome, release } = ctx;
  const { run } = ctx.host;
  const tags = release.tags;
  ctx.host.setOutput(Outputs.Tags, tags.join('\n'));
  setMetadataOutputs((n, v) => ctx.host.setOutput(n, v), {
    tags,
    labels: release.labels,
    annotations: inputs.buildPush.annotations,
    version: versionOutput(release.labels, release.version),
  });
  if (outcome) {
    ctx.host.setOutput(Outputs.Digest, outcome.digest ?? '');
    ctx.host.setOutput(Outputs.ImageId, outcome.imageId ?? '');
    ctx.host.setOutput(Outputs.Metadata, outcome.metadataJson);
  }
  const localRef = tags[0] ?? outcome?.imageId;
  const imageSizes = outcome
    ? await measureImageSize({
        loaded: inputs.load,
        pushed: inputs.push,
        ...(localRef ? { localRef } : {}),
        ...(tags[0] ? { pushedRepo: tags[0] } : {}),
        ...(outcome.digest ? { digest: outcome.digest } : {}),
        run,
      })
    : [];
  const layers = outcome && inputs.load && localRef ? await imageLayers(localRef, run) : undefined;
  await writeRunSummary(ctx, { imageSizes, ...(layers ? { layers } : {}) });
}

export const outputsPhase: Phase = { name: 'Outputs and summary', run: writeOutputs };
