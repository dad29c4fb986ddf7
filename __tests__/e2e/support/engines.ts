/**
 * The builders GitHub's runners and a scale-out setup use, run for real on this machine:
 * - a second dockerd with the classic image store (scripts/e2e/classic-engine.sh), the engine
 *   GitHub's hosted runners have;
 * - a remote BuildKit on tcp://127.0.0.1:PORT with mutual TLS (scripts/e2e/remote-buildkit.sh);
 * - a "Docker Hub" for builders that don't see an engine's images: the local python base images
 *   pushed to a local registry under library/, which a BuildKit config names as the docker.io
 *   mirror (a docker-container builder reads it from $BUILDX_CONFIG/buildkitd.default.toml).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAlive, onProcessExit, watchParent } from './cleanup.js';
import { BASE_IMAGES, E2E_CACHE_DIR, E2E_SCRIPTS } from './paths.js';
import { run, runOk } from './run.js';

const MINUTE = 60_000;

// --- the classic-store engine ----------------------------------------------------------------

export interface ClassicEngine {
  /** unix:///run/microb-classic-…/docker.sock */
  readonly dockerHost: string;
  readonly pid: number;
  readonly stateDir: string;
  /** For run()/runAction(): DOCKER_HOST pointing at this engine. */
  readonly env: { readonly DOCKER_HOST: string };
  /** Stops the daemon if this process started it (the images stay cached in its data root). */
  stop(): Promise<void>;
}

export const CLASSIC_STATE = join(E2E_CACHE_DIR, 'classic-engine');

/** Starts (or finds) the classic-store dockerd; loads the python and BuildKit images into it. */
export async function classicEngine(): Promise<ClassicEngine> {
  const envFile = join(CLASSIC_STATE, 'env.json');
  const before = existsSync(envFile)
    ? (JSON.parse(await readFile(envFile, 'utf8')) as { pid: number }).pid
    : undefined;
  const wasRunning = before !== undefined && isAlive(before);
  await runOk('bash', [join(E2E_SCRIPTS, 'classic-engine.sh'), CLASSIC_STATE], { timeoutMs: 25 * MINUTE });
  const s = JSON.parse(await readFile(envFile, 'utf8')) as { dockerHost: string; pid: number };
  let stopped = wasRunning;
  return {
    dockerHost: s.dockerHost,
    pid: s.pid,
    stateDir: CLASSIC_STATE,
    env: { DOCKER_HOST: s.dockerHost },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await run('bash', [join(E2E_SCRIPTS, 'classic-engine.sh'), '--stop', CLASSIC_STATE], {
        timeoutMs: 2 * MINUTE,
      });
    },
  };
}

// --- a Docker Hub stand-in -------------------------------------------------------------------

/**
 * Pushes the main engine's python base images (every platform) to `registryHost/library/…`, the
 * path a docker.io mirror serves them under. Returns the refs pushed.
 */
export async function pushBaseImagesAsDockerHub(registryHost: string): Promise<string[]> {
  const pushed: string[] = [];
  for (const ref of Object.values(BASE_IMAGES)) {
    const mirrored = `${registryHost}/library/${ref}`;
    await runOk('docker', ['tag', ref, mirrored]);
    try {
      await runOk('docker', ['push', '-q', mirrored], { timeoutMs: 10 * MINUTE });
    } finally {
      await run('docker', ['rmi', mirrored]);
    }
    pushed.push(mirrored);
  }
  return pushed;
}

/**
 * Makes the engine `env` names hold the very images "Docker Hub" (pushBaseImagesAsDockerHub) serves,
 * pulled from it and tagged python:3.11(-slim), as a runner's engine holds what it pulled: then a
 * build on its docker driver and one on a builder pulling from the mirror share cache keys.
 */
export async function adoptDockerHubImages(
  env: Readonly<Record<string, string>>,
  registryHost: string,
): Promise<void> {
  for (const ref of Object.values(BASE_IMAGES)) {
    const mirrored = `${registryHost}/library/${ref}`;
    await runOk('docker', ['pull', '-q', mirrored], { env, timeoutMs: 10 * MINUTE });
    await runOk('docker', ['tag', mirrored, ref], { env });
    await runOk('docker', ['rmi', mirrored], { env });
  }
}

/**
 * A BUILDX_CONFIG directory whose buildkitd.default.toml makes every builder buildx creates with it
 * (`buildx create` without --buildkitd-config, as the action does) pull docker.io images from
 * `registryHost` over plain http. Builder instances created with it live in this directory too.
 */
export async function buildxConfigWithMirror(dir: string, registryHost: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, 'buildkitd.default.toml'),
    `[registry."docker.io"]\n  mirrors = ["${registryHost}"]\n\n[registry."${registryHost}"]\n  http = true\n`,
  );
  return dir;
}

// --- a remote BuildKit with TLS --------------------------------------------------------------

export interface RemoteBuildkit {
  /** tcp://127.0.0.1:PORT */
  readonly addr: string;
  readonly port: number;
  readonly pid: number;
  readonly cacert: string;
  readonly cert: string;
  readonly key: string;
  readonly stateDir: string;
  /** kill -9 and start again on the same port and state; resolves once it answers. */
  restart(): Promise<void>;
  /** The daemon's current pid (changes with restart). */
  currentPid(): Promise<number>;
  stop(): Promise<void>;
}

interface RemoteState {
  addr: string;
  port: number;
  pid: number;
  cacert: string;
  cert: string;
  key: string;
  stateDir: string;
}

/** buildkitd on 127.0.0.1 with mutual TLS; `mirror` (HOST:PORT) stands in for docker.io. */
export async function startRemoteBuildkit(opts: { mirror?: string } = {}): Promise<RemoteBuildkit> {
  const stateDir = await mkdtemp(join(tmpdir(), 'microb-e2e-remote-bk-'));
  const script = join(E2E_SCRIPTS, 'remote-buildkit.sh');
  const env = opts.mirror ? { REMOTE_BUILDKIT_MIRROR: opts.mirror } : {};
  try {
    await runOk('bash', [script, stateDir], { timeoutMs: 2 * MINUTE, env });
  } catch (e) {
    rmSync(stateDir, { recursive: true, force: true });
    throw e;
  }
  const read = async (): Promise<RemoteState> =>
    JSON.parse(await readFile(join(stateDir, 'env.json'), 'utf8')) as RemoteState;
  const s = await read();
  watchParent(s.pid);
  let stopped = false;
  const stopSync = (): void => {
    // at exit only sync work is possible
    spawnSync('bash', [script, '--stop', stateDir], { stdio: 'ignore', timeout: 60_000 });
    rmSync(stateDir, { recursive: true, force: true });
  };
  const unregister = onProcessExit(stopSync);
  return {
    ...s,
    restart: async () => {
      await runOk('bash', [script, '--restart', stateDir], { timeoutMs: 2 * MINUTE, env });
      watchParent((await read()).pid);
    },
    currentPid: async () => (await read()).pid,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      unregister();
      await run('bash', [script, '--stop', stateDir], { timeoutMs: 2 * MINUTE });
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}
