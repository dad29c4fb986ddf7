import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  blobsToOmit,
  classifyBlobs,
  DIFF_ID_ANNOTATION,
  originOfPaths,
  originTotals,
  type StoreDescriptor,
} from '../../../src/cache/blobs.js';
import { isImageRef, readOmitted, readStore, OMITTED_FILE } from '../../../src/cache/slim.js';

const d = (n: number) => `sha256:${String(n).repeat(64).slice(0, 64)}`;
const LAYER = 'application/vnd.oci.image.layer.v1.tar+gzip';
const layer = (n: number, diff?: string): StoreDescriptor => ({
  mediaType: LAYER,
  digest: d(n),
  size: n * 100,
  ...(diff ? { annotations: { [DIFF_ID_ANNOTATION]: diff, 'buildkit/createdat': 'x' } } : {}),
});

describe('classifyBlobs', () => {
  const descriptors: StoreDescriptor[] = [
    { mediaType: 'application/vnd.oci.image.index.v1+json', digest: d(9), size: 900 },
    layer(1, 'sha256:base-full'),
    layer(2, 'sha256:base-slim'),
    layer(3, 'sha256:venv'),
    // a layer named twice (two records share it) counts once
    layer(3, 'sha256:venv'),
    layer(4), // no diff ID: it can't be proved a base layer
    layer(5, 'sha256:src'),
    { mediaType: 'application/vnd.buildkit.cacheconfig.v0', digest: d(6), size: 600 },
  ];
  const files = [1, 2, 3, 4, 5, 6, 7, 9].map((n) => ({ digest: d(n), bytes: n * 100 }));
  const base = new Set(['sha256:base-full', 'sha256:base-slim']);

  it('names base-image layers by their diff ID, the index and records as metadata', () => {
    const c = classifyBlobs(files, descriptors, { baseDiffIds: base });
    expect(c.map((b) => [b.digest.slice(7, 8), b.origin])).toEqual([
      ['1', 'base-image'],
      ['2', 'base-image'],
      ['3', 'build'],
      ['4', 'build'],
      ['5', 'build'],
      ['6', 'metadata'],
      ['7', 'unreferenced'],
      ['9', 'metadata'],
    ]);
    const t = originTotals(c);
    expect(t['base-image']).toEqual({ count: 2, bytes: 300 });
    expect(t.metadata).toEqual({ count: 2, bytes: 1500 });
    expect(t.build.count).toBe(3);
  });

  it('refines the layers the build made when the caller knows what they hold', () => {
    const origin = (digest: string) =>
      digest === d(3) ? 'dependencies' : digest === d(5) ? 'project' : undefined;
    const c = classifyBlobs(files, descriptors, { baseDiffIds: base, layerOrigin: origin });
    expect(c.filter((b) => b.origin === 'dependencies').map((b) => b.digest)).toEqual([d(3)]);
    expect(c.filter((b) => b.origin === 'project').map((b) => b.digest)).toEqual([d(5)]);
    // a base layer stays a base layer, whatever it holds
    expect(c.find((b) => b.digest === d(1))?.origin).toBe('base-image');
  });

  it('omits only base-image layers with a known diff ID, never metadata', () => {
    const none = classifyBlobs(files, descriptors, { baseDiffIds: new Set() });
    expect(blobsToOmit(none)).toEqual([]);
    const omit = blobsToOmit(classifyBlobs(files, descriptors, { baseDiffIds: base }));
    expect(omit.map((b) => [b.digest, b.diffId])).toEqual([
      [d(1), 'sha256:base-full'],
      [d(2), 'sha256:base-slim'],
    ]);
  });
});

describe('originOfPaths', () => {
  const rules = [
    { origin: 'build' as const, test: (p: string) => p.startsWith('opt/microb/build-env/') },
    { origin: 'project' as const, test: (p: string) => p.startsWith('opt/microb/') },
    { origin: 'dependencies' as const, test: (p: string) => p.startsWith('opt/venv/') },
  ];
  it('goes by the bytes of the first rule each path matches', () => {
    expect(originOfPaths([{ path: 'opt/venv/lib/x.py', bytes: 10 }], rules)).toBe('dependencies');
    expect(
      originOfPaths(
        [
          { path: './opt/microb/project/app/__init__.py', bytes: 500 },
          { path: 'opt/venv/lib/app.pth', bytes: 20 },
        ],
        rules,
      ),
    ).toBe('project');
    expect(originOfPaths([{ path: 'opt/microb/build-env/lib/setuptools.py', bytes: 5 }], rules)).toBe(
      'build',
    );
    expect(originOfPaths([{ path: 'etc/passwd', bytes: 5 }], rules)).toBe('build');
    expect(originOfPaths([], rules)).toBe('build');
  });
});

describe('slim cache files', () => {
  it('refuses image references that would be options or shell words', () => {
    expect(isImageRef('python:3.11-slim')).toBe(true);
    expect(isImageRef('ghcr.io/a/b@sha256:abc')).toBe(true);
    expect(isImageRef('--all')).toBe(false);
    expect(isImageRef('a b')).toBe(false);
    expect(isImageRef('')).toBe(false);
  });

  it('reads a store through nested indexes, and an omitted.json only when well formed', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'microb-blobs-'));
    try {
      const blobs = path.join(dir, 'buildkit', 'blobs', 'sha256');
      await mkdir(blobs, { recursive: true });
      const inner = JSON.stringify({ manifests: [layer(1, 'sha256:x'), { bogus: true }] });
      const innerDigest = d(8);
      await writeFile(path.join(blobs, innerDigest.slice(7)), inner);
      await writeFile(path.join(blobs, d(1).slice(7)), 'layer');
      await writeFile(
        path.join(dir, 'buildkit', 'index.json'),
        JSON.stringify({
          manifests: [{ mediaType: 'application/vnd.oci.image.index.v1+json', digest: innerDigest, size: 1 }],
        }),
      );
      const store = await readStore(path.join(dir, 'buildkit'));
      expect(store.descriptors.map((x) => x.digest)).toEqual([innerDigest, d(1)]);
      expect(store.files.map((f) => f.digest).sort()).toEqual([d(1), innerDigest].sort());

      expect(await readOmitted(dir)).toBeNull();
      await writeFile(
        path.join(dir, OMITTED_FILE),
        JSON.stringify({ images: ['python:3.11'], layers: [{}] }),
      );
      await expect(readOmitted(dir)).rejects.toThrow(/not a list of images and layers/);
      const ok = { images: ['python:3.11'], layers: [{ digest: d(1), diffId: 'sha256:x', bytes: 5 }] };
      await writeFile(path.join(dir, OMITTED_FILE), JSON.stringify(ok));
      expect(await readOmitted(dir)).toEqual(ok);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
