/** Post's first cleanup: save the build cache, from the builder post removes after it. */
import { buildxCommandFor } from '../../docker/buildx/builder.js';
import { saveBuildCache } from '../../cache/saveImpl.js';
import { serializeSaveState, trustedSaveState } from '../../cache/saveState.js';
import { log } from '../../log/workflowLog.js';
import type { Cleanup } from '../context.js';
import { cacheWorkDir } from '../state.js';

/**
 * Post: save the cache. Runs before the builder is removed: the cache mounts are read from it.
 * Only when the inputs asked for an Actions cache and a build, and only a state that names
 * main's own directories; the buildx command is rebuilt here, never taken from the state.
 */
export const saveCacheCleanup: Cleanup = {
  name: 'build cache',
  run: async (s, inputs, host) => {
    if (!s.cacheSaveState || inputs.dryRun) return undefined;
    if ((inputs.cache || 'actions') !== 'actions') return undefined;
    const trusted = trustedSaveState(s.cacheSaveState, {
      workDir: cacheWorkDir(),
      buildxCommand: buildxCommandFor(s.createdBuilder ?? (inputs.builder || undefined)),
    });
    if (trusted === null) {
      log.warning('post ignored a build cache state that does not name this action’s cache directories');
      return undefined;
    }
    const saved = await saveBuildCache(serializeSaveState(trusted), { service: host.cache, run: host.run });
    return saved.saved ? `saved build cache ${saved.key}` : undefined;
  },
};
