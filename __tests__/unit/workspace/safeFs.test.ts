import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileTargets, ConfigError } from '../../../src/compiler/index.js';
import { readProjectSnapshot } from '../../../src/workspace/snapshot.js';
import { writeGeneratedDockerfile } from '../../../src/workspace/generate.js';

const PYPROJECT = (extra = '') => `[project]
name = "app"
version = "1.0.0"

[tool.microb.target.default]
python_version = "3.11"
${extra}
`;

let dir: string;
let project: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'safefs-'));
  project = path.join(dir, 'p');
  mkdirSync(project);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const snapshot = () => readProjectSnapshot(path.join(project, 'pyproject.toml'));

describe('the safe reader (issue 9, item 4)', () => {
  it('reads regular files inside the project, a missing one as null', async () => {
    writeFileSync(path.join(project, 'pyproject.toml'), PYPROJECT('requirements = "sub/req.txt"'));
    mkdirSync(path.join(project, 'sub'));
    writeFileSync(path.join(project, 'sub/req.txt'), 'a==1\n');
    const s = await snapshot();
    expect(s.files.get('sub/req.txt')).toBe('a==1\n');
    expect(s.files.get('.python-version')).toBeNull();
  });

  it.each([
    [
      'a symlink to /proc/self/environ',
      () => symlinkSync('/proc/self/environ', path.join(project, 'r.txt')),
      /"r\.txt" is a symlink/,
    ],
    ['a FIFO', () => execFileSync('mkfifo', [path.join(project, 'r.txt')]), /"r\.txt" is not a regular file/],
    ['a directory', () => mkdirSync(path.join(project, 'r.txt')), /"r\.txt" is not a regular file/],
    [
      'over 1 MiB',
      () => writeFileSync(path.join(project, 'r.txt'), Buffer.alloc(1024 * 1024 + 1, 0x61)),
      /larger than 1 MiB/,
    ],
  ])('refuses a requirements file that is %s, with no content in the message', async (_name, make, error) => {
    writeFileSync(path.join(project, 'pyproject.toml'), PYPROJECT('requirements = "r.txt"'));
    make();
    const e = await snapshot().catch((x: unknown) => x as Error);
    expect(e).toBeInstanceOf(Error);
    expect((e as Error).message).toMatch(error);
    expect((e as Error).message).not.toMatch(/PATH=|aaaa/);
  });

  it('checks every target’s paths before reading any (a bad one in another target still fails)', async () => {
    mkdirSync(path.join(dir, 'elsewhere'));
    writeFileSync(path.join(dir, 'elsewhere/r.txt'), 'a==1\n');
    symlinkSync(path.join(dir, 'elsewhere'), path.join(project, 'linked'));
    writeFileSync(
      path.join(project, 'pyproject.toml'),
      `${PYPROJECT('requirements = "ok.txt"')}\n[tool.microb.target.other]\nrequirements = "linked/r.txt"\n`,
    );
    writeFileSync(path.join(project, 'ok.txt'), 'a==1\n');
    await expect(snapshot()).rejects.toThrow(/"linked\/r\.txt" is outside the project directory/);
  });

  it('a path compile refuses (`..`) is never read: compile reports it at its pyproject line', async () => {
    writeFileSync(path.join(dir, 'outside.txt'), 'a==1\n');
    writeFileSync(
      path.join(project, 'pyproject.toml'),
      `${PYPROJECT('requirements = "ok.txt"')}\n[tool.microb.target.other]\nrequirements = "../outside.txt"\n`,
    );
    writeFileSync(path.join(project, 'ok.txt'), 'a==1\n');
    const s = await snapshot();
    expect([...s.files.keys()]).not.toContain('../outside.txt');
    const results = compileTargets(s);
    expect(results.get('default')).not.toBeInstanceOf(ConfigError);
    expect((results.get('other') as ConfigError).format()).toMatch(
      /pyproject\.toml:10:\d+: error: unsupported requirements path "\.\.\/outside\.txt"/,
    );
  });

  it('refuses a pyproject that is a symlink, and a symlinked src is not listed', async () => {
    writeFileSync(path.join(dir, 'real.toml'), PYPROJECT());
    symlinkSync(path.join(dir, 'real.toml'), path.join(project, 'pyproject.toml'));
    await expect(snapshot()).rejects.toThrow(/"pyproject\.toml" is a symlink/);
    rmSync(path.join(project, 'pyproject.toml'));
    writeFileSync(path.join(project, 'pyproject.toml'), PYPROJECT());
    mkdirSync(path.join(dir, 'elsewhere/pkg'), { recursive: true });
    symlinkSync(path.join(dir, 'elsewhere'), path.join(project, 'src'));
    expect([...((await snapshot()).layout?.keys() ?? [])]).toEqual(['pyproject.toml', 'src']);
  });
});

describe('the project directory (issue 9, items 2 and 4)', () => {
  const saved = process.env.GITHUB_WORKSPACE;
  afterEach(() => {
    if (saved === undefined) delete process.env.GITHUB_WORKSPACE;
    else process.env.GITHUB_WORKSPACE = saved;
  });

  it('inside the workspace, a directory on the way to the pyproject that is a symlink is refused', async () => {
    const elsewhere = path.join(dir, 'elsewhere');
    mkdirSync(elsewhere);
    writeFileSync(path.join(elsewhere, 'pyproject.toml'), PYPROJECT());
    symlinkSync(elsewhere, path.join(project, 'app'));
    process.env.GITHUB_WORKSPACE = project;
    const pyprojectPath = path.join(project, 'app', 'pyproject.toml');
    await expect(readProjectSnapshot(pyprojectPath)).rejects.toThrow(/app is a symlink/);
    await expect(writeGeneratedDockerfile({ pyprojectPath })).rejects.toThrow(/app is a symlink/);
    expect(() => readFileSync(path.join(elsewhere, '.microb', 'default.Dockerfile'))).toThrow();
  });
});

describe('the safe writer (issue 9, item 2)', () => {
  it('replaces a symlinked generated file instead of writing through it', async () => {
    writeFileSync(path.join(project, 'pyproject.toml'), PYPROJECT());
    writeFileSync(path.join(dir, 'npmrc'), 'registry=good\n');
    mkdirSync(path.join(project, '.microb'));
    symlinkSync(path.join(dir, 'npmrc'), path.join(project, '.microb/default.Dockerfile'));
    const g = await writeGeneratedDockerfile({ pyprojectPath: path.join(project, 'pyproject.toml') });
    expect(readFileSync(path.join(dir, 'npmrc'), 'utf8')).toBe('registry=good\n');
    expect(readFileSync(g.dockerfilePath, 'utf8')).toBe(g.result.dockerfile);
  });

  it('refuses a .microb that is a symlink', async () => {
    writeFileSync(path.join(project, 'pyproject.toml'), PYPROJECT());
    mkdirSync(path.join(dir, 'out'));
    symlinkSync(path.join(dir, 'out'), path.join(project, '.microb'));
    await expect(
      writeGeneratedDockerfile({ pyprojectPath: path.join(project, 'pyproject.toml') }),
    ).rejects.toThrow(/\.microb is a symlink/);
  });
});
