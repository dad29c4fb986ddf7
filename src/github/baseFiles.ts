/**
 * What the base branch holds, read through the REST API: a `pull_request` checkout is usually
 * shallow (`fetch-depth: 1`), so the base commit's files are not on disk.
 *
 * - compare (`GET /repos/{o}/{r}/compare/{base}...{head}`): did the PR touch any of the files the
 *   Dockerfile is generated from? Usually not, and then nothing else is fetched.
 * - contents (`GET /repos/{o}/{r}/contents/{path}?ref=`): the base versions of those files.
 */
import { type GitHubApi, httpStatus } from './client.js';

export interface RepoRef {
  readonly owner: string;
  readonly repo: string;
}

/** GitHub lists at most this many files in a compare; a longer list may be cut. */
const COMPARE_FILE_LIMIT = 300;

/**
 * True when any of `paths` (repository-relative, POSIX) differs between the merge base of
 * `base` and `head`; also true when the answer may be incomplete (a compare of 300+ files).
 */
export async function pathsChangedSince(
  api: GitHubApi,
  repo: RepoRef,
  base: string,
  head: string,
  paths: readonly string[],
): Promise<boolean> {
  const { data } = await api.rest.repos.compareCommitsWithBasehead({
    owner: repo.owner,
    repo: repo.repo,
    basehead: `${base}...${head}`,
  });
  const files = data.files ?? [];
  if (files.length >= COMPARE_FILE_LIMIT) return true;
  const wanted = new Set(paths.map(normalizeRepoPath));
  return files.some(
    (f) => wanted.has(f.filename) || (f.previous_filename !== undefined && wanted.has(f.previous_filename)),
  );
}

/** Text of each path at `ref`; null when the file does not exist there. */
export async function readFilesAt(
  api: GitHubApi,
  repo: RepoRef,
  ref: string,
  paths: readonly string[],
): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  for (const path of paths) out.set(path, await readFileAt(api, repo, ref, normalizeRepoPath(path)));
  return out;
}

async function readFileAt(api: GitHubApi, repo: RepoRef, ref: string, path: string): Promise<string | null> {
  try {
    const { data } = await api.rest.repos.getContent({ owner: repo.owner, repo: repo.repo, path, ref });
    if (Array.isArray(data) || data.type !== 'file') return null; // a directory of that name
    if (!('content' in data) || data.encoding !== 'base64') {
      // Files over 1 MB come without content; no pyproject or .python-version is that large.
      throw new Error(`${path} at ${ref} is too large to read through the contents API`);
    }
    return Buffer.from(data.content, 'base64').toString('utf8');
  } catch (error) {
    if (httpStatus(error) === 404) return null;
    throw error;
  }
}

/** `./a//b/` → `a/b`: the form GitHub uses in compare and contents. */
function normalizeRepoPath(path: string): string {
  return path
    .split('/')
    .filter((part) => part !== '' && part !== '.')
    .join('/');
}
