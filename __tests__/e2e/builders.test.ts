/**
 * A docker-container builder on the real engine — the builder the action creates on GitHub's
 * runners — running the local moby/buildkit:buildx-stable-1 that scripts/e2e/buildkit.sh compiles
 * from Debian's sources (buildx falls back to the local image when the pull fails). Legs pushed
 * by digest with name-canonical=true, provenance mode=max attached, fan-in merged into one index.
 * FROM scratch: a docker-container builder does not see the engine's images.
 */
import { readFile } from 'node:fs/promises';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { digestPushOutput } from '../../src/docker/fanIn.js';
import { buildx, run, runOk } from './support/docker.js';
import { tempDir, type TempDir, writeFiles } from './support/fixtures.js';
import { type LocalRegistry, startRegistry } from './support/servers.js';

const BUILDER = `builders-e2e-${Date.now().toString(36)}`;
const MINUTE = 60_000;

interface Descriptor {
  digest: string;
  platform?: { architecture: string; os: string };
  annotations?: Record<string, string>;
}

describe('docker-container builder from the local BuildKit image', () => {
  let registry: LocalRegistry;
  let work: TempDir;
  let image: string;

  beforeAll(async () => {
    await runOk('bash', ['scripts/e2e/buildkit.sh'], { timeoutMs: 20 * MINUTE });
    const created = await run(
      'docker',
      [
        'buildx',
        'create',
        '--name',
        BUILDER,
        '--driver',
        'docker-container',
        '--driver-opt',
        'network=host',
        '--bootstrap',
      ],
      { timeoutMs: 5 * MINUTE },
    );
    expect(created.code, created.stderr).toBe(0);
    registry = await startRegistry();
    work = await tempDir('microb-e2e-builders-');
    image = `${registry.host}/e2e/builders-${Date.now().toString(36)}`;
    await writeFiles(work.path, {
      Dockerfile: 'FROM scratch\nARG TARGETARCH\nCOPY hello /hello\n',
      hello: 'hi\n',
    });
  }, 25 * MINUTE);

  afterAll(async () => {
    await run('docker', ['buildx', 'rm', BUILDER], { timeoutMs: 2 * MINUTE });
    await registry?.stop();
    await work?.cleanup();
  });

  it('runs BuildKit compiled from Debian on every platform QEMU gives it', async () => {
    const r = await runOk('docker', ['buildx', 'inspect', BUILDER]);
    expect(r.stdout).toMatch(/Driver:\s+docker-container/);
    expect(r.stdout).toMatch(/BuildKit version:\s+v\d+\.\d+\.\d+\+debian/);
    expect(r.stdout).toMatch(/linux\/arm64/);
  });

  it(
    'pushes two legs by digest (name-canonical) with provenance mode=max, merged into one index',
    async () => {
      const digests: string[] = [];
      for (const platform of ['linux/amd64', 'linux/arm64']) {
        const metadataFile = `${work.path}/${platform.replace('/', '-')}.json`;
        const out = digestPushOutput(image, 'docker-container', 'unused');
        expect(out).toContain('name-canonical=true');
        const r = await buildx(
          [
            '--builder',
            BUILDER,
            '--platform',
            platform,
            '--provenance=mode=max',
            '--metadata-file',
            metadataFile,
            '--output',
            out,
            work.path,
          ],
          { timeoutMs: 10 * MINUTE },
        );
        expect(r.code, r.stderr).toBe(0);
        const meta = JSON.parse(await readFile(metadataFile, 'utf8')) as Record<string, string>;
        const digest = meta['containerimage.digest'];
        expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
        digests.push(digest as string);
        // the leg's pushed index carries a provenance attestation manifest
        const raw = await runOk('docker', [
          'buildx',
          'imagetools',
          'inspect',
          '--raw',
          `${image}@${digest as string}`,
        ]);
        const leg = JSON.parse(raw.stdout) as { manifests: Descriptor[] };
        const att = leg.manifests.filter(
          (m) => m.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest',
        );
        expect(att).toHaveLength(1);
      }
      expect(new Set(digests).size).toBe(2);
      const merged = await run(
        'docker',
        [
          'buildx',
          'imagetools',
          'create',
          '--builder',
          BUILDER,
          '-t',
          `${image}:merged`,
          ...digests.map((d) => `${image}@${d}`),
        ],
        { timeoutMs: 5 * MINUTE },
      );
      expect(merged.code, merged.stderr).toBe(0);
      const index = JSON.parse(
        (await runOk('docker', ['buildx', 'imagetools', 'inspect', '--raw', `${image}:merged`])).stdout,
      ) as {
        manifests: Descriptor[];
      };
      const platforms = index.manifests
        .filter((m) => m.platform?.os === 'linux')
        .map((m) => m.platform?.architecture);
      expect(platforms.sort()).toEqual(['amd64', 'arm64']);
    },
    20 * MINUTE,
  );
});
