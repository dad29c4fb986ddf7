/**
 * What the saved cache entry holds, by origin (the benchmark's breakdown): the cache's own
 * classifier (src/cache/blobs.ts) on the entry as saved, each layer the build made looked into
 * (the paths in its tar) to tell the dependencies from the project, plus what slim.ts left out
 * and the carried RUN cache mounts.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { classifyBlobs, originOfPaths, originTotals } from '../src/cache/blobs.js';
import { directorySize } from '../src/cache/files.js';
import { buildkitDir, mountsDir } from '../src/cache/layout.js';
import { imageDiffIds, readOmitted, readStore } from '../src/cache/slim.js';

export type LayerRules = Parameters<typeof originOfPaths>[1];

export interface EntryBreakdown {
  /** Left out of the entry: the registry gives them back. */
  readonly baseOmitted: number;
  /** Base-image layers still in the entry (a whole cache, e.g. from another driver). */
  readonly baseKept: number;
  readonly dependencies: number;
  readonly project: number;
  readonly build: number;
  readonly metadata: number;
  readonly cacheMounts: number;
}

/** Paths and sizes in a tar (ustar, with pax and GNU long names), enough to tell what a layer holds. */
export function tarEntries(tar: Buffer): { path: string; bytes: number }[] {
  const out: { path: string; bytes: number }[] = [];
  let offset = 0;
  let longName: string | undefined;
  while (offset + 512 <= tar.length) {
    const h = tar.subarray(offset, offset + 512);
    if (h.every((b) => b === 0)) break;
    const str = (a: number, b: number) => h.subarray(a, b).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(str(124, 136).trim() || '0', 8);
    const type = String.fromCharCode(h[156] ?? 48);
    const body = tar.subarray(offset + 512, offset + 512 + size);
    const prefix = str(345, 500);
    const name = longName ?? (prefix ? `${prefix}/${str(0, 100)}` : str(0, 100));
    longName = undefined;
    if (type === 'x') {
      longName = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(body.toString('utf8'))?.[1];
    } else if (type === 'L') {
      longName = body.toString('utf8').replace(/\0.*$/s, '');
    } else {
      out.push({ path: name, bytes: type === '0' || type === '\0' ? size : 0 });
    }
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

export async function entryBreakdown(
  cacheDir: string,
  baseImages: readonly string[],
  rules: LayerRules,
): Promise<EntryBreakdown> {
  const buildkit = buildkitDir(cacheDir);
  const { descriptors, files } = await readStore(buildkit);
  const baseDiffIds = new Set<string>();
  for (const ref of baseImages) {
    for (const l of (await imageDiffIds(ref, { buildxCommand: ['docker'], timeoutMs: 60_000 })) ?? []) {
      baseDiffIds.add(l);
    }
  }
  const origins = new Map<string, 'dependencies' | 'project' | 'build'>();
  for (const f of files) {
    const d = descriptors.find((x) => x.digest === f.digest);
    if (!d || !/\.layer\./.test(d.mediaType) || !d.mediaType.endsWith('gzip')) continue;
    const blob = await readFile(path.join(buildkit, 'blobs', ...f.digest.split(':')));
    origins.set(f.digest, originOfPaths(tarEntries(gunzipSync(blob)), rules));
  }
  const totals = originTotals(
    classifyBlobs(files, descriptors, { baseDiffIds, layerOrigin: (digest) => origins.get(digest) }),
  );
  const omitted = await readOmitted(cacheDir);
  const omittedFile = omitted ? (await readFile(path.join(cacheDir, 'omitted.json'))).byteLength : 0;
  return {
    baseOmitted: (omitted?.layers ?? []).reduce((n, l) => n + l.bytes, 0),
    baseKept: totals['base-image'].bytes,
    dependencies: totals.dependencies.bytes,
    project: totals.project.bytes,
    build: totals.build.bytes,
    // index.json, oci-layout, the cache manifest and records, omitted.json
    metadata:
      totals.metadata.bytes +
      totals.unreferenced.bytes +
      omittedFile +
      (await directorySize(buildkit)) -
      files.reduce((n, f) => n + f.bytes, 0),
    cacheMounts: await directorySize(mountsDir(cacheDir)),
  };
}
