import { describe, expect, it } from 'vitest';

import { type GitHubEventContext } from '../../../src/github/eventContext.js';
import { imageReferences, ImageNameError, parseImages } from '../../../src/github/images.js';
import { parseReleaseVersion } from '../../../src/github/releaseVersion.js';
import { computeTags, sanitizeTag } from '../../../src/github/tags.js';
import { loadRun, type RunEnvironment } from './eventFixtures.js';

interface Row extends RunEnvironment {
  readonly name: string;
  readonly version: string | undefined;
  readonly tags: readonly string[];
}

// One row per way a workflow is triggered; payloads in fixtures/events, read via @actions/github.
const table: readonly Row[] = [
  {
    name: 'push to a branch',
    fixture: 'push-branch.json',
    eventName: 'push',
    ref: 'refs/heads/feature/Login-Page',
    sha: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
    version: 'feature-Login-Page',
    tags: ['feature-Login-Page', 'sha-a1b2c3d'],
  },
  {
    name: 'tag v1.2.3',
    fixture: 'push-tag-v1.2.3.json',
    eventName: 'push',
    ref: 'refs/tags/v1.2.3',
    sha: 'c0ffee1234567890abcdef1234567890abcdef12',
    version: '1.2.3',
    tags: ['1.2.3', '1.2', '1', 'sha-c0ffee1', 'latest'],
  },
  {
    name: 'tag v2.0.0-rc.1 (SemVer pre-release)',
    fixture: 'push-tag-v2.0.0-rc.1.json',
    eventName: 'push',
    ref: 'refs/tags/v2.0.0-rc.1',
    sha: 'd00d00d00d1234567890abcdef1234567890abcd',
    version: '2.0.0-rc.1',
    tags: ['2.0.0-rc.1', 'sha-d00d00d'],
  },
  {
    name: 'tag 1.2.3rc1 (PEP 440 pre-release)',
    fixture: 'push-tag-1.2.3rc1.json',
    eventName: 'push',
    ref: 'refs/tags/1.2.3rc1',
    sha: 'e1e2e3e4e5e6e7e8e9e0f1f2f3f4f5f6f7f8f9f0',
    version: '1.2.3rc1',
    tags: ['1.2.3rc1', 'sha-e1e2e3e'],
  },
  {
    name: 'tag v1.2.3.post1 (PEP 440 post-release is a release)',
    fixture: 'push-tag-1.2.3.post1.json',
    eventName: 'push',
    ref: 'refs/tags/v1.2.3.post1',
    sha: 'f00f00f00f1234567890abcdef1234567890abcd',
    version: '1.2.3.post1',
    tags: ['1.2.3.post1', '1.2', '1', 'sha-f00f00f', 'latest'],
  },
  {
    name: 'pull_request',
    fixture: 'pull_request.json',
    eventName: 'pull_request',
    ref: 'refs/pull/42/merge',
    sha: '3333333333333333333333333333333333333333',
    version: 'pr-42',
    tags: ['pr-42', 'sha-3333333'],
  },
  {
    name: 'pull_request_target (ref is the base branch)',
    fixture: 'pull_request.json',
    eventName: 'pull_request_target',
    ref: 'refs/heads/main',
    sha: '4444444444444444444444444444444444444444',
    version: 'pr-42',
    tags: ['pr-42', 'sha-4444444'],
  },
  {
    name: 'schedule',
    fixture: 'schedule.json',
    eventName: 'schedule',
    ref: 'refs/heads/main',
    sha: '5555555555555555555555555555555555555555',
    version: 'nightly',
    tags: ['nightly', 'sha-5555555'],
  },
];

describe('computeTags over recorded events', () => {
  it.each(table)('$name', (row) => {
    const context = loadRun(row);
    const computed = computeTags(context);
    expect(computed.version).toBe(row.version);
    expect(computed.tags).toEqual(row.tags);
    expect(imageReferences(['ghcr.io/acme/app'], computed.tags)).toEqual(
      row.tags.map((t) => `ghcr.io/acme/app:${t}`),
    );
  });

  it('marks pre-releases and never gives them latest or partial tags', () => {
    for (const row of table) {
      const computed = computeTags(loadRun(row));
      if (computed.prerelease) expect(computed.tags).not.toContain('latest');
    }
    expect(computeTags(loadRun(table[2] as Row)).prerelease).toBe(true);
    expect(computeTags(loadRun(table[3] as Row)).prerelease).toBe(true);
  });
});

function context(
  ref: string,
  eventName = 'push',
  sha = 'abcdef0123456789abcdef0123456789abcdef01',
): GitHubEventContext {
  return { eventName, ref, sha, repository: 'acme/app', serverUrl: 'https://github.com', payload: {} };
}

describe('computeTags edge cases', () => {
  it.each([
    ['refs/tags/v0.3.1', ['0.3.1', '0.3', 'sha-abcdef0', 'latest']], // no `0`: major zero is unstable
    ['refs/tags/1.2', ['1.2', '1', 'sha-abcdef0', 'latest']],
    ['refs/tags/v1.2.3-RC1', ['1.2.3-RC1', 'sha-abcdef0']], // valid SemVer: kept as written
    ['refs/tags/1.2.3.RC1', ['1.2.3rc1', 'sha-abcdef0']], // PEP 440 normalization
    ['refs/tags/1.2.3-1', ['1.2.3-1', 'sha-abcdef0']], // SemVer reading wins: pre-release
    ['refs/tags/1.2.3.dev4', ['1.2.3.dev4', 'sha-abcdef0']],
    ['refs/tags/1.2.3+cpu', ['1.2.3-cpu', 'sha-abcdef0']], // a variant: must not take over 1.2.3's tags
    ['refs/tags/1!2.0', ['1-2.0', 'sha-abcdef0', 'latest']], // epoch: no partials that could collide
    ['refs/tags/nightly-build', ['nightly-build', 'sha-abcdef0']], // not a version: no latest
    ['refs/heads/renovate/@types/node-20.x', ['renovate-types-node-20.x', 'sha-abcdef0']],
    ['refs/heads/-odd', ['odd', 'sha-abcdef0']],
  ])('%s → %j', (ref, expected) => {
    expect(computeTags(context(ref)).tags).toEqual(expected);
  });

  it('gives only the sha tag for a ref it does not know', () => {
    expect(computeTags(context('refs/remotes/x'))).toEqual({
      version: undefined,
      tags: ['sha-abcdef0'],
      prerelease: false,
    });
  });

  it('gives nothing without a ref or sha', () => {
    expect(computeTags(context('', 'workflow_dispatch', '')).tags).toEqual([]);
  });

  it('keeps tags within docker limits', () => {
    const tag = sanitizeTag(`feature/${'x'.repeat(300)}`);
    expect(tag).toHaveLength(128);
    expect(tag).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/);
  });
});

describe('parseReleaseVersion', () => {
  it('keeps the SemVer spelling of SemVer tags and normalizes PEP 440 ones', () => {
    expect(parseReleaseVersion('v2.0.0-rc.1')).toMatchObject({
      scheme: 'semver',
      normalized: '2.0.0-rc.1',
      prerelease: true,
    });
    expect(parseReleaseVersion('V1.2.3.ALPHA2')).toMatchObject({
      scheme: 'pep440',
      normalized: '1.2.3a2',
      prerelease: true,
    });
    expect(parseReleaseVersion('1.2.3.post1')).toMatchObject({
      normalized: '1.2.3.post1',
      prerelease: false,
    });
    expect(parseReleaseVersion('1.2.3+local.7')).toMatchObject({
      normalized: '1.2.3+local.7',
      prerelease: true,
    });
    expect(parseReleaseVersion('main')).toBeUndefined();
  });
});

describe('parseImages', () => {
  it('splits lines and commas, lower-cases, drops duplicates and comments', () => {
    expect(parseImages('ghcr.io/Acme/App\n# mirror\n 127.0.0.1:5000/app , ghcr.io/acme/app\n')).toEqual([
      'ghcr.io/acme/app',
      '127.0.0.1:5000/app',
    ]);
  });

  it('rejects a tag or digest in an image name, but not a registry port', () => {
    expect(() => parseImages('ghcr.io/acme/app:1.0')).toThrow(ImageNameError);
    expect(() => parseImages('ghcr.io/acme/app@sha256:abc')).toThrow(/digest/);
    expect(parseImages('localhost:5000/app')).toEqual(['localhost:5000/app']);
  });
});
