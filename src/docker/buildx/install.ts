/**
 * Makes sure `docker buildx` exists and is new enough; otherwise installs a release binary
 * through @actions/tool-cache (kept across runs on self-hosted runners), verifies its SHA-256,
 * and puts it where the docker CLI looks for plugins.
 */
import { createHash } from 'node:crypto';
import { chmod, copyFile, mkdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tc from '@actions/tool-cache';
import semver from 'semver';
import { formatPlatform, hostPlatform } from '../platforms.js';
import { type RunProcess, runProcess } from '../../process/runner.js';

/** Oldest buildx with everything we pass: `--provenance`/`--sbom` (0.10), `--secret env=`. */
export const MIN_BUILDX_VERSION = '0.10.0';

/** Installed when buildx is missing or too old and no `buildx-version` is given. */
export const PINNED_BUILDX_VERSION = '0.19.3';

/**
 * SHA-256 of the pinned release binaries, as published with docker/buildx v0.19.3 (the same
 * values the official docker:dind image verifies). Other versions are checked against the
 * release's own checksums.txt.
 */
const PINNED_SHA256: Readonly<Record<string, string>> = {
  'linux-amd64': '32ed111e941e385c2fb8261eba06a4056915718fd606f8278834ac1931d261a2',
  'linux-arm64': '138b587399b27bb61945a36d67866177b85dea1155101a2be63c7ab715f18a2e',
};

/**
 * A retired test hook: it redirected the download in production too, and whatever answers there
 * also serves the checksums.txt the binary is checked against. Now ignored, with a warning.
 */
const RETIRED_DOWNLOAD_BASE_ENV = 'MICROB_BUILDX_DOWNLOAD_BASE';
const DEFAULT_DOWNLOAD_BASE = 'https://github.com/docker/buildx/releases/download';

/** The buildx download (about 60 MB) and its checksums.txt, each; a stalled server fails here. */
const DOWNLOAD_TIMEOUT_MS = 5 * 60_000;

export interface BuildxInstallDeps {
  readonly run?: RunProcess;
  readonly log: (line: string) => void;
  readonly warn?: (line: string) => void;
  readonly env?: NodeJS.ProcessEnv;
  readonly nodeArch?: string;
  /**
   * Where releases are downloaded from instead of GitHub: only from the action's
   * `unsafe-buildx-download-base` input (this action's own tests), never from the environment.
   */
  readonly downloadBase?: string;
  /** Deadline of each download; default DOWNLOAD_TIMEOUT_MS. */
  readonly downloadTimeoutMs?: number;
}

/** The release server to use, and why a leftover environment hook is not obeyed. */
export function resolveDownloadBase(
  explicit: string | undefined,
  env: NodeJS.ProcessEnv,
): { readonly base: string; readonly warnings: readonly string[] } {
  const warnings: string[] = [];
  if (env[RETIRED_DOWNLOAD_BASE_ENV]) {
    warnings.push(
      `${RETIRED_DOWNLOAD_BASE_ENV} is set but ignored: buildx is downloaded from ${explicit || DEFAULT_DOWNLOAD_BASE}`,
    );
  }
  if (!explicit) return { base: DEFAULT_DOWNLOAD_BASE, warnings };
  warnings.push(
    `unsafe-buildx-download-base: downloading buildx from ${explicit} instead of GitHub's releases ` +
      '(its checksums.txt is served by the same host: use this only to test this action)',
  );
  return { base: explicit.replace(/\/+$/, ''), warnings };
}

export interface BuildxReady {
  readonly version: string;
  /** Set when we installed it: the plugin path we wrote. */
  readonly installedTo?: string;
}

/** `docker buildx version` → `0.13.1`, or undefined when buildx is missing or unusable. */
async function detectBuildxVersion(run: RunProcess = runProcess): Promise<string | undefined> {
  const r = await run('docker', ['buildx', 'version'], { timeoutMs: 30_000 });
  if (r.exitCode !== 0) return undefined;
  return parseBuildxVersion(r.stdout);
}

/** Parses `github.com/docker/buildx v0.19.3 48d6a39` and Debian's `… 0.13.1+ds1 0.13.1+ds1-3`. */
export function parseBuildxVersion(output: string): string | undefined {
  const m = /buildx\s+v?(\d+\.\d+\.\d+)/.exec(output);
  return m?.[1];
}

/** Release asset suffix for this machine, e.g. `linux-amd64`, `linux-arm-v7`. */
export function releasePlatform(nodeArch: string): string {
  return formatPlatform(hostPlatform(nodeArch)).replaceAll('/', '-');
}

/** Finds `<sha>  [*]buildx-vX.linux-arch` in a release checksums.txt. */
export function checksumFromList(list: string, assetName: string): string | undefined {
  for (const line of list.split('\n')) {
    const m = /^([0-9a-f]{64})\s+\*?(\S+)\s*$/.exec(line.trim());
    if (m && m[2] === assetName) return m[1];
  }
  return undefined;
}

async function sha256File(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}

export async function ensureBuildx(requested: string, deps: BuildxInstallDeps): Promise<BuildxReady> {
  const run = deps.run ?? runProcess;
  const current = await detectBuildxVersion(run);
  const wanted = requested.replace(/^v/, '');
  if (wanted && !semver.valid(wanted)) {
    throw new Error(`buildx-version "${requested}" is not a version like 0.19.3`);
  }
  if (current && (wanted ? current === wanted : semver.gte(current, MIN_BUILDX_VERSION))) {
    deps.log(`Using the installed buildx ${current}`);
    return { version: current };
  }
  const version = wanted || PINNED_BUILDX_VERSION;
  deps.log(
    current
      ? `buildx ${current} is installed but ${wanted ? `${wanted} was asked for` : `${MIN_BUILDX_VERSION} or newer is needed`}; installing ${version}`
      : `buildx is not installed; installing ${version}`,
  );
  const installedTo = await installBuildx(version, deps);
  const now = await detectBuildxVersion(run);
  if (now !== version) {
    throw new Error(
      `installed buildx ${version} to ${installedTo}, but \`docker buildx version\` reports ${now ?? 'nothing'}; ` +
        'check DOCKER_CONFIG and the docker CLI plugin directories',
    );
  }
  return { version, installedTo };
}

async function installBuildx(version: string, deps: BuildxInstallDeps): Promise<string> {
  const env = deps.env ?? process.env;
  const platform = releasePlatform(deps.nodeArch ?? process.arch);
  const asset = `buildx-v${version}.${platform}`;
  const { base, warnings } = resolveDownloadBase(deps.downloadBase, env);
  for (const w of warnings) (deps.warn ?? deps.log)(w);
  const timeoutMs = deps.downloadTimeoutMs ?? DOWNLOAD_TIMEOUT_MS;
  const url = `${base}/v${version}/${asset}`;
  const expectedSha256 = async () =>
    version === PINNED_BUILDX_VERSION && PINNED_SHA256[platform]
      ? PINNED_SHA256[platform]
      : await checksumFromRelease(`${base}/v${version}/checksums.txt`, asset, timeoutMs);

  let dir = tc.find('docker-buildx', version, platform);
  if (dir) {
    // The tool cache outlives the job on a self-hosted runner, and anything running as the
    // runner user can write to it: check the binary as if it had just been downloaded.
    const cached = path.join(dir, 'docker-buildx');
    const [expected, actual] = await Promise.all([expectedSha256(), sha256File(cached).catch(() => '')]);
    if (actual === expected) {
      deps.log(`buildx ${version} found in the tool cache: ${dir} (sha256 ${actual} verified)`);
    } else {
      (deps.warn ?? deps.log)(
        `buildx ${version} in the tool cache (${cached}) has sha256 ${actual || 'unreadable'}, not ${expected}: ` +
          'not using it, downloading it again',
      );
      dir = '';
    }
  }
  if (!dir) {
    deps.log(`Downloading ${url}`);
    const downloaded = await downloadOrExplain(url, timeoutMs);
    const expected = await expectedSha256();
    const actual = await sha256File(downloaded);
    if (actual !== expected) {
      throw new Error(
        `checksum mismatch for ${url}: expected sha256 ${expected}, got ${actual}; not installing it`,
      );
    }
    deps.log(`sha256 ${actual} verified`);
    dir = await tc.cacheFile(downloaded, 'docker-buildx', 'docker-buildx', version, platform);
  }
  const pluginDir = path.join(env.DOCKER_CONFIG || path.join(os.homedir(), '.docker'), 'cli-plugins');
  await mkdir(pluginDir, { recursive: true });
  const plugin = path.join(pluginDir, 'docker-buildx');
  await copyFile(path.join(dir, 'docker-buildx'), plugin);
  await chmod(plugin, 0o755);
  deps.log(`Installed buildx ${version} as ${plugin}`);
  return plugin;
}

/**
 * tool-cache's download with a deadline: its socket timeout is reset by every byte, so a server
 * that trickles (or a proxy that holds the connection) would otherwise hang the job. The request
 * left behind is ended with the step (main.ts exits once the work is done).
 */
async function downloadOrExplain(url: string, timeoutMs: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no complete answer within ${Math.round(timeoutMs / 1000)} s`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([tc.downloadTool(url), deadline]);
  } catch (e) {
    throw new Error(
      `could not download buildx from ${url}: ${(e as Error).message}. ` +
        'Install docker-buildx on the runner (e.g. docker/setup-buildx-action) or allow access to github.com.',
      { cause: e },
    );
  } finally {
    clearTimeout(timer);
  }
}

async function checksumFromRelease(url: string, asset: string, timeoutMs: number): Promise<string> {
  const list = await readFile(await downloadOrExplain(url, timeoutMs), 'utf8');
  const sum = checksumFromList(list, asset);
  if (!sum) throw new Error(`${url} lists no checksum for ${asset}; not installing an unverified binary`);
  return sum;
}
