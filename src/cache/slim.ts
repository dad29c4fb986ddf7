/**
 * A slim cache: the saved entry leaves out the blobs of the base images' layers, which the
 * registry gives back (and a runner pulls anyway), so the entry holds only what this project's
 * builds made. The cache manifest and its records stay exactly as BuildKit exported them: the
 * records name whole layer chains, base layers included, and BuildKit reads only the manifest at
 * import. It fetches a layer's blob only when it has to, and first looks in its own content
 * store, where the docker driver on the containerd image store keeps the base images' blobs
 * under the same digests. So a slim cache is saved only from the docker driver, and restored
 * only for a builder that is the docker driver and an engine holding those layers; otherwise
 * the build runs without it (never fails because of it). A build that exports a new cache
 * (not an exact hit) needs the blobs after all: BuildKit's exporter reads each layer of a
 * restored chain from the store it was imported from. For those runs the left-out blobs are
 * put back first, from the engine (`docker image save`, same digests). See docs/cache.md.
 *
 *   <cache>/buildkit/       BuildKit's store, minus the omitted blobs
 *   <cache>/omitted.json    which blobs were left out, and which images hold them
 */
import { spawn } from 'node:child_process';
import { readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runProcess, type RunProcess } from '../process/runner.js';
import {
  blobsToOmit,
  classifyBlobs,
  indexDescriptors,
  isIndexDescriptor,
  type BlobFile,
  type ClassifiedBlob,
  type StoreDescriptor,
} from './blobs.js';
import { exists } from './files.js';

export const OMITTED_FILE = 'omitted.json';

export interface OmittedLayer {
  readonly digest: string;
  readonly diffId: string;
  readonly bytes: number;
}

export interface OmittedManifest {
  /** The images whose layers were left out: what the restoring engine must hold. */
  readonly images: readonly string[];
  readonly layers: readonly OmittedLayer[];
}

export interface EngineOptions {
  /** The buildx command; its first word is the docker CLI (`docker`). */
  readonly buildxCommand: readonly string[];
  readonly timeoutMs: number;
  readonly run?: RunProcess;
}

/** An image reference as docker prints them; anything else (an option, a shell word) is refused. */
const IMAGE_REF = /^[A-Za-z0-9][A-Za-z0-9._/:@+-]{0,254}$/;

export function isImageRef(ref: string): boolean {
  return IMAGE_REF.test(ref);
}

const blobPath = (buildkit: string, digest: string): string =>
  path.join(buildkit, 'blobs', ...digest.split(':'));

/** Every descriptor of a local cache store (index.json's and those of the indexes it names) and its blob files. */
export async function readStore(
  buildkit: string,
): Promise<{ descriptors: StoreDescriptor[]; files: BlobFile[] }> {
  const descriptors: StoreDescriptor[] = [];
  const seen = new Set<string>();
  const visit = async (json: unknown): Promise<void> => {
    for (const d of indexDescriptors(json)) {
      descriptors.push(d);
      if (!isIndexDescriptor(d) || seen.has(d.digest) || !/^sha256:[0-9a-f]{64}$/.test(d.digest)) continue;
      seen.add(d.digest);
      try {
        await visit(JSON.parse(await readFile(blobPath(buildkit, d.digest), 'utf8')));
      } catch {
        // a missing or unreadable index: its descriptors stay unknown, its blobs unreferenced
      }
    }
  };
  try {
    await visit(JSON.parse(await readFile(path.join(buildkit, 'index.json'), 'utf8')));
  } catch {
    // no store: nothing referenced
  }
  const files: BlobFile[] = [];
  const dir = path.join(buildkit, 'blobs', 'sha256');
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const s = await stat(path.join(dir, name));
    if (s.isFile()) files.push({ digest: `sha256:${name}`, bytes: s.size });
  }
  return { descriptors, files };
}

/** `RootFS.Layers` of an image in the engine's image store; null when the engine has no such image. */
export async function imageDiffIds(ref: string, opts: EngineOptions): Promise<string[] | null> {
  if (!isImageRef(ref)) return null;
  const [docker = 'docker'] = opts.buildxCommand;
  const r = await (opts.run ?? runProcess)(
    docker,
    ['image', 'inspect', '--format', '{{json .RootFS.Layers}}', '--', ref],
    { timeoutMs: opts.timeoutMs },
  );
  if (r.exitCode !== 0) return null;
  try {
    const layers: unknown = JSON.parse(r.stdout.trim());
    return Array.isArray(layers) ? layers.filter((l): l is string => typeof l === 'string') : null;
  } catch {
    return null;
  }
}

/** The builder's driver (`docker`, `docker-container`, …) as `buildx inspect` names it. */
export async function builderDriver(opts: EngineOptions): Promise<string | undefined> {
  const [file, ...prefix] = opts.buildxCommand;
  if (!file) return undefined;
  const r = await (opts.run ?? runProcess)(file, [...prefix, 'inspect'], { timeoutMs: opts.timeoutMs });
  if (r.exitCode !== 0) return undefined;
  return /^Driver:\s+(\S+)/m.exec(r.stdout)?.[1];
}

/** The diff IDs of these images, and the ones the engine does not hold. */
async function baseLayers(
  refs: readonly string[],
  opts: EngineOptions,
): Promise<{ diffIds: Set<string>; found: string[] }> {
  const diffIds = new Set<string>();
  const found: string[] = [];
  for (const ref of refs) {
    const layers = await imageDiffIds(ref, opts);
    if (layers === null) continue;
    found.push(ref);
    for (const l of layers) diffIds.add(l);
  }
  return { diffIds, found };
}

/** The store's blobs, classified against the base images the engine holds. */
async function classifyStore(
  buildkit: string,
  baseImages: readonly string[],
  opts: EngineOptions,
): Promise<{ blobs: ClassifiedBlob[]; images: string[] }> {
  const { descriptors, files } = await readStore(buildkit);
  const { diffIds, found } = await baseLayers(baseImages, opts);
  return { blobs: classifyBlobs(files, descriptors, { baseDiffIds: diffIds }), images: found };
}

/**
 * Deletes the base images' blobs from a fresh export in `cacheDir/buildkit/` and writes
 * `cacheDir/omitted.json`. Returns what was left out (empty when nothing could be).
 */
export async function slimExport(
  cacheDir: string,
  baseImages: readonly string[],
  opts: EngineOptions,
): Promise<OmittedManifest> {
  const buildkit = path.join(cacheDir, 'buildkit');
  const { blobs, images } = await classifyStore(buildkit, baseImages, opts);
  const omit = blobsToOmit(blobs);
  if (omit.length === 0) return { images: [], layers: [] };
  const manifest: OmittedManifest = {
    images,
    layers: omit.map((b) => ({ digest: b.digest, diffId: b.diffId ?? '', bytes: b.bytes })),
  };
  // the manifest first: a store without it but with blobs missing would look complete
  await writeFile(path.join(cacheDir, OMITTED_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const b of omit) await unlink(blobPath(buildkit, b.digest));
  return manifest;
}

/** The restored cache's omitted.json; null when the cache is whole; throws on an unreadable one. */
export async function readOmitted(cacheDir: string): Promise<OmittedManifest | null> {
  const file = path.join(cacheDir, OMITTED_FILE);
  if (!(await exists(file))) return null;
  const v: unknown = JSON.parse(await readFile(file, 'utf8'));
  const o = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
  const images = Array.isArray(o.images) ? o.images : null;
  const layers = Array.isArray(o.layers) ? o.layers : null;
  if (
    !images?.every((i): i is string => typeof i === 'string') ||
    !layers?.every(
      (l: unknown) =>
        typeof l === 'object' &&
        l !== null &&
        typeof (l as OmittedLayer).digest === 'string' &&
        typeof (l as OmittedLayer).diffId === 'string' &&
        typeof (l as OmittedLayer).bytes === 'number',
    )
  ) {
    throw new Error(`${OMITTED_FILE} is not a list of images and layers`);
  }
  return { images, layers: layers as OmittedLayer[] };
}

/**
 * `docker image save ref | tar -x -C dir members…`, without a shell: the image's archive
 * (an OCI layout on the containerd image store) holds its blobs under their digests.
 */
function extractFromImage(
  docker: string,
  ref: string,
  dir: string,
  members: readonly string[],
  timeoutMs: number,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const save = spawn(docker, ['image', 'save', '--', ref], { stdio: ['ignore', 'pipe', 'pipe'] });
    const tar = spawn('tar', ['-x', '-C', dir, '--', ...members], { stdio: ['pipe', 'ignore', 'pipe'] });
    let err = '';
    save.stderr.on('data', (c: Buffer) => (err += c.toString()));
    tar.stderr.on('data', (c: Buffer) => (err += c.toString()));
    save.stdout.pipe(tar.stdin);
    // tar may stop reading once it has its members: not an error of the save
    tar.stdin.on('error', () => undefined);
    const timer = setTimeout(() => {
      save.kill('SIGKILL');
      tar.kill('SIGKILL');
    }, timeoutMs);
    let saveCode: number | null = null;
    save.on('error', (e) => reject(e));
    tar.on('error', (e) => reject(e));
    save.on('close', (code) => (saveCode = code));
    tar.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `docker image save ${ref} | tar -x: exit ${saveCode ?? '?'}/${code ?? '?'}: ${err.trim().slice(-300)}`,
          ),
        );
    });
  });
}

/** Puts the left-out blobs back into the restored store, from the engine's images; throws when one is missing. */
async function restoreOmittedBlobs(
  cacheDir: string,
  omitted: OmittedManifest,
  opts: EngineOptions,
): Promise<void> {
  const buildkit = path.join(cacheDir, 'buildkit');
  const byDiffId = new Map(omitted.layers.map((l) => [l.diffId, l]));
  const pending = new Map(omitted.layers.map((l) => [l.digest, l]));
  const [docker = 'docker'] = opts.buildxCommand;
  for (const ref of omitted.images.filter(isImageRef)) {
    const layers = ((await imageDiffIds(ref, opts)) ?? [])
      .map((d) => byDiffId.get(d))
      .filter((l): l is OmittedLayer => l !== undefined && pending.has(l.digest));
    if (layers.length === 0) continue;
    const members = layers.map((l) => `blobs/${l.digest.split(':').join('/')}`);
    await extractFromImage(docker, ref, buildkit, members, opts.timeoutMs);
    for (const l of layers) {
      const s = await stat(blobPath(buildkit, l.digest)).catch(() => null);
      if (s?.size === l.bytes) pending.delete(l.digest);
    }
  }
  if (pending.size > 0) {
    throw new Error(`${pending.size} left-out blobs are not in the engine's images under their digests`);
  }
}

export type SlimCheck =
  | { readonly usable: true; readonly omitted: OmittedManifest | null; readonly pulled: readonly string[] }
  | { readonly usable: false; readonly reason: string };

/**
 * Whether this builder can use the restored cache: a whole cache always; a slim one only on
 * the docker driver, with every left-out layer in the engine. Images the engine lacks are
 * pulled first (a runner would pull them for the build anyway).
 */
export async function checkRestoredCache(
  cacheDir: string,
  opts: EngineOptions & {
    /** The build exports a new cache: the left-out blobs must be put back (see above). */
    readonly willExport: boolean;
  },
): Promise<SlimCheck> {
  let omitted: OmittedManifest | null;
  try {
    omitted = await readOmitted(cacheDir);
  } catch (e) {
    return { usable: false, reason: e instanceof Error ? e.message : String(e) };
  }
  if (omitted === null || omitted.layers.length === 0) return { usable: true, omitted, pulled: [] };
  const driver = await builderDriver(opts);
  if (driver !== 'docker') {
    return {
      usable: false,
      reason: `it leaves out the base images' layers, which only the docker driver finds in the engine (this builder: ${driver ?? 'unknown'})`,
    };
  }
  const refs = omitted.images.filter(isImageRef);
  let { diffIds, found } = await baseLayers(refs, opts);
  const pulled: string[] = [];
  const [docker = 'docker'] = opts.buildxCommand;
  for (const ref of refs.filter((r) => !found.includes(r))) {
    const r = await (opts.run ?? runProcess)(docker, ['pull', '--quiet', '--', ref], {
      timeoutMs: opts.timeoutMs,
    });
    if (r.exitCode === 0) pulled.push(ref);
  }
  if (pulled.length > 0) ({ diffIds, found } = await baseLayers(refs, opts));
  const missing = omitted.layers.filter((l) => !diffIds.has(l.diffId));
  if (missing.length > 0) {
    const lacking = refs.filter((r) => !found.includes(r));
    return {
      usable: false,
      reason:
        `the engine lacks ${missing.length} of the base-image layers it leaves out` +
        (lacking.length > 0 ? ` (no image ${lacking.join(', ')}, and pulling it failed)` : ''),
    };
  }
  if (opts.willExport) {
    try {
      await restoreOmittedBlobs(cacheDir, omitted, opts);
    } catch (e) {
      return {
        usable: false,
        reason: `this build exports a new cache, which needs the left-out blobs, and putting them back failed (${e instanceof Error ? e.message : String(e)})`,
      };
    }
  }
  return { usable: true, omitted, pulled };
}
