/**
 * One PR comment per target, created on the first run and edited in place on every later push
 * (found by its hidden marker), never a new one per push.
 *
 * A pull request from a fork runs with a read-only token: GitHub answers 403 to the write.
 * That is the expected case, not a failure: the same text goes to the job summary and a notice
 * points at it, and the step goes on.
 */
import { type GitHubApi, httpStatus } from './client.js';
import { commentMarker } from './commentBody.js';

export interface PullRequestRef {
  readonly owner: string;
  readonly repo: string;
  readonly number: number;
}

export interface TargetComment {
  readonly target: string;
  /** The full body; must start with `commentMarker(target)` (renderDockerfileComment's does). */
  readonly body: string;
}

export type CommentOutcome =
  | { readonly target: string; readonly action: 'created' | 'updated' | 'unchanged'; readonly url: string }
  | { readonly target: string; readonly action: 'summary'; readonly reason: string };

/** Where comments go when they can't be posted; the action wires @actions/core's summary and notice. */
export interface CommentFallback {
  notice(message: string): void;
  appendSummary(markdown: string): Promise<void>;
}

/** Statuses that mean "this token may not comment here": fork PRs, missing `pull-requests: write`. */
const READ_ONLY_STATUSES = new Set([403, 404]);

export async function publishTargetComments(
  api: GitHubApi,
  pr: PullRequestRef,
  comments: readonly TargetComment[],
  fallback: CommentFallback,
): Promise<CommentOutcome[]> {
  for (const c of comments) {
    if (!c.body.startsWith(commentMarker(c.target))) {
      throw new Error(`comment for target ${c.target} does not start with its marker`);
    }
  }
  const outcomes: CommentOutcome[] = [];
  let pending = [...comments];
  try {
    // One listing for all targets; pagination matters on long PRs (30 comments per page by default).
    const existing = await api.paginate(api.rest.issues.listComments, {
      owner: pr.owner,
      repo: pr.repo,
      issue_number: pr.number,
      per_page: 100,
    });
    while (pending.length > 0) {
      const [comment, ...rest] = pending as [TargetComment, ...TargetComment[]];
      const marker = commentMarker(comment.target);
      // The oldest match wins, so a duplicate left by a past race never takes over.
      const previous = existing.find((e) => e.body?.startsWith(marker));
      outcomes.push(await upsert(api, pr, comment, previous));
      pending = rest;
    }
  } catch (error) {
    const status = httpStatus(error);
    if (status === undefined || !READ_ONLY_STATUSES.has(status)) throw error;
    const reason =
      `GitHub answered ${status} to writing a PR comment: the token is read-only here ` +
      '(a pull request from a fork, or a workflow without `permissions: pull-requests: write`)';
    for (const comment of pending) {
      await fallback.appendSummary(comment.body);
      outcomes.push({ target: comment.target, action: 'summary', reason });
    }
    fallback.notice(
      `${reason}. The Dockerfile of ${pending.map((c) => c.target).join(', ')} is in the job summary instead.`,
    );
  }
  return outcomes;
}

async function upsert(
  api: GitHubApi,
  pr: PullRequestRef,
  comment: TargetComment,
  previous: { id: number; body?: string | undefined; html_url: string } | undefined,
): Promise<CommentOutcome> {
  if (previous && previous.body === comment.body) {
    return { target: comment.target, action: 'unchanged', url: previous.html_url };
  }
  if (previous) {
    const { data } = await api.rest.issues.updateComment({
      owner: pr.owner,
      repo: pr.repo,
      comment_id: previous.id,
      body: comment.body,
    });
    return { target: comment.target, action: 'updated', url: data.html_url };
  }
  const { data } = await api.rest.issues.createComment({
    owner: pr.owner,
    repo: pr.repo,
    issue_number: pr.number,
    body: comment.body,
  });
  return { target: comment.target, action: 'created', url: data.html_url };
}
