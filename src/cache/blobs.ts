/**
 * What a BuildKit local cache store holds, blob by blob, as pure functions. A `type=local`
 * export is an OCI layout: `index.json` names one OCI index (the cache manifest), which lists
 * every layer of every cached step's chain plus one `application/vnd.buildkit.cacheconfig.v0`
 * blob (the records: which step's result is which layer chain). Each layer descriptor carries
 * `containerd.io/uncompressed`, the layer's diff ID, which is how an image's layers are named in
 * `docker image inspect` (`RootFS.Layers`): that is what tells a base image's layer apart.
 */

/** The annotation BuildKit puts on each exported layer: its uncompressed digest (diff ID). */
export const DIFF_ID_ANNOTATION = 'containerd.io/uncompressed';

export interface StoreDescriptor {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** One file of `blobs/sha256/` as it is on disk. */
export interface BlobFile {
  readonly digest: string;
  readonly bytes: number;
}

/**
 * Where a blob comes from:
 * - `base-image`: a layer of an image the build started FROM — the registry gives it back;
 * - `dependencies` / `project` / `build`: layers this build made (the venv, the project's own,
 *   everything else: the builder stage's set-up, the build backend);
 * - `metadata`: the cache manifest and its records;
 * - `unreferenced`: a file no descriptor names (a fresh export has none).
 */
export type BlobOrigin = 'base-image' | 'dependencies' | 'project' | 'build' | 'metadata' | 'unreferenced';

const BLOB_ORIGINS: readonly BlobOrigin[] = [
  'base-image',
  'dependencies',
  'project',
  'build',
  'metadata',
  'unreferenced',
];

export interface ClassifiedBlob extends BlobFile {
  readonly origin: BlobOrigin;
  readonly mediaType?: string;
  readonly diffId?: string;
}

export interface ClassifyContext {
  /** Diff IDs of every layer of the images the build started FROM. */
  readonly baseDiffIds: ReadonlySet<string>;
  /**
   * What a non-base layer holds, when the caller has looked inside (the benchmark does);
   * without it every layer the build made counts as `build`.
   */
  readonly layerOrigin?: (digest: string) => 'dependencies' | 'project' | 'build' | undefined;
}

const isLayer = (mediaType: string): boolean => /\.layer\.|\.rootfs\./.test(mediaType);

/** The descriptors an OCI index JSON lists (`manifests`), skipping anything malformed. */
export function indexDescriptors(json: unknown): StoreDescriptor[] {
  if (typeof json !== 'object' || json === null) return [];
  const manifests = (json as { manifests?: unknown }).manifests;
  if (!Array.isArray(manifests)) return [];
  return manifests.filter(
    (d: unknown): d is StoreDescriptor =>
      typeof d === 'object' &&
      d !== null &&
      typeof (d as StoreDescriptor).digest === 'string' &&
      typeof (d as StoreDescriptor).mediaType === 'string' &&
      typeof (d as StoreDescriptor).size === 'number',
  );
}

/** Whether a descriptor is an index or manifest whose own blob lists more descriptors. */
export function isIndexDescriptor(d: StoreDescriptor): boolean {
  return /image\.index\.v1\+json$|manifest\.list\.v2\+json$/.test(d.mediaType);
}

/**
 * Each blob file with its origin. `descriptors` are all the descriptors of the store, however
 * deep (index.json's, and those of the indexes they name); a digest named twice counts once.
 */
export function classifyBlobs(
  files: readonly BlobFile[],
  descriptors: readonly StoreDescriptor[],
  ctx: ClassifyContext,
): ClassifiedBlob[] {
  const byDigest = new Map<string, StoreDescriptor>();
  for (const d of descriptors) if (!byDigest.has(d.digest)) byDigest.set(d.digest, d);
  return files.map((f): ClassifiedBlob => {
    const d = byDigest.get(f.digest);
    if (!d) return { ...f, origin: 'unreferenced' };
    if (!isLayer(d.mediaType)) return { ...f, origin: 'metadata', mediaType: d.mediaType };
    const diffId = d.annotations?.[DIFF_ID_ANNOTATION];
    const origin: BlobOrigin =
      diffId !== undefined && ctx.baseDiffIds.has(diffId)
        ? 'base-image'
        : (ctx.layerOrigin?.(f.digest) ?? 'build');
    return { ...f, origin, mediaType: d.mediaType, ...(diffId !== undefined ? { diffId } : {}) };
  });
}

export type OriginTotals = Record<BlobOrigin, { count: number; bytes: number }>;

export function originTotals(blobs: readonly ClassifiedBlob[]): OriginTotals {
  const totals = Object.fromEntries(BLOB_ORIGINS.map((o) => [o, { count: 0, bytes: 0 }])) as OriginTotals;
  for (const b of blobs) {
    totals[b.origin].count += 1;
    totals[b.origin].bytes += b.bytes;
  }
  return totals;
}

/**
 * The blobs a slim cache leaves out: the base images' layers, and only those whose diff ID is
 * known — a layer without the annotation could be anything, so it stays.
 */
export function blobsToOmit(blobs: readonly ClassifiedBlob[]): ClassifiedBlob[] {
  return blobs.filter((b) => b.origin === 'base-image' && b.diffId !== undefined);
}

/**
 * What a layer holds, from the paths in its tar (with each entry's bytes): the origin with the
 * most bytes among the rules' matches, the first matching rule per path; `build` when no rule
 * matches. Rules come from the caller, which knows the Dockerfile (e.g. the venv's path).
 */
export function originOfPaths(
  entries: readonly { readonly path: string; readonly bytes: number }[],
  rules: readonly {
    readonly origin: 'dependencies' | 'project' | 'build';
    readonly test: (p: string) => boolean;
  }[],
): 'dependencies' | 'project' | 'build' {
  const weight = new Map<string, number>();
  for (const e of entries) {
    const p = e.path.replace(/^\.?\//, '');
    const rule = rules.find((r) => r.test(p));
    if (rule) weight.set(rule.origin, (weight.get(rule.origin) ?? 0) + e.bytes + 1);
  }
  let best: 'dependencies' | 'project' | 'build' = 'build';
  let most = 0;
  for (const [origin, w] of weight) {
    if (w > most) {
      most = w;
      best = origin as typeof best;
    }
  }
  return best;
}
