/**
 * The action's PR-comment step: for each compiled target, compare with what the base branch
 * generates, render the comment and create or update it (or fall back to the job summary).
 */
import { posix } from 'node:path';

import {
  type CompileOptions,
  type CompileResult,
  compileTargets,
  ConfigError,
  dependencyChanges,
  referencedFiles,
  type ProjectSnapshot,
} from '../compiler/index.js';
import { compareWithBase } from './baseComparison.js';
import type { GitHubApi } from './client.js';
import { isQuietComparison, renderDockerfileComment } from './commentBody.js';
import { OUTPUT_DIR } from '../workspace/generate.js';
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
      return result && { dockerfile: result.dockerfile, dependencies: result.plan.dependencies };
    },
  });
  const baseRef = payloadString(context.payload, 'pull_request', 'base', 'ref');
  const projectDir = posix.dirname(request.pyprojectRepoPath);
  // the head's plans, for the dependencies table: compiled only when some target changed
  let head: Map<string, CompileResult | ConfigError> | undefined;
  const headDependencies = (target: string): readonly string[] => {
    head ??= compileTargets(request.snapshot, request.compileOptions, [...request.dockerfiles.keys()]);
    const result = head.get(target);
    return result === undefined || result instanceof ConfigError ? [] : result.plan.dependencies;
  };
  const comments = [...request.dockerfiles].map(([target, dockerfile]) => {
    const comparison = comparisons.get(target) ?? { status: 'unknown', reason: 'not compared.' };
    const dependencies =
      comparison.status === 'changed' && comparison.baseDependencies !== undefined
        ? dependencyChanges(comparison.baseDependencies, headDependencies(target))
        : [];
    return {
      target,
      quiet: isQuietComparison(comparison),
      body: renderDockerfileComment({
        target,
        dockerfile,
        base: comparison,
        ...(baseRef !== undefined && { baseRef }),
        headSha,
        dockerfilePath: posix.join(projectDir, OUTPUT_DIR, `${target}.Dockerfile`),
        dependencies,
        secrets: [...request.secrets, ...baseSecrets],
      }),
    };
  });
  return publishTargetComments(api, { owner, repo, number }, comments, fallback);
}
