/**
 * Runs `docker buildx build` (argv from argv.ts), streams its log line by line to the caller,
 * and returns what it built (metadata, digest, image id) or which step failed and why.
 */
import { readFile } from 'node:fs/promises';
import { formatDuration } from '../../process/deadline.js';
import { explainLostDaemon } from './lostDaemon.js';
import { type BuildFailure, formatFailure, ProgressLog, type StepCounts } from './progress.js';
import { type RunProcess, runProcess } from '../../process/runner.js';
import { shellCommand } from '../../compiler/index.js';
import { TerminalFilter } from './terminal.js';
import { neutraliseCommands } from '../../log/workflowLog.js';

export interface BuildxRunOptions {
  readonly argv: readonly string[];
  /** Extra environment for buildx only (secret values, SSH_AUTH_SOCK). */
  readonly env: Readonly<Record<string, string>>;
  /** The `--metadata-file` / `--iidfile` paths named in argv. */
  readonly metadataFile: string;
  readonly iidFile?: string;
  /** Every log line, as it arrives (with `terminal`, only buildx's stdout). */
  readonly onLine: (line: string) => void;
  /**
   * argv has `--progress=tty`: buildx runs on a pseudo-terminal (terminal.ts) of this size, and
   * its view, filtered, goes to `write` (the CLI's terminal). buildx prints the failing step
   * itself, so the failure is not read from the log.
   */
  readonly terminal?: {
    /** The util-linux `script` (findPtyRunner). */
    readonly pty: string;
    readonly columns: number;
    readonly rows: number;
    write(text: string): void;
  };
  readonly timeoutMs?: number;
  readonly run?: RunProcess;
}

export type BuildxOutcome =
  | {
      readonly ok: true;
      /** buildx's metadata file, parsed, and verbatim. */
      readonly metadata: Readonly<Record<string, unknown>>;
      readonly metadataJson: string;
      /** `containerimage.digest`: the manifest (or index) digest. */
      readonly digest?: string;
      /** Content of the iidfile. */
      readonly imageId?: string;
      readonly durationMs: number;
      /** Dockerfile steps run and cached, from the log. */
      readonly steps: StepCounts;
    }
  | {
      readonly ok: false;
      readonly exitCode: number;
      readonly failure: BuildFailure;
      /** A ready multi-line message: failing step, its last lines, the error. */
      readonly message: string;
      readonly durationMs: number;
      readonly steps: StepCounts;
    };

async function readOptional(file: string | undefined): Promise<string | undefined> {
  if (!file) return undefined;
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    return undefined;
  }
}

export async function runBuildx(opts: BuildxRunOptions): Promise<BuildxOutcome> {
  const run = opts.run ?? runProcess;
  const log = new ProgressLog();
  const started = Date.now();
  const { terminal } = opts;
  const filter = new TerminalFilter();
  const [file, args] = terminal
    ? [
        terminal.pty,
        [
          '--quiet',
          '--return',
          '--flush',
          '--command',
          // the pty starts at 0x0; buildx sizes its view from it. exec: buildx is the pty's process
          `stty cols ${Math.trunc(terminal.columns)} rows ${Math.trunc(terminal.rows)} 2>/dev/null; ` +
            `exec ${shellCommand(['docker', ...opts.argv])}`,
          '/dev/null',
        ],
      ]
    : ['docker', opts.argv];
  const r = await run(file, args, {
    env: opts.env,
    ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs, processGroup: true } : {}),
    onLine: terminal
      ? // terminal-safe (the filter), then runner-safe: no line of it can be a workflow command
        (line) => terminal.write(neutraliseCommands(filter.write(`${line}\n`)))
      : (line) => {
          log.add(line);
          opts.onLine(line);
        },
  });
  const durationMs = Date.now() - started;
  if (r.exitCode !== 0) {
    let failure = log.failure();
    if (terminal) {
      failure = { lastLines: [], error: 'the failing step and its output are shown above' };
    }
    if (r.spawnError?.code === 'ENOENT') {
      failure = {
        lastLines: [],
        error: 'the docker CLI was not found on PATH; install Docker on the runner',
      };
    } else if (r.timedOut) {
      failure = {
        ...failure,
        error:
          `docker buildx build did not finish within the timeout of ${formatDuration(opts.timeoutMs ?? 0)} ` +
          '(the timeout input): it was stopped, with every process it started',
      };
    } else if (!failure.step) {
      const lost = explainLostDaemon(failure.error, log.lastStarted());
      if (lost) failure = { ...failure, error: lost };
    }
    return {
      ok: false,
      exitCode: r.exitCode,
      failure,
      message: formatFailure(failure, r.exitCode),
      durationMs,
      steps: log.stepCounts(),
    };
  }
  const metadataJson = (await readOptional(opts.metadataFile)) ?? '{}';
  let metadata: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(metadataJson);
    if (parsed && typeof parsed === 'object') metadata = parsed as Record<string, unknown>;
  } catch {
    // an unreadable metadata file loses the outputs, not the build
  }
  const digest = metadata['containerimage.digest'];
  const imageId = await readOptional(opts.iidFile);
  return {
    ok: true,
    metadata,
    metadataJson,
    ...(typeof digest === 'string' ? { digest } : {}),
    ...(imageId ? { imageId } : {}),
    durationMs,
    steps: log.stepCounts(),
  };
}
