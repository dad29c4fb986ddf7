import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { isAlive, killQuietly, onProcessExit, waitForExit, watchParent } from './cleanup.js';
import { E2E_SCRIPTS, WHEELHOUSE } from './paths.js';
import { runOk } from './run.js';

/*
 * Test servers on 127.0.0.1, each on a port the kernel picked (parallel runs never
 * collide), each stopped by its pid: stop() is idempotent, also runs at process exit,
 * and a watchdog stops the server if the test process dies without exiting cleanly.
 */

async function sleep(ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

// --- private PEP 503 index ---------------------------------------------------------------

export interface PrivateIndexOptions {
  /** Basic-auth user (default "ci"). */
  user?: string;
  /** Basic-auth password (default: random). */
  password?: string;
  /** Extra wheel/sdist files to serve (copied into the index's own directory). */
  wheels?: string[];
  /** Also serve the wheelhouse made by setup.sh (default true). */
  wheelhouse?: boolean;
}

export interface AccessLogEntry {
  time: string;
  method: string;
  path: string;
  status: number;
  /** The basic-auth user name sent, or null. */
  user: string | null;
}

export interface PrivateIndex {
  /** http://127.0.0.1:PORT/simple/ (no credentials) */
  url: string;
  /** http://USER:PASSWORD@127.0.0.1:PORT/simple/ (for a pip.conf secret) */
  authUrl: string;
  port: number;
  user: string;
  password: string;
  pid: number;
  /** Directory served besides the wheelhouse; files added to it are served at once. */
  dir: string;
  /** Raw access log (JSON lines). */
  accessLog(): string;
  accessEntries(): AccessLogEntry[];
  /** Paths of successful (200) GETs, e.g. "/files/requests-2.28.1-py3-none-any.whl". */
  fetchedFiles(): string[];
  /** A pip.conf whose index-url carries the credential. */
  pipConf(): string;
  /** Writes pipConf() to path (mode 0600) and returns path. */
  writePipConf(path: string): Promise<string>;
  /** Copies a wheel/sdist into dir. */
  addFile(path: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startPrivateIndex(opts: PrivateIndexOptions = {}): Promise<PrivateIndex> {
  const user = opts.user ?? 'ci';
  const password = opts.password ?? `pw-${randomBytes(12).toString('hex')}`;
  const base = await mkdtemp(join(tmpdir(), 'microb-e2e-index-'));
  const dir = join(base, 'files');
  await mkdir(dir);
  for (const w of opts.wheels ?? []) await copyFile(w, join(dir, basename(w)));
  const portFile = join(base, 'port');
  const logFile = join(base, 'access.log');
  await writeFile(logFile, '');

  const dirs = ['--dir', dir];
  if (opts.wheelhouse !== false) {
    if (!existsSync(WHEELHOUSE))
      throw new Error(`${WHEELHOUSE} missing: run scripts/e2e/setup.sh (ensureE2E())`);
    dirs.unshift('--dir', WHEELHOUSE);
  }
  const args = [
    join(E2E_SCRIPTS, 'private-index.py'),
    'serve',
    ...dirs,
    '--user',
    user,
    '--port',
    '0',
    '--port-file',
    portFile,
    '--access-log',
    logFile,
    '--parent-pid',
    String(process.pid),
  ];
  // the password goes through the environment, not argv (visible in ps)
  const child = spawn('python3', args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, PRIVATE_INDEX_PASSWORD: password },
  });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const pid = child.pid;
  if (pid === undefined) throw new Error('private-index.py did not start');

  let stopped = false;
  const unregister = onProcessExit(() => {
    killQuietly(pid);
    rmSync(base, { recursive: true, force: true });
  });
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    unregister();
    killQuietly(pid);
    await waitForExit(pid);
    await rm(base, { recursive: true, force: true });
  };

  let port = 0;
  for (let i = 0; i < 200 && port === 0; i++) {
    if (existsSync(portFile)) port = Number((await readFile(portFile, 'utf8')).trim());
    else if (child.exitCode !== null || !isAlive(pid)) break;
    else await sleep(50);
  }
  if (!port) {
    await stop();
    throw new Error(`private-index.py did not start listening: ${stderr}`);
  }

  const authUrl = `http://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/simple/`;
  const accessLog = (): string => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  const accessEntries = (): AccessLogEntry[] =>
    accessLog()
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as AccessLogEntry);
  const pipConf = (): string => `[global]\nindex-url = ${authUrl}\n`;
  return {
    url: `http://127.0.0.1:${port}/simple/`,
    authUrl,
    port,
    user,
    password,
    pid,
    dir,
    accessLog,
    accessEntries,
    fetchedFiles: () =>
      accessEntries()
        .filter((e) => e.method === 'GET' && e.status === 200 && e.path.startsWith('/files/'))
        .map((e) => e.path),
    pipConf,
    writePipConf: async (path: string): Promise<string> => {
      await writeFile(path, pipConf(), { mode: 0o600 });
      return path;
    },
    addFile: async (path: string): Promise<void> => copyFile(path, join(dir, basename(path))),
    stop,
  };
}

// --- git over ssh ------------------------------------------------------------------------

export interface SshGitOptions {
  /** Distribution name of the package in the repo (default e2e-git-pkg). */
  packageName?: string;
  /** Its version; the repo has the tag v<version> (default 0.1.0). */
  version?: string;
}

export interface SshGit {
  /** pip requirement: "e2e-git-pkg @ git+ssh://git@127.0.0.1:PORT/<abs>.git@v0.1.0" */
  requirement: string;
  /** ssh://git@127.0.0.1:PORT/<abs>.git */
  repoUrl: string;
  /** Client private key (for startSshAgent). */
  keyPath: string;
  /** ssh-keyscan output for the server ([127.0.0.1]:PORT ssh-ed25519 ...). */
  knownHostsPath: string;
  port: number;
  pid: number;
  packageName: string;
  /** Import name of the package (e2e_git_pkg). */
  module: string;
  version: string;
  stateDir: string;
  stop(): Promise<void>;
}

interface SshGitState {
  port: number;
  requirement: string;
  repoUrl: string;
  keyPath: string;
  knownHostsPath: string;
  pid: number;
  packageName: string;
  version: string;
  module: string;
  stateDir: string;
}

/** sshd on 127.0.0.1 serving a bare repo of a tiny setuptools package (scripts/e2e/ssh-git.sh; needs root). */
export async function startSshGit(opts: SshGitOptions = {}): Promise<SshGit> {
  const stateDir = await mkdtemp(join(tmpdir(), 'microb-e2e-ssh-git-'));
  const env: Record<string, string> = {};
  if (opts.packageName) env['E2E_GIT_PKG'] = opts.packageName;
  if (opts.version) env['E2E_GIT_VERSION'] = opts.version;
  try {
    await runOk('bash', [join(E2E_SCRIPTS, 'ssh-git.sh'), stateDir], { env, timeoutMs: 120_000 });
  } catch (e) {
    rmSync(stateDir, { recursive: true, force: true });
    throw e;
  }
  const s = JSON.parse(await readFile(join(stateDir, 'env.json'), 'utf8')) as SshGitState;
  watchParent(s.pid);
  let stopped = false;
  const unregister = onProcessExit(() => {
    killQuietly(s.pid);
    rmSync(stateDir, { recursive: true, force: true });
  });
  return {
    ...s,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      unregister();
      killQuietly(s.pid);
      await waitForExit(s.pid);
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}

// --- registry --------------------------------------------------------------------------

export const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
] as const;

export interface RegistryManifest {
  mediaType: string;
  /** Docker-Content-Digest */
  digest: string;
  /** The parsed JSON (an index or a manifest). */
  body: unknown;
  raw: string;
}

export interface LocalRegistry {
  /** 127.0.0.1:PORT, the prefix of image names to push: `${host}/e2e/app:1` */
  host: string;
  port: number;
  pid: number;
  stateDir: string;
  /** Docker-Content-Digest of repo:ref (HEAD), undefined if absent. */
  manifestDigest(repo: string, ref: string): Promise<string | undefined>;
  /** GET repo:ref accepting OCI/Docker indexes and manifests; throws if absent. */
  manifest(repo: string, ref: string): Promise<RegistryManifest>;
  tags(repo: string): Promise<string[]>;
  stop(): Promise<void>;
}

interface RegistryState {
  host: string;
  port: number;
  pid: number;
  stateDir: string;
}

/** Debian's docker-registry on 127.0.0.1 (scripts/e2e/registry.sh). */
export async function startRegistry(): Promise<LocalRegistry> {
  const stateDir = await mkdtemp(join(tmpdir(), 'microb-e2e-registry-'));
  try {
    await runOk('bash', [join(E2E_SCRIPTS, 'registry.sh'), stateDir], { timeoutMs: 120_000 });
  } catch (e) {
    rmSync(stateDir, { recursive: true, force: true });
    throw e;
  }
  const s = JSON.parse(await readFile(join(stateDir, 'env.json'), 'utf8')) as RegistryState;
  watchParent(s.pid);
  let stopped = false;
  const unregister = onProcessExit(() => {
    killQuietly(s.pid);
    rmSync(stateDir, { recursive: true, force: true });
  });
  const headers = { Accept: MANIFEST_TYPES.join(', ') };
  const url = (repo: string, ref: string): string => `http://${s.host}/v2/${repo}/manifests/${ref}`;
  return {
    ...s,
    manifestDigest: async (repo, ref) => {
      const r = await fetch(url(repo, ref), { method: 'HEAD', headers });
      if (r.status === 404) return undefined;
      if (!r.ok) throw new Error(`HEAD ${url(repo, ref)}: ${r.status}`);
      return r.headers.get('docker-content-digest') ?? undefined;
    },
    manifest: async (repo, ref) => {
      const r = await fetch(url(repo, ref), { headers });
      const raw = await r.text();
      if (!r.ok) throw new Error(`GET ${url(repo, ref)}: ${r.status} ${raw}`);
      return {
        mediaType: r.headers.get('content-type') ?? '',
        digest: r.headers.get('docker-content-digest') ?? '',
        body: JSON.parse(raw) as unknown,
        raw,
      };
    },
    tags: async (repo) => {
      const r = await fetch(`http://${s.host}/v2/${repo}/tags/list`);
      if (r.status === 404) return [];
      const body = (await r.json()) as { tags?: string[] | null };
      return body.tags ?? [];
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      unregister();
      killQuietly(s.pid);
      await waitForExit(s.pid);
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}
