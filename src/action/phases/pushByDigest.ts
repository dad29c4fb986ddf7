/**
 * A leg of a fan-in (`push-by-digest`): the image is pushed untagged, by digest, through its own
 * `--output`; the merge job tags the index (merge.ts).
 */
import { log } from '../../log/workflowLog.js';
import { inspectBuilder } from '../../docker/buildx/builder.js';
import { digestPushOutput, platformTag } from '../../docker/fanIn.js';
import { formatPlatform, hostPlatform } from '../../docker/platforms.js';
import { SHORT_SHA_LENGTH } from '../../github/tags.js';
import type { MainContext, Phase, Products } from '../context.js';
import { currentEventContext } from '../event.js';

async function preparePushByDigest(ctx: MainContext): Promise<Partial<Products>> {
  const { inputs } = ctx;
  const image = inputs.images[0];
  if (!image) throw new Error('push-by-digest needs images: the image name the digest is pushed to');
  if (inputs.load)
    throw new Error('push-by-digest pushes an untagged image: it cannot be combined with load');
  const { driver } = await inspectBuilder(ctx.builder, ctx.host.run);
  const event = currentEventContext();
  const platform = inputs.platforms.length > 0 ? inputs.platforms.join('-') : formatPlatform(hostPlatform());
  const base = event.sha ? `sha-${event.sha.slice(0, SHORT_SHA_LENGTH)}` : 'build';
  if (driver === 'docker') {
    log.info(
      `The docker driver can't push by digest: pushing ${image}:${platformTag(base, platform)} and ` +
        'reporting its digest (docker/setup-buildx-action gives a builder that pushes untagged)',
    );
  }
  return { pushOutputs: [digestPushOutput(image, driver, platformTag(base, platform))] };
}

export const pushByDigestPhase: Phase = {
  name: 'Push by digest',
  when: (ctx) => !ctx.inputs.dryRun && ctx.inputs.pushByDigest,
  run: preparePushByDigest,
};
