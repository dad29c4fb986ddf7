/**
 * Issue 9, the buildx and GitHub side, through the bundled action as the runner runs it
 * (`node dist/main/index.js`, INPUT_*, GITHUB_OUTPUT / GITHUB_STATE files; run `npm run package`
 * first) on the real engine:
 *
 * - a secret the plan does not mount never reaches buildx: a real build, with a `docker` wrapper
 *   that records the argv and environment buildx gets;
 * - the `timeout` input stops a build that hangs, and every process it started;
 * - the PR comment planted by someone else with the marker is left alone (loopback GitHub API).
 */
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commentMarker } from '../../src/github/commentBody.js';
import { type GitHubApiStandIn, startGitHubApiStandIn } from '../support/github-api/server.js';
import { isAlive } from './support/cleanup.js';
import {
  ensureE2E,
  inspect,
  makeWheel,
  removeImages,
  startPrivateIndex,
  tempDir,
  writeFiles,
  type PrivateIndex,
  type TempDir,
} from './support/index.js';
import {
  dockerShim,
  expectCleanFailure,
  expectSucceeded,
  MINUTE,
  runAction,
} from './support/actionRunner.js';

const pyproject = (indexUrl: string) => `[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "secapp"
version = "1.0.0"
dependencies = ["secret-dep==3.1.4"]

[tool.microb.target.default]
python_version = "3.11"
indices = [{ url = "${indexUrl}", primary = true, username_secret = "IDX_USER", password_secret = "IDX_PW" }]
`;

describe('sec-github: secrets, timeout and PR comments through the bundled action', () => {
  let work: TempDir;
  let index: PrivateIndex;
  let app: string;
  const images: string[] = [];

  beforeAll(async () => {
    await ensureE2E();
    work = await tempDir('microb-e2e-sec-github-');
    index = await startPrivateIndex({ wheels: [await makeWheel(work.path, 'secret-dep', '3.1.4')] });
    app = path.join(work.path, 'app');
    await writeFiles(app, { 'pyproject.toml': pyproject(index.url), 'src/secapp/__init__.py': 'X = 1\n' });
  });

  afterAll(async () => {
    await removeImages(...images);
    await index?.stop();
    await work?.cleanup();
  });

  it('passes buildx only the secrets the plan mounts: an unused one is in neither argv nor env', async () => {
    const record = path.join(work.path, 'buildx-call');
    // records what `docker buildx build` is started with, then runs it for real
    const shim = await dockerShim(
      path.join(work.path, 'shim-record'),
      `if [ "$1" = buildx ] && [ "$2" = build ]; then printf '%s\\n' "$@" > ${record}.argv; env > ${record}.env; fi`,
    );
    const unused = 'unused-secret-value-sec-github-7f3a';
    const tag = `sec-github-e2e-secrets:${Date.now().toString(36)}`;
    images.push(tag);
    const r = await runAction(
      {
        tags: tag,
        load: 'true',
        network: 'host',
        secrets: `IDX_USER=${index.user}\nIDX_PW=${index.password}\nUNUSED_TOKEN=${unused}`,
      },
      { workspace: app, env: { PATH: `${shim}:${process.env.PATH ?? ''}` } },
    );
    expectSucceeded(r);
    expect((await inspect(tag)).Id).toBe(r.outputs.imageid);

    const argv = await readFile(`${record}.argv`, 'utf8');
    const env = await readFile(`${record}.env`, 'utf8');
    const secretArgs = argv.split('\n').filter((_, i, all) => all[i - 1] === '--secret');
    expect(secretArgs.map((s) => s.split(',')[0]).sort()).toEqual(['id=IDX_PW', 'id=IDX_USER']);
    expect(argv).not.toContain('UNUSED_TOKEN');
    expect(env).not.toContain(unused);
    // the used ones did reach it (the build installed from the index with them)
    expect(env).toContain(index.password);
    expect(r.main.stdout).toMatch(/^::warning::secret "UNUSED_TOKEN" is not used by target default/m);
  });

  it('stops a build that outlives the timeout input, with every process it started', async () => {
    const pidFile = path.join(work.path, 'hung-helper.pid');
    // a "remote builder" that never answers: buildx build starts a helper and sleeps
    const shim = await dockerShim(
      path.join(work.path, 'shim-hang'),
      `if [ "$1" = buildx ] && [ "$2" = build ]; then sleep 600 & echo $! > ${pidFile}; sleep 600; exit 0; fi`,
    );
    const r = await runAction(
      {
        tags: 'sec-github-e2e-timeout:1',
        network: 'host',
        timeout: '5s',
        secrets: `IDX_USER=${index.user}\nIDX_PW=${index.password}`,
      },
      { workspace: app, env: { PATH: `${shim}:${process.env.PATH ?? ''}` }, timeoutMs: 3 * MINUTE },
    );
    expectCleanFailure(
      r,
      /docker buildx build did not finish within the timeout of 5 s \(the timeout input\): it was stopped, with every process it started/,
      2 * MINUTE,
    );
    const helper = Number(readFileSync(pidFile, 'utf8'));
    expect(helper).toBeGreaterThan(0);
    // the group was signalled: the helper is gone (give the kernel a moment to reap it)
    for (let i = 0; i < 20 && isAlive(helper); i++) await new Promise((ok) => setTimeout(ok, 100));
    expect(isAlive(helper)).toBe(false);
  });

  describe('PR comments (loopback GitHub API)', () => {
    const TOKEN = 'ghs_SecGithubE2eToken0123456789abcdef';
    let standIn: GitHubApiStandIn;
    beforeAll(async () => {
      standIn = await startGitHubApiStandIn({ token: TOKEN });
    });
    afterAll(async () => standIn?.close());

    it('leaves a comment planted with its marker by another user alone and keeps its own', async () => {
      const planted = standIn.addComment(42, `${commentMarker('default')}\nplanted`, 'mallory');
      const base = '4'.repeat(40);
      // two pushes, two head commits, the same generated text
      for (const head of ['a'.repeat(40), 'b'.repeat(40)]) {
        const event = path.join(work.path, `pull_request-${head[0]}.json`);
        await writeFile(
          event,
          JSON.stringify({
            number: 42,
            pull_request: {
              number: 42,
              base: { sha: base, ref: 'main' },
              head: { sha: head, ref: 'feature' },
            },
          }),
        );
        standIn.setComparison(base, head, [{ filename: 'pyproject.toml', status: 'added' }]);
        const env = {
          GITHUB_EVENT_NAME: 'pull_request',
          GITHUB_EVENT_PATH: event,
          GITHUB_REF: 'refs/pull/42/merge',
          GITHUB_REPOSITORY: 'acme/app',
          GITHUB_API_URL: standIn.url,
        };
        const inputs = { 'dry-run': 'true', comment: 'true', 'github-token': TOKEN };
        expectSucceeded(await runAction(inputs, { workspace: app, env }));
      }

      expect(standIn.comments.find((c) => c.id === planted.id)?.body).toBe(
        `${commentMarker('default')}\nplanted`,
      );
      const ours = standIn.commentsOn(42).filter((c) => c.user === 'github-actions[bot]');
      expect(ours).toHaveLength(1);
      expect(ours[0]?.body.split('\n')[0]).toBe(commentMarker('default'));
      expect(ours[0]?.body).toContain('The PR adds `.microb/default.Dockerfile`.');
      expect(ours[0]?.body).toContain('last changed at aaaaaaa.');
      // created once; the second run (a new commit, same text) found it and wrote nothing,
      // and never wrote to the planted one
      const writes = standIn.commentWrites().map((w) => `${w.method} ${w.path.split('/').pop()}`);
      expect(writes).toEqual(['POST comments']);
    });
  });
});
