/**
 * The slice of a GitHub Actions run that tags, labels and PR comments are computed from.
 *
 * It is a plain value so the computations stay pure and testable with recorded event payloads;
 * `fromActionsContext` maps `@actions/github`'s `context` (which reads GITHUB_* and the event file)
 * onto it in the action.
 */

/** A JSON object as GitHub writes it to GITHUB_EVENT_PATH; fields are read defensively. */
export type EventPayload = Readonly<Record<string, unknown>>;

export interface GitHubEventContext {
  /** GITHUB_EVENT_NAME: `push`, `pull_request`, `schedule`, `release`, `workflow_dispatch`, … */
  readonly eventName: string;
  /** GITHUB_REF: `refs/heads/main`, `refs/tags/v1.2.3`, `refs/pull/42/merge`. */
  readonly ref: string;
  /** GITHUB_SHA: the commit that was checked out (the merge commit for `pull_request`). */
  readonly sha: string;
  /** `owner/name` (GITHUB_REPOSITORY). */
  readonly repository: string;
  /** GITHUB_SERVER_URL, e.g. `https://github.com`. */
  readonly serverUrl: string;
  readonly payload: EventPayload;
}

/** What `@actions/github`'s `Context` offers; declared structurally so this module stays pure. */
export interface ActionsContextLike {
  readonly eventName: string;
  readonly ref: string;
  readonly sha: string;
  readonly serverUrl: string;
  readonly payload: object;
  readonly repo: { readonly owner: string; readonly repo: string };
}

export function fromActionsContext(context: ActionsContextLike): GitHubEventContext {
  return {
    eventName: context.eventName ?? '',
    ref: context.ref ?? '',
    sha: context.sha ?? '',
    repository: repositoryOf(context),
    serverUrl: (context.serverUrl || 'https://github.com').replace(/\/+$/, ''),
    payload: context.payload as EventPayload,
  };
}

/** `owner/name`, or '' outside a runner (the toolkit's `repo` getter throws there). */
function repositoryOf(context: ActionsContextLike): string {
  try {
    return `${context.repo.owner}/${context.repo.repo}`;
  } catch {
    return '';
  }
}

/** Reads `payload.a.b.c` when every step is an object; undefined otherwise. */
function payloadField(payload: EventPayload, ...path: string[]): unknown {
  let value: unknown = payload;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

export function payloadString(payload: EventPayload, ...path: string[]): string | undefined {
  const value = payloadField(payload, ...path);
  return typeof value === 'string' ? value : undefined;
}

/** The pull request number for `pull_request`/`pull_request_target` runs, else undefined. */
export function pullRequestNumber(context: GitHubEventContext): number | undefined {
  const fromPayload = payloadField(context.payload, 'pull_request', 'number');
  if (typeof fromPayload === 'number') return fromPayload;
  const fromRef = /^refs\/pull\/(\d+)\//.exec(context.ref);
  return fromRef ? Number(fromRef[1]) : undefined;
}
