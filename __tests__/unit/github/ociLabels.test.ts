import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { gitCommitTime, payloadCommitTime, readCommitTime } from '../../../src/github/commitTime.js';
import { formatLabels, labelsNotIn, ociLabels, sourceDateEpoch } from '../../../src/github/ociLabels.js';
import { computeTags } from '../../../src/github/tags.js';
import { loadRun } from './eventFixtures.js';

const tagRun = {
  fixture: 'push-tag-v1.2.3.json',
  eventName: 'push',
  ref: 'refs/tags/v1.2.3',
  sha: 'c0ffee1234567890abcdef1234567890abcdef12',
};

describe('ociLabels', () => {
  it('labels a tag push from the context, with the commit time as created', () => {
    const context = loadRun(tagRun);
    const commitTime = payloadCommitTime(context.payload);
    const labels = ociLabels({ context, version: computeTags(context).version, commitTime });
    expect(labels).toEqual({
      'org.opencontainers.image.created': '2024-06-05T08:00:00.000Z',
      'org.opencontainers.image.revision': 'c0ffee1234567890abcdef1234567890abcdef12',
      'org.opencontainers.image.source': 'https://github.com/acme/app',
      'org.opencontainers.image.url': 'https://github.com/acme/app',
      'org.opencontainers.image.version': '1.2.3',
    });
    expect(sourceDateEpoch(commitTime)).toBe('1717574400');
  });

  it('is the same for two builds of one commit (no build time in it)', async () => {
    const context = loadRun(tagRun);
    const once = ociLabels({ context, version: '1.2.3', commitTime: payloadCommitTime(context.payload) });
    await new Promise((r) => setTimeout(r, 5));
    const again = ociLabels({ context, version: '1.2.3', commitTime: payloadCommitTime(context.payload) });
    expect(again).toEqual(once);
  });

  it('leaves out what it does not know instead of writing empty labels', () => {
    const context = loadRun({
      fixture: 'schedule.json',
      eventName: 'schedule',
      ref: 'refs/heads/main',
      sha: '',
    });
    const labels = ociLabels({ context, version: 'nightly', commitTime: undefined });
    expect(Object.keys(labels).sort()).toEqual([
      'org.opencontainers.image.source',
      'org.opencontainers.image.url',
      'org.opencontainers.image.version',
    ]);
    // No repository in a schedule payload: the URL comes from GITHUB_SERVER_URL + GITHUB_REPOSITORY.
    expect(labels['org.opencontainers.image.source']).toBe('https://github.com/acme/app');
    expect(sourceDateEpoch(undefined)).toBeUndefined();
  });

  it('lets the Dockerfile keep the labels the pyproject sets', () => {
    const computed = {
      'org.opencontainers.image.version': 'main',
      'org.opencontainers.image.revision': 'abc',
    };
    const fromPyproject = { 'org.opencontainers.image.version': '1.4.0' };
    expect(labelsNotIn(computed, fromPyproject)).toEqual({ 'org.opencontainers.image.revision': 'abc' });
    expect(formatLabels({ a: 'b=c' })).toEqual(['a=b=c']);
  });
});

describe('commit time', () => {
  it('reads the committer time of the checked-out commit from git', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'microb-git-'));
    try {
      const git = (...args: string[]) =>
        execFileSync('git', args, {
          cwd: dir,
          env: {
            ...process.env,
            GIT_AUTHOR_DATE: '2020-01-01T00:00:00Z',
            GIT_COMMITTER_DATE: '2024-02-29T12:34:56Z',
            GIT_AUTHOR_NAME: 't',
            GIT_AUTHOR_EMAIL: 't@example.com',
            GIT_COMMITTER_NAME: 't',
            GIT_COMMITTER_EMAIL: 't@example.com',
          },
        })
          .toString()
          .trim();
      git('init', '-q');
      git('commit', '-q', '--allow-empty', '-m', 'x');
      const sha = git('rev-parse', 'HEAD');
      expect((await gitCommitTime(dir, sha))?.toISOString()).toBe('2024-02-29T12:34:56.000Z');
      expect(await gitCommitTime(dir, 'f'.repeat(40))).toBeUndefined();
      // Without git history, a push payload still knows it.
      const payload = { head_commit: { timestamp: '2024-06-04T10:15:30+02:00' } };
      expect((await readCommitTime(join(dir, 'nope'), sha, payload))?.toISOString()).toBe(
        '2024-06-04T08:15:30.000Z',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
