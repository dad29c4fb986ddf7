/**
 * Carry the contents of RUN cache mounts (pip's, apt's) across runners. BuildKit never exports
 * them with --cache-to, so a fresh runner would download every package again whenever the
 * dependency layer is rebuilt. Two tiny builds on the same builder move them in and out
 * (the "cache dance"):
 * - inject, before the main build: a RUN that mounts each cache by the same id the generated
 *   Dockerfile uses, with the restored directory bind-mounted from the build context, and
 *   copies the files in;
 * - extract, after it: a RUN that mounts the caches and copies them into a stage that the
 *   local exporter writes to disk.
 * A cache mount is identified by its id alone, so the ids must be the plan's (plan.cacheMounts).
 * Both RUNs declare a per-run nonce ARG so they are never answered from the build cache; not
 * --no-cache, which would hand the RUN fresh, empty cache mounts.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CacheMount } from '../compiler/index.js';
// the quoting module itself, not the compiler's index: post loads this file, and the index would
// bring the whole compiler (its TOML parsers, PEP 440) into post's bundle
import { mountFlag, shellQuote } from '../compiler/dockerfile/quote.js';
import { runProcess, type RunProcess } from '../process/runner.js';
import { csvField } from './buildxCacheArgs.js';
import { mountDirName } from './layout.js';

const NONCE_ARG = 'MICROB_CACHE_DANCE_NONCE';
const RESTORED = '/microb-restored';
const COLLECTED = '/microb-collected';
/** Paths only these builds use: they name the builds' steps in the builder's records. */
export const DANCE_PATHS: readonly string[] = [RESTORED, COLLECTED];

/*
 * These are Dockerfile lines, written with the compiler's quoting (the generated Dockerfile's):
 * BuildKit reads each mount's id back exactly as it reads the generated Dockerfile's, and no
 * value can carry a line break into the RUN line.
 */

/** `sharing=locked`, as the generated Dockerfile mounts apt's caches: never two writers at once. */
function cacheMountFlag(m: CacheMount): string {
  return mountFlag([
    ['type', 'cache'],
    ['id', m.id],
    ['target', m.target],
    ['sharing', 'locked'],
  ]);
}

/** One RUN that copies each restored directory into its cache mount. */
export function injectDockerfile(helperImage: string, mounts: readonly CacheMount[]): string {
  const copies = mounts.map((m) => {
    const from = `${RESTORED}/${mountDirName(m.id)}`;
    return `if [ -d ${shellQuote(from)} ]; then cp -a ${shellQuote(`${from}/.`)} ${shellQuote(`${m.target}/`)}; fi`;
  });
  return [
    '# microb: fill RUN cache mounts from a restored Actions cache',
    `FROM ${helperImage}`,
    `ARG ${NONCE_ARG}`,
    `RUN ${mounts.map(cacheMountFlag).join(' ')} ${mountFlag([
      ['type', 'bind'],
      ['target', RESTORED],
    ])} \\`,
    `    ${copies.join(' && ')}`,
    '',
  ].join('\n');
}

/** One RUN that copies each cache mount into a directory named for its id, exported alone. */
export function extractDockerfile(helperImage: string, mounts: readonly CacheMount[]): string {
  const copies = mounts.map((m) => {
    const to = `${COLLECTED}/${mountDirName(m.id)}`;
    return `mkdir -p ${shellQuote(to)} && cp -a ${shellQuote(`${m.target}/.`)} ${shellQuote(`${to}/`)}`;
  });
  return [
    '# microb: copy RUN cache mounts out of the builder for the Actions cache',
    `FROM ${helperImage} AS collect`,
    `ARG ${NONCE_ARG}`,
    `RUN ${mounts.map(cacheMountFlag).join(' ')} \\`,
    `    ${copies.join(' && ')}`,
    'FROM scratch',
    `COPY --from=collect ${COLLECTED}/ /`,
    '',
  ].join('\n');
}

export interface DanceOptions {
  readonly mounts: readonly CacheMount[];
  /** An image with `sh` and `cp` that the builder already has (the build's own builder image). */
  readonly helperImage: string;
  /** The buildx command, e.g. `["docker", "buildx"]` or with `--builder NAME`. */
  readonly buildxCommand: readonly string[];
  readonly timeoutMs: number;
  readonly run?: RunProcess;
}

async function dance(opts: DanceOptions, dockerfile: string, output: string, context: string): Promise<void> {
  const [file, ...prefix] = opts.buildxCommand;
  if (!file) throw new Error('empty buildx command');
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'microb-cache-dance-'));
  try {
    const dockerfilePath = path.join(scratch, 'Dockerfile');
    await writeFile(dockerfilePath, dockerfile);
    const args = [
      ...prefix,
      'build',
      '--file',
      dockerfilePath,
      '--progress=plain',
      // these RUNs only copy files: no network, and no attestations to compute
      '--network=none',
      '--provenance=false',
      '--build-arg',
      `${NONCE_ARG}=${randomBytes(8).toString('hex')}`,
      '--output',
      output,
      context,
    ];
    const result = await (opts.run ?? runProcess)(file, args, { timeoutMs: opts.timeoutMs });
    if (result.exitCode !== 0) {
      const why = result.timedOut ? `timed out after ${opts.timeoutMs} ms` : `exit code ${result.exitCode}`;
      const tail = (result.stderr || result.stdout).trim().split('\n').slice(-8).join('\n');
      throw new Error(`${file} ${prefix.join(' ')} build ${why}${tail ? `:\n${tail}` : ''}`);
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Whether a directory holds at least one file, however deep (an empty mount carries nothing). */
async function holdsFiles(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir, { withFileTypes: true, recursive: true })).some((e) => e.isFile());
  } catch {
    return false;
  }
}

/**
 * The plan's mounts that the restored directory holds contents for. A mount saved empty is
 * skipped: filling it would cost a build on the builder for nothing.
 */
async function restoredMounts(fromDir: string, mounts: readonly CacheMount[]): Promise<CacheMount[]> {
  const present: CacheMount[] = [];
  for (const m of mounts) if (await holdsFiles(path.join(fromDir, mountDirName(m.id)))) present.push(m);
  return present;
}

/** Copies `fromDir/<mount dir>/` into each cache mount; returns the ids it filled. */
export async function injectCacheMounts(
  opts: DanceOptions & { readonly fromDir: string },
): Promise<string[]> {
  const present = await restoredMounts(opts.fromDir, opts.mounts);
  if (present.length === 0) return [];
  await dance(opts, injectDockerfile(opts.helperImage, present), 'type=cacheonly', opts.fromDir);
  return present.map((m) => m.id);
}

/** Writes each cache mount's contents to `toDir/<mount dir>/` (toDir must not exist yet). */
export async function extractCacheMounts(opts: DanceOptions & { readonly toDir: string }): Promise<void> {
  if (opts.mounts.length === 0) return;
  const context = await mkdtemp(path.join(os.tmpdir(), 'microb-cache-dance-ctx-'));
  try {
    const output = ['type=local', `dest=${opts.toDir}`].map(csvField).join(',');
    await dance(opts, extractDockerfile(opts.helperImage, opts.mounts), output, context);
  } finally {
    await rm(context, { recursive: true, force: true });
  }
}
