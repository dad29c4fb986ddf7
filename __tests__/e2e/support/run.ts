import { spawn } from 'node:child_process';

export interface RunOptions {
  cwd?: string;
  /** Merged over process.env (undefined values remove a variable). */
  env?: Record<string, string | undefined>;
  /** Written to the child's stdin, which is then closed. */
  input?: string | Buffer;
  /** Kill the child (SIGKILL) after this many ms; the result then has code -1. */
  timeoutMs?: number;
  /** Throw a RunError when the exit code is not 0. */
  check?: boolean;
}

export interface RunResult {
  /** Exit code; -1 when killed by a signal or the timeout. */
  code: number;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export class RunError extends Error {
  constructor(
    readonly command: string,
    readonly result: RunResult,
  ) {
    const tail = (s: string): string => s.trimEnd().split('\n').slice(-25).join('\n');
    super(
      `${command} exited ${result.code}${result.signal ? ` (${result.signal})` : ''}\n` +
        `--- stderr (tail) ---\n${tail(result.stderr)}\n--- stdout (tail) ---\n${tail(result.stdout)}`,
    );
    this.name = 'RunError';
  }
}

export function mergedEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** Run a command without a shell and collect its output. */
export function run(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: mergedEnv(opts.env),
      stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (b: Buffer) => out.push(b));
    child.stderr?.on('data', (b: Buffer) => err.push(b));
    let timer: NodeJS.Timeout | undefined;
    if (opts.timeoutMs !== undefined) timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
    child.on('error', (e) => {
      if (timer) clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      const result: RunResult = {
        code: code ?? -1,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      };
      if (opts.check && result.code !== 0) reject(new RunError([cmd, ...args].join(' '), result));
      else resolve(result);
    });
    if (opts.input !== undefined && child.stdin) child.stdin.end(opts.input);
  });
}

/** Like run(), but throws a RunError unless the command exits 0. */
export function runOk(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  return run(cmd, args, { ...opts, check: true });
}
