/**
 * The bundled action run exactly as the runner runs it: `node dist/main/index.js` with INPUT_*
 * (defaults from action.yml), GITHUB_OUTPUT / GITHUB_STATE / GITHUB_STEP_SUMMARY / RUNNER_TEMP
 * files, then `node dist/post/index.js` with the saved state as STATE_*; against the real engine,
 * a local registry, a basic-auth index and an sshd, all on 127.0.0.1. Run `npm run package` first:
 * this tests dist/, not src/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dockerRun,
  ensureE2E,
  imageHistory,
  inspect,
  makeWheel,
  removeImages,
  REPO_ROOT,
  run,
  saveImageAndGrep,
  startPrivateIndex,
  startRegistry,
  startSshGit,
  tempDir,
  writeFiles,
  type LocalRegistry,
  type PrivateIndex,
  type SshGit,
  type TempDir,
} from './support/index.js';
import {
  dockerShim,
  expectCleanFailure,
  expectSucceeded,
  MINUTE,
  runAction,
  unmaskedLines,
} from './support/actionRunner.js';

const EXTRA = { full: 'microb-e2e-extra/python:3.11', slim: 'microb-e2e-extra/python:3.11-slim' };

// --- fixtures -------------------------------------------------------------------------------

/** A setuptools project whose default target installs from the basic-auth index (primary). */
const appPyproject = (name: string, dependencies: string[], indexUrl: string, moreToml = '') => {
  const index = `indices = [{ url = "${indexUrl}", primary = true, username_secret = "IDX_USER", password_secret = "IDX_PW" }]`;
  return `[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "${name}"
version = "1.0.0"
dependencies = [${dependencies.map((d) => JSON.stringify(d)).join(', ')}]
[project.scripts]
${name} = "${name}:main"

[tool.microb.target.default]
python_version = "3.11"
${index}
${moreToml.replaceAll('INDEX', index)}`;
};

const svcPyproject = (indexUrl: string) =>
  appPyproject(
    'svc',
    ['secret-dep==3.1.4'],
    indexUrl,
    `labels = { "greeting" = "\${GREETING:-World}" }

[tool.microb.target.worker]
python_version = "3.11"
INDEX
`,
  );

const SVC_MODULE = `import os, platform, secret_dep


def main():
    print(secret_dep.hello(), "|", platform.machine(), "| uid", os.getuid())
`;

describe('the bundled action on a real engine', () => {
  let index: PrivateIndex;
  let registry: LocalRegistry;
  let ssh: SshGit;
  let work: TempDir;
  let svc: string;
  let secrets: string;
  const images: string[] = [];
  const repo = `e2e/action-${Date.now().toString(36)}`;

  beforeAll(async () => {
    if (!existsSync(path.join(REPO_ROOT, 'dist/main/index.js')))
      throw new Error('dist/ missing: run npm run package');
    await ensureE2E();
    work = await tempDir('microb-e2e-action-');
    index = await startPrivateIndex({ wheels: [await makeWheel(work.path, 'secret-dep', '3.1.4')] });
    [registry, ssh] = await Promise.all([startRegistry(), startSshGit()]);
    svc = path.join(work.path, 'svc');
    await writeFiles(svc, { 'pyproject.toml': svcPyproject(index.url), 'src/svc/__init__.py': SVC_MODULE });
    secrets = `IDX_USER=${index.user}\nIDX_PW=${index.password}`;
  });

  afterAll(async () => {
    await removeImages(...images);
    await Promise.all([index?.stop(), registry?.stop(), ssh?.stop()]);
    await work?.cleanup();
  });

  it('pushes to the registry: digest output == the registry manifest digest; summary complete', async () => {
    const tag = `${registry.host}/${repo}:1`;
    images.push(tag);
    const r = await runAction(
      { tags: tag, push: 'true', secrets, network: 'host', 'build-args': 'GREETING=Hi' },
      { workspace: svc },
    );
    expectSucceeded(r);
    const registryDigest = await registry.manifestDigest(repo, '1');
    expect(r.outputs.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(r.outputs.digest).toBe(registryDigest);
    expect(JSON.parse(r.outputs.metadata ?? '')['containerimage.digest']).toBe(registryDigest);
    expect(r.outputs.tags).toBe(tag);
    expect(JSON.parse(r.outputs.json ?? '').labels).toMatchObject({ greeting: 'Hi' });
    expect(r.outputs.dockerfile).toBe(path.join(svc, '.microb', 'default.Dockerfile'));
    expect(r.summary).toContain('<tr><th align="left">Target</th><td><code>default</code></td></tr>');
    expect(r.summary).toContain(`<th align="left">Digest</th><td><code>${registryDigest}</code></td>`);
    // an index: buildx adds provenance
    expect(r.summary).toMatch(
      /<th align="left">Image size<\/th><td>[\d.]+ MB: linux\/amd64, compressed<\/td>/,
    );
    expect(r.summary).toMatch(/<th align="left">Build time<\/th><td>[\d.]+ s/);
    expect(r.summary).toMatch(/\| Build \| [\d.]+ s \| ok \|/); // time per phase
    expect(r.summary).toMatch(/\d+ of \d+ steps cached/);
    expect(r.summary).toContain('<details><summary>Generated Dockerfile');
    expect(r.main.stdout).toContain('::stop-commands::'); // the build log can't issue workflow commands
    expect(unmaskedLines(r.everything, index.password)).toEqual([]);
    expect(r.main.stdout).toContain(`::add-mask::${index.password}`);
    expect(existsSync(r.state.tempDir ?? '/nonexistent')).toBe(false);
    console.log(`push: main ${r.mainMs} ms`);
  });

  it('loads into the engine: imageid == docker inspect; the password is in no history, layer or file', async () => {
    const tag = `microb-e2e-action-load-${Date.now().toString(36)}:1`;
    images.push(tag);
    const r = await runAction({ tags: tag, load: 'true', secrets, network: 'host' }, { workspace: svc });
    expectSucceeded(r);
    const image = await inspect(tag);
    expect(r.outputs.imageid).toBe(image.Id);
    expect(r.summary).toMatch(
      /<th align="left">Image size<\/th><td>[\d.]+ MB: as docker image inspect reports it<\/td>/,
    );
    // a loaded image: its layers, the biggest with what made it
    expect(r.summary).toMatch(/<details><summary>Layers: \d+, [\d.]+ MB unpacked/);
    expect((await dockerRun(tag)).stdout.trim()).toBe('hello from secret-dep 3.1.4 | x86_64 | uid 65532');
    expect(index.fetchedFiles()).toContain('/files/secret_dep-3.1.4-py3-none-any.whl');
    expect(unmaskedLines(r.everything, index.password)).toEqual([]);
    expect(await readFile(r.outputs.dockerfile ?? '', 'utf8')).not.toContain(index.password);
    expect(JSON.stringify(await imageHistory(tag))).not.toContain(index.password);
    expect(await saveImageAndGrep(tag, index.password)).toBe(false);
    console.log(`load: main ${r.mainMs} ms`);
  });

  it('builds amd64 + arm64 (arm64 under QEMU) into one pushed index', async () => {
    const tag = `${registry.host}/${repo}:multi`;
    images.push(tag);
    const r = await runAction(
      {
        tags: tag,
        push: 'true',
        platforms: 'amd64, arm64/v8',
        secrets,
        network: 'host',
        provenance: 'false',
      },
      { workspace: svc, timeoutMs: 10 * MINUTE },
    );
    expectSucceeded(r);
    expect(r.outputs.platforms).toBe('linux/amd64,linux/arm64');
    expect(r.main.stdout).toMatch(/QEMU for arm64: qemu-aarch64 already registered|registered qemu-aarch64/);
    const manifest = await registry.manifest(repo, 'multi');
    expect(manifest.digest).toBe(r.outputs.digest);
    const body = manifest.body as { manifests: { platform: { architecture: string } }[] };
    expect(body.manifests.map((m) => m.platform.architecture).sort()).toEqual(['amd64', 'arm64']);
    expect(r.summary).toContain('linux/arm64, compressed');
    console.log(`multi-platform: main ${r.mainMs} ms`);
  });

  it('installs a git+ssh dependency with the ssh-private-key input; the agent is gone after post', async () => {
    const dir = path.join(work.path, 'sshapp');
    await writeFiles(dir, {
      'pyproject.toml': appPyproject('sshapp', [ssh.requirement], index.url),
      'src/sshapp/__init__.py': `import ${ssh.module}\n\n\ndef main():\n    print(${ssh.module}.hello())\n`,
    });
    const tag = `microb-e2e-action-ssh-${Date.now().toString(36)}:1`;
    images.push(tag);
    const key = await readFile(ssh.keyPath, 'utf8');
    const r = await runAction(
      {
        tags: tag,
        load: 'true',
        secrets,
        network: 'host',
        'ssh-private-key': key,
        'ssh-known-hosts': await readFile(ssh.knownHostsPath, 'utf8'),
      },
      { workspace: dir },
    );
    expectSucceeded(r);
    const pid = Number(r.state.sshAgentPid);
    expect(pid).toBeGreaterThan(0);
    expect(r.post.stdout).toContain(`stopped ssh-agent (pid ${pid})`);
    // gone: no such process, or a zombie waiting for init to reap it
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    expect(stat === '' || / Z /.test(stat)).toBe(true);
    expect((await dockerRun(tag)).stdout.trim()).toBe(`hello from ${ssh.packageName} over ssh`);
    const keyBody = key.split('\n').filter((l) => l && !l.startsWith('-----'));
    for (const line of keyBody) expect(unmaskedLines(r.everything, line)).toEqual([]);
    console.log(`ssh: main ${r.mainMs} ms`);
  });

  it('dry-run builds nothing and still outputs dockerfile, targets, labels', async () => {
    const r = await runAction({ 'dry-run': 'true', 'build-args': 'GREETING=Hey' }, { workspace: svc });
    expectSucceeded(r);
    expect(JSON.parse(r.outputs.targets ?? '')).toEqual(['default', 'worker']);
    expect(r.outputs.target).toBe('default');
    expect(await readFile(r.outputs.dockerfile ?? '', 'utf8')).toMatch(
      /^ARG BUILDER_IMAGE="python:3\.11"\n[^]*^FROM \$\{BUILDER_IMAGE\} AS builder$/m,
    );
    expect(JSON.parse(r.outputs.json ?? '').labels).toMatchObject({ greeting: 'Hey' });
    expect(r.outputs.digest).toBeUndefined();
    expect(r.main.stdout).not.toContain('docker buildx build');
    expect(r.summary).toContain('dry run: nothing built');
  });

  it('i386 + arm/v7 (arm/v7 under QEMU) pushed as one index', async () => {
    // Made by `npm test` (scripts/test-all.sh) under their own tags, so the shared python:3.11
    // images stay as they are:
    //   E2E_PLATFORMS=linux/386,linux/arm/v7 E2E_SLIM_TAG=microb-e2e-extra/python:3.11-slim \
    //   E2E_FULL_TAG=microb-e2e-extra/python:3.11 bash scripts/e2e/base-images.sh
    const label = await run('docker', [
      'image',
      'inspect',
      '--format',
      '{{index .Config.Labels "e2e.rootfs"}}',
      EXTRA.full,
    ]);
    expect(
      label.stdout,
      `${EXTRA.full} must hold linux/386 and linux/arm/v7 (see the command above)`,
    ).toMatch(/386:.*arm:|arm:.*386:/);
    // the generated FROM python:3.11 resolves to those images through named build contexts
    const shim = await dockerShim(
      path.join(work.path, 'shim-extra'),
      `if [ "$1" = buildx ] && [ "$2" = build ]; then shift 2; exec "$REAL_DOCKER" buildx build ` +
        `--build-context python:3.11=docker-image://${EXTRA.full} ` +
        `--build-context python:3.11-slim=docker-image://${EXTRA.slim} "$@"; fi`,
    );
    const tag = `${registry.host}/${repo}:extra`;
    images.push(tag);
    const r = await runAction(
      { tags: tag, push: 'true', platforms: 'i386\narm/v7', secrets, network: 'host', provenance: 'false' },
      { workspace: svc, env: { PATH: `${shim}:${process.env.PATH ?? ''}` }, timeoutMs: 15 * MINUTE },
    );
    expectSucceeded(r);
    expect(r.outputs.platforms).toBe('linux/386,linux/arm/v7');
    expect(r.main.stdout).toContain('Native on this amd64 host: 386');
    expect(r.main.stdout).toMatch(/QEMU for arm: qemu-arm already registered|registered qemu-arm/);
    const body = (await registry.manifest(repo, 'extra')).body as {
      manifests: { platform: { architecture: string; variant?: string } }[];
    };
    expect(body.manifests.map((m) => [m.platform.architecture, m.platform.variant ?? ''])).toEqual([
      ['386', ''],
      ['arm', 'v7'],
    ]);
    console.log(`386 + arm/v7: main ${r.mainMs} ms`);
  });

  describe('faults: one clear ::error::, no hang, post still cleans up', () => {
    it('docker daemon unreachable', async () => {
      const r = await runAction(
        {
          tags: 'x/app:1',
          load: 'true',
          secrets,
          network: 'host',
          'ssh-private-key': await readFile(ssh.keyPath, 'utf8'),
        },
        { workspace: svc, env: { DOCKER_HOST: 'unix:///nonexistent' } },
      );
      expectCleanFailure(
        r,
        /^::error::cannot reach the Docker engine at unix:\/\/\/nonexistent: .*Start dockerd/,
        MINUTE,
      );
    });

    it('unknown target: annotated on the pyproject', async () => {
      const r = await runAction({ target: 'nope', load: 'true', secrets }, { workspace: svc });
      expectCleanFailure(
        r,
        /^::error title=Invalid microb configuration.*,file=pyproject\.toml,line=\d+,col=\d+::.*nope/,
        MINUTE,
      );
    });

    it('a builder input naming no builder', async () => {
      const r = await runAction(
        { builder: 'microb-e2e-no-such-builder', load: 'true', secrets },
        { workspace: svc },
      );
      expectCleanFailure(
        r,
        /^::error::builder "microb-e2e-no-such-builder" is not usable: .*docker buildx ls/,
        MINUTE,
      );
    });

    it('registry refusing the push', async () => {
      const refusing = http.createServer((_req, res) => {
        res.writeHead(403, { 'Content-Type': 'application/json' });
        res.end('{"errors":[{"code":"DENIED","message":"push refused by policy"}]}');
      });
      await new Promise<void>((ok) => refusing.listen(0, '127.0.0.1', ok));
      const { port } = refusing.address() as AddressInfo;
      try {
        const r = await runAction(
          { tags: `127.0.0.1:${port}/e2e/app:1`, push: 'true', secrets, network: 'host' },
          { workspace: svc, timeoutMs: 5 * MINUTE },
        );
        expectCleanFailure(r, /^::error title=docker buildx build failed::.*403/, 5 * MINUTE);
      } finally {
        refusing.close();
      }
    });

    describe('buildx missing', () => {
      let shimDir: string;
      let server: http.Server;
      let base: string;
      const requests: string[] = [];

      beforeAll(async () => {
        // a docker CLI that knows no buildx plugin but the one in $DOCKER_CONFIG/cli-plugins
        shimDir = await dockerShim(
          path.join(work.path, 'shim-no-buildx'),
          `if [ "$1" = buildx ] && [ ! -x "$DOCKER_CONFIG/cli-plugins/docker-buildx" ]; then\n` +
            `  echo "docker: 'buildx' is not a docker command." >&2; exit 1\nfi`,
        );
        // a release server with the real binary of this machine, published as 0.13.1
        const binary = await readFile('/usr/libexec/docker/cli-plugins/docker-buildx');
        const sum = execFileSync('sha256sum', ['/usr/libexec/docker/cli-plugins/docker-buildx'])
          .toString()
          .split(' ')[0];
        server = http.createServer((req, res) => {
          requests.push(req.url ?? '');
          if (req.url === '/v0.13.1/buildx-v0.13.1.linux-amd64') res.end(binary);
          else if (req.url === '/v0.13.1/checksums.txt') res.end(`${sum} *buildx-v0.13.1.linux-amd64\n`);
          else res.writeHead(404).end();
        });
        await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
        base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      });
      afterAll(() => server?.close());

      const env = (name: string, toolCache: string) => ({
        PATH: `${shimDir}:${process.env.PATH ?? ''}`,
        DOCKER_CONFIG: path.join(work.path, name),
        RUNNER_TOOL_CACHE: path.join(work.path, toolCache),
      });

      it('installs it through the tool cache, checksum verified, and builds; a second job reuses the cache', async () => {
        const tag = `microb-e2e-action-bx-${Date.now().toString(36)}:1`;
        images.push(tag);
        const inputs = {
          tags: tag,
          load: 'true',
          secrets,
          network: 'host',
          'buildx-version': '0.13.1',
          'unsafe-buildx-download-base': base,
        };
        const first = await runAction(inputs, { workspace: svc, env: env('docker-config-1', 'tools') });
        expectSucceeded(first);
        expect(first.main.stdout).toContain('buildx is not installed; installing 0.13.1');
        expect(first.main.stdout).toMatch(/sha256 [0-9a-f]{64} verified/);
        expect(requests).toEqual(['/v0.13.1/buildx-v0.13.1.linux-amd64', '/v0.13.1/checksums.txt']);
        expect(first.outputs.imageid).toBe((await inspect(tag)).Id);

        const second = await runAction(inputs, { workspace: svc, env: env('docker-config-2', 'tools') });
        expectSucceeded(second);
        expect(second.main.stdout).toMatch(
          /buildx 0\.13\.1 found in the tool cache: .* \(sha256 [0-9a-f]{64} verified\)/,
        );
        // the binary is not downloaded again; the checksums it is checked against are
        expect(requests).toEqual([
          '/v0.13.1/buildx-v0.13.1.linux-amd64',
          '/v0.13.1/checksums.txt',
          '/v0.13.1/checksums.txt',
        ]);
      });

      it('fails clearly when it cannot be downloaded', async () => {
        const r = await runAction(
          { tags: 'x/app:1', load: 'true', secrets, network: 'host', 'unsafe-buildx-download-base': base },
          { workspace: svc, env: env('docker-config-3', 'tools-empty') },
        );
        expectCleanFailure(
          r,
          /^::error::could not download buildx from .*\/v0\.19\.3\/buildx-v0\.19\.3\.linux-amd64: .*404/,
          MINUTE,
        );
      });
    });
  });
});
