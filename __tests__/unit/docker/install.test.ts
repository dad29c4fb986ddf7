import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  PINNED_BUILDX_VERSION,
  releasePlatform,
  resolveDownloadBase,
} from '../../../src/docker/buildx/install.js';
import type { ProcessResult, RunProcess } from '../../../src/process/runner.js';

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
          downloadBase: `http://127.0.0.1:${port}/`,
          env: {},
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

describe('where buildx is downloaded from', () => {
  it('ignores the retired MICROB_BUILDX_DOWNLOAD_BASE hook, saying so', () => {
    const r = resolveDownloadBase(undefined, { MICROB_BUILDX_DOWNLOAD_BASE: 'http://127.0.0.1:1/evil' });
    expect(r.base).toBe('https://github.com/docker/buildx/releases/download');
    expect(r.warnings).toEqual([
      'MICROB_BUILDX_DOWNLOAD_BASE is set but ignored: buildx is downloaded from https://github.com/docker/buildx/releases/download',
    ]);
  });

  it('uses the explicit unsafe-buildx-download-base input, with a warning', () => {
    const r = resolveDownloadBase('http://127.0.0.1:8/rel/', {});
    expect(r.base).toBe('http://127.0.0.1:8/rel');
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(
      /^unsafe-buildx-download-base: downloading buildx from http:\/\/127\.0\.0\.1:8\/rel\/ /,
    );
    expect(resolveDownloadBase(undefined, {})).toEqual({
      base: 'https://github.com/docker/buildx/releases/download',
      warnings: [],
    });
  });
});

/** A loopback release server, a tool cache and a plugin dir in a temp dir, for one test. */
async function releaseFixture(handler: http.RequestListener) {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'install-test-'));
  const saved = { temp: process.env.RUNNER_TEMP, cache: process.env.RUNNER_TOOL_CACHE };
  process.env.RUNNER_TEMP = path.join(tmp, 'temp');
  process.env.RUNNER_TOOL_CACHE = path.join(tmp, 'cache');
  mkdirSync(process.env.RUNNER_TEMP);
  return {
    base,
    requests,
    tmp,
    /** Puts `content` in the tool cache as if an earlier job had installed that version. */
    seedToolCache(version: string, content: string) {
      const dir = path.join(tmp, 'cache', 'docker-buildx', version, releasePlatform(process.arch));
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'docker-buildx'), content);
      writeFileSync(`${dir}.complete`, '');
    },
    async close() {
      restoreEnv('RUNNER_TEMP', saved.temp);
      restoreEnv('RUNNER_TOOL_CACHE', saved.cache);
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** `docker buildx version`: none before the install, `version` once the plugin is there. */
const versionAfterInstall =
  (pluginDir: string, version: string): RunProcess =>
  async () => {
    try {
      readFileSync(path.join(pluginDir, 'docker-buildx'));
      return answer(`github.com/docker/buildx v${version} x`);
    } catch {
      return answer('', 1);
    }
  };

describe('tool-cache hits are checked against the checksum', () => {
  it('does not install a tampered binary from the tool cache: it downloads again', async () => {
    const fx = await releaseFixture((_req, res) => res.writeHead(404).end());
    const warnings: string[] = [];
    try {
      fx.seedToolCache(PINNED_BUILDX_VERSION, '#!/bin/sh\necho planted\n');
      const pluginDir = path.join(fx.tmp, 'docker', 'cli-plugins');
      await expect(
        ensureBuildx('', {
          run: versionAfterInstall(pluginDir, PINNED_BUILDX_VERSION),
          log: () => undefined,
          warn: (w) => warnings.push(w),
          env: { DOCKER_CONFIG: path.join(fx.tmp, 'docker') },
          downloadBase: fx.base,
        }),
      ).rejects.toThrow(/could not download buildx .*404/);
      expect(
        warnings.some((w) =>
          /in the tool cache .* has sha256 [0-9a-f]{64}, not [0-9a-f]{64}: not using it/.test(w),
        ),
      ).toBe(true);
      expect(fx.requests).toEqual([
        `/v${PINNED_BUILDX_VERSION}/buildx-v${PINNED_BUILDX_VERSION}.${releasePlatform(process.arch)}`,
      ]);
      // the planted file never became the docker CLI plugin
      expect(() => readFileSync(path.join(pluginDir, 'docker-buildx'))).toThrow();
    } finally {
      await fx.close();
    }
  });

  it('uses a cached binary whose sha256 matches the release checksums', async () => {
    const content = 'a cached buildx binary\n';
    const sum = createHash('sha256').update(content).digest('hex');
    const asset = `buildx-v0.13.1.${releasePlatform(process.arch)}`;
    const fx = await releaseFixture((req, res) => {
      if (req.url === '/v0.13.1/checksums.txt') res.end(`${sum} *${asset}\n`);
      else res.writeHead(404).end();
    });
    const log: string[] = [];
    try {
      fx.seedToolCache('0.13.1', content);
      const pluginDir = path.join(fx.tmp, 'docker', 'cli-plugins');
      const r = await ensureBuildx('0.13.1', {
        run: versionAfterInstall(pluginDir, '0.13.1'),
        log: (l) => log.push(l),
        env: { DOCKER_CONFIG: path.join(fx.tmp, 'docker') },
        downloadBase: fx.base,
      });
      expect(r.installedTo).toBe(path.join(pluginDir, 'docker-buildx'));
      expect(readFileSync(path.join(pluginDir, 'docker-buildx'), 'utf8')).toBe(content);
      expect(
        log.some((l) => l.includes(`found in the tool cache`) && l.includes(`sha256 ${sum} verified`)),
      ).toBe(true);
      expect(fx.requests).toEqual(['/v0.13.1/checksums.txt']); // the binary itself is not downloaded again
    } finally {
      await fx.close();
    }
  });
});

describe('the buildx download has a deadline', () => {
  it('fails with a clear error when the release server never answers', async () => {
    // accepts the connection and the request, then says nothing
    const fx = await releaseFixture(() => undefined);
    try {
      const started = Date.now();
      await expect(
        ensureBuildx('', {
          run: async () => answer('', 1),
          log: () => undefined,
          env: {},
          downloadBase: fx.base,
          downloadTimeoutMs: 500,
        }),
      ).rejects.toThrow(
        /could not download buildx from http:\/\/127\.0\.0\.1:\d+\/v[\d.]+\/buildx-\S+: no complete answer within 1 s/,
      );
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(fx.requests).toHaveLength(1);
    } finally {
      await fx.close();
    }
  });
});
