/**
 * The exact `docker buildx build` argument list, as data. The action and the CLI both call
 * this one function, so what `microb build` runs is what the action runs. Pure: no I/O.
 */
import type { CompileResult } from '../../compiler/index.js';

/** How a secret reaches BuildKit: from an environment variable of the buildx process, or a file. */
export type SecretSource =
  { readonly id: string; readonly env: string } | { readonly id: string; readonly src: string };

export interface BuildxBuildRequest {
  /** The generated Dockerfile. */
  readonly dockerfile: string;
  readonly context: string;
  /** Builder instance; omitted = buildx's current builder. */
  readonly builder?: string;
  /** Canonical platforms (`linux/arm64`); empty = the builder's native platform. */
  readonly platforms: readonly string[];
  readonly tags: readonly string[];
  /** Extra labels; `--label` overrides the Dockerfile's LABEL of the same key. */
  readonly labels: Readonly<Record<string, string>>;
  readonly buildArgs: Readonly<Record<string, string>>;
  /** Every secret the build gets; secrets.ts checks they cover the plan's. */
  readonly secrets: readonly SecretSource[];
  /** `--ssh` specs given by the caller; `default` is added when the plan fetches over ssh. */
  readonly ssh: readonly string[];
  readonly push: boolean;
  /** `--output` specs, e.g. a fan-in leg's push by digest (src/github/fanIn.ts). */
  readonly outputs?: readonly string[];
  readonly load: boolean;
  /** RUN network mode (`host`, `none`, `default`). */
  readonly network?: string;
  /** `--provenance` value (e.g. `false`, `mode=max`); omitted = buildx's default. */
  readonly provenance?: string;
  /** `--sbom` value (e.g. `true`); omitted = buildx's default. */
  readonly sbom?: string;
  readonly cacheFrom?: readonly string[];
  readonly cacheTo?: readonly string[];
  // build-push-action's inputs of the same names, passed as written (one flag per item)
  /** `--add-host host:ip`. */
  readonly addHosts?: readonly string[];
  /** `--allow network.host|security.insecure`. */
  readonly allow?: readonly string[];
  /** `--annotation`, e.g. `index:org.opencontainers.image.description=…`. */
  readonly annotations?: readonly string[];
  /** `--attest type=sbom,generator=…`. */
  readonly attests?: readonly string[];
  /** `--build-context name=path|docker-image://…|…`. */
  readonly buildContexts?: readonly string[];
  readonly noCache?: boolean;
  /** `--no-cache-filter STAGE`. */
  readonly noCacheFilters?: readonly string[];
  /** `--pull`: only when asked (an air-gapped runner can't pull). */
  readonly pull?: boolean;
  /** `--shm-size 2g`. */
  readonly shmSize?: string;
  /** `--ulimit nofile=1024:1024`. */
  readonly ulimits?: readonly string[];
  /**
   * buildx's progress output: `plain` (default: a log the action and run.ts read line by line) or
   * `tty` (the CLI on a terminal: buildx draws its live view on a pseudo-terminal, run.ts).
   */
  readonly progress?: 'plain' | 'tty';
  /** Where buildx writes its metadata JSON and the image id. */
  readonly metadataFile: string;
  readonly iidFile?: string;
}

/**
 * An `--output` that writes files, not an image: `type=local`/`type=tar`, or a bare path (buildx's
 * shorthand for local), as build-push-action's Build.hasLocalExporter / hasTarExporter read it.
 */
export function writesFiles(output: string): boolean {
  const fields = output.split(',').map((f) => f.trim());
  const type = fields.find((f) => f.startsWith('type='))?.slice('type='.length);
  if (type === undefined) return fields.length === 1 && fields[0] !== '' && !fields[0]?.includes('=');
  return type === 'local' || type === 'tar';
}

/** An `--output` that pushes: `type=registry`, or `type=image,…,push=true`. */
export function pushesToRegistry(output: string): boolean {
  const fields = output.split(',').map((f) => f.trim());
  const type = fields.find((f) => f.startsWith('type='))?.slice('type='.length);
  return type === 'registry' || (type === 'image' && fields.includes('push=true'));
}

function formatSecretSource(s: SecretSource): string {
  return 'env' in s ? `id=${s.id},env=${s.env}` : `id=${s.id},src=${s.src}`;
}

/**
 * `["buildx", "build", …, context]` for `docker`. `--progress=plain` keeps the log readable
 * in CI and lets run.ts find the failing step; `--pull` only when asked for (an air-gapped runner can't pull).
 */
export function buildxBuildArgv(req: BuildxBuildRequest, compiled: Pick<CompileResult, 'plan'>): string[] {
  const { plan } = compiled;
  const argv = ['buildx', 'build', '--file', req.dockerfile, `--progress=${req.progress ?? 'plain'}`];
  argv.push('--metadata-file', req.metadataFile);
  // buildx refuses an image id file beside a local or tar export (there is no image)
  if (req.iidFile && !(req.outputs ?? []).some(writesFiles)) argv.push('--iidfile', req.iidFile);
  if (req.builder) argv.push('--builder', req.builder);
  if (req.platforms.length > 0) argv.push('--platform', req.platforms.join(','));
  for (const tag of req.tags) argv.push('--tag', tag);
  for (const [k, v] of Object.entries(req.labels)) argv.push('--label', `${k}=${v}`);
  for (const [k, v] of Object.entries(req.buildArgs)) argv.push('--build-arg', `${k}=${v}`);
  for (const s of req.secrets) argv.push('--secret', formatSecretSource(s));
  const ssh = [...req.ssh];
  if (plan.ssh && !ssh.some((s) => s === 'default' || s.startsWith('default='))) ssh.push('default');
  for (const s of ssh) argv.push('--ssh', s);
  for (const b of req.buildContexts ?? []) argv.push('--build-context', b);
  for (const h of req.addHosts ?? []) argv.push('--add-host', h);
  for (const a of req.allow ?? []) argv.push('--allow', a);
  if (req.shmSize) argv.push('--shm-size', req.shmSize);
  for (const u of req.ulimits ?? []) argv.push('--ulimit', u);
  for (const a of req.annotations ?? []) argv.push('--annotation', a);
  for (const a of req.attests ?? []) argv.push('--attest', a);
  if (req.noCache) argv.push('--no-cache');
  for (const f of req.noCacheFilters ?? []) argv.push('--no-cache-filter', f);
  if (req.pull) argv.push('--pull');
  if (req.network) argv.push(`--network=${req.network}`);
  if (req.provenance) argv.push(`--provenance=${req.provenance}`);
  if (req.sbom) argv.push(`--sbom=${req.sbom}`);
  for (const c of req.cacheFrom ?? []) argv.push('--cache-from', c);
  for (const c of req.cacheTo ?? []) argv.push('--cache-to', c);
  for (const o of req.outputs ?? []) argv.push('--output', o);
  if (req.push) argv.push('--push');
  if (req.load) argv.push('--load');
  argv.push(req.context);
  return argv;
}
