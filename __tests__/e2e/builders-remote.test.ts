/**
 * A remote BuildKit, the scale-out path (a fleet behind `buildx create --driver remote`): the
 * buildkitd that scripts/e2e/buildkit.sh compiles from Debian's sources, run rootful on
 * tcp://127.0.0.1:PORT with mutual TLS from a throwaway CA (scripts/e2e/remote-buildkit.sh).
 * The bundled action gets it through its `builder` input and pushes to the local registry.
 * The daemon sees no engine's images: python:3.11(-slim) come from "Docker Hub", a local
 * registry holding the local base images, configured as its docker.io mirror.
 *
 * `sbom` + `provenance: mode=max` run here too. BuildKit runs an SBOM scanner image for `--sbom`;
 * its default, docker/buildkit-syft-scanner, can't be pulled here, so the scanner is a STAND-IN
 * (scripts/e2e/sbom-standin: a Python script following BuildKit's scanner protocol, writing an
 * SPDX document of the Python distributions and Debian packages it finds), passed as
 * `sbom: generator=IMAGE` as build-push-action's `sbom` input takes it: what is tested is the
 * action's path to the attestations, not Syft. (Not on the main engine's docker driver: BuildKit
 * runs the scanner on the default network, and that engine has no bridge network.)
 */
import { createServer, type Server } from 'node:net';
import { mkdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSampleProject } from '../support/cache-service/ciRun.js';
import { errorLines, expectSucceeded, MINUTE, runAction } from './support/actionRunner.js';
import { pushBaseImagesAsDockerHub, startRemoteBuildkit, type RemoteBuildkit } from './support/engines.js';
import {
  buildx,
  dockerRun,
  ensureE2E,
  REPO_ROOT,
  run,
  runOk,
  startPrivateIndex,
  startRegistry,
  tempDir,
  type LocalRegistry,
  type PrivateIndex,
  type TempDir,
} from './support/index.js';

const ID = Date.now().toString(36);
const BUILDER = `microb-e2e-remote-${ID}`;

interface SpdxPackage {
  name: string;
  versionInfo: string;
}

/** An sdist whose build (setup.py, run by pip in the deps step) reports in on `port`, then sleeps. */
async function slowSdist(dir: string, port: number): Promise<string> {
  const root = path.join(dir, 'slowdep-1.0');
  await mkdir(root, { recursive: true });
  await writeFile(path.join(root, 'PKG-INFO'), 'Metadata-Version: 2.1\nName: slowdep\nVersion: 1.0\n');
  await writeFile(
    path.join(root, 'setup.py'),
    `import socket, time
try:
    socket.create_connection(("127.0.0.1", ${port}), timeout=5).close()
except OSError:
    pass
time.sleep(900)
from setuptools import setup
setup(name="slowdep", version="1.0")
`,
  );
  const file = path.join(dir, 'slowdep-1.0.tar.gz');
  await runOk('tar', ['-czf', file, '-C', dir, 'slowdep-1.0']);
  return file;
}

describe('a remote BuildKit with TLS, through the builder input', () => {
  let registry: LocalRegistry;
  let remote: RemoteBuildkit;
  let index: PrivateIndex;
  let work: TempDir;
  let buildxConfig: string;
  let secrets: string;

  beforeAll(async () => {
    if (!existsSync(path.join(REPO_ROOT, 'dist/main/index.js')))
      throw new Error('dist/ missing: run npm run package');
    await ensureE2E();
    await runOk('bash', ['scripts/e2e/buildkit.sh'], { cwd: REPO_ROOT, timeoutMs: 20 * MINUTE });
    [registry, work, index] = await Promise.all([
      startRegistry(),
      tempDir('microb-e2e-remote-'),
      startPrivateIndex(),
    ]);
    await pushBaseImagesAsDockerHub(registry.host);
    remote = await startRemoteBuildkit({ mirror: registry.host });
    buildxConfig = path.join(work.path, 'buildx');
    await mkdir(buildxConfig, { recursive: true });
    const created = await run(
      'docker',
      [
        'buildx',
        'create',
        '--name',
        BUILDER,
        '--driver',
        'remote',
        '--driver-opt',
        `cacert=${remote.cacert},cert=${remote.cert},key=${remote.key}`,
        '--bootstrap',
        remote.addr,
      ],
      { env: { BUILDX_CONFIG: buildxConfig }, timeoutMs: 2 * MINUTE },
    );
    expect(created.code, created.stderr).toBe(0);
    secrets = `index-user=${index.user}\nindex-password=${index.password}`;
  }, 30 * MINUTE);

  afterAll(async () => {
    if (buildxConfig)
      await run('docker', ['buildx', 'rm', BUILDER], { env: { BUILDX_CONFIG: buildxConfig } });
    await Promise.all([remote?.stop(), registry?.stop(), index?.stop()]);
    await work?.cleanup();
  });

  const env = (): Record<string, string> => ({ BUILDX_CONFIG: buildxConfig });

  it('the daemon speaks TLS only, with a client certificate', async () => {
    const inspect = await runOk('docker', ['buildx', 'inspect', BUILDER], { env: env() });
    expect(inspect.stdout).toMatch(/Driver:\s+remote/);
    expect(inspect.stdout).toContain(remote.addr);
    expect(inspect.stdout).toMatch(/BuildKit version:\s+v\d+\.\d+\.\d+\+debian/);
    // without the client certificate the handshake is refused
    const bare = await run(
      'docker',
      ['buildx', 'create', '--name', `${BUILDER}-nocert`, '--driver', 'remote', '--bootstrap', remote.addr],
      { env: env(), timeoutMs: MINUTE },
    );
    await run('docker', ['buildx', 'rm', `${BUILDER}-nocert`], { env: env() });
    expect(bare.code).not.toBe(0);
  });

  it(
    'builds on the remote daemon and pushes to the registry',
    async () => {
      const dir = path.dirname(
        (
          await writeSampleProject(path.join(work.path, 'remote-app'), {
            name: 'remote-app',
            indexUrl: index.url,
            dependencies: ['requests'],
            modules: 2,
          })
        ).pyproject,
      );
      const repo = `e2e/remote-${ID}`;
      const r = await runAction(
        { builder: BUILDER, tags: `${registry.host}/${repo}:1`, push: 'true', network: 'host', secrets },
        { workspace: dir, env: env(), timeoutMs: 15 * MINUTE },
      );
      expectSucceeded(r);
      expect(r.main.stdout).toContain(`Builder ${BUILDER}: the builder input names it`);
      expect(r.state.createdBuilder).toBeUndefined();
      expect(r.outputs.digest).toBe(await registry.manifestDigest(repo, '1'));
      // it ran on the remote daemon: its build history has this build's steps
      const du = await runOk('docker', ['buildx', 'du', '--builder', BUILDER, '--verbose'], { env: env() });
      expect(du.stdout).toMatch(/pip --python \/opt\/venv\/bin\/python install/);
      // post leaves a builder it didn't create alone
      expect((await run('docker', ['buildx', 'inspect', BUILDER], { env: env() })).code).toBe(0);
      // and the pushed image runs
      const ref = `${registry.host}/${repo}:1`;
      await runOk('docker', ['pull', '-q', ref], { timeoutMs: 5 * MINUTE });
      try {
        expect((await dockerRun(ref)).stdout).toContain('remote-app r0');
      } finally {
        await run('docker', ['rmi', ref]);
      }
    },
    20 * MINUTE,
  );

  it(
    'sbom (a stand-in scanner) and provenance mode=max: both attestations in the pushed index',
    async () => {
      // the stand-in scanner, built on the main engine and served by the registry the daemon pulls from
      const scanner = `${registry.host}/e2e/sbom-scanner-standin:${ID}`;
      const built = await buildx(
        ['--builder', 'default', '--push', '-t', scanner, path.join(REPO_ROOT, 'scripts/e2e/sbom-standin')],
        { timeoutMs: 5 * MINUTE },
      );
      expect(built.code, built.stderr).toBe(0);
      const dir = path.dirname(
        (
          await writeSampleProject(path.join(work.path, 'sbom-app'), {
            name: 'sbom-app',
            indexUrl: index.url,
            dependencies: ['requests'],
            modules: 2,
          })
        ).pyproject,
      );
      const repo = `e2e/sbom-${ID}`;
      const ref = `${registry.host}/${repo}:1`;
      const r = await runAction(
        {
          builder: BUILDER,
          tags: ref,
          push: 'true',
          network: 'host',
          secrets,
          cache: 'none',
          sbom: `generator=${scanner}`,
          provenance: 'mode=max',
        },
        { workspace: dir, env: env(), timeoutMs: 15 * MINUTE },
      );
      expectSucceeded(r);
      expect(r.main.stdout).toContain(`--sbom=generator=${scanner}`);
      expect(r.main.stdout).toMatch(/generating sbom using .*sbom-scanner-standin/);

      // the index: the image and one attestation manifest for it, with an SPDX and an SLSA layer
      const index_ = (await registry.manifest(repo, '1')).body as {
        manifests: { digest: string; platform?: { os: string }; annotations?: Record<string, string> }[];
      };
      const images = index_.manifests.filter((m) => m.platform?.os === 'linux');
      const atts = index_.manifests.filter(
        (m) => m.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest',
      );
      expect(images).toHaveLength(1);
      expect(atts).toHaveLength(1);
      expect(atts[0]?.annotations?.['vnd.docker.reference.digest']).toBe(images[0]?.digest);
      const att = (await registry.manifest(repo, atts[0]?.digest ?? '')).body as {
        layers: { annotations?: Record<string, string> }[];
      };
      expect(att.layers.map((l) => l.annotations?.['in-toto.io/predicate-type']).sort()).toEqual([
        'https://slsa.dev/provenance/v0.2',
        'https://spdx.dev/Document',
      ]);

      // their contents, as buildx reads them (it fetches them only when the template names them)
      const inspect = async (field: string): Promise<unknown> =>
        JSON.parse(
          (await runOk('docker', ['buildx', 'imagetools', 'inspect', ref, '--format', `{{json .${field}}}`]))
            .stdout,
        ) as unknown;
      const json = {
        SBOM: (await inspect('SBOM')) as {
          SPDX?: { creationInfo: { creators: string[] }; packages: SpdxPackage[] };
        },
        Provenance: (await inspect('Provenance')) as {
          SLSA?: { buildType: string; metadata?: Record<string, unknown> };
        },
      };
      const spdx = json.SBOM?.SPDX;
      expect(spdx?.creationInfo.creators).toContain('Tool: microb-e2e-sbom-standin-1');
      const found = new Map((spdx?.packages ?? []).map((p) => [p.name.toLowerCase(), p.versionInfo]));
      // the image's own distribution, its dependencies, the Debian base
      expect(found.get('sbom-app')).toBe('1.0.0');
      expect(found.get('requests')).toBe('2.28.1');
      expect(found.has('libc6')).toBe(true);
      const slsa = json.Provenance?.SLSA;
      expect(slsa?.buildType).toBe('https://mobyproject.org/buildkit@v1');
      // mode=max: the build definition and the layers of each step are recorded
      expect(JSON.stringify(slsa)).toContain('"buildConfig"');
      const meta = slsa?.metadata?.['https://mobyproject.org/buildkit@v1#metadata'] as
        { layers?: unknown } | undefined;
      expect(meta?.layers).toBeDefined();
    },
    20 * MINUTE,
  );

  it(
    'a build that outlives a restart of the daemon fails clearly, without hanging',
    async () => {
      // a listener the sdist's setup.py connects to once the deps step runs on the daemon
      let reportIn: () => void = () => undefined;
      const building = new Promise<void>((resolve) => (reportIn = resolve));
      const server: Server = createServer((s) => {
        s.destroy();
        reportIn();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = (server.address() as { port: number }).port;
      try {
        await index.addFile(await slowSdist(work.path, port));
        const dir = path.dirname(
          (
            await writeSampleProject(path.join(work.path, 'remote-restart'), {
              name: 'remote-restart',
              indexUrl: index.url,
              dependencies: ['slowdep==1.0'],
              modules: 2,
            })
          ).pyproject,
        );
        let killedAt = 0;
        const restarting = building.then(async () => {
          killedAt = Date.now();
          await remote.restart();
        });
        const started = Date.now();
        const r = await runAction(
          {
            builder: BUILDER,
            tags: `${registry.host}/e2e/remote-restart-${ID}:1`,
            push: 'true',
            network: 'host',
            secrets,
            cache: 'none',
            // the backstop: the daemon's loss must be noticed well before it
            timeout: '10m',
          },
          { workspace: dir, env: env(), timeoutMs: 15 * MINUTE },
        );
        await restarting;
        const ended = started + r.mainMs;
        console.log(`remote restart: main ended ${ended - killedAt} ms after the daemon was killed`);
        expect(killedAt).toBeGreaterThan(0);
        expect(r.main.code).toBe(1);
        expect(r.main.signal).toBeNull();
        expect(ended - killedAt).toBeLessThan(60_000);
        const errors = errorLines(r.main);
        expect(errors, r.main.stdout.slice(-3000)).toHaveLength(1);
        expect(errors[0]).toMatch(/lost the connection to the BuildKit daemon/);
        expect(errors[0]).not.toMatch(/timeout/);
        expect(r.post.code).toBe(0);
        // the restarted daemon serves the next build
        const again = await runOk('docker', ['buildx', 'inspect', '--bootstrap', BUILDER], { env: env() });
        expect(again.stdout).toMatch(/Status:\s+running/);
      } finally {
        server.close();
      }
    },
    20 * MINUTE,
  );
});
