import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunProcess } from '../../../src/process/runner.js';
import { shellCommand } from '../../../src/compiler/index.js';
import { runBuildx } from '../../../src/docker/buildx/run.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'run-test-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('runBuildx', () => {
  it('returns digest, image id and the metadata verbatim; hands every line to onLine', async () => {
    const metadataFile = path.join(dir, 'm.json');
    const iidFile = path.join(dir, 'iid');
    const seen: { args: readonly string[]; env?: Readonly<Record<string, string>> }[] = [];
    const run: RunProcess = async (_f, args, opts) => {
      seen.push({ args, ...(opts?.env ? { env: opts.env } : {}) });
      opts?.onLine?.('#1 [internal] load build definition', 'stderr');
      writeFileSync(metadataFile, '{"containerimage.digest":"sha256:abc","image.name":"x:1"}');
      writeFileSync(iidFile, 'sha256:def\n');
      return { exitCode: 0, stdout: '', stderr: '', timedOut: false };
    };
    const lines: string[] = [];
    const r = await runBuildx({
      argv: ['buildx', 'build', '.'],
      env: { MICROB_SECRET_0: 'v' },
      metadataFile,
      iidFile,
      onLine: (l) => lines.push(l),
      run,
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.digest).toBe('sha256:abc');
    expect(r.imageId).toBe('sha256:def');
    expect(r.metadataJson).toBe(readFileSync(metadataFile, 'utf8'));
    expect(lines).toEqual(['#1 [internal] load build definition']);
    expect(seen[0]?.env).toEqual({ MICROB_SECRET_0: 'v' });
  });

  it('turns a failed build into the failing step and a ready message', async () => {
    const run: RunProcess = async (_f, _a, opts) => {
      for (const l of [
        '#5 [builder 2/4] RUN pip install nope',
        '#5 0.9 ERROR: No matching distribution found for nope',
        '#5 ERROR: process "/bin/sh -c pip install nope" did not complete successfully: exit code: 1',
        'ERROR: failed to solve: process "/bin/sh -c pip install nope" did not complete successfully: exit code: 1',
      ])
        opts?.onLine?.(l, 'stderr');
      return { exitCode: 1, stdout: '', stderr: '', timedOut: false };
    };
    const r = await runBuildx({
      argv: [],
      env: {},
      metadataFile: path.join(dir, 'm'),
      onLine: () => undefined,
      run,
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.failure.step).toBe('[builder 2/4] RUN pip install nope');
    expect(r.message).toContain('No matching distribution found for nope');
  });

  it("on a terminal: the command for script's shell is quoted by the shells' one quoter, a multi-line build arg too", async () => {
    const calls: { file: string; args: readonly string[] }[] = [];
    const run: RunProcess = async (file, args) => {
      calls.push({ file, args });
      return { exitCode: 0, stdout: '', stderr: '', timedOut: false };
    };
    const argv = ['buildx', 'build', '--build-arg', 'NOTE=line one\nline two', '.'];
    await runBuildx({
      argv,
      env: {},
      metadataFile: path.join(dir, 'm.json'),
      onLine: () => undefined,
      terminal: { pty: 'script', columns: 80, rows: 24, write: () => undefined },
      run,
    });
    expect(calls[0]?.args[4]).toBe(
      `stty cols 80 rows 24 2>/dev/null; exec ${shellCommand(['docker', ...argv])}`,
    );
    expect(calls[0]?.args[4]).toContain("'NOTE=line one\nline two'");
  });

  it("on a terminal: buildx runs on script's pty at that size; its view is filtered and no line is a workflow command", async () => {
    const calls: { file: string; args: readonly string[] }[] = [];
    const run: RunProcess = async (file, args, opts) => {
      calls.push({ file, args });
      opts?.onLine?.('\x1b[?25l[+] Building 0.1s (1/2)', 'stdout');
      opts?.onLine?.('  ::warning::forged \x1b]0;title\x07ok', 'stdout');
      opts?.onLine?.('##[error]old syntax', 'stdout');
      return { exitCode: 1, stdout: '', stderr: '', timedOut: false };
    };
    let written = '';
    const lines: string[] = [];
    const r = await runBuildx({
      argv: ['buildx', 'build', '--progress=tty', "/tmp/it's here"],
      env: {},
      metadataFile: path.join(dir, 'm.json'),
      onLine: (l) => lines.push(l),
      terminal: { pty: 'script', columns: 120, rows: 40, write: (t) => (written += t) },
      run,
    });
    expect(calls).toEqual([
      {
        file: 'script',
        args: [
          '--quiet',
          '--return',
          '--flush',
          '--command',
          "stty cols 120 rows 40 2>/dev/null; exec docker buildx build --progress=tty '/tmp/it'\\''s here'",
          '/dev/null',
        ],
      },
    ]);
    expect(written).toBe(
      '\x1b[?25l[+] Building 0.1s (1/2)\n  \\x3a:warning::forged ok\n#\\x23[error]old syntax\n',
    );
    expect(lines).toEqual([]); // the view is not a log to parse
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.message).toBe(
        'docker buildx build failed (exit code 1)\nthe failing step and its output are shown above',
      );
  });

  const failWith =
    (lines: readonly string[]): RunProcess =>
    async (_f, _a, opts) => {
      for (const l of lines) opts?.onLine?.(l, 'stderr');
      return { exitCode: 1, stdout: '', stderr: '', timedOut: false };
    };
  const failed = async (lines: readonly string[]): Promise<string> => {
    const r = await runBuildx({
      argv: [],
      env: {},
      metadataFile: path.join(dir, 'm'),
      onLine: () => undefined,
      run: failWith(lines),
    });
    if (r.ok) throw new Error('expected a failure');
    return r.message;
  };

  // buildx 0.13 against a remote buildkitd killed (and restarted) mid-build, as seen in builders-remote e2e
  it('says the BuildKit daemon went away mid-build when buildx loses its status stream', async () => {
    const message = await failed([
      '#12 [deps 1/1] RUN pip install slowdep==1.0',
      '#12 9.452   Getting requirements to build wheel: started',
      'ERROR: failed to receive status: rpc error: code = Unavailable desc = error reading from server: EOF',
    ]);
    expect(message).toMatch(/lost the connection to the BuildKit daemon while the build ran/);
    expect(message).toContain('it stopped, crashed or restarted');
    expect(message).toContain('error reading from server: EOF'); // buildx's own words stay
    expect(message).toContain('[deps 1/1] RUN pip install slowdep==1.0'); // where it was
  });

  it('says the BuildKit daemon could not be reached when buildx cannot dial it', async () => {
    const message = await failed([
      'ERROR: failed to solve: Unavailable: connection error: desc = "transport: Error while dialing: dial tcp 127.0.0.1:9: connect: connection refused"',
    ]);
    expect(message).toMatch(/could not reach the BuildKit daemon of the builder/);
    expect(message).not.toMatch(/while the build ran/);
  });

  it('leaves other failures as they are', async () => {
    const message = await failed(['ERROR: failed to solve: python:3.11-slim: not found']);
    expect(message).not.toMatch(/BuildKit daemon/);
  });
});
