/**
 * The build cache as the action sees it: restore before the build (returns buildx arguments
 * and a state string), save in post (takes that string back). See docs/cache.md.
 */
export type { CacheInputs, CacheRestoreResult, CacheSaveResult, CacheMode } from './types.js';
export { parseCacheMode } from './types.js';
export { restoreBuildCache, fillCacheMounts } from './restoreImpl.js';
export { saveBuildCache } from './saveImpl.js';
export { cacheKeys, cacheScope } from './keys.js';
