/**
 * The action's main step (runMain, in-process) on `pull_request` runs with `dry-run` and
 * `comment`, against the loopback GitHub API stand-in: what a workflow gets, push after push.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { runMain } from '../../../src/action/mainImpl.js';
import { memoryStateStore } from '../../../src/action/state.js';
import { commentMarker } from '../../../src/github/commentBody.js';
import { type GitHubApiStandIn, startGitHubApiStandIn } from '../../support/github-api/server.js';
import { eventFixturePath } from '../github/eventFixtures.js';

const TOKEN = 'ghs_ActionPhasesToken0123456789abcdef';
const BASE_SHA = '4444444444444444444444444444444444444444';

const pyproject = (requests: string) => `[project]
name = "svc"
version = "2.0.0"
license = "Apache-2.0"
dependencies = ["requests==${requests}"]

[tool.microb.target.api]
python_version = "3.11"
entrypoint = ["svc"]

[tool.microb.target.worker]
python_version = "3.11"
entrypoint = ["svc-worker"]
`;

let dir: string;
let standIn: GitHubApiStandIn;
let stdout: string[];
const savedEnv = { ...process.env };

const git = (...args: string[]) =>
  execFileSync('git', args, {
    cwd: dir,
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com',
    },
  })
    .toString()
    .trim();

/** One push to the PR: commit the pyproject, then run the action as the `pull_request` run would. */
async function pushAndRun(requests: string, extraEnv: Record<string, string> = {}) {
  writeFileSync(path.join(dir, 'app', 'pyproject.toml'), pyproject(requests));
  git('add', '-A');
  git('commit', '-q', '--allow-empty', '-m', `requests ${requests}`);
  const head = git('rev-parse', 'HEAD');
  // GitHub's payload for this push: head.sha is the commit just pushed.
  const payload = JSON.parse(
    execFileSync('cat', [eventFixturePath('pull_request.json')]).toString(),
  ) as Record<string, Record<string, Record<string, unknown>>>;
  (payload['pull_request'] as Record<string, Record<string, unknown>>)['head'] = {
    ...payload['pull_request']?.['head'],
    sha: head,
  };
  const eventPath = path.join(dir, `event-${head}.json`);
  writeFileSync(eventPath, JSON.stringify(payload));
  standIn.setComparison(BASE_SHA, head, [{ filename: 'app/pyproject.toml' }]);
  Object.assign(process.env, {
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_REF: 'refs/pull/42/merge',
    GITHUB_SHA: head,
    ...extraEnv,
  });
  const outputs = new Map<string, string>();
  await runMain({ state: memoryStateStore(), setOutput: (n, v) => void outputs.set(n, v) });
  return { outputs, head };
}

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'microb-action-pr-'));
  mkdirSync(path.join(dir, 'app'));
  git('init', '-q');
  standIn = await startGitHubApiStandIn({ token: TOKEN });
  standIn.setFile(BASE_SHA, 'app/pyproject.toml', pyproject('2.31.0'));
  stdout = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (stdout.push(String(chunk)), true));
  Object.assign(process.env, {
    RUNNER_TEMP: dir,
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_API_URL: standIn.url,
    GITHUB_SERVER_URL: 'https://github.com',
    INPUT_FILE: path.join(dir, 'app', 'pyproject.toml'),
    'INPUT_DRY-RUN': 'true',
    INPUT_COMMENT: 'true',
    'INPUT_GITHUB-TOKEN': TOKEN,
  });
});

afterEach(async () => {
  vi.restoreAllMocks();
  for (const k of Object.keys(process.env)) if (!(k in savedEnv)) delete process.env[k];
  Object.assign(process.env, savedEnv);
  process.exitCode = undefined;
  await standIn.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the action on pull_request with dry-run and comment', () => {
  it('keeps one comment per target over three pushes and shows the diff to the base branch', async () => {
    // the first push generates what the base does: quiet, no comment
    await pushAndRun('2.31.0');
    expect(standIn.commentWrites()).toEqual([]);
    await pushAndRun('2.32.3');
    const { outputs, head } = await pushAndRun('2.32.4');
    expect(process.exitCode).toBeUndefined();
    expect(JSON.parse(outputs.get('targets') ?? '')).toEqual(['api', 'worker']);

    const comments = standIn.commentsOn(42);
    expect(comments.map((c) => c.body.split('\n')[0])).toEqual([
      commentMarker('api'),
      commentMarker('worker'),
    ]);
    for (const c of comments) {
      expect(c.body).toContain(`last changed at ${head.slice(0, 7)}.`);
      expect(c.body).toMatch(/^--- a\/app\/\.microb\/(api|worker)\.Dockerfile\tmain$/m);
      expect(c.body).toContain('| `requests` | `2.31.0` | `2.32.4` | changed |');
      expect(c.body).toMatch(/^-.*requests==2\.31\.0/m);
      expect(c.body).toMatch(/^\+.*requests==2\.32\.4/m);
    }
    expect(comments[1]?.body).toContain('ENTRYPOINT ["svc-worker"]');
    const writes = standIn.commentWrites().map((r) => r.method);
    expect(writes).toEqual(['POST', 'POST', 'PATCH', 'PATCH']);
    // The pyproject sits in app/ of the repository: the contents API was asked for that path.
    expect(standIn.requests.some((r) => r.path === '/repos/acme/app/contents/app/pyproject.toml')).toBe(true);
    // registered as a secret with the runner, and never printed otherwise
    const lines = stdout.join('').split('\n');
    expect(lines).toContain(`::add-mask::${TOKEN}`);
    expect(lines.filter((l) => l.includes(TOKEN) && !l.startsWith('::add-mask::'))).toEqual([]);
  });

  it('a fork PR (read-only token) gets the job summary and a notice, and the step passes', async () => {
    standIn.setReadOnly(true);
    const summary = path.join(dir, 'summary.md');
    writeFileSync(summary, '');
    await pushAndRun('2.32.3', { GITHUB_STEP_SUMMARY: summary });
    expect(process.exitCode).toBeUndefined();
    expect(standIn.comments).toHaveLength(0);
    const text = execFileSync('cat', [summary]).toString();
    expect(text).toContain(commentMarker('api'));
    expect(text).toContain(commentMarker('worker'));
    expect(stdout.join('')).toMatch(
      /::notice title=Dockerfile comment moved to the job summary::GitHub answered 403/,
    );
  });

  it('says why nothing is commented on a push run', async () => {
    const { outputs } = await pushAndRun('2.31.0', {
      GITHUB_EVENT_NAME: 'push',
      GITHUB_REF: 'refs/heads/main',
    });
    expect(process.exitCode).toBeUndefined();
    expect(outputs.get('target')).toBe('api');
    expect(standIn.requests).toHaveLength(0);
    expect(stdout.join('')).toContain('this is a "push" run, not a pull request: nothing to comment on');
  });

  it('computes tags and labels in a dry run with images, for a preview', async () => {
    const { outputs, head } = await pushAndRun('2.31.0', {
      INPUT_COMMENT: 'false',
      INPUT_IMAGES: 'ghcr.io/Acme/App',
    });
    expect(outputs.get('tags')).toBe(`ghcr.io/acme/app:pr-42\nghcr.io/acme/app:sha-${head.slice(0, 7)}`);
    // version is the image's version label: the pyproject's own version wins over the event's pr-42
    expect(outputs.get('version')).toBe('2.0.0');
    // labels: KEY=VALUE lines (metadata-action's format); the object is json's `labels`
    expect(outputs.get('labels')).toContain('\norg.opencontainers.image.version=2.0.0');
    const json = JSON.parse(outputs.get('json') ?? '{}') as {
      labels: Record<string, string>;
      tags: string[];
    };
    expect(json.tags).toEqual(outputs.get('tags')?.split('\n'));
    const labels = json.labels;
    expect(labels['org.opencontainers.image.revision']).toBe(head);
    // the pyproject's own version and license win over the event's
    expect(labels['org.opencontainers.image.version']).toBe('2.0.0');
    expect(labels['org.opencontainers.image.licenses']).toBe('Apache-2.0');
    expect(labels['org.opencontainers.image.created']).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});

describe('the action does not edit a comment someone else planted with its marker', () => {
  it('creates its own comment and leaves the planted one as it was', async () => {
    const planted = standIn.addComment(
      42,
      `${commentMarker('api')}\n::warning::planted by a PR author`,
      'mallory',
    );
    await pushAndRun('2.32.3');
    await pushAndRun('2.32.4');
    expect(process.exitCode).toBeUndefined();
    expect(standIn.comments.find((c) => c.id === planted.id)?.body).toBe(
      `${commentMarker('api')}\n::warning::planted by a PR author`,
    );
    const ours = standIn.commentsOn(42).filter((c) => c.user === 'github-actions[bot]');
    expect(ours.map((c) => c.body.split('\n')[0])).toEqual([commentMarker('api'), commentMarker('worker')]);
    expect(standIn.commentWrites().map((r) => `${r.method} ${r.path.split('/').pop()}`)).not.toContain(
      `PATCH ${planted.id}`,
    );
  });
});
