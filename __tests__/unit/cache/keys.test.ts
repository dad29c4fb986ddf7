import { describe, expect, it } from 'vitest';
import {
  cacheKeys,
  cacheScope,
  keyFilesDigest,
  normalizePlatformSet,
  type KeyFile,
} from '../../../src/cache/keys.js';

const files = (pyproject: string, lock: string | null, dockerfile: string): KeyFile[] => [
  { path: '/w/app/pyproject.toml', content: pyproject },
  { path: '/w/app/requirements.lock', content: lock },
  { path: '/w/app/.microb/default.Dockerfile', content: dockerfile },
];

const keysFor = (over: Partial<Parameters<typeof cacheKeys>[0]> = {}) =>
  cacheKeys({
    target: 'default',
    platforms: ['linux/amd64'],
    hostPlatform: 'linux/amd64',
    keyFiles: files('[project]\nname="a"\n', 'requests==2.31\n', 'FROM python:3.11\n'),
    ...over,
  });

describe('cache scope', () => {
  it('is the same for the same target and platform set, whatever the order or spelling', () => {
    expect(cacheScope('api', ['linux/arm64', 'linux/amd64'], 'linux/amd64')).toBe(
      cacheScope('api', [' linux/amd64', 'LINUX/ARM64', 'linux/arm64'], 'linux/amd64'),
    );
  });

  it('differs per target and per platform set, so matrix legs keep their own caches', () => {
    const scopes = [
      cacheScope('api', ['linux/amd64'], 'linux/amd64'),
      cacheScope('worker', ['linux/amd64'], 'linux/amd64'),
      cacheScope('api', ['linux/arm64'], 'linux/amd64'),
      cacheScope('api', ['linux/amd64', 'linux/arm64'], 'linux/amd64'),
    ];
    expect(new Set(scopes).size).toBe(4);
  });

  it('never makes one scope a prefix of another, which prefix restore would confuse', () => {
    const scopes = [
      cacheScope('api', [], 'linux/amd64'),
      cacheScope('api-v2', [], 'linux/amd64'),
      cacheScope('api', ['linux/amd64', 'linux/arm64'], 'linux/amd64'),
      cacheScope('api-linux-amd64', [], 'linux/amd64'),
    ];
    for (const a of scopes) {
      for (const b of scopes) if (a !== b) expect(b.startsWith(`${a}-`)).toBe(false);
    }
  });

  it("names the runner's own platform when none is given", () => {
    expect(normalizePlatformSet([], 'linux/arm64')).toEqual(['linux/arm64']);
    expect(cacheScope('api', [], 'linux/arm64')).not.toBe(cacheScope('api', [], 'linux/amd64'));
    expect(cacheScope('api', [], 'linux/amd64')).toBe(cacheScope('api', ['linux/amd64'], 'linux/arm64'));
  });

  it('is readable and holds no character the cache service rejects', () => {
    const scope = cacheScope('my target,with/odd chars', ['linux/arm/v7', 'linux/amd64'], 'linux/amd64');
    expect(scope).toMatch(
      /^microb-buildkit-v1-my_target_with_odd_chars-linux-amd64\+linux-arm-v7-[0-9a-f]{10}$/,
    );
    expect(cacheScope('x'.repeat(600), ['linux/amd64'], 'linux/amd64').length).toBeLessThan(200);
  });
});

describe('cache keys', () => {
  it('restore from the newest cache of the same scope', () => {
    const k = keysFor();
    expect(k.primaryKey.startsWith(`${k.scope}-`)).toBe(true);
    expect(k.restoreKeys).toEqual([`${k.scope}-`]);
    expect(k.primaryKey).toMatch(/-[0-9a-f]{32}$/);
  });

  it('change with the pyproject, the lock file and the generated Dockerfile', () => {
    const base = keysFor().primaryKey;
    const variants = [
      files('[project]\nname="b"\n', 'requests==2.31\n', 'FROM python:3.11\n'),
      files('[project]\nname="a"\n', 'requests==2.32\n', 'FROM python:3.11\n'),
      files('[project]\nname="a"\n', null, 'FROM python:3.11\n'),
      files('[project]\nname="a"\n', 'requests==2.31\n', 'FROM python:3.12\n'),
    ].map((keyFiles) => keysFor({ keyFiles }).primaryKey);
    expect(new Set([base, ...variants]).size).toBe(5);
  });

  it('do not depend on where the checkout is, only on file names and contents', () => {
    const moved: KeyFile[] = files('[project]\nname="a"\n', 'requests==2.31\n', 'FROM python:3.11\n').map(
      (f) => ({
        ...f,
        path: f.path.replace('/w/app', '/home/runner/work/app/app'),
      }),
    );
    expect(keysFor({ keyFiles: moved }).primaryKey).toBe(keysFor().primaryKey);
  });

  it('tell an absent file from an empty one, and contents that only shift between files', () => {
    const d = (a: string | null, b: string | null) =>
      keyFilesDigest([
        { path: 'a', content: a },
        { path: 'b', content: b },
      ]);
    expect(d('', '')).not.toBe(d(null, ''));
    expect(d('xy', 'z')).not.toBe(d('x', 'yz'));
    expect(keyFilesDigest([{ path: 'f', content: 'same' }])).toBe(
      keyFilesDigest([{ path: 'f', content: Buffer.from('same') }]),
    );
  });
});
