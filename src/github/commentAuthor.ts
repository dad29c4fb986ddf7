/**
 * Who the token comments as, so the sticky comment is found by its marker *and* its author: a
 * comment anyone else wrote with our marker (planted, or quoted) is never edited.
 *
 * - A personal token: `GET /user` names the account.
 * - A GitHub App's installation token: `GET /user` answers 403; the GraphQL `viewer` names the
 *   app's bot account.
 * - The workflow's GITHUB_TOKEN: neither answers; its comments are `github-actions[bot]`'s.
 */
import { type GitHubApi, httpStatus } from './client.js';

export interface CommentAuthor {
  readonly login: string;
  /** The REST user id when the API told us; compared first (a login can't change under an id). */
  readonly id?: number;
}

/** The author of every comment written with a workflow's GITHUB_TOKEN; no id, which differs on GHES. */
const GITHUB_ACTIONS_AUTHOR: CommentAuthor = { login: 'github-actions[bot]' };

/** Answers that mean "this token can't see itself here", not an outage. */
const NOT_VISIBLE = new Set([401, 403, 404]);

export async function resolveCommentAuthor(api: GitHubApi): Promise<CommentAuthor> {
  try {
    const { data } = await api.rest.users.getAuthenticated();
    return { login: data.login, id: data.id };
  } catch (error) {
    const status = httpStatus(error);
    if (status === undefined || !NOT_VISIBLE.has(status)) throw error;
  }
  try {
    const { viewer } = await api.graphql<{ viewer: { login: string; databaseId?: number | null } }>(
      'query { viewer { login databaseId } }',
    );
    return {
      login: viewer.login,
      ...(typeof viewer.databaseId === 'number' ? { id: viewer.databaseId } : {}),
    };
  } catch (error) {
    // GraphqlResponseError (200 with errors) or an HTTP refusal: an integration without a viewer
    const status = httpStatus(error);
    const graphqlRefusal = typeof error === 'object' && error !== null && 'errors' in error;
    if (!graphqlRefusal && (status === undefined || !NOT_VISIBLE.has(status))) throw error;
  }
  return GITHUB_ACTIONS_AUTHOR;
}

/** REST shows a bot as `name[bot]`, GraphQL may show it as `name`: compare without the suffix. */
const bare = (login: string) => login.replace(/\[bot\]$/i, '').toLowerCase();

export function isAuthoredBy(
  user: { readonly login?: string; readonly id?: number } | null | undefined,
  author: CommentAuthor,
): boolean {
  if (!user) return false;
  if (author.id !== undefined && user.id !== undefined) return user.id === author.id;
  return user.login !== undefined && bare(user.login) === bare(author.login);
}
