/**
 * The e2e infrastructure itself, for real: the private index (basic auth, real wheels
 * repacked from Debian and their dependency graph), git+ssh through `--ssh default`, a
 * push to the local registry, and the offline build backends, all in real
 * `docker buildx build --network=host` runs against the local python:3.11 images.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  buildx,
  dockerRun,
  imageHistory,
  readBuildMetadata,
  removeImages,
  saveImageAndGrep,
  startSshAgent,
  type SshAgent,
} from './support/docker.js';
import { ensureE2E } from './support/ensure.js';
import { makePyProject, tempDir, type TempDir, uniqueTag, writeFiles } from './support/fixtures.js';
import {
  type LocalRegistry,
  type PrivateIndex,
  type SshGit,
  startPrivateIndex,
  startRegistry,
  startSshGit,
} from './support/servers.js';

describe('e2e infrastructure', () => {
  let index: PrivateIndex;
  let git: SshGit;
  let registry: LocalRegistry;
  let agent: SshAgent;
  let work: TempDir;
  const tag = uniqueTag('infra');
  const images: string[] = [tag];
  // written by a RUN step, spelled so that it appears in no Dockerfile line, history
  // entry or image config: only inside a (gzip) layer
  const marker = `microb-marker-${randomBytes(6).toString('hex')}`;
  const [markerA, markerB] = [marker.slice(0, 10), marker.slice(10)];
  const nonce = ['--build-arg', `NONCE=${randomBytes(6).toString('hex')}`];

  beforeAll(async () => {
    await ensureE2E();
    [index, git, registry] = await Promise.all([startPrivateIndex(), startSshGit(), startRegistry()]);
    agent = await startSshAgent(git.keyPath);
    work = await tempDir('microb-e2e-infra-');
    await index.writePipConf(join(work.path, 'pip.conf'));
    await writeFiles(join(work.path, 'app'), {
      Dockerfile: [
        'FROM python:3.11 AS builder',
        'RUN python -m venv /opt/venv',
        // a per-run value in scope makes the install step miss BuildKit's cache, so the
        // index and sshd really serve it every run
        'ARG NONCE',
        'RUN --mount=type=secret,id=pipconf,target=/etc/pip.conf \\',
        '    --mount=type=secret,id=known_hosts,target=/root/.ssh/known_hosts \\',
        '    --mount=type=ssh \\',
        `    /opt/venv/bin/pip install --no-cache-dir --progress-bar off requests "${git.requirement}"`,
        '',
        'FROM python:3.11-slim',
        'COPY --from=builder /opt/venv /opt/venv',
        `RUN python3 -c "open('/marker.txt', 'w').write('${markerA}' + '${markerB}')"`,
        'USER 10001',
        `CMD ["/opt/venv/bin/python", "-c", "import requests, urllib3, idna, certifi, charset_normalizer, ${git.module}; print(requests.__version__, urllib3.__version__, ${git.module}.hello())"]`,
        '',
      ].join('\n'),
    });
  });

  afterAll(async () => {
    await removeImages(...images);
    await agent?.stop();
    await Promise.all([index?.stop(), git?.stop(), registry?.stop()]);
    await work?.cleanup();
  });

  const secrets = (): string[] => [
    '--secret',
    `id=pipconf,src=${join(work.path, 'pip.conf')}`,
    '--secret',
    `id=known_hosts,src=${git.knownHostsPath}`,
    '--ssh',
    'default',
  ];

  it('serves the index only with the basic-auth credential', async () => {
    expect((await fetch(index.url)).status).toBe(401);
    const wrong = Buffer.from(`${index.user}:not-the-password`).toString('base64');
    expect((await fetch(index.url, { headers: { Authorization: `Basic ${wrong}` } })).status).toBe(401);
    const auth = Buffer.from(`${index.user}:${index.password}`).toString('base64');
    const ok = await fetch(`${index.url}requests/`, { headers: { Authorization: `Basic ${auth}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toMatch(/requests-2\.28\.1-py3-none-any\.whl#sha256=[0-9a-f]{64}/);
    const statuses = index.accessEntries().map((e) => [e.path, e.status, e.user]);
    expect(statuses).toEqual([
      ['/simple/', 401, null],
      ['/simple/', 401, index.user],
      ['/simple/requests/', 200, index.user],
    ]);
  });

  it('builds with a pip.conf secret and --ssh: requests + deps from the index, a git+ssh package', async () => {
    const metadataFile = join(work.path, 'load.json');
    const r = await buildx(
      [...secrets(), ...nonce, '--metadata-file', metadataFile, '-t', tag, '--load', join(work.path, 'app')],
      {
        env: agent.env,
        timeoutMs: 10 * 60_000,
      },
    );
    expect(r.code, r.stderr).toBe(0);
    expect((await readBuildMetadata(metadataFile))['containerimage.digest']).toMatch(/^sha256:[0-9a-f]{64}$/);

    const fetched = index.fetchedFiles().join('\n');
    for (const wheel of [
      'requests-2.28.1',
      'urllib3-1.26.12',
      'idna-3.3',
      'certifi-',
      'charset_normalizer-3.0.1',
      // build isolation of the git+ssh package: setuptools and wheel from the index too
      'setuptools-',
      'wheel-',
    ]) {
      expect(fetched).toContain(`/files/${wheel}`);
    }

    const out = await dockerRun(tag);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout.trim()).toBe(`2.28.1 1.26.12 hello from ${git.packageName} over ssh`);
  });

  it('keeps the index password out of the history and the layers', async () => {
    const history = await imageHistory(tag);
    expect(history.length).toBeGreaterThan(0);
    expect(JSON.stringify(history)).not.toContain(index.password);
    expect(await saveImageAndGrep(tag, marker)).toBe(true); // the search does reach into layers
    expect(await saveImageAndGrep(tag, index.password)).toBe(false);
  });

  it('pushes to the local registry: its digest is the one in the buildx metadata', async () => {
    const repo = `e2e/infra-${randomBytes(4).toString('hex')}`;
    const ref = `${registry.host}/${repo}:1`;
    images.push(ref);
    const metadataFile = join(work.path, 'push.json');
    const r = await buildx(
      [...secrets(), ...nonce, '--metadata-file', metadataFile, '-t', ref, '--push', join(work.path, 'app')],
      {
        env: agent.env,
        timeoutMs: 10 * 60_000,
      },
    );
    expect(r.code, r.stderr).toBe(0);
    const want = (await readBuildMetadata(metadataFile))['containerimage.digest'];
    expect(want).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await registry.manifestDigest(repo, '1')).toBe(want);
    expect((await registry.manifest(repo, '1')).digest).toBe(want);
    expect(await registry.tags(repo)).toEqual(['1']);
  });

  it('builds setuptools, hatchling, flit_core and poetry-core projects offline from the index', async () => {
    const ctx = join(work.path, 'backends');
    const backends = ['setuptools', 'hatchling', 'flit_core', 'poetry-core'] as const;
    for (const backend of backends) {
      await makePyProject(join(ctx, 'src', backend), { name: `e2e-${backend}-proj`, backend });
    }
    await writeFiles(ctx, {
      Dockerfile: [
        'FROM python:3.11-slim AS build',
        'COPY src /src',
        'ARG NONCE',
        'RUN --mount=type=secret,id=pipconf,target=/etc/pip.conf \\',
        `    pip wheel --no-deps --no-cache-dir --progress-bar off -w /wheels ${backends.map((b) => `/src/${b}`).join(' ')}`,
        'FROM scratch',
        'COPY --from=build /wheels /',
        '',
      ].join('\n'),
    });
    const outDir = join(work.path, 'backend-wheels');
    const r = await buildx(
      [
        '--secret',
        `id=pipconf,src=${join(work.path, 'pip.conf')}`,
        ...nonce,
        '--output',
        `type=local,dest=${outDir}`,
        ctx,
      ],
      { timeoutMs: 10 * 60_000 },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(outDir)).toBe(true);
    const built = readdirSync(outDir).sort();
    for (const backend of backends) {
      const stem = `e2e_${backend.replace('-', '_')}_proj-0.1.0-`;
      expect(
        built.some((f) => f.startsWith(stem) && f.endsWith('.whl')),
        `${stem}*.whl in ${built.join(' ')}`,
      ).toBe(true);
    }
    const fetched = index.fetchedFiles().join('\n');
    for (const backendWheel of [
      'hatchling-1.12.2',
      'flit_core-3.8.0',
      'poetry_core-1.4.0',
      'pathspec-',
      'pluggy-',
    ]) {
      expect(fetched).toContain(`/files/${backendWheel}`);
    }
  });
});
