/**
 * The two ways the project's own code reaches the image (src/config/projectInstall.ts), on a
 * real engine: copied as it is with a metadata wheel, and built by its backend. Both images must
 * behave the same for the code inside: version, console script, plugin entry points, package
 * data, any uid.
 */
import { chmod, readFile, writeFile } from 'node:fs/promises';
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
} from '../support/index.js';
import { generateAndBuild, stepsRun } from './harness.js';

const CLI = `import importlib.metadata
import importlib.resources
import os


def main():
    dist = importlib.metadata.distribution("plug-app")
    plugins = sorted(ep.name for ep in importlib.metadata.entry_points(group="plug_app.plugins"))
    loaded = [ep.load()() for ep in importlib.metadata.entry_points(group="plug_app.plugins")]
    data = importlib.resources.files("plug_app").joinpath("data/greeting.txt").read_text().strip()
    print(dist.version, plugins, sorted(loaded), data, "uid", os.getuid())
`;

function pyproject(index: PrivateIndex, version: string): string {
  const versionLines = version === 'dynamic' ? 'dynamic = ["version"]\n' : `version = "${version}"\n`;
  return `[project]
name = "plug-app"
${versionLines}requires-python = ">=3.11"

[project.scripts]
plug-app = "plug_app.cli:main"

[project.entry-points."plug_app.plugins"]
alpha = "plug_app.plugins:alpha"
beta = "plug_app.plugins:beta"

[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"
${version === 'dynamic' ? '\n[tool.hatch.version]\npath = "plug_app/__init__.py"\n' : ''}
[tool.microb.target.default]
python_version = "3.11"
indices = [{ url = "${index.url}", primary = true, username_secret = "u", password_secret = "p" }]
`;
}

describe('the project copied as it is (metadata wheel) or built by its backend: same behaviour', () => {
  let index: PrivateIndex;
  let work: TempDir;
  const tags: string[] = [];

  beforeAll(async () => {
    await ensureE2E();
    work = await tempDir('microb-e2e-install-');
    index = await startPrivateIndex();
  });

  afterAll(async () => {
    await removeImages(...tags);
    await index?.stop();
    await work?.cleanup();
  });

  async function project(name: string, version: string): Promise<string> {
    const dir = path.join(work.path, name);
    await writeFiles(dir, {
      'pyproject.toml': pyproject(index, version),
      'plug_app/__init__.py': '__version__ = "2.5.0"\n',
      'plug_app/cli.py': CLI,
      'plug_app/plugins.py': 'def alpha():\n    return "A"\n\n\ndef beta():\n    return "B"\n',
      'plug_app/data/greeting.txt': 'hello from package data\n',
      'tests/test_nothing.py': 'def test_nothing():\n    pass\n',
    });
    // a checkout made with umask 077: the image's non-root user must still read it
    await chmod(path.join(dir, 'plug_app/plugins.py'), 0o600);
    await chmod(path.join(dir, 'plug_app/data'), 0o700);
    return path.join(dir, 'pyproject.toml');
  }

  const build = (pyprojectPath: string, tag: string) =>
    generateAndBuild({
      pyproject: pyprojectPath,
      tag,
      extra: ['--secret', 'id=u,env=U', '--secret', 'id=p,env=P'],
      env: { U: index.user, P: index.password },
    });

  const expected = "2.5.0 ['alpha', 'beta'] ['A', 'B'] hello from package data uid 65532";

  it('copy: hatchling flat layout, static version — script, entry points, data, 0600 files readable', async () => {
    const file = await project('copy', '2.5.0');
    const tag = uniqueTag('install-copy');
    tags.push(tag);
    const built = await build(file, tag);
    const dockerfile = await readFile(built.generated.dockerfilePath, 'utf8');
    expect(dockerfile).toContain('COPY plug_app /opt/microb/project/plug_app');
    expect(dockerfile).not.toContain('--chmod');
    expect(dockerfile).not.toMatch(/^COPY \. \/src$/m);
    expect((await dockerRun(tag)).stdout.trim()).toBe(expected);
    // tests/ beside the package is not in the image; the package is importable from any directory
    const probe = await dockerRun(
      tag,
      ['-c', 'import os, plug_app; print(plug_app.__file__, os.path.exists("/opt/microb/project/tests"))'],
      { entrypoint: 'python' },
    );
    expect(probe.stdout.trim()).toBe('/opt/microb/project/plug_app/__init__.py False');

    // the 0600 file and 0700 directory of the checkout: 0644 and 0755 in the image, root-owned
    const modes = await dockerRun(
      tag,
      ['-c', 'stat -c "%a %u %n" /opt/microb/project/plug_app/plugins.py /opt/microb/project/plug_app/data'],
      { entrypoint: '/bin/sh', user: '0' },
    );
    expect(modes.stdout.trim().split('\n')).toEqual([
      '644 0 /opt/microb/project/plug_app/plugins.py',
      '755 0 /opt/microb/project/plug_app/data',
    ]);

    // a source edit (of this run's own: BuildKit keys a COPY on content): only the package's copy
    // (and its modes) run, no pip
    await writeFile(
      path.join(path.dirname(file), 'plug_app/data/greeting.txt'),
      'hello from edited package data\n',
    );
    await writeFile(path.join(path.dirname(file), 'plug_app/edit.py'), `# ${uniqueTag('edit')}\n`);
    const again = await build(file, tag);
    expect(stepsRun(again.log)).toEqual([
      expect.stringMatching(/^\[sources 1\/2\] COPY plug_app /),
      expect.stringMatching(/^\[sources 2\/2\] RUN find /),
      expect.stringMatching(/^\[image \d+\/\d+\] COPY --from=sources --link /),
    ]);
    expect((await dockerRun(tag)).stdout.trim()).toBe(expected.replace('hello from', 'hello from edited'));
  });

  it('build: a dynamic version is left to hatchling, and the image behaves the same', async () => {
    const file = await project('build', 'dynamic');
    const tag = uniqueTag('install-build');
    tags.push(tag);
    const built = await build(file, tag);
    const dockerfile = await readFile(built.generated.dockerfilePath, 'utf8');
    expect(dockerfile).toMatch(
      /^# project: the project built by its backend .*\n# Rebuilt by every source change: \[project\] dynamic/m,
    );
    expect(dockerfile).toMatch(/^COPY \. \/src$/m);
    expect((await dockerRun(tag)).stdout.trim()).toBe(expected);
  });
});
