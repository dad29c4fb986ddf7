/**
 * `microb build`: generate the Dockerfile and run `docker buildx build` with the same argv
 * and runner as the action (docker/buildx/argv.ts, docker/buildx/run.ts). The log goes to stderr; stdout
 * gets one line, the image digest (or id), so scripts can capture it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildxBuildArgv, type SecretSource } from '../docker/buildx/argv.js';
import { normalizePlatforms, PlatformError } from '../docker/platforms.js';
import { runBuildx } from '../docker/buildx/run.js';
import { assembleBuildSecrets, describeMissingSecret } from '../docker/buildx/secrets.js';
import { describeProjectInstall, shellCommand, type CompileResult } from '../compiler/index.js';
import { writeGeneratedDockerfile } from '../workspace/generate.js';
import { GitVersionError, gitVersion } from '../workspace/gitVersion.js';
import { GITHUB_KNOWN_HOSTS } from '../ssh/githubKnownHosts.js';
import type { ProgressMode } from './args.js';
import { findPtyRunner } from '../docker/buildx/terminal.js';

export interface BuildCommandOptions {
  readonly file: string;
  readonly target?: string;
  readonly tags: string[];
  readonly labels: Record<string, string>;
  readonly buildArgs: Record<string, string>;
  readonly syntax?: string;
  /** Raw `id=ID,env=VAR` or `id=ID,src=FILE`. */
  readonly secrets: string[];
  readonly ssh: string[];
  readonly platforms: string[];
  readonly load: boolean;
  readonly push: boolean;
  readonly network?: string;
  readonly context?: string;
  readonly builder?: string;
  readonly cacheFrom: string[];
  readonly cacheTo: string[];
  readonly provenance?: string;
  readonly sbom?: string;
  readonly outputs: string[];
  /** Print the buildx command and stop (the Dockerfile is still written, so the command runs as shown). */
  readonly print: boolean;
  /** buildx's progress: `auto` = `tty` when stderr is a terminal (and TERM is not dumb), else `plain`. */
  readonly progress?: ProgressMode;
}

export interface BuildCommandIO {
  readonly stdout: { write(text: string): unknown };
  /** Already neutralised by runCli (project text, build log). */
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
  /**
   * The unescaped stderr, for buildx's TTY view only (escaped by run.ts's terminal filter, which
   * keeps the view's cursor and colour sequences that `stderr`'s neutraliser would spell out).
   */
  readonly terminal?: {
    write(text: string): unknown;
    readonly columns?: number;
    readonly rows?: number;
  };
}

/**
 * `tty` hands buildx our stderr: its live view is drawn by buildx and not passed through the
 * neutraliser (which works on lines, and a terminal view is not lines). That is what a person
 * running `docker buildx build` sees; a runner never has a terminal, so CI logs stay plain and
 * escaped. BuildKit's own view prints a step's output as received (see README, microb build).
 */
export function progressFor(mode: ProgressMode, stderrIsTTY: boolean, env = process.env): 'plain' | 'tty' {
  if (mode !== 'auto') return mode;
  // a runner's log is never a terminal; GITHUB_ACTIONS guards a step that fakes one
  return stderrIsTTY && env['TERM'] !== 'dumb' && env['GITHUB_ACTIONS'] !== 'true' ? 'tty' : 'plain';
}

/** A `--secret` spec the CLI can't use: exit code 2, like other usage errors. */
class SecretSpecError extends Error {
  override readonly name = 'SecretSpecError';
}

/** `id=ID,env=VAR` / `id=ID,src=FILE` (also buildx's `source=`) → a typed source. */
function parseSecretSpec(spec: string): SecretSource {
  const fields = new Map<string, string>();
  for (const part of spec.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new SecretSpecError(`--secret "${spec}": expected id=ID,env=VAR or id=ID,src=FILE`);
    fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const id = fields.get('id');
  const env = fields.get('env');
  const src = fields.get('src') ?? fields.get('source');
  if (!id || (env === undefined) === (src === undefined)) {
    throw new SecretSpecError(`--secret "${spec}": give id= and exactly one of env= or src=`);
  }
  if (env !== undefined) return { id, env };
  return { id, src: path.resolve(src ?? '') };
}

export async function runBuildCommand(opts: BuildCommandOptions, io: BuildCommandIO): Promise<number> {
  let platforms: string[];
  let references: SecretSource[];
  try {
    platforms = normalizePlatforms(opts.platforms);
    references = opts.secrets.map(parseSecretSpec);
  } catch (e) {
    if (!(e instanceof PlatformError || e instanceof SecretSpecError)) throw e;
    io.stderr.write(`microb: ${e.message}\n`);
    return 2;
  }

  const { result, dockerfilePath } = await writeGeneratedDockerfile({
    pyprojectPath: opts.file,
    options: {
      ...(opts.target ? { target: opts.target } : {}),
      ...(opts.syntax !== undefined ? { syntax: opts.syntax } : {}),
    },
    ...(opts.context ? { context: opts.context } : {}),
  });
  const plan = result.plan;
  if (!opts.print) {
    io.stderr.write(`microb: target ${result.target}: wrote ${dockerfilePath}\n`);
    for (const line of describeProjectInstall(result.plan).split('\n')) io.stderr.write(`microb: ${line}\n`);
    for (const warning of result.plan.warnings ?? []) io.stderr.write(`${warning}\n`);
  }
  const buildArgs = { ...opts.buildArgs };
  if (plan.versionArg !== undefined && buildArgs[plan.versionArg.name] === undefined) {
    try {
      const found = await gitVersion({
        dir: path.dirname(path.resolve(opts.file)),
        argName: plan.versionArg.name,
        passArg: '--build-arg',
      });
      buildArgs[plan.versionArg.name] = found.version;
      if (!opts.print)
        io.stderr.write(
          `microb: version ${found.version} (${found.source}) → --build-arg ${plan.versionArg.name}\n`,
        );
    } catch (e) {
      if (!(e instanceof GitVersionError)) throw e;
      io.stderr.write(`${opts.file}: error: ${e.message}\n`);
      return 1;
    }
  }
  const withArgs = { ...opts, buildArgs };
  const secrets = assembleBuildSecrets({ plan, values: [], references, knownHosts: GITHUB_KNOWN_HOSTS });
  if (!opts.print)
    for (const id of secrets.unused)
      io.stderr.write(
        `microb: secret "${id}" is not mounted by target ${result.target}: not passed to buildx\n`,
      );
  if (secrets.missing.length > 0 && !opts.print) {
    for (const req of secrets.missing)
      io.stderr.write(`${opts.file}: error: ${describeMissingSecret(req, 'cli')}\n`);
    return 1;
  }
  if (opts.print) {
    // the metadata file is where buildx writes what it built; any writable path does
    const files = { metadataFile: path.join(os.tmpdir(), 'microb-metadata.json') };
    const argv = buildArgv(withArgs, platforms, result, dockerfilePath, secrets.sources, files);
    io.stdout.write(`${shellCommand(['docker', ...argv])}\n`);
    return 0;
  }
  if (plan.ssh && plan.knownHostsSecretId && !references.some((r) => r.id === plan.knownHostsSecretId)) {
    io.stderr.write(
      `microb: checking ssh hosts against GitHub's host keys; for another host pass --secret id=${plan.knownHostsSecretId},src=KNOWN_HOSTS_FILE\n`,
    );
  }
  if (plan.ssh && opts.ssh.length === 0 && !process.env.SSH_AUTH_SOCK) {
    io.stderr.write(
      `${opts.file}: error: target ${result.target} installs a dependency over ssh; start ssh-agent, ssh-add a key and pass --ssh default\n`,
    );
    return 1;
  }

  const tempDir = await mkdtemp(path.join(os.tmpdir(), 'microb-build-'));
  try {
    const metadataFile = path.join(tempDir, 'metadata.json');
    const iidFile = path.join(tempDir, 'iid.txt');
    let progress = progressFor(opts.progress ?? 'auto', io.stderr.isTTY === true);
    const pty = progress === 'tty' && io.terminal ? await findPtyRunner() : undefined;
    if (progress === 'tty' && pty === undefined) {
      if (opts.progress === 'tty')
        io.stderr.write(
          'microb: --progress=tty needs util-linux `script` for a pseudo-terminal: plain log\n',
        );
      progress = 'plain';
    }
    const argv = buildArgv(withArgs, platforms, result, dockerfilePath, secrets.sources, {
      metadataFile,
      iidFile,
      progress,
    });
    io.stderr.write(`microb: ${shellCommand(['docker', ...argv])}\n`);
    const outcome = await runBuildx({
      argv,
      env: secrets.env,
      metadataFile,
      iidFile,
      onLine: (line) => io.stderr.write(`${line}\n`),
      ...(pty !== undefined &&
        io.terminal && {
          terminal: {
            pty,
            // a terminal that reports no size (0x0, e.g. a pty nobody sized) gets buildx's default
            columns: sizeOr(io.terminal.columns, 80),
            rows: sizeOr(io.terminal.rows, 24),
            write: (text: string) => io.terminal?.write(text),
          },
        }),
    });
    if (!outcome.ok) {
      io.stderr.write(`microb: error: ${outcome.message}\n`);
      return 1;
    }
    io.stdout.write(`${outcome.digest ?? outcome.imageId ?? ''}\n`);
    return 0;
  } finally {
    await rm(tempDir, { recursive: true, force: true });
  }
}

/** The buildx argv for these options: the one function the action calls too (docker/buildx/argv.ts). */
function buildArgv(
  opts: BuildCommandOptions,
  platforms: string[],
  result: CompileResult,
  dockerfilePath: string,
  secrets: readonly SecretSource[],
  files: { readonly metadataFile: string; readonly iidFile?: string; readonly progress?: 'plain' | 'tty' },
): string[] {
  return buildxBuildArgv(
    {
      dockerfile: dockerfilePath,
      context: path.resolve(opts.context ?? path.dirname(opts.file)),
      platforms,
      tags: opts.tags,
      labels: opts.labels,
      buildArgs: opts.buildArgs,
      secrets,
      ssh: opts.ssh,
      push: opts.push,
      load: opts.load,
      outputs: opts.outputs,
      cacheFrom: opts.cacheFrom,
      cacheTo: opts.cacheTo,
      ...(opts.builder ? { builder: opts.builder } : {}),
      ...(opts.provenance !== undefined ? { provenance: opts.provenance } : {}),
      ...(opts.sbom !== undefined ? { sbom: opts.sbom } : {}),
      ...(opts.network ? { network: opts.network } : {}),
      ...files,
    },
    result,
  );
}

function sizeOr(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isInteger(value) && value > 0 ? value : fallback;
}
