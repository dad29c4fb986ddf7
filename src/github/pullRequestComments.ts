/**
 * The action's PR-comment step: for each compiled target, compare with what the base branch
 * generates, render the comment and create or update it (or fall back to the job summary).
 */
import {
  compile,
  type CompileOptions,
  listTargets,
  referencedFiles,
  type ProjectSnapshot,
} from '../core/index.js';
import { compareWithBase } from './baseComparison.js';
import type { GitHubApi } from './client.js';
import { renderDockerfileComment } from './commentBody.js';
import { type GitHubEventContext, payloadString, pullRequestNumber } from './eventContext.js';
import { type CommentFallback, type CommentOutcome, publishTargetComments } from './prComment.js';

export interface PullRequestCommentRequest {
  readonly context: GitHubEventContext;
  /** The head snapshot the Dockerfiles were compiled from. */
  readonly snapshot: ProjectSnapshot;
  /** The pyproject relative to the repository root, POSIX (`services/api/pyproject.toml`). */
  readonly pyprojectRepoPath: string;
  /** Target → its Dockerfile in this run. */
  readonly dockerfiles: ReadonlyMap<string, string>;
  /** The options the head was compiled with; the base is compiled the same way. */
  readonly compileOptions: CompileOptions;
  /** Values to mask in the comment (github-token, secret inputs, inline index passwords). */
  readonly secrets: readonly string[];
}

export class NotAPullRequestError extends Error {
  override readonly name = 'NotAPullRequestError';
}

export async function commentDockerfilesOnPullRequest(
  api: GitHubApi,
  request: PullRequestCommentRequest,
  fallback: CommentFallback,
): Promise<CommentOutcome[]> {
  const { context } = request;
  const number = pullRequestNumber(context);
  const baseSha = payloadString(context.payload, 'pull_request', 'base', 'sha');
  const headSha = payloadString(context.payload, 'pull_request', 'head', 'sha') ?? context.sha;
  if (number === undefined || !baseSha) {
    throw new NotAPullRequestError(
      `comment: true needs a pull_request event (this run is "${context.eventName}"); ` +
        "guard the step with `if: github.event_name == 'pull_request'`",
    );
  }
  const [owner = '', repo = ''] = context.repository.split('/');
  const comparisons = await compareWithBase(api, {
    repo: { owner, repo },
    baseSha,
    headSha,
    pyprojectPath: request.pyprojectRepoPath,
    headFiles: [...request.snapshot.files.keys()],
    targets: request.dockerfiles,
    referencedFiles,
    compileBase: (pyprojectText, files, target) => {
      // The head's directory layout stands in for the base's: the comparison shows what the
      // pyproject changes, and a package added or removed by the PR is not read from the API.
      const snapshot = { ...request.snapshot, pyprojectText, files };
      if (!listTargets(snapshot).includes(target)) return undefined;
      return compile(snapshot, { ...request.compileOptions, target }).dockerfile;
    },
  });
  const baseRef = payloadString(context.payload, 'pull_request', 'base', 'ref');
  const comments = [...request.dockerfiles].map(([target, dockerfile]) => ({
    target,
    body: renderDockerfileComment({
      target,
      dockerfile,
      base: comparisons.get(target) ?? { status: 'unknown', reason: 'not compared.' },
      ...(baseRef !== undefined && { baseRef }),
      headSha,
      secrets: request.secrets,
    }),
  }));
  return publishTargetComments(api, { owner, repo, number }, comments, fallback);
}
