/**
 * What restore hands to save, across the main→post boundary as one JSON string (the action
 * keeps it in its state). Parsing is defensive: a post step must never fail on a bad state.
 */
import type { CacheMount } from '../core/index.js';

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
