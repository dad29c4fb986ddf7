/**
 * Compares each target's Dockerfile with the one the base branch's pyproject generates, using
 * the compiler of this run for both sides, so the diff shows what the PR changes and nothing
 * that a newer microb version changes.
 */
import { posix } from 'node:path';

import { httpStatus, type GitHubApi } from './client.js';
import { pathsChangedSince, readFilesAt, type RepoRef } from './baseFiles.js';
import type { BaseComparison } from './commentBody.js';

export interface BaseComparisonRequest {
  readonly repo: RepoRef;
  readonly baseSha: string;
  readonly headSha: string;
  /** The pyproject, relative to the repository root (`services/api/pyproject.toml`). */
  readonly pyprojectPath: string;
  /** Files beside the pyproject that the head generation read (keys of the snapshot's `files`). */
  readonly headFiles: readonly string[];
  /** This run's Dockerfile of each target. */
  readonly targets: ReadonlyMap<string, string>;
  /** Which files beside the pyproject its configuration reads (the compiler's `referencedFiles`). */
  referencedFiles(pyprojectText: string): readonly string[];
  /**
   * The Dockerfile the base files generate for `target` and its plan's dependency list, or
   * undefined when the base does not define that target. Throws when the base configuration
   * does not compile.
   */
  compileBase(
    pyprojectText: string,
    files: ReadonlyMap<string, string | null>,
    target: string,
  ): { readonly dockerfile: string; readonly dependencies: readonly string[] } | undefined;
}

export async function compareWithBase(
  api: GitHubApi,
  request: BaseComparisonRequest,
): Promise<Map<string, BaseComparison>> {
  const all = (comparison: BaseComparison) =>
    new Map([...request.targets.keys()].map((t) => [t, comparison]));
  const dir = dirnameOf(request.pyprojectPath);
  try {
    const inputs = [request.pyprojectPath, ...request.headFiles.map((f) => joinRepoPath(dir, f))];
    if (!(await pathsChangedSince(api, request.repo, request.baseSha, request.headSha, inputs))) {
      return all({ status: 'unchanged' });
    }
    const [baseText] = (
      await readFilesAt(api, request.repo, request.baseSha, [request.pyprojectPath])
    ).values();
    if (baseText === undefined || baseText === null) return all({ status: 'added' });

    const referenced = [...request.referencedFiles(baseText)];
    const fetched = await readFilesAt(
      api,
      request.repo,
      request.baseSha,
      referenced.map((f) => joinRepoPath(dir, f)),
    );
    const baseFiles = new Map(referenced.map((f) => [f, fetched.get(joinRepoPath(dir, f)) ?? null]));

    const result = new Map<string, BaseComparison>();
    for (const [target, dockerfile] of request.targets) {
      result.set(target, compareTarget(request, baseText, baseFiles, target, dockerfile));
    }
    return result;
  } catch (error) {
    const status = httpStatus(error);
    const why = status === undefined ? String(error) : `the GitHub API answered ${status}`;
    return all({ status: 'unknown', reason: `could not read the base branch (${why}).` });
  }
}

function compareTarget(
  request: BaseComparisonRequest,
  baseText: string,
  baseFiles: ReadonlyMap<string, string | null>,
  target: string,
  dockerfile: string,
): BaseComparison {
  let base: ReturnType<BaseComparisonRequest['compileBase']>;
  try {
    base = request.compileBase(baseText, baseFiles, target);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { status: 'unknown', reason: `the base branch's configuration does not compile: ${message}` };
  }
  if (base === undefined) return { status: 'added' };
  return base.dockerfile === dockerfile
    ? { status: 'unchanged' }
    : { status: 'changed', baseDockerfile: base.dockerfile, baseDependencies: base.dependencies };
}

function dirnameOf(path: string): string {
  const dir = posix.dirname(path);
  return dir === '.' ? '' : dir;
}

/** A file named relative to the pyproject's directory, as a repository path (`..` resolved). */
function joinRepoPath(dir: string, file: string): string {
  return posix.normalize(posix.join(dir, file)).replace(/^\.\//, '');
}
