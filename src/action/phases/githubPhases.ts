/**
 * The action's GitHub-facing phases, plugged into src/action/mainImpl.ts's phase lists:
 * tags and labels from the event, the leg output of a fan-in (push by digest), the PR comment,
 * and the merge of a fan-in. The logic lives in the modules beside this one; these adapters
 * only read the MainContext and write outputs.
 */
import * as core from '@actions/core';
import { log } from '../../log/workflowLog.js';
import { context as actionsContext } from '@actions/github';
import path from 'node:path';

import type { MainContext, Phase } from '../context.js';
import { Outputs } from '../constants.js';
import { inspectBuilder } from '../../docker/buildx/builder.js';
import { dockerArch } from '../../docker/platforms.js';
import { runProcess } from '../../process/runner.js';
import { compile, type CompileOptions } from '../../compiler/index.js';
import { createGitHubApi } from '../../github/client.js';
import { readCommitTime } from '../../github/commitTime.js';
import { fromActionsContext, type GitHubEventContext } from '../../github/eventContext.js';
import { digestPushOutput, parseDigestSources, platformTag } from '../../docker/fanIn.js';
import { imageReferences } from '../../github/images.js';
import { mergeDigests } from '../../docker/imagetools.js';
import { labelsNotIn, OCI, ociLabels, sourceDateEpoch } from '../../github/ociLabels.js';
import { commentDockerfilesOnPullRequest } from '../../github/pullRequestComments.js';
import { maskProjectCredentials } from '../masking.js';
import { jobSummaryFallback } from '../../github/summaryFallback.js';
import { computeTags, SHORT_SHA_LENGTH } from '../../github/tags.js';

type ContextClass = new () => typeof actionsContext;

/** The run as the environment describes it now (the toolkit's `context` is read at import). */
export function currentEventContext(): GitHubEventContext {
  return fromActionsContext(new (actionsContext.constructor as ContextClass)());
}

/** Full references to push: the `tags` input as given, else images × tags computed from the event. */
export function resolveImageTags(
  inputTags: readonly string[],
  images: readonly string[],
  event: GitHubEventContext,
): string[] {
  if (inputTags.length > 0 || images.length === 0) return [...inputTags];
  const computed = computeTags(event).tags;
  if (computed.length === 0) {
    throw new Error(
      `no tags can be computed for a "${event.eventName}" run on "${event.ref}": set the tags input`,
    );
  }
  return imageReferences(images, computed);
}

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

async function preparePushByDigest(ctx: MainContext): Promise<void> {
  const { inputs } = ctx;
  const image = inputs.images[0];
  if (!image) throw new Error('push-by-digest needs images: the image name the digest is pushed to');
  if (inputs.load)
    throw new Error('push-by-digest pushes an untagged image: it cannot be combined with load');
  const { driver } = await inspectBuilder(ctx.builder);
  const event = currentEventContext();
  const platform =
    inputs.platforms.length > 0 ? inputs.platforms.join('-') : `linux/${dockerArch(process.arch)}`;
  const base = event.sha ? `sha-${event.sha.slice(0, SHORT_SHA_LENGTH)}` : 'build';
  ctx.outputs = [digestPushOutput(image, driver, platformTag(base, platform))];
  if (driver === 'docker') {
    log.info(
      `The docker driver can't push by digest: pushing ${image}:${platformTag(base, platform)} and ` +
        'reporting its digest (docker/setup-buildx-action gives a builder that pushes untagged)',
    );
  }
}

async function commentOnPullRequest(ctx: MainContext): Promise<void> {
  const { inputs } = ctx;
  const project = ctx.project;
  if (!project) return;
  const event = currentEventContext();
  if (!event.eventName.startsWith('pull_request')) {
    log.info(
      `comment: this is a "${event.eventName || 'local'}" run, not a pull request: nothing to comment on`,
    );
    return;
  }
  if (!inputs.githubToken) {
    log.warning('comment: true needs github-token (e.g. `github-token: ${{ secrets.GITHUB_TOKEN }}`)');
    return;
  }
  const snapshot = project.snapshot;
  const pyprojectDir = path.dirname(path.resolve(project.pyprojectPath));
  // The same options writeGeneratedDockerfile used, so every target compiles as the build would.
  const options: CompileOptions = {
    ...(inputs.syntax ? { syntax: inputs.syntax } : {}),
    dependencyLabel: inputs.dependencyLabel,
    projectDir: path.relative(project.contextDir, pyprojectDir).split(path.sep).join('/') || '.',
  };
  // A plan run (dry run, no target) comments on every target; a matrix leg on its own.
  const targets = inputs.dryRun && !inputs.target ? project.result.targets : [project.result.target];
  const dockerfiles = new Map(
    targets.map((t) => [t, compile(snapshot, { ...options, target: t }).dockerfile]),
  );
  const secrets = [
    inputs.githubToken,
    ...inputs.secrets.map((s) => s.value),
    ...project.result.plan.secrets.flatMap((s) => (s.source.kind === 'inline' ? [s.source.value] : [])),
  ];
  try {
    const outcomes = await commentDockerfilesOnPullRequest(
      createGitHubApi({ token: inputs.githubToken }),
      {
        context: event,
        snapshot,
        pyprojectRepoPath: await repositoryPath(path.resolve(project.pyprojectPath)),
        dockerfiles,
        compileOptions: options,
        secrets,
        onBaseSnapshot: maskProjectCredentials,
      },
      jobSummaryFallback,
    );
    for (const o of outcomes) log.info(`${o.target}: ${o.action}${'url' in o ? ` ${o.url}` : ''}`);
  } catch (error) {
    // The comment is a convenience: an API outage must not fail a build that succeeded.
    log.warning(
      `Could not comment on the pull request: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** The file's path inside its git repository (what the contents API calls it). */
async function repositoryPath(file: string): Promise<string> {
  const r = await runProcess('git', ['rev-parse', '--show-toplevel'], {
    cwd: path.dirname(file),
    timeoutMs: 10_000,
  });
  const root = r.exitCode === 0 ? r.stdout.trim() : (process.env['GITHUB_WORKSPACE'] ?? process.cwd());
  return path.relative(root, file).split(path.sep).join('/');
}

async function mergeLegDigests(ctx: MainContext): Promise<void> {
  const { inputs } = ctx;
  const event = currentEventContext();
  const sources = parseDigestSources(inputs.mergeDigests, inputs.images[0]);
  const tags = resolveImageTags(inputs.tags, inputs.images, event);
  if (tags.length === 0) throw new Error('merge-digests needs images (tags computed from the event) or tags');
  const commitTime = await readCommitTime(process.cwd(), event.sha, event.payload);
  const version = computeTags(event).version;
  const annotations = { ...ociLabels({ context: event, version, commitTime }), ...inputs.labels };
  log.info(`Merging ${sources.length} digest(s) into:\n${tags.join('\n')}`);
  const merged = await mergeDigests({
    tags,
    sources,
    annotations,
    ...(inputs.builder ? { builder: inputs.builder } : {}),
  });
  log.info(`Index ${merged.digest}: ${merged.platforms.join(', ')}`);
  ctx.host.setOutput(Outputs.Digest, merged.digest);
  ctx.host.setOutput(Outputs.Tags, tags.join('\n'));
  ctx.host.setOutput(Outputs.Version, version ?? '');
  ctx.host.setOutput(Outputs.Platforms, merged.platforms.join(','));
  ctx.host.setOutput(Outputs.Labels, JSON.stringify(annotations));
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

export const TAGS_AND_LABELS_PHASE: Phase = {
  name: 'Tags and labels',
  when: (ctx) => !ctx.inputs.dryRun || ctx.inputs.images.length > 0,
  run: resolveTagsAndLabels,
};

export const PUSH_BY_DIGEST_PHASE: Phase = {
  name: 'Push by digest',
  when: (ctx) => !ctx.inputs.dryRun && ctx.inputs.pushByDigest,
  run: preparePushByDigest,
};

export const PULL_REQUEST_COMMENT_PHASE: Phase = {
  name: 'Comment on the pull request',
  when: (ctx) => ctx.inputs.comment,
  run: commentOnPullRequest,
};

/** The whole of a merge run: no pyproject, no build. */
export const MERGE_PHASES: readonly Phase[] = [
  { name: 'Merge the digests into one index', run: mergeLegDigests },
];
