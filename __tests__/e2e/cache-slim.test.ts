/**
 * The slim cache on a real engine (docker driver, containerd image store), with the real
 * @actions/cache client against the local stand-in for the runner's cache service:
 * - the saved entry leaves out the base images' blobs, and a fresh engine that has the base
 *   images still finds every dependency step in it: a source-only change runs only the
 *   project's COPY (BuildKit's own log);
 * - a slim cache that the builder can't complete is not used (a warning, never a failure);
 * - the carried RUN cache mounts are pruned by age and size before they are saved.
 * "Fresh engine" as in cache.test.ts: the test deletes exactly the records its builds made.
 */
import { formatPlatform, hostPlatform } from '../../src/docker/platforms.js';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheScope, restoreBuildCache, saveBuildCache, type CacheInputs } from '../../src/cache/index.js';
import { DANCE_PATHS } from '../../src/cache/cacheMounts.js';
import { cacheLayout, mountDirName } from '../../src/cache/layout.js';
import { restoredCacheFrom, restoredCacheUsable } from '../../src/cache/restoreImpl.js';
import { OMITTED_FILE, readOmitted } from '../../src/cache/slim.js';
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
import { stepsRun } from './compiler/harness.js';
import {
  buildx,
  dockerRun,
  ensureE2E,
  makeWheel,
  removeImages,
  runOk,
  startPrivateIndex,
  tempDir,
  uniqueTag,
  type PrivateIndex,
  type TempDir,
} from './support/index.js';

const DEPS_STEP = '[deps 1/1] RUN';
const scopeOf = (target: string) => cacheScope(target, [], formatPlatform(hostPlatform()));
const PROBE = `cache-slim-probe-${randomBytes(4).toString('hex')}`;
const DEPS = ['requests', 'click', PROBE];

async function diffIds(ref: string): Promise<string[]> {
  return JSON.parse(
    (await runOk('docker', ['image', 'inspect', '--format', '{{json .RootFS.Layers}}', ref])).stdout,
  ) as string[];
}

describe('slim build cache: base-image blobs left out, cache mounts bounded', () => {
  let index: PrivateIndex;
  let service: CacheServiceStandIn;
  let work: TempDir;
  let restoreEnv: () => void;
  let tokens: string[];
  const tags: string[] = [];
  const made = new Set<string>();

  async function traced<T extends { readonly log: string }>(
    build: () => Promise<T>,
  ): Promise<T & { records: string[] }> {
    const before = await buildRecordIds();
    const result = await build();
    const records = recordsOfBuild(await buildRecords(), before, {
      tokens,
      log: result.log,
      markers: DANCE_PATHS,
    }).map((r) => r.id);
    for (const id of records) made.add(id);
    return { ...result, records };
  }

  beforeAll(async () => {
    await ensureE2E();
    work = await tempDir('microb-e2e-cache-slim-');
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
    await pruneRecords([...made]).catch(() => undefined);
    await service?.stop();
    await index?.stop();
    await work?.cleanup();
  });

  const runOpts = (name: string, project: CiRunOptions['project']): CiRunOptions => {
    const tag = uniqueTag(`cache-slim-${name}`);
    tags.push(tag);
    return {
      project,
      tag,
      workDir: path.join(work.path, 'runner-temp', `microb-cache-slim-${name}`),
      secrets: indexSecretArgs(index.user, index.password),
    };
  };

  it('saves no base-image blob; a source-only change on a fresh engine runs only the sources steps', async () => {
    const project = await writeSampleProject(path.join(work.path, 'slim'), {
      name: 'cache-slim',
      indexUrl: index.url,
      dependencies: DEPS,
      revision: 'r1',
    });
    const opts = runOpts('roundtrip', project);
    const run1 = await traced(() => ciRun(opts));
    expect(run1.saved.saved).toBe(true);

    // what was left out is exactly the layers of the two base images, and their blobs are gone
    const { cacheDir } = cacheLayout(opts.workDir, scopeOf('default'));
    const omitted = await readOmitted(cacheDir);
    const base = [...(await diffIds('python:3.11')), ...(await diffIds('python:3.11-slim'))];
    expect(omitted?.images).toEqual(['python:3.11', 'python:3.11-slim']);
    expect(omitted?.layers.map((l) => l.diffId).sort()).toEqual([...new Set(base)].sort());
    const blobs = await readdir(path.join(cacheDir, 'buildkit', 'blobs', 'sha256'));
    for (const l of omitted?.layers ?? []) expect(blobs).not.toContain(l.digest.slice('sha256:'.length));
    const omittedBytes = (omitted?.layers ?? []).reduce((n, l) => n + l.bytes, 0);
    // the base layers were almost all of it: the entry is now a small fraction of them
    expect(run1.saved.sizeBytes ?? Infinity).toBeLessThan(omittedBytes / 10);
    const archive = service.entries().find((e) => e.key === run1.restored.primaryKey)?.sizeBytes ?? 0;
    expect(archive).toBeGreaterThan(0);
    expect(archive).toBeLessThan(omittedBytes / 10);

    // a fresh engine: forget run 1, and prove it with a build that has no cache to restore
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

    // a source-only change (the key stays: sources are not in it), then the next CI run
    await writeFile(path.join(project.dir, 'src', project.module, '__init__.py'), 'REVISION = "r2"\n');
    const run2 = await traced(() => ciRun(opts));
    expect(run2.restored.restoredKey).toBe(run1.restored.primaryKey);
    expect(run2.log).toMatch(/importing cache manifest from local/);
    expect(stepCached(run2.log, DEPS_STEP)).toBe(true);
    // the changed package copied, its modes made readable, copied into the image: no pip
    expect(stepsRun(run2.log)).toEqual([
      `[sources 1/2] COPY src/${project.module} /opt/microb/project/${project.module}`,
      expect.stringMatching(/^\[sources 2\/2\] RUN find \/opt\/microb\/project ! -type l -exec chmod/),
      expect.stringMatching(
        /^\[image \d+\/\d+\] COPY --from=sources --link \/opt\/microb\/project \/opt\/microb\/project$/,
      ),
    ]);
    expect((await dockerRun(opts.tag)).stdout).toContain('cache-slim r2 total=190');
  });

  it('after a slim restore by prefix, a fresh engine still exports and saves a new entry', async () => {
    const project = await writeSampleProject(path.join(work.path, 'prefix'), {
      name: 'cache-slim-prefix',
      indexUrl: index.url,
      dependencies: DEPS,
    });
    // one more key file, so the second run misses the exact key and restores by prefix
    const extra = path.join(project.dir, 'microb-key-extra.txt');
    await writeFile(extra, 'v1\n');
    const opts: CiRunOptions = {
      ...runOpts('prefix', project),
      keyFiles: [project.pyproject, path.join(project.dir, '.microb', 'default.Dockerfile'), extra],
    };
    const run1 = await traced(() => ciRun(opts));
    expect(run1.saved.saved).toBe(true);
    await pruneRecords(run1.records);

    await writeFile(extra, 'v2\n');
    await writeFile(path.join(project.dir, 'src', project.module, '__init__.py'), 'REVISION = "p2"\n');
    const out = captureStdout({ echo: true });
    let run2;
    try {
      run2 = await traced(() => ciRun(opts));
    } finally {
      out.restore();
    }
    expect(run2.restored.restoredKey).toBe(run1.restored.primaryKey);
    expect(run2.restored.cacheHit).toBe(false);
    // BuildKit's exporter reads the restored chains' blobs: without them put back from the
    // engine, the export fails (`error writing layer blob: … not found`) and nothing is saved
    expect(run2.log).not.toMatch(/error writing layer blob/);
    expect(run2.saved.saved).toBe(true);
    expect(stepCached(run2.log, DEPS_STEP)).toBe(true);
    expect(out.lines.join('\n')).toMatch(/put back from the engine, as this build exports a new cache/);
    // and the new entry is slim again
    const { cacheDir } = cacheLayout(opts.workDir, scopeOf('default'));
    expect((await readOmitted(cacheDir))?.layers.length).toBeGreaterThan(0);
    expect(out.warnings()).toEqual([]);
  });

  it('a slim cache the builder cannot complete is not used: a warning, and the build goes on', async () => {
    const project = await writeSampleProject(path.join(work.path, 'unusable'), {
      name: 'cache-slim-unusable',
      indexUrl: index.url,
      dependencies: DEPS,
    });
    const opts = runOpts('unusable', project);
    const run1 = await traced(() => ciRun(opts));
    expect(run1.saved.saved).toBe(true);

    const inputs: CacheInputs = {
      mode: 'actions',
      cacheMounts: false,
      target: run1.generated.result.target,
      platforms: [],
      keyFiles: [project.pyproject, run1.generated.dockerfilePath],
      cacheMountsPlan: [],
      workDir: opts.workDir,
      deferCacheMounts: true,
    };
    const { cacheDir } = cacheLayout(opts.workDir, scopeOf('default'));
    const out = captureStdout({ echo: true });
    try {
      // the engine lacks a layer the entry left out (its image is not here, nor pullable)
      const restored = await restoreBuildCache(inputs);
      expect(restored.cacheHit).toBe(true);
      const omitted = await readOmitted(cacheDir);
      const absent = `microb-cache-slim-absent-${randomBytes(4).toString('hex')}:latest`;
      await writeFile(
        path.join(cacheDir, OMITTED_FILE),
        JSON.stringify({
          images: [...(omitted?.images ?? []), absent],
          layers: [...(omitted?.layers ?? []), { digest: 'sha256:00', diffId: 'sha256:00', bytes: 1 }],
        }),
      );
      expect(await restoredCacheUsable(restored.saveState, ['docker', 'buildx'])).toBe(false);
      expect(restoredCacheFrom(restored.saveState)).toEqual(restored.cacheFrom);

      // a builder that is not the docker driver (here: none by that name) never uses a slim cache
      const again = await restoreBuildCache(inputs);
      expect(
        await restoredCacheUsable(again.saveState, [
          'docker',
          'buildx',
          '--builder',
          'microb-no-such-builder',
        ]),
      ).toBe(false);
      // the untouched slim cache is fine on the docker driver
      expect(await restoredCacheUsable(again.saveState, ['docker', 'buildx'])).toBe(true);
    } finally {
      out.restore();
    }
    const warnings = out.warnings().join('\n');
    expect(warnings).toMatch(
      /can't be used here: the engine lacks 1 of the base-image layers .*microb-cache-slim-absent-/,
    );
    expect(warnings).toMatch(/only the docker driver finds in the engine \(this builder: unknown\)/);
    expect(out.errors()).toEqual([]);
  });

  it('carried RUN cache mounts are pruned by age and size before saving', async () => {
    const id = `microb-e2e-slim-prune-${index.port}`;
    const target = '/var/cache/microb-prune';
    const dir = path.join(work.path, 'prune');
    await mkdir(dir, { recursive: true });
    const dockerfile = path.join(dir, 'Dockerfile');
    // old.bin: downloaded 60 days ago; a.bin (newest) and b.bin, 1 MiB each; c.bin older still
    await writeFile(
      dockerfile,
      [
        'FROM python:3.11-slim',
        'ARG PROBE_NONCE',
        `RUN --mount=type=cache,id=${id},target=${target} \\`,
        `    echo "HAVE: $(cd ${target} && ls | sort | tr '\\n' ' ')"; ` +
          `if [ ! -f ${target}/a.bin ]; then ` +
          `head -c 1048576 /dev/urandom > ${target}/c.bin && touch -d '3 days ago' ${target}/c.bin && ` +
          `head -c 1048576 /dev/urandom > ${target}/b.bin && touch -d '2 days ago' ${target}/b.bin && ` +
          `head -c 1048576 /dev/urandom > ${target}/a.bin && ` +
          `echo old > ${target}/old.bin && touch -d '60 days ago' ${target}/old.bin; fi`,
        '',
      ].join('\n'),
    );
    const inputs: CacheInputs = {
      mode: 'actions',
      cacheMounts: true,
      target: 'prune',
      platforms: [],
      keyFiles: [dockerfile],
      cacheMountsPlan: [{ id, target }],
      workDir: path.join(work.path, 'runner-temp', 'microb-cache-slim-prune'),
      helperImage: 'python:3.11-slim',
    };
    const probeRun = (label: string) =>
      traced(async () => {
        await rm(inputs.workDir, { recursive: true, force: true });
        const restored = await restoreBuildCache(inputs);
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
        // 30 days, and 2.5 MiB a mount: a.bin and b.bin fit, c.bin (the oldest) does not
        const saved = await saveBuildCache(restored.saveState, {
          mountLimits: { maxAgeMs: 30 * 86_400_000, maxBytes: 2.5 * 2 ** 20 },
        });
        const log = `${r.stdout}\n${r.stderr}`;
        return { saved, log, said: /^#\d+ [\d.]+ HAVE: (.*)$/m.exec(log)?.[1]?.trim() ?? '' };
      });
    try {
      const run1 = await probeRun('run1');
      expect(run1.said).toBe('');
      expect(run1.saved.saved).toBe(true);
      const carried = path.join(
        cacheLayout(inputs.workDir, scopeOf('prune')).cacheDir,
        'mounts',
        mountDirName(id),
      );
      expect((await readdir(carried)).sort()).toEqual(['a.bin', 'b.bin']);

      // a fresh engine without the mount: what it gets back is the pruned set
      expect(await pruneCacheMount(id)).toBe(1);
      const run2 = await probeRun('run2');
      expect(run2.said).toBe('a.bin b.bin');
      // the Dockerfile's sha is the key: run 2 was an exact hit and saved nothing new
      expect(run2.saved.saved).toBe(false);
      expect(await readFile(path.join(carried, 'a.bin'))).toHaveLength(2 ** 20);
    } finally {
      await pruneCacheMount(id);
    }
  });
});
