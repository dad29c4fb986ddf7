/**
 * The merge job of a fan-in (`merge-digests`): the legs' digests become one multi-platform index,
 * tagged and annotated like a single build would be. No pyproject, no build.
 */
import * as core from '@actions/core';
import { log } from '../../log/workflowLog.js';
import { parseDigestSources } from '../../docker/fanIn.js';
import { mergeDigests } from '../../docker/imagetools.js';
import { readCommitTime } from '../../github/commitTime.js';
import { ociLabels } from '../../github/ociLabels.js';
import { Outputs } from '../constants.js';
import { setMetadataOutputs } from '../outputs.js';
import type { MergePhase, RunContext } from '../context.js';
import { currentEventContext, resolveImageTags } from '../event.js';

async function mergeLegDigests(ctx: RunContext): Promise<void> {
  const { inputs } = ctx;
  const event = currentEventContext();
  const sources = parseDigestSources(inputs.mergeDigests, inputs.images[0]);
  const commitTime = await readCommitTime(process.cwd(), event.sha, event.payload);
  const resolved = resolveImageTags(inputs, event, {
    now: new Date(),
    ...(commitTime ? { commitDate: commitTime } : {}),
  });
  const tags = resolved.references;
  if (tags.length === 0) throw new Error('merge-digests needs images (tags computed from the event) or tags');
  const version = resolved.version;
  const annotations = { ...ociLabels({ context: event, version, commitTime }), ...inputs.labels };
  log.info(`Merging ${sources.length} digest(s) into:\n${tags.join('\n')}`);
  const merged = await mergeDigests(
    {
      tags,
      sources,
      annotations,
      ...(inputs.builder ? { builder: inputs.builder } : {}),
    },
    ctx.host.run,
  );
  log.info(`Index ${merged.digest}: ${merged.platforms.join(', ')}`);
  ctx.host.setOutput(Outputs.Digest, merged.digest);
  ctx.host.setOutput(Outputs.Tags, tags.join('\n'));
  ctx.host.setOutput(Outputs.Platforms, merged.platforms.join(','));
  // the index's annotations, in the labels formats (KEY=VALUE lines; the object in json)
  setMetadataOutputs((n, v) => ctx.host.setOutput(n, v), {
    tags,
    labels: annotations,
    annotations: inputs.buildPush.annotations,
    version: version ?? '',
  });
  await core.summary
    .addHeading('Multi-platform index', 3)
    .addTable([
      [
        { data: 'digest', header: true },
        { data: 'platforms', header: true },
        { data: 'tags', header: true },
      ],
      [merged.digest, merged.platforms.join(', '), tags.join('<br>')],
    ])
    .write()
    .catch(() => undefined); // no summary file outside a runner
}

export const mergePhase: MergePhase = {
  name: 'Merge the digests into one index',
  run: mergeLegDigests,
};
