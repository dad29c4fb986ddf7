/**
 * A second Python on a real engine: python:3.13 / python:3.13-slim (trixie stand-ins from
 * scripts/e2e/base-images.sh with E2E_PYTHON=3.13, or Docker Hub's in runner mode). The version
 * comes from requires-python alone; the image's dependencies are compiled for 3.13 and its
 * console script runs on 3.13, with the project copied as it is and built by its backend.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dockerRun,
  ensureE2E,
  removeImages,
  startPrivateIndex,
  tempDir,
  uniqueTag,
  writeFiles,
  type PrivateIndex,
  type TempDir,
} from './support/index.js';
import { generateAndBuild } from './compiler/harness.js';

const CLI = `import sys

import click


def main():
    print("py%d.%d" % sys.version_info[:2], "click", click.__version__, "from", sys.executable)
`;

/** requires-python allows 3.12 and 3.13 (not 3.14, not 3.11, whose images are also here). */
const REQUIRES = '>=3.12,<3.14';

function pyproject(index: PrivateIndex, backend: 'setuptools' | 'hatchling', version: string): string {
  const system =
    backend === 'setuptools'
      ? 'requires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"'
      : 'requires = ["hatchling"]\nbuild-backend = "hatchling.build"';
  const versionLine = version === 'dynamic' ? 'dynamic = ["version"]' : `version = "${version}"`;
  return `[project]
name = "py313-app"
${versionLine}
requires-python = "${REQUIRES}"
dependencies = ["click==8.1.3"]

[project.scripts]
py313-app = "py313_app.cli:main"

[build-system]
${system}
${version === 'dynamic' ? '\n[tool.hatch.version]\npath = "src/py313_app/__init__.py"\n' : ''}
[tool.microb.target.default]
indices = [{ url = "${index.url}", primary = true, username_secret = "u", password_secret = "p" }]
`;
}

describe('Python 3.13: chosen from requires-python, compiled for and run on 3.13', () => {
  let index: PrivateIndex;
  let work: TempDir;
  const tags: string[] = [];

  beforeAll(async () => {
    await ensureE2E();
    work = await tempDir('microb-e2e-py313-');
    index = await startPrivateIndex();
  });

  afterAll(async () => {
    await removeImages(...tags);
    await index?.stop();
    await work?.cleanup();
  });

  async function buildProject(name: string, backend: 'setuptools' | 'hatchling', version: string) {
    const dir = path.join(work.path, name);
    await writeFiles(dir, {
      'pyproject.toml': pyproject(index, backend, version),
      'src/py313_app/__init__.py': '__version__ = "1.3.0"\n',
      'src/py313_app/cli.py': CLI,
    });
    const tag = uniqueTag(`py313-${name}`);
    tags.push(tag);
    const built = await generateAndBuild({
      pyproject: path.join(dir, 'pyproject.toml'),
      tag,
      extra: ['--platform', 'linux/amd64', '--secret', 'id=u,env=U', '--secret', 'id=p,env=P'],
      env: { U: index.user, P: index.password },
    });
    return { tag, dockerfile: await readFile(built.generated.dockerfilePath, 'utf8') };
  }

  async function expectPython313(tag: string): Promise<void> {
    // the console script from the entry point, as the image's entrypoint would run it
    const script = await dockerRun(tag, [], { entrypoint: 'py313-app' });
    expect(script.code, script.stderr).toBe(0);
    expect(script.stdout.trim()).toBe('py3.13 click 8.1.3 from /opt/venv/bin/python');
    // the dependencies' bytecode is there, for 3.13 only (compileall in the deps stage)
    const pyc = await dockerRun(
      tag,
      [
        '-c',
        'find /opt/venv/lib -name "*.pyc" | sed -E "s/.*\\.(cpython-[0-9]+)\\.pyc$/\\1/" | sort | uniq -c; ' +
          'ls /opt/venv/lib/python3.13/site-packages/click/__pycache__/',
      ],
      { entrypoint: 'sh' },
    );
    expect(pyc.code, pyc.stderr).toBe(0);
    expect(pyc.stdout).toMatch(/^\s*\d+ cpython-313$/m);
    expect(pyc.stdout).not.toMatch(/cpython-3(?!13)\d+$/m);
    expect(pyc.stdout).toContain('core.cpython-313.pyc');
  }

  it('copied as it is (setuptools): FROM python:3.13 and python:3.13-slim, script and bytecode on 3.13', async () => {
    const { tag, dockerfile } = await buildProject('copy', 'setuptools', '1.3.0');
    expect(dockerfile).toMatch(/^ARG BUILDER_IMAGE="python:3\.13"$/m);
    expect(dockerfile).toMatch(/^ARG BASE_IMAGE="python:3\.13-slim"$/m);
    expect(dockerfile).not.toMatch(/python:3\.1[124]/);
    await expectPython313(tag);
  });

  it('built by its backend (hatchling, dynamic version) on 3.13: the same', async () => {
    const { tag, dockerfile } = await buildProject('backend', 'hatchling', 'dynamic');
    expect(dockerfile).toMatch(/^ARG BASE_IMAGE="python:3\.13-slim"$/m);
    expect(dockerfile).toMatch(/^COPY \. \/src$/m);
    await expectPython313(tag);
    const version = await dockerRun(
      tag,
      ['-c', 'import importlib.metadata as m; print(m.version("py313-app"))'],
      { entrypoint: 'python' },
    );
    expect(version.stdout.trim()).toBe('1.3.0');
  });
});
