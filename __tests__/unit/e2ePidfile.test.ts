/**
 * scripts/e2e/lib.sh live_pid / clear_stale_pidfile: a pid file is trusted only when its pid is a
 * live process *of the expected program*. CI starts from a saved disk of an earlier machine, so
 * /var/run/docker.pid and dockerd's containerd.pid survive while their processes don't, and the
 * pid in them may belong to any unrelated live process: dockerd then waits for a "still running"
 * containerd that isn't and gives up ("timeout waiting for containerd to start"), and a set-up
 * that trusted the pid would kill the unrelated process. The real script, in bash, with real
 * processes (a copy of sleep named like the daemon, so /proc/PID/comm says the daemon's name).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const LIB = fileURLToPath(new URL('../../scripts/e2e/lib.sh', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'microb-e2e-pidfile-'));
const children: ChildProcess[] = [];
afterAll(() => children.forEach((c) => c.kill('SIGKILL')));

/** a live process whose comm is `name` (a copy of sleep under that name) */
function processNamed(name: string): number {
  const bin = join(dir, name);
  if (!existsSync(bin)) copyFileSync('/bin/sleep', bin);
  const child = spawn(bin, ['600'], { stdio: 'ignore' });
  children.push(child);
  if (child.pid === undefined) throw new Error(`could not start ${bin}`);
  return child.pid;
}

function lib(script: string, ...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync('bash', ['-c', `source "$0" && ${script}`, LIB, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: dir },
  });
  return { code: r.status, out: r.stdout.trim(), err: r.stderr };
}

function pidFile(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('live_pid (scripts/e2e/lib.sh)', () => {
  it('prints the pid when the process is alive and is the named program', () => {
    const pid = processNamed('containerd');
    const file = pidFile('ok.pid', `${pid}\n`);
    expect(lib('live_pid "$1" containerd', file)).toMatchObject({ code: 0, out: String(pid) });
  });

  it.each([
    ['an unrelated live process (a reused pid)', () => String(processNamed('unrelated'))],
    ['a dead process', () => '2147483646'],
    ['garbage', () => '12; rm -rf /'],
    ['an empty file', () => ''],
  ])('fails for %s', (_name, text) => {
    const file = pidFile(`bad-${_name.length}.pid`, text());
    expect(lib('live_pid "$1" containerd', file)).toMatchObject({ code: 1, out: '' });
  });

  it('fails for a missing file', () => {
    expect(lib('live_pid "$1" dockerd', join(dir, 'missing.pid'))).toMatchObject({ code: 1 });
  });
});

describe('clear_stale_pidfile (scripts/e2e/lib.sh)', () => {
  it('removes a pid file naming an unrelated live process, and leaves that process alone', () => {
    const pid = processNamed('unrelated');
    const file = pidFile('stale.pid', String(pid));
    const r = lib('clear_stale_pidfile "$1" containerd', file);
    expect(r.code).toBe(0);
    expect(r.err).toContain('stale');
    expect(existsSync(file)).toBe(false);
    expect(() => process.kill(pid, 0)).not.toThrow();
  });

  it("keeps the pid file of the program's own live process", () => {
    const file = pidFile('live.pid', String(processNamed('dockerd')));
    expect(lib('clear_stale_pidfile "$1" dockerd', file).code).toBe(0);
    expect(existsSync(file)).toBe(true);
  });

  it('is quiet about a missing file', () => {
    expect(lib('clear_stale_pidfile "$1" dockerd', join(dir, 'none.pid'))).toMatchObject({
      code: 0,
      err: '',
    });
  });
});
