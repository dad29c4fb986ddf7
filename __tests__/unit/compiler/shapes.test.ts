/**
 * Project shapes beyond "copy or build" (src/config/projectShape.ts): applications, dependencies
 * only the backend knows, versions from git, build requirements a backend adds, self-referencing
 * extras, and the Python versions that exist as official images.
 */
import { describe, expect, it } from 'vitest';
import {
  compile,
  ConfigError,
  describeProjectInstall,
  referencedFiles,
  type CompileResult,
  type EntryKind,
} from '../../../src/compiler/index.js';
import {
  PYTHON_RELEASES,
  SUPPORTED_PYTHONS,
  unavailablePython,
} from '../../../src/compiler/resolve/pythonVersion.js';
import { snapshot } from './helpers.js';

type Layout = Record<string, EntryKind>;

function build(
  pyproject: string,
  layout: Layout = {},
  files: Record<string, string> = {},
  target?: string,
): CompileResult {
  return compile(
    { ...snapshot(pyproject, files), layout: new Map(Object.entries(layout)) },
    target ? { target } : {},
  );
}

function fails(pyproject: string, layout: Layout = {}, files: Record<string, string> = {}): ConfigError {
  try {
    build(pyproject, layout, files);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

/**
 * The text of stage `name`, with a command's arguments (written one requirement per line)
 * joined back onto its line.
 */
function stage(dockerfile: string, name: string): string {
  const start = dockerfile.indexOf(` AS ${name}\n`);
  if (start === -1) return '';
  const next = dockerfile.indexOf('\nFROM ', start);
  return dockerfile.slice(start, next === -1 ? undefined : next).replace(/ \\\n {6}/g, ' ');
}

const SETUPTOOLS = '[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n';
const HATCHLING = '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n';
const TARGET = '[tool.microb.target.default]\npython_version = "3.11"\n';

describe('dependencies only the backend knows: installed with the project, never --no-deps over nothing', () => {
  it('setup.py only (no [project]): the project stage resolves install_requires, the log says how to cache them', () => {
    const r = build(SETUPTOOLS + TARGET, { 'setup.py': 'file', mypkg: 'package' });
    expect(r.plan.projectInstall).toEqual({
      kind: 'build',
      reason: 'there is no [project] or [tool.poetry] table',
      withDependencies: 'setup.py: install_requires',
    });
    const project = stage(r.dockerfile, 'project');
    expect(project).toContain('pip wheel --no-deps --no-build-isolation --wheel-dir /tmp/microb-wheel /src');
    // the install of that wheel resolves its dependencies: no --no-deps on it
    const install = project.split('\n').find((l) => l.includes('--root /opt/microb/stage'));
    expect(install).toContain('install --no-compile');
    expect(install).not.toContain('--no-deps');
    // the comment heading the stage, its lines joined
    const comments = r.dockerfile.replace(/\n# /g, ' ');
    expect(comments).toMatch(
      / project: .*With its dependencies, which only the backend knows \(setup\.py: install_requires\).*\nFROM builder AS project\n/,
    );
    expect(comments).toContain('requirements file (target key `requirements`) or a lock file');
    expect(stage(r.dockerfile, 'deps')).not.toContain('RUN');
    expect(describeProjectInstall(r.plan)).toMatch(/with its dependencies.*requirements file.*lock file/);
  });

  it('setup.py with a requirements file: the fast path, --no-deps is right again', () => {
    const r = build(
      `${SETUPTOOLS}${TARGET}requirements = "requirements.txt"\n`,
      { 'setup.py': 'file', mypkg: 'package' },
      { 'requirements.txt': 'six\n' },
    );
    expect(r.plan.projectInstall).toEqual({
      kind: 'build',
      reason: 'there is no [project] or [tool.poetry] table',
    });
    expect(stage(r.dockerfile, 'project')).toContain('install --no-deps --no-build-isolation');
    expect(stage(r.dockerfile, 'deps')).toContain('-r /tmp/microb-requirements.txt');
  });

  it('[project] dynamic dependencies (hatch metadata hook): resolved by the project stage', () => {
    const r = build(
      `[project]\nname = "a"\nversion = "1"\ndynamic = ["dependencies"]\n${HATCHLING}[tool.hatch.metadata.hooks.requirements_txt]\nfiles = ["requirements.txt"]\n${TARGET}`,
      { a: 'package' },
    );
    expect(r.plan.projectInstall).toMatchObject({
      kind: 'build',
      withDependencies: '[project] dynamic = ["dependencies"] (hatch metadata hooks)',
    });
  });

  it('setuptools dynamic = { file = … }: read statically, installed by the deps stage, copied as it is', () => {
    const py = `[project]\nname = "a"\nversion = "1.0"\ndynamic = ["dependencies", "optional-dependencies"]\n${SETUPTOOLS}[tool.setuptools.dynamic]\ndependencies = { file = ["requirements.in"] }\noptional-dependencies.web = { file = "web.txt" }\n${TARGET}extras = ["web"]\n`;
    expect(referencedFiles(py)).toEqual(expect.arrayContaining(['requirements.in', 'web.txt']));
    const r = build(
      py,
      { src: 'dir', 'src/a': 'package' },
      { 'requirements.in': '# pinned by hand\nclick>=8  # the CLI\n\nsix\n', 'web.txt': 'idna\n' },
    );
    expect(r.plan.projectInstall).toEqual({ kind: 'copy', sources: ['src/a'] });
    expect(stage(r.dockerfile, 'deps')).toContain(
      "install --no-compile --no-warn-script-location 'click>=8' six idna",
    );
    // the metadata wheel: Provides-Extra and the extra's Requires-Dist with its marker
    expect(r.dockerfile).toContain(
      '\nRequires-Dist: click>=8\nRequires-Dist: six\nProvides-Extra: web\nRequires-Dist: idna; extra == "web"\nMICROB_EOF\n',
    );
  });

  it('a dynamic dependency file with a pip option, or missing, is an error at its line', () => {
    const py = `[project]\nname = "a"\nversion = "1.0"\ndynamic = ["dependencies"]\n${SETUPTOOLS}[tool.setuptools.dynamic]\ndependencies = { file = "req.txt" }\n`;
    const option = fails(py, {}, { 'req.txt': 'six\n--index-url https://evil/simple\n' });
    expect(option.format()).toMatch(/^proj\/req\.txt:2:1: error: "--index-url" is a pip option/);
    expect(option.hint).toMatch(/target key `requirements`/);
    const malformed = fails(py, {}, { 'req.txt': 'six\n  flask[async\n' });
    expect(malformed.format()).toMatch(/^proj\/req\.txt:2:\d+: error: invalid requirement/);
    const secret = fails(py, {}, { 'req.txt': 'x @ HTTPS://tok@host/x.whl\n' });
    expect(secret.format()).toMatch(/^proj\/req\.txt:1:5: error: a https URL contains credentials/i);
    const missing = fails(py);
    expect(missing.format()).toMatch(
      /^proj\/pyproject\.toml:9:\d+: error: dependency file "req\.txt" does not exist/,
    );
  });
});

describe('applications: dependencies installed, sources copied into /app, no backend run', () => {
  const appLayout: Layout = { 'app.py': 'file', 'requirements.txt': 'file', web: 'package', static: 'dir' };

  function expectApp(r: CompileResult, reason: string | RegExp) {
    expect(r.plan.projectInstall.kind).toBe('app');
    const got = r.plan.projectInstall.kind === 'app' ? r.plan.projectInstall.reason : '';
    if (typeof reason === 'string') expect(got).toBe(reason);
    else expect(got).toMatch(reason);
    expect(r.dockerfile).not.toContain(' AS project');
    expect(r.dockerfile).not.toContain('/opt/microb/build-env');
    expect(r.dockerfile).not.toContain('COPY . /src');
    const lines = r.dockerfile.trimEnd().split('\n');
    const copies = lines.filter((l) => l.startsWith('COPY '));
    expect(copies.at(-1)).toBe('COPY --from=sources --link /app /app');
    expect(lines.indexOf('WORKDIR /app')).toBeLessThan(lines.indexOf('COPY --from=sources --link /app /app'));
    expect(stage(r.dockerfile, 'sources')).toContain(
      'COPY . /app\nRUN find /app ! -type l -exec chmod u=rwX,go=rX {} +',
    );
  }

  it('a pyproject with only tool tables and a requirements file (the Django/Flask app)', () => {
    const r = build(
      `[tool.ruff]\nline-length = 100\n${TARGET}requirements = "requirements.txt"\ncommand = ["python", "app.py"]\n`,
      appLayout,
      { 'requirements.txt': 'flask\n' },
    );
    expectApp(r, 'no [project] or [tool.poetry] table and no setup.py');
    expect(stage(r.dockerfile, 'deps')).toContain('-r /tmp/microb-requirements.txt');
    expect(describeProjectInstall(r.plan)).toMatch(/an application .* copied into \/app/);
  });

  it('Poetry package-mode = false: its dependencies, no package', () => {
    const r = build(
      `[tool.poetry]\npackage-mode = false\n[tool.poetry.dependencies]\npython = "^3.11"\nclick = "^8.1"\n${TARGET}`,
      appLayout,
    );
    expectApp(r, '[tool.poetry] package-mode = false');
    expect(stage(r.dockerfile, 'deps')).toContain("'click>=8.1,<9.0'");
  });

  it('uv package = false, a uv workspace root, [project] without a version', () => {
    const uv = `[project]\nname = "svc"\nversion = "0.1.0"\ndependencies = ["six"]\n[tool.uv]\npackage = false\n${TARGET}`;
    expectApp(build(uv, appLayout), '[tool.uv] package = false');
    const workspace = `[project]\nname = "root"\nversion = "0.1.0"\n[tool.uv.workspace]\nmembers = ["packages/*"]\n${TARGET}`;
    expectApp(build(workspace, appLayout), /uv workspace root/);
    expectApp(build(`[project]\nname = "svc"\n${TARGET}`, appLayout), '[project] has no version');
  });

  it('setuptools flat layout with several top-level packages: an application, named', () => {
    const r = build(`[project]\nname = "site"\nversion = "1"\n${SETUPTOOLS}${TARGET}`, {
      accounts: 'package',
      blog: 'package',
      tests: 'package',
      'manage.py': 'file',
    });
    expectApp(
      r,
      'several top-level packages in a flat layout (accounts, blog): setuptools would refuse to build it; name them in [tool.setuptools] packages to install it as a package',
    );
  });

  it('install_project forces either way', () => {
    const pkg = `[project]\nname = "a"\nversion = "1"\n[project.scripts]\na = "a:main"\n${HATCHLING}${TARGET}`;
    const asApp = build(`${pkg}install_project = false\n`, { a: 'package' });
    expectApp(asApp, 'install_project = false');
    // an application has no console script to default the entrypoint to
    expect(asApp.dockerfile).not.toContain('ENTRYPOINT');
    const poetry = `[tool.poetry]\nname = "a"\nversion = "1"\npackage-mode = false\n[build-system]\nrequires = ["poetry-core"]\nbuild-backend = "poetry.core.masonry.api"\n${TARGET}install_project = true\n`;
    expect(build(poetry, { a: 'package' }).plan.projectInstall.kind).toBe('copy');
    const wrong = fails(`${pkg}install_project = "no"\n`);
    expect(wrong.format()).toMatch(/`install_project` must be true or false/);
  });

  it("flit's metadata table from before PEP 621 is a package, not an application", () => {
    const r = build(
      `[build-system]\nrequires = ["flit_core"]\nbuild-backend = "flit_core.buildapi"\n[tool.flit.metadata]\nmodule = "a"\n${TARGET}`,
      { a: 'package' },
    );
    expect(r.plan.projectInstall).toMatchObject({
      kind: 'build',
      withDependencies: 'no [project] table: the backend has its own metadata',
    });
  });

  it('a package is still a package: name and version, one package', () => {
    const r = build(`[project]\nname = "a"\nversion = "1"\n${SETUPTOOLS}${TARGET}`, {
      a: 'package',
      tests: 'package',
    });
    expect(r.plan.projectInstall).toEqual({ kind: 'copy', sources: ['a'] });
  });
});

describe('versions from git: a build arg in the project stage, .git stays out', () => {
  const cases: [string, string, string, string][] = [
    [
      'hatch-vcs',
      `[project]\nname = "a"\ndynamic = ["version"]\n[build-system]\nrequires = ["hatchling", "hatch-vcs"]\nbuild-backend = "hatchling.build"\n[tool.hatch.version]\nsource = "vcs"\n`,
      'SETUPTOOLS_SCM_PRETEND_VERSION',
      'hatch-vcs',
    ],
    [
      'setuptools-scm',
      `[project]\nname = "a"\ndynamic = ["version"]\n[build-system]\nrequires = ["setuptools>=64", "setuptools_scm[toml]>=8"]\nbuild-backend = "setuptools.build_meta"\n[tool.setuptools_scm]\n`,
      'SETUPTOOLS_SCM_PRETEND_VERSION',
      'setuptools-scm',
    ],
    [
      'pdm-backend',
      `[project]\nname = "a"\ndynamic = ["version"]\n[build-system]\nrequires = ["pdm-backend"]\nbuild-backend = "pdm.backend"\n[tool.pdm.version]\nsource = "scm"\n`,
      'PDM_BUILD_SCM_VERSION',
      'pdm-backend',
    ],
  ];
  it.each(cases)('%s', (_name, py, arg, tool) => {
    const r = build(py + TARGET, { src: 'dir', 'src/a': 'package' });
    expect(r.plan.versionArg).toEqual({ name: arg, tool });
    const project = stage(r.dockerfile, 'project');
    expect(project).toContain(`\nARG ${arg}\nCOPY . /src\n`);
    // only the project stage declares it: a new tag rebuilds nothing else
    expect(r.dockerfile.split(`ARG ${arg}`)).toHaveLength(2);
    expect(describeProjectInstall(r.plan)).toContain(
      `version: from git (${tool}), passed as --build-arg ${arg}`,
    );
    expect(r.dockerignore).toContain('\n.git\n');
  });

  it("a project's own .dockerignore that lets .git in gets a warning", () => {
    const [, py] = cases[0] ?? ['', ''];
    const layout = { src: 'dir', 'src/a': 'package' } as const;
    const leaky = build(py + TARGET, layout, { '.dockerignore': 'node_modules\n' });
    expect(leaky.dockerignore).toBeNull();
    expect(leaky.plan.warnings).toEqual([
      expect.stringMatching(
        /^proj\/\.dockerignore:1:1: warning: \.dockerignore does not exclude \.git.*\n {2}hint: add a line "\.git"$/,
      ),
    ]);
    expect(build(py + TARGET, layout, { '.dockerignore': 'node_modules\n.git\n' }).plan.warnings).toEqual([]);
  });

  it('a dynamic version read from a file is not from git', () => {
    const r = build(
      `[project]\nname = "a"\ndynamic = ["version"]\n${HATCHLING}[tool.hatch.version]\npath = "a/__init__.py"\n${TARGET}`,
      { a: 'package' },
    );
    expect(r.plan.versionArg).toBeUndefined();
    expect(r.dockerfile).not.toContain('ARG SETUPTOOLS_SCM');
  });
});

describe('build requirements a backend adds', () => {
  it('hatch build and metadata hook dependencies go into the cached build env', () => {
    const r = build(
      `[project]\nname = "a"\nversion = "1"\n${HATCHLING}[tool.hatch.build.hooks.custom]\ndependencies = ["babel>=2"]\n[tool.hatch.build.targets.wheel.hooks.mypyc]\ndependencies = ["six"]\n${TARGET}`,
      { a: 'package' },
    );
    expect(stage(r.dockerfile, 'builder')).toContain(
      "install --no-warn-script-location hatchling 'babel>=2' six",
    );
  });

  it('a hook dependency with a newline or credentials is refused like any requirement', () => {
    const e = fails(
      `[project]\nname = "a"\nversion = "1"\n${HATCHLING}[tool.hatch.build.hooks.custom]\ndependencies = ["x @ https://u:p@host/x.whl"]\n`,
    );
    expect(e.format()).toMatch(/:8:\d+: error: a https URL contains credentials/);
  });

  const compiled: [string, string, string, string][] = [
    [
      'maturin',
      '[build-system]\nrequires = ["maturin>=1"]\nbuild-backend = "maturin"\n',
      'cargo rustc',
      'cargo rust build-base',
    ],
    [
      'setuptools-rust',
      '[build-system]\nrequires = ["setuptools", "setuptools-rust"]\nbuild-backend = "setuptools.build_meta"\n',
      'cargo rustc',
      'cargo rust build-base',
    ],
    [
      'meson-python',
      '[build-system]\nrequires = ["meson-python"]\nbuild-backend = "mesonpy"\n',
      'ninja-build patchelf pkg-config',
      'samurai patchelf pkgconf build-base',
    ],
    [
      'scikit-build-core',
      '[build-system]\nrequires = ["scikit-build-core"]\nbuild-backend = "scikit_build_core.build"\n',
      'cmake ninja-build',
      'cmake samurai build-base',
    ],
  ];
  it.each(compiled)(
    '%s: its build_deps are added, and named in the comment and the log',
    (backend, bs, debian, alpine) => {
      const py = `[project]\nname = "a"\nversion = "1"\n${bs}${TARGET}build_deps = ["libssl-dev"]\n`;
      const r = build(py, { a: 'package' });
      expect(r.dockerfile).toContain(
        `# ${backend} compiles the project: build_deps ${debian} added (it always needs them).`,
      );
      expect(r.dockerfile).toContain(`apt-get install -y --no-install-recommends libssl-dev ${debian}`);
      expect(describeProjectInstall(r.plan)).toContain(`build deps: ${debian} added for ${backend}`);
      const a = build(py.replace('build_deps = ["libssl-dev"]', 'flavor = "alpine"'), { a: 'package' });
      expect(a.dockerfile).toContain(`apk add --cache-dir /var/cache/apk ${alpine}`);
    },
  );
});

describe('extras', () => {
  it('an extra naming the project itself is expanded into the extras it names', () => {
    const py = `[project]\nname = "My.Tool"\nversion = "1"\n[project.optional-dependencies]\nkeyring = ["keyring>=24"]\ntemplate = ["jinja2"]\nall = ["my-tool[keyring,template]", "six"]\nwin = ["My_Tool[keyring] ; sys_platform == 'win32'"]\n${TARGET}extras = ["all", "win"]\n`;
    const r = build(py, { my_tool: 'package' });
    const deps = stage(r.dockerfile, 'deps');
    expect(deps).toContain(`'keyring>=24' jinja2 six 'keyring>=24; sys_platform == "win32"'`);
    expect(deps).not.toMatch(/my-tool\[|My_Tool\[/i);
  });
});

describe('Python versions: only the ones with official images', () => {
  it('one list, 3.9 to 3.14', () => {
    expect(SUPPORTED_PYTHONS).toEqual(['3.9', '3.10', '3.11', '3.12', '3.13', '3.14']);
    for (const [minor, newest] of PYTHON_RELEASES) {
      expect(unavailablePython(minor)).toBeUndefined();
      expect(unavailablePython(`${minor}.0`)).toBeUndefined();
      expect(unavailablePython(`${minor}.${newest}`)).toBeUndefined();
      expect(unavailablePython(`${minor}.${newest + 1}`)?.hint).toBe(
        `write "${minor}" to follow its newest patch release`,
      );
    }
    expect(unavailablePython('3')).toBeUndefined();
  });

  const refused: [string, RegExp, RegExp][] = [
    ['3.16', /Python 3\.16 has no official image/, /use one of 3\.9, 3\.10, 3\.11, 3\.12, 3\.13, 3\.14/],
    ['3.8', /Python 3\.8 has no official image/, /3\.9, .*3\.14/],
    ['3.14.99', /Python 3\.14\.99 is not a CPython release/, /write "3\.14"/],
    [
      '3.14t',
      /free-threaded CPython 3\.14t has no official python image/,
      /write "3\.14" for the standard build/,
    ],
  ];
  it.each(refused)('python_version = "%s" is refused with a hint', (version, problem, hint) => {
    const e = fails(
      `[project]\nname = "a"\nversion = "1"\n[tool.microb.target.default]\npython_version = "${version}"\n`,
    );
    expect(e.problem).toMatch(problem);
    expect(e.hint).toMatch(hint);
    expect(e.location.line).toBe(5);
  });

  it('.python-version: free-threaded gets a hint, an unknown minor the list', () => {
    const free = fails(
      '[project]\nname = "a"\nversion = "1"\n',
      {},
      { '.python-version': '3.14+freethreaded\n' },
    );
    expect(free.format()).toMatch(
      /^proj\/\.python-version:1:1: error: free-threaded CPython 3\.14\+freethreaded/,
    );
    expect(free.hint).toMatch(/write "3\.14"/);
    const future = fails('[project]\nname = "a"\nversion = "1"\n', {}, { '.python-version': '3.16\n' });
    expect(future.hint).toMatch(/3\.9, .*3\.14/);
  });

  it('a patch pin is a warning, not an error', () => {
    const r = build(
      '[project]\nname = "a"\nversion = "1"\n[tool.microb.target.default]\npython_version = "3.11.7"\n',
    );
    expect(r.plan.builderImage).toBe('python:3.11.7');
    expect(r.plan.warnings).toEqual([
      'proj/pyproject.toml:5:1: warning: Python 3.11.7 pins a patch release: the image keeps it, without the security fixes of later 3.11 releases\n  hint: write "3.11" to follow the newest 3.11 release',
    ]);
    expect(build('[project]\nname = "a"\nversion = "1"\n').plan.warnings).toEqual([]);
  });
});

describe('git for git+ dependencies', () => {
  it('Alpine gets git for a git+https dependency; Debian checks and has it', () => {
    const py = `[project]\nname = "a"\nversion = "1"\ndependencies = ["lib @ git+https://example.com/lib.git@v1"]\n[tool.microb.target.default]\npython_version = "3.11"\nflavor = "alpine"\n`;
    const r = build(py);
    expect(stage(r.dockerfile, 'builder')).toContain(
      'command -v git >/dev/null || apk add --cache-dir /var/cache/apk git',
    );
    expect(r.plan.ssh).toBe(false);
    expect(
      build(py.replace('git+https://example.com/lib.git@v1', 'https://example.com/lib.whl')).dockerfile,
    ).not.toContain('command -v git');
  });
});
