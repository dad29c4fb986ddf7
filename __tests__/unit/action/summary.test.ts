import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatDuration,
  renderSummary,
  summaryEnabled,
  type SummaryData,
} from '../../../src/action/summary.js';

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
  dockerfilePath: 'svc/.microb/api.Dockerfile',
  dockerfile: 'FROM python:3.11 AS builder\nRUN echo ```\n',
};

describe('renderSummary', () => {
  const md = renderSummary(data);

  it('has target, platforms, tags, digest, size and time', () => {
    expect(md).toContain('<tr><th align="left">Target</th><td><code>api</code></td></tr>');
    expect(md).toContain('<code>linux/amd64</code> <code>linux/arm64</code>');
    expect(md).toContain('<code>127.0.0.1:5000/app:1</code><br><code>r/&lt;odd&gt;&#124;tag</code>');
    expect(md).toContain('<th align="left">Status</th><td>:white_check_mark: pushed</td>');
    expect(md).toContain('<th align="left">Digest</th><td><code>sha256:abc</code></td>');
    expect(md).not.toContain('Image ID'); // same as the digest: said once
    expect(md).toContain('81.2 MB: linux/amd64, compressed<br>79.0 MB: linux/arm64, compressed');
    expect(md).toContain('<th align="left">Build time</th><td>1 min 14 s</td>');
  });

  it('has no empty header row (the old `| | |` table)', () => {
    expect(md).not.toMatch(/^\|\s*\|\s*\|$/m);
    expect(md).not.toContain('|---|---|');
  });

  it('puts the Dockerfile in a collapsed block whose fence the Dockerfile cannot close', () => {
    expect(md).toContain(
      '<details><summary>Generated Dockerfile (<code>svc/.microb/api.Dockerfile</code>)</summary>',
    );
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
    expect(dry).toContain(':memo: dry run: nothing built');
    expect(dry).not.toContain('Digest');
    expect(dry).not.toContain('Build time');
  });
});

describe('renderSummary: failure, cache, phases, layers', () => {
  const failed: SummaryData = {
    ...data,
    pushed: false,
    digest: undefined,
    imageSizes: [],
    failure: {
      phase: 'Build',
      step: '[builder 4/6] RUN pip install -r requirements.txt',
      message: 'ERROR: process "/bin/sh -c pip install" did not complete successfully: exit code: 1',
      lastLines: [
        'Collecting nothing-here',
        'ERROR: No matching distribution for <script>x</script>',
        'token hunter2-secret',
      ],
    },
    phases: [
      { name: 'Generate the Dockerfile', durationMs: 120, status: 'ok' },
      { name: 'Build', durationMs: 65_000, status: 'failed' },
    ],
    cache: { mode: 'actions', hit: false, to: ['type=registry,ref=r/app:cache'] },
    steps: {
      total: 9,
      cached: 6,
      cachedNames: ['[builder 1/6] FROM python:3.11', '[builder 2/6] RUN apt-get…'],
    },
    secrets: ['hunter2-secret'],
  };
  const md = renderSummary(failed);

  it('says it failed, in which phase and step, with the last lines escaped and secrets redacted', () => {
    expect(md).toContain(':x: failed in Build');
    expect(md).toContain(
      '**Build failed** at step <code>[builder 4/6] RUN pip install -r requirements.txt</code>',
    );
    expect(md).toContain('Collecting nothing-here');
    // printed order: the step's lines, then the error that ended it
    expect(md.indexOf('Collecting nothing-here')).toBeLessThan(md.indexOf('did not complete successfully'));
    expect(md).toContain('token ***');
    expect(md).not.toContain('hunter2-secret');
  });

  it('shortens a long failing step name', () => {
    const long = renderSummary({
      ...failed,
      failure: { ...failed.failure!, step: `[deps 1/1] RUN ${'x'.repeat(500)}` },
    });
    expect(long).toMatch(/at step <code>\[deps 1\/1\] RUN x{100,110}…<\/code>/);
  });

  it('cache mode, hit or miss, extra cache targets and the cached steps', () => {
    expect(md).toContain(
      'actions: miss (restored a fallback or nothing)<br>to <code>type=registry,ref=r/app:cache</code><br>6 of 9 steps cached (67%)',
    );
    expect(md).toContain('- <code>[builder 1/6] FROM python:3.11</code>');
  });

  it('time per phase', () => {
    expect(md).toContain('| Generate the Dockerfile | 0.1 s | ok |');
    expect(md).toContain('| Build | 1 min 5 s | :x: failed |');
  });

  it('layers: the biggest first, with what made them', () => {
    const withLayers = renderSummary({
      ...data,
      layers: [
        { bytes: 74_800_000, createdBy: '/bin/sh -c #(nop) ADD file:… in /' },
        { bytes: 0, createdBy: 'ENV A=1' },
        { bytes: 120_000_000, createdBy: 'RUN |1 X=1 /bin/sh -c pip install <pkgs> # buildkit' },
      ],
    });
    expect(withLayers).toContain('Layers: 3, 194.8 MB unpacked');
    const i = withLayers.indexOf('120.0 MB');
    expect(i).toBeGreaterThan(0);
    expect(i).toBeLessThan(withLayers.indexOf('74.8 MB'));
    expect(withLayers).toContain(
      '<code>RUN &#124;1 X=1 /bin/sh -c pip install &lt;pkgs&gt; # buildkit</code>',
    );
  });

  it('DOCKER_BUILD_SUMMARY=false turns it off', () => {
    expect(summaryEnabled({})).toBe(true);
    expect(summaryEnabled({ DOCKER_BUILD_SUMMARY: 'false' })).toBe(false);
    expect(summaryEnabled({ DOCKER_BUILD_SUMMARY: 'False ' })).toBe(false);
    expect(summaryEnabled({ DOCKER_BUILD_SUMMARY: 'true' })).toBe(true);
  });
});

describe('formatting', () => {
  it('bytes and durations', () => {
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(191_000_000)).toBe('191.0 MB');
    expect(formatDuration(9_500)).toBe('9.5 s');
  });
});
