/**
 * The builder main creates and post removes, through the phases' seam (the host's process
 * runner): the name is in the post state before `buildx create` runs, so post removes a
 * half-created builder too; post removes exactly the builder main created, and a builder main
 * only used is never recorded nor removed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { MainContext } from '../../../src/action/context.js';
import { runMain } from '../../../src/action/mainImpl.js';
import { builderPhase } from '../../../src/action/phases/builder.js';
import { generatePhase } from '../../../src/action/phases/generate.js';
import { runPost } from '../../../src/action/postImpl.js';
import { ActionState, memoryStateStore } from '../../../src/action/state.js';
import type { CacheService } from '../../../src/cache/actionsCache.js';
import type { ProcessResult, RunProcess } from '../../../src/process/runner.js';

const PYPROJECT = `[project]
name = "svc"
version = "0.1.0"

[tool.microb.target.default]
python_version = "3.11"
`;

const noCache: CacheService = {
  isAvailable: () => false,
  restore: async () => undefined,
  save: async () => -1,
};

const ok = (stdout = ''): ProcessResult => ({ exitCode: 0, stdout, stderr: '', timedOut: false });

/** docker as the phases see it: the current builder has `driver`, `create` answers `createExit`. */
function fakeDocker(store: ReturnType<typeof memoryStateStore>, driver: string, createExit = 0) {
  const calls: string[][] = [];
  /** What post would have found in the state when `buildx create` ran. */
  let recordedAtCreate: string | undefined;
  const run: RunProcess = async (_file, args) => {
    calls.push([...args]);
    if (args[0] === 'buildx' && args[1] === 'inspect') return ok(`Name: current\nDriver: ${driver}\n`);
    if (args[0] === 'info') return ok('[["Backing Filesystem","extfs"]]');
    if (args[0] === 'buildx' && args[1] === 'create') {
      recordedAtCreate = new ActionState(store).read().createdBuilder;
      return createExit === 0
        ? ok()
        : { exitCode: createExit, stdout: '', stderr: 'ERROR: bootstrap failed', timedOut: false };
    }
    if (args[0] === 'buildx' && args[1] === 'rm') return ok();
    return { exitCode: 1, stdout: '', stderr: `unexpected docker ${args.join(' ')}`, timedOut: false };
  };
  return { calls, run, recordedAtCreate: () => recordedAtCreate };
}

let dir: string;
const savedEnv = { ...process.env };

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'microb-builder-'));
  writeFileSync(path.join(dir, 'pyproject.toml'), PYPROJECT);
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  Object.assign(process.env, {
    RUNNER_TEMP: dir,
    INPUT_FILE: path.join(dir, 'pyproject.toml'),
    INPUT_PLATFORMS: 'linux/amd64,linux/arm64',
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  for (const k of Object.keys(process.env)) if (!(k in savedEnv)) delete process.env[k];
  Object.assign(process.env, savedEnv);
  process.exitCode = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** Main's generate and builder phases, then post, on the fake docker. */
async function mainThenPost(driver: string, createExit = 0) {
  const store = memoryStateStore();
  const docker = fakeDocker(store, driver, createExit);
  let seen: MainContext | undefined;
  await runMain({ state: store, setOutput: () => undefined, run: docker.run, cache: noCache }, [
    generatePhase,
    builderPhase,
    { name: 'capture', run: async (ctx) => void (seen = ctx) },
  ]);
  const mainFailed = process.exitCode === 1;
  process.exitCode = undefined;
  const mainCalls = docker.calls.length;
  await runPost(
    store,
    undefined,
    { dryRun: false, cache: 'none', builder: '' },
    { run: docker.run, cache: noCache },
  );
  const created = docker.calls.find((a) => a[1] === 'create');
  return {
    ctx: seen,
    mainFailed,
    createdName: created?.[created.indexOf('--name') + 1],
    recordedAtCreate: docker.recordedAtCreate(),
    postCalls: docker.calls.slice(mainCalls),
  };
}

describe('the builder main creates and post removes', () => {
  it('records it before `buildx create` runs, builds with it, and post removes exactly it', async () => {
    const r = await mainThenPost('docker');
    expect(r.mainFailed).toBe(false);
    expect(r.createdName).toMatch(/^microb-(local|\d+)-[0-9a-f]{6}$/);
    expect(r.recordedAtCreate).toBe(r.createdName);
    expect(r.ctx?.builder).toBe(r.createdName);
    expect(r.postCalls).toEqual([['buildx', 'rm', r.createdName]]);
  });

  it('a create that fails half-way still leaves the builder for post to remove', async () => {
    const r = await mainThenPost('docker', 1);
    expect(r.mainFailed).toBe(true);
    expect(r.ctx).toBeUndefined();
    expect(r.postCalls).toEqual([['buildx', 'rm', r.createdName]]);
  });

  it('a builder that can do the job is used, never recorded, never removed', async () => {
    const r = await mainThenPost('docker-container');
    expect(r.mainFailed).toBe(false);
    expect(r.createdName).toBeUndefined();
    expect(r.ctx?.builder).toBeUndefined();
    expect(r.postCalls).toEqual([]);
  });
});
