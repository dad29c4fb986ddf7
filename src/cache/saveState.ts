/**
 * What restore hands to save, across the main→post boundary as one JSON string (the action
 * keeps it in its state). Parsing is defensive: a post step must never fail on a bad state.
 */
import path from 'node:path';
import type { CacheMount } from '../compiler/index.js';

export type CacheMode = 'actions' | 'gha' | 'none';

export interface ActionsCacheSaveState {
  readonly mode: 'actions';
  readonly primaryKey: string;
  /** The key the service matched, if any (the primary key = exact hit: nothing to save). */
  readonly restoredKey?: string;
  readonly cacheDir: string;
  readonly nextDir: string;
  /** Mounts to extract after the build; empty when mount carrying is off. */
  readonly mounts: readonly CacheMount[];
  readonly helperImage?: string;
  readonly buildxCommand: readonly string[];
  readonly timeoutMs: number;
}

export type CacheSaveState = ActionsCacheSaveState | { readonly mode: 'gha' | 'none' };

export function serializeSaveState(state: CacheSaveState): string {
  return JSON.stringify(state);
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

function isMountList(v: unknown): v is CacheMount[] {
  return (
    Array.isArray(v) &&
    v.every(
      (m: unknown) =>
        typeof m === 'object' &&
        m !== null &&
        typeof (m as CacheMount).id === 'string' &&
        typeof (m as CacheMount).target === 'string',
    )
  );
}

/** null for an empty or unreadable state (main failed before restoring, or an old action). */
export function parseSaveState(text: string): CacheSaveState | null {
  if (!text.trim()) return null;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  if (o.mode === 'gha' || o.mode === 'none') return { mode: o.mode };
  if (
    o.mode !== 'actions' ||
    typeof o.primaryKey !== 'string' ||
    typeof o.cacheDir !== 'string' ||
    typeof o.nextDir !== 'string' ||
    !isMountList(o.mounts) ||
    !isStringArray(o.buildxCommand) ||
    typeof o.timeoutMs !== 'number'
  ) {
    return null;
  }
  return {
    mode: 'actions',
    primaryKey: o.primaryKey,
    ...(typeof o.restoredKey === 'string' ? { restoredKey: o.restoredKey } : {}),
    cacheDir: o.cacheDir,
    nextDir: o.nextDir,
    mounts: o.mounts,
    ...(typeof o.helperImage === 'string' ? { helperImage: o.helperImage } : {}),
    buildxCommand: o.buildxCommand,
    timeoutMs: o.timeoutMs,
  };
}

/** What post knows without state: where main keeps the cache, and the buildx command it would run. */
export interface SaveStateTrust {
  /** The cache's work dir, `$RUNNER_TEMP/microb-cache` (see actionPhases.ts). */
  readonly workDir: string;
  /** Rebuilt by post from the inputs and a checked builder name; never read from state. */
  readonly buildxCommand: readonly string[];
}

// a scope is one path segment of cacheScope's slugs; a mount id/target goes into a generated
// Dockerfile's --mount field, an image into a FROM line: nothing that could end a field or a line
const SCOPE = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,250}$/;
const MOUNT_FIELD = /^[A-Za-z0-9_./-]{1,200}$/;
const IMAGE = /^[A-Za-z0-9][A-Za-z0-9._/:@-]{0,250}$/;
const KEY = /^[\x21-\x7e]{1,512}$/;
const MAX_TIMEOUT_MS = 60 * 60_000;

/**
 * The save state as post may act on it, or null: post deletes `cacheDir`, renames `nextDir`
 * and runs builds with the mounts and helper image, so each must be what main can have written —
 * the two directories of one scope under the cache's work dir — and the buildx command is the
 * trusted one, whatever the state says.
 */
export function trustedSaveState(text: string, trust: SaveStateTrust): ActionsCacheSaveState | null {
  const state = parseSaveState(text);
  if (state === null || state.mode !== 'actions') return null;
  const workDir = path.resolve(trust.workDir);
  const scope = path.basename(path.dirname(state.cacheDir));
  const ok =
    SCOPE.test(scope) &&
    state.cacheDir === path.join(workDir, scope, 'cache') &&
    state.nextDir === path.join(workDir, scope, 'next') &&
    KEY.test(state.primaryKey) &&
    (state.restoredKey === undefined || KEY.test(state.restoredKey)) &&
    state.mounts.every((m) => MOUNT_FIELD.test(m.id) && MOUNT_FIELD.test(m.target)) &&
    (state.helperImage === undefined || IMAGE.test(state.helperImage)) &&
    Number.isInteger(state.timeoutMs) &&
    state.timeoutMs > 0 &&
    state.timeoutMs <= MAX_TIMEOUT_MS;
  return ok ? { ...state, buildxCommand: [...trust.buildxCommand] } : null;
}
