/**
 * The build cache on a real engine, with the real @actions/cache client talking to a local
 * stand-in for the runner's cache service (twirp API + azurite on 127.0.0.1).
 *
 * "Fresh runner" here means: an empty cache directory on disk, and an engine that has
 * forgotten this test's builds. The daemon is shared with other test files and engineers, so
 * instead of pruning the builder, the test deletes exactly the records its own builds made
 * (see support/cache-service/freshRunner.ts), and a control build without the restored cache
 * proves the engine really forgot the dependency step before run 2 claims a hit.
 */
import { formatPlatform, hostPlatform } from '../../src/docker/platforms.js';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheScope, restoreBuildCache, saveBuildCache, type CacheInputs } from '../../src/cache/index.js';
import { DANCE_PATHS } from '../../src/cache/cacheMounts.js';
import { cacheLayout, mountDirName } from '../../src/cache/layout.js';
import { captureStdout } from '../support/cache-service/annotations.js';
import {
  ciRun,
  indexSecretArgs,
  stepCached,
  writeSampleProject,
  type CiRunOptions,
} from '../support/cache-service/ciRun.js';
import {
  buildRecordIds,
  buildRecords,
  pruneCacheMount,
  pruneRecords,
  recordsOfBuild,
} from '../support/cache-service/freshRunner.js';
import { startCacheService, type CacheServiceStandIn } from '../support/cache-service/index.js';
import {
  buildx,
  dockerRun,
  ensureE2E,
  makeWheel,
  removeImages,
  startPrivateIndex,
  tempDir,
  uniqueTag,
  type PrivateIndex,
  type TempDir,
} from './support/index.js';

const DEPS_STEP = '[deps 1/1] RUN';
const scopeOf = (target: string) => cacheScope(target, [], formatPlatform(hostPlatform()));
/** One package of this test file's own, so the dependency layers are this file's alone. */
const PROBE = `microb-cache-probe-${randomBytes(4).toString('hex')}`;
const DEPS = ['requests', 'click', PROBE];
const PROBE_MODULE = PROBE.replace(/-/g, '_');

describe('build cache on a real engine through a local stand-in for the runner cache service', () => {
  let index: PrivateIndex;
  let service: CacheServiceStandIn;
  let work: TempDir;
  let restoreEnv: () => void;
  /** Only this file's builds spell out this address (the index's port): see freshRunner.ts. */
  let tokens: string[];
  const tags: string[] = [];
  /** Every engine record this file's builds made, deleted again at the end. */
  const made = new Set<string>();

  /** Runs a build and notes the engine records it made; returns them with the result. */
  async function traced<T extends { readonly log: string }>(
    build: () => Promise<T>,
  ): Promise<T & { records: string[] }> {
    const before = await buildRecordIds();
    const result = await build();
    const records = recordsOfBuild(await buildRecords(), before, {
      tokens,
      log: result.log,
      // the cache-mount builds of restore and save, which leave copies of the mounts behind
      markers: DANCE_PATHS,
    }).map((r) => r.id);
    for (const id of records) made.add(id);
    return { ...result, records };
  }

  beforeAll(async () => {
    await ensureE2E();
    work = await tempDir('microb-e2e-cache-');
    index = await startPrivateIndex({ wheels: [await makeWheel(work.path, PROBE, '1.0.0')] });
    service = await startCacheService();
    tokens = [`127.0.0.1:${index.port}/`];
    await mkdir(path.join(work.path, 'workspace'), { recursive: true });
    await mkdir(path.join(work.path, 'runner-temp'), { recursive: true });
    restoreEnv = service.applyEnv({
      GITHUB_WORKSPACE: path.join(work.path, 'workspace'),
      RUNNER_TEMP: path.join(work.path, 'runner-temp'),
    });
  });

  afterAll(async () => {
    restoreEnv?.();
    await removeImages(...tags);
    // leave the shared engine as we found it
    await pruneRecords([...made]).catch(() => undefined);
    await service?.stop();
    await index?.stop();
    await work?.cleanup();
  });

  const runOpts = (
    name: string,
    project: CiRunOptions['project'],
    over: Partial<CiRunOptions> = {},
  ): CiRunOptions => {
    const tag = uniqueTag(`cache-${name}`);
    tags.push(tag);
    return {
      project,
      tag,
      // one directory per test: it enters the cache version, so tests never restore each other's
      workDir: path.join(work.path, 'runner-temp', `microb-cache-${name}`),
      secrets: indexSecretArgs(index.user, index.password),
      ...over,
    };
  };

  it('round trip: cold run saves, a fresh runner restores it and the dependency step is CACHED', async () => {
    const project = await writeSampleProject(path.join(work.path, 'roundtrip'), {
      name: 'cache-roundtrip',
      indexUrl: index.url,
      dependencies: DEPS,
    });
    const opts = runOpts('roundtrip', project);

    const run1 = await traced(() => ciRun(opts));
    expect(run1.restored.cacheHit).toBe(false);
    expect(run1.restored.restoredKey).toBe('');
    expect(stepCached(run1.log, DEPS_STEP)).toBe(false);
    expect(run1.saved.saved).toBe(true);
    expect(service.entries().map((e) => e.key)).toContain(run1.restored.primaryKey);
    // the RUN cache mounts of the plan were copied out next to the layer cache
    const { cacheDir } = cacheLayout(opts.workDir, scopeOf('default'));
    const mounts = await readdir(path.join(cacheDir, 'mounts'));
    for (const m of run1.generated.result.plan.cacheMounts) expect(mounts).toContain(mountDirName(m.id));

    // the fresh runner's engine: forget run 1, and prove it with a build that has no cache to restore
    await pruneRecords(run1.records);
    const control = await traced(async () => {
      const r = await buildx(
        [
          '--progress=plain',
          '-f',
          run1.generated.dockerfilePath,
          ...opts.secrets.args,
          '--output',
          'type=cacheonly',
          project.dir,
        ],
        { env: opts.secrets.env, timeoutMs: 10 * 60_000 },
      );
      expect(r.code).toBe(0);
      return { log: `${r.stdout}\n${r.stderr}` };
    });
    expect(stepCached(control.log, DEPS_STEP)).toBe(false);
    await pruneRecords(control.records);

    const run2 = await traced(() => ciRun(opts));
    expect(run2.restored.cacheHit).toBe(true);
    expect(run2.restored.restoredKey).toBe(run1.restored.primaryKey);
    expect(run2.log).toMatch(/importing cache manifest from local/);
    expect(stepCached(run2.log, DEPS_STEP)).toBe(true);
    expect(run2.saved.saved).toBe(false); // exact hit: the service already holds this cache
    expect((await dockerRun(opts.tag)).stdout.trim()).toBe(
      `cache-roundtrip r0 total=190 deps=requests,click,${PROBE_MODULE}`,
    );
  });

  it('the saved cache stays bounded over 5 runs with changing sources (fresh export, swapped in)', async () => {
    const dir = path.join(work.path, 'bounded');
    const write = (i: number) =>
      writeSampleProject(dir, {
        name: 'cache-bounded',
        indexUrl: index.url,
        dependencies: DEPS,
        revision: `r${i}`,
        // 8 MiB of fresh random bytes each run: layers a growing cache could not hide. The asset
        // lands in one layer per run (the copied package), so 4 runs must add more than 10 % of
        // the cache for the control below to see growth (the entry leaves the base images' layers
        // out, ~9 MiB; it was ~200 MiB with them, where 4 x 4 MiB did not show).
        assetBytes: 8 * 1024 * 1024,
      });
    let project = await write(1);
    // the sources are part of this test's key, so every run saves (restoring the previous
    // run's cache by prefix): the worst case for growth
    const assets = path.join(project.dir, 'src', project.module, 'assets.bin');
    // layer cache only: the RUN cache mounts are shared by every build on this daemon, and
    // other people's builds filling them would make the sizes drift for reasons of their own
    const opts = (p: typeof project) =>
      runOpts('bounded', p, {
        cacheMounts: false,
        keyFiles: [p.pyproject, path.join(p.dir, '.microb', 'default.Dockerfile'), assets],
      });
    const sizes: number[] = [];
    const blobsSeen = new Map<string, number>();
    const keys: string[] = [];
    for (let i = 1; i <= 5; i++) {
      if (i > 1) project = await write(i);
      const o = opts(project);
      const run = await traced(() => ciRun(o));
      expect(run.saved.saved).toBe(true);
      if (i > 1) expect(run.restored.restoredKey).toBe(keys.at(-1));
      keys.push(run.restored.primaryKey);
      sizes.push(run.saved.sizeBytes ?? 0);
      const blobs = path.join(
        cacheLayout(o.workDir, scopeOf('default')).cacheDir,
        'buildkit',
        'blobs',
        'sha256',
      );
      for (const b of await readdir(blobs)) blobsSeen.set(b, (await stat(path.join(blobs, b))).size);
    }
    const [, second, ...later] = sizes as [number, number, ...number[]];
    for (const s of later) expect(Math.abs(s - second) / second).toBeLessThanOrEqual(0.1);
    // what the service stores agrees (compressed archives)
    const stored = keys.map((k) => service.entries().find((e) => e.key === k)?.sizeBytes ?? 0);
    for (const s of stored.slice(2)) expect(Math.abs(s - stored[1]!) / stored[1]!).toBeLessThanOrEqual(0.1);
    // and the test can tell: exporting into the restored directory would have kept every blob
    const union = [...blobsSeen.values()].reduce((a, b) => a + b, 0);
    expect(union).toBeGreaterThan(second * 1.1);
    console.log(
      `saved cache per run (MiB): ${sizes.map((s) => (s / 2 ** 20).toFixed(1)).join(', ')}; ` +
        `archives: ${stored.map((s) => (s / 2 ** 20).toFixed(1)).join(', ')}; all blobs ever: ${(union / 2 ** 20).toFixed(1)}`,
    );
  });

  it('RUN cache mount contents travel with the cache to a runner whose engine never had them', async () => {
    // a mount id of this test's own, so forgetting it touches nobody else's cache
    const id = `microb-e2e-probe-${index.port}`;
    const target = '/var/cache/microb-probe';
    const dir = path.join(work.path, 'mounts');
    await mkdir(dir, { recursive: true });
    const dockerfile = path.join(dir, 'Dockerfile');
    await writeFile(
      dockerfile,
      [
        'FROM python:3.11-slim',
        'ARG PROBE_NONCE',
        `RUN --mount=type=cache,id=${id},target=${target} \\`,
        `    if [ -f ${target}/seen ]; then echo "MOUNT-WARM from $(cat ${target}/seen)"; ` +
          `else echo MOUNT-COLD; echo "$PROBE_NONCE" > ${target}/seen; fi`,
        '',
      ].join('\n'),
    );
    const inputs = (cacheMounts: boolean): CacheInputs => ({
      mode: 'actions',
      cacheMounts,
      target: 'probe',
      platforms: [],
      keyFiles: [dockerfile],
      cacheMountsPlan: [{ id, target }],
      workDir: path.join(work.path, 'runner-temp', 'microb-cache-mounts'),
      helperImage: 'python:3.11-slim',
    });
    /**
     * One CI run of the probe: restore (fills the mount when told to), build, save. The nonce is
     * new on every call: BuildKit leaves cache mounts out of a RUN's cache key, so an earlier
     * run of this test with the same argument would answer the RUN from the cache.
     */
    const probeRun = (label: string, cacheMounts: boolean) =>
      traced(async () => {
        await rm(inputs(true).workDir, { recursive: true, force: true });
        const restored = await restoreBuildCache(inputs(cacheMounts));
        const r = await buildx(
          [
            '--progress=plain',
            '-f',
            dockerfile,
            '--build-arg',
            `PROBE_NONCE=${label}-${randomBytes(6).toString('hex')}`,
            ...restored.buildxArgs,
            '--output',
            'type=cacheonly',
            dir,
          ],
          { timeoutMs: 5 * 60_000 },
        );
        expect(r.code).toBe(0);
        const saved = await saveBuildCache(restored.saveState);
        const log = `${r.stdout}\n${r.stderr}`;
        // what the RUN printed (the step title also spells out both words)
        const said = /^#\d+ [\d.]+ (MOUNT-\w+.*)$/m.exec(log)?.[1] ?? '';
        return { restored, saved, log, said };
      });
    try {
      const run1 = await probeRun('run1', true);
      expect(run1.said).toBe('MOUNT-COLD');
      expect(run1.saved.saved).toBe(true);

      // a fresh runner's engine has no such mount: without carrying it, the RUN starts cold
      expect(await pruneCacheMount(id)).toBe(1);
      const control = await probeRun('control', false);
      expect(control.restored.cacheHit).toBe(true);
      expect(control.said).toBe('MOUNT-COLD');

      expect(await pruneCacheMount(id)).toBe(1);
      const run3 = await probeRun('run3', true);
      expect(run3.restored.cacheHit).toBe(true);
      expect(run3.said).toMatch(/^MOUNT-WARM from run1-[0-9a-f]{12}$/);
    } finally {
      await pruneCacheMount(id);
    }
  });

  it('cache service down: warnings only, the build runs cold and succeeds', async () => {
    const project = await writeSampleProject(path.join(work.path, 'down'), {
      name: 'cache-down',
      indexUrl: index.url,
      dependencies: DEPS,
    });
    await service.setFault({ kind: 'down' });
    const out = captureStdout({ echo: true });
    try {
      const run = await traced(() => ciRun(runOpts('down', project)));
      expect(run.restored.cacheFrom).toEqual([]);
      expect(run.saved.saved).toBe(false);
      expect((await dockerRun(run.tag)).stdout).toContain('cache-down r0');
    } finally {
      out.restore();
      await service.setFault({ kind: 'ok' });
    }
    const warnings = out.warnings().join('\n');
    expect(warnings).toMatch(/Failed to restore: .*ECONNREFUSED/);
    expect(warnings).toMatch(/The build cache was not saved/);
    expect(out.errors()).toEqual([]);
  });
});
