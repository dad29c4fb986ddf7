import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dockerRun,
  ensureE2E,
  inspect,
  makeWheel,
  removeImages,
  startPrivateIndex,
  tempDir,
  uniqueTag,
  type PrivateIndex,
  type TempDir,
} from '../support/index.js';
import { copyExample, generateAndBuild, indexSecrets } from './harness.js';

/** What each bundled example's code prints, and what `docker inspect` must show. */
interface ExampleCase {
  readonly example: string;
  readonly target?: string;
  readonly buildArgs?: Record<string, string>;
  readonly stdout: string;
  readonly runArgs?: readonly string[];
  readonly entrypoint?: string;
  readonly labels?: Record<string, string>;
  readonly env?: readonly string[];
  readonly entrypointIs?: readonly string[] | null;
  readonly cmdIs?: readonly string[] | null;
}

const CASES: readonly ExampleCase[] = [
  {
    example: 'microb-readme',
    entrypoint: 'python',
    runArgs: ['-m', 'example'],
    stdout: 'my_example 0.1.0: setup called',
    entrypointIs: ['micro', 'run'],
    cmdIs: ['example:setup'],
    env: ['FOO=bar'],
    labels: {
      'com.example.foo': 'bar',
      'org.opencontainers.image.title': 'my_example',
      'org.opencontainers.image.authors':
        'Guillaume Charbonnier <gu.charbon@gmail.com>, Someone else <someone.else@gmail.com>',
    },
  },
  {
    example: 'no-config',
    stdout: 'hello from hello-app on Python 3.11, uid 65532',
    entrypointIs: ['hello'],
    labels: {
      'org.opencontainers.image.version': '1.0.0',
      'org.opencontainers.image.description': 'Says hello',
      'org.opencontainers.image.licenses': 'Apache-2.0',
      'org.opencontainers.image.authors': 'Ada Lovelace <ada@example.com>, Charles Babbage',
    },
  },
  {
    example: 'rye-lock',
    stdout: 'rye-app: hello from greeting-lib 1.0.0',
    labels: { 'dev.microb.dependencies': '["-r requirements.lock"]' },
  },
  { example: 'extras', stdout: 'extras-app: hello from greeting-lib 1.0.0 + hello from web-lib 0.5.1' },
  {
    example: 'poetry',
    stdout: 'poetry-app: hello from greeting-lib 1.0.0 + hello from web-lib 0.5.1',
    labels: {
      'org.opencontainers.image.authors': 'Grace Hopper <grace@example.com>, Alan Turing',
      'org.opencontainers.image.licenses': 'BSD-3-Clause',
    },
  },
  {
    example: 'files',
    stdout: [
      'config: from copy_files',
      'space: a file whose name has a space',
      'add: from add_files',
      'from builder: True',
      'build-time file in image: False',
    ].join('\n'),
  },
  {
    example: 'labels',
    stdout: 'GREETING=World\nPLAIN=no $substitution here',
    labels: { 'com.example.greeting': 'Hello World', 'com.example.quote': 'say "hi" for $5 \\o/' },
  },
  {
    example: 'labels',
    buildArgs: { TEST: 'Hello' },
    stdout: 'GREETING=Hello\nPLAIN=no $substitution here',
    labels: { 'com.example.greeting': 'Hello Hello' },
  },
  { example: 'two-targets', stdout: 'api serving as api', env: ['ROLE=api'], entrypointIs: ['multi-api'] },
  {
    example: 'two-targets',
    target: 'worker',
    stdout: "worker worker args=['--once']",
    env: ['ROLE=worker'],
    labels: { 'com.example.role': 'worker' },
    entrypointIs: ['multi-worker'],
    cmdIs: ['--once'],
  },
];

describe('bundled examples: generated Dockerfile, real buildx build, docker run as non-root', () => {
  let index: PrivateIndex;
  let work: TempDir;
  const tags: string[] = [];

  beforeAll(async () => {
    await ensureE2E();
    work = await tempDir('microb-e2e-examples-');
    const wheels = [
      await makeWheel(work.path, 'greeting-lib', '1.0.0'),
      await makeWheel(work.path, 'web-lib', '0.5.1'),
      // stand-ins for the microb README's dependencies, which live on PyPI
      await makeWheel(work.path, 'nats-py', '2.6.0', { module: 'nats' }),
      await makeWheel(work.path, 'nkeys', '0.2.0'),
    ];
    index = await startPrivateIndex({ wheels });
  });

  afterAll(async () => {
    await removeImages(...tags);
    await index?.stop();
    await work?.cleanup();
  });

  for (const c of CASES) {
    const name = `${c.example}${c.target ? ` --target ${c.target}` : ''}${c.buildArgs ? ` --build-arg ${JSON.stringify(c.buildArgs)}` : ''}`;
    it(`${name}: builds, prints what its code prints as uid 65532, inspect shows the config`, async () => {
      const dir = path.join(work.path, `${c.example}-${tags.length}`);
      const pyproject = await copyExample(c.example, dir, index);
      const tag = uniqueTag(c.example);
      tags.push(tag);
      const secrets = indexSecrets(index);
      await generateAndBuild({
        pyproject,
        tag,
        ...(c.target && { target: c.target }),
        ...(c.buildArgs && { buildArgs: c.buildArgs }),
        extra: secrets.args,
        env: secrets.env,
      });

      const run = await dockerRun(tag, c.runArgs ?? [], c.entrypoint ? { entrypoint: c.entrypoint } : {});
      expect(run.stderr).toBe('');
      expect(run.stdout.trim()).toBe(c.stdout);
      const uid = await dockerRun(tag, ['-u'], { entrypoint: 'id' });
      expect(uid.stdout.trim()).toBe('65532');

      const config = (await inspect(tag)).Config;
      expect(config.User).toBe('65532:65532');
      for (const [key, value] of Object.entries(c.labels ?? {}))
        expect(config.Labels?.[key], key).toBe(value);
      for (const pair of c.env ?? []) expect(config.Env).toContain(pair);
      expect(config.Env).toContain('VIRTUAL_ENV=/opt/venv');
      if (c.entrypointIs !== undefined) expect(config.Entrypoint ?? null).toEqual(c.entrypointIs);
      if (c.cmdIs !== undefined) expect(config.Cmd ?? null).toEqual(c.cmdIs);
    });
  }
});
