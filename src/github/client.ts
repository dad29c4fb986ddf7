/**
 * The GitHub REST client: `@actions/github`'s octokit (REST methods + pagination) with
 * `@octokit/plugin-retry`, so a 5xx or a dropped connection is retried with backoff instead of
 * failing the job. 4xx answers other than 429 are final (the plugin's default list).
 */
import { getOctokit } from '@actions/github';
import { defaults } from '@actions/github/lib/utils';
import { retry } from '@octokit/plugin-retry';

export type GitHubApi = ReturnType<typeof getOctokit>;

export interface GitHubApiOptions {
  readonly token: string;
  /** REST root; default GITHUB_API_URL (set on GitHub Enterprise), else https://api.github.com. */
  readonly baseUrl?: string;
  /** Retries after the first attempt; default 3. */
  readonly retries?: number;
  /** Backoff unit: the n-th retry waits n² of these; default 1000 ms. Tests make it small. */
  readonly retryBaseMs?: number;
  /** Deadline of each request (every retry gets its own), body included; default 30 s. */
  readonly requestTimeoutMs?: number;
}

const REQUEST_TIMEOUT_MS = 30_000;

type Fetch = typeof globalThis.fetch;

/**
 * The fetch octokit uses (the proxy-aware one of @actions/github), with a deadline per call: a
 * server that accepts the connection and never answers would otherwise hold the step until the
 * job's timeout. The error names the deadline; octokit reports it as a 500, so it is retried.
 */
function fetchWithDeadline(base: Fetch, timeoutMs: number): Fetch {
  return async (input, init) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    try {
      const response = await base(input, { ...init, signal });
      // the body is read later, under the same signal: buffer it here so the deadline covers it
      const body = await response.arrayBuffer();
      const buffered = new Response(response.status === 204 || response.status === 304 ? null : body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
      // octokit reports the final URL (after redirects); a constructed Response has none
      Object.defineProperty(buffered, 'url', { value: response.url });
      return buffered;
    } catch (error) {
      if (deadline.aborted) {
        throw new Error(
          `the GitHub API did not answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}`,
          {
            cause: error,
          },
        );
      }
      throw error;
    }
  };
}

export function createGitHubApi(options: GitHubApiOptions): GitHubApi {
  const baseUrl = (options.baseUrl ?? process.env['GITHUB_API_URL'] ?? 'https://api.github.com').replace(
    /\/+$/,
    '',
  );
  const baseFetch = (defaults.request?.fetch as Fetch | undefined) ?? globalThis.fetch;
  return getOctokit(
    options.token,
    {
      baseUrl,
      request: {
        ...defaults.request,
        fetch: fetchWithDeadline(baseFetch, options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS),
      },
      // Not `request.retries`: the plugin reads that on every failed request and would then
      // retry even the 4xx answers it means to leave alone (a fork PR's 403).
      retry: { retries: options.retries ?? 3, retryAfterBaseValue: options.retryBaseMs ?? 1000 },
    },
    retry,
  );
}

/** The HTTP status of an octokit RequestError (or anything carrying one). */
export function httpStatus(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'status' in error) {
    const status = (error as { status: unknown }).status;
    return typeof status === 'number' ? status : undefined;
  }
  return undefined;
}
