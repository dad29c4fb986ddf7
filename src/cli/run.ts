import { checkTargets, ConfigError, compile, listTargets } from '../compiler/index.js';
import { neutralise } from '../log/workflowLog.js';
import { ProjectWriteError } from '../workspace/safeFs.js';
import { ProjectReadError, readProjectSnapshot } from '../workspace/snapshot.js';
import { readFile } from 'node:fs/promises';
import { COMMAND_HELP, parseCli, USAGE, UsageError, type CliOptions } from './args.js';
import { runBuildCommand } from './build.js';

/**
 * The package version, read beside the code at run time: `dist/cli/index.js` and
 * `src/cli/run.ts` both sit two folders below package.json, in the repo and in the npm package.
 */
async function packageVersion(relative = ['..', '..', 'package.json']): Promise<string> {
  try {
    // built from parts: ncc would otherwise take a literal `new URL(…)` for an asset to copy
    const text = await readFile(new URL(relative.join('/'), import.meta.url), 'utf8');
    const { version } = JSON.parse(text) as { version?: unknown };
    return typeof version === 'string' ? version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Where the CLI writes: anything with `write(text)` (process streams, a test's PassThrough). */
export interface TextSink {
  write(text: string): unknown;
  /** Set on a process stream attached to a terminal, with its size. */
  readonly isTTY?: boolean;
  readonly columns?: number;
  readonly rows?: number;
}

export interface CliIO {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
}

/**
 * Exit codes: 0 success, 1 invalid configuration (or a failed build), 2 usage error.
 * Messages (stderr, and the `check` line) hold project text and may be read by a runner, which
 * obeys workflow commands in a step's output: they go through the one neutraliser
 * (src/log/workflowLog.ts). What a command prints as its result — the Dockerfile, the targets'
 * JSON, the digest — is data for a pipe and stays byte for byte what was built.
 */
export async function runCli(argv: readonly string[], rawIO: CliIO): Promise<number> {
  const io: CliIO = {
    stdout: rawIO.stdout,
    stderr: { write: (text) => rawIO.stderr.write(neutralise(text)), isTTY: rawIO.stderr.isTTY === true },
  };
  let options: CliOptions;
  try {
    options = parseCli(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const help =
      error.command && error.command !== 'help' ? `microb ${error.command} --help` : 'microb --help';
    io.stderr.write(`microb: ${error.message} (see ${help})\n`);
    return 2;
  }
  try {
    return await dispatch(options, io, rawIO.stderr);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr.write(`${error.format()}\n`);
      return 1;
    }
    if (error instanceof ProjectReadError || error instanceof ProjectWriteError) {
      io.stderr.write(`${error.message}\n`);
      return 1;
    }
    // an unexpected failure still gets one line, not a stack trace
    io.stderr.write(`microb: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

async function dispatch(options: CliOptions, io: CliIO, rawStderr: TextSink): Promise<number> {
  switch (options.command) {
    case 'help':
      io.stdout.write(options.helpFor ? COMMAND_HELP[options.helpFor] : USAGE);
      return 0;
    case 'version':
      io.stdout.write(`microb ${await packageVersion()}\n`);
      return 0;
    case 'targets': {
      const snapshot = await readProjectSnapshot(options.file);
      io.stdout.write(`${JSON.stringify(listTargets(snapshot))}\n`);
      return 0;
    }
    case 'check': {
      const snapshot = await readProjectSnapshot(options.file);
      // every target compiled once from one parse; report every broken target, not just the first
      const { targets, errors, warnings } = checkTargets(snapshot);
      for (const warning of warnings) io.stderr.write(`${warning}\n`);
      if (errors.length > 0) {
        for (const error of errors) io.stderr.write(`${error.format()}\n`);
        return 1;
      }
      io.stdout.write(
        neutralise(
          `${options.file}: ${targets.length} target${targets.length === 1 ? '' : 's'} OK (${targets.join(', ')})\n`,
        ),
      );
      return 0;
    }
    case 'dockerfile': {
      const snapshot = await readProjectSnapshot(options.file);
      const result = compile(snapshot, {
        ...(options.target !== undefined && { target: options.target }),
        buildArgs: options.buildArgs,
        ...(options.syntax !== undefined && { syntax: options.syntax }),
      });
      io.stdout.write(result.dockerfile);
      return 0;
    }
    case 'build':
      return runBuildCommand(
        {
          file: options.file,
          ...(options.target !== undefined && { target: options.target }),
          tags: options.tags,
          labels: options.labels,
          buildArgs: options.buildArgs,
          ...(options.syntax !== undefined && { syntax: options.syntax }),
          secrets: options.secrets,
          ssh: options.ssh,
          platforms: options.platforms,
          load: options.load,
          push: options.push,
          print: options.print,
          progress: options.progress,
          cacheFrom: options.cacheFrom,
          cacheTo: options.cacheTo,
          outputs: options.outputs,
          ...(options.builder !== undefined && { builder: options.builder }),
          ...(options.provenance !== undefined && { provenance: options.provenance }),
          ...(options.sbom !== undefined && { sbom: options.sbom }),
          ...(options.network !== undefined && { network: options.network }),
          ...(options.context !== undefined && { context: options.context }),
        },
        { ...io, terminal: rawStderr },
      );
  }
}
