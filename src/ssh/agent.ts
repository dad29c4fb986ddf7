/**
 * An ssh-agent for the build's `--ssh default`: started per job, keys fed over stdin
 * (`ssh-add -`, so a private key never touches the disk), killed in post. Only the buildx
 * process gets SSH_AUTH_SOCK; later steps of the job don't inherit our agent.
 */
import { readFile } from 'node:fs/promises';
import { type RunProcess, runProcess } from '../process/runner.js';

export interface SshAgent {
  readonly pid: number;
  readonly authSock: string;
}

/** Parses `ssh-agent -s`: `SSH_AUTH_SOCK=/tmp/ssh-x/agent.1; export SSH_AUTH_SOCK;` and the pid line. */
export function parseAgentOutput(text: string): SshAgent {
  const sock = /^SSH_AUTH_SOCK=([^;\n]+);/m.exec(text)?.[1];
  const pid = /^SSH_AGENT_PID=(\d+);/m.exec(text)?.[1];
  if (!sock || !pid) throw new Error(`unexpected ssh-agent output: ${text.trim().slice(0, 200)}`);
  return { pid: Number(pid), authSock: sock };
}

/**
 * One input may hold several keys (one after another, as webfactory/ssh-agent accepts):
 * split at each `-----BEGIN`, normalise CRLF from secrets pasted on Windows.
 */
export function splitPrivateKeys(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/(?=-----BEGIN )/)
    .map((k) => k.trim())
    .filter((k) => k.startsWith('-----BEGIN '))
    .map((k) => `${k}\n`);
}

/** The lines of a key worth masking: everything but the BEGIN/END markers. */
export function keyLinesToMask(key: string): string[] {
  return key
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('-----'));
}

function explainSpawn(cmd: string, e: NodeJS.ErrnoException | undefined): string | undefined {
  if (e?.code !== 'ENOENT') return undefined;
  return `${cmd} was not found on PATH (${process.env.PATH ?? ''}); install openssh-client on the runner`;
}

export async function startAgent(run: RunProcess = runProcess): Promise<SshAgent> {
  const r = await run('ssh-agent', ['-s'], { timeoutMs: 30_000 });
  const missing = explainSpawn('ssh-agent', r.spawnError);
  if (missing) throw new Error(missing);
  if (r.exitCode !== 0) throw new Error(`ssh-agent failed: ${r.stderr.trim() || `exit code ${r.exitCode}`}`);
  return parseAgentOutput(r.stdout);
}

/** Adds each key over stdin; returns the agent's fingerprint list (`ssh-add -l`) for the log. */
export async function addKeys(
  agent: SshAgent,
  keys: readonly string[],
  run: RunProcess = runProcess,
): Promise<string> {
  // no tty and no askpass: a passphrase-protected key fails at once instead of waiting for input
  const env = { SSH_AUTH_SOCK: agent.authSock, SSH_ASKPASS_REQUIRE: 'never', DISPLAY: '' };
  for (const [i, key] of keys.entries()) {
    const r = await run('ssh-add', ['-'], { input: key, env, timeoutMs: 30_000 });
    const missing = explainSpawn('ssh-add', r.spawnError);
    if (missing) throw new Error(missing);
    if (r.exitCode !== 0) {
      // ssh-add's message names no key material, only "(stdin)"
      throw new Error(
        `ssh-add rejected key ${i + 1} of ${keys.length}: ${r.stderr.trim()}. ` +
          'Pass an unencrypted private key (no passphrase) in ssh-private-key.',
      );
    }
  }
  const listed = await run('ssh-add', ['-l'], { env, timeoutMs: 30_000 });
  return listed.stdout.trim();
}

/**
 * True while `pid` is a live ssh-agent: we never signal a pid reused by something else, and a
 * killed agent waiting to be reaped (state Z, when the runner's init is slow) counts as gone.
 */
async function isSshAgent(pid: number): Promise<boolean> {
  try {
    const m = /^\d+ \((.*)\) (\S)/.exec(await readFile(`/proc/${pid}/stat`, 'utf8'));
    return m?.[1] === 'ssh-agent' && m[2] !== 'Z';
  } catch {
    return false;
  }
}

/** Kills our agent and waits (up to ~5 s) until it is gone. False when it was already gone. */
export async function killAgent(pid: number): Promise<boolean> {
  if (!(await isSshAgent(pid))) return false;
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 50 && (await isSshAgent(pid)); i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  if (await isSshAgent(pid)) process.kill(pid, 'SIGKILL');
  return true;
}
