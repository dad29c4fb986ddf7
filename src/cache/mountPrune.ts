/**
 * Bounds on the RUN cache mount contents carried from run to run (pip's wheels and HTTP cache,
 * apt's archives and lists). Without them the carried mounts only ever grow: every version a
 * dependency ever had stays. Before saving, each mount directory loses the files older than
 * `maxAgeMs` (by modification time: the file's download, which `cp -a` keeps on every hop), then
 * the oldest files until it fits in `maxBytes`. A pruned file that is still wanted costs one
 * download the next time pip or apt needs it (then it is new again); the layer cache is not
 * touched, and the mounts are only used when a dependency layer is rebuilt.
 */
import { lstat, readdir, unlink } from 'node:fs/promises';
import path from 'node:path';

export interface MountLimits {
  /** Files older than this (modification time) are dropped. */
  readonly maxAgeMs: number;
  /** Each mount directory is cut to this many bytes, newest files kept. */
  readonly maxBytes: number;
}

export const DEFAULT_MOUNT_LIMITS: MountLimits = {
  maxAgeMs: 30 * 24 * 3600_000,
  maxBytes: 512 * 2 ** 20,
};

export interface MountFile {
  readonly path: string;
  readonly bytes: number;
  readonly mtimeMs: number;
}

/** The files to delete so that what stays is younger than maxAge and within maxBytes (pure). */
export function filesToPrune(files: readonly MountFile[], limits: MountLimits, nowMs: number): MountFile[] {
  const drop: MountFile[] = [];
  const young: MountFile[] = [];
  for (const f of files) (nowMs - f.mtimeMs > limits.maxAgeMs ? drop : young).push(f);
  // newest first; ties by path so the choice never depends on the directory's order
  young.sort((a, b) => b.mtimeMs - a.mtimeMs || a.path.localeCompare(b.path));
  let kept = 0;
  for (const f of young) {
    if (kept + f.bytes <= limits.maxBytes) kept += f.bytes;
    else drop.push(f);
  }
  return drop;
}

export interface PruneResult {
  readonly removedFiles: number;
  readonly removedBytes: number;
  readonly keptBytes: number;
}

/** Regular files under dir (symlinks and others are left alone and not counted). */
async function listFiles(dir: string): Promise<MountFile[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return [];
  }
  const files: MountFile[] = [];
  for (const e of entries) {
    if (!e.isFile()) continue;
    const p = path.join(e.parentPath, e.name);
    const s = await lstat(p);
    files.push({ path: p, bytes: s.size, mtimeMs: s.mtimeMs });
  }
  return files;
}

/** Prunes one carried mount directory in place. */
async function pruneMountDir(dir: string, limits: MountLimits, nowMs = Date.now()): Promise<PruneResult> {
  const files = await listFiles(dir);
  const drop = filesToPrune(files, limits, nowMs);
  for (const f of drop) await unlink(f.path);
  const removedBytes = drop.reduce((n, f) => n + f.bytes, 0);
  const total = files.reduce((n, f) => n + f.bytes, 0);
  return { removedFiles: drop.length, removedBytes, keptBytes: total - removedBytes };
}

/** Prunes every mount directory under mountsRoot (`<cache>/mounts/<dir>/`). */
export async function pruneMounts(
  mountsRoot: string,
  limits: MountLimits,
  nowMs = Date.now(),
): Promise<PruneResult> {
  let names: string[];
  try {
    names = (await readdir(mountsRoot, { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
  } catch {
    return { removedFiles: 0, removedBytes: 0, keptBytes: 0 };
  }
  const total = { removedFiles: 0, removedBytes: 0, keptBytes: 0 };
  for (const n of names) {
    const r = await pruneMountDir(path.join(mountsRoot, n), limits, nowMs);
    total.removedFiles += r.removedFiles;
    total.removedBytes += r.removedBytes;
    total.keptBytes += r.keptBytes;
  }
  return total;
}
