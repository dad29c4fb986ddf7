/**
 * `microb build` from the bundled CLI (dist/cli/index.js) on the real engine: the same argv and
 * runner as the action. Run `npm run package` first.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { shellCommand } from '../../src/compiler/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureE2E,
  inspect,
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
const CLI = path.join(REPO, 'dist/cli/index.js');

const pyproject = (indexUrl: string, deps: string[]) => `[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"
[project]
name = "cliapp"
version = "1.0.0"
dependencies = [${deps.map((d) => JSON.stringify(d)).join(', ')}]
[tool.microb.target.default]
python_version = "3.11"
indices = [{ url = "${indexUrl}", primary = true, username_secret = "IDX_USER", password_secret = "IDX_PW" }]
`;

describe('microb build (bundled CLI)', () => {
  let index: PrivateIndex;
  let work: TempDir;
  const images: string[] = [];
  const secretArgs = ['--secret', 'id=IDX_USER,env=U', '--secret', 'id=IDX_PW,env=P'];
  let secretEnv: Record<string, string>;

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error('dist/cli missing: run npm run package');
    await ensureE2E();
    work = await tempDir('microb-e2e-cli-build-');
    index = await startPrivateIndex({ wheels: [await makeWheel(work.path, 'cli-dep', '0.2.0')] });
    secretEnv = { U: index.user, P: index.password };
  });
  afterAll(async () => {
    await removeImages(...images);
    await index?.stop();
    await work?.cleanup();
  });

  it('builds and loads; stdout is the digest, which is the image id in the engine', async () => {
    const dir = path.join(work.path, 'ok');
    await writeFiles(dir, {
      'pyproject.toml': pyproject(index.url, ['cli-dep==0.2.0']),
      'src/cliapp/__init__.py': '',
    });
    const tag = uniqueTag('cli-build');
    images.push(tag);
    const r = await run(
      'node',
      [
        CLI,
        'build',
        '--file',
        path.join(dir, 'pyproject.toml'),
        '--tag',
        tag,
        '--load',
        '--network',
        'host',
        ...secretArgs,
      ],
      { env: secretEnv, timeoutMs: 8 * 60_000 },
    );
    expect(r.code, r.stderr.split('\n').slice(-30).join('\n')).toBe(0);
    expect(r.stdout.trim()).toBe((await inspect(tag)).Id);
    expect(r.stderr).toContain('microb: docker buildx build --file');
    expect(r.stderr + r.stdout).not.toContain(index.password);
  });

  it('a failing step: exit 1 and the step with its last lines', async () => {
    const dir = path.join(work.path, 'broken');
    await writeFiles(dir, {
      'pyproject.toml': pyproject(index.url, ['no-such-dep==9.9.9']),
      'src/cliapp/__init__.py': '',
    });
    const r = await run(
      'node',
      [CLI, 'build', '--file', path.join(dir, 'pyproject.toml'), '--network', 'host', ...secretArgs],
      { env: secretEnv, timeoutMs: 8 * 60_000 },
    );
    expect(r.code).toBe(1);
    const message = r.stderr.slice(r.stderr.lastIndexOf('microb: error:'));
    expect(message).toMatch(/^microb: error: docker buildx build failed at step \[.*\] RUN /);
    expect(message).toMatch(/No matching distribution found for no-such-dep==9\.9\.9/);
  });

  describe("buildx's progress: its TTY view on a terminal, the plain log through a pipe", () => {
    const plainProject = `[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"
[project]
name = "ttyapp"
version = "1.0.0"
[tool.microb.target.default]
python_version = "3.11"
`;
    /** `microb build` on a real pseudo-terminal (util-linux script): what the terminal receives. */
    const onTerminal = (args: string[]) =>
      run(
        'script',
        ['--quiet', '--return', '--command', shellCommand(['node', CLI, 'build', ...args]), '/dev/null'],
        { timeoutMs: 8 * 60_000, env: { TERM: 'xterm', COLUMNS: '100', LINES: '30' } },
      );

    it('draws the TTY view on a terminal, prints the plain log when piped', async () => {
      const dir = path.join(work.path, 'tty');
      await writeFiles(dir, { 'pyproject.toml': plainProject, 'src/ttyapp/__init__.py': '' });
      const tag = uniqueTag('cli-tty');
      images.push(tag);
      const args = ['--file', path.join(dir, 'pyproject.toml'), '--tag', tag, '--network', 'host'];

      const tty = await onTerminal(args);
      expect(tty.code, tty.stdout.slice(-2000)).toBe(0);
      expect(tty.stdout).toContain('--progress=tty');
      expect(tty.stdout).toMatch(/\[\+\] Building \d+\.\ds \(\d+\/\d+\)/); // buildx's view header
      expect(tty.stdout).toContain('\x1b[?25l'); // drawn: cursor hidden while it redraws
      // eslint-disable-next-line no-control-regex -- the cursor-up sequence itself
      expect(tty.stdout).toMatch(/\x1b\[\d+A/); // and moved up over the last frame
      expect(tty.stdout).toMatch(/sha256:[0-9a-f]{64}\r?\n?$/); // the digest line still last

      const piped = await run('node', [CLI, 'build', ...args], { timeoutMs: 8 * 60_000 });
      expect(piped.code, piped.stderr.slice(-2000)).toBe(0);
      expect(piped.stderr).toContain('--progress=plain');
      expect(piped.stderr).toMatch(/^#1 \[internal\] load build definition from default\.Dockerfile$/m);
      expect(piped.stderr).not.toContain('[+] Building');
      expect(piped.stderr).not.toContain('\x1b');
    });

    it("filters the view: a step's escape sequences never reach the terminal, its text does", async () => {
      const dir = path.join(work.path, 'tty-inject');
      await writeFiles(dir, {
        'pyproject.toml': plainProject,
        'src/ttyapp/__init__.py': '',
        // the backend prints a window title, a clear screen, a bell and a workflow command, then fails
        'setup.py':
          'import sys\nprint("INJ\\x1b]0;PWNED\\x07\\x1b[2J after\\x07")\n' +
          'print("::warning::pwned")\nsys.stdout.flush()\nraise SystemExit(1)\n',
      });
      const r = await onTerminal(['--file', path.join(dir, 'pyproject.toml'), '--network', 'host']);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('[+] Building');
      expect(r.stdout).toMatch(/INJ +after/); // PWNED was the title's text: gone with it
      expect(r.stdout).not.toContain('PWNED');
      // eslint-disable-next-line no-control-regex -- the sequences that must not arrive
      expect(r.stdout).not.toMatch(/\x1b\]|\x07|\x1b\[2J/);
      expect(r.stdout).not.toMatch(/^\s*::warning::/m);
      expect(r.stdout).toContain('microb: error: docker buildx build failed (exit code 1)');
    });
  });

  it('a secret the pyproject names but the command line lacks: exit 1 before any build', async () => {
    const dir = path.join(work.path, 'nosecret');
    await writeFiles(dir, { 'pyproject.toml': pyproject(index.url, []), 'src/cliapp/__init__.py': '' });
    const r = await run(
      'node',
      [CLI, 'build', '--file', path.join(dir, 'pyproject.toml'), '--secret', 'id=IDX_USER,env=U'],
      {
        env: secretEnv,
        timeoutMs: 60_000,
      },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /error: The build needs secret "IDX_PW" \(password of index .*\).*--secret id=IDX_PW,env=VARIABLE/,
    );
    expect(r.stderr).not.toContain('docker buildx build');
  });
});
