/**
 * After the build (the action's post step): swap this run's fresh export in for the restored
 * cache and save it, unless the exact key was restored (then the service already holds it,
 * and keys are immutable anyway). Like restore, nothing here fails the job.
 */
import { log } from '../log/workflowLog.js';
import { readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { actionsCacheService, describeError, withDeadline, type CacheService } from './actionsCache.js';
import { extractCacheMounts } from './cacheMounts.js';
import { directorySize, exists } from './files.js';
import { baseImagesFile, buildkitDir, mountsDir } from './layout.js';
import { DEFAULT_MOUNT_LIMITS, pruneMounts, type MountLimits } from './mountPrune.js';
import { builderDriver, isImageRef, slimExport } from './slim.js';
import { parseSaveState, type ActionsCacheSaveState } from './saveState.js';
import type { CacheSaveResult } from './types.js';
import type { RunProcess } from '../process/runner.js';

export interface SaveDeps {
  readonly service: CacheService;
  readonly run?: RunProcess;
  /** Bounds on the carried RUN cache mounts; default DEFAULT_MOUNT_LIMITS. */
  readonly mountLimits?: MountLimits;
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

async function collectMounts(state: ActionsCacheSaveState, run: RunProcess | undefined): Promise<void> {
  if (state.mounts.length === 0 || state.helperImage === undefined) return;
  const to = mountsDir(state.nextDir);
  try {
    await extractCacheMounts({
      mounts: state.mounts,
      helperImage: state.helperImage,
      buildxCommand: state.buildxCommand,
      timeoutMs: state.timeoutMs,
      toDir: to,
      ...(run ? { run } : {}),
    });
  } catch (e) {
    // a half-written mounts dir would be restored as if complete: drop it, keep the layer cache
    await rm(to, { recursive: true, force: true });
    log.warning(
      `Could not copy the RUN cache mounts out of the builder (${describeError(e)}): saving the layer cache only.`,
    );
  }
}

/** Cuts the carried mounts to their bounds (see mountPrune.ts); a failure keeps them whole. */
async function boundMounts(state: ActionsCacheSaveState, limits: MountLimits): Promise<void> {
  try {
    const r = await pruneMounts(mountsDir(state.nextDir), limits);
    if (r.removedFiles > 0) {
      log.info(
        `Pruned ${r.removedFiles} files (${mib(r.removedBytes)}) from the RUN cache mounts: older than ` +
          `${Math.round(limits.maxAgeMs / 86_400_000)} days or over ${mib(limits.maxBytes)} a mount; ${mib(r.keptBytes)} kept.`,
      );
    }
  } catch (e) {
    log.warning(`Could not prune the RUN cache mounts (${describeError(e)}): saving them whole.`);
  }
}

async function recordedBaseImages(state: ActionsCacheSaveState): Promise<string[]> {
  try {
    const v: unknown = JSON.parse(await readFile(baseImagesFile(state.cacheDir), 'utf8'));
    return Array.isArray(v) ? v.filter((r): r is string => typeof r === 'string' && isImageRef(r)) : [];
  } catch {
    return [];
  }
}

/**
 * Leaves the base images' blobs out of the export (see slim.ts), only on the docker driver:
 * the one builder verified to find them in the engine on restore. Any failure keeps the
 * export whole, or consistent as far as it got (omitted.json is written before any delete).
 */
async function slimDown(state: ActionsCacheSaveState, run: RunProcess | undefined): Promise<void> {
  const images = await recordedBaseImages(state);
  if (images.length === 0) return;
  const engine = { buildxCommand: state.buildxCommand, timeoutMs: state.timeoutMs, ...(run ? { run } : {}) };
  try {
    const driver = await builderDriver(engine);
    if (driver !== 'docker') {
      log.info(
        `Saving the whole layer cache: the ${driver ?? 'unknown'} driver does not keep base images in the engine.`,
      );
      return;
    }
    const omitted = await slimExport(state.nextDir, images, engine);
    if (omitted.layers.length > 0) {
      const bytes = omitted.layers.reduce((n, l) => n + l.bytes, 0);
      log.info(
        `Left ${omitted.layers.length} base-image layers (${mib(bytes)}) of ${omitted.images.join(', ')} out of the cache: the registry gives them back.`,
      );
    }
  } catch (e) {
    log.warning(
      `Could not leave the base-image layers out (${describeError(e)}): saving the cache as exported.`,
    );
  }
}

export async function saveBuildCache(
  saveState: string,
  deps: Partial<SaveDeps> = {},
): Promise<CacheSaveResult> {
  const service = deps.service ?? actionsCacheService;
  const state = parseSaveState(saveState);
  if (state === null || state.mode !== 'actions') return { saved: false };

  if (state.restoredKey === state.primaryKey) {
    log.info(`Build cache ${state.primaryKey} was restored exactly: not saving it again.`);
    await rm(state.nextDir, { recursive: true, force: true });
    return { saved: false, key: state.primaryKey };
  }
  if (!(await exists(path.join(buildkitDir(state.nextDir), 'index.json')))) {
    // a failed build (post runs always) or an export buildx gave up on (ignore-error)
    log.info('The build exported no cache: nothing to save.');
    return { saved: false, key: state.primaryKey };
  }

  await collectMounts(state, deps.run);
  await boundMounts(state, deps.mountLimits ?? DEFAULT_MOUNT_LIMITS);
  await slimDown(state, deps.run);
  // The swap keeps the saved cache to exactly what this build used: the restored directory
  // also holds blobs of older builds, which the local exporter would never have removed.
  await rm(state.cacheDir, { recursive: true, force: true });
  await rename(state.nextDir, state.cacheDir);
  const sizeBytes = await directorySize(state.cacheDir);

  const outcome = await withDeadline(() => service.save([state.cacheDir], state.primaryKey), state.timeoutMs);
  if (outcome.kind === 'done' && outcome.value !== -1) {
    log.info(`Saved build cache ${state.primaryKey} (${mib(sizeBytes)} before compression).`);
    return { saved: true, key: state.primaryKey, sizeBytes };
  }
  const why =
    outcome.kind === 'timedOut'
      ? `the cache service did not finish within ${Math.round(state.timeoutMs / 1000)} s`
      : outcome.kind === 'failed'
        ? describeError(outcome.error)
        : 'the cache service refused or failed it, see above';
  log.warning(`The build cache was not saved (${why}); the next run starts from an older cache or cold.`);
  return { saved: false, key: state.primaryKey, sizeBytes };
}
