/**
 * The compiler runs once per target per run: a plan run (dry run, no target) on a pull request
 * with a label filled from a build arg and `comment: true` compiles each target of the head
 * once — the labels with build args, the PR comment and the outputs reuse that compile. (The
 * base branch's pyproject, compiled for the comment's diff, is another text and not counted.)
 * __tests__/e2e/compile-once.test.ts counts the same in a build run.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { runMain } from '../../../src/action/mainImpl.js';
import { memoryStateStore } from '../../../src/action/state.js';
import { type GitHubApiStandIn, startGitHubApiStandIn } from '../../support/github-api/server.js';
import { compiledTargets, PYPROJECT } from '../../support/compileCounter.js';
import { eventFixturePath } from '../github/eventFixtures.js';

vi.mock('../../../src/compiler/resolve/loadProject.js', async (original) => {
  const { countingLoadProject } = await import('../../support/compileCounter.js');
  return countingLoadProject(await original());
});

const TOKEN = 'ghs_CompileOnceToken0123456789abcdef';
const BASE_SHA = '5555555555555555555555555555555555555555';

let dir: string;
let standIn: GitHubApiStandIn;
const savedEnv = { ...process.env };

const git = (...args: string[]) =>
  execFileSync('git', args, {
    cwd: dir,
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@e',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@e',
    },
  })
    .toString()
    .trim();

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'microb-compile-once-'));
  mkdirSync(path.join(dir, 'app'));
  writeFileSync(path.join(dir, 'app', 'pyproject.toml'), PYPROJECT);
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'head');
  const head = git('rev-parse', 'HEAD');
  standIn = await startGitHubApiStandIn({ token: TOKEN });
  // the base branch had another version of the pyproject: the comment compiles it for the diff
  standIn.setFile(BASE_SHA, 'app/pyproject.toml', PYPROJECT.replace('requests>=2', 'requests>=1'));
  standIn.setComparison(BASE_SHA, head, [{ filename: 'app/pyproject.toml' }]);
  const payload = JSON.parse(readFileSync(eventFixturePath('pull_request.json'), 'utf8')) as {
    pull_request: { head: Record<string, unknown> };
  };
  payload.pull_request.head = { ...payload.pull_request.head, sha: head };
  const eventPath = path.join(dir, 'event.json');
  writeFileSync(eventPath, JSON.stringify(payload));
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  Object.assign(process.env, {
    RUNNER_TEMP: dir,
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_API_URL: standIn.url,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_REF: 'refs/pull/42/merge',
    GITHUB_SHA: head,
    INPUT_FILE: path.join(dir, 'app', 'pyproject.toml'),
    'INPUT_DRY-RUN': 'true',
    INPUT_COMMENT: 'true',
    INPUT_IMAGES: 'ghcr.io/acme/app',
    'INPUT_BUILD-ARGS': 'GREETING=Hello',
    'INPUT_GITHUB-TOKEN': TOKEN,
  });
  compiledTargets.length = 0;
});

afterEach(async () => {
  vi.restoreAllMocks();
  for (const k of Object.keys(process.env)) if (!(k in savedEnv)) delete process.env[k];
  Object.assign(process.env, savedEnv);
  process.exitCode = undefined;
  await standIn.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the compiler runs once per target in a run', () => {
  it('a plan run on a pull request: once each, labels, comment and outputs included', async () => {
    const outputs = new Map<string, string>();
    await runMain({ state: memoryStateStore(), setOutput: (n, v) => void outputs.set(n, v) });
    expect(process.exitCode).toBeUndefined();
    // the run did everything that used to compile again: build-arg labels, both comments
    expect((outputs.get('labels') ?? '').split('\n')).toContain('greeting=Hello');
    expect(standIn.commentsOn(42)).toHaveLength(2);
    expect(compiledTargets.filter((c) => c.text === PYPROJECT).map((c) => c.target)).toEqual([
      'api',
      'worker',
    ]);
  });
});
