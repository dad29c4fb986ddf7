/**
 * Lock files on the real engine: the local index also serves a newer decoy version of a locked
 * package (what a range resolution would pick); the image holds the locked one. A tampered hash
 * fails the build naming the package; a stale lock fails `microb check`. Poetry's lock is made by
 * Debian's real Poetry (python3-poetry, 1.3) against the same index; the uv.lock is written in
 * exactly uv's format (uv itself can't be installed here).
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dockerRun,
  ensureE2E,
  makeWheel,
  removeImages,
  run,
  runOk,
  startPrivateIndex,
  startSshAgent,
  startSshGit,
  tempDir,
  uniqueTag,
  WHEELHOUSE,
  writeFiles,
  type PrivateIndex,
  type TempDir,
} from '../support/index.js';
import { generateAndBuild, REPO, stepCached } from './harness.js';

const CLI = path.join(REPO, 'src/cli/main.ts');
const VERSIONS = `import importlib.metadata as m, sys
for name in sys.argv[1:]:
    try:
        print(name, m.version(name))
    except m.PackageNotFoundError:
        print(name, "absent")`;

const sha256 = async (file: string) =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex');

async function versions(tag: string, names: string[]): Promise<Record<string, string>> {
  const r = await dockerRun(tag, ['-c', VERSIONS, ...names], { entrypoint: 'python' });
  if (r.code !== 0) throw new Error(r.stderr);
  return Object.fromEntries(
    r.stdout
      .trim()
      .split('\n')
      .map((l) => l.split(' ') as [string, string]),
  );
}

async function microbCheck(pyproject: string) {
  return run('node', ['--import', 'tsx', CLI, 'check', '--file', pyproject], {
    cwd: REPO,
    timeoutMs: 60_000,
  });
}

describe('lock files: built from the lock, hash-checked, stale locks refused', () => {
  let work: TempDir;
  let index: PrivateIndex;
  const tags: string[] = [];
  let decoy: string;
  const secretArgs = ['--secret', 'id=idx-user,env=LOCKS_IDX_USER', '--secret', 'id=idx-pw,env=LOCKS_IDX_PW'];
  let secretEnv: Record<string, string>;
  let indices: string;

  beforeAll(async () => {
    await ensureE2E();
    work = await tempDir('microb-e2e-locks-');
    const wheels = path.join(work.path, 'wheels');
    index = await startPrivateIndex({
      wheels: [
        await makeWheel(wheels, 'colorama', '0.4.6'),
        await makeWheel(wheels, 'forked', '1.0'),
        await makeWheel(wheels, 'forked', '2.0'),
      ],
    });
    // the decoy is served only once the locks are written (Poetry must not pick it)
    decoy = await makeWheel(path.join(work.path, 'decoy'), 'click', '99.0.0');
    secretEnv = { LOCKS_IDX_USER: index.user, LOCKS_IDX_PW: index.password };
    indices = `indices = [{ url = "${index.url}", primary = true, username_secret = "idx-user", password_secret = "idx-pw" }]`;
  }, 120_000);

  afterAll(async () => {
    await removeImages(...tags);
    await index?.stop();
    await work?.cleanup();
  });

  const uvProject = async (name: string, clickHash: string) => {
    const dir = path.join(work.path, name);
    const registry = index.url.replace(/\/$/, '');
    const files = registry.replace(/\/simple$/, '/files');
    const hash = async (file: string) => `sha256:${await sha256(file)}`;
    const wheel = (file: string) => path.join(index.dir, file);
    const entry = async (pkg: string, version: string, file: string, extra = '') =>
      `[[package]]\nname = "${pkg}"\nversion = "${version}"\nsource = { registry = "${registry}" }\n${extra}wheels = [\n    { url = "${files}/${file}", hash = "${await hash(file.startsWith('click') || file.startsWith('six') ? path.join(WHEELHOUSE, file) : wheel(file))}" },\n]\n`;
    const click = (
      await entry(
        'click',
        '8.1.3',
        'click-8.1.3-py3-none-any.whl',
        `dependencies = [\n    { name = "colorama", marker = "platform_system == 'Windows'" },\n]\n`,
      )
    ).replace(/hash = "sha256:[0-9a-f]+"/, `hash = "${clickHash}"`);
    const lock = [
      `version = 1\nrevision = 3\nrequires-python = ">=3.11"\nresolution-markers = [\n    "python_full_version >= '3.11'",\n    "python_full_version < '3.11'",\n]\n`,
      click,
      await entry('colorama', '0.4.6', 'colorama-0.4.6-py3-none-any.whl'),
      await entry(
        'forked',
        '1.0',
        'forked-1.0-py3-none-any.whl',
        `resolution-markers = [\n    "python_full_version < '3.11'",\n]\n`,
      ),
      await entry(
        'forked',
        '2.0',
        'forked-2.0-py3-none-any.whl',
        `resolution-markers = [\n    "python_full_version >= '3.11'",\n]\n`,
      ),
      await entry('six', '1.16.0', 'six-1.16.0-py3-none-any.whl'),
      `[[package]]\nname = "uvapp"\nversion = "1.0.0"\nsource = { editable = "." }\ndependencies = [\n    { name = "click" },\n    { name = "forked", version = "1.0", source = { registry = "${registry}" }, marker = "python_full_version < '3.11'" },\n    { name = "forked", version = "2.0", source = { registry = "${registry}" }, marker = "python_full_version >= '3.11'" },\n]\n\n[package.dev-dependencies]\ndev = [\n    { name = "six" },\n]\n\n[package.metadata]\nrequires-dist = [\n    { name = "click", specifier = ">=8" },\n    { name = "forked" },\n]\n\n[package.metadata.requires-dev]\ndev = [{ name = "six" }]\n`,
    ].join('\n');
    await writeFiles(dir, {
      'pyproject.toml': `[project]\nname = "uvapp"\nversion = "1.0.0"\nrequires-python = ">=3.11"\ndependencies = ["click>=8", "forked"]\n\n[dependency-groups]\ndev = ["six"]\n\n[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n\n[tool.setuptools]\npy-modules = []\n\n[tool.microb.target.default]\npython_version = "3.11"\ngroups = ["dev"]\n${indices}\n`,
      'uv.lock': lock,
    });
    return path.join(dir, 'pyproject.toml');
  };

  it('uv.lock: the locked click, not the decoy; the fork for 3.11; the group; every line visible', async () => {
    await index.addFile(decoy);
    const pyproject = await uvProject(
      'uv-ok',
      `sha256:${await sha256(path.join(WHEELHOUSE, 'click-8.1.3-py3-none-any.whl'))}`,
    );
    const tag = uniqueTag('locks-uv');
    tags.push(tag);
    const built = await generateAndBuild({ pyproject, tag, extra: secretArgs, env: secretEnv });
    const dockerfile = await readFile(built.generated.dockerfilePath, 'utf8');
    expect(dockerfile).toMatch(/^click==8\.1\.3 --hash=sha256:[0-9a-f]{64}$/m);
    expect(dockerfile).toMatch(/^forked==2\.0 ; python_full_version >= '3\.11' --hash=/m);
    expect(await versions(tag, ['click', 'forked', 'six', 'colorama'])).toEqual({
      click: '8.1.3',
      forked: '2.0',
      six: '1.16.0',
      colorama: 'absent',
    });
    // the decoy is served: a range resolution of click>=8 would take it
    const page = await fetch(`${index.url}click/`, {
      headers: {
        authorization: `Basic ${Buffer.from(`${index.user}:${index.password}`).toString('base64')}`,
      },
    });
    expect(await page.text()).toContain('click-99.0.0-py3-none-any.whl');
  }, 600_000);

  it('control: with lock = false the same project gets the decoy (a range resolution picks it)', async () => {
    const pyproject = await uvProject('uv-ranges', `sha256:${'ab'.repeat(32)}`);
    await writeFile(
      pyproject,
      (await readFile(pyproject, 'utf8')).replace('groups = ["dev"]', 'lock = false'),
    );
    const tag = uniqueTag('locks-ranges');
    tags.push(tag);
    await generateAndBuild({ pyproject, tag, extra: secretArgs, env: secretEnv });
    expect((await versions(tag, ['click']))['click']).toBe('99.0.0');
  }, 600_000);

  it('uv.lock: a tampered hash fails the build, naming the package and the lock', async () => {
    const pyproject = await uvProject('uv-tampered', `sha256:${'ab'.repeat(32)}`);
    const err = await generateAndBuild({
      pyproject,
      tag: uniqueTag('locks-uv-bad'),
      extra: secretArgs,
      env: secretEnv,
    }).then(
      () => new Error('the build succeeded'),
      (e: Error) => e,
    );
    expect(err.message).toMatch(/DO NOT MATCH THE HASHES/);
    expect(err.message).toMatch(/click==8\.1\.3/);
    expect(err.message).toMatch(/microb: pip refused a package locked in uv\.lock/);
  }, 600_000);

  it('uv.lock: a stale lock fails `microb check` (exit 1, names the lock)', async () => {
    const pyproject = await uvProject('uv-stale', `sha256:${'ab'.repeat(32)}`);
    const ok = await microbCheck(pyproject);
    expect(ok.code, ok.stderr).toBe(0);
    await writeFile(pyproject, (await readFile(pyproject, 'utf8')).replace('"click>=8"', '"click>=8.1"'));
    const r = await microbCheck(pyproject);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/uv-stale\/uv\.lock:\d+:\d+: error: .*uv\.lock is out of date/);
    expect(r.stderr).toMatch(/run `uv lock`/);
  }, 120_000);

  it('pylock.toml (PEP 751) written over the local index: the locked click, a group by marker', async () => {
    await index.addFile(decoy);
    const registry = index.url.replace(/\/$/, '');
    const files = registry.replace(/\/simple$/, '/files');
    const entry = async (name: string, version: string, file: string, marker?: string) =>
      `[[packages]]\nname = "${name}"\nversion = "${version}"\n${marker !== undefined ? `marker = "${marker}"\n` : ''}index = "${registry}"\n\n    [[packages.wheels]]\n    name = "${file}"\n    url = "${files}/${file}"\n    hashes = { sha256 = "${await sha256(path.join(WHEELHOUSE, file))}" }\n`;
    const dir = path.join(work.path, 'pylock');
    await writeFiles(dir, {
      'pyproject.toml': `[project]\nname = "pylockapp"\nversion = "1.0.0"\nrequires-python = ">=3.11"\ndependencies = ["click>=8"]\n\n[dependency-groups]\ntest = ["six"]\n\n[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n\n[tool.setuptools]\npy-modules = []\n\n[tool.microb.target.default]\npython_version = "3.11"\ngroups = ["test"]\n${indices}\n\n[tool.microb.target.nogroup]\npython_version = "3.11"\n${indices}\n`,
      'pylock.toml': [
        `lock-version = "1.0"\nrequires-python = ">=3.11"\ndependency-groups = ["test"]\ndefault-groups = []\ncreated-by = "microb-e2e"\n`,
        await entry('click', '8.1.3', 'click-8.1.3-py3-none-any.whl'),
        await entry('six', '1.16.0', 'six-1.16.0-py3-none-any.whl', "'test' in dependency_groups"),
      ].join('\n'),
    });
    const pyproject = path.join(dir, 'pyproject.toml');
    const tag = uniqueTag('locks-pylock');
    tags.push(tag);
    await generateAndBuild({ pyproject, tag, extra: secretArgs, env: secretEnv });
    expect(await versions(tag, ['click', 'six'])).toEqual({ click: '8.1.3', six: '1.16.0' });
    const tag2 = uniqueTag('locks-pylock-nogroup');
    tags.push(tag2);
    await generateAndBuild({ pyproject, tag: tag2, target: 'nogroup', extra: secretArgs, env: secretEnv });
    expect(await versions(tag2, ['click', 'six'])).toEqual({ click: '8.1.3', six: 'absent' });
  }, 600_000);

  it("requirements with nested -r / -c, resolved from each file's directory: the constraint beats the decoy", async () => {
    await index.addFile(decoy);
    const dir = path.join(work.path, 'nested');
    await writeFiles(dir, {
      'pyproject.toml': `[project]\nname = "nested"\nversion = "1.0.0"\nrequires-python = ">=3.11"\n\n[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n\n[tool.setuptools]\npy-modules = []\n\n[tool.microb.target.default]\npython_version = "3.11"\nrequirements = "reqs/prod.txt"\n${indices}\n`,
      'reqs/prod.txt': '-r base.txt\n-c ../constraints.txt\nclick\n',
      'reqs/base.txt': 'six\n',
      'constraints.txt': 'click==8.1.3\n',
    });
    const tag = uniqueTag('locks-nested');
    tags.push(tag);
    await generateAndBuild({
      pyproject: path.join(dir, 'pyproject.toml'),
      tag,
      extra: secretArgs,
      env: secretEnv,
    });
    expect(await versions(tag, ['click', 'six'])).toEqual({ click: '8.1.3', six: '1.16.0' });
  }, 600_000);

  describe("poetry.lock made by Debian's Poetry", () => {
    let pyproject: string;
    beforeAll(async () => {
      const dir = path.join(work.path, 'poetry');
      await writeFiles(dir, {
        'pyproject.toml': `[tool.poetry]\nname = "poetryapp"\nversion = "1.0.0"\ndescription = "x"\nauthors = ["A <a@example.com>"]\npackages = [{ include = "poetryapp" }]\n\n[tool.poetry.dependencies]\npython = "^3.11"\nclick = ">=8.1"\n\n[tool.poetry.group.extra.dependencies]\nsix = "*"\n\n[[tool.poetry.source]]\nname = "local"\nurl = "${index.url}"\ndefault = true\n\n[build-system]\nrequires = ["poetry-core>=1.0"]\nbuild-backend = "poetry.core.masonry.api"\n\n[tool.microb.target.default]\npython_version = "3.11"\ngroups = ["extra"]\n${indices}\n`,
        'poetryapp/__init__.py': '',
      });
      // lock before the decoy is served (removed if an earlier test added it)
      await runOk('rm', ['-f', path.join(index.dir, path.basename(decoy))]);
      await runOk('poetry', ['lock', '--no-update'], {
        cwd: dir,
        env: {
          POETRY_HTTP_BASIC_LOCAL_USERNAME: index.user,
          POETRY_HTTP_BASIC_LOCAL_PASSWORD: index.password,
          POETRY_CACHE_DIR: path.join(work.path, 'poetry-cache'),
          POETRY_VIRTUALENVS_CREATE: 'false',
        },
        timeoutMs: 300_000,
      });
      await index.addFile(decoy);
      pyproject = path.join(dir, 'pyproject.toml');
    }, 360_000);

    it('the image holds the locked click and the group, not the decoy', async () => {
      const lock = await readFile(path.join(path.dirname(pyproject), 'poetry.lock'), 'utf8');
      expect(lock).toMatch(/name = "click"\nversion = "8\.1\.3"/);
      const tag = uniqueTag('locks-poetry');
      tags.push(tag);
      await generateAndBuild({ pyproject, tag, extra: secretArgs, env: secretEnv });
      expect(await versions(tag, ['click', 'six', 'colorama'])).toEqual({
        click: '8.1.3',
        six: '1.16.0',
        colorama: 'absent',
      });
    }, 600_000);

    it('a tampered hash in poetry.lock fails the build naming the package', async () => {
      const dir = path.join(work.path, 'poetry-tampered');
      await runOk('cp', ['-r', path.dirname(pyproject), dir]);
      const lockPath = path.join(dir, 'poetry.lock');
      const lock = await readFile(lockPath, 'utf8');
      await writeFile(
        lockPath,
        lock.replace(
          /(\{file = "click-8\.1\.3-py3-none-any\.whl", hash = "sha256:)[0-9a-f]{64}/,
          `$1${'cd'.repeat(32)}`,
        ),
      );
      const err = await generateAndBuild({
        pyproject: path.join(dir, 'pyproject.toml'),
        tag: uniqueTag('locks-poetry-bad'),
        extra: secretArgs,
        env: secretEnv,
      }).then(
        () => new Error('the build succeeded'),
        (e: Error) => e,
      );
      expect(err.message).toMatch(/DO NOT MATCH THE HASHES[\s\S]*click==8\.1\.3/);
      expect(err.message).toMatch(/locked in poetry\.lock/);
    }, 600_000);

    it('a stale poetry.lock fails `microb check`', async () => {
      const dir = path.join(work.path, 'poetry-stale');
      await runOk('cp', ['-r', path.dirname(pyproject), dir]);
      const file = path.join(dir, 'pyproject.toml');
      expect((await microbCheck(file)).code).toBe(0);
      await writeFile(file, (await readFile(file, 'utf8')).replace('click = ">=8.1"', 'click = ">=8.0"'));
      const r = await microbCheck(file);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/poetry-stale\/poetry\.lock:\d+:\d+: error: .*poetry\.lock is out of date/);
      expect(r.stderr).toMatch(/poetry lock --no-update/);
    }, 120_000);
  });

  describe("pdm.lock made by Debian's pdm", () => {
    let pyproject: string;
    beforeAll(async () => {
      const dir = path.join(work.path, 'pdm');
      const source = index.url.replace('http://', 'http://${PDM_IDX_USER}:${PDM_IDX_PW}@');
      await writeFiles(dir, {
        'pyproject.toml': `[project]\nname = "pdmapp"\nversion = "1.0.0"\nrequires-python = ">=3.11"\ndependencies = ["click>=8.1"]\n\n[tool.pdm.dev-dependencies]\ntest = ["six"]\n\n[[tool.pdm.source]]\nname = "pypi"\nurl = "${source}"\n\n[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n\n[tool.setuptools]\npy-modules = []\n\n[tool.microb.target.default]\npython_version = "3.11"\ngroups = ["test"]\n${indices}\n`,
      });
      await runOk('rm', ['-f', path.join(index.dir, path.basename(decoy))]);
      await runOk('pdm', ['lock'], {
        cwd: dir,
        env: {
          PDM_IDX_USER: index.user,
          PDM_IDX_PW: index.password,
          PDM_CHECK_UPDATE: 'false',
          PDM_CACHE_DIR: path.join(work.path, 'pdm-cache'),
          PDM_HOME: path.join(work.path, 'pdm-home'),
        },
        timeoutMs: 300_000,
      });
      await index.addFile(decoy);
      pyproject = path.join(dir, 'pyproject.toml');
    }, 360_000);

    it('the image holds the locked click and the group, not the decoy', async () => {
      const tag = uniqueTag('locks-pdm');
      tags.push(tag);
      await generateAndBuild({ pyproject, tag, extra: secretArgs, env: secretEnv });
      expect(await versions(tag, ['click', 'six'])).toEqual({ click: '8.1.3', six: '1.16.0' });
    }, 600_000);

    it('a stale pdm.lock fails `microb check`', async () => {
      expect((await microbCheck(pyproject)).code).toBe(0);
      await writeFile(pyproject, (await readFile(pyproject, 'utf8')).replace('"click>=8.1"', '"click>=8.0"'));
      const r = await microbCheck(pyproject);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/pdm\/pdm\.lock:\d+:\d+: error: .*pdm\.lock is out of date[\s\S]*pdm lock/);
    }, 120_000);
  });

  it('uv.lock: a git+ssh source (the local sshd) is installed at the locked commit', async () => {
    const ssh = await startSshGit({ packageName: 'locked-git-pkg' });
    const agent = await startSshAgent(ssh.keyPath);
    try {
      const repo = new URL(ssh.repoUrl).pathname;
      const commit = (
        await runOk('git', [
          '-c',
          `safe.directory=${repo}`,
          '-C',
          repo,
          'rev-parse',
          `v${ssh.version}^{commit}`,
        ])
      ).stdout.trim();
      const registry = index.url.replace(/\/$/, '');
      const clickHash = await sha256(path.join(WHEELHOUSE, 'click-8.1.3-py3-none-any.whl'));
      const lock = `version = 1\nrevision = 3\nrequires-python = ">=3.11"\n
[[package]]\nname = "click"\nversion = "8.1.3"\nsource = { registry = "${registry}" }\nwheels = [\n    { url = "${registry.replace(/\/simple$/, '/files')}/click-8.1.3-py3-none-any.whl", hash = "sha256:${clickHash}" },\n]\n
[[package]]\nname = "gitapp"\nversion = "1.0.0"\nsource = { editable = "." }\ndependencies = [\n    { name = "click" },\n    { name = "locked-git-pkg" },\n]\n
[package.metadata]\nrequires-dist = [\n    { name = "click", specifier = "==8.1.3" },\n    { name = "locked-git-pkg", git = "${ssh.repoUrl}?tag=v${ssh.version}" },\n]\n
[[package]]\nname = "locked-git-pkg"\nversion = "${ssh.version}"\nsource = { git = "${ssh.repoUrl}?tag=v${ssh.version}#${commit}" }\n`;
      const dir = path.join(work.path, 'git');
      await writeFiles(dir, {
        'pyproject.toml': `[project]\nname = "gitapp"\nversion = "1.0.0"\nrequires-python = ">=3.11"\ndependencies = ["click==8.1.3", "locked-git-pkg @ git+${ssh.repoUrl}@v${ssh.version}"]\n\n[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n\n[tool.setuptools]\npy-modules = []\n\n[tool.microb.target.default]\npython_version = "3.11"\n${indices}\n`,
        'uv.lock': lock,
      });
      const tag = uniqueTag('locks-git');
      tags.push(tag);
      const built = await generateAndBuild({
        pyproject: path.join(dir, 'pyproject.toml'),
        tag,
        extra: [
          ...secretArgs,
          '--ssh',
          'default',
          '--secret',
          `id=microb-known-hosts,src=${ssh.knownHostsPath}`,
        ],
        env: { ...secretEnv, ...agent.env },
      });
      expect(await readFile(built.generated.dockerfilePath, 'utf8')).toContain(
        `locked-git-pkg @ git+${ssh.repoUrl}@${commit}`,
      );
      expect(await versions(tag, ['locked-git-pkg', 'click'])).toEqual({
        'locked-git-pkg': ssh.version,
        click: '8.1.3',
      });
    } finally {
      await agent.stop();
      await ssh.stop();
    }
  }, 600_000);

  it('uv.lock: a workspace member is built from its directory; an app source change reinstalls nothing', async () => {
    await index.addFile(decoy);
    const registry = index.url.replace(/\/$/, '');
    const sixHash = await sha256(path.join(WHEELHOUSE, 'six-1.16.0-py3-none-any.whl'));
    const dir = path.join(work.path, 'workspace');
    const app = (text: string) => `def main():\n    return ${JSON.stringify(text)}\n`;
    await writeFiles(dir, {
      'pyproject.toml': `[project]\nname = "wsapp"\nversion = "1.0.0"\nrequires-python = ">=3.11"\ndependencies = ["wslib"]\n\n[tool.uv.sources]\nwslib = { workspace = true }\n\n[tool.uv.workspace]\nmembers = ["packages/*"]\n\n[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n\n[tool.setuptools]\npackages = ["wsapp"]\n\n[tool.microb.target.default]\npython_version = "3.11"\n${indices}\n`,
      'wsapp/__init__.py': app('one'),
      'packages/wslib/pyproject.toml': `[project]\nname = "wslib"\nversion = "0.2.0"\nrequires-python = ">=3.11"\ndependencies = ["six"]\n\n[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n\n[tool.setuptools]\npackages = ["wslib"]\n`,
      'packages/wslib/wslib/__init__.py': 'VALUE = 2\n',
      'uv.lock': `version = 1\nrevision = 3\nrequires-python = ">=3.11"\n\n[manifest]\nmembers = [\n    "wsapp",\n    "wslib",\n]\n
[[package]]\nname = "six"\nversion = "1.16.0"\nsource = { registry = "${registry}" }\nwheels = [\n    { url = "${registry.replace(/\/simple$/, '/files')}/six-1.16.0-py3-none-any.whl", hash = "sha256:${sixHash}" },\n]\n
[[package]]\nname = "wsapp"\nversion = "1.0.0"\nsource = { editable = "." }\ndependencies = [\n    { name = "wslib" },\n]\n\n[package.metadata]\nrequires-dist = [{ name = "wslib", editable = "packages/wslib" }]\n
[[package]]\nname = "wslib"\nversion = "0.2.0"\nsource = { editable = "packages/wslib" }\ndependencies = [\n    { name = "six" },\n]\n\n[package.metadata]\nrequires-dist = [{ name = "six" }]\n`,
    });
    const pyproject = path.join(dir, 'pyproject.toml');
    const tag = uniqueTag('locks-ws');
    tags.push(tag);
    await generateAndBuild({ pyproject, tag, extra: secretArgs, env: secretEnv });
    expect(await versions(tag, ['wslib', 'six'])).toEqual({ wslib: '0.2.0', six: '1.16.0' });
    const lib = await dockerRun(tag, ['-c', 'import wslib; print(wslib.VALUE)'], { entrypoint: 'python' });
    expect(lib.stdout.trim()).toBe('2');
    await writeFile(path.join(dir, 'wsapp/__init__.py'), app('two'));
    const again = await generateAndBuild({ pyproject, tag, extra: secretArgs, env: secretEnv });
    expect(stepCached(again.log, '[deps ')).toBe(true);
  }, 600_000);
});
