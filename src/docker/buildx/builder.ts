/**
 * Which BuildKit builder runs the build. The current one is used when it can do the job: any
 * driver for a single-platform build, and the `docker` driver for multi-platform or cache
 * export only when the engine uses the containerd image store. Otherwise we create a
 * `docker-container` builder for this job; post removes it.
 */
import { type RunProcess, runProcess } from '../../process/runner.js';

export interface BuilderInfo {
  readonly name: string;
  /** `docker`, `docker-container`, `kubernetes`, `remote`; empty when buildx could not tell. */
  readonly driver: string;
}

export interface BuilderNeeds {
  /** More than one platform in one build (an image index). */
  readonly multiPlatform: boolean;
  /** `--cache-to` (the docker driver can export cache only with the containerd store). */
  readonly cacheExport: boolean;
  /**
   * `--cache-from` of a cache this action saved. On the classic store the docker-container builder
   * exported it, and its BuildKit (not the engine's) must import it: the two build the LLB of
   * `RUN --mount` steps differently, so the engine's misses their cache keys.
   */
  readonly cacheImport?: boolean;
}

export type BuilderDecision =
  | { readonly kind: 'use'; readonly name: string; readonly reason: string }
  | { readonly kind: 'create'; readonly reason: string };

/**
 * Pure: `requested` (the `builder` input) always wins; else the current builder when it can
 * do what `needs` asks.
 */
export function decideBuilder(
  current: BuilderInfo,
  containerdStore: boolean,
  needs: BuilderNeeds,
  requested?: string,
): BuilderDecision {
  if (requested) return { kind: 'use', name: requested, reason: 'the builder input names it' };
  const wants = [needs.multiPlatform && 'multi-platform images', needs.cacheExport && 'cache export']
    .filter(Boolean)
    .join(' and ');
  if (current.driver === 'docker' && !containerdStore && !wants && needs.cacheImport) {
    return {
      kind: 'create',
      reason:
        'the restored cache was exported by a docker-container builder (the docker driver without the ' +
        "containerd image store can't export one), and only that BuildKit matches its RUN --mount steps",
    };
  }
  if (current.driver !== 'docker' || !wants) {
    return {
      kind: 'use',
      name: current.name,
      reason: `current builder (${current.driver || 'unknown'} driver)`,
    };
  }
  if (containerdStore) {
    return {
      kind: 'use',
      name: current.name,
      reason: `current builder: the docker driver with the containerd image store handles ${wants}`,
    };
  }
  return {
    kind: 'create',
    reason: `the docker driver without the containerd image store can't do ${wants}`,
  };
}

/** `docker buildx inspect [name]` → name and driver. Throws with buildx's message on failure. */
export async function inspectBuilder(
  name: string | undefined,
  run: RunProcess = runProcess,
): Promise<BuilderInfo> {
  const r = await run('docker', ['buildx', 'inspect', ...(name ? [name] : [])], { timeoutMs: 60_000 });
  const text = r.stdout;
  const error = /^Error:\s*(.+)$/m.exec(text)?.[1];
  if (r.exitCode !== 0 || error) {
    const why = error ?? (r.stderr.trim() || `exit code ${r.exitCode}`);
    throw new Error(
      name
        ? `builder "${name}" is not usable: ${why}. \`docker buildx ls\` lists the builders.`
        : `the current buildx builder is not usable: ${why}`,
    );
  }
  return {
    name: /^Name:\s*(\S+)/m.exec(text)?.[1] ?? name ?? 'default',
    driver: /^Driver:\s*(\S*)/m.exec(text)?.[1] ?? '',
  };
}

/** True when dockerd stores images in containerd (`docker info` DriverStatus names the snapshotter). */
export async function usesContainerdImageStore(run: RunProcess = runProcess): Promise<boolean> {
  const r = await run('docker', ['info', '--format', '{{json .DriverStatus}}'], { timeoutMs: 60_000 });
  return r.exitCode === 0 && r.stdout.includes('io.containerd.snapshotter');
}

/**
 * The engine answers: a stopped daemon or a wrong DOCKER_HOST fails here, in seconds, with
 * the docker CLI's own explanation, instead of deep inside a build.
 */
export async function checkDockerEngine(run: RunProcess = runProcess): Promise<string> {
  const r = await run('docker', ['version', '--format', '{{.Server.Version}}'], { timeoutMs: 60_000 });
  if (r.spawnError?.code === 'ENOENT') {
    throw new Error(
      `the docker CLI was not found on PATH (${process.env.PATH ?? ''}); install Docker on the runner`,
    );
  }
  if (r.exitCode !== 0 || r.timedOut) {
    const why = r.timedOut ? 'no answer within 60 s' : r.stderr.trim() || `exit code ${r.exitCode}`;
    throw new Error(
      `cannot reach the Docker engine${process.env.DOCKER_HOST ? ` at ${process.env.DOCKER_HOST}` : ''}: ${why}. ` +
        'Start dockerd, or point DOCKER_HOST at a running engine.',
    );
  }
  return r.stdout.trim();
}

export interface CreateBuilderOptions {
  readonly name: string;
  /** Network of the BuildKit container; `host` where no bridge network exists. */
  readonly network?: string;
  /** setup-buildx-action's `driver-opts`: `image=moby/buildkit:…`, `env.HTTP_PROXY=…`, … */
  readonly driverOpts?: readonly string[];
  /** A buildkitd.toml written from `buildkitd-config-inline` (registry mirrors, CAs). */
  readonly buildkitdConfig?: string;
  readonly run?: RunProcess;
}

/** `docker buildx create …` for a docker-container builder. Pure. */
export function createBuilderArgv(opts: Omit<CreateBuilderOptions, 'run'>): string[] {
  const args = ['buildx', 'create', '--name', opts.name, '--driver', 'docker-container'];
  const driverOpts = [...(opts.driverOpts ?? [])];
  // the caller's network= wins over the one the network input implies
  if (opts.network === 'host' && !driverOpts.some((o) => o.startsWith('network='))) {
    driverOpts.unshift('network=host');
  }
  for (const o of driverOpts) args.push('--driver-opt', o);
  if (opts.buildkitdConfig) args.push('--buildkitd-config', opts.buildkitdConfig);
  args.push('--bootstrap');
  return args;
}

export async function createBuilder(opts: CreateBuilderOptions): Promise<void> {
  const run = opts.run ?? runProcess;
  const r = await run('docker', createBuilderArgv(opts), { timeoutMs: 5 * 60_000 });
  if (r.exitCode !== 0) {
    throw new Error(
      `could not create a docker-container builder: ${r.stderr.trim().split('\n').pop() ?? ''}`,
    );
  }
}

/** Removes a builder we created (its BuildKit container and state). */
export async function removeBuilder(name: string, run: RunProcess = runProcess): Promise<void> {
  const r = await run('docker', ['buildx', 'rm', name], { timeoutMs: 2 * 60_000 });
  if (r.exitCode !== 0) throw new Error(`docker buildx rm ${name}: ${r.stderr.trim()}`);
}

/** The buildx command of the build: `--builder` the one main created, else the `builder` input. */
export function buildxCommandFor(builder: string | undefined): string[] {
  return ['docker', 'buildx', ...(builder ? ['--builder', builder] : [])];
}
