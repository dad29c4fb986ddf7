import { describe, expect, it } from 'vitest';
import { runProcess } from '../../../src/buildx/process.js';

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

  it('reports a missing executable instead of throwing', async () => {
    const r = await runProcess('no-such-binary-microb', []);
    expect(r.spawnError?.code).toBe('ENOENT');
    expect(r.exitCode).not.toBe(0);
  });
});
