/**
 * The action's main step: the phases of phases/index.ts in order, each in its own log group. Failures end as one
 * `::error::` annotation — on the pyproject line for configuration errors — never a stack trace.
 */
import * as core from '@actions/core';
import { log } from '../log/workflowLog.js';
import { mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../compiler/index.js';
import type { MainContext, MainHost, Phase } from './context.js';
import { ReportedError } from './context.js';
import { readInputs } from './inputs.js';
import { MAIN_PHASES, MERGE_PHASES } from './phases/index.js';
import { writeRunSummary } from './phases/outputs.js';
import { ActionState, runnerStateStore, runnerTemp, TEMP_DIR_PREFIX } from './state.js';

export { MAIN_PHASES, MERGE_PHASES };

export const runnerHost: MainHost = {
  state: runnerStateStore,
  setOutput: (name, value) => core.setOutput(name, value),
};

/** `file` of an annotation: relative to the workspace, which is how GitHub places it on the diff. */
function annotationPath(file: string): string {
  const workspace = process.env.GITHUB_WORKSPACE;
  if (!workspace || !path.isAbsolute(file)) return file;
  const rel = path.relative(workspace, file);
  return rel.startsWith('..') ? file : rel;
}

export function reportFailure(e: unknown): void {
  process.exitCode = 1;
  if (e instanceof ReportedError) return;
  if (e instanceof ConfigError) {
    log.error(e.hint ? `${e.problem}\nhint: ${e.hint}` : e.problem, {
      title: `Invalid microb configuration (${e.field})`,
      file: annotationPath(e.location.file),
      startLine: e.location.line,
      startColumn: e.location.column,
    });
    return;
  }
  log.setFailed(e instanceof Error ? e.message : String(e));
}

/** `phases` default: MERGE_PHASES when `merge-digests` is set (a fan-in merge), else MAIN_PHASES. */
export async function runMain(host: MainHost = runnerHost, phases?: readonly Phase[]): Promise<void> {
  let ctx: MainContext | undefined;
  try {
    const state = new ActionState(host.state);
    const tempDir = await mkdtemp(path.join(runnerTemp(), TEMP_DIR_PREFIX));
    state.setTempDir(tempDir);
    ctx = {
      inputs: readInputs(),
      host,
      state,
      tempDir,
      labels: {},
      tags: [],
      contextLabels: {},
      buildEnv: {},
      cacheFrom: [],
      cacheTo: [],
      phaseTimings: [],
    };
    ctx.tags = [...ctx.inputs.tags];
    const run = ctx;
    for (const phase of phases ?? (run.inputs.mergeDigests ? MERGE_PHASES : MAIN_PHASES)) {
      if (phase.when && !phase.when(run)) continue;
      const started = Date.now();
      try {
        await core.group(phase.name, () => phase.run(run));
      } catch (e) {
        run.phaseTimings.push({ name: phase.name, durationMs: Date.now() - started, status: 'failed' });
        run.failure ??= { phase: phase.name, message: errorMessage(e), lastLines: [] };
        throw e;
      }
      run.phaseTimings.push({ name: phase.name, durationMs: Date.now() - started, status: 'ok' });
    }
  } catch (e) {
    reportFailure(e);
    // the summary of a failed run: which phase, and its last lines (a summary failing too changes nothing)
    if (ctx?.project) await writeRunSummary(ctx).catch(() => undefined);
  }
}

function errorMessage(e: unknown): string {
  if (e instanceof ConfigError) return e.hint ? `${e.problem}\nhint: ${e.hint}` : e.problem;
  return e instanceof Error ? e.message : String(e);
}
