/**
 * The action's post step (`post-if: always()`): undo what main set up, whatever happened to
 * main. Every cleanup runs even when an earlier one fails; a failed cleanup is a warning, not
 * a failed job.
 */
import * as core from '@actions/core';
import { rm } from 'node:fs/promises';
import { removeBuilder } from '../buildx/builder.js';
import { SAVE_CACHE_CLEANUP } from '../cache/actionPhases.js';
import { killAgent } from '../ssh/agent.js';
import { ActionState, type PostState, runnerStateStore, type StateStore } from './state.js';

export interface Cleanup {
  readonly name: string;
  /** Returns what it did, for the log; undefined = nothing to do. */
  readonly run: (s: PostState) => Promise<string | undefined>;
}

export const POST_CLEANUPS: readonly Cleanup[] = [
  // first: it reads the RUN cache mounts from the builder removed below
  SAVE_CACHE_CLEANUP,
  {
    name: 'ssh-agent',
    run: async (s) => {
      if (!s.sshAgentPid) return undefined;
      return (await killAgent(s.sshAgentPid))
        ? `stopped ssh-agent (pid ${s.sshAgentPid})`
        : `ssh-agent (pid ${s.sshAgentPid}) had already exited`;
    },
  },
  {
    name: 'builder',
    run: async (s) => {
      if (!s.createdBuilder) return undefined;
      await removeBuilder(s.createdBuilder);
      return `removed builder ${s.createdBuilder}`;
    },
  },
  {
    name: 'temp files',
    run: async (s) => {
      if (!s.tempDir) return undefined;
      await rm(s.tempDir, { recursive: true, force: true });
      return `removed ${s.tempDir}`;
    },
  },
];

export async function runPost(store: StateStore = runnerStateStore, cleanups = POST_CLEANUPS): Promise<void> {
  const state = new ActionState(store).read();
  for (const c of cleanups) {
    try {
      const did = await c.run(state);
      if (did) core.info(did);
    } catch (e) {
      core.warning(`cleanup of ${c.name} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
