/**
 * Main↔post state, and the only module that touches it. Main records each resource the
 * moment it exists (not at the end), so post cleans up whatever a failed main left behind.
 *
 * Post trusts nothing it cannot check: state is whatever reached the runner as `save-state`,
 * and a forged command (or a future bug) could put anything there. So a builder name must have
 * the shape main gives its builders, the temp dir must be one main made under RUNNER_TEMP, a pid
 * must be a number (killAgent also checks it is an ssh-agent), and the cache's save state is
 * checked by the cache cleanup against the directories main uses (src/cache/saveState.ts). No
 * command is ever read from state: post rebuilds the buildx command from the action's inputs.
 */
import * as core from '@actions/core';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { State } from './constants.js';

/** `microb-<run id>-<6 hex>`: the only builder names main creates, so the only ones post removes. */
const BUILDER_NAME = /^microb-(?:[0-9]{1,20}|local)-[0-9a-f]{6}$/;

export function newBuilderName(runId: string | undefined): string {
  const id = runId && /^[0-9]{1,20}$/.test(runId) ? runId : 'local';
  return `microb-${id}-${randomBytes(3).toString('hex')}`;
}

export const isOurBuilderName = (name: string): boolean => BUILDER_NAME.test(name);

/** mkdtemp's prefix for main's private temp dir (6 random characters follow). */
export const TEMP_DIR_PREFIX = 'microb-';

/** Where main makes its temp dir (and the cache its work dir): the runner's RUNNER_TEMP. */
export function runnerTemp(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.RUNNER_TEMP || os.tmpdir());
}

/** The build cache's work dir: stable across runs (it enters the cache entry's version); the runner empties RUNNER_TEMP after the job. */
export function cacheWorkDir(): string {
  return path.join(runnerTemp(), 'microb-cache');
}

/** A directory mkdtemp(`<RUNNER_TEMP>/microb-`) can have made, and nothing else. */
export function isOurTempDir(dir: string, tempRoot: string): boolean {
  return (
    path.isAbsolute(dir) &&
    path.dirname(dir) === tempRoot &&
    new RegExp(`^${TEMP_DIR_PREFIX}[A-Za-z0-9]{6}$`).test(path.basename(dir))
  );
}

/** Where state lives: the runner's GITHUB_STATE in production, a Map in tests. */
export interface StateStore {
  save(name: string, value: string): void;
  /** '' when unset. */
  get(name: string): string;
}

export const runnerStateStore: StateStore = {
  save: (name, value) => core.saveState(name, value),
  get: (name) => core.getState(name),
};

/** What post needs to clean up. */
export interface PostState {
  /** Our temp dir under RUNNER_TEMP (metadata/iid files). */
  readonly tempDir?: string;
  readonly sshAgentPid?: number;
  /** Name of a builder main created and post must remove. */
  readonly createdBuilder?: string;
  /** What the build cache's save step needs (src/cache), as one JSON string, still to be checked. */
  readonly cacheSaveState?: string;
  /** State names whose value failed its check, for a warning. */
  readonly ignored: readonly string[];
}

export class ActionState {
  /**
   * What this process saved: on a runner, state saved by main reaches only post (as STATE_*),
   * so a later phase of main reads it back from here.
   */
  private readonly saved = new Map<string, string>();

  constructor(
    private readonly store: StateStore = runnerStateStore,
    private readonly tempRoot: string = runnerTemp(),
  ) {}

  private save(name: string, value: string): void {
    this.saved.set(name, value);
    this.store.save(name, value);
  }

  private get(name: string): string {
    return this.saved.get(name) ?? this.store.get(name);
  }

  setTempDir(dir: string): void {
    this.save(State.TempDir, dir);
  }

  setSshAgentPid(pid: number): void {
    this.save(State.SshAgentPid, String(pid));
  }

  setCreatedBuilder(name: string): void {
    if (!isOurBuilderName(name)) throw new Error(`internal: builder name ${name} is not one main creates`);
    this.save(State.CreatedBuilder, name);
  }

  setCacheSaveState(json: string): void {
    this.save(State.CacheSaveState, json);
  }

  /** The state, each value checked; a value that fails its check is dropped and named in `ignored`. */
  read(): PostState {
    const ignored: string[] = [];
    const checked = (name: string, ok: (v: string) => boolean): string | undefined => {
      const v = this.get(name);
      if (v === '') return undefined;
      if (ok(v)) return v;
      ignored.push(name);
      return undefined;
    };
    const pid = checked(State.SshAgentPid, (v) => /^[1-9][0-9]{0,9}$/.test(v));
    const tempDir = checked(State.TempDir, (v) => isOurTempDir(v, this.tempRoot));
    const createdBuilder = checked(State.CreatedBuilder, isOurBuilderName);
    const cacheSaveState = this.get(State.CacheSaveState);
    return {
      ...(tempDir ? { tempDir } : {}),
      ...(pid ? { sshAgentPid: Number(pid) } : {}),
      ...(createdBuilder ? { createdBuilder } : {}),
      ...(cacheSaveState ? { cacheSaveState } : {}),
      ignored,
    };
  }
}

/** A Map-backed store for tests and for running main and post in one process. */
export function memoryStateStore(
  initial: Record<string, string> = {},
): StateStore & { values: Map<string, string> } {
  const values = new Map(Object.entries(initial));
  return { values, save: (n, v) => void values.set(n, v), get: (n) => values.get(n) ?? '' };
}
