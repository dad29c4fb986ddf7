/**
 * The one way the buildx and ssh shells run a child process: argv (never a shell string),
 * optional stdin, an optional extra environment, and a timeout so a wedged daemon or agent
 * can't hang the job. Output is captured, or streamed line by line when `onLine` is given.
 */
import { spawn } from 'node:child_process';

export interface ProcessOptions {
  /** Written to stdin, then stdin is closed (how keys reach ssh-add without touching disk). */
  readonly input?: string;
  /** Merged over process.env for the child only. */
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  /** Kill the child (SIGTERM, then SIGKILL) after this long; 0/undefined = no limit. */
  readonly timeoutMs?: number;
  /**
   * Start the child as the leader of its own process group and, at the deadline, signal the whole
   * group: whatever it started (a shell's children, a credential helper) stops with it.
   */
  readonly processGroup?: boolean;
  /** Called for every complete stdout/stderr line as it arrives (stderr lines included). */
  readonly onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
}

export interface ProcessResult {
  /** Exit code; -1 when it could not start or was killed. */
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  /** Set when the executable could not be started (e.g. ENOENT: not on PATH). */
  readonly spawnError?: NodeJS.ErrnoException;
}

export type RunProcess = (
  file: string,
  args: readonly string[],
  opts?: ProcessOptions,
) => Promise<ProcessResult>;

/**
 * The environment a child starts with: ours without the action's inputs. The runner hands every
 * input to the action as INPUT_<NAME> (`INPUT_SECRETS` holds every secret value, whether the
 * target uses it or not); no child needs them, and buildx would otherwise hold them all.
 */
export function childEnvironment(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^INPUT_/i.test(k)) env[k] = v;
  return { ...env, ...extra };
}

export const runProcess: RunProcess = (file, args, opts = {}) =>
  new Promise((resolve) => {
    const child = spawn(file, [...args], {
      cwd: opts.cwd,
      env: childEnvironment(opts.env),
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(opts.processGroup ? { detached: true } : {}),
    });
    const kill = (signal: NodeJS.Signals) => {
      if (opts.processGroup && child.pid !== undefined) {
        try {
          process.kill(-child.pid, signal);
          return;
        } catch {
          // the group is gone already; fall through to the child itself
        }
      }
      child.kill(signal);
    };
    const out: string[] = [];
    const err: string[] = [];
    let timedOut = false;
    let spawnError: NodeJS.ErrnoException | undefined;
    let timer: NodeJS.Timeout | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    if (opts.timeoutMs) {
      timer = setTimeout(() => {
        timedOut = true;
        kill('SIGTERM');
        killTimer = setTimeout(() => kill('SIGKILL'), 5_000);
      }, opts.timeoutMs);
    }
    const lineSplitter = (stream: 'stdout' | 'stderr', sink: string[]) => {
      let partial = '';
      return {
        data(text: string) {
          sink.push(text);
          if (!opts.onLine) return;
          const lines = (partial + text).split('\n');
          partial = lines.pop() ?? '';
          for (const line of lines) opts.onLine(line.replace(/\r$/, ''), stream);
        },
        /** A last line without a trailing newline. */
        flush() {
          if (opts.onLine && partial !== '') opts.onLine(partial.replace(/\r$/, ''), stream);
          partial = '';
        },
      };
    };
    const outLines = lineSplitter('stdout', out);
    const errLines = lineSplitter('stderr', err);
    // decode as text per stream so a UTF-8 character split across chunks stays whole
    child.stdout.setEncoding('utf8').on('data', (c: string) => outLines.data(c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => errLines.data(c));
    child.on('error', (e: NodeJS.ErrnoException) => {
      spawnError = e;
    });
    // EPIPE when the child exits without reading stdin is not our failure
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.input ?? '');
    child.on('close', (code) => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      outLines.flush();
      errLines.flush();
      resolve({
        exitCode: code ?? -1,
        stdout: out.join(''),
        stderr: err.join(''),
        timedOut,
        ...(spawnError ? { spawnError } : {}),
      });
    });
  });
