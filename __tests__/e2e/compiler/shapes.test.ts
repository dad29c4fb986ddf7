/**
 * Real project shapes on the real engine, each built with `microb build` (the CLI's code, in
 * process) and run: its dependencies are importable, its version is right, it runs from /app.
 * `microb check` passes on every one of them; a shape that can't be built is refused with a hint.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run.js';
import {
  dockerRun,
  E2E_CACHE_DIR,
  E2E_SCRIPTS,
  ensureE2E,
  removeImages,
  startPrivateIndex,
  tempDir,
  uniqueTag,
  WHEELHOUSE,
  writeFiles,
  type PrivateIndex,
  type TempDir,
} from '../support/index.js';

async function cli(...argv: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: '', err: '' };
  stdout.on('data', (d: Buffer) => (chunks.out += d.toString()));
  stderr.on('data', (d: Buffer) => (chunks.err += d.toString()));
  const code = await runCli(argv, { stdout, stderr });
  return { code, ...chunks };
}

const git = (dir: string, ...args: string[]) =>
  execFileSync('git', ['-C', dir, ...args], {
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'e2e',
      GIT_AUTHOR_EMAIL: 'e2e@example.invalid',
      GIT_COMMITTER_NAME: 'e2e',
      GIT_COMMITTER_EMAIL: 'e2e@example.invalid',
    },
  });

describe('project shapes: every one builds and runs with its dependencies', () => {
  let index: PrivateIndex;
  let work: TempDir;
  const tags: string[] = [];
  let target: string;

  beforeAll(async () => {
    await ensureE2E();
    work = await tempDir('microb-e2e-shapes-');
    // setuptools-scm and hatch-vcs are in the wheelhouse wheels.sh makes; a wheelhouse made by an
    // older repack script lacks them: make them the same way, from the same Debian packages
    const vcsPackages = ['python3-setuptools-scm', 'python3-hatch-vcs'];
    let wheels: string[] = [];
    if (!readdirSync(WHEELHOUSE).some((f) => f.startsWith('hatch_vcs-'))) {
      const out = path.join(work.path, 'vcs-wheels');
      const debs = path.join(E2E_CACHE_DIR, 'debs');
      execFileSync('python3', [
        path.join(E2E_SCRIPTS, 'repack-debian-wheels.py'),
        '--out',
        out,
        '--debs',
        debs,
        ...vcsPackages,
      ]);
      wheels = readdirSync(out).map((f) => path.join(out, f));
      expect(wheels.some((w) => existsSync(w) && w.includes('hatch_vcs-'))).toBe(true);
    }
    index = await startPrivateIndex({ wheels });
    process.env.SHAPES_E2E_U = index.user;
    process.env.SHAPES_E2E_P = index.password;
    target = `[tool.microb.target.default]
python_version = "3.11"
indices = [{ url = "${index.url}", primary = true, username_secret = "u", password_secret = "p" }]
`;
  });

  afterAll(async () => {
    delete process.env.SHAPES_E2E_U;
    delete process.env.SHAPES_E2E_P;
    await removeImages(...tags);
    await index?.stop();
    await work?.cleanup();
  });

  /** Writes the project, checks it, builds it with `microb build`; returns the tag and the log. */
  async function buildShape(name: string, files: Record<string, string>, setup?: (dir: string) => void) {
    const dir = path.join(work.path, name);
    await writeFiles(dir, files);
    setup?.(dir);
    const file = path.join(dir, 'pyproject.toml');
    const check = await cli('check', '--file', file);
    expect(check, check.err).toMatchObject({ code: 0 });
    const tag = uniqueTag(`shapes-${name}`);
    tags.push(tag);
    const built = await cli(
      'build',
      '--file',
      file,
      '--tag',
      tag,
      '--load',
      '--network',
      'host',
      '--secret',
      'id=u,env=SHAPES_E2E_U',
      '--secret',
      'id=p,env=SHAPES_E2E_P',
    );
    if (built.code !== 0)
      throw new Error(`microb build of ${name} failed:\n${built.err.split('\n').slice(-40).join('\n')}`);
    return { tag, log: built.err, dir };
  }

  const python = (tag: string, code: string) =>
    dockerRun(tag, ['-c', code], { entrypoint: 'python' }).then((r) => r.stdout.trim());

  it('refused shapes: microb check exits 1 with the hint, before any build', async () => {
    const dir = path.join(work.path, 'refused');
    await writeFiles(dir, {
      'pyproject.toml': '[project]\nname = "ft"\nversion = "1"\n',
      '.python-version': '3.14t\n',
    });
    const free = await cli('check', '--file', path.join(dir, 'pyproject.toml'));
    expect(free.code).toBe(1);
    expect(free.err).toContain(
      '.python-version:1:1: error: free-threaded CPython 3.14t has no official python image',
    );
    expect(free.err).toContain('hint: write "3.14" for the standard build');
    await writeFiles(dir, {
      'pyproject.toml': `[project]\nname = "dyn"\nversion = "1"\ndynamic = ["dependencies"]\n[tool.setuptools.dynamic]\ndependencies = { file = "reqs.txt" }\n`,
      'reqs.txt': 'six\n-e ./vendored\n',
      '.python-version': '3.11\n',
    });
    const option = await cli('check', '--file', path.join(dir, 'pyproject.toml'));
    expect(option.code).toBe(1);
    expect(option.err).toContain('reqs.txt:2:1: error: "-e" is a pip option, not a requirement');
  });

  it('setup.py only, with install_requires: the dependencies are in the image', async () => {
    const { tag, log } = await buildShape('setuppy', {
      'pyproject.toml': `[build-system]\nrequires = ["setuptools", "wheel"]\nbuild-backend = "setuptools.build_meta"\n${target}`,
      'setup.py':
        'from setuptools import setup\n\nsetup(name="legacy-app", version="0.3.0", packages=["legacy_app"], install_requires=["six", "click>=8"])\n',
      'legacy_app/__init__.py':
        'import click, six\n\nGREETING = "legacy " + six.__version__ + " " + click.__version__\n',
    });
    expect(log).toMatch(
      /with its dependencies, which only the backend knows \(setup\.py: install_requires\)/,
    );
    expect(log).toContain('list them in a requirements file (target key `requirements`) or a lock file');
    expect(
      await python(
        tag,
        'import importlib.metadata as m, legacy_app; print(legacy_app.GREETING, m.version("legacy-app"))',
      ),
    ).toBe('legacy 1.16.0 8.1.3 0.3.0');
  });

  it('setuptools with dynamic dependencies from a file: read statically, installed, in its metadata', async () => {
    const { tag, log } = await buildShape('dynfile', {
      'pyproject.toml': `[project]\nname = "dyn-app"\nversion = "1.1.0"\ndynamic = ["dependencies"]\n[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n[tool.setuptools.dynamic]\ndependencies = { file = ["requirements.in"] }\n${target}`,
      'requirements.in': '# runtime\nsix\nidna  # for URLs\n',
      'src/dyn_app/__init__.py': 'import idna, six\n',
    });
    expect(log).toContain('project code: src/dyn_app copied as it is');
    expect(
      await python(
        tag,
        'import importlib.metadata as m, dyn_app, six, idna; print(m.version("dyn-app"), sorted(m.requires("dyn-app")))',
      ),
    ).toBe("1.1.0 ['idna', 'six']");
  });

  it('hatch-vcs from a real git checkout with a tag: the version in the image is the tag; no tag is a clear error', async () => {
    const files = {
      'pyproject.toml': `[project]\nname = "vcs-app"\ndynamic = ["version"]\ndependencies = ["six"]\n[build-system]\nrequires = ["hatchling", "hatch-vcs"]\nbuild-backend = "hatchling.build"\n[tool.hatch.version]\nsource = "vcs"\n${target}`,
      'src/vcs_app/__init__.py': '',
      '.gitignore': '.microb/\n',
    };
    const untagged = path.join(work.path, 'vcs-untagged');
    await writeFiles(untagged, files);
    git(untagged, 'init', '-q');
    git(untagged, 'add', '.');
    git(untagged, 'commit', '-qm', 'first');
    const refused = await cli(
      'build',
      '--file',
      path.join(untagged, 'pyproject.toml'),
      '--tag',
      uniqueTag('shapes-never'),
    );
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/error: the version comes from git, and git describe --tags found none/);
    expect(refused.err).toContain('--build-arg SETUPTOOLS_SCM_PRETEND_VERSION=VERSION');

    const { tag, log } = await buildShape('vcs', files, (dir) => {
      git(dir, 'init', '-q');
      git(dir, 'add', '.');
      git(dir, 'commit', '-qm', 'release');
      git(dir, 'tag', 'v1.4.2');
    });
    expect(log).toContain('microb: version 1.4.2 (git describe: v1.4.2-0-g');
    expect(await python(tag, 'import importlib.metadata as m, six; print(m.version("vcs-app"))')).toBe(
      '1.4.2',
    );
  });

  it('an application with no [project] and a requirements file runs from /app', async () => {
    const { tag, log } = await buildShape('app', {
      'pyproject.toml': `[tool.black]\nline-length = 100\n${target}requirements = "requirements.txt"\ncommand = ["python", "app.py"]\n`,
      'requirements.txt': 'six\n',
      'app.py':
        'import os, six\nfrom web import views\n\nprint("app", os.getcwd(), six.__version__, views.NAME, os.getuid())\n',
      'web/__init__.py': '',
      'web/views.py': 'NAME = "views"\n',
    });
    expect(log).toContain(
      'project code: an application (no [project] or [tool.poetry] table and no setup.py)',
    );
    expect((await dockerRun(tag)).stdout.trim()).toBe('app /app 1.16.0 views 65532');
  });

  it('a Poetry package-mode = false app: its dependencies, its sources in /app', async () => {
    const { tag } = await buildShape('poetry-app', {
      'pyproject.toml': `[tool.poetry]\npackage-mode = false\n[tool.poetry.dependencies]\npython = "^3.11"\nclick = "^8.1"\n${target}command = ["python", "main.py"]\n`,
      'main.py': 'import click\n\nprint("poetry app", click.__version__)\n',
    });
    expect((await dockerRun(tag)).stdout.trim()).toBe('poetry app 8.1.3');
  });

  it('a hatch build hook that needs an extra package: its dependencies are in the build env', async () => {
    const { tag } = await buildShape('hook', {
      'pyproject.toml': `[project]\nname = "hook-app"\nversion = "2.0.0"\n[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n[tool.hatch.build.hooks.custom]\ndependencies = ["six"]\n${target}`,
      'hatch_build.py': `import os
import tempfile

import six  # not in [build-system] requires: only the hook's dependencies bring it
from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CustomBuildHook(BuildHookInterface):
    def initialize(self, version, build_data):
        out = os.path.join(tempfile.mkdtemp(), "_generated.py")
        with open(out, "w") as f:
            f.write("BUILT_WITH_SIX = %r\\n" % six.__version__)
        build_data["force_include"][out] = "hook_app/_generated.py"
`,
      'hook_app/__init__.py': '',
    });
    expect(await python(tag, 'from hook_app import _generated; print(_generated.BUILT_WITH_SIX)')).toBe(
      '1.16.0',
    );
  });
});
