import { spawn } from 'node:child_process';

/**
 * Process-exit cleanup for e2e resources (servers, agents, temp dirs).
 *
 * Handlers run synchronously on 'exit' (only sync work is possible there: kill a pid,
 * rmSync a dir), newest first. A test runner killed by a signal runs no exit handler:
 * servers therefore also get a watchdog (watchParent) that stops them once this process
 * is gone.
 */
type Handler = () => void;
const handlers = new Set<Handler>();
let installed = false;

export function onProcessExit(handler: Handler): () => void {
  if (!installed) {
    installed = true;
    process.once('exit', () => {
      for (const h of [...handlers].reverse()) {
        try {
          h();
        } catch {
          // best effort: the process is going away
        }
      }
    });
  }
  handlers.add(handler);
  return () => {
    handlers.delete(handler);
  };
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function killQuietly(pid: number, signal: NodeJS.Signals = 'SIGTERM'): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/** Resolves once pid is gone (SIGKILL after timeoutMs). */
export async function waitForExit(pid: number, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) {
      killQuietly(pid, 'SIGKILL');
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A detached watchdog (sh) that sends SIGTERM to pid as soon as this process has gone,
 * and exits by itself when pid does. For daemons that a script started (sshd, the
 * registry), which would otherwise outlive a killed test runner.
 */
export function watchParent(pid: number): void {
  const script =
    'while kill -0 "$1" 2>/dev/null; do kill -0 "$2" 2>/dev/null || exit 0; sleep 2; done; kill "$2" 2>/dev/null';
  const child = spawn('sh', ['-c', script, 'microb-e2e-watchdog', String(process.pid), String(pid)], {
    detached: true,
    stdio: 'ignore',
  });
  child.unref();
}
