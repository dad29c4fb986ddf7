/**
 * The action's post step (`post-if: always()`): undo what main set up, whatever happened to
 * main. Every cleanup runs even when an earlier one fails; a failed cleanup is a warning, not
 * a failed job. State is checked before anything acts on it (state.ts); what post does is also
 * bounded by the inputs, which it gets like main: a dry run creates no builder, agent or cache.
 */
import * as core from '@actions/core';
import { rm } from 'node:fs/promises';
import { removeBuilder } from '../docker/buildx/builder.js';
import { saveCacheCleanup } from './phases/saveCache.js';
import { log } from '../log/workflowLog.js';
import { killAgent } from '../ssh/agent.js';
import { actionsCacheService } from '../cache/actionsCache.js';
import { runProcess } from '../process/runner.js';
import type { Cleanup, PostHost, PostInputs } from './context.js';
import { Inputs } from './constants.js';
import { ActionState, runnerStateStore, type StateStore } from './state.js';

function readPostInputs(): PostInputs {
  return {
    dryRun: core.getInput(Inputs.DryRun).trim().toLowerCase() === 'true',
    cache: core.getInput(Inputs.Cache).trim().toLowerCase(),
    builder: core.getInput(Inputs.Builder).trim(),
  };
}

const runnerPostHost: PostHost = { run: runProcess, cache: actionsCacheService };

const POST_CLEANUPS: readonly Cleanup[] = [
  // first: it reads the RUN cache mounts from the builder removed below
  saveCacheCleanup,
  {
    name: 'ssh-agent',
    run: async (s, inputs) => {
      if (!s.sshAgentPid || inputs.dryRun) return undefined;
      return (await killAgent(s.sshAgentPid))
        ? `stopped ssh-agent (pid ${s.sshAgentPid})`
        : `ssh-agent (pid ${s.sshAgentPid}) had already exited`;
    },
  },
  {
    name: 'builder',
    run: async (s, inputs, host) => {
      if (!s.createdBuilder || inputs.dryRun) return undefined;
      await removeBuilder(s.createdBuilder, host.run);
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

export async function runPost(
  store: StateStore = runnerStateStore,
  cleanups = POST_CLEANUPS,
  inputs: PostInputs = readPostInputs(),
  host: PostHost = runnerPostHost,
): Promise<void> {
  const state = new ActionState(store).read();
  if (state.ignored.length > 0) {
    log.warning(`post ignored state it did not recognise as main's: ${state.ignored.join(', ')}`);
  }
  for (const c of cleanups) {
    try {
      const did = await c.run(state, inputs, host);
      if (did) log.info(did);
    } catch (e) {
      log.warning(`cleanup of ${c.name} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
