/**
 * PR comments against the loopback GitHub API stand-in, through the real octokit client with
 * the retry plugin and the real compiler: one comment per target across pushes, the diff
 * against the base branch, the fork fallback, retries, pagination and redaction.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { compile, type ProjectSnapshot } from '../../../src/compiler/index.js';
import { createGitHubApi, type GitHubApi } from '../../../src/github/client.js';
import { commentMarker, MAX_COMMENT_LENGTH } from '../../../src/github/commentBody.js';
import {
  COMBINED_COMMENT_MARKER,
  MAX_PR_COMMENTS,
  renderCombinedComment,
} from '../../../src/github/combinedComment.js';
import type { GitHubEventContext } from '../../../src/github/eventContext.js';
import type { CommentFallback } from '../../../src/github/prComment.js';
import { commentDockerfilesOnPullRequest } from '../../../src/github/pullRequestComments.js';
import { jobSummaryFallback } from '../../../src/github/summaryFallback.js';
import { type GitHubApiStandIn, startGitHubApiStandIn } from '../../support/github-api/server.js';
import { loadRun } from './eventFixtures.js';

const TOKEN = 'ghs_StandInToken0123456789abcdefABCDEF';
const PYPROJECT = 'services/api/pyproject.toml';
const BASE_SHA = '4444444444444444444444444444444444444444';

const pyproject = (requests: string, worker: boolean) => `[project]
name = "api"
version = "1.4.0"
license = "MIT"
dependencies = ["requests==${requests}"]

[tool.microb.target.default]
entrypoint = ["api"]
${worker ? '\n[tool.microb.target.worker]\nentrypoint = ["api-worker"]\n' : ''}`;

const snapshotOf = (text: string): ProjectSnapshot => ({
  pyprojectPath: PYPROJECT,
  pyprojectText: text,
  files: new Map([
    ['.python-version', '3.11\n'],
    ['.dockerignore', null],
  ]),
});

/** A `pull_request` run for head `sha`, from the recorded payload of PR #42. */
function prRun(headSha: string, fixture = 'pull_request.json'): GitHubEventContext {
  const run = loadRun({ fixture, eventName: 'pull_request', ref: 'refs/pull/42/merge', sha: 'f'.repeat(40) });
  const pr = run.payload['pull_request'] as Record<string, unknown>;
  return {
    ...run,
    payload: { ...run.payload, pull_request: { ...pr, head: { ...(pr['head'] as object), sha: headSha } } },
  };
}

async function push(
  api: GitHubApi,
  standIn: GitHubApiStandIn,
  headSha: string,
  text: string,
  fallback: CommentFallback,
) {
  const snapshot = snapshotOf(text);
  const first = compile(snapshot, {});
  const dockerfiles = new Map(first.targets.map((t) => [t, compile(snapshot, { target: t }).dockerfile]));
  standIn.setComparison(BASE_SHA, headSha, [{ filename: PYPROJECT }, { filename: 'README.md' }]);
  return commentDockerfilesOnPullRequest(
    api,
    {
      context: prRun(headSha),
      snapshot,
      pyprojectRepoPath: PYPROJECT,
      dockerfiles,
      compileOptions: {},
      secrets: [TOKEN],
    },
    fallback,
  );
}

const noFallback: CommentFallback = {
  notice: () => expect.fail('no notice expected'),
  appendSummary: async () => expect.fail('no summary expected'),
};

describe('PR comments (GitHub API stand-in on 127.0.0.1)', () => {
  let standIn: GitHubApiStandIn;
  let api: GitHubApi;

  beforeEach(async () => {
    standIn = await startGitHubApiStandIn({ token: TOKEN });
    api = createGitHubApi({ token: TOKEN, baseUrl: standIn.url, retryBaseMs: 5 });
    standIn.setFile(BASE_SHA, PYPROJECT, pyproject('2.31.0', false));
    standIn.setFile(BASE_SHA, 'services/api/.python-version', '3.11\n');
  });
  afterEach(async () => standIn.close());

  it('keeps one comment per target across pushes: none while quiet, no edit for a new commit alone', async () => {
    // 120 earlier comments push ours onto the second page of the listing.
    for (let i = 0; i < 120; i++) standIn.addComment(42, `LGTM ${i}`);
    const quoted = standIn.addComment(42, `> ${commentMarker('default')}\n> quoting the bot`);

    // a: `default` is the base's Dockerfile (quiet: no comment), `worker` is new
    const first = await push(api, standIn, 'a'.repeat(40), pyproject('2.31.0', true), noFallback);
    expect(first.map((o) => [o.target, o.action])).toEqual([
      ['default', 'skipped'],
      ['worker', 'created'],
    ]);
    // b: the pin changes both
    const second = await push(api, standIn, 'b'.repeat(40), pyproject('2.32.3', true), noFallback);
    expect(second.map((o) => [o.target, o.action])).toEqual([
      ['default', 'created'],
      ['worker', 'updated'],
    ]);
    // c: a new commit with the same generated text: nothing is written
    const third = await push(api, standIn, 'c'.repeat(40), pyproject('2.32.3', true), noFallback);
    expect(third.map((o) => [o.target, o.action])).toEqual([
      ['default', 'unchanged'],
      ['worker', 'unchanged'],
    ]);
    for (const c of standIn.commentsOn(42).filter((c) => c.user === 'github-actions[bot]'))
      expect(c.body).toContain('last changed at bbbbbbb.');
    // d: back to the base's pin: the sticky diff is replaced by one line, not left stale
    const fourth = await push(api, standIn, 'd'.repeat(40), pyproject('2.31.0', true), noFallback);
    expect(fourth.map((o) => [o.target, o.action])).toEqual([
      ['default', 'updated'],
      ['worker', 'updated'],
    ]);

    const ours = standIn.commentsOn(42).filter((c) => c.user === 'github-actions[bot]');
    expect(ours.map((c) => c.body.split('\n')[0])).toEqual([
      commentMarker('worker'),
      commentMarker('default'),
    ]);
    const quiet = ours[1]?.body ?? '';
    expect(quiet).toBe(
      [
        commentMarker('default'),
        '### Dockerfile for target `default`',
        '',
        'No change to `services/api/.microb/default.Dockerfile` from `main`.',
        '',
        '<sub>Generated by microb-action, last changed at ddddddd.</sub>',
      ].join('\n'),
    );
    expect(standIn.comments.find((c) => c.id === quoted.id)?.body).toMatch(/^> /); // untouched

    const writes = standIn.commentWrites().map((r) => `${r.method} ${r.status}`);
    expect(writes).toEqual(['POST 201', 'POST 201', 'PATCH 200', 'PATCH 200', 'PATCH 200']);
    // Pagination was followed: page 2 of the listing was asked for on every push.
    expect(standIn.requests.filter((r) => r.method === 'GET' && r.query['page'] === '2')).toHaveLength(4);
    // The token went in the Authorization header and nowhere into a body.
    expect(standIn.requests.every((r) => r.authorization === `token ${TOKEN}`)).toBe(true);
    expect(JSON.stringify(standIn.requests.map((r) => r.body))).not.toContain(TOKEN);
  });

  it('shows the diff against the base branch when the pyproject changes the Dockerfile', async () => {
    await push(api, standIn, 'b'.repeat(40), pyproject('2.32.3', true), noFallback);
    const [defaultComment, workerComment] = standIn.commentsOn(42);

    const body = defaultComment?.body ?? '';
    expect(body).toContain(
      'This pull request changes `services/api/.microb/default.Dockerfile` relative to `main`.',
    );
    // the dependencies table, above the diff
    expect(body).toContain(
      [
        '| Dependency | `main` | this PR | Change |',
        '| --- | --- | --- | --- |',
        '| `requests` | `2.31.0` | `2.32.3` | changed |',
      ].join('\n'),
    );
    expect(body.indexOf('| Dependency')).toBeLessThan(body.indexOf('```diff'));
    // collapsed: the diff and the Dockerfile each in a closed <details>
    expect(body).toContain('<details><summary>Diff: 2 lines added, 2 removed</summary>\n\n```diff\n');
    expect(body).toMatch(/<details><summary>Dockerfile \(\d+ lines\)<\/summary>\n\n```dockerfile\n/);
    expect(body).not.toContain('<details open');
    const diff = /```diff\n([\s\S]*?)\n```/.exec(body)?.[1] ?? '';
    expect(diff).toMatch(/^--- a\/services\/api\/\.microb\/default\.Dockerfile\tmain$/m);
    expect(diff).toMatch(/^\+\+\+ b\/services\/api\/\.microb\/default\.Dockerfile\tthis pull request$/m);
    expect(diff).toMatch(/^-.*requests==2\.31\.0/m);
    expect(diff).toMatch(/^\+.*requests==2\.32\.3/m);
    // Only the changed lines and their context, not the whole file.
    expect(diff.split('\n').filter((l) => /^[-+][^-+]/.test(l)).length).toBeLessThan(10);
    expect(body).toContain('```dockerfile\n# Generated by microb');

    expect(workerComment?.body).toContain(
      'New target: `main` does not define it. The PR adds `services/api/.microb/worker.Dockerfile`.',
    );
    // The base was read through compare + contents at the base commit.
    const paths = standIn.requests.map(
      (r) => `${r.method} ${r.path}${r.query['ref'] ? `@${r.query['ref'].slice(0, 4)}` : ''}`,
    );
    expect(paths).toContain(`GET /repos/acme/app/compare/${BASE_SHA}...${'b'.repeat(40)}`);
    expect(paths).toContain(`GET /repos/acme/app/contents/${PYPROJECT}@4444`);
    expect(paths).toContain('GET /repos/acme/app/contents/services/api/.python-version@4444');
  });

  it('stays quiet without fetching the base when the PR does not touch the inputs', async () => {
    const snapshot = snapshotOf(pyproject('2.31.0', false));
    standIn.setComparison(BASE_SHA, 'd'.repeat(40), [{ filename: 'src/api/app.py' }]);
    const outcomes = await commentDockerfilesOnPullRequest(
      api,
      {
        context: prRun('d'.repeat(40)),
        snapshot,
        pyprojectRepoPath: PYPROJECT,
        dockerfiles: new Map([['default', compile(snapshot).dockerfile]]),
        compileOptions: {},
        secrets: [],
      },
      noFallback,
    );
    expect(outcomes).toEqual([{ target: 'default', action: 'skipped' }]);
    expect(standIn.commentsOn(42)).toEqual([]);
    expect(standIn.commentWrites()).toEqual([]);
    expect(standIn.requests.some((r) => r.path.includes('/contents/'))).toBe(false);
  });

  it('retries a 5xx and succeeds', async () => {
    standIn.failNext('GET', /\/issues\/42\/comments$/, 502);
    standIn.failNext('POST', /\/issues\/42\/comments$/, 503);
    const outcomes = await push(api, standIn, 'a'.repeat(40), pyproject('2.32.3', false), noFallback);
    expect(outcomes.map((o) => o.action)).toEqual(['created']);
    expect(standIn.requests.map((r) => r.status).filter((s) => s >= 500)).toEqual([502, 503]);
    expect(standIn.commentsOn(42)).toHaveLength(1);
  });

  it('gives up after the retries with the server error, not a fallback', async () => {
    standIn.failNext('GET', /\/issues\/42\/comments$/, 500, 10);
    await expect(
      push(api, standIn, 'a'.repeat(40), pyproject('2.31.0', false), noFallback),
    ).rejects.toMatchObject({
      status: 500,
    });
    // the first attempt and the three retries of the plugin
    expect(standIn.requests.filter((r) => r.path.endsWith('/comments')).map((r) => r.status)).toEqual([
      500, 500, 500, 500,
    ]);
  });

  it('explains a base it could not read, and a target the base lacks', async () => {
    const snapshot = snapshotOf(pyproject('2.31.0', true));
    const request = (head: string) => ({
      context: prRun(head),
      snapshot,
      pyprojectRepoPath: PYPROJECT,
      dockerfiles: new Map(
        ['default', 'worker'].map((t) => [t, compile(snapshot, { target: t }).dockerfile]),
      ),
      compileOptions: {},
      secrets: [],
    });
    // No comparison known to the stand-in: compare answers 404.
    await commentDockerfilesOnPullRequest(api, request('d'.repeat(40)), noFallback);
    expect(standIn.commentsOn(42)[0]?.body).toContain(
      'Not compared with `main`: could not read the base branch (the GitHub API answered 404).',
    );
    // The base branch has no pyproject there at all: every target is new.
    standIn.files.clear();
    standIn.setComparison(BASE_SHA, 'e'.repeat(40), [{ filename: PYPROJECT, status: 'added' }]);
    await commentDockerfilesOnPullRequest(api, request('e'.repeat(40)), noFallback);
    for (const c of standIn.commentsOn(42))
      expect(c.body).toContain('New target: `main` does not define it.');
  });

  it('masks known secret values that reach the text', async () => {
    const snapshot = snapshotOf(pyproject('2.31.0', false));
    const leaky = `${compile(snapshot).dockerfile}# token ${TOKEN} and https://ci:hunter22@index.example/simple\n`;
    await commentDockerfilesOnPullRequest(
      api,
      {
        context: prRun('a'.repeat(40)),
        snapshot,
        pyprojectRepoPath: PYPROJECT,
        dockerfiles: new Map([['default', leaky]]),
        compileOptions: {},
        secrets: [TOKEN],
      },
      noFallback,
    );
    const body = standIn.commentsOn(42)[0]?.body ?? '';
    expect(body).not.toContain(TOKEN);
    expect(body).not.toContain('hunter22');
    expect(body).toContain('# token *** and https://index.example/simple');
  });
});

describe('fork PR fallback (read-only token)', () => {
  let standIn: GitHubApiStandIn;
  let summaryDir: string;
  const saved = process.env['GITHUB_STEP_SUMMARY'];

  beforeEach(async () => {
    standIn = await startGitHubApiStandIn({ token: TOKEN, readOnly: true });
    summaryDir = await mkdtemp(join(tmpdir(), 'microb-summary-'));
    process.env['GITHUB_STEP_SUMMARY'] = join(summaryDir, 'summary.md');
    await writeFile(process.env['GITHUB_STEP_SUMMARY'], '');
  });
  afterEach(async () => {
    await standIn.close();
    await rm(summaryDir, { recursive: true, force: true });
    if (saved === undefined) delete process.env['GITHUB_STEP_SUMMARY'];
    else process.env['GITHUB_STEP_SUMMARY'] = saved;
    vi.restoreAllMocks();
  });

  it('writes the job summary and a notice instead of failing', async () => {
    const api = createGitHubApi({ token: TOKEN, baseUrl: standIn.url, retryBaseMs: 5 });
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const snapshot = snapshotOf(pyproject('2.31.0', true));
    const dockerfiles = new Map(
      ['default', 'worker'].map((t) => [t, compile(snapshot, { target: t }).dockerfile]),
    );
    standIn.setComparison(BASE_SHA, 'e'.repeat(40), []);

    const context = loadRun({
      fixture: 'pull_request-fork.json',
      eventName: 'pull_request',
      ref: 'refs/pull/43/merge',
      sha: 'e'.repeat(40),
    });
    const outcomes = await commentDockerfilesOnPullRequest(
      api,
      { context, snapshot, pyprojectRepoPath: PYPROJECT, dockerfiles, compileOptions: {}, secrets: [TOKEN] },
      jobSummaryFallback,
    );

    expect(outcomes.map((o) => [o.target, o.action])).toEqual([
      ['default', 'summary'],
      ['worker', 'summary'],
    ]);
    expect(standIn.comments).toHaveLength(0);
    // The write was tried once: 403 is final, not retried.
    expect(standIn.commentWrites().map((r) => r.status)).toEqual([403]);
    const summary = await readFile(process.env['GITHUB_STEP_SUMMARY'] as string, 'utf8');
    expect(summary).toContain(commentMarker('default'));
    expect(summary).toContain(commentMarker('worker'));
    expect(summary).toContain('ENTRYPOINT ["api-worker"]');
    const notices = stdout.mock.calls.map((c) => String(c[0])).filter((l) => l.startsWith('::notice'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/GitHub answered 403.*fork.*default, worker is in the job summary/);
  });
});

describe("the sticky comment is the token's own (marker and author)", () => {
  let standIn: GitHubApiStandIn;
  let api: GitHubApi;

  beforeEach(async () => {
    standIn = await startGitHubApiStandIn({ token: TOKEN });
    api = createGitHubApi({ token: TOKEN, baseUrl: standIn.url, retryBaseMs: 5 });
    standIn.setFile(BASE_SHA, PYPROJECT, pyproject('2.31.0', false));
  });
  afterEach(async () => standIn.close());

  it('ignores a comment another user planted with the marker and creates its own', async () => {
    const planted = standIn.addComment(42, `${commentMarker('default')}\nplanted by someone else`, 'mallory');
    const first = await push(api, standIn, 'a'.repeat(40), pyproject('2.32.3', false), noFallback);
    expect(first.map((o) => o.action)).toEqual(['created']);
    const second = await push(api, standIn, 'b'.repeat(40), pyproject('2.33.0', false), noFallback);
    expect(second.map((o) => o.action)).toEqual(['updated']);

    expect(standIn.comments.find((c) => c.id === planted.id)?.body).toBe(
      `${commentMarker('default')}\nplanted by someone else`,
    );
    const ours = standIn.commentsOn(42).filter((c) => c.user === 'github-actions[bot]');
    expect(ours).toHaveLength(1);
    expect(ours[0]?.body).toContain('last changed at bbbbbbb.');
    // the planted comment was never written to
    expect(standIn.requests.some((r) => r.method === 'PATCH' && r.path.endsWith(`/${planted.id}`))).toBe(
      false,
    );
  });

  it("a personal token's comments are found through GET /user", async () => {
    standIn.setIdentity({ login: 'alice', kind: 'user', viewer: true });
    // the same marker from the workflow's bot (another account) is not alice's comment
    standIn.addComment(42, `${commentMarker('default')}\nfrom the bot`, 'github-actions[bot]');
    await push(api, standIn, 'a'.repeat(40), pyproject('2.31.0', false), noFallback);
    const again = await push(api, standIn, 'b'.repeat(40), pyproject('2.32.3', false), noFallback);
    expect(again.map((o) => o.action)).toEqual(['updated']);
    expect(standIn.commentsOn(42).map((c) => c.user)).toEqual(['github-actions[bot]', 'alice']);
    expect(standIn.commentsOn(42)[0]?.body).toBe(`${commentMarker('default')}\nfrom the bot`);
    expect(standIn.requests.filter((r) => r.path === '/user').map((r) => r.status)).toEqual([200, 200]);
  });

  it("a GitHub App's installation token is found through the GraphQL viewer", async () => {
    standIn.setIdentity({ login: 'microb-app[bot]', kind: 'integration', viewer: true });
    standIn.addComment(42, `${commentMarker('default')}\nplanted`, 'mallory');
    await push(api, standIn, 'a'.repeat(40), pyproject('2.31.0', false), noFallback);
    await push(api, standIn, 'b'.repeat(40), pyproject('2.32.3', false), noFallback);
    expect(standIn.commentsOn(42).map((c) => c.user)).toEqual(['mallory', 'microb-app[bot]']);
    expect(standIn.requests.filter((r) => r.path === '/user').map((r) => r.status)).toEqual([403, 403]);
    expect(standIn.requests.filter((r) => r.path === '/graphql')).toHaveLength(2);
  });
});

describe('a bounded number of comments', () => {
  let standIn: GitHubApiStandIn;
  let api: GitHubApi;

  beforeEach(async () => {
    standIn = await startGitHubApiStandIn({ token: TOKEN });
    api = createGitHubApi({ token: TOKEN, baseUrl: standIn.url, retryBaseMs: 5 });
  });
  afterEach(async () => standIn.close());

  const manyTargets = (n: number, requests: string) =>
    `[project]\nname = "api"\nversion = "1.4.0"\ndependencies = ["requests==${requests}"]\n` +
    Array.from(
      { length: n },
      (_, i) => `\n[tool.microb.target.t${String(i).padStart(2, '0')}]\nentrypoint = ["api"]\n`,
    ).join('');

  it(`posts at most ${MAX_PR_COMMENTS} comments: the targets beyond in one combined comment`, async () => {
    const first = await push(api, standIn, 'a'.repeat(40), manyTargets(25, '2.31.0'), noFallback);
    const comments = standIn.commentsOn(42);
    expect(comments).toHaveLength(MAX_PR_COMMENTS);
    expect(first).toHaveLength(25);
    // the first nine targets have their own comment, the sixteen others share the last one
    for (let i = 0; i < MAX_PR_COMMENTS - 1; i++)
      expect(comments[i]?.body.split('\n')[0]).toBe(commentMarker(`t${String(i).padStart(2, '0')}`));
    const combined = comments[MAX_PR_COMMENTS - 1]?.body ?? '';
    expect(combined.split('\n')[0]).toBe(COMBINED_COMMENT_MARKER);
    for (let i = MAX_PR_COMMENTS - 1; i < 25; i++)
      expect(combined).toContain(`target \`t${String(i).padStart(2, '0')}\``);
    // no target marker at a line start inside it: the next run can't mistake it for a target's comment
    expect(combined).not.toMatch(/^<!-- microb-action:dockerfile:/m);
    expect(new Set(first.filter((o) => 'url' in o).map((o) => ('url' in o ? o.url : ''))).size).toBe(
      MAX_PR_COMMENTS,
    );

    // the next push edits the same ten comments
    const second = await push(api, standIn, 'b'.repeat(40), manyTargets(25, '2.32.3'), noFallback);
    expect(standIn.commentsOn(42)).toHaveLength(MAX_PR_COMMENTS);
    expect(new Set(second.map((o) => o.action))).toEqual(new Set(['updated']));
    expect(standIn.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/comments'))).toHaveLength(
      MAX_PR_COMMENTS,
    );

    // the same text at a new commit: no write, the combined comment included
    const writesBefore = standIn.commentWrites().length;
    const third = await push(api, standIn, 'c'.repeat(40), manyTargets(25, '2.32.3'), noFallback);
    expect(new Set(third.map((o) => o.action))).toEqual(new Set(['unchanged']));
    expect(standIn.commentWrites()).toHaveLength(writesBefore);
  });

  it('keeps the combined comment under GitHub’s size limit however many targets it holds', () => {
    const big = '# a long line of a Dockerfile\n'.repeat(500);
    const comments = Array.from({ length: 2000 }, (_, i) => ({
      target: `target-${i}`,
      body: `${commentMarker(`target-${i}`)}\n### Dockerfile for target \`target-${i}\`\n\nNew target.\n${big}`,
    }));
    const body = renderCombinedComment(comments);
    expect(body.length).toBeLessThanOrEqual(MAX_COMMENT_LENGTH);
    expect(body.split('\n')[0]).toBe(COMBINED_COMMENT_MARKER);
    expect(body).toContain('target-0');
    expect(body).toMatch(/and \d+ more target/);
  });
});

describe('deadlines on GitHub API calls', () => {
  it('gives up on a server that accepts the request and never answers, retries included', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer(() => undefined); // reads the request, never writes a byte
    silent.on('connection', (s) => sockets.add(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const api = createGitHubApi({
      token: TOKEN,
      baseUrl: url,
      retries: 1,
      retryBaseMs: 5,
      requestTimeoutMs: 300,
    });
    const started = Date.now();
    try {
      await expect(
        api.rest.issues.listComments({ owner: 'acme', repo: 'app', issue_number: 42 }),
      ).rejects.toThrow('the GitHub API did not answer within 300 ms');
      // the first attempt and one retry, each cut at its deadline
      expect(Date.now() - started).toBeGreaterThanOrEqual(600);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(sockets.size).toBeGreaterThanOrEqual(1);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => silent.close(() => r()));
    }
  });

  it('also when the headers come and the body never ends', async () => {
    const stalling = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[');
    });
    await new Promise<void>((r) => stalling.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(stalling.address() as AddressInfo).port}`;
    const api = createGitHubApi({ token: TOKEN, baseUrl: url, retries: 0, requestTimeoutMs: 1_000 });
    try {
      await expect(
        api.rest.issues.listComments({ owner: 'acme', repo: 'app', issue_number: 42 }),
      ).rejects.toThrow('the GitHub API did not answer within 1 s');
    } finally {
      stalling.closeAllConnections();
      await new Promise<void>((r) => stalling.close(() => r()));
    }
  });
});
