/**
 * One PR comment per target, created on the first run and edited in place on every later push
 * (found by its hidden marker and by its author, the token's own account), never a new one per
 * push. At most MAX_PR_COMMENTS per run: the targets beyond share one combined comment.
 *
 * Quiet: a target whose Dockerfile the PR does not change gets no new comment; one it already
 * has is edited to say so (a stale diff must not stay). A body that differs from the posted one
 * only in its footer (the commit it was rendered at) is not written again.
 *
 * A pull request from a fork runs with a read-only token: GitHub answers 403 to the write.
 * That is the expected case, not a failure: the same text goes to the job summary and a notice
 * points at it, and the step goes on.
 */
import { type GitHubApi, httpStatus } from './client.js';
import { isAuthoredBy, resolveCommentAuthor } from './commentAuthor.js';
import { commentContent, commentMarker } from './commentBody.js';
import { budgetComments, COMBINED_COMMENT_MARKER, renderCombinedComment } from './combinedComment.js';

export interface PullRequestRef {
  readonly owner: string;
  readonly repo: string;
  readonly number: number;
}

export interface TargetComment {
  readonly target: string;
  /** The full body; must start with `commentMarker(target)` (renderDockerfileComment's does). */
  readonly body: string;
  /** Nothing changed against the base: written only over an existing comment, never created. */
  readonly quiet?: boolean;
}

export type CommentOutcome =
  | { readonly target: string; readonly action: 'created' | 'updated' | 'unchanged'; readonly url: string }
  /** Quiet and no comment yet: nothing written. */
  | { readonly target: string; readonly action: 'skipped' }
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
  const { own, combined } = budgetComments(comments);
  /** What is written: each own comment, then the combined one standing for the rest. */
  const writes: {
    readonly marker: string;
    readonly body: string;
    readonly targets: readonly string[];
    readonly quiet: boolean;
  }[] = [
    ...own.map((c) => ({
      marker: commentMarker(c.target),
      body: c.body,
      targets: [c.target],
      quiet: c.quiet === true,
    })),
    ...(combined.length > 0
      ? [
          {
            marker: COMBINED_COMMENT_MARKER,
            body: renderCombinedComment(combined),
            targets: combined.map((c) => c.target),
            quiet: combined.every((c) => c.quiet === true),
          },
        ]
      : []),
  ];
  let pending = writes;
  try {
    const author = await resolveCommentAuthor(api);
    // One listing for all targets; pagination matters on long PRs (30 comments per page by default).
    const existing = await api.paginate(api.rest.issues.listComments, {
      owner: pr.owner,
      repo: pr.repo,
      issue_number: pr.number,
      per_page: 100,
    });
    while (pending.length > 0) {
      const [write, ...rest] = pending as [(typeof writes)[number], ...typeof writes];
      // The oldest match wins, so a duplicate left by a past race never takes over; a comment
      // by anyone else carrying our marker is not ours to edit.
      const previous = existing.find((e) => e.body?.startsWith(write.marker) && isAuthoredBy(e.user, author));
      if (previous === undefined && write.quiet) {
        for (const target of write.targets) outcomes.push({ target, action: 'skipped' });
      } else {
        const result = await upsert(api, pr, write.body, previous);
        for (const target of write.targets) outcomes.push({ target, ...result });
      }
      pending = rest;
    }
  } catch (error) {
    const status = httpStatus(error);
    if (status === undefined || !READ_ONLY_STATUSES.has(status)) throw error;
    const reason =
      `GitHub answered ${status} to writing a PR comment: the token is read-only here ` +
      '(a pull request from a fork, or a workflow without `permissions: pull-requests: write`)';
    const targets = pending.flatMap((w) => w.targets);
    for (const write of pending) {
      await fallback.appendSummary(write.body);
      for (const target of write.targets) outcomes.push({ target, action: 'summary', reason });
    }
    fallback.notice(`${reason}. The Dockerfile of ${targets.join(', ')} is in the job summary instead.`);
  }
  return outcomes;
}

async function upsert(
  api: GitHubApi,
  pr: PullRequestRef,
  body: string,
  previous: { id: number; body?: string | undefined; html_url: string } | undefined,
): Promise<{ readonly action: 'created' | 'updated' | 'unchanged'; readonly url: string }> {
  if (previous?.body !== undefined && commentContent(previous.body) === commentContent(body))
    return { action: 'unchanged', url: previous.html_url };
  if (previous) {
    const { data } = await api.rest.issues.updateComment({
      owner: pr.owner,
      repo: pr.repo,
      comment_id: previous.id,
      body,
    });
    return { action: 'updated', url: data.html_url };
  }
  const { data } = await api.rest.issues.createComment({
    owner: pr.owner,
    repo: pr.repo,
    issue_number: pr.number,
    body,
  });
  return { action: 'created', url: data.html_url };
}
