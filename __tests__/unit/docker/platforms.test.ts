import { describe, expect, it } from 'vitest';
import {
  dockerArch,
  normalizePlatforms,
  parsePlatform,
  PlatformError,
  runsNatively,
} from '../../../src/docker/platforms.js';

describe('normalizePlatforms', () => {
  it.each([
    ['linux/386', 'linux/386'],
    ['linux/amd64', 'linux/amd64'],
    ['linux/arm/v6', 'linux/arm/v6'],
    ['linux/arm/v7', 'linux/arm/v7'],
    ['linux/arm64', 'linux/arm64'],
    ['i386', 'linux/386'],
    ['amd64', 'linux/amd64'],
    ['arm/v6', 'linux/arm/v6'],
    ['arm/v7', 'linux/arm/v7'],
    ['arm64/v8', 'linux/arm64'],
    ['linux/arm64/v8', 'linux/arm64'],
    ['aarch64', 'linux/arm64'],
    ['x86_64', 'linux/amd64'],
    ['ARM64', 'linux/arm64'],
    [' linux/ppc64le ', 'linux/ppc64le'],
    ['amd64/v2', 'linux/amd64/v2'],
  ])('%s → %s', (input, expected) => {
    expect(normalizePlatforms([input])).toEqual([expected]);
  });

  it('drops duplicates written differently, keeping the first order', () => {
    expect(normalizePlatforms(['arm64', 'linux/amd64', 'linux/arm64/v8', 'amd64'])).toEqual([
      'linux/arm64',
      'linux/amd64',
    ]);
  });

  it.each([
    ['windows/amd64', /only linux/],
    ['linux/sparc', /unknown architecture/],
    ['arm/v9', /unknown variant "v9"/],
    ['linux//arm64', /invalid platform/],
    ['linux/arm/v7/x', /expected \[linux\/\]ARCH/],
  ])('rejects %s', (input, message) => {
    expect(() => parsePlatform(input)).toThrow(PlatformError);
    expect(() => parsePlatform(input)).toThrow(message);
  });
});

describe('native platforms', () => {
  it('maps node arch names to docker ones', () => {
    expect(dockerArch('x64')).toBe('amd64');
    expect(dockerArch('arm64')).toBe('arm64');
    expect(dockerArch('ia32')).toBe('386');
  });

  it('amd64 runs 386 natively, not arm', () => {
    expect(runsNatively(parsePlatform('i386'), 'amd64')).toBe(true);
    expect(runsNatively(parsePlatform('amd64'), 'amd64')).toBe(true);
    expect(runsNatively(parsePlatform('arm64'), 'amd64')).toBe(false);
    expect(runsNatively(parsePlatform('arm/v7'), 'amd64')).toBe(false);
    expect(runsNatively(parsePlatform('amd64'), 'arm64')).toBe(false);
  });
});
