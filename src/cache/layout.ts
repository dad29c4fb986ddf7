/**
 * Where the cache lives on the runner. One directory per scope, so two targets built in one
 * job never share files:
 *
 *   <workDir>/<scope>/cache/           the one path handed to @actions/cache (restored, saved)
 *                        buildkit/     a BuildKit local cache store (index.json, blobs/)
 *                        mounts/<dir>/ the contents of one RUN cache mount
 *                        omitted.json  a slim cache: the base-image blobs left out (slim.ts)
 *   <workDir>/<scope>/next/            this run's fresh export, swapped into cache/ before saving
 *   <workDir>/<scope>/base-images.json the images the build starts FROM, for the save step
 *
 * The archived path enters the cache entry's version, so workDir must be the same on every run
 * (e.g. `$RUNNER_TEMP/microb-cache`), never a random temp directory.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';

export interface CacheLayout {
  readonly cacheDir: string;
  readonly nextDir: string;
}

export function cacheLayout(workDir: string, scope: string): CacheLayout {
  const root = path.join(path.resolve(workDir), scope);
  return { cacheDir: path.join(root, 'cache'), nextDir: path.join(root, 'next') };
}

/** The BuildKit local cache store inside a cache or next directory. */
export function buildkitDir(dir: string): string {
  return path.join(dir, 'buildkit');
}

export function mountsDir(dir: string): string {
  return path.join(dir, 'mounts');
}

/**
 * A file-system-safe directory name for a cache mount id (ids may hold `/`), unique per id:
 * readable part plus a short hash of the exact id.
 */
export function mountDirName(id: string): string {
  const readable = id.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 40);
  return `${readable}-${createHash('sha256').update(id).digest('hex').slice(0, 8)}`;
}

/** Beside the cache and next directories: the build's base images, from restore to save. */
export function baseImagesFile(cacheDir: string): string {
  return path.join(path.dirname(cacheDir), 'base-images.json');
}
