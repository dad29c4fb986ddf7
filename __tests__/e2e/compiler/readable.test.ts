/**
 * Issue 12 on the real engine:
 * - file modes: a checkout made with umask 077 (0600 files, 0700 directories) gives an image whose
 *   copied sources are 0644 (0755 where executable in git) and directories 0755, root-owned, and
 *   the app runs as uid 65532; for a package (metadata wheel written from heredocs) and an
 *   application;
 * - `shell = false`: a final base without any shell, made here from python:3.11-slim, runs the app.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeGeneratedDockerfile } from '../../../src/workspace/generate.js';
import {
  BASE_IMAGES,
  buildx,
  dockerRun,
  ensureE2E,
  removeImages,
  tempDir,
  uniqueTag,
  writeFiles,
  type TempDir,
} from '../support/index.js';

const PACKAGE = {
  'pyproject.toml': `[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "modes-app"
version = "1.0.0"
description = "a # and a \\\\ at the end \\\\"

[project.scripts]
modes-app = "modes_app:main"

[tool.microb.target.default]
python_version = "3.11"
`,
  'src/modes_app/__init__.py': 'def main():\n    from modes_app.sub import greet\n    print(greet())\n',
  'src/modes_app/sub/__init__.py': 'def greet():\n    return "hello from modes_app"\n',
  'src/modes_app/tool.sh': '#!/bin/sh\necho tool\n',
};

const APP = {
  'pyproject.toml': `[project]
name = "modes-script"
version = "1.0.0"

[tool.microb.target.default]
python_version = "3.11"
install_project = false
command = ["python", "main.py"]
`,
  'main.py': 'from lib.util import text\nprint(text())\n',
  'lib/util.py': 'def text():\n    return "hello from the app"\n',
};

/** A git repository of the files, and a clone of it made with umask 077 (what a strict runner does). */
function strictCheckout(dir: string, executable: string[]): string {
  const git = (args: string[], cwd: string) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd, stdio: 'pipe' });
  git(['init', '-q'], dir);
  for (const file of executable) chmodSync(path.join(dir, file), 0o755);
  git(['add', '-A'], dir);
  git(['commit', '-qm', 'x'], dir);
  const checkout = `${dir}-checkout`;
  execFileSync('sh', ['-c', 'umask 077 && git clone -q "$0" "$1"', dir, checkout]);
  return checkout;
}

async function build(pyproject: string, tag: string, extra: string[] = []): Promise<string> {
  const generated = await writeGeneratedDockerfile({ pyprojectPath: pyproject });
  const r = await buildx(
    [
      '--progress=plain',
      '--provenance=false',
      '-f',
      generated.dockerfilePath,
      '-t',
      tag,
      '--load',
      ...extra,
      path.dirname(pyproject),
    ],
    { timeoutMs: 10 * 60_000 },
  );
  expect(r.code, `${r.stdout}\n${r.stderr}`.split('\n').slice(-40).join('\n')).toBe(0);
  return generated.result.dockerfile;
}

/** `stat` of every path under dirs in the image: "mode owner path" lines. */
async function modes(tag: string, dirs: string[]): Promise<string[]> {
  const r = await dockerRun(tag, ['-c', `find ${dirs.join(' ')} -exec stat -c '%a %u:%g %n' {} +`], {
    entrypoint: '/bin/sh',
    user: '0',
  });
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.trim().split('\n').sort();
}

describe('readable output on the real engine', () => {
  let work: TempDir;
  const images: string[] = [];

  beforeAll(async () => {
    await ensureE2E();
    work = await tempDir('microb-e2e-readable-');
  });
  afterAll(async () => {
    await removeImages(...images);
    await work?.cleanup();
  });

  it('umask 077 checkout, a package: sources 0644/0755 root-owned, the metadata wheel installs, uid 65532 runs it', async () => {
    const repo = path.join(work.path, 'package');
    await writeFiles(repo, PACKAGE);
    const checkout = strictCheckout(repo, ['src/modes_app/tool.sh']);
    // the checkout is what the runner has: nothing readable but by its owner
    expect(
      execFileSync('stat', ['-c', '%a', path.join(checkout, 'src/modes_app/__init__.py')])
        .toString()
        .trim(),
    ).toBe('600');
    expect(
      execFileSync('stat', ['-c', '%a', path.join(checkout, 'src/modes_app/sub')])
        .toString()
        .trim(),
    ).toBe('700');
    const tag = uniqueTag('readable-package');
    images.push(tag);
    const dockerfile = await build(path.join(checkout, 'pyproject.toml'), tag);
    expect(dockerfile).not.toMatch(/--chmod|python -c 'import base64/);

    expect(await modes(tag, ['/opt/microb/project'])).toEqual([
      '644 0:0 /opt/microb/project/modes_app/__init__.py',
      '644 0:0 /opt/microb/project/modes_app/sub/__init__.py',
      '755 0:0 /opt/microb/project',
      '755 0:0 /opt/microb/project/modes_app',
      '755 0:0 /opt/microb/project/modes_app/sub',
      '755 0:0 /opt/microb/project/modes_app/tool.sh',
    ]);
    const run = await dockerRun(tag);
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('hello from modes_app');
    // the wheel written from heredocs: METADATA as written (a `#`, a trailing `\`), RECORD valid
    const meta = await dockerRun(
      tag,
      [
        '-c',
        'from importlib.metadata import distribution as d; x = d("modes-app"); print(x.metadata["Summary"]); print(len(x.files))',
      ],
      { entrypoint: 'python' },
    );
    expect(meta.stdout.trim().split('\n')).toEqual([
      'a # and a \\ at the end \\',
      expect.stringMatching(/^\d+$/),
    ]);
    const check = await dockerRun(tag, ['-m', 'pip', 'check'], { entrypoint: '/opt/venv/bin/python' });
    expect(`${check.stdout}${check.stderr}`).not.toMatch(/modes-app.*(broken|invalid)/i);
  });

  it('umask 077 checkout, an application: /app 0644/0755 root-owned, uid 65532 runs it', async () => {
    const repo = path.join(work.path, 'app');
    await writeFiles(repo, APP);
    const checkout = strictCheckout(repo, []);
    expect(
      execFileSync('stat', ['-c', '%a', path.join(checkout, 'main.py')])
        .toString()
        .trim(),
    ).toBe('600');
    const tag = uniqueTag('readable-app');
    images.push(tag);
    await build(path.join(checkout, 'pyproject.toml'), tag);
    const listed = await modes(tag, ['/app/main.py', '/app/lib', '/app/pyproject.toml']);
    expect(listed).toEqual([
      '644 0:0 /app/lib/util.py',
      '644 0:0 /app/main.py',
      '644 0:0 /app/pyproject.toml',
      '755 0:0 /app/lib',
    ]);
    const run = await dockerRun(tag);
    expect(run.stdout.trim()).toBe('hello from the app');
  });

  it('shell = false: a final base with no shell at all runs the app; the final stage runs nothing', async () => {
    // a shell-less python:3.11-slim: every shell removed, squashed into one layer
    const baseDir = path.join(work.path, 'noshell');
    const base = uniqueTag('noshell-base');
    images.push(base);
    await writeFiles(baseDir, {
      Dockerfile: `FROM ${BASE_IMAGES.slim} AS strip
RUN rm -f /bin/sh /bin/bash /bin/dash /bin/rbash /usr/bin/sh /usr/bin/bash /usr/bin/dash /usr/bin/rbash
FROM scratch
COPY --from=strip / /
ENV PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8
CMD ["python3"]
`,
    });
    const made = await buildx(['-q', '-t', base, '--load', baseDir], { timeoutMs: 5 * 60_000 });
    expect(made.code, made.stderr).toBe(0);
    const noShell = await dockerRun(base, ['-c', 'true'], { entrypoint: '/bin/sh' });
    expect(noShell.code).not.toBe(0);
    expect(noShell.stderr).toMatch(/no such file|not found/i);

    const dir = path.join(work.path, 'shellless');
    await writeFiles(dir, {
      ...PACKAGE,
      'pyproject.toml': `${PACKAGE['pyproject.toml']}shell = false\n`,
    });
    const tag = uniqueTag('readable-shellless');
    images.push(tag);
    // the final base, python:3.11-slim in the Dockerfile, is the shell-less image for this build
    const dockerfile = await build(path.join(dir, 'pyproject.toml'), tag, [
      '--build-context',
      `${BASE_IMAGES.slim}=docker-image://${base}`,
    ]);
    const final = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(final).not.toMatch(/\nRUN /);
    const run = await dockerRun(tag);
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('hello from modes_app');
    // it really is the shell-less base, running as nonroot with its home
    const sh = await dockerRun(tag, ['-c', 'true'], { entrypoint: '/bin/sh' });
    expect(sh.code).not.toBe(0);
    const who = await dockerRun(
      tag,
      [
        '-c',
        'import os, pwd; u = pwd.getpwuid(os.getuid()); print(os.getuid(), u.pw_name, u.pw_dir, os.stat(u.pw_dir).st_uid, os.environ["HOME"])',
      ],
      { entrypoint: 'python' },
    );
    expect(who.stdout.trim()).toBe('65532 nonroot /home/nonroot 65532 /home/nonroot');
  });
});
