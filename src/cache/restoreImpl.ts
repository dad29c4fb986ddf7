/**
 * Before the build: restore the newest cache of this scope and say how buildx should use it.
 * Nothing here fails the build: a cache service that is down, slow or refusing is a warning,
 * and the build then runs cold.
 */
import { log } from '../log/workflowLog.js';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { actionsCacheService, describeError, withDeadline, type CacheService } from './actionsCache.js';
import {
  ghaCacheFlags,
  localCacheFlags,
  NO_CACHE_FLAGS,
  toBuildxArgs,
  type BuildxCacheFlags,
} from './buildxCacheArgs.js';
import { injectCacheMounts } from './cacheMounts.js';
import { exists } from './files.js';
import { cacheKeys, cacheScope, type KeyFile } from './keys.js';
import { baseImagesFile, buildkitDir, cacheLayout, mountsDir } from './layout.js';
import { checkRestoredCache } from './slim.js';
import {
  parseSaveState,
  serializeSaveState,
  type ActionsCacheSaveState,
  type CacheSaveState,
} from './saveState.js';
import {
  DEFAULT_BUILDX_COMMAND,
  DEFAULT_TIMEOUT_MS,
  type CacheInputs,
  type CacheRestoreResult,
} from './types.js';
import type { RunProcess } from '../process/runner.js';
import { formatPlatform, hostPlatform } from '../docker/platforms.js';

export interface RestoreDeps {
  readonly service: CacheService;
  /** Runs the cache-mount builds; default: a real child process. */
  readonly run?: RunProcess;
  /** `linux/amd64` etc. for builds without explicit platforms; default: this machine's. */
  readonly hostPlatform: string;
}

const defaultDeps: RestoreDeps = {
  service: actionsCacheService,
  hostPlatform: formatPlatform(hostPlatform()),
};

async function readKeyFile(file: string): Promise<KeyFile> {
  try {
    return { path: file, content: await readFile(file) };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { path: file, content: null };
    throw e;
  }
}

function result(
  flags: BuildxCacheFlags,
  state: CacheSaveState,
  keys: { primaryKey?: string; restoredKey?: string } = {},
): CacheRestoreResult {
  const primaryKey = keys.primaryKey ?? '';
  const restoredKey = keys.restoredKey ?? '';
  return {
    buildxArgs: toBuildxArgs(flags),
    cacheFrom: flags.cacheFrom,
    cacheTo: flags.cacheTo,
    cacheHit: primaryKey !== '' && restoredKey === primaryKey,
    restoredKey,
    primaryKey,
    saveState: serializeSaveState(state),
  };
}

export async function restoreBuildCache(
  inputs: CacheInputs,
  deps: RestoreDeps = defaultDeps,
): Promise<CacheRestoreResult> {
  if (inputs.mode === 'none') return result(NO_CACHE_FLAGS, { mode: 'none' });
  if (inputs.mode === 'gha') {
    return result(ghaCacheFlags(cacheScope(inputs.target, inputs.platforms, deps.hostPlatform)), {
      mode: 'gha',
    });
  }
  if (!deps.service.isAvailable()) {
    log.info(
      'No Actions cache service on this runner (ACTIONS_RESULTS_URL/ACTIONS_CACHE_URL unset): building without a cache.',
    );
    return result(NO_CACHE_FLAGS, { mode: 'none' });
  }

  const timeoutMs = inputs.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const keys = cacheKeys({
    target: inputs.target,
    platforms: inputs.platforms,
    hostPlatform: deps.hostPlatform,
    keyFiles: await Promise.all(inputs.keyFiles.map(readKeyFile)),
  });
  const { cacheDir, nextDir } = cacheLayout(inputs.workDir, keys.scope);
  // leftovers of an earlier build of the same scope in this job must not leak into this one
  await rm(cacheDir, { recursive: true, force: true });
  await rm(nextDir, { recursive: true, force: true });
  await mkdir(path.dirname(cacheDir), { recursive: true });
  // for the save step: whose layers a slim cache may leave out (the registry gives them back)
  await writeFile(baseImagesFile(cacheDir), `${JSON.stringify(inputs.baseImages ?? [])}\n`);

  log.info(`Build cache key: ${keys.primaryKey} (falls back to the newest ${keys.restoreKeys[0]}*)`);
  const outcome = await withDeadline(
    () => deps.service.restore([cacheDir], keys.primaryKey, [...keys.restoreKeys]),
    timeoutMs,
  );
  let restoredKey: string | undefined;
  if (outcome.kind === 'done') {
    restoredKey = outcome.value;
  } else if (outcome.kind === 'timedOut') {
    log.warning(
      `Restoring the build cache took longer than ${Math.round(timeoutMs / 1000)} s: building without it.`,
    );
  } else {
    log.warning(`Could not restore the build cache (${describeError(outcome.error)}): building without it.`);
  }

  let fromDir: string | undefined;
  if (restoredKey !== undefined) {
    if (await exists(path.join(buildkitDir(cacheDir), 'index.json'))) {
      fromDir = buildkitDir(cacheDir);
      log.info(
        `Restored build cache ${restoredKey}${restoredKey === keys.primaryKey ? ' (exact hit)' : ''}.`,
      );
    } else {
      log.warning(`The restored cache ${restoredKey} holds no BuildKit cache: building without it.`);
      restoredKey = undefined;
    }
  } else if (outcome.kind === 'done') {
    log.info('No build cache for this scope yet: this build runs cold and saves one.');
  }
  const exactHit = restoredKey === keys.primaryKey;

  const buildxCommand = inputs.buildxCommand ?? DEFAULT_BUILDX_COMMAND;
  // with the builder known, a slim cache is checked now (else by restoredCacheUsable, later)
  if (fromDir && !inputs.deferCacheMounts) {
    const usable = await usableHere(
      cacheDir,
      restoredKey ?? '',
      !exactHit,
      buildxCommand,
      timeoutMs,
      deps.run,
    );
    if (!usable) fromDir = undefined;
  }
  const carryMounts =
    inputs.cacheMounts && inputs.cacheMountsPlan.length > 0 && inputs.helperImage !== undefined;

  // On an exact hit nothing will be saved, so exporting a new cache would only cost time.
  const flags = localCacheFlags({
    ...(fromDir ? { fromDir } : {}),
    ...(exactHit ? {} : { toDir: buildkitDir(nextDir) }),
  });
  const state: ActionsCacheSaveState = {
    mode: 'actions',
    primaryKey: keys.primaryKey,
    ...(restoredKey !== undefined ? { restoredKey } : {}),
    cacheDir,
    nextDir,
    mounts: carryMounts ? inputs.cacheMountsPlan : [],
    ...(inputs.helperImage !== undefined ? { helperImage: inputs.helperImage } : {}),
    buildxCommand,
    timeoutMs,
  };
  if (!inputs.deferCacheMounts) await fillMounts(state, deps.run);
  return result(flags, state, { primaryKey: keys.primaryKey, ...(restoredKey ? { restoredKey } : {}) });
}

/** Whether the builder can use the restored layer cache (see slim.ts); a no is a warning. */
async function usableHere(
  cacheDir: string,
  restoredKey: string,
  willExport: boolean,
  buildxCommand: readonly string[],
  timeoutMs: number,
  run: RunProcess | undefined,
): Promise<boolean> {
  const check = await checkRestoredCache(cacheDir, {
    buildxCommand,
    timeoutMs,
    willExport,
    ...(run ? { run } : {}),
  });
  if (check.usable) {
    if (check.omitted) {
      const mib = check.omitted.layers.reduce((n, l) => n + l.bytes, 0) / 2 ** 20;
      log.info(
        `The restored cache leaves out ${check.omitted.layers.length} base-image layers (${mib.toFixed(1)} MiB): ` +
          `the engine holds them${check.pulled.length > 0 ? ` (pulled ${check.pulled.join(', ')})` : ''}` +
          `${willExport ? '; put back from the engine, as this build exports a new cache' : ''}.`,
      );
    }
    return true;
  }
  log.warning(
    `The restored build cache ${restoredKey} can't be used here: ${check.reason}. Building without it.`,
  );
  return false;
}

/**
 * For a caller that restored with `deferCacheMounts`: whether the builder it chose can use the
 * restored layer cache. When not, drop `restoredCacheFrom(saveState)` from the build's flags.
 */
export async function restoredCacheUsable(
  saveState: string,
  buildxCommand: readonly string[],
  deps: Pick<RestoreDeps, 'run'> = {},
): Promise<boolean> {
  const state = parseSaveState(saveState);
  if (state === null || state.mode !== 'actions' || state.restoredKey === undefined) return true;
  const willExport = state.restoredKey !== state.primaryKey;
  return usableHere(state.cacheDir, state.restoredKey, willExport, buildxCommand, state.timeoutMs, deps.run);
}

/** The `--cache-from` values restore handed out for this state. */
export function restoredCacheFrom(saveState: string): readonly string[] {
  const state = parseSaveState(saveState);
  if (state === null || state.mode !== 'actions') return [];
  return localCacheFlags({ fromDir: buildkitDir(state.cacheDir) }).cacheFrom;
}

/** Copies the restored mount contents into the builder's cache mounts; a failure is a warning. */
async function fillMounts(state: ActionsCacheSaveState, run: RunProcess | undefined): Promise<void> {
  if (state.restoredKey === undefined || state.mounts.length === 0 || state.helperImage === undefined) return;
  try {
    const filled = await injectCacheMounts({
      mounts: state.mounts,
      helperImage: state.helperImage,
      buildxCommand: state.buildxCommand,
      timeoutMs: state.timeoutMs,
      fromDir: mountsDir(state.cacheDir),
      ...(run ? { run } : {}),
    });
    if (filled.length > 0) log.info(`Filled RUN cache mounts from the cache: ${filled.join(', ')}.`);
  } catch (e) {
    log.warning(
      `Could not fill the RUN cache mounts (${describeError(e)}): the build downloads packages again.`,
    );
  }
}

/**
 * The second half of a restore made with `deferCacheMounts`: fill the RUN cache mounts of the
 * builder the build will use, and return the save state updated to extract them from that
 * builder after the build.
 */
export async function fillCacheMounts(
  saveState: string,
  buildxCommand: readonly string[],
  deps: Pick<RestoreDeps, 'run'> = {},
): Promise<string> {
  const state = parseSaveState(saveState);
  if (state === null || state.mode !== 'actions') return saveState;
  const updated: ActionsCacheSaveState = { ...state, buildxCommand };
  await fillMounts(updated, deps.run);
  return serializeSaveState(updated);
}
