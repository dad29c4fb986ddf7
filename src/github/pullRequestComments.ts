/**
 * The action's PR-comment step: for each compiled target, compare with what the base branch
 * generates, render the comment and create or update it (or fall back to the job summary).
 */
import {
  type CompileOptions,
  type CompileResult,
  compileTargets,
  ConfigError,
  referencedFiles,
  type ProjectSnapshot,
} from '../compiler/index.js';
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
  /**
   * Called with the base branch's snapshot before it is compiled, so its credentials are masked
   * in the log like the head's (the base's inline index passwords are redacted in the comment).
   */
  readonly onBaseSnapshot?: (snapshot: ProjectSnapshot) => void;
}

class NotAPullRequestError extends Error {
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
  let base:
    | {
        readonly text: string;
        readonly files: ReadonlyMap<string, string | null>;
        readonly results: Map<string, CompileResult | ConfigError>;
      }
    | undefined;
  const baseSecrets: string[] = [];
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
      // One parse and one compile per base target, whatever the number of head targets.
      if (base === undefined || base.text !== pyprojectText || base.files !== files) {
        const snapshot = { ...request.snapshot, pyprojectText, files };
        request.onBaseSnapshot?.(snapshot);
        base = { text: pyprojectText, files, results: compileTargets(snapshot, request.compileOptions) };
        for (const result of base.results.values())
          if (!(result instanceof ConfigError))
            for (const s of result.plan.secrets)
              if (s.source.kind === 'inline' && s.source.value) baseSecrets.push(s.source.value);
      }
      const result = base.results.get(target);
      if (result instanceof ConfigError) throw result;
      return result?.dockerfile;
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
      secrets: [...request.secrets, ...baseSecrets],
    }),
  }));
  return publishTargetComments(api, { owner, repo, number }, comments, fallback);
}
