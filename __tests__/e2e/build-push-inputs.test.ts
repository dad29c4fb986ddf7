/**
 * build-push-action's inputs, run through the bundled action (dist/) on the real engine: the ones
 * with an effect one can look at. secret-files / secret-envs carry the basic-auth index's
 * credentials to the pip RUN step's secret mounts (the install fails without them); add-hosts is
 * how that index's made-up host name resolves; annotations are read back from the pushed index;
 * cache-to writes a cache a later cache-from imports; outputs give an OCI layout whose blobs
 * verify and that loads back into the engine, and a plain directory; build-contexts replaces a
 * base image; no-cache runs every step; a failed build still writes its summary.
 * Run `npm run package` first: this tests dist/, not src/.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureE2E,
  makeWheel,
  removeImages,
  REPO_ROOT,
  run,
  runOk,
  startPrivateIndex,
  startRegistry,
  tempDir,
  writeFiles,
  type LocalRegistry,
  type PrivateIndex,
  type TempDir,
} from './support/index.js';
import { expectSucceeded, MINUTE, runAction, unmaskedLines } from './support/actionRunner.js';

const HOST = 'microb-index.invalid';

const pyproject = (indexUrl: string, deps: string[] = ['secret-dep==3.1.4']) => `[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "bpi"
version = "1.0.0"
dependencies = [${deps.map((d) => JSON.stringify(d)).join(', ')}]

[tool.microb.target.default]
python_version = "3.11"
indices = [{ url = "${indexUrl}", primary = true, trust = true, username_secret = "IDX_USER", password_secret = "IDX_PW" }]
`;

interface OciIndex {
  readonly manifests: readonly {
    readonly digest: string;
    readonly mediaType: string;
    readonly annotations?: Record<string, string>;
  }[];
  readonly annotations?: Record<string, string>;
}

describe("build-push-action's inputs on a real engine", () => {
  let index: PrivateIndex;
  let registry: LocalRegistry;
  let work: TempDir;
  let project: string;
  let secretFile: string;
  const images: string[] = [];
  const repo = `e2e/bpi-${Date.now().toString(36)}`;
  // the index only by a name that resolves through add-hosts
  const indexUrl = () => index.url.replace('127.0.0.1', HOST);

  beforeAll(async () => {
    if (!existsSync(path.join(REPO_ROOT, 'dist/main/index.js')))
      throw new Error('dist/ missing: run npm run package');
    await ensureE2E();
    work = await tempDir('microb-e2e-bpi-');
    index = await startPrivateIndex({
      user: 'microb-bpi-user',
      wheels: [await makeWheel(work.path, 'secret-dep', '3.1.4')],
    });
    registry = await startRegistry();
    project = path.join(work.path, 'bpi');
    await writeFiles(project, { 'pyproject.toml': pyproject(indexUrl()), 'src/bpi/__init__.py': 'X = 1\n' });
    secretFile = path.join(work.path, 'idx-pw.txt');
    await writeFile(secretFile, index.password);
  }, 10 * MINUTE);

  afterAll(async () => {
    await removeImages(...images);
    await Promise.all([index?.stop(), registry?.stop()]);
    await work?.cleanup();
  });

  const base = () => ({
    network: 'host',
    provenance: 'false',
    'add-hosts': `${HOST}:127.0.0.1`,
    'secret-envs': 'IDX_USER=MICROB_E2E_IDX_USER',
    'secret-files': `IDX_PW=${secretFile}`,
  });
  const env = () => ({ MICROB_E2E_IDX_USER: index.user });

  it(
    'secret-envs + secret-files reach the index mounts, add-hosts resolves it; annotations and caches on the pushed index',
    async () => {
      const tag = `${registry.host}/${repo}:1`;
      const cacheDir = path.join(work.path, 'cache-local');
      images.push(tag);
      const r = await runAction(
        {
          ...base(),
          tags: tag,
          push: 'true',
          // an index (and its annotation) even for one platform
          provenance: 'mode=min',
          annotations: 'index:org.opencontainers.image.description=microb e2e, with a comma',
          cache: 'none',
          'cache-to': `type=local,dest=${cacheDir},mode=max\ntype=registry,ref=${registry.host}/${repo}:cache,mode=max`,
        },
        { workspace: project, env: env() },
      );
      expectSucceeded(r);
      // the credentials came only from secret-envs / secret-files, and never show unmasked
      expect(index.accessEntries().some((e) => e.user === index.user && e.status === 200)).toBe(true);
      expect(r.main.stdout).toContain(`::add-mask::${index.password}`);
      expect(r.main.stdout).toContain(`::add-mask::${index.user}`);
      expect(unmaskedLines(r.everything, index.password)).toEqual([]);

      const pushed = await registry.manifest(repo, '1');
      expect(pushed.mediaType).toBe('application/vnd.oci.image.index.v1+json');
      expect((pushed.body as OciIndex).annotations?.['org.opencontainers.image.description']).toBe(
        'microb e2e, with a comma',
      );
      const inspected = await runOk('docker', ['buildx', 'imagetools', 'inspect', '--raw', tag]);
      expect(JSON.parse(inspected.stdout).annotations).toMatchObject({
        'org.opencontainers.image.description': 'microb e2e, with a comma',
      });
      expect(r.outputs.annotations).toBe(
        'index:org.opencontainers.image.description=microb e2e, with a comma',
      );

      // both caches were written: a local OCI layout and a cache manifest in the registry
      const cacheIndex = JSON.parse(await readFile(path.join(cacheDir, 'index.json'), 'utf8')) as OciIndex;
      expect(cacheIndex.manifests.length).toBeGreaterThan(0);
      expect(await registry.manifestDigest(repo, 'cache')).toMatch(/^sha256:/);

      // cache-from: a later build imports both (buildx says so in its log)
      const again = await runAction(
        {
          ...base(),
          cache: 'none',
          'cache-from': `type=local,src=${cacheDir}\ntype=registry,ref=${registry.host}/${repo}:cache`,
        },
        { workspace: project, env: env() },
      );
      expectSucceeded(again);
      expect(again.main.stdout).toMatch(/importing cache manifest from local:/);
      expect(again.main.stdout).toContain(`importing cache manifest from ${registry.host}/${repo}:cache`);
      console.log(`annotations/caches: main ${r.mainMs} ms, cache-from run ${again.mainMs} ms`);
    },
    15 * MINUTE,
  );

  it(
    'outputs type=oci gives a valid OCI layout that loads back; type=tar the file system',
    async () => {
      const oci = path.join(work.path, 'out', 'app-oci.tar');
      const ociDir = path.join(work.path, 'out', 'oci');
      const fsTar = path.join(work.path, 'out', 'rootfs.tar');
      const fsDir = path.join(work.path, 'out', 'rootfs');
      const ociTag = `microb-e2e-bpi/oci-${Date.now().toString(36)}:1`;
      images.push(ociTag);
      await runOk('mkdir', ['-p', path.dirname(oci)]);
      const r = await runAction(
        { ...base(), tags: ociTag, outputs: `type=oci,dest=${oci}` },
        { workspace: project, env: env() },
      );
      expectSucceeded(r);
      await runOk('mkdir', ['-p', ociDir]);
      await runOk('tar', ['-xf', oci, '-C', ociDir]);
      expect(JSON.parse(await readFile(path.join(ociDir, 'oci-layout'), 'utf8'))).toEqual({
        imageLayoutVersion: '1.0.0',
      });
      const idx = JSON.parse(await readFile(path.join(ociDir, 'index.json'), 'utf8')) as OciIndex;
      expect(idx.manifests.length).toBeGreaterThan(0);
      // every blob is named by its content's digest
      const blobs = await readdir(path.join(ociDir, 'blobs', 'sha256'));
      expect(blobs.length).toBeGreaterThan(2);
      for (const b of blobs) {
        const digest = createHash('sha256')
          .update(await readFile(path.join(ociDir, 'blobs', 'sha256', b)))
          .digest('hex');
        expect(digest, b).toBe(b);
      }
      for (const m of idx.manifests) expect(blobs).toContain(m.digest.replace('sha256:', ''));
      // and the engine loads it back, under the tag buildx wrote into it
      const loaded = await runOk('docker', ['image', 'load', '--input', oci]);
      expect(loaded.stdout).toContain(ociTag);
      const ran = await runOk('docker', [
        'run',
        '--rm',
        '--network=host',
        ociTag,
        'python',
        '-c',
        'import secret_dep, bpi; print("oci ok")',
      ]);
      expect(ran.stdout).toContain('oci ok');

      // The image's file system as a tar (what BuildKit's maintainers advise for a whole rootfs:
      // it keeps owners, and type=local of a whole image can stall in BuildKit's file transfer,
      // moby/buildkit#4453 — seen here twice, 8 minutes without a byte, then a dockerd panic).
      // The action's own deadline bounds it all the same.
      const local = await runAction(
        { ...base(), outputs: `type=tar,dest=${fsTar}`, timeout: '5m' },
        { workspace: project, env: env() },
      );
      expectSucceeded(local);
      await runOk('mkdir', ['-p', fsDir]);
      await runOk('tar', ['-xf', fsTar, '-C', fsDir, '--exclude=dev/*']);
      // the image's file system, the venv and the project in it
      const found = await run('sh', [
        '-c',
        `test -d ${fsDir}/opt/venv && echo venv-dir; find ${fsDir}/opt/venv -path '*site-packages/secret_dep*' | head -1`,
      ]);
      expect(found.stdout).toContain('venv-dir');
      expect(found.stdout).toContain('secret_dep');
      console.log(`outputs: oci ${r.mainMs} ms, tar ${local.mainMs} ms`);
    },
    15 * MINUTE,
  );

  it(
    'build-contexts replaces a base image; no-cache runs every step (the summary counts them)',
    async () => {
      const marked = `microb-e2e-bpi/marked-${Date.now().toString(36)}:slim`;
      images.push(marked);
      const ctxDir = path.join(work.path, 'marked');
      await writeFiles(ctxDir, {
        Dockerfile: 'FROM python:3.11-slim\nRUN echo from-build-contexts > /microb-marker\n',
      });
      await runOk('docker', ['buildx', 'build', '--network=host', '--load', '-t', marked, ctxDir]);
      const tag = `microb-e2e-bpi/ctx-${Date.now().toString(36)}:1`;
      images.push(tag);
      const first = await runAction(
        { ...base(), tags: tag, load: 'true', 'build-contexts': `python:3.11-slim=docker-image://${marked}` },
        { workspace: project, env: env() },
      );
      expectSucceeded(first);
      const marker = await runOk('docker', ['run', '--rm', tag, 'cat', '/microb-marker']);
      expect(marker.stdout.trim()).toBe('from-build-contexts');

      const cached = await runAction(
        { ...base(), tags: tag, load: 'true', 'build-contexts': `python:3.11-slim=docker-image://${marked}` },
        { workspace: project, env: env() },
      );
      expectSucceeded(cached);
      const steps = (s: string) => /(\d+) of (\d+) steps cached/.exec(s);
      const [, hits, total] = steps(cached.summary) ?? [];
      expect(Number(hits)).toBeGreaterThan(0);
      const noCache = await runAction(
        {
          ...base(),
          tags: tag,
          load: 'true',
          'no-cache': 'true',
          'build-contexts': `python:3.11-slim=docker-image://${marked}`,
        },
        { workspace: project, env: env() },
      );
      expectSucceeded(noCache);
      expect(noCache.main.stdout).toContain('--no-cache');
      const [, none, total2] = steps(noCache.summary) ?? [];
      expect(Number(none), noCache.summary.slice(noCache.summary.indexOf('Cached steps'))).toBe(0);
      expect(Number(total2)).toBe(Number(total));
      console.log(
        `build-contexts ${first.mainMs} ms, cached ${cached.mainMs} ms (${hits}/${total}), no-cache ${noCache.mainMs} ms`,
      );
    },
    15 * MINUTE,
  );

  it(
    'rewrite-timestamp=true with SOURCE_DATE_EPOCH: two no-cache builds give one digest',
    async () => {
      const digests: string[] = [];
      for (const n of [1, 2]) {
        const dest = path.join(work.path, 'repro', `app-${n}.tar`);
        await runOk('mkdir', ['-p', path.dirname(dest)]);
        const r = await runAction(
          // the docker driver's type=image unpacks, which rewrite-timestamp refuses: type=oci here
          { ...base(), 'no-cache': 'true', outputs: `type=oci,dest=${dest},rewrite-timestamp=true` },
          { workspace: project, env: { ...env(), SOURCE_DATE_EPOCH: '1700000000' } },
        );
        expectSucceeded(r);
        digests.push(r.outputs.digest ?? '');
      }
      expect(digests[0]).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(digests[1]).toBe(digests[0]);
    },
    15 * MINUTE,
  );

  it(
    'a failed build writes its summary: the phase, the step and its last lines, secrets masked',
    async () => {
      const broken = path.join(work.path, 'broken');
      await writeFiles(broken, {
        'pyproject.toml': pyproject(indexUrl(), ['no-such-dist-microb==9.9.9']),
        'src/bpi/__init__.py': '',
      });
      const r = await runAction({ ...base() }, { workspace: broken, env: env() });
      expect(r.main.code).toBe(1);
      expect(r.summary).toContain(':x: failed in Build');
      expect(r.summary).toMatch(/\*\*Build failed\*\* at step <code>\[[^\]]+\] RUN/);
      expect(r.summary).toContain('no-such-dist-microb');
      expect(r.summary).toMatch(/\| Build \| [\d.]+ s \| :x: failed \|/);
      expect(r.summary).not.toContain(index.password);
      console.log(`failed build: main ${r.mainMs} ms`);
    },
    10 * MINUTE,
  );
});
