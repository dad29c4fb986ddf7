/**
 * A lock bump on a pull request: only uv.lock changes, and the PR comment's diff against the
 * base branch shows the changed pin as one line out, one line in (loopback GitHub API stand-in,
 * real octokit, real compiler).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compile, referencedFiles, type ProjectSnapshot } from '../../../src/compiler/index.js';
import { createGitHubApi, type GitHubApi } from '../../../src/github/client.js';
import type { CommentFallback } from '../../../src/github/prComment.js';
import { commentDockerfilesOnPullRequest } from '../../../src/github/pullRequestComments.js';
import { type GitHubApiStandIn, startGitHubApiStandIn } from '../../support/github-api/server.js';
import { loadRun } from './eventFixtures.js';

const TOKEN = 'ghs_StandInToken0123456789abcdefABCDEF';
const DIR = 'services/api';
const BASE_SHA = '4444444444444444444444444444444444444444';
const HEAD_SHA = 'e'.repeat(40);

const PYPROJECT = `[project]
name = "api"
version = "1.0.0"
requires-python = ">=3.11"
dependencies = ["click>=8"]

[tool.microb.target.default]
python_version = "3.11"
`;

const lock = (version: string, hash: string) => `version = 1
revision = 3
requires-python = ">=3.11"

[[package]]
name = "api"
version = "1.0.0"
source = { editable = "." }
dependencies = [
    { name = "click" },
]

[package.metadata]
requires-dist = [{ name = "click", specifier = ">=8" }]

[[package]]
name = "click"
version = "${version}"
source = { registry = "https://idx.example/simple" }
wheels = [
    { url = "https://idx.example/click-${version}-py3-none-any.whl", hash = "sha256:${hash.repeat(64)}" },
]
`;

const noFallback: CommentFallback = {
  notice: () => expect.fail('no notice expected'),
  appendSummary: async () => expect.fail('no summary expected'),
};

describe('PR comment for a lock bump', () => {
  let standIn: GitHubApiStandIn;
  let api: GitHubApi;

  beforeEach(async () => {
    standIn = await startGitHubApiStandIn({ token: TOKEN });
    api = createGitHubApi({ token: TOKEN, baseUrl: standIn.url, retryBaseMs: 5 });
  });
  afterEach(async () => standIn.close());

  it('diffs the changed pin as -click==8.1.7 / +click==8.1.8, reading the base lock', async () => {
    standIn.setFile(BASE_SHA, `${DIR}/pyproject.toml`, PYPROJECT);
    standIn.setFile(BASE_SHA, `${DIR}/uv.lock`, lock('8.1.7', 'a'));
    // the PR touches only the lock
    standIn.setComparison(BASE_SHA, HEAD_SHA, [{ filename: `${DIR}/uv.lock` }]);
    const snapshot: ProjectSnapshot = {
      pyprojectPath: `${DIR}/pyproject.toml`,
      pyprojectText: PYPROJECT,
      files: new Map([
        ['.python-version', null],
        ['.dockerignore', null],
        ['uv.lock', lock('8.1.8', 'b')],
      ]),
    };
    expect(referencedFiles(PYPROJECT)).toContain('uv.lock');
    const run = loadRun({
      fixture: 'pull_request.json',
      eventName: 'pull_request',
      ref: 'refs/pull/42/merge',
      sha: 'f'.repeat(40),
    });
    const pr = run.payload['pull_request'] as Record<string, unknown>;
    await commentDockerfilesOnPullRequest(
      api,
      {
        context: {
          ...run,
          payload: {
            ...run.payload,
            pull_request: { ...pr, head: { ...(pr['head'] as object), sha: HEAD_SHA } },
          },
        },
        snapshot,
        pyprojectRepoPath: `${DIR}/pyproject.toml`,
        dockerfiles: new Map([['default', compile(snapshot).dockerfile]]),
        compileOptions: {},
        secrets: [TOKEN],
      },
      noFallback,
    );
    const body = standIn.commentsOn(42)[0]?.body ?? '';
    const diff = /```diff\n([\s\S]*?)\n```/.exec(body)?.[1] ?? '';
    const changed = diff.split('\n').filter((l) => /^[-+][^-+]/.test(l));
    expect(changed.filter((l) => /^[-+]click==/.test(l)).map((l) => l.split(' --hash')[0])).toEqual([
      '-click==8.1.7',
      '+click==8.1.8',
    ]);
    expect(standIn.requests.map((r) => r.path)).toContain(`/repos/acme/app/contents/${DIR}/uv.lock`);
  });
});
