import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checksumFromList,
  ensureBuildx,
  MIN_BUILDX_VERSION,
  parseBuildxVersion,
  releasePlatform,
} from '../../../src/buildx/install.js';
import type { ProcessResult, RunProcess } from '../../../src/buildx/process.js';

const restoreEnv = (name: string, value: string | undefined) => {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
};

const answer = (stdout: string, exitCode = 0): ProcessResult => ({
  exitCode,
  stdout,
  stderr: '',
  timedOut: false,
});

describe('parseBuildxVersion', () => {
  it.each([
    ['github.com/docker/buildx v0.19.3 48d6a39', '0.19.3'],
    ['github.com/docker/buildx 0.13.1+ds1 0.13.1+ds1-3', '0.13.1'],
    ["docker: 'buildx' is not a docker command.", undefined],
  ])('%s', (out, v) => expect(parseBuildxVersion(out)).toBe(v));
});

describe('release assets', () => {
  it('names the binary per machine', () => {
    expect(releasePlatform('x64')).toBe('linux-amd64');
    expect(releasePlatform('arm64')).toBe('linux-arm64');
    expect(releasePlatform('arm')).toBe('linux-arm-v7');
  });

  it('reads a checksums.txt in both sha256sum styles', () => {
    const list = [
      `${'a'.repeat(64)} *buildx-v0.20.0.linux-amd64`,
      `${'b'.repeat(64)}  buildx-v0.20.0.linux-arm64`,
      `${'c'.repeat(64)} *buildx-v0.20.0.linux-amd64.json`,
    ].join('\n');
    expect(checksumFromList(list, 'buildx-v0.20.0.linux-amd64')).toBe('a'.repeat(64));
    expect(checksumFromList(list, 'buildx-v0.20.0.linux-arm64')).toBe('b'.repeat(64));
    expect(checksumFromList(list, 'buildx-v0.20.0.linux-riscv64')).toBeUndefined();
  });
});

describe('ensureBuildx', () => {
  const runWith =
    (versionOutput: string, exitCode = 0): RunProcess =>
    async () =>
      answer(versionOutput, exitCode);

  it('keeps an installed buildx that is new enough, without downloading', async () => {
    const log: string[] = [];
    const r = await ensureBuildx('', {
      run: runWith('github.com/docker/buildx 0.13.1+ds1 x'),
      log: (l) => log.push(l),
    });
    expect(r).toEqual({ version: '0.13.1' });
    expect(log).toEqual(['Using the installed buildx 0.13.1']);
  });

  it('keeps it when it is exactly the requested version (a leading v is fine)', async () => {
    const r = await ensureBuildx('v0.13.1', {
      run: runWith('github.com/docker/buildx 0.13.1+ds1 x'),
      log: () => undefined,
    });
    expect(r.installedTo).toBeUndefined();
  });

  it('rejects a buildx-version that is not a version', async () => {
    await expect(ensureBuildx('latest', { run: runWith(''), log: () => undefined })).rejects.toThrow(
      /buildx-version "latest" is not a version/,
    );
  });

  it(`treats anything older than ${MIN_BUILDX_VERSION} as needing an install (a 404 here fails it at once)`, async () => {
    const server = http.createServer((_req, res) => res.writeHead(404).end());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'install-test-'));
    const saved = { temp: process.env.RUNNER_TEMP, cache: process.env.RUNNER_TOOL_CACHE };
    process.env.RUNNER_TEMP = tmp;
    process.env.RUNNER_TOOL_CACHE = path.join(tmp, 'cache');
    const log: string[] = [];
    try {
      await expect(
        ensureBuildx('', {
          run: runWith('github.com/docker/buildx v0.9.1 x'),
          log: (l) => log.push(l),
          env: { MICROB_BUILDX_DOWNLOAD_BASE: `http://127.0.0.1:${port}/` },
        }),
      ).rejects.toThrow(
        new RegExp(
          `could not download buildx from http://127\\.0\\.0\\.1:${port}/v0\\.19\\.3/buildx-v0\\.19\\.3\\.linux-\\w+: Unexpected HTTP response: 404`,
        ),
      );
    } finally {
      restoreEnv('RUNNER_TEMP', saved.temp);
      restoreEnv('RUNNER_TOOL_CACHE', saved.cache);
      server.close();
      rmSync(tmp, { recursive: true, force: true });
    }
    expect(log[0]).toBe(
      `buildx 0.9.1 is installed but ${MIN_BUILDX_VERSION} or newer is needed; installing 0.19.3`,
    );
  });
});
