/**
 * The action fills the project stage's version build arg (a version from git, `.git` out of the
 * context): the tag being built, else git describe; a clear failure when neither knows one.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MainContext } from '../../../src/action/context.js';
import type { MainPhases } from '../../../src/action/phases/index.js';
import { MAIN_PHASES, runMain } from '../../../src/action/mainImpl.js';
import { memoryStateStore } from '../../../src/action/state.js';

const PYPROJECT = `[project]
name = "vcs-svc"
dynamic = ["version"]

[build-system]
requires = ["hatchling", "hatch-vcs"]
build-backend = "hatchling.build"

[tool.hatch.version]
source = "vcs"

[tool.microb.target.default]
python_version = "3.11"
`;

let dir: string;
let out: string[];
const savedEnv = { ...process.env };

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'action-version-'));
  writeFileSync(path.join(dir, 'pyproject.toml'), PYPROJECT);
  out = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  process.env.RUNNER_TEMP = dir;
  process.env.INPUT_FILE = path.join(dir, 'pyproject.toml');
  delete process.env.GITHUB_REF;
});
afterEach(() => {
  vi.restoreAllMocks();
  for (const k of Object.keys(process.env)) if (!(k in savedEnv)) delete process.env[k];
  Object.assign(process.env, savedEnv);
  process.exitCode = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** Generate and check the request only (no engine), and hand back what the build would get. */
async function requestPhase(): Promise<MainContext | undefined> {
  let seen: MainContext | undefined;
  const wanted = new Set(['Generate the Dockerfile', 'Check the build request']);
  const [generate, ...rest] = MAIN_PHASES;
  const phases: MainPhases = [
    generate,
    ...rest.filter((p) => wanted.has(p.name)),
    { name: 'capture', run: async (ctx) => void (seen = ctx) },
  ];
  const state = memoryStateStore();
  await runMain({ state, setOutput: () => undefined }, phases);
  return seen;
}

describe('the action passes a version from git as the build arg the plan names', () => {
  it('the tag being built', async () => {
    process.env.GITHUB_REF = 'refs/tags/v3.1.0';
    const ctx = await requestPhase();
    expect(ctx?.request.versionBuildArgs).toEqual({ SETUPTOOLS_SCM_PRETEND_VERSION: '3.1.0' });
    expect(out.join('')).toContain('Version 3.1.0 (tag v3.1.0) → build arg SETUPTOOLS_SCM_PRETEND_VERSION');
  });

  it('git describe of the checkout when no tag is being built', async () => {
    const env = {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@e',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@e',
    };
    const git = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { env });
    git('init', '-q');
    git('add', 'pyproject.toml');
    git('commit', '-qm', 'one');
    git('tag', '0.9.0');
    process.env.GITHUB_REF = 'refs/heads/main';
    expect((await requestPhase())?.request.versionBuildArgs).toEqual({
      SETUPTOOLS_SCM_PRETEND_VERSION: '0.9.0',
    });
  });

  it('neither: the step fails before any build, saying how to give one', async () => {
    const ctx = await requestPhase();
    expect(ctx).toBeUndefined();
    expect(process.exitCode).toBe(1);
    const error =
      out
        .join('')
        .split('\n')
        .find((l) => l.startsWith('::error::')) ?? '';
    expect(error).toMatch(/the version comes from git, and git describe --tags found none/);
    expect(error).toContain('fetch-depth: 0');
    expect(error).toContain('pass the build-args input SETUPTOOLS_SCM_PRETEND_VERSION=VERSION');
  });

  it('a build-args input wins over both', async () => {
    process.env['INPUT_BUILD-ARGS'] = 'SETUPTOOLS_SCM_PRETEND_VERSION=7.0.0';
    const ctx = await requestPhase();
    expect(ctx?.request.versionBuildArgs).toBeUndefined();
    expect(ctx?.inputs.buildArgs).toEqual({ SETUPTOOLS_SCM_PRETEND_VERSION: '7.0.0' });
  });
});
