/**
 * Tags from the event (or the `tags` input), OCI labels from the run (source, revision, created,
 * version) that the Dockerfile does not set, and SOURCE_DATE_EPOCH from the commit time.
 */
import path from 'node:path';
import { log } from '../../log/workflowLog.js';
import { readCommitTime } from '../../github/commitTime.js';
import { labelsNotIn, OCI, ociLabels, sourceDateEpoch } from '../../github/ociLabels.js';
import { Outputs } from '../constants.js';
import { setMetadataOutputs, versionOutput } from '../outputs.js';
import type { MainContext, Phase } from '../context.js';
import { currentEventContext, resolveImageTags } from '../event.js';

async function resolveTagsAndLabels(ctx: MainContext): Promise<void> {
  const { inputs } = ctx;
  const project = ctx.project;
  if (!project) throw new Error('internal: tags and labels before the Dockerfile was generated');
  const event = currentEventContext();
  const planLabels = project.result.plan.labels;
  const commitTime = await readCommitTime(
    path.dirname(path.resolve(project.pyprojectPath)),
    event.sha,
    event.payload,
  );
  const resolved = resolveImageTags(inputs, event, {
    now: new Date(),
    ...(commitTime ? { commitDate: commitTime } : {}),
  });
  for (const w of resolved.warnings) log.warning(`tags: ${w}`);
  // A leg of a fan-in pushes by digest: its tags are the merge job's business.
  ctx.tags = inputs.pushByDigest ? [] : resolved.references;

  const labels = ociLabels({
    context: event,
    version: resolved.version,
    commitTime,
    license: planLabels[OCI.licenses],
  });
  ctx.contextLabels = labelsNotIn(labels, planLabels);
  ctx.labels = { ...planLabels, ...ctx.contextLabels, ...inputs.labels };

  const epoch = process.env['SOURCE_DATE_EPOCH'] ?? sourceDateEpoch(commitTime);
  if (epoch) {
    ctx.buildEnv = { ...ctx.buildEnv, SOURCE_DATE_EPOCH: epoch };
    log.info(`SOURCE_DATE_EPOCH=${epoch} (${new Date(Number(epoch) * 1000).toISOString()}, the commit time)`);
  } else {
    log.info('The commit time is unknown (no git history, no push payload): SOURCE_DATE_EPOCH is not set');
  }
  if (ctx.tags.length > 0) log.info(`Tags:\n${ctx.tags.join('\n')}`);
  ctx.host.setOutput(Outputs.Tags, ctx.tags.join('\n'));
  // metadata-action's formats; the JSON object that `labels` was is now json's `labels`
  setMetadataOutputs((n, v) => ctx.host.setOutput(n, v), {
    tags: ctx.tags,
    labels: ctx.labels,
    annotations: inputs.buildPush.annotations,
    version: versionOutput(ctx.labels, resolved.version),
  });
}

export const tagsAndLabelsPhase: Phase = {
  name: 'Tags and labels',
  when: (ctx) => !ctx.inputs.dryRun || ctx.inputs.images.length > 0,
  run: resolveTagsAndLabels,
};
