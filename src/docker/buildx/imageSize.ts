/**
 * How big the image is, for the job summary. Best effort: a size we can't measure is left
 * out, never a failed job. A loaded image is measured by the engine (`.Size`: the unpacked size
 * with the classic store, the compressed content with the containerd image store); a pushed
 * one by its manifests in the registry (compressed layers, per platform).
 */
import { type RunProcess, runProcess } from '../../process/runner.js';

export interface ImageSize {
  readonly label: string;
  readonly bytes: number;
}

interface Descriptor {
  readonly mediaType?: string;
  readonly digest?: string;
  readonly size?: number;
  readonly platform?: { readonly os?: string; readonly architecture?: string; readonly variant?: string };
}

interface ManifestOrIndex {
  readonly manifests?: readonly Descriptor[];
  readonly layers?: readonly Descriptor[];
  readonly config?: Descriptor;
}

/** Compressed size of one image manifest: config plus layers. */
function manifestBytes(m: ManifestOrIndex): number {
  return (m.config?.size ?? 0) + (m.layers ?? []).reduce((n, l) => n + (l.size ?? 0), 0);
}

/** Platform manifests of an index, without BuildKit's `unknown/unknown` attestation entries. */
function platformEntries(index: ManifestOrIndex): Descriptor[] {
  return (index.manifests ?? []).filter((d) => d.platform?.os && d.platform.os !== 'unknown');
}

const platformLabel = (d: Descriptor): string =>
  [d.platform?.os, d.platform?.architecture, d.platform?.variant].filter(Boolean).join('/');

async function rawManifest(ref: string, run: RunProcess): Promise<ManifestOrIndex | undefined> {
  const r = await run('docker', ['buildx', 'imagetools', 'inspect', '--raw', ref], { timeoutMs: 60_000 });
  if (r.exitCode !== 0) return undefined;
  try {
    return JSON.parse(r.stdout) as ManifestOrIndex;
  } catch {
    return undefined;
  }
}

export interface MeasureOptions {
  readonly loaded: boolean;
  readonly pushed: boolean;
  /** A tag or the image id, for the engine. */
  readonly localRef?: string;
  /** `repo:tag` pushed, and the digest buildx reported. */
  readonly pushedRepo?: string;
  readonly digest?: string;
  readonly run?: RunProcess;
}

export async function measureImageSize(o: MeasureOptions): Promise<ImageSize[]> {
  const run = o.run ?? runProcess;
  if (o.loaded && o.localRef) {
    const r = await run('docker', ['image', 'inspect', '--format', '{{.Size}}', o.localRef], {
      timeoutMs: 60_000,
    });
    const bytes = Number(r.stdout.trim());
    // with the containerd image store this is the compressed content, not the unpacked file system
    if (r.exitCode === 0 && Number.isFinite(bytes) && bytes > 0)
      return [{ label: 'as docker image inspect reports it', bytes }];
  }
  if (!o.pushed || !o.pushedRepo || !o.digest) return [];
  // repo without its tag: `host:5000/ns/app:1` → `host:5000/ns/app`
  const repo = o.pushedRepo.replace(/@.*$/, '').replace(/:[^:/]+$/, '');
  const top = await rawManifest(`${repo}@${o.digest}`, run);
  if (!top) return [];
  if (!top.manifests) return [{ label: 'compressed', bytes: manifestBytes(top) }];
  const sizes: ImageSize[] = [];
  for (const entry of platformEntries(top)) {
    const m = entry.digest ? await rawManifest(`${repo}@${entry.digest}`, run) : undefined;
    if (m) sizes.push({ label: `${platformLabel(entry)}, compressed`, bytes: manifestBytes(m) });
  }
  return sizes;
}

export interface ImageLayer {
  readonly bytes: number;
  readonly createdBy: string;
}

/**
 * A loaded image's layers, oldest first, with the instruction that made each (`docker image
 * history`). Best effort: [] when the engine can't say. `createdBy` is the Dockerfile's text.
 */
export async function imageLayers(localRef: string, run: RunProcess = runProcess): Promise<ImageLayer[]> {
  const r = await run(
    'docker',
    ['image', 'history', '--no-trunc', '--human=false', '--format', '{{.Size}}\t{{.CreatedBy}}', localRef],
    { timeoutMs: 60_000 },
  );
  if (r.exitCode !== 0) return [];
  const layers: ImageLayer[] = [];
  for (const line of r.stdout.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const bytes = Number(line.slice(0, tab));
    if (Number.isFinite(bytes)) layers.push({ bytes, createdBy: line.slice(tab + 1) });
  }
  return layers.reverse();
}
