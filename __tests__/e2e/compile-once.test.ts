/**
 * The compiler runs once per target in a build run too: the action's main step (in-process, a
 * real `docker buildx build`) on a pull request, with a label filled from a build arg and
 * `comment: true`, compiles the built target of the head once. The unit test
 * (__tests__/unit/action/compileOnce.test.ts) counts a plan run.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { runMain } from '../../src/action/mainImpl.js';
import { memoryStateStore } from '../../src/action/state.js';
import { compiledTargets } from '../support/compileCounter.js';
import { type GitHubApiStandIn, startGitHubApiStandIn } from '../support/github-api/server.js';
import { eventFixturePath } from '../unit/github/eventFixtures.js';
import {
  ensureE2E,
  type PrivateIndex,
  removeImages,
  startPrivateIndex,
  tempDir,
  type TempDir,
  uniqueTag,
  writeFiles,
} from './support/index.js';

vi.mock('../../src/compiler/resolve/loadProject.js', async (original) => {
  const { countingLoadProject } = await import('../support/compileCounter.js');
  return countingLoadProject(await original());
});

const TOKEN = 'ghs_CompileOnceBuild0123456789abcdef';
const BASE_SHA = '6666666666666666666666666666666666666666';

const pyproject = (indexUrl: string, version: string) => `[project]
name = "onceapp"
version = "${version}"
dependencies = []

[tool.microb.target.api]
python_version = "3.11"
indices = [{ url = "${indexUrl}", primary = true }]
labels = { "greeting" = "\${GREETING:-World}" }

[tool.microb.target.worker]
python_version = "3.11"
indices = [{ url = "${indexUrl}", primary = true }]
`;

describe('a build run compiles the built target once', () => {
  let index: PrivateIndex;
  let standIn: GitHubApiStandIn;
  let work: TempDir;
  const tag = uniqueTag('microb-compile-once');
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    await ensureE2E();
    work = await tempDir('microb-e2e-compile-once-');
    index = await startPrivateIndex();
    standIn = await startGitHubApiStandIn({ token: TOKEN });
  });

  afterAll(async () => {
    for (const k of Object.keys(process.env)) if (!(k in savedEnv)) delete process.env[k];
    Object.assign(process.env, savedEnv);
    await removeImages(tag);
    await standIn?.close();
    await index?.stop();
    await work?.cleanup();
  });

  it('builds, labels with the build arg, comments: one compile of the head', async () => {
    const head = pyproject(index.url, '1.0.0');
    await writeFiles(work.path, { 'pyproject.toml': head, 'src/onceapp/__init__.py': '' });
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: work.path,
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
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'head');
    const sha = git('rev-parse', 'HEAD');
    standIn.setFile(BASE_SHA, 'pyproject.toml', pyproject(index.url, '0.9.0'));
    standIn.setComparison(BASE_SHA, sha, [{ filename: 'pyproject.toml' }]);
    const payload = JSON.parse(readFileSync(eventFixturePath('pull_request.json'), 'utf8')) as {
      pull_request: { head: Record<string, unknown> };
    };
    payload.pull_request.head = { ...payload.pull_request.head, sha };
    const eventPath = path.join(work.path, 'event.json');
    writeFileSync(eventPath, JSON.stringify(payload));
    Object.assign(process.env, {
      RUNNER_TEMP: work.path,
      GITHUB_REPOSITORY: 'acme/app',
      GITHUB_API_URL: standIn.url,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_REF: 'refs/pull/42/merge',
      GITHUB_SHA: sha,
      INPUT_FILE: path.join(work.path, 'pyproject.toml'),
      INPUT_TAGS: tag,
      INPUT_LOAD: 'true',
      INPUT_NETWORK: 'host',
      INPUT_CACHE: 'none',
      INPUT_COMMENT: 'true',
      'INPUT_BUILD-ARGS': 'GREETING=Hello',
      'INPUT_GITHUB-TOKEN': TOKEN,
    });
    compiledTargets.length = 0;
    const outputs = new Map<string, string>();
    const log: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array) => (log.push(String(chunk)), true)) as typeof write;
    try {
      await runMain({ state: memoryStateStore(), setOutput: (n, v) => void outputs.set(n, v) });
    } finally {
      process.stdout.write = write;
    }
    const failed = process.exitCode === 1;
    process.exitCode = undefined;
    expect(failed, log.join('').split('\n').slice(-30).join('\n')).toBe(false);
    expect(outputs.get('digest') ?? outputs.get('imageid')).toBeTruthy();
    expect((outputs.get('labels') ?? '').split('\n')).toContain('greeting=Hello');
    expect(standIn.commentsOn(42)).toHaveLength(1);
    expect(compiledTargets.filter((c) => c.text === head).map((c) => c.target)).toEqual(['api']);
  });
});
