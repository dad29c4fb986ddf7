/**
 * Tags from the event (or the `tags` input), OCI labels from the run (source, revision, created,
 * version) that the Dockerfile does not set, and SOURCE_DATE_EPOCH from the commit time.
 */
import path from 'node:path';
import { log } from '../../log/workflowLog.js';
import { readCommitTime } from '../../github/commitTime.js';
import { labelsNotIn, OCI, ociLabels, sourceDateEpoch } from '../../github/ociLabels.js';
import { computeTags } from '../../github/tags.js';
import { Outputs } from '../constants.js';
import type { MainContext, Phase } from '../context.js';
import { currentEventContext, resolveImageTags } from '../event.js';

async function resolveTagsAndLabels(ctx: MainContext): Promise<void> {
  const { inputs } = ctx;
  const project = ctx.project;
  if (!project) throw new Error('internal: tags and labels before the Dockerfile was generated');
  const event = currentEventContext();
  const computed = computeTags(event);
  // A leg of a fan-in pushes by digest: its tags are the merge job's business.
  ctx.tags = inputs.pushByDigest ? [] : resolveImageTags(inputs.tags, inputs.images, event);

  const planLabels = project.result.plan.labels;
  const commitTime = await readCommitTime(
    path.dirname(path.resolve(project.pyprojectPath)),
    event.sha,
    event.payload,
  );
  const labels = ociLabels({
    context: event,
    version: computed.version,
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
  ctx.host.setOutput(Outputs.Version, computed.version ?? '');
  ctx.host.setOutput(Outputs.Labels, JSON.stringify(ctx.labels));
}

export const tagsAndLabelsPhase: Phase = {
  name: 'Tags and labels',
  when: (ctx) => !ctx.inputs.dryRun || ctx.inputs.images.length > 0,
  run: resolveTagsAndLabels,
};
