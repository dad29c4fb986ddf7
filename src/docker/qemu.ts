/**
 * QEMU user-mode emulation through binfmt_misc, set up only for the architectures the host
 * can't run natively and only when not already registered — registering is global to the
 * machine (a privileged operation), so we touch as little as possible and say what we did.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type Platform, runsNatively } from './platforms.js';
import { type RunProcess, runProcess } from '../process/runner.js';

/** binfmt_misc handler (and QEMU binary) name for each Docker architecture. */
const QEMU_NAMES: Readonly<Record<string, string>> = {
  amd64: 'x86_64',
  '386': 'i386',
  arm64: 'aarch64',
  arm: 'arm',
  ppc64le: 'ppc64le',
  s390x: 's390x',
  riscv64: 'riscv64',
  mips64le: 'mips64el',
  mips64: 'mips64',
};

/**
 * tonistiigi/binfmt is what docker/setup-qemu-action runs. It runs `--privileged` (it writes to
 * the host's binfmt_misc), so it is pinned by digest: a tag can be moved to another image. The
 * digest is the one published for qemu-v8.1.5 as quoted by other projects pinning the same tag;
 * the `qemu-image` input replaces it (digest required) if it ever has to change.
 */
export const BINFMT_IMAGE =
  'tonistiigi/binfmt:qemu-v8.1.5@sha256:2d2918e86e5327d0661f7083d67a95280b0f7be8f77ed79a8418f81d7d90ce6f';

/** The image reference itself, when it is pinned by a sha256 digest; else an error saying how. */
export function checkBinfmtImage(image: string): string {
  const ref = image.trim();
  if (!/^[a-z0-9][a-z0-9._/:-]*@sha256:[0-9a-f]{64}$/.test(ref)) {
    throw new Error(
      `qemu-image: "${ref}" is not pinned by digest; give NAME[:TAG]@sha256:<64 hex digits> ` +
        '(it runs privileged, so a movable tag is not accepted)',
    );
  }
  return ref;
}

export interface HandlerStatus {
  readonly arch: string;
  /** e.g. `qemu-aarch64`. */
  readonly handler: string;
  readonly registered: boolean;
  /** binfmt flags; `F` (fix binary) lets containers use the interpreter without it in their rootfs. */
  readonly flags: string;
}

export interface EmulationPlan {
  readonly native: readonly string[];
  readonly alreadyRegistered: readonly HandlerStatus[];
  readonly missing: readonly HandlerStatus[];
}

export function qemuHandlerName(arch: string): string {
  const name = QEMU_NAMES[arch];
  if (!name) throw new Error(`no QEMU emulator is known for architecture ${arch}`);
  return `qemu-${name}`;
}

/** Reads `<binfmtDir>/qemu-*`: registered means the file exists and starts with `enabled`. */
function readHandlerStatus(arch: string, binfmtDir: string): HandlerStatus {
  const handler = qemuHandlerName(arch);
  const file = path.join(binfmtDir, handler);
  if (!existsSync(file)) return { arch, handler, registered: false, flags: '' };
  const text = readFileSync(file, 'utf8');
  const flags = /^flags:\s*(\S*)/m.exec(text)?.[1] ?? '';
  return { arch, handler, registered: text.startsWith('enabled'), flags };
}

/** Which of the requested platforms need emulation, and which of those are already there. */
export function planEmulation(
  platforms: readonly Platform[],
  hostArch: string,
  binfmtDir = '/proc/sys/fs/binfmt_misc',
): EmulationPlan {
  const native: string[] = [];
  const already: HandlerStatus[] = [];
  const missing: HandlerStatus[] = [];
  const seen = new Set<string>();
  for (const p of platforms) {
    if (seen.has(p.arch)) continue;
    seen.add(p.arch);
    if (runsNatively(p, hostArch)) {
      native.push(p.arch);
      continue;
    }
    const status = readHandlerStatus(p.arch, binfmtDir);
    (status.registered ? already : missing).push(status);
  }
  return { native, alreadyRegistered: already, missing };
}

export interface EmulationDeps {
  readonly run?: RunProcess;
  readonly log: (line: string) => void;
  readonly binfmtDir?: string;
  /** Where Debian's binfmt-support keeps the qemu-user-static formats. */
  readonly binfmtsDefinitionsDir?: string;
  readonly isRoot?: boolean;
  /** The binfmt image (digest-pinned); default BINFMT_IMAGE. */
  readonly image?: string;
}

/**
 * Registers the missing handlers: Debian/Ubuntu's `update-binfmts --enable` when the
 * qemu-user-static definitions are installed (no image pull), else the tonistiigi/binfmt
 * image in a privileged container, as docker/setup-qemu-action does.
 */
export async function ensureEmulation(
  platforms: readonly Platform[],
  hostArch: string,
  deps: EmulationDeps,
): Promise<EmulationPlan> {
  const run = deps.run ?? runProcess;
  const binfmtDir = deps.binfmtDir ?? '/proc/sys/fs/binfmt_misc';
  const plan = planEmulation(platforms, hostArch, binfmtDir);
  if (plan.native.length > 0) deps.log(`Native on this ${hostArch} host: ${plan.native.join(', ')}`);
  for (const h of plan.alreadyRegistered) {
    deps.log(`QEMU for ${h.arch}: ${h.handler} already registered (flags ${h.flags || 'none'}), skipped`);
    if (!h.flags.includes('F')) {
      deps.log(
        `  note: ${h.handler} lacks the F flag; builds work only if the interpreter exists in the build container`,
      );
    }
  }
  if (plan.missing.length === 0) return plan;

  const defsDir = deps.binfmtsDefinitionsDir ?? '/usr/share/binfmts';
  const sudo = (deps.isRoot ?? process.getuid?.() === 0) ? [] : ['sudo', '-n'];
  const viaDebian = plan.missing.filter((h) => existsSync(path.join(defsDir, h.handler)));
  for (const h of viaDebian) {
    const [file, ...args] = [...sudo, 'update-binfmts', '--enable', h.handler];
    const r = await run(file ?? 'update-binfmts', args, { timeoutMs: 60_000 });
    if (r.exitCode !== 0) {
      throw new Error(`update-binfmts --enable ${h.handler} failed: ${r.stderr.trim() || r.stdout.trim()}`);
    }
    deps.log(`QEMU for ${h.arch}: registered ${h.handler} with update-binfmts (qemu-user-static)`);
  }
  const viaImage = plan.missing.filter((h) => !viaDebian.includes(h));
  if (viaImage.length > 0) {
    const image = checkBinfmtImage(deps.image ?? BINFMT_IMAGE);
    const arches = viaImage.map((h) => h.arch).join(',');
    const r = await run(
      'docker',
      ['run', '--rm', '--privileged', '--network', 'none', image, '--install', arches],
      { timeoutMs: 5 * 60_000 },
    );
    if (r.exitCode !== 0) {
      throw new Error(
        `could not register QEMU for ${arches} with ${image}: ${r.stderr.trim().split('\n').pop() ?? ''}\n` +
          'Install qemu-user-static (Debian/Ubuntu) on the runner, or run docker/setup-qemu-action before this step.',
      );
    }
    deps.log(`QEMU for ${arches}: registered with ${image}`);
  }
  for (const h of plan.missing) {
    if (!readHandlerStatus(h.arch, binfmtDir).registered) {
      throw new Error(`QEMU handler ${h.handler} is still not registered in ${binfmtDir} after setup`);
    }
  }
  return plan;
}
