/**
 * The service example built for real: its base image is a local image (a re-tag of the local
 * python:3.11-slim with a marker file), EXPOSE / HEALTHCHECK / STOPSIGNAL / USER / WORKDIR show in
 * `docker inspect`, the engine itself reports the container healthy and stops it with SIGINT,
 * `--build-arg BASE_IMAGE=…` swaps the base, and the dev target's dev dependency imports.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildx,
  dockerRun,
  ensureE2E,
  inspect,
  removeImages,
  run,
  runOk,
  startPrivateIndex,
  tempDir,
  uniqueTag,
  writeFiles,
  type PrivateIndex,
  type TempDir,
} from '../support/index.js';
import { copyExample, generateAndBuild, indexSecrets } from './harness.js';

const MARKER = '/etc/microb-e2e-base-marker';
const HEALTHY_WITHIN_MS = 60_000;

describe('service example: base_image, expose, healthcheck, user, workdir, stopsignal; its dev target', () => {
  let index: PrivateIndex;
  let work: TempDir;
  let pyproject = '';
  const baseTag = uniqueTag('base');
  const tag = uniqueTag('service');
  const tags: string[] = [baseTag, tag];
  const containers: string[] = [];
  const secrets = () => indexSecrets(index);

  beforeAll(async () => {
    await ensureE2E();
    work = await tempDir('microb-e2e-runtime-');
    index = await startPrivateIndex();
    // an "internal base": the local slim image plus a file the final image must have
    const baseDir = path.join(work.path, 'base');
    await writeFiles(baseDir, {
      Dockerfile: `FROM python:3.11-slim\nRUN echo ${baseTag} > ${MARKER}\n`,
    });
    const base = await buildx(['--provenance=false', '--load', '-t', baseTag, baseDir], {
      timeoutMs: 5 * 60_000,
    });
    expect(base.code, base.stderr).toBe(0);

    pyproject = await copyExample('service', path.join(work.path, 'service'), index);
    const text = await readFile(pyproject, 'utf8');
    const pointed = text.replace('base_image = "python:3.11-slim"', `base_image = "${baseTag}"`);
    expect(pointed).not.toBe(text);
    await writeFile(pyproject, pointed);
    await generateAndBuild({ pyproject, tag, extra: secrets().args, env: secrets().env });
  }, 15 * 60_000);

  afterAll(async () => {
    for (const c of containers) await run('docker', ['rm', '-f', c]);
    await removeImages(...tags);
    await index?.stop();
    await work?.cleanup();
  });

  it('is built FROM the local base_image, and docker inspect shows the runtime keys', async () => {
    const marker = await dockerRun(tag, ['cat', MARKER]);
    expect(marker.stdout.trim()).toBe(baseTag);
    const config = (await inspect(tag)).Config;
    expect(config.ExposedPorts).toEqual(['8000/tcp']);
    expect(config.User).toBe('10001:10001');
    expect(config.WorkingDir).toBe('/srv/service');
    const raw = await runOk('docker', [
      'image',
      'inspect',
      '--format',
      '{{json .Config.Healthcheck}}|{{.Config.StopSignal}}',
      tag,
    ]);
    const [health, signal] = raw.stdout.trim().split('|');
    expect(JSON.parse(health ?? 'null')).toEqual({
      Test: [
        'CMD',
        'python',
        '-c',
        "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=2)",
      ],
      Interval: 2_000_000_000,
      Timeout: 3_000_000_000,
      StartPeriod: 10_000_000_000,
      Retries: 3,
    });
    expect(signal).toBe('SIGINT');
    const id = await dockerRun(tag, ['id', '-u']);
    expect(id.stdout.trim()).toBe('10001');
  });

  it('the engine reports the running container healthy, and docker stop sends SIGINT (a clean exit)', async () => {
    const name = uniqueTag('health').replace(/:.*/, '');
    containers.push(name);
    await runOk('docker', ['run', '-d', '--network=none', '--name', name, tag]);
    const started = Date.now();
    let status = '';
    const seen: string[] = [];
    while (Date.now() - started < HEALTHY_WITHIN_MS) {
      status = (
        await runOk('docker', ['inspect', '--format', '{{.State.Health.Status}}', name])
      ).stdout.trim();
      if (seen.at(-1) !== status) seen.push(status);
      if (status === 'healthy' || status === 'unhealthy') break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(status, `statuses seen: ${seen.join(' → ')}`).toBe('healthy');
    console.log(`healthy after ${Date.now() - started} ms (${seen.join(' → ')})`);
    await runOk('docker', ['stop', '-t', '20', name]);
    const exit = (await runOk('docker', ['inspect', '--format', '{{.State.ExitCode}}', name])).stdout.trim();
    const logs = await runOk('docker', ['logs', name]);
    expect(logs.stdout).toContain('serving on 127.0.0.1:8000 as uid 10001 in /srv/service');
    // SIGTERM would end python with 143; SIGINT reaches the handler
    expect(logs.stdout).toContain('stopped');
    expect(exit).toBe('0');
  });

  it('--build-arg BASE_IMAGE swaps the base without editing anything', async () => {
    const swapped = uniqueTag('swapped');
    tags.push(swapped);
    await generateAndBuild({
      pyproject,
      tag: swapped,
      buildArgs: { BASE_IMAGE: 'python:3.11-slim' },
      extra: secrets().args,
      env: secrets().env,
    });
    const marker = await dockerRun(swapped, ['test', '-e', MARKER]);
    expect(marker.code).toBe(1);
    expect((await inspect(swapped)).Config.ExposedPorts).toEqual(['8000/tcp']);
  });

  it('the dev target (extends default, groups = ["dev"]) imports its dev dependency; the default image has none', async () => {
    const dev = uniqueTag('service-dev');
    tags.push(dev);
    await generateAndBuild({ pyproject, tag: dev, target: 'dev', extra: secrets().args, env: secrets().env });
    const out = await dockerRun(dev, []);
    expect(out.stderr).toBe('');
    expect(out.stdout.trim()).toBe('service-app dev: idna 3.3, six 1.16.0, uid 10001, cwd /srv/service');
    const config = (await inspect(dev)).Config;
    expect(config.ExposedPorts).toEqual(['8000/tcp']);
    expect(config.Labels['dev.microb.target']).toBe('dev');
    const plain = await dockerRun(tag, ['python', '-c', 'import six']);
    expect(plain.code).not.toBe(0);
    expect(plain.stderr).toContain("No module named 'six'");
  });
});
