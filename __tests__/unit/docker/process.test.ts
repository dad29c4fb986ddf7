import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBuildTimeout } from '../../../src/process/deadline.js';
import { runProcess } from '../../../src/process/runner.js';
import { runBuildx } from '../../../src/docker/buildx/run.js';

describe('runProcess', () => {
  it('streams stdout and stderr lines, including a last line without newline', async () => {
    const lines: string[] = [];
    const r = await runProcess('sh', ['-c', 'echo a; echo b >&2; printf c'], {
      onLine: (l, s) => lines.push(`${s}:${l}`),
    });
    expect(r.exitCode).toBe(0);
    expect(lines.sort()).toEqual(['stderr:b', 'stdout:a', 'stdout:c']);
  });

  it('feeds stdin and passes extra env only to the child', async () => {
    const r = await runProcess('sh', ['-c', 'cat; printf " $X"'], {
      input: 'key-material',
      env: { X: 'only-here' },
    });
    expect(r.stdout).toBe('key-material only-here');
    expect(process.env.X).toBeUndefined();
  });

  it('kills a child that runs past its timeout', async () => {
    const started = Date.now();
    const r = await runProcess('sleep', ['30'], { timeoutMs: 200 });
    expect(r.timedOut).toBe(true);
    expect(r.exitCode).not.toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("keeps the action's inputs (INPUT_SECRETS holds every secret) out of the child's environment", async () => {
    process.env['INPUT_SECRETS'] = 'UNUSED=value-no-child-may-see';
    process.env['INPUT_GITHUB-TOKEN'] = 'ghs_token-no-child-may-see';
    try {
      const r = await runProcess('env', [], { env: { MICROB_SECRET_0: 'mounted' } });
      expect(r.stdout).not.toContain('no-child-may-see');
      expect(r.stdout).not.toMatch(/^INPUT_/m);
      expect(r.stdout).toContain('MICROB_SECRET_0=mounted');
      expect(r.stdout).toContain(`PATH=${process.env.PATH ?? ''}`);
    } finally {
      delete process.env['INPUT_SECRETS'];
      delete process.env['INPUT_GITHUB-TOKEN'];
    }
  });

  it('reports a missing executable instead of throwing', async () => {
    const r = await runProcess('no-such-binary-microb', []);
    expect(r.spawnError?.code).toBe('ENOENT');
    expect(r.exitCode).not.toBe(0);
  });
});

/** Whether a process of that pid still exists (a zombie counts as gone: it holds nothing). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = spawnSync('ps', ['-o', 'stat=', '-p', String(pid)])
    .stdout.toString()
    .trim();
  return stat !== '' && !stat.startsWith('Z');
}

describe('the build timeout', () => {
  it('stops buildx and every process it started, with a clear error', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'microb-timeout-'));
    const pidFile = path.join(dir, 'child.pid');
    const started = Date.now();
    try {
      // a "build" that starts a helper and then sleeps: both must be gone at the deadline
      const outcome = await runBuildx({
        argv: ['buildx', 'build', '.'],
        env: {},
        metadataFile: path.join(dir, 'metadata.json'),
        timeoutMs: 700,
        onLine: () => undefined,
        run: (_file, _args, opts) =>
          runProcess(
            'sh',
            ['-c', `sleep 300 & echo $! > ${pidFile}; echo '#1 [1/2] FROM base'; sleep 300`],
            opts,
          ),
      });
      const elapsed = Date.now() - started;
      expect(outcome.ok).toBe(false);
      expect(outcome.ok ? '' : outcome.message).toContain(
        'docker buildx build did not finish within the timeout of 1 s (the timeout input): it was stopped, with every process it started',
      );
      expect(elapsed).toBeLessThan(10_000);
      const helper = Number(readFileSync(pidFile, 'utf8'));
      expect(helper).toBeGreaterThan(0);
      expect(alive(helper)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('parseBuildTimeout', () => {
  it.each([
    ['', 0],
    ['45', 45 * 60_000],
    ['90s', 90_000],
    ['2h', 7_200_000],
    ['1h30m', 5_400_000],
  ])('%j → %d ms', (text, ms) => expect(parseBuildTimeout(text)).toBe(ms));

  it.each([
    ['soon', /is not a duration like 45m/],
    ['0m', /is zero/],
    ['7h', /longer than a job may run/],
  ])('refuses %j', (text, error) => expect(() => parseBuildTimeout(text)).toThrow(error));
});
