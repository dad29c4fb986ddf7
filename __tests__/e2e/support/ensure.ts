import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import {
  BASE_IMAGES,
  BASE_IMAGES_313,
  E2E_CACHE_DIR,
  E2E_SCRIPTS,
  WHEELHOUSE,
  e2ePlatforms,
  py313Platforms,
} from './paths.js';
import { run, runOk } from './run.js';

export type E2EMode = 'debian' | 'runner';

let mode: Promise<E2EMode> | undefined;

/**
 * Which world the e2e set-up runs in, as scripts/e2e/lib.sh decides it (one definition):
 * "debian" (the Debian 12 CI: engine, base images and wheels built locally) or "runner" (a
 * GitHub runner, or E2E_MODE=runner: the machine's Docker and the official python images).
 */
export function e2eMode(): Promise<E2EMode> {
  mode ??= runOk('bash', ['-c', 'source "$1/lib.sh" && e2e_mode', 'e2e-mode', E2E_SCRIPTS]).then((r) => {
    const m = r.stdout.trim();
    if (m !== 'debian' && m !== 'runner') throw new Error(`lib.sh e2e_mode said ${JSON.stringify(m)}`);
    return m;
  });
  return mode;
}

const TARGETARCH: Record<string, string> = {
  'linux/amd64': 'amd64',
  'linux/arm64': 'arm64',
  'linux/arm64/v8': 'arm64',
  'linux/386': '386',
  'linux/arm/v7': 'arm',
};

const HOST_TOOLS = ['/usr/sbin/sshd', '/usr/bin/docker-registry', '/usr/bin/git', '/usr/bin/ssh-agent'];

/**
 * What is missing for the e2e tests, cheaply (no apt, no builds: well under a second):
 * a Docker engine with the containerd image store, the base images with every wanted
 * platform (their e2e.rootfs label lists them), the wheelhouse, the server binaries.
 * An empty list means ready.
 */
export async function e2eMissing(): Promise<string[]> {
  const missing: string[] = [];
  const runner = (await e2eMode()) === 'runner';
  const info = await run('docker', ['info', '--format', '{{json .DriverStatus}}']).catch(() => undefined);
  const wanted: [string, string[]][] = [
    ...Object.values(BASE_IMAGES).map((ref): [string, string[]] => [ref, e2ePlatforms()]),
    ...Object.values(BASE_IMAGES_313).map((ref): [string, string[]] => [ref, py313Platforms()]),
  ];
  if (!info || info.code !== 0) missing.push('docker engine');
  else if (runner) {
    // the runner's engine as it is (any image store) and the official images, for amd64
    for (const [ref] of wanted) {
      if ((await run('docker', ['image', 'inspect', '--format', '{{.Id}}', ref])).code !== 0)
        missing.push(ref);
    }
  } else if (!info.stdout.includes('io.containerd.snapshotter')) missing.push('containerd image store');
  else {
    for (const [ref, platforms] of wanted) {
      const r = await run('docker', [
        'image',
        'inspect',
        '--format',
        '{{index .Config.Labels "e2e.rootfs"}}',
        ref,
      ]);
      const label = r.code === 0 ? r.stdout.trim() : '';
      for (const p of platforms) {
        const arch = TARGETARCH[p];
        if (arch === undefined || !label.split(',').some((t) => t.startsWith(`${arch}:`))) {
          missing.push(`${ref} for ${p}`);
        }
      }
    }
  }
  const wheels = existsSync(WHEELHOUSE) ? readdirSync(WHEELHOUSE).filter((f) => f.endsWith('.whl')) : [];
  if (wheels.length === 0 || !existsSync(join(E2E_CACHE_DIR, 'wheelhouse.stamp'))) missing.push('wheelhouse');
  // runner mode runs the cases that need no sshd or registry (scripts/e2e/runner-e2e.sh)
  for (const tool of runner ? ['/usr/bin/git'] : HOST_TOOLS) if (!existsSync(tool)) missing.push(tool);
  return missing;
}

let ensured: Promise<void> | undefined;

/**
 * Makes sure the e2e infrastructure is there, once per test process: a cheap check
 * first (e2eMissing), and only if something is missing, scripts/e2e/setup.sh (needs
 * root; minutes on a bare machine, its progress lines go to this process's stderr).
 * setup.sh serialises concurrent runs with a lock, so test files may all call this.
 */
export function ensureE2E(): Promise<void> {
  ensured ??= (async () => {
    const missing = await e2eMissing();
    if (missing.length === 0) return;
    if ((await e2eMode()) === 'debian' && process.getuid?.() !== 0) {
      throw new Error(
        `e2e infrastructure missing (${missing.join(', ')}); run as root: bash scripts/e2e/setup.sh`,
      );
    }
    process.stderr.write(`[e2e] missing: ${missing.join(', ')}; running scripts/e2e/setup.sh\n`);
    const code = await new Promise<number>((resolve, reject) => {
      const child = spawn('bash', [join(E2E_SCRIPTS, 'setup.sh')], {
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      child.on('error', reject);
      child.on('close', (c) => resolve(c ?? -1));
    });
    if (code !== 0) throw new Error(`scripts/e2e/setup.sh failed (exit ${code})`);
    const still = await e2eMissing();
    if (still.length > 0) throw new Error(`still missing after setup.sh: ${still.join(', ')}`);
  })();
  // a failed attempt may be retried by a later call
  ensured.catch(() => (ensured = undefined));
  return ensured;
}
