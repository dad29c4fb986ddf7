/**
 * The GitHub REST client: `@actions/github`'s octokit (REST methods + pagination) with
 * `@octokit/plugin-retry`, so a 5xx or a dropped connection is retried with backoff instead of
 * failing the job. 4xx answers other than 429 are final (the plugin's default list).
 */
import { getOctokit } from '@actions/github';
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
}

export function createGitHubApi(options: GitHubApiOptions): GitHubApi {
  const baseUrl = (options.baseUrl ?? process.env['GITHUB_API_URL'] ?? 'https://api.github.com').replace(
    /\/+$/,
    '',
  );
  return getOctokit(
    options.token,
    {
      baseUrl,
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
