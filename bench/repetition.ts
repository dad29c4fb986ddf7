/**
 * One repetition of the benchmark for one Dockerfile variant, on a project instance of its own:
 *
 *   cold build → no-change rebuild ×2 → first CI run's cache export + save → source-only
 *   rebuild ×2 → image size, start time → then twice a fresh runner (the engine's records of
 *   this repetition deleted, no cache directory): restore the cache and build, once with the
 *   sources as saved, once after a source change.
 *
 * "Cold" must really be cold on a daemon that other people share and that has built similar
 * projects: each repetition builds on base images of its own (the real ones plus one tiny
 * layer, swapped in with --build-context, so every cache key differs) and depends on a wheel
 * made for it (so even content-keyed COPY --link layers are new).
 */
import { formatPlatform, hostPlatform } from '../src/docker/platforms.js';
import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DANCE_PATHS } from '../src/cache/cacheMounts.js';
import { cacheScope, restoreBuildCache, saveBuildCache, type CacheInputs } from '../src/cache/index.js';
import { cacheLayout } from '../src/cache/layout.js';
import {
  stepCached,
  writeSampleProject,
  type SampleProject,
} from '../__tests__/support/cache-service/ciRun.js';
import {
  buildRecordIds,
  buildRecords,
  pruneRecords,
  recordsOfBuild,
} from '../__tests__/support/cache-service/freshRunner.js';
import { buildx, makeWheel, removeImages, type PrivateIndex } from '../__tests__/e2e/support/index.js';
import { entryBreakdown, type EntryBreakdown } from './breakdown.js';
import { imageBytes, insideImage, timed, timedBuild } from './measure.js';
import type { IndexCredentials, Variant } from './variants.js';

export const SCRIPT = 'bench-app';

export interface Sample {
  readonly cold: number;
  readonly noChange: number[];
  readonly sourceOnly: number[];
  /** The extra time of the first run's build with --cache-to, over a plain cold build's. */
  readonly exportBuild: number;
  /** Post step: cache mounts out, archive, upload. */
  readonly save: number;
  readonly savedBytes: number;
  /** The saved entry's compressed archive, as the cache service stores it. */
  readonly archiveBytes: number;
  /** What the saved entry holds, by origin (and what it left out). */
  readonly entry: EntryBreakdown;
  /** Fresh runner: download and unpack, fill cache mounts. */
  readonly restore: number;
  /** Fresh runner: the build with the restored cache, the sources as saved. */
  readonly restoredRerun: number;
  /** Fresh runner: the build with the restored cache, after a source change. */
  readonly restoredBuild: number;
  readonly depsCachedOnFreshRunner: boolean;
  /** The engine's figure: with the containerd image store, the compressed layers. */
  readonly imageBytes: number;
  /** The unpacked file system, as `du` sees it in a container. */
  readonly rootfsBytes: number;
  readonly startMs: number;
}

export interface BenchContext {
  readonly work: string;
  readonly index: PrivateIndex;
  readonly credentials: IndexCredentials;
  readonly dependencies: readonly string[];
  /** The stored archive's size for a key (the stand-in cache service's figure). */
  readonly archiveBytes: (key: string) => number;
}

async function editSource(project: SampleProject, revision: string): Promise<void> {
  // a content change: BuildKit hashes contents, so `touch` would change nothing
  await writeFile(
    path.join(project.dir, 'src', project.module, '__init__.py'),
    `REVISION = ${JSON.stringify(revision)}\n`,
  );
}

async function baseOverride(ref: string, nonce: string): Promise<{ tag: string; args: string[] }> {
  const tag = `microb-bench-base-${nonce}-${ref.replace(/[^a-z0-9]+/g, '-')}:latest`;
  // a layer of its own: BuildKit keys an image by its layers, so a new label alone would change nothing
  const r = await buildx(['-q', '-t', tag, '--load', '-'], {
    input: `FROM ${ref}\nRUN echo ${nonce} > /etc/microb-bench-nonce\n`,
    timeoutMs: 120_000,
  });
  if (r.code !== 0) throw new Error(`could not tag a base image for ${ref}: ${r.stderr}`);
  return { tag, args: ['--build-context', `${ref}=docker-image://${tag}`] };
}

export async function runRepetition(ctx: BenchContext, variant: Variant, label: string): Promise<Sample> {
  const nonce = randomBytes(4).toString('hex');
  const before = await buildRecordIds();
  const probe = `bench-probe-${nonce}`;
  await ctx.index.addFile(await makeWheel(ctx.work, probe, '1.0.0'));
  const dependencies = [...ctx.dependencies, probe];
  const project = await writeSampleProject(path.join(ctx.work, `${label}-${nonce}`), {
    name: SCRIPT,
    indexUrl: ctx.index.url,
    dependencies,
    revision: 'a',
  });
  const prepared = await variant.prepare(project, ctx.credentials, dependencies);
  const bases = [
    await baseOverride(prepared.baseImages.builder, nonce),
    await baseOverride(prepared.baseImages.final, nonce),
  ];
  const tag = `microb-bench-${nonce}:latest`;
  const build = (extra: readonly string[] = []) =>
    timedBuild(
      [
        '-f',
        prepared.dockerfile,
        ...prepared.secretArgs,
        ...bases.flatMap((b) => b.args),
        '-t',
        tag,
        '--load',
        ...extra,
        project.dir,
      ],
      prepared.env,
    );
  const logs: string[] = [];
  const trace = () => ({
    tokens: [`127.0.0.1:${ctx.index.port}/`, probe],
    log: logs.join('\n'),
    markers: DANCE_PATHS,
  });
  const forget = async () =>
    pruneRecords(recordsOfBuild(await buildRecords(), before, trace()).map((r) => r.id));

  try {
    const cold = await build();
    logs.push(cold.log);
    const noChange = [await build(), await build()];

    const inputs: CacheInputs = {
      mode: 'actions',
      cacheMounts: true,
      target: label,
      platforms: [],
      keyFiles: [project.pyproject, prepared.dockerfile],
      cacheMountsPlan: prepared.cacheMounts,
      workDir: path.join(ctx.work, 'runner-temp', `cache-${label}-${nonce}`),
      helperImage: prepared.helperImage,
      // what the build starts FROM here: the per-repetition base images
      baseImages: bases.map((b) => b.tag),
    };
    // the first CI run: the same build with --cache-to, then the post step
    const first = await restoreBuildCache(inputs);
    const exported = await build(first.buildxArgs);
    logs.push(exported.log);
    const save = await timed(() => saveBuildCache(first.saveState));
    const { cacheDir } = cacheLayout(inputs.workDir, cacheScope(label, [], formatPlatform(hostPlatform())));
    const entry = await entryBreakdown(cacheDir, inputs.baseImages ?? [], prepared.layerRules);

    const sourceOnly: number[] = [];
    for (const rev of ['b', 'c']) {
      await editSource(project, rev);
      const b = await build();
      logs.push(b.log);
      sourceOnly.push(b.seconds);
    }
    const size = await imageBytes(tag);
    const { startMs, rootfsBytes } = await insideImage(tag, SCRIPT);

    // a fresh runner: an engine without this project's records, a disk without the cache
    const freshRunner = async (revision: string) => {
      await forget();
      await rm(inputs.workDir, { recursive: true, force: true });
      await editSource(project, revision);
      const restore = await timed(() => restoreBuildCache(inputs));
      const restored = await build(restore.value.buildxArgs);
      logs.push(restored.log);
      await saveBuildCache(restore.value.saveState);
      const depsCached = restore.value.restoredKey !== '' && stepCached(restored.log, prepared.depsStep);
      return { restore: restore.seconds, build: restored.seconds, depsCached };
    };
    // the same commit again (a re-run), then a new one (a source change since the save)
    const rerun = await freshRunner('a');
    const changed = await freshRunner('d');

    return {
      cold: cold.seconds,
      noChange: noChange.map((b) => b.seconds),
      sourceOnly,
      exportBuild: exported.seconds,
      save: save.seconds,
      savedBytes: save.value.sizeBytes ?? 0,
      archiveBytes: ctx.archiveBytes(first.primaryKey),
      entry,
      restore: changed.restore,
      restoredRerun: rerun.build,
      restoredBuild: changed.build,
      depsCachedOnFreshRunner: rerun.depsCached && changed.depsCached,
      imageBytes: size,
      rootfsBytes,
      startMs,
    };
  } finally {
    await forget().catch(() => undefined);
    await removeImages(tag, ...bases.map((b) => b.tag));
    await rm(project.dir, { recursive: true, force: true });
  }
}
