/**
 * On a pull request (`comment: true`): comment each target's Dockerfile, with what changed since
 * the base branch. A convenience: an API failure is a warning, never a failed build.
 */
import path from 'node:path';
import { log } from '../../log/workflowLog.js';
import type { RunProcess } from '../../process/runner.js';
import { commentDockerfilesOnPullRequest } from '../../github/pullRequestComments.js';
import { jobSummaryFallback } from '../../github/summaryFallback.js';
import type { MainContext, Phase } from '../context.js';
import { currentEventContext } from '../event.js';
import { maskProjectCredentials } from '../masking.js';

async function commentOnPullRequest(ctx: MainContext): Promise<void> {
  const { inputs, project } = ctx;
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
  // What this run compiled, in file order: every target in a plan run (dry run, no target), else
  // the one built. The base branch is compiled with the same options.
  const compiled = project.result.targets.flatMap((t) => {
    const result = project.compiled.get(t);
    return result ? [result] : [];
  });
  const dockerfiles = new Map(compiled.map((r) => [r.target, r.dockerfile]));
  const secrets = [
    inputs.githubToken,
    ...inputs.secrets.map((s) => s.value),
    ...compiled.flatMap((r) =>
      r.plan.secrets.flatMap((s) => (s.source.kind === 'inline' ? [s.source.value] : [])),
    ),
  ];
  try {
    const outcomes = await commentDockerfilesOnPullRequest(
      ctx.host.github(inputs.githubToken),
      {
        context: event,
        snapshot: project.snapshot,
        pyprojectRepoPath: await repositoryPath(path.resolve(project.pyprojectPath), ctx.host.run),
        dockerfiles,
        compileOptions: project.options,
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
async function repositoryPath(file: string, run: RunProcess): Promise<string> {
  const r = await run('git', ['rev-parse', '--show-toplevel'], {
    cwd: path.dirname(file),
    timeoutMs: 10_000,
  });
  const root = r.exitCode === 0 ? r.stdout.trim() : (process.env['GITHUB_WORKSPACE'] ?? process.cwd());
  return path.relative(root, file).split(path.sep).join('/');
}

export const pullRequestCommentPhase: Phase = {
  name: 'Comment on the pull request',
  when: (ctx) => ctx.inputs.comment,
  run: commentOnPullRequest,
};
