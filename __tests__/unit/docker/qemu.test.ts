import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parsePlatform } from '../../../src/docker/platforms.js';
import type { ProcessResult, RunProcess } from '../../../src/process/runner.js';
import {
  BINFMT_IMAGE,
  checkBinfmtImage,
  ensureEmulation,
  planEmulation,
  qemuHandlerName,
} from '../../../src/docker/qemu.js';

const ok: ProcessResult = { exitCode: 0, stdout: '', stderr: '', timedOut: false };
const handler = (flags: string, enabled = true) =>
  `${enabled ? 'enabled' : 'disabled'}\ninterpreter /usr/libexec/qemu-binfmt/x\nflags: ${flags}\noffset 0\n`;

let dir: string;
let binfmt: string;
let defs: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'qemu-test-'));
  binfmt = path.join(dir, 'binfmt_misc');
  defs = path.join(dir, 'binfmts');
  mkdirSync(binfmt);
  mkdirSync(defs);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const platforms = (...p: string[]) => p.map(parsePlatform);

/** A fake runner that records each command and registers `handlers`, as the real ones would. */
const registering = (...handlers: string[]) => {
  const calls: string[][] = [];
  const run: RunProcess = async (f, a) => {
    calls.push([f, ...a]);
    for (const h of handlers) writeFileSync(path.join(binfmt, h), handler('F'));
    return ok;
  };
  return { calls, run };
};

describe('planEmulation', () => {
  it('needs nothing for the native arch and 386 on amd64', () => {
    const plan = planEmulation(platforms('amd64', 'i386'), 'amd64', binfmt);
    expect(plan.native).toEqual(['amd64', '386']);
    expect(plan.missing).toEqual([]);
  });

  it('splits foreign arches into registered and missing (disabled counts as missing)', () => {
    writeFileSync(path.join(binfmt, 'qemu-aarch64'), handler('PF'));
    writeFileSync(path.join(binfmt, 'qemu-arm'), handler('PF', false));
    const plan = planEmulation(platforms('linux/arm64', 'arm/v7', 'arm/v6', 'amd64'), 'amd64', binfmt);
    expect(plan.alreadyRegistered.map((h) => [h.handler, h.flags])).toEqual([['qemu-aarch64', 'PF']]);
    expect(plan.missing.map((h) => h.handler)).toEqual(['qemu-arm']); // arm/v7 and arm/v6 share one
    expect(plan.native).toEqual(['amd64']);
  });

  it('names handlers as binfmt does', () => {
    expect(qemuHandlerName('arm64')).toBe('qemu-aarch64');
    expect(qemuHandlerName('386')).toBe('qemu-i386');
    expect(qemuHandlerName('mips64le')).toBe('qemu-mips64el');
  });
});

describe('ensureEmulation', () => {
  it('runs nothing when all are registered, and says so', async () => {
    writeFileSync(path.join(binfmt, 'qemu-aarch64'), handler('PF'));
    const calls: string[][] = [];
    const log: string[] = [];
    const run: RunProcess = async (f, a) => (calls.push([f, ...a]), ok);
    await ensureEmulation(platforms('amd64', 'arm64'), 'amd64', {
      run,
      log: (l) => log.push(l),
      binfmtDir: binfmt,
    });
    expect(calls).toEqual([]);
    expect(log.join('\n')).toMatch(/qemu-aarch64 already registered \(flags PF\), skipped/);
  });

  it('uses update-binfmts when the qemu-user-static definition exists', async () => {
    writeFileSync(path.join(defs, 'qemu-arm'), 'package qemu-user-static\n');
    const { calls, run } = registering('qemu-arm');
    await ensureEmulation(platforms('arm/v7'), 'amd64', {
      run,
      log: () => undefined,
      binfmtDir: binfmt,
      binfmtsDefinitionsDir: defs,
      isRoot: true,
    });
    expect(calls).toEqual([['update-binfmts', '--enable', 'qemu-arm']]);
  });

  it('goes through sudo -n when not root', async () => {
    writeFileSync(path.join(defs, 'qemu-aarch64'), '');
    const { calls, run } = registering('qemu-aarch64');
    await ensureEmulation(platforms('arm64'), 'amd64', {
      run,
      log: () => undefined,
      binfmtDir: binfmt,
      binfmtsDefinitionsDir: defs,
      isRoot: false,
    });
    expect(calls).toEqual([['sudo', '-n', 'update-binfmts', '--enable', 'qemu-aarch64']]);
  });

  it('falls back to the pinned tonistiigi/binfmt image for the rest', async () => {
    const { calls, run } = registering('qemu-riscv64', 'qemu-s390x');
    await ensureEmulation(platforms('riscv64', 's390x'), 'amd64', {
      run,
      log: () => undefined,
      binfmtDir: binfmt,
      binfmtsDefinitionsDir: defs,
      isRoot: true,
    });
    expect(calls).toEqual([
      [
        'docker',
        'run',
        '--rm',
        '--privileged',
        '--network',
        'none',
        BINFMT_IMAGE,
        '--install',
        'riscv64,s390x',
      ],
    ]);
    // privileged, so pinned by digest, not by a tag that can be moved
    expect(calls[0]?.[6]).toMatch(/^tonistiigi\/binfmt:qemu-v8\.1\.5@sha256:[0-9a-f]{64}$/);
  });

  it('runs the qemu-image given, and refuses one not pinned by digest before running anything', async () => {
    const custom = `registry.example/binfmt:v9@sha256:${'ab'.repeat(32)}`;
    const first = registering('qemu-riscv64');
    await ensureEmulation(platforms('riscv64'), 'amd64', {
      run: first.run,
      log: () => undefined,
      binfmtDir: binfmt,
      binfmtsDefinitionsDir: defs,
      isRoot: true,
      image: custom,
    });
    expect(first.calls[0]?.[6]).toBe(custom);

    const second = registering('qemu-s390x');
    await expect(
      ensureEmulation(platforms('s390x'), 'amd64', {
        run: second.run,
        log: () => undefined,
        binfmtDir: binfmt,
        binfmtsDefinitionsDir: defs,
        isRoot: true,
        image: 'tonistiigi/binfmt:qemu-v8.1.5',
      }),
    ).rejects.toThrow(/qemu-image: "tonistiigi\/binfmt:qemu-v8\.1\.5" is not pinned by digest/);
    expect(second.calls).toEqual([]);
    expect(() => checkBinfmtImage(`tonistiigi/binfmt@sha256:${'0'.repeat(63)}`)).toThrow(
      /not pinned by digest/,
    );
    expect(checkBinfmtImage(BINFMT_IMAGE)).toBe(BINFMT_IMAGE);
  });

  it('explains what to do when registration fails', async () => {
    const run: RunProcess = async () => ({
      ...ok,
      exitCode: 125,
      stderr: 'Unable to find image\npull access denied',
    });
    await expect(
      ensureEmulation(platforms('arm64'), 'amd64', {
        run,
        log: () => undefined,
        binfmtDir: binfmt,
        binfmtsDefinitionsDir: defs,
      }),
    ).rejects.toThrow(/pull access denied[\s\S]*Install qemu-user-static/);
  });

  it('fails when a handler is still missing after a "successful" registration', async () => {
    const run: RunProcess = async () => ok;
    await expect(
      ensureEmulation(platforms('arm64'), 'amd64', {
        run,
        log: () => undefined,
        binfmtDir: binfmt,
        binfmtsDefinitionsDir: defs,
      }),
    ).rejects.toThrow(/qemu-aarch64 is still not registered/);
  });
});
