import { describe, expect, it } from 'vitest';
import {
  checkDockerEngine,
  createBuilderArgv,
  decideBuilder,
  inspectBuilder,
} from '../../../src/docker/buildx/builder.js';
import type { ProcessResult, RunProcess } from '../../../src/process/runner.js';

const result = (over: Partial<ProcessResult>): ProcessResult => ({
  exitCode: 0,
  stdout: '',
  stderr: '',
  timedOut: false,
  ...over,
});

describe('decideBuilder', () => {
  const docker = { name: 'default', driver: 'docker' };
  const container = { name: 'ci', driver: 'docker-container' };
  const single = { multiPlatform: false, cacheExport: false };
  const multi = { multiPlatform: true, cacheExport: false };
  const cache = { multiPlatform: false, cacheExport: true };

  it.each([
    ['docker driver, single platform', docker, false, single, undefined, 'use'],
    ['docker driver + containerd store, multi-platform', docker, true, multi, undefined, 'use'],
    ['docker driver + containerd store, cache export', docker, true, cache, undefined, 'use'],
    ['docker driver without containerd store, multi-platform', docker, false, multi, undefined, 'create'],
    ['docker driver without containerd store, cache export', docker, false, cache, undefined, 'create'],
    ['docker-container driver, multi-platform', container, false, multi, undefined, 'use'],
    ['the builder input wins even when it may not cope', docker, false, multi, 'remote1', 'use'],
  ] as const)('%s → %s', (_name, current, containerd, needs, requested, kind) => {
    expect(decideBuilder(current, containerd, needs, requested).kind).toBe(kind);
  });

  // seen in builders-classic e2e: an exact hit exports nothing, the docker driver imported the cache the
  // docker-container builder (BuildKit v0.25) had exported, and every RUN --mount step missed it
  it('imports a cache on the classic store with the builder kind that exported it', () => {
    const d = decideBuilder(docker, false, { multiPlatform: false, cacheExport: false, cacheImport: true });
    expect(d.kind).toBe('create');
    expect(d.reason).toContain('the restored cache was exported by a docker-container builder');
    // the containerd store: the docker driver exported it, the docker driver imports it
    expect(
      decideBuilder(docker, true, { multiPlatform: false, cacheExport: false, cacheImport: true }).kind,
    ).toBe('use');
  });

  it('says why it creates one', () => {
    const d = decideBuilder(docker, false, { multiPlatform: true, cacheExport: true });
    expect(d).toEqual({
      kind: 'create',
      reason:
        "the docker driver without the containerd image store can't do multi-platform images and cache export",
    });
  });
});

describe('inspectBuilder', () => {
  it('reads name and driver', async () => {
    const run: RunProcess = async () =>
      result({
        stdout: 'Name:          default\nDriver:        docker\nLast Activity: x\n\nNodes:\nName: default\n',
      });
    expect(await inspectBuilder(undefined, run)).toEqual({ name: 'default', driver: 'docker' });
  });

  it('fails on the Error: line buildx prints with exit code 0 when the daemon is down', async () => {
    const run: RunProcess = async () =>
      result({
        stdout:
          'Name:          default\nDriver:        \nError:         Cannot connect to the Docker daemon at unix:///nonexistent. Is the docker daemon running?\n',
      });
    await expect(inspectBuilder(undefined, run)).rejects.toThrow(
      /current buildx builder is not usable: Cannot connect/,
    );
  });

  it('names a missing builder and how to list them', async () => {
    const run: RunProcess = async () => result({ exitCode: 1, stderr: 'ERROR: no builder "nope" found' });
    await expect(inspectBuilder('nope', run)).rejects.toThrow(
      /builder "nope" is not usable: .*docker buildx ls/,
    );
  });
});

describe('checkDockerEngine', () => {
  it('returns the server version', async () => {
    expect(await checkDockerEngine(async () => result({ stdout: '26.1.5+dfsg1\n' }))).toBe('26.1.5+dfsg1');
  });

  it('explains an unreachable daemon', async () => {
    const run: RunProcess = async () =>
      result({
        exitCode: 1,
        stderr: 'Cannot connect to the Docker daemon at unix:///nonexistent. Is the docker daemon running?',
      });
    await expect(checkDockerEngine(run)).rejects.toThrow(
      /cannot reach the Docker engine.*Cannot connect.*Start dockerd/,
    );
  });

  it('explains a missing docker CLI', async () => {
    const spawnError = Object.assign(new Error('spawn docker ENOENT'), { code: 'ENOENT' });
    await expect(checkDockerEngine(async () => result({ exitCode: -2, spawnError }))).rejects.toThrow(
      /docker CLI was not found on PATH/,
    );
  });
});

describe('createBuilderArgv', () => {
  const head = ['buildx', 'create', '--name', 'b1', '--driver', 'docker-container'];
  it.each<[string, Parameters<typeof createBuilderArgv>[0], string[]]>([
    ['plain', { name: 'b1' }, [...head, '--bootstrap']],
    [
      'host network',
      { name: 'b1', network: 'host' },
      [...head, '--driver-opt', 'network=host', '--bootstrap'],
    ],
    [
      'driver-opts (a pinned BuildKit image, a proxy) and a buildkitd config',
      {
        name: 'b1',
        network: 'host',
        driverOpts: ['image=moby/buildkit:v0.13.2', 'env.HTTP_PROXY=http://p:3128'],
        buildkitdConfig: '/t/buildkitd.toml',
      },
      [
        ...head,
        '--driver-opt',
        'network=host',
        '--driver-opt',
        'image=moby/buildkit:v0.13.2',
        '--driver-opt',
        'env.HTTP_PROXY=http://p:3128',
        '--buildkitd-config',
        '/t/buildkitd.toml',
        '--bootstrap',
      ],
    ],
    [
      "the caller's network= wins",
      { name: 'b1', network: 'host', driverOpts: ['network=bridge'] },
      [...head, '--driver-opt', 'network=bridge', '--bootstrap'],
    ],
  ])('%s', (_n, opts, argv) => expect(createBuilderArgv(opts)).toEqual(argv));
});
