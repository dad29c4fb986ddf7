/**
 * Platform names as users write them (`arm64/v8`, `i386`, `linux/arm/v7`) → the canonical
 * `os/arch[/variant]` form BuildKit reports, plus what the host can run without QEMU.
 */

/** A platform in canonical form, e.g. `{ os: 'linux', arch: 'arm', variant: 'v7' }`. */
export interface Platform {
  readonly os: string;
  readonly arch: string;
  readonly variant?: string;
}

/** Short architecture spellings users write, mapped to BuildKit's arch/variant. */
const ARCH_ALIASES: Readonly<Record<string, { arch: string; variant?: string }>> = {
  i386: { arch: '386' },
  i686: { arch: '386' },
  x86: { arch: '386' },
  '386': { arch: '386' },
  x86_64: { arch: 'amd64' },
  'x86-64': { arch: 'amd64' },
  amd64: { arch: 'amd64' },
  aarch64: { arch: 'arm64' },
  arm64: { arch: 'arm64' },
  armhf: { arch: 'arm', variant: 'v7' },
  armel: { arch: 'arm', variant: 'v6' },
  arm: { arch: 'arm', variant: 'v7' },
  ppc64le: { arch: 'ppc64le' },
  s390x: { arch: 's390x' },
  riscv64: { arch: 'riscv64' },
  mips64le: { arch: 'mips64le' },
  mips64: { arch: 'mips64' },
};

const KNOWN_VARIANTS: Readonly<Record<string, readonly string[]>> = {
  arm: ['v5', 'v6', 'v7'],
  arm64: ['v8'],
  amd64: ['v1', 'v2', 'v3', 'v4'],
};

export class PlatformError extends Error {
  override readonly name = 'PlatformError';
}

/**
 * Parses one platform: `linux/arm64`, `arm64`, `arm64/v8`, `i386`, `linux/arm/v7`, `arm/v6`.
 * `arm64/v8` and `amd64/v1` drop the variant (it is the default, and BuildKit omits it).
 */
export function parsePlatform(text: string): Platform {
  const parts = text.trim().toLowerCase().split('/');
  if (parts.some((p) => p === '')) throw new PlatformError(`invalid platform "${text}"`);
  // `linux/...` is explicit; anything else starts with the architecture
  const os = parts[0] === 'linux' ? 'linux' : undefined;
  const rest = os ? parts.slice(1) : parts;
  if (rest.length === 0 || rest.length > 2) {
    throw new PlatformError(`invalid platform "${text}": expected [linux/]ARCH[/VARIANT]`);
  }
  if (!os && ['windows', 'darwin', 'freebsd'].includes(parts[0] ?? '')) {
    throw new PlatformError(`unsupported platform "${text}": only linux images can be built`);
  }
  const alias = ARCH_ALIASES[rest[0] ?? ''];
  if (!alias) {
    throw new PlatformError(
      `unknown architecture in platform "${text}"; use one of linux/amd64, linux/arm64, linux/arm/v7, linux/arm/v6, linux/386, linux/ppc64le, linux/s390x, linux/riscv64`,
    );
  }
  let variant = rest[1] ?? alias.variant;
  if (variant !== undefined) {
    const allowed = KNOWN_VARIANTS[alias.arch];
    if (!allowed?.includes(variant)) {
      throw new PlatformError(`unknown variant "${variant}" for architecture ${alias.arch} in "${text}"`);
    }
    // the default variants are implied, and BuildKit reports the platform without them
    if ((alias.arch === 'arm64' && variant === 'v8') || (alias.arch === 'amd64' && variant === 'v1')) {
      variant = undefined;
    }
  }
  return variant === undefined
    ? { os: 'linux', arch: alias.arch }
    : { os: 'linux', arch: alias.arch, variant };
}

export function formatPlatform(p: Platform): string {
  return p.variant ? `${p.os}/${p.arch}/${p.variant}` : `${p.os}/${p.arch}`;
}

/** Canonical, de-duplicated platform strings in the order given. */
export function normalizePlatforms(texts: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const t of texts) seen.add(formatPlatform(parsePlatform(t)));
  return [...seen];
}

/** Node's `process.arch` → Docker's architecture name. */
export function dockerArch(nodeArch: string): string {
  switch (nodeArch) {
    case 'x64':
      return 'amd64';
    case 'ia32':
      return '386';
    case 'arm64':
      return 'arm64';
    case 'arm':
      return 'arm';
    default:
      return nodeArch; // ppc64, s390x, riscv64 keep their names
  }
}

/**
 * The machine this runs on as a platform (Node's `process.arch` by default): `linux/amd64`,
 * `linux/arm64`, `linux/arm/v7` — the one name the cache scope, a fan-in leg's tag, QEMU and
 * the buildx download all use.
 */
export function hostPlatform(nodeArch: string = process.arch): Platform {
  const arch = dockerArch(nodeArch);
  return arch === 'arm' ? { os: 'linux', arch, variant: 'v7' } : { os: 'linux', arch };
}

/** `hostPlatform().arch`: what runsNatively compares with. */
export const hostArch = (nodeArch: string = process.arch): string => hostPlatform(nodeArch).arch;

/**
 * True when a host of `hostArch` runs `platform` binaries without emulation: its own arch,
 * and 32-bit x86 on amd64 (the kernel's IA-32 compatibility handles it).
 */
export function runsNatively(platform: Platform, hostArch: string): boolean {
  if (platform.arch === hostArch) return true;
  return hostArch === 'amd64' && platform.arch === '386';
}
