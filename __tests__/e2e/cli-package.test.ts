/**
 * The CLI as users install it without cloning: `npm pack` of this repo, installed into a clean
 * global prefix (`npm i -g`), then `microb --version` and a real `microb build` whose image runs.
 * Needs the committed dist/ (npm run package) and the e2e engine.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureE2E,
  makeWheel,
  removeImages,
  run,
  startPrivateIndex,
  tempDir,
  uniqueTag,
  writeFiles,
  type PrivateIndex,
  type TempDir,
} from './support/index.js';

const REPO = path.resolve(import.meta.dirname, '../..');

describe('the npm package (npm pack → npm i -g in a clean prefix)', () => {
  let work: TempDir;
  let index: PrivateIndex;
  let microb: string;
  const images: string[] = [];

  beforeAll(async () => {
    await ensureE2E();
    work = await tempDir('microb-e2e-cli-package-');
    const pack = await run('npm', ['pack', '--pack-destination', work.path, '--json'], {
      cwd: REPO,
      timeoutMs: 120_000,
    });
    expect(pack.code, pack.stderr).toBe(0);
    const [{ filename }] = JSON.parse(pack.stdout) as [{ filename: string }];
    const prefix = path.join(work.path, 'prefix');
    // the bundle has no runtime dependencies: the install needs no registry
    const install = await run(
      'npm',
      [
        'install',
        '--global',
        '--prefix',
        prefix,
        '--offline',
        '--no-audit',
        '--no-fund',
        path.join(work.path, filename),
      ],
      { cwd: work.path, timeoutMs: 120_000 },
    );
    expect(install.code, install.stderr).toBe(0);
    microb = path.join(prefix, 'bin', 'microb');
    index = await startPrivateIndex({ wheels: [await makeWheel(work.path, 'packdep', '0.3.0')] });
  });
  afterAll(async () => {
    await removeImages(...images);
    await index?.stop();
    await work?.cleanup();
  });

  it('microb --version prints the package version', async () => {
    const { version } = JSON.parse(await readFile(path.join(REPO, 'package.json'), 'utf8')) as {
      version: string;
    };
    const r = await run(microb, ['--version'], { timeoutMs: 30_000 });
    expect(r).toMatchObject({ code: 0, stdout: `microb ${version}\n` });
  });

  it('microb build from the installed package builds an image that runs', async () => {
    const dir = path.join(work.path, 'app');
    await writeFiles(dir, {
      'pyproject.toml': `[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"
[project]
name = "packapp"
version = "2.0.0"
dependencies = ["packdep==0.3.0"]
[project.scripts]
packapp = "packapp:main"
[tool.microb.target.default]
python_version = "3.11"
indices = [{ url = "${index.url}", primary = true, username_secret = "IDX_USER", password_secret = "IDX_PW" }]
`,
      'src/packapp/__init__.py':
        'from importlib.metadata import version\n\ndef main():\n    import packdep\n    print("packapp", version("packapp"), "packdep", version("packdep"))\n',
    });
    const tag = uniqueTag('cli-package');
    images.push(tag);
    const r = await run(
      microb,
      [
        'build',
        '--file',
        path.join(dir, 'pyproject.toml'),
        '--tag',
        tag,
        '--load',
        '--network',
        'host',
        '--secret',
        'id=IDX_USER,env=U',
        '--secret',
        'id=IDX_PW,env=P',
      ],
      { env: { U: index.user, P: index.password }, timeoutMs: 8 * 60_000 },
    );
    expect(r.code, r.stderr.split('\n').slice(-30).join('\n')).toBe(0);
    const out = await run('docker', ['run', '--rm', '--network=none', tag], { timeoutMs: 60_000 });
    expect(out).toMatchObject({ code: 0, stdout: 'packapp 2.0.0 packdep 0.3.0\n' });
  });
});
