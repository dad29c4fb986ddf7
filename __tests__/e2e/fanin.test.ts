/**
 * Multi-arch fan-in on the real engine with a local registry: two single-platform builds, each
 * pushed the way a matrix leg pushes (by digest; a per-platform tag on the docker driver),
 * merged by `docker buildx imagetools create` into one index that lists both platforms.
 * arm64 runs under QEMU here; on GitHub each leg would run on its native runner.
 */
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { inspectBuilder } from '../../src/docker/buildx/builder.js';
import { digestPushOutput, metadataDigest, parseDigestSources, platformTag } from '../../src/docker/fanIn.js';
import { mergeDigests } from '../../src/docker/imagetools.js';
import { buildx, readBuildMetadata, removeImages, run, runOk } from './support/docker.js';
import { tempDir, type TempDir, writeFiles } from './support/fixtures.js';
import { type LocalRegistry, startRegistry } from './support/servers.js';

const PLATFORMS = ['linux/amd64', 'linux/arm64'] as const;

describe('fan-in: per-platform legs merged into one index', () => {
  let registry: LocalRegistry;
  let work: TempDir;
  let image: string;
  const pulled: string[] = [];

  beforeAll(async () => {
    registry = await startRegistry();
    work = await tempDir('microb-e2e-fanin-');
    const repo = `e2e/fanin-${Date.now().toString(36)}`;
    image = `${registry.host}/${repo}`;
    await writeFiles(work.path, {
      // A RUN step, so the arm64 leg really executes arm64 code (under QEMU on this host).
      Dockerfile:
        "FROM python:3.11-slim\nRUN python -c \"import platform; open('/arch', 'w').write(platform.machine())\"\n",
    });
  });

  afterAll(async () => {
    await removeImages(...pulled);
    await registry?.stop();
    await work?.cleanup();
  });

  it('merges two digests into a tagged index listing linux/amd64 and linux/arm64', async () => {
    const { driver } = await inspectBuilder(undefined);
    const digests: string[] = [];
    const legSeconds: Record<string, number> = {};
    for (const platform of PLATFORMS) {
      const metadataFile = join(work.path, `${platform.replace('/', '-')}.json`);
      const started = performance.now();
      const result = await buildx(
        [
          '--platform',
          platform,
          '--provenance=false',
          '--metadata-file',
          metadataFile,
          '--output',
          digestPushOutput(image, driver, platformTag('sha-e2e0001', platform)),
          work.path,
        ],
        { timeoutMs: 10 * 60_000 },
      );
      expect(result.code, result.stderr).toBe(0);
      legSeconds[platform] = (performance.now() - started) / 1000;
      const digest = metadataDigest(await readBuildMetadata(metadataFile));
      expect(digest).toMatch(/^sha256:[a-f0-9]{64}$/);
      digests.push(digest as string);
    }
    // What a merge job gets from the legs: bare digests, one per line.
    const sources = parseDigestSources(digests.join('\n'), image);

    const started = performance.now();
    const merged = await mergeDigests({
      tags: [`${image}:1.2.3`, `${image}:latest`],
      sources,
      annotations: { 'org.opencontainers.image.version': '1.2.3' },
    });
    const mergeSeconds = (performance.now() - started) / 1000;
    console.log(
      `fan-in (${driver} driver): legs ${JSON.stringify(legSeconds)} s, merge ${mergeSeconds.toFixed(2)} s`,
    );

    expect(merged.platforms).toEqual(['linux/amd64', 'linux/arm64']);
    // The registry serves the index under both tags, with the digest the merge reported.
    const repo = image.slice(registry.host.length + 1);
    for (const tag of ['1.2.3', 'latest'])
      expect(await registry.manifestDigest(repo, tag)).toBe(merged.digest);
    const index = await registry.manifest(repo, '1.2.3');
    expect(index.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    const body = index.body as {
      manifests: { digest: string; platform: { os: string; architecture: string } }[];
      annotations?: Record<string, string>;
    };
    expect(body.manifests.map((m) => `${m.platform.os}/${m.platform.architecture}`)).toEqual([...PLATFORMS]);
    expect(body.manifests.map((m) => m.digest)).toEqual(digests);
    expect(body.annotations).toEqual({ 'org.opencontainers.image.version': '1.2.3' });

    // Each platform's image really holds that platform's binaries.
    for (const [platform, machine] of [
      ['linux/amd64', 'x86_64'],
      ['linux/arm64', 'aarch64'],
    ] as const) {
      const ref = `${image}@${digests[PLATFORMS.indexOf(platform)]}`;
      await runOk('docker', ['pull', '-q', '--platform', platform, ref], { timeoutMs: 5 * 60_000 });
      pulled.push(ref);
      const arch = await run('docker', ['run', '--rm', '--platform', platform, ref, 'cat', '/arch'], {
        timeoutMs: 5 * 60_000,
      });
      expect(arch.stdout.trim(), arch.stderr).toBe(machine);
    }
  });

  it('reports a digest that was never pushed clearly', async () => {
    const missing = `${image}@sha256:${'0'.repeat(64)}`;
    await expect(mergeDigests({ tags: [`${image}:broken`], sources: [missing] })).rejects.toThrow(
      /imagetools create failed[\s\S]*every digest was pushed/,
    );
  });
});
