import { describe, expect, it } from 'vitest';
import {
  type BuildxBuildRequest,
  buildxBuildArgv,
  pushesToRegistry,
  writesFiles,
} from '../../../src/docker/buildx/argv.js';
import type { CompileResult } from '../../../src/compiler/index.js';

type Plan = CompileResult['plan'];

const plan = (over: Partial<Plan> = {}): Pick<CompileResult, 'plan'> => ({
  plan: {
    target: 'default',
    flavor: 'debian',
    pythonVersion: '3.11',
    builderImage: 'python:3.11',
    finalImage: 'python:3.11-slim',
    secrets: [],
    ssh: false,
    labels: {},
    labelTemplates: {},
    dependencies: [],
    buildArgsUsed: [],
    cacheMounts: [],
    baseImages: [],
    projectInstall: { kind: 'copy', sources: ['src/app'] },
    ...over,
  },
});

const base: BuildxBuildRequest = {
  dockerfile: '/w/.microb/default.Dockerfile',
  context: '/w',
  platforms: [],
  tags: [],
  labels: {},
  buildArgs: {},
  secrets: [],
  ssh: [],
  push: false,
  load: false,
  metadataFile: '/t/metadata.json',
  iidFile: '/t/iid.txt',
};

const HEAD = [
  'buildx',
  'build',
  '--file',
  '/w/.microb/default.Dockerfile',
  '--progress=plain',
  '--metadata-file',
  '/t/metadata.json',
  '--iidfile',
  '/t/iid.txt',
];

describe('buildxBuildArgv', () => {
  const cases: [string, Partial<BuildxBuildRequest>, Pick<CompileResult, 'plan'>, string[]][] = [
    ['minimal: file, plain progress, metadata, context last', {}, plan(), [...HEAD, '/w']],
    [
      'load with one tag on host network',
      { tags: ['app:1'], load: true, network: 'host' },
      plan(),
      [...HEAD, '--tag', 'app:1', '--network=host', '--load', '/w'],
    ],
    [
      'push of two platforms, two tags, named builder',
      {
        builder: 'b1',
        platforms: ['linux/amd64', 'linux/arm64'],
        tags: ['r/app:1', 'r/app:latest'],
        push: true,
      },
      plan(),
      [
        ...HEAD,
        '--builder',
        'b1',
        '--platform',
        'linux/amd64,linux/arm64',
        '--tag',
        'r/app:1',
        '--tag',
        'r/app:latest',
        '--push',
        '/w',
      ],
    ],
    [
      'labels and build args keep their order; values with spaces and = stay one argument',
      { labels: { 'org.x': 'a b', z: 'k=v' }, buildArgs: { TEST: 'Hello, World', A: '' } },
      plan(),
      [
        ...HEAD,
        '--label',
        'org.x=a b',
        '--label',
        'z=k=v',
        '--build-arg',
        'TEST=Hello, World',
        '--build-arg',
        'A=',
        '/w',
      ],
    ],
    [
      'secrets by env and by file: names only, never values',
      {
        secrets: [
          { id: 'INDEX_PASSWORD', env: 'MICROB_SECRET_0' },
          { id: 'kh', src: '/t/known_hosts' },
        ],
      },
      plan(),
      [
        ...HEAD,
        '--secret',
        'id=INDEX_PASSWORD,env=MICROB_SECRET_0',
        '--secret',
        'id=kh,src=/t/known_hosts',
        '/w',
      ],
    ],
    [
      'an ssh plan adds --ssh default',
      { secrets: [{ id: 'microb-known-hosts', env: 'MICROB_SECRET_0' }] },
      plan({ ssh: true, knownHostsSecretId: 'microb-known-hosts' }),
      [...HEAD, '--secret', 'id=microb-known-hosts,env=MICROB_SECRET_0', '--ssh', 'default', '/w'],
    ],
    [
      'an ssh spec from the caller is not doubled',
      { ssh: ['default=/run/agent.sock'] },
      plan({ ssh: true }),
      [...HEAD, '--ssh', 'default=/run/agent.sock', '/w'],
    ],
    [
      'attestations and cache, in a fixed order',
      {
        provenance: 'mode=max',
        sbom: 'true',
        cacheFrom: ['type=local,src=/c'],
        cacheTo: ['type=local,dest=/c2,mode=max'],
        push: true,
        load: true,
      },
      plan(),
      [
        ...HEAD,
        '--provenance=mode=max',
        '--sbom=true',
        '--cache-from',
        'type=local,src=/c',
        '--cache-to',
        'type=local,dest=/c2,mode=max',
        '--push',
        '--load',
        '/w',
      ],
    ],
    [
      'no iidfile when not asked',
      { iidFile: undefined },
      plan(),
      [
        'buildx',
        'build',
        '--file',
        '/w/.microb/default.Dockerfile',
        '--progress=plain',
        '--metadata-file',
        '/t/metadata.json',
        '/w',
      ],
    ],
    [
      "build-push-action's inputs: one flag per item, values as written",
      {
        buildContexts: ['wheels=/w/wheels', 'base=docker-image://python:3.11'],
        addHosts: ['index.local:127.0.0.1', 'git.local=10.0.0.2'],
        allow: ['network.host'],
        shmSize: '2g',
        ulimits: ['nofile=1024:1024'],
        annotations: ['index:org.opencontainers.image.description=An app, with a comma'],
        attests: ['type=sbom,generator=image'],
        noCache: true,
        noCacheFilters: ['project', 'deps'],
        pull: true,
        ssh: ['default', 'github=/run/github.sock'],
        network: 'host',
      },
      plan(),
      [
        ...HEAD,
        '--ssh',
        'default',
        '--ssh',
        'github=/run/github.sock',
        '--build-context',
        'wheels=/w/wheels',
        '--build-context',
        'base=docker-image://python:3.11',
        '--add-host',
        'index.local:127.0.0.1',
        '--add-host',
        'git.local=10.0.0.2',
        '--allow',
        'network.host',
        '--shm-size',
        '2g',
        '--ulimit',
        'nofile=1024:1024',
        '--annotation',
        'index:org.opencontainers.image.description=An app, with a comma',
        '--attest',
        'type=sbom,generator=image',
        '--no-cache',
        '--no-cache-filter',
        'project',
        '--no-cache-filter',
        'deps',
        '--pull',
        '--network=host',
        '/w',
      ],
    ],
    [
      'ssh ids beyond default: default is still added for an ssh plan',
      { ssh: ['github=/run/github.sock'] },
      plan({ ssh: true }),
      [...HEAD, '--ssh', 'github=/run/github.sock', '--ssh', 'default', '/w'],
    ],
    [
      'an oci layout keeps the image id file',
      { outputs: ['type=oci,dest=/o/app.tar'], noCache: false, pull: false },
      plan(),
      [...HEAD, '--output', 'type=oci,dest=/o/app.tar', '/w'],
    ],
    ...(['type=local,dest=/o/fs', 'type=tar,dest=/o/fs.tar', '/o/fs'].map((o) => [
      `a files export (${o}) drops --iidfile, which buildx refuses beside it`,
      { outputs: [o] },
      plan(),
      [...HEAD.slice(0, -2), '--output', o, '/w'],
    ]) as [string, Partial<BuildxBuildRequest>, Pick<CompileResult, 'plan'>, string[]][]),
  ];

  it.each(cases)('%s', (_name, over, compiled, expected) => {
    expect(buildxBuildArgv({ ...base, ...over }, compiled)).toEqual(expected);
  });

  it('passes --pull only when asked (an air-gapped runner cannot pull)', () => {
    const argv = buildxBuildArgv({ ...base, push: true, tags: ['x'], platforms: ['linux/arm64'] }, plan());
    expect(argv.some((a) => a.startsWith('--pull'))).toBe(false);
  });
});

describe('what an --output does', () => {
  it.each<[string, boolean, boolean]>([
    ['type=registry', true, false],
    ['type=image,name=r/app,push=true,rewrite-timestamp=true', true, false],
    ['type=image,name=r/app', false, false],
    ['type=oci,dest=/o/app.tar', false, false],
    ['type=local,dest=/o/fs', false, true],
    ['type=tar,dest=/o/fs.tar', false, true],
    ['/o/fs', false, true],
  ])('%s: pushes %s, writes files %s', (o, pushes, files) => {
    expect(pushesToRegistry(o)).toBe(pushes);
    expect(writesFiles(o)).toBe(files);
  });
});
