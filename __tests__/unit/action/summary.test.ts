import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, renderSummary, type SummaryData } from '../../../src/action/summary.js';

const data: SummaryData = {
  target: 'api',
  platforms: ['linux/amd64', 'linux/arm64'],
  tags: ['127.0.0.1:5000/app:1', 'r/<odd>|tag'],
  dryRun: false,
  pushed: true,
  loaded: false,
  digest: 'sha256:abc',
  imageId: 'sha256:abc',
  imageSizes: [
    { label: 'linux/amd64, compressed', bytes: 81_234_567 },
    { label: 'linux/arm64, compressed', bytes: 79_000_000 },
  ],
  durationMs: 74_400,
  dockerfilePath: '/w/.microb/api.Dockerfile',
  dockerfile: 'FROM python:3.11 AS builder\nRUN echo ```\n',
};

describe('renderSummary', () => {
  const md = renderSummary(data);

  it('has target, platforms, tags, digest, size and time', () => {
    expect(md).toContain('| Target | <code>api</code> |');
    expect(md).toContain('<code>linux/amd64</code> <code>linux/arm64</code>');
    expect(md).toContain('<code>127.0.0.1:5000/app:1</code><br><code>r/&lt;odd&gt;&#124;tag</code>');
    expect(md).toContain('| Result | pushed |');
    expect(md).toContain('| Digest | <code>sha256:abc</code> |');
    expect(md).not.toContain('Image ID'); // same as the digest: said once
    expect(md).toContain('81.2 MB: linux/amd64, compressed<br>79.0 MB: linux/arm64, compressed');
    expect(md).toContain('| Build time | 1 min 14 s |');
  });

  it('puts the Dockerfile in a collapsed block whose fence the Dockerfile cannot close', () => {
    expect(md).toContain('<details><summary>Generated Dockerfile (/w/.microb/api.Dockerfile)</summary>');
    expect(md).toContain('````dockerfile\nFROM python:3.11 AS builder\nRUN echo ```\n````');
  });

  it('says when nothing was built', () => {
    const dry = renderSummary({
      ...data,
      dryRun: true,
      pushed: false,
      digest: undefined,
      imageSizes: [],
      durationMs: undefined,
    });
    expect(dry).toContain('| Result | dry run: nothing built |');
    expect(dry).not.toContain('Digest');
    expect(dry).not.toContain('Build time');
  });
});

describe('formatting', () => {
  it('bytes and durations', () => {
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(191_000_000)).toBe('191.0 MB');
    expect(formatDuration(9_500)).toBe('9.5 s');
  });
});
