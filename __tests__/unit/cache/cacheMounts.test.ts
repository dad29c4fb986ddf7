import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProcessOptions, ProcessResult } from '../../../src/process/runner.js';
import {
  extractCacheMounts,
  extractDockerfile,
  injectCacheMounts,
  injectDockerfile,
} from '../../../src/cache/cacheMounts.js';
import { mountDirName } from '../../../src/cache/layout.js';

const PLAN = [
  { id: 'microb-pip', target: '/root/.cache/pip' },
  { id: 'microb-apt-cache', target: '/var/cache/apt' },
];

describe('cache mount builds', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  it('inject mounts each cache by the plan id and copies the restored directory in', () => {
    const text = injectDockerfile('python:3.11', PLAN);
    expect(text).toContain('FROM python:3.11\n');
    expect(text).toContain('--mount=type=cache,id=microb-pip,target=/root/.cache/pip,sharing=locked');
    expect(text).toContain('--mount=type=cache,id=microb-apt-cache,target=/var/cache/apt,sharing=locked');
    expect(text).toContain(`cp -a /microb-restored/${mountDirName('microb-pip')}/. /root/.cache/pip/`);
    // a nonce ARG, not --no-cache: --no-cache would give the RUN fresh, empty mounts
    expect(text).toMatch(/^ARG MICROB_CACHE_DANCE_NONCE$/m);
    expect(text).not.toContain('syntax');
  });

  it('extract copies each mount into a directory of its own and exports only those', () => {
    const text = extractDockerfile('python:3.11', PLAN);
    expect(text).toContain(`cp -a /root/.cache/pip/. /microb-collected/${mountDirName('microb-pip')}/`);
    expect(text).toMatch(/^FROM scratch\nCOPY --from=collect \/microb-collected\/ \/$/m);
  });

  it("writes its RUN line through the compiler's quoting: the generated Dockerfile's mount flags and shell words", () => {
    const odd = [{ id: 'odd$id', target: "/cache/it's here" }];
    const inject = injectDockerfile('python:3.11', odd);
    // `$` escaped as the generated Dockerfile escapes it, so BuildKit reads the same id in both
    expect(inject).toContain(
      '--mount="type=cache,id=odd\\\\$id,\\"target=/cache/it\\\\\'s here\\",sharing=locked"',
    );
    expect(inject).toContain(`cp -a /microb-restored/${mountDirName('odd$id')}/. '/cache/it'\\''s here/'`);
    expect(extractDockerfile('python:3.11', odd)).toContain(
      `cp -a '/cache/it'\\''s here/.' /microb-collected/${mountDirName('odd$id')}/`,
    );
    // a line break would end the RUN line and start an instruction of its own: refused
    const broken = [{ id: 'x', target: '/c\nRUN touch /pwned' }];
    expect(() => injectDockerfile('python:3.11', broken)).toThrow(/U\+000A/);
    expect(() => extractDockerfile('python:3.11', broken)).toThrow(/U\+000A/);
  });

  it('names mount directories uniquely even for ids that differ only in odd characters', () => {
    expect(mountDirName('a/b')).not.toBe(mountDirName('a_b'));
    expect(mountDirName('a/b')).toMatch(/^a_b-[0-9a-f]{8}$/);
  });

  it('runs buildx with no network, a fresh nonce and the restored directory as context', async () => {
    const from = await mkdtemp(path.join(os.tmpdir(), 'microb-mounts-'));
    dirs.push(from);
    await mkdir(path.join(from, mountDirName('microb-pip'), 'http'), { recursive: true });
    await writeFile(path.join(from, mountDirName('microb-pip'), 'http', 'entry'), 'x');
    // apt's was saved empty: nothing to fill
    await mkdir(path.join(from, mountDirName('microb-apt-cache'), 'archives'), { recursive: true });
    const calls: { file: string; args: readonly string[]; opts?: ProcessOptions }[] = [];
    const run = async (
      file: string,
      args: readonly string[],
      opts?: ProcessOptions,
    ): Promise<ProcessResult> => {
      calls.push({ file, args, ...(opts ? { opts } : {}) });
      return { exitCode: 0, stdout: '', stderr: '', timedOut: false };
    };
    const filled = await injectCacheMounts({
      mounts: PLAN,
      helperImage: 'python:3.11',
      buildxCommand: ['docker', 'buildx', '--builder', 'b1'],
      timeoutMs: 1000,
      fromDir: from,
      run,
    });
    // only the pip cache was restored with contents, so only it is injected
    expect(filled).toEqual(['microb-pip']);
    const [call] = calls;
    expect(call?.file).toBe('docker');
    expect(call?.args.slice(0, 4)).toEqual(['buildx', '--builder', 'b1', 'build']);
    expect(call?.args).toContain('--network=none');
    expect(call?.args).toContain('type=cacheonly');
    expect(call?.args.at(-1)).toBe(from);
    expect(call?.opts?.timeoutMs).toBe(1000);
  });

  it('injects nothing, and runs nothing, when no mount was restored', async () => {
    let ran = false;
    const filled = await injectCacheMounts({
      mounts: PLAN,
      helperImage: 'python:3.11',
      buildxCommand: ['docker', 'buildx'],
      timeoutMs: 1000,
      fromDir: '/nonexistent/microb',
      run: async () => {
        ran = true;
        return { exitCode: 0, stdout: '', stderr: '', timedOut: false };
      },
    });
    expect(filled).toEqual([]);
    expect(ran).toBe(false);
  });

  it('reports a failed extract build with the tail of its log', async () => {
    await expect(
      extractCacheMounts({
        mounts: PLAN,
        helperImage: 'python:3.11',
        buildxCommand: ['docker', 'buildx'],
        timeoutMs: 1000,
        toDir: '/tmp/x',
        run: async () => ({
          exitCode: 1,
          stdout: '',
          stderr: 'step 1\nERROR: no such image',
          timedOut: false,
        }),
      }),
    ).rejects.toThrow(/exit code 1:\n.*ERROR: no such image/s);
  });
});
