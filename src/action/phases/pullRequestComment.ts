/**
 * On a pull request (`comment: true`): comment each target's Dockerfile, with what changed since
 * the base branch. A convenience: an API failure is a warning, never a failed build.
 */
import path from 'node:path';
import { log } from '../../log/workflowLog.js';
import { runProcess } from '../../process/runner.js';
import { compile, type CompileOptions } from '../../compiler/index.js';
import { createGitHubApi } from '../../github/client.js';
import { commentDockerfilesOnPullRequest } from '../../github/pullRequestComments.js';
import { jobSummaryFallback } from '../../github/summaryFallback.js';
import type { MainContext, Phase } from '../context.js';
import { currentEventContext } from '../event.js';
import { maskProjectCredentials } from '../masking.js';

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

export const pullRequestCommentPhase: Phase = {
  name: 'Comment on the pull request',
  when: (ctx) => ctx.inputs.comment,
  run: commentOnPullRequest,
};
