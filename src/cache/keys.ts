/**
 * Cache keys, as pure functions. A key is `<scope>-<digest>`:
 * - the scope names one build shape (target + platform set), so matrix legs that build other
 *   targets or platforms never restore or overwrite each other's cache;
 * - the digest covers what invalidates the dependency layers (pyproject, lock/requirements
 *   files, the generated Dockerfile, which spells out every dependency), not the sources: a
 *   source-only change reuses the cache as is.
 * The one restore key is the scope plus `-`, which the cache service answers with the newest
 * entry of the same scope: after a dependency change the build still starts from the last cache.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';

/** Bump when the archive layout changes, so old archives are never restored into new code. */
const CACHE_FORMAT = 'v1';

export interface KeyFile {
  /** Where it was read from; only its base name enters the key (runners differ in paths). */
  readonly path: string;
  /** Its bytes, or null when it does not exist (an absent lock file is part of the state too). */
  readonly content: Uint8Array | string | null;
}

export interface CacheKeys {
  readonly scope: string;
  readonly primaryKey: string;
  /** Tried in order after the primary key misses; prefix matches, newest first. */
  readonly restoreKeys: readonly string[];
}

function sha256(parts: readonly (Uint8Array | string)[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
}

/** Keeps keys readable in the cache list, and free of the commas the cache service rejects. */
function slug(text: string, max = 48): string {
  const s = text.replace(/[^A-Za-z0-9._+-]+/g, '_').replace(/^_+|_+$/g, '');
  return (s || '_').slice(0, max);
}

/**
 * The platform set as the build sees it: sorted and de-duplicated, so `a,b` and `b,a` share a
 * cache; empty means the builder's own platform, which the caller names (`hostPlatform`) so a
 * native amd64 and a native arm64 runner keep separate caches.
 */
export function normalizePlatformSet(platforms: readonly string[], hostPlatform: string): string[] {
  const set = new Set(platforms.map((p) => p.trim().toLowerCase()).filter((p) => p !== ''));
  if (set.size === 0) set.add(hostPlatform.trim().toLowerCase());
  return [...set].sort();
}

export function cacheScope(target: string, platforms: readonly string[], hostPlatform: string): string {
  const set = normalizePlatformSet(platforms, hostPlatform);
  // The slugs are for people; the short hash of the exact (target, platforms) pair is what keeps
  // one scope from being a prefix of another (`api` vs `api-v2`), which prefix restore would mix up.
  const exact = sha256([JSON.stringify([CACHE_FORMAT, target, set])]).slice(0, 10);
  const plat = slug(set.map((p) => p.replace(/\//g, '-')).join('+'), 96);
  return `microb-buildkit-${CACHE_FORMAT}-${slug(target)}-${plat}-${exact}`;
}

/** Order matters: the same files in another role are another state. */
export function keyFilesDigest(files: readonly KeyFile[]): string {
  const parts: (Uint8Array | string)[] = [];
  for (const f of files) {
    const name = path.basename(f.path);
    // lengths delimit the fields, so no choice of contents can forge another file list
    if (f.content === null) {
      parts.push(`${name.length}:${name}:absent;`);
    } else {
      const bytes = typeof f.content === 'string' ? Buffer.from(f.content) : f.content;
      parts.push(`${name.length}:${name}:${bytes.byteLength}:`, bytes, ';');
    }
  }
  return sha256(parts).slice(0, 32);
}

export function cacheKeys(args: {
  readonly target: string;
  readonly platforms: readonly string[];
  readonly hostPlatform: string;
  readonly keyFiles: readonly KeyFile[];
}): CacheKeys {
  const scope = cacheScope(args.target, args.platforms, args.hostPlatform);
  return {
    scope,
    primaryKey: `${scope}-${keyFilesDigest(args.keyFiles)}`,
    restoreKeys: [`${scope}-`],
  };
}

/**
 * The files whose contents enter the key, as absolute paths: the pyproject, every file beside it
 * that the configuration refers to (requirements files and lock files — uv.lock, poetry.lock,
 * pdm.lock, pylock.toml — even when absent, since an absent lock is a state too), and the
 * generated Dockerfile, which spells out every pinned requirement. After `uv lock --upgrade`
 * both the lock and the Dockerfile differ, so the old dependency layers are not restored as a hit.
 */
export function dependencyKeyFiles(
  pyprojectPath: string,
  referenced: readonly string[],
  dockerfilePath: string,
): string[] {
  const projectDir = path.dirname(path.resolve(pyprojectPath));
  return [
    path.resolve(pyprojectPath),
    ...referenced.filter((f) => f !== '.dockerignore').map((f) => path.resolve(projectDir, f)),
    dockerfilePath,
  ];
}
