/**
 * The action's main step: an ordered list of phases, each in its own log group. Adding a step
 * (restoring a cache, commenting on a PR) is one line in MAIN_PHASES. Failures end as one
 * `::error::` annotation — on the pyproject line for configuration errors — never a stack trace.
 */
import * as core from '@actions/core';
import { log } from '../log/workflowLog.js';
import { mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { FILL_CACHE_MOUNTS_PHASE, RESTORE_CACHE_PHASE } from './phases/cachePhases.js';
import { ConfigError } from '../compiler/index.js';
import {
  MERGE_PHASES,
  PULL_REQUEST_COMMENT_PHASE,
  PUSH_BY_DIGEST_PHASE,
  TAGS_AND_LABELS_PHASE,
} from './phases/githubPhases.js';
import type { MainContext, MainHost, Phase } from './context.js';
import { ReportedError } from './context.js';
import { readInputs } from './inputs.js';
import { build, report } from './phases/build.js';
import { generateDockerfile } from './phases/generate.js';
import { checkBuildRequest } from './phases/request.js';
import { checkEngine, chooseBuilder, setupBuildx, setupQemu, setupSsh } from './phases/setup.js';
import { ActionState, runnerStateStore, runnerTemp, TEMP_DIR_PREFIX } from './state.js';

const building = (ctx: MainContext): boolean => !ctx.inputs.dryRun;

export const MAIN_PHASES: readonly Phase[] = [
  { name: 'Generate the Dockerfile', run: generateDockerfile },
  TAGS_AND_LABELS_PHASE,
  { name: 'Check the build request', when: building, run: checkBuildRequest },
  { name: 'Docker engine', when: building, run: checkEngine },
  { name: 'Set up buildx', when: building, run: setupBuildx },
  { name: 'Set up QEMU', when: (ctx) => building(ctx) && ctx.inputs.platforms.length > 0, run: setupQemu },
  // before the builder is chosen: whether it must export a cache decides whether the docker driver will do
  RESTORE_CACHE_PHASE,
  { name: 'Choose the builder', when: building, run: chooseBuilder },
  FILL_CACHE_MOUNTS_PHASE,
  PUSH_BY_DIGEST_PHASE,
  { name: 'SSH agent', when: building, run: setupSsh },
  { name: 'Build', when: building, run: build },
  { name: 'Outputs and summary', run: report },
  PULL_REQUEST_COMMENT_PHASE,
];

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
  try {
    const state = new ActionState(host.state);
    const tempDir = await mkdtemp(path.join(runnerTemp(), TEMP_DIR_PREFIX));
    state.setTempDir(tempDir);
    const ctx: MainContext = {
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
    };
    ctx.tags = [...ctx.inputs.tags];
    for (const phase of phases ?? (ctx.inputs.mergeDigests ? MERGE_PHASES : MAIN_PHASES)) {
      if (phase.when && !phase.when(ctx)) continue;
      await core.group(phase.name, () => phase.run(ctx));
    }
  } catch (e) {
    reportFailure(e);
  }
}
