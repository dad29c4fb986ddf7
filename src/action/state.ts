/**
 * Main↔post state, and the only module that touches it. Main records each resource the
 * moment it exists (not at the end), so post cleans up whatever a failed main left behind.
 */
import * as core from '@actions/core';
import { State } from './constants.js';

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
  /** What the build cache's save step needs (src/cache), as one JSON string. */
  readonly cacheSaveState?: string;
}

export class ActionState {
  constructor(private readonly store: StateStore = runnerStateStore) {}

  setTempDir(dir: string): void {
    this.store.save(State.TempDir, dir);
  }

  setSshAgentPid(pid: number): void {
    this.store.save(State.SshAgentPid, String(pid));
  }

  setCreatedBuilder(name: string): void {
    this.store.save(State.CreatedBuilder, name);
  }

  setCacheSaveState(json: string): void {
    this.store.save(State.CacheSaveState, json);
  }

  read(): PostState {
    const pid = Number(this.store.get(State.SshAgentPid));
    const tempDir = this.store.get(State.TempDir);
    const createdBuilder = this.store.get(State.CreatedBuilder);
    const cacheSaveState = this.store.get(State.CacheSaveState);
    return {
      ...(tempDir ? { tempDir } : {}),
      ...(Number.isInteger(pid) && pid > 0 ? { sshAgentPid: pid } : {}),
      ...(createdBuilder ? { createdBuilder } : {}),
      ...(cacheSaveState ? { cacheSaveState } : {}),
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
