/**
 * The runner's cache service through @actions/cache, behind a small interface, plus the
 * deadline every call runs under. @actions/cache already turns most service failures into
 * warnings, but its HTTP calls have no overall time limit: a service that accepts the
 * connection and never answers would hold the job until the runner's timeout. So each call
 * races a deadline; past it the build goes on without the cache.
 */
import * as cache from '@actions/cache';

export interface CacheService {
  /** False when the runner gives no cache service (e.g. GHES without it, or a local run). */
  isAvailable(): boolean;
  /** The matched key, or undefined on a miss (and on failures @actions/cache already warned about). */
  restore(paths: string[], primaryKey: string, restoreKeys: string[]): Promise<string | undefined>;
  /** The entry id; -1 when the service refused or failed (already logged by @actions/cache). */
  save(paths: string[], key: string): Promise<number>;
}

export const actionsCacheService: CacheService = {
  isAvailable: () => cache.isFeatureAvailable(),
  restore: (paths, primaryKey, restoreKeys) => cache.restoreCache(paths, primaryKey, restoreKeys),
  save: (paths, key) => cache.saveCache(paths, key),
};

export type Outcome<T> =
  | { readonly kind: 'done'; readonly value: T }
  | { readonly kind: 'failed'; readonly error: unknown }
  | { readonly kind: 'timedOut' };

/**
 * Runs `work` and settles after at most `timeoutMs`. A timed-out call keeps running in the
 * background (nothing here can cancel it); callers must not use what it may still write.
 */
export async function withDeadline<T>(work: () => Promise<T>, timeoutMs: number): Promise<Outcome<T>> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<Outcome<T>>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'timedOut' }), timeoutMs);
  });
  const attempt = (async (): Promise<Outcome<T>> => {
    try {
      return { kind: 'done', value: await work() };
    } catch (error) {
      return { kind: 'failed', error };
    }
  })();
  try {
    return await Promise.race([attempt, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
