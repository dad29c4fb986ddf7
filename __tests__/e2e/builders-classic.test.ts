/**
 * The builder decisions on an engine like GitHub's hosted runners have — the classic image
 * store (scripts/e2e/classic-engine.sh, a second dockerd) — and the same requests on the main
 * engine (containerd image store), with the bundled action run as the runner runs it.
 *
 * The action's default path on GitHub: `cache: actions` exports a BuildKit cache, which the
 * docker driver can't on the classic store, so the action creates a docker-container builder
 * (the local moby/buildkit:buildx-stable-1 compiled from Debian), builds with it, saves the cache
 * and removes the builder in post. Such a builder does not see the engine's images: it pulls
 * python:3.11(-slim) from "Docker Hub" — here a local registry the test fills with the local base
 * images and names as the docker.io mirror in $BUILDX_CONFIG/buildkitd.default.toml, which buildx
 * applies to every builder it creates without a config of its own (as the action's are).
 * The runner's cache service is the local stand-in (support/cache-service).
 */
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCacheService, type CacheServiceStandIn } from '../support/cache-service/index.js';
import { stepCached, writeSampleProject } from '../support/cache-service/ciRun.js';
import { errorLines, expectSucceeded, MINUTE, runAction, type ActionRun } from './support/actionRunner.js';
import {
  adoptDockerHubImages,
  buildxConfigWithMirror,
  classicEngine,
  pushBaseImagesAsDockerHub,
  type ClassicEngine,
} from './support/engines.js';
import {
  dockerRun,
  ensureE2E,
  REPO_ROOT,
  run,
  startPrivateIndex,
  startRegistry,
  tempDir,
  type LocalRegistry,
  type PrivateIndex,
  type TempDir,
} from './support/index.js';

const ID = Date.now().toString(36);

interface Descriptor {
  platform?: { architecture: string; os: string };
  annotations?: Record<string, string>;
}

describe('the builder decisions on the classic image store and on the containerd store', () => {
  let classic: ClassicEngine;
  let registry: LocalRegistry;
  let index: PrivateIndex;
  let service: CacheServiceStandIn;
  let work: TempDir;
  let buildxConfig: string;
  let secrets: string;
  const classicImages: string[] = [];
  const mainImages: string[] = [];

  beforeAll(async () => {
    if (!existsSync(path.join(REPO_ROOT, 'dist/main/index.js')))
      throw new Error('dist/ missing: run npm run package');
    await ensureE2E();
    [classic, registry, work] = await Promise.all([
      classicEngine(),
      startRegistry(),
      tempDir('microb-e2e-classic-'),
    ]);
    await pushBaseImagesAsDockerHub(registry.host);
    // the classic engine holds what "Docker Hub" serves, as a runner's engine holds what it pulled
    await adoptDockerHubImages(classic.env, registry.host);
    buildxConfig = await buildxConfigWithMirror(path.join(work.path, 'buildx'), registry.host);
    [index, service] = await Promise.all([startPrivateIndex(), startCacheService()]);
    secrets = `index-user=${index.user}\nindex-password=${index.password}`;
  }, 30 * MINUTE);

  afterAll(async () => {
    if (classic) {
      for (const tag of classicImages) await run('docker', ['rmi', tag], { env: classicEnv() });
      // builders a failed test left (post removes the action's): only ours, in our BUILDX_CONFIG
      const ls = await run('docker', ['buildx', 'ls', '--format', '{{.Name}}'], { env: classicEnv() });
      for (const name of ls.stdout.split('\n').filter((n) => /^microb-\d+-[0-9a-f]{6}$/.test(n)))
        await run('docker', ['buildx', 'rm', name], { env: classicEnv() });
    }
    for (const tag of mainImages) await run('docker', ['rmi', tag]);
    await Promise.all([registry?.stop(), index?.stop(), service?.stop()]);
    await classic?.stop();
    await work?.cleanup();
  });

  /** The classic engine, buildx state (and the docker.io mirror) private to this test. */
  const classicEnv = (): Record<string, string> => ({ ...classic.env, BUILDX_CONFIG: buildxConfig });

  async function project(name: string, dependencies: string[] = []): Promise<string> {
    const p = await writeSampleProject(path.join(work.path, name), {
      name,
      indexUrl: index.url,
      dependencies,
      modules: 2,
    });
    return path.dirname(p.pyproject);
  }

  const createdBuilder = (r: ActionRun): string | undefined =>
    /Creating docker-container builder (microb-\d+-[0-9a-f]{6}): /.exec(r.main.stdout)?.[1];

  describe('classic store (like GitHub-hosted runners)', () => {
    it(
      'default path: cache actions → a docker-container builder is created, used and removed in post; ' +
        'image loaded, cache saved; a fresh runner restores it on a new one, the deps step cached',
      async () => {
        const dir = await project('classic-default', ['requests']);
        const tag = `microb-e2e-classic-default-${ID}:1`;
        classicImages.push(tag);
        const inputs = { tags: tag, load: 'true', network: 'host', secrets };
        // RUNNER_TEMP is one path on every run of a runner (the cache's work dir under it is part of
        // the entry's version); each run here starts with it empty, as a fresh runner does
        const runnerTemp = path.join(work.path, 'runner-temp-default');
        const fresh = async (): Promise<Record<string, string>> => {
          await rm(runnerTemp, { recursive: true, force: true });
          await mkdir(runnerTemp, { recursive: true });
          return { ...service.env, ...classicEnv(), RUNNER_TEMP: runnerTemp };
        };
        const seen: Record<string, string> = {};
        const run1 = await runAction(inputs, {
          workspace: dir,
          env: await fresh(),
          timeoutMs: 15 * MINUTE,
          // between main and post: the builder main created is there, running, and built this
          betweenSteps: async (state) => {
            const name = state.createdBuilder ?? '';
            seen.name = name;
            const inspect = await run('docker', ['buildx', 'inspect', name], { env: classicEnv() });
            seen.inspect = inspect.stdout;
            const ps = await run(
              'docker',
              ['ps', '--filter', `name=^buildx_buildkit_${name}0$`, '--format', '{{.Names}}'],
              { env: classicEnv() },
            );
            seen.container = ps.stdout.trim();
          },
        });
        expectSucceeded(run1);
        const name = createdBuilder(run1);
        expect(name, run1.main.stdout.slice(-3000)).toBeDefined();
        expect(run1.main.stdout).toContain(
          "the docker driver without the containerd image store can't do cache export",
        );
        expect(seen.name).toBe(name);
        expect(seen.inspect).toMatch(/Driver:\s+docker-container/);
        expect(seen.inspect).toMatch(/Status:\s+running/);
        expect(seen.inspect).toMatch(/BuildKit version:\s+v\d+\.\d+\.\d+\+debian/);
        expect(seen.container).toBe(`buildx_buildkit_${name}0`);
        // the build ran on it: the docker.io images came through the mirror, the cache went out
        expect(run1.main.stdout).toMatch(/docker\.io\/library\/python:3\.11-slim/);
        expect(run1.main.stdout).toMatch(/exporting cache/);
        // post: the cache saved (whole: this driver keeps no base images in the engine), builder gone
        expect(run1.post.stdout).toMatch(/Saved build cache microb-buildkit-v1-default-/);
        expect(run1.post.stdout).toContain('Saving the whole layer cache: the docker-container driver');
        expect(run1.post.stdout).toContain(`removed builder ${name}`);
        const after = await run('docker', ['buildx', 'inspect', name ?? ''], { env: classicEnv() });
        expect(after.code).not.toBe(0);
        const left = await run('docker', ['ps', '-a', '--format', '{{.Names}}'], { env: classicEnv() });
        expect(left.stdout).not.toContain(`buildx_buildkit_${name}`);
        const volumes = await run('docker', ['volume', 'ls', '--format', '{{.Name}}'], { env: classicEnv() });
        expect(volumes.stdout).not.toContain(`buildx_buildkit_${name}`);
        expect(run1.outputs['cache-hit']).toBe('false');
        expect(service.entries()).toHaveLength(1);
        // the image is in the classic engine and runs
        const out = await dockerRun(tag, [], { env: classicEnv() });
        expect(out.stdout).toContain('classic-default r0');

        // a fresh runner: the exact key is restored and nothing is exported, but the import needs
        // the BuildKit that exported it (the engine's misses every RUN --mount step): a builder again
        const run2 = await runAction(inputs, {
          workspace: dir,
          env: await fresh(),
          timeoutMs: 15 * MINUTE,
        });
        expectSucceeded(run2);
        expect(run2.outputs['cache-hit']).toBe('true');
        const name2 = createdBuilder(run2);
        expect(name2).toBeDefined();
        expect(name2).not.toBe(name);
        expect(run2.main.stdout).toContain('the restored cache was exported by a docker-container builder');
        expect(run2.post.stdout).toContain(`removed builder ${name2}`);
        expect(run2.main.stdout).toMatch(/importing cache manifest from local/);
        expect(
          stepCached(run2.main.stdout, '[deps 1/1] RUN'),
          run2.main.stdout
            .split('\n')
            .filter((l) => /^#\d+ (\[|CACHED|DONE|importing)/.test(l))
            .join('\n'),
        ).toBe(true);
        expect(run2.post.stdout).toMatch(/restored exactly: not saving it again/);
        expect(service.entries()).toHaveLength(1);
        expect((await dockerRun(tag, [], { env: classicEnv() })).stdout).toContain('classic-default r0');
        console.log(`classic default path: run 1 ${run1.mainMs} ms, run 2 ${run2.mainMs} ms`);
      },
      35 * MINUTE,
    );

    it(
      'cache none, one platform: the docker driver builds it, no builder is created',
      async () => {
        const dir = await project('classic-plain');
        const tag = `microb-e2e-classic-plain-${ID}:1`;
        classicImages.push(tag);
        const r = await runAction(
          { tags: tag, load: 'true', network: 'host', secrets, cache: 'none' },
          { workspace: dir, env: classicEnv(), timeoutMs: 10 * MINUTE },
        );
        expectSucceeded(r);
        expect(createdBuilder(r)).toBeUndefined();
        expect(r.main.stdout).toMatch(/Builder default: current builder \(docker driver\)/);
        expect(r.state.createdBuilder).toBeUndefined();
        expect((await dockerRun(tag, [], { env: classicEnv() })).stdout).toContain('classic-plain r0');
      },
      15 * MINUTE,
    );

    it(
      'two platforms pushed: a docker-container builder, one index with amd64 + arm64',
      async () => {
        const dir = await project('classic-multi');
        const repo = `e2e/classic-multi-${ID}`;
        const r = await runAction(
          {
            tags: `${registry.host}/${repo}:1`,
            push: 'true',
            network: 'host',
            secrets,
            cache: 'none',
            platforms: 'linux/amd64,linux/arm64',
          },
          { workspace: dir, env: classicEnv(), timeoutMs: 20 * MINUTE },
        );
        expectSucceeded(r);
        expect(r.main.stdout).toContain(
          "the docker driver without the containerd image store can't do multi-platform images",
        );
        const name = createdBuilder(r);
        expect(r.post.stdout).toContain(`removed builder ${name}`);
        const m = await registry.manifest(repo, '1');
        expect(m.digest).toBe(r.outputs.digest);
        const platforms = (m.body as { manifests: Descriptor[] }).manifests
          .filter((d) => d.platform?.os === 'linux')
          .map((d) => d.platform?.architecture)
          .sort();
        expect(platforms).toEqual(['amd64', 'arm64']);
      },
      25 * MINUTE,
    );

    it('two platforms loaded: refused before anything is built, with what to do instead', async () => {
      const dir = await project('classic-multi-load');
      const r = await runAction(
        {
          tags: `microb-e2e-classic-multi-load-${ID}:1`,
          load: 'true',
          network: 'host',
          secrets,
          cache: 'none',
          platforms: 'linux/amd64,linux/arm64',
        },
        { workspace: dir, env: classicEnv(), timeoutMs: 5 * MINUTE },
      );
      expect(r.main.code).toBe(1);
      const errors = errorLines(r.main);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/load.*more than one platform.*containerd image store/i);
      // refused before a builder was made or a build started
      expect(createdBuilder(r)).toBeUndefined();
      expect(r.main.stdout).not.toContain('docker buildx build');
      expect(r.post.code).toBe(0);
    });
    // buildx 0.13 refuses these only once a builder exists: "docker exporter does not currently support
    // exporting manifest lists" (docker-container) or "Attestation is not supported for the docker driver"
    it('load with provenance mode=max: refused before anything is built, with what to do instead', async () => {
      const dir = await project('classic-load-prov');
      const r = await runAction(
        {
          tags: `microb-e2e-classic-load-prov-${ID}:1`,
          load: 'true',
          network: 'host',
          secrets,
          provenance: 'mode=max',
        },
        { workspace: dir, env: { ...service.env, ...classicEnv() }, timeoutMs: 5 * MINUTE },
      );
      expect(r.main.code).toBe(1);
      const errors = errorLines(r.main);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/load: true with provenance attestations needs the containerd image store/);
      expect(errors[0]).toContain('provenance: false');
      expect(createdBuilder(r)).toBeUndefined();
      expect(r.main.stdout).not.toContain('docker buildx build');
      expect(r.post.code).toBe(0);
    });
  });

  describe('containerd store (the main engine): the same requests keep the docker driver', () => {
    it(
      'cache actions: no builder is created, the cache is exported by the docker driver',
      async () => {
        const dir = await project('main-default');
        const tag = `microb-e2e-main-default-${ID}:1`;
        mainImages.push(tag);
        const before = service.entries().length;
        const r = await runAction(
          { tags: tag, load: 'true', network: 'host', secrets },
          { workspace: dir, env: { ...service.env, BUILDX_CONFIG: buildxConfig }, timeoutMs: 10 * MINUTE },
        );
        expectSucceeded(r);
        expect(createdBuilder(r)).toBeUndefined();
        expect(r.main.stdout).toContain(
          'current builder: the docker driver with the containerd image store handles cache export',
        );
        expect(r.post.stdout).toMatch(/Saved build cache microb-buildkit-v1-default-/);
        expect(service.entries().length).toBe(before + 1);
        expect((await dockerRun(tag)).stdout).toContain('main-default r0');
      },
      15 * MINUTE,
    );

    it(
      'two platforms loaded: both in the engine, on the docker driver',
      async () => {
        const dir = await project('main-multi-load');
        const tag = `microb-e2e-main-multi-load-${ID}:1`;
        mainImages.push(tag);
        const r = await runAction(
          {
            tags: tag,
            load: 'true',
            network: 'host',
            secrets,
            cache: 'none',
            platforms: 'linux/amd64,linux/arm64',
          },
          { workspace: dir, env: { BUILDX_CONFIG: buildxConfig }, timeoutMs: 20 * MINUTE },
        );
        expectSucceeded(r);
        expect(createdBuilder(r)).toBeUndefined();
        expect(r.main.stdout).toContain(
          'the docker driver with the containerd image store handles multi-platform images',
        );
        for (const platform of ['linux/amd64', 'linux/arm64']) {
          const out = await dockerRun(tag, [], { platform });
          expect(out.stdout).toContain('main-multi-load r0');
        }
      },
      25 * MINUTE,
    );
  });
});
