/**
 * Every phase of a run, in the order main runs them; each is one file beside this one, named
 * after it. A phase is skipped when its `when` is false (most need a build, not a dry run).
 * Post's cleanups are in ../postImpl.ts (saving the cache is saveCache.ts here).
 */
import type { GeneratePhase, MergePhase, Phase } from '../context.js';
import { builderPhase } from './builder.js';
import { buildPhase } from './build.js';
import { buildxPhase } from './buildx.js';
import { enginePhase } from './engine.js';
import { fillCacheMountsPhase } from './fillCacheMounts.js';
import { generatePhase } from './generate.js';
import { mergePhase } from './merge.js';
import { outputsPhase } from './outputs.js';
import { pullRequestCommentPhase } from './pullRequestComment.js';
import { pushByDigestPhase } from './pushByDigest.js';
import { qemuPhase } from './qemu.js';
import { requestPhase } from './request.js';
import { restoreCachePhase } from './restoreCache.js';
import { sshPhase } from './ssh.js';
import { tagsAndLabelsPhase } from './tagsAndLabels.js';

/** Main's phases: generate first, which the others work on. */
export type MainPhases = readonly [GeneratePhase, ...Phase[]];

export const MAIN_PHASES: MainPhases = [
  generatePhase,
  tagsAndLabelsPhase,
  requestPhase,
  enginePhase,
  buildxPhase,
  qemuPhase,
  // before the builder is chosen: whether it must export a cache decides whether the docker driver will do
  restoreCachePhase,
  builderPhase,
  fillCacheMountsPhase,
  pushByDigestPhase,
  sshPhase,
  buildPhase,
  outputsPhase,
  pullRequestCommentPhase,
];

/** The whole of a merge run (`merge-digests`): no pyproject, no build. */
export const MERGE_PHASE: MergePhase = mergePhase;
