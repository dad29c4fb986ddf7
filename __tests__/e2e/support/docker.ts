import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { isAlive, killQuietly, onProcessExit, waitForExit } from './cleanup.js';
import { run, runOk } from './run.js';
import type { RunOptions, RunResult } from './run.js';

export { run, runOk, RunError } from './run.js';
export type { RunOptions, RunResult } from './run.js';

/** True when a Docker engine answers (`docker info`). */
export async function dockerAvailable(): Promise<boolean> {
  try {
    return (
      (await run('docker', ['info', '--format', '{{.ServerVersion}}'], { timeoutMs: 20_000 })).code === 0
    );
  } catch {
    return false; // no docker binary
  }
}

export async function imageExists(ref: string): Promise<boolean> {
  return (await run('docker', ['image', 'inspect', '--format', '{{.Id}}', ref])).code === 0;
}

/** `docker rmi -f` of the given refs only (never anything else); missing ones are ignored. */
export async function removeImages(...refs: string[]): Promise<void> {
  if (refs.length > 0) await run('docker', ['rmi', '-f', ...refs]);
}

// --- docker buildx build ---------------------------------------------------------------

/**
 * `docker buildx build --network=host ARGS...`. The engine has no bridge network, so
 * every build runs its RUN steps on the host network; `--pull` (and a `# syntax=` line)
 * would go to a registry, which is unreachable: refused here.
 */
export async function buildx(args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  const bad = args.find((a) => a === '--pull' || a.startsWith('--pull=') || a.startsWith('--network'));
  if (bad !== undefined) throw new Error(`buildx(): ${bad} is not allowed (--network=host is always passed)`);
  return run('docker', ['buildx', 'build', '--network=host', ...args], opts);
}

/** The keys of `--metadata-file` that tests use (engine 26 / buildx 0.13). */
export interface BuildMetadata {
  'containerimage.digest'?: string;
  'containerimage.config.digest'?: string;
  'containerimage.descriptor'?: { mediaType: string; digest: string; size: number };
  'image.name'?: string;
  'buildx.build.ref'?: string;
  [key: string]: unknown;
}

export async function readBuildMetadata(file: string): Promise<BuildMetadata> {
  const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
  if (!isRecord(parsed)) throw new Error(`${file}: not a JSON object`);
  return parsed as BuildMetadata;
}

// --- inspect / history -----------------------------------------------------------------

export interface ImageConfig {
  Labels: Record<string, string>;
  Env: string[];
  Entrypoint: string[] | null;
  Cmd: string[] | null;
  User: string;
  WorkingDir: string;
  ExposedPorts: string[];
}

export interface ImageInspect {
  Id: string;
  RepoTags: string[];
  Os: string;
  Architecture: string;
  Variant?: string;
  Size: number;
  Config: ImageConfig;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
function stringsOrNull(v: unknown): string[] | null {
  return Array.isArray(v) ? strings(v) : null;
}
function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** `docker image inspect REF`, narrowed to a typed subset. */
export async function inspect(ref: string): Promise<ImageInspect> {
  const r = await runOk('docker', ['image', 'inspect', ref]);
  const parsed: unknown = JSON.parse(r.stdout);
  const first: unknown = Array.isArray(parsed) ? parsed[0] : undefined;
  if (!isRecord(first)) throw new Error(`docker image inspect ${ref}: unexpected output`);
  const config = isRecord(first['Config']) ? first['Config'] : {};
  const labels: Record<string, string> = {};
  if (isRecord(config['Labels'])) {
    for (const [k, v] of Object.entries(config['Labels'])) if (typeof v === 'string') labels[k] = v;
  }
  const result: ImageInspect = {
    Id: str(first['Id']),
    RepoTags: strings(first['RepoTags']),
    Os: str(first['Os']),
    Architecture: str(first['Architecture']),
    Size: typeof first['Size'] === 'number' ? first['Size'] : 0,
    Config: {
      Labels: labels,
      Env: strings(config['Env']),
      Entrypoint: stringsOrNull(config['Entrypoint']),
      Cmd: stringsOrNull(config['Cmd']),
      User: str(config['User']),
      WorkingDir: str(config['WorkingDir']),
      ExposedPorts: isRecord(config['ExposedPorts']) ? Object.keys(config['ExposedPorts']) : [],
    },
  };
  if (typeof first['Variant'] === 'string') result.Variant = first['Variant'];
  return result;
}

export interface HistoryEntry {
  id: string;
  createdBy: string;
  size: string;
  comment: string;
}

/** `docker history --no-trunc REF`, one entry per layer/step, newest first. */
export async function imageHistory(ref: string): Promise<HistoryEntry[]> {
  const r = await runOk('docker', ['history', '--no-trunc', '--format', '{{json .}}', ref]);
  return r.stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((line) => {
      const e: unknown = JSON.parse(line);
      if (!isRecord(e)) throw new Error(`docker history: unexpected line ${line}`);
      return {
        id: str(e['ID']),
        createdBy: str(e['CreatedBy']),
        size: str(e['Size']),
        comment: str(e['Comment']),
      };
    });
}

// --- docker save + byte search -------------------------------------------------------------

async function streamContains(stream: Readable, needle: Buffer): Promise<boolean> {
  let tail = Buffer.alloc(0);
  try {
    for await (const chunk of stream) {
      const buf = Buffer.concat([tail, chunk as Buffer]);
      if (buf.includes(needle)) return true;
      tail = buf.subarray(Math.max(0, buf.length - needle.length + 1));
    }
    return false;
  } finally {
    stream.destroy();
  }
}

function tarNumber(field: Buffer): number {
  if ((field[0] ?? 0) & 0x80) {
    // base-256 (GNU) for sizes >= 8 GiB
    let n = 0;
    for (let i = 1; i < field.length; i++) n = n * 256 + (field[i] ?? 0);
    return n;
  }
  const s = field.toString('ascii').replace(/\0.*$/s, '').trim();
  return s === '' ? 0 : parseInt(s, 8);
}

/**
 * Names of the entries of an (uncompressed) tar file whose content contains needle.
 * gzip-compressed entries (image layers) are searched decompressed, so a needle inside
 * any file of any layer is found. zstd layers can't be read by Node 20: an error.
 */
export async function grepTar(file: string, needle: string | Buffer): Promise<string[]> {
  const n = typeof needle === 'string' ? Buffer.from(needle, 'utf8') : needle;
  if (n.length === 0) throw new Error('grepTar: empty needle');
  const size = (await stat(file)).size;
  const fh = await open(file, 'r');
  const hits: string[] = [];
  try {
    let off = 0;
    const header = Buffer.alloc(512);
    while (off + 512 <= size) {
      await fh.read(header, 0, 512, off);
      if (header.every((b) => b === 0)) break;
      const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
      const len = tarNumber(header.subarray(124, 136));
      const type = String.fromCharCode(header[156] ?? 0);
      const start = off + 512;
      if (len > 0 && (type === '0' || type === '\0')) {
        const magic = Buffer.alloc(4);
        await fh.read(magic, 0, 4, start);
        const range = { start, end: start + len - 1 };
        if (magic[0] === 0x28 && magic[1] === 0xb5 && magic[2] === 0x2f && magic[3] === 0xfd) {
          throw new Error(`grepTar: ${name} is zstd-compressed, which Node 20 can't decompress`);
        }
        const gzip = magic[0] === 0x1f && magic[1] === 0x8b;
        const stream = gzip
          ? createReadStream(file, range).pipe(createGunzip())
          : createReadStream(file, range);
        if (await streamContains(stream, n)) hits.push(name);
      }
      off = start + Math.ceil(len / 512) * 512;
    }
  } finally {
    await fh.close();
  }
  return hits;
}

/**
 * `docker save REF` to a temp file, then search its bytes for needle, layers
 * decompressed (with the containerd image store, saved layers are gzip blobs: a plain
 * grep of the tar would never find anything in them).
 */
export async function saveImageAndGrep(ref: string, needle: string | Buffer): Promise<boolean> {
  const dir = await mkdtemp(join(tmpdir(), 'microb-e2e-save-'));
  try {
    const file = join(dir, 'image.tar');
    await runOk('docker', ['save', '-o', file, ref]);
    return (await grepTar(file, needle)).length > 0;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// --- docker run ------------------------------------------------------------------------

export interface DockerRunOptions extends RunOptions {
  platform?: string;
  user?: string;
  entrypoint?: string;
  /** Extra `docker run` options, before the image. --network is always none. */
  dockerArgs?: string[];
}

/** `docker run --rm --network=none [options] REF ARGS...` (no bridge network exists). */
export function dockerRun(
  ref: string,
  args: readonly string[] = [],
  opts: DockerRunOptions = {},
): Promise<RunResult> {
  const o: string[] = ['run', '--rm', '--network=none'];
  if (opts.platform) o.push('--platform', opts.platform);
  if (opts.user) o.push('--user', opts.user);
  if (opts.entrypoint !== undefined) o.push('--entrypoint', opts.entrypoint);
  o.push(...(opts.dockerArgs ?? []), ref, ...args);
  return run('docker', o, opts);
}

// --- ssh-agent -------------------------------------------------------------------------

export interface SshAgent {
  /** Pass to run()/buildx() so that `--ssh default` finds the agent. */
  env: { SSH_AUTH_SOCK: string };
  pid: number;
  stop(): Promise<void>;
}

/** A private ssh-agent (foreground child, own socket) holding keyPath. */
export async function startSshAgent(keyPath: string): Promise<SshAgent> {
  const dir = await mkdtemp(join(tmpdir(), 'microb-e2e-agent-'));
  const sock = join(dir, 'agent.sock');
  const child = spawn('ssh-agent', ['-D', '-a', sock], { stdio: 'ignore' });
  const pid = child.pid;
  if (pid === undefined) throw new Error('ssh-agent did not start');
  let stopped = false;
  const unregister = onProcessExit(() => killQuietly(pid));
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    unregister();
    killQuietly(pid);
    await waitForExit(pid);
    await rm(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 100; i++) {
    const r = await run('ssh-add', ['-l'], { env: { SSH_AUTH_SOCK: sock } });
    if (r.code === 0 || r.code === 1) break; // 1: agent up, no identities yet
    if (!isAlive(pid)) break;
    await new Promise((res) => setTimeout(res, 50));
  }
  const added = await run('ssh-add', ['-q', keyPath], { env: { SSH_AUTH_SOCK: sock } });
  if (added.code !== 0) {
    await stop();
    throw new Error(`ssh-add ${keyPath} failed: ${added.stderr}`);
  }
  return { env: { SSH_AUTH_SOCK: sock }, pid, stop };
}
