/**
 * The version of a project whose backend reads it from git, worked out by the shells: the tag
 * being built, else `git describe --tags` of a real checkout (a real git, in a temp dir).
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { describeToVersion, GitVersionError, gitVersion } from '../../src/workspace/gitVersion.js';

const ARG = { argName: 'SETUPTOOLS_SCM_PRETEND_VERSION', passArg: '--build-arg' };

describe('git describe → the version setuptools-scm would give', () => {
  it.each([
    ['v1.2.0-0-gabc1234', '1.2.0'],
    ['1.2.0-3-gabc1234', '1.2.1.dev3+gabc1234'],
    ['release-2.0-1-g0123abc', '2.1.dev1+g0123abc'],
    ['v1.0rc1-2-gabc1234', '1.0rc1.post2.dev0+gabc1234'],
    ['nightly-0-gabc1234', undefined],
    ['garbage', undefined],
  ])('%s → %s', (described, version) => {
    expect(describeToVersion(described)).toBe(version);
  });
});

describe('gitVersion on a real checkout', () => {
  let dir: string;
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', dir, ...args], {
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@e',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@e',
      },
    });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'microb-gitversion-'));
    git('init', '-q');
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('no tag: a clear error saying how to give a version', async () => {
    await writeFile(path.join(dir, 'a.txt'), '1');
    git('add', '.');
    git('commit', '-qm', 'one');
    const error = await gitVersion({ dir, ...ARG }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitVersionError);
    expect((error as Error).message).toMatch(
      /git describe --tags found none .*git tag v1\.0\.0.*fetch-depth: 0.*--build-arg SETUPTOOLS_SCM_PRETEND_VERSION=VERSION/,
    );
  });

  it('on a tag, and after it', async () => {
    git('tag', 'v0.4.2');
    expect(await gitVersion({ dir, ...ARG })).toEqual({
      version: '0.4.2',
      source: expect.stringMatching(/^git describe: v0\.4\.2-0-g/) as unknown,
    });
    await writeFile(path.join(dir, 'a.txt'), '2');
    git('commit', '-qam', 'two');
    expect((await gitVersion({ dir, ...ARG })).version).toMatch(/^0\.4\.3\.dev1\+g[0-9a-f]+$/);
  });

  it('the tag being built wins over git describe; a tag that is no version is an error', async () => {
    expect(await gitVersion({ dir, ref: 'refs/tags/v2.0.0', ...ARG })).toEqual({
      version: '2.0.0',
      source: 'tag v2.0.0',
    });
    await expect(gitVersion({ dir, ref: 'refs/tags/deploy-eu', ...ARG })).rejects.toThrow(
      /not a PEP 440 version/,
    );
    // a branch ref is not a tag: git describe answers
    expect((await gitVersion({ dir, ref: 'refs/heads/main', ...ARG })).version).toMatch(/^0\.4\.3\.dev1/);
  });

  it('not a git checkout at all', async () => {
    const plain = await mkdtemp(path.join(tmpdir(), 'microb-nogit-'));
    try {
      await expect(gitVersion({ dir: plain, ...ARG })).rejects.toThrow(/git describe --tags found none/);
    } finally {
      await rm(plain, { recursive: true, force: true });
    }
  });
});

describe('microb check on project shapes', () => {
  async function cli(...argv: string[]) {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const chunks = { out: '', err: '' };
    stdout.on('data', (d: Buffer) => (chunks.out += d.toString()));
    stderr.on('data', (d: Buffer) => (chunks.err += d.toString()));
    const code = await runCli(argv, { stdout, stderr });
    return { code, ...chunks };
  }

  it('a patch pin passes with a warning on stderr; a Python with no image fails with the hint', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'microb-cli-shapes-'));
    try {
      const file = path.join(dir, 'pyproject.toml');
      await writeFile(
        file,
        '[project]\nname = "a"\nversion = "1"\n[tool.microb.target.default]\npython_version = "3.12.3"\n',
      );
      const ok = await cli('check', '--file', file);
      expect(ok.code).toBe(0);
      expect(ok.err).toContain(`${file}:5:1: warning: Python 3.12.3 pins a patch release`);
      await writeFile(
        file,
        '[project]\nname = "a"\nversion = "1"\n[tool.microb.target.default]\npython_version = "3.16"\n',
      );
      const refused = await cli('check', '--file', file);
      expect(refused.code).toBe(1);
      expect(refused.err).toContain(
        'error: Python 3.16 has no official image microb supports\n  hint: use one of 3.9, 3.10, 3.11, 3.12, 3.13, 3.14',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
