/**
 * The action's main step: the phases of phases/index.ts in order, each in its own log group. Failures end as one
 * `::error::` annotation — on the pyproject line for configuration errors — never a stack trace.
 */
import * as core from '@actions/core';
import { log } from '../log/workflowLog.js';
import { mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../compiler/index.js';
import { createGitHubApi } from '../github/client.js';
import { actionsCacheService } from '../cache/actionsCache.js';
import { runProcess } from '../process/runner.js';
import type { MainContext, MainHost, ResolvedHost, RunContext } from './context.js';
import { ReportedError } from './context.js';
import { readInputs } from './inputs.js';
import { MAIN_PHASES, MERGE_PHASE, type MainPhases } from './phases/index.js';
import { writeRunSummary } from './phases/outputs.js';
import { releaseWithoutEvent } from './phases/tagsAndLabels.js';
import { ActionState, runnerStateStore, runnerTemp, TEMP_DIR_PREFIX } from './state.js';

export { MAIN_PHASES };

const runnerHost: ResolvedHost = {
  state: runnerStateStore,
  setOutput: (name, value) => core.setOutput(name, value),
  run: runProcess,
  github: (token) => createGitHubApi({ token }),
  cache: actionsCacheService,
};

/** `file` of an annotation: relative to the workspace, which is how GitHub places it on the diff. */
function annotationPath(file: string): string {
  const workspace = process.env.GITHUB_WORKSPACE;
  if (!workspace || !path.isAbsolute(file)) return file;
  const rel = path.relative(workspace, file);
  return rel.startsWith('..') ? file : rel;
}

function reportFailure(e: unknown): void {
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

/**
 * Runs the phases in order, each in its own log group: generate, then each phase whose `when`
 * holds, with what the earlier ones produced. A fan-in's merge job (`merge-digests`) is its
 * one phase instead.
 */
export async function runMain(host: MainHost = runnerHost, phases: MainPhases = MAIN_PHASES): Promise<void> {
  let ctx: MainContext | undefined;
  try {
    const state = new ActionState(host.state);
    const tempDir = await mkdtemp(path.join(runnerTemp(), TEMP_DIR_PREFIX));
    state.setTempDir(tempDir);
    const run: RunContext = {
      inputs: readInputs(),
      host: { ...runnerHost, ...host },
      state,
      tempDir,
      report: { phaseTimings: [] },
    };
    if (run.inputs.mergeDigests) {
      await core.group(MERGE_PHASE.name, () => MERGE_PHASE.run(run));
      return;
    }
    const [generate, ...rest] = phases;
    const project = await timed(run, generate.name, () => generate.run(run));
    // each product starts as what its phase being skipped means
    let current: MainContext = {
      ...run,
      project,
      release: releaseWithoutEvent({ inputs: run.inputs, project }),
      request: { secrets: { sources: [], env: {}, missing: [], unused: [] } },
      cacheFrom: [],
      cacheTo: [],
      builder: undefined,
      pushOutputs: undefined,
      sshAuthSock: undefined,
      outcome: undefined,
    };
    ctx = current;
    for (const phase of rest) {
      if (phase.when && !phase.when(current)) continue;
      const input = current;
      const made = await timed(run, phase.name, () => phase.run(input));
      current = { ...current, ...made };
      ctx = current;
    }
  } catch (e) {
    reportFailure(e);
    // the summary of a failed run: which phase, and its last lines (a summary failing too changes nothing)
    if (ctx) await writeRunSummary(ctx).catch(() => undefined);
  }
}

/** One phase in its log group, its time and (when it throws) its failure in the run's report. */
async function timed<T>(run: RunContext, name: string, phase: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    const made = await core.group(name, phase);
    run.report.phaseTimings.push({ name, durationMs: Date.now() - started, status: 'ok' });
    return made;
  } catch (e) {
    run.report.phaseTimings.push({ name, durationMs: Date.now() - started, status: 'failed' });
    run.report.failure ??= { phase: name, message: errorMessage(e), lastLines: [] };
    throw e;
  }
}

function errorMessage(e: unknown): string {
  if (e instanceof ConfigError) return e.hint ? `${e.problem}\nhint: ${e.hint}` : e.problem;
  return e instanceof Error ? e.message : String(e);
}
