/**
 * Tags from the event (or the `tags` input), OCI labels from the run (source, revision, created,
 * version) that the Dockerfile does not set, and SOURCE_DATE_EPOCH from the commit time. The
 * outputs phase reports them.
 */
import path from 'node:path';
import { log } from '../../log/workflowLog.js';
import { readCommitTime } from '../../github/commitTime.js';
import { labelsNotIn, ociLabels, sourceDateEpoch } from '../../github/ociLabels.js';
import type { MainContext, Phase, Products, Release } from '../context.js';
import { currentEventContext, resolveImageTags } from '../event.js';

async function resolveTagsAndLabels(ctx: MainContext): Promise<Partial<Products>> {
  const { inputs, project } = ctx;
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
  const tags = inputs.pushByDigest ? [] : resolved.references;
  const contextLabels = labelsNotIn(
    ociLabels({ context: event, version: resolved.version, commitTime }),
    planLabels,
  );
  const epoch = process.env['SOURCE_DATE_EPOCH'] ?? sourceDateEpoch(commitTime);
  if (epoch) {
    log.info(`SOURCE_DATE_EPOCH=${epoch} (${new Date(Number(epoch) * 1000).toISOString()}, the commit time)`);
  } else {
    log.info('The commit time is unknown (no git history, no push payload): SOURCE_DATE_EPOCH is not set');
  }
  if (tags.length > 0) log.info(`Tags:\n${tags.join('\n')}`);
  return {
    release: {
      tags,
      labels: { ...planLabels, ...contextLabels, ...inputs.labels },
      contextLabels,
      ...(resolved.version !== undefined && { version: resolved.version }),
      ...(epoch !== undefined && { sourceDateEpoch: epoch }),
    },
  };
}

/** A dry run without images: no event to tag from, the image labels are the plan's and the input's. */
export function releaseWithoutEvent(ctx: Pick<MainContext, 'inputs' | 'project'>): Release {
  return {
    tags: ctx.inputs.tags,
    labels: { ...ctx.project.result.plan.labels, ...ctx.inputs.labels },
    contextLabels: {},
  };
}

export const tagsAndLabelsPhase: Phase = {
  name: 'Tags and labels',
  when: (ctx) => !ctx.inputs.dryRun || ctx.inputs.images.length > 0,
  run: resolveTagsAndLabels,
};
