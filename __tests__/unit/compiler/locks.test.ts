import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  compile,
  ConfigError,
  nestedRequirementFiles,
  referencedFiles,
} from '../../../src/compiler/index.js';

const FIXTURES = path.join(import.meta.dirname, 'locks');
const read = (dir: string, file: string) => readFileSync(path.join(FIXTURES, dir, file), 'utf8');

/** A fixture project with a target table appended, as the shells would snapshot it. */
function fixture(dir: string, lockName: string, target = '', extraFiles: Record<string, string> = {}) {
  const pyproject = `${read(dir, 'pyproject.toml')}\n[tool.microb.target.default]\npython_version = "3.13"\n${target}`;
  return {
    pyprojectPath: `${dir}/pyproject.toml`,
    pyprojectText: pyproject,
    files: new Map<string, string | null>([
      ['.python-version', null],
      ['.dockerignore', null],
      [lockName, read(dir, lockName)],
      ...Object.entries(extraFiles),
    ]),
  };
}

function error(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

const heredoc = (dockerfile: string, dest: string): string[] => {
  const start = dockerfile.indexOf(`COPY <<'MICROB_EOF' ${dest}\n`);
  if (start === -1) return [];
  const body = dockerfile.slice(start).split('\n').slice(1);
  return body.slice(0, body.indexOf('MICROB_EOF'));
};

describe('uv.lock', () => {
  it('a real uv.lock (astral-sh/uv built-by-uv) installs its main dependencies pinned, every hash listed', () => {
    const result = compile(fixture('built-by-uv', 'uv.lock'));
    const lines = heredoc(result.dockerfile, '/opt/microb/lock/requirements.txt');
    expect(lines.map((l) => l.split(' ')[0])).toEqual(['anyio==4.6.2.post1', 'idna==3.10', 'sniffio==1.3.1']);
    expect(lines[0]).toBe(
      'anyio==4.6.2.post1 --hash=sha256:4c8bc31ccdb51c7f7bd251f51c609e038d63e34219b44aa86e47576389880b4c --hash=sha256:6d170c36fba3bdd840c73d3868c1e777e33676a69c3a72cf0a0d5d6d8009b61d',
    );
    expect(result.dockerfile).toContain('--no-deps --require-hashes -r /opt/microb/lock/requirements.txt');
    expect(result.dockerfile).toContain('PIP_INDEX_URL=https://pypi.org/simple');
    // the ranges of [project] dependencies are not what is installed
    expect(result.dockerfile).not.toContain("'anyio>=4,<5'");
  });

  it('a group brings its packages, a marker of the lock stays on its line', () => {
    const result = compile(fixture('built-by-uv', 'uv.lock', 'groups = ["dev"]\n'));
    const lines = heredoc(result.dockerfile, '/opt/microb/lock/requirements.txt').map(
      (l) => l.split(' --hash')[0],
    );
    expect(lines).toEqual([
      'anyio==4.6.2.post1',
      "colorama==0.4.6 ; sys_platform == 'win32'",
      'idna==3.10',
      'iniconfig==2.0.0',
      'packaging==24.2',
      'pluggy==1.5.0',
      'pytest==8.3.3',
      'sniffio==1.3.1',
    ]);
  });

  it('an unknown group is an error at the target', () => {
    const e = error(() => compile(fixture('built-by-uv', 'uv.lock', 'groups = ["dve"]\n')));
    expect(e.format()).toMatch(/unknown dependency group "dve"[\s\S]*did you mean "dev"/);
    expect(e.location.file).toBe('built-by-uv/pyproject.toml');
  });

  it('a real git source (000pp/doom) is installed at the locked commit, markers kept', () => {
    const result = compile(fixture('doom', 'uv.lock'));
    const vcs = heredoc(result.dockerfile, '/opt/microb/lock/vcs.txt');
    expect(vcs).toEqual([
      'ldap3 @ git+https://github.com/cannatag/ldap3.git@e023c0baea4458bbe8bec1fddb1fe135d3812cf7',
    ]);
    const hashed = heredoc(result.dockerfile, '/opt/microb/lock/requirements.txt').map(
      (l) => l.split(' --hash')[0],
    );
    expect(hashed).toContain('textual==6.0.0');
    expect(hashed).toContain("colorama==0.4.6 ; sys_platform == 'win32'");
    expect(hashed).not.toContain('doom==0.1.0');
    expect(result.dockerfile).toContain('--no-deps -r /opt/microb/lock/vcs.txt');
  });

  it('a stale uv.lock fails: a dependency added to the pyproject', () => {
    const snap = fixture('built-by-uv', 'uv.lock');
    const stale = {
      ...snap,
      pyprojectText: snap.pyprojectText.replace('"anyio>=4,<5"', '"anyio>=4,<5", "idna"'),
    };
    const e = error(() => compile(stale));
    expect(e.location.file).toBe('built-by-uv/uv.lock');
    expect(e.format()).toMatch(/out of date[\s\S]*the pyproject has "idna"[\s\S]*uv lock/);
  });

  it('upstream pyproject of a later commit without the dev group the lock records: stale', () => {
    const snap = fixture('built-by-uv', 'uv.lock');
    const upstream = {
      ...snap,
      pyprojectText: `${read('built-by-uv', 'pyproject.upstream.toml')}\n[tool.microb.target.default]\n`,
    };
    expect(error(() => compile(upstream)).format()).toMatch(
      /dependency group "dev" differ: the lock recorded "pytest>=8.3.3"/,
    );
  });

  it('a stale uv.lock fails: requires-python changed', () => {
    const snap = fixture('built-by-uv', 'uv.lock');
    const stale = {
      ...snap,
      pyprojectText: snap.pyprojectText.replace('requires-python = ">=3.12"', 'requires-python = ">=3.13"'),
    };
    expect(error(() => compile(stale)).format()).toMatch(
      /requires-python is ">=3.13" in the pyproject, ">=3.12" in the lock/,
    );
  });

  it('a local-directory registry (astral-sh/uv cpu_user) is refused, not fetched by name', () => {
    const e = error(() => compile(fixture('cpu-user', 'uv.lock')));
    expect(e.location.file).toBe('cpu-user/uv.lock');
    expect(e.format()).toMatch(/local registry directory "\.\.\/\.\.\/\.\.\/files"/);
  });

  it('several versions of one package under exclusive markers each keep their marker', () => {
    const pyproject = `[project]\nname = "fork"\nversion = "1"\nrequires-python = ">=3.10"\ndependencies = ["lib"]\n[tool.microb.target.default]\n`;
    const hash = (c: string) => `sha256:${c.repeat(64)}`;
    const lock = `version = 1
revision = 3
requires-python = ">=3.10"
resolution-markers = [
    "python_full_version >= '3.11'",
    "python_full_version < '3.11'",
]

[[package]]
name = "fork"
version = "1"
source = { virtual = "." }
dependencies = [
    { name = "lib", version = "1.0", source = { registry = "https://idx.example/simple" }, marker = "python_full_version < '3.11'" },
    { name = "lib", version = "2.0", source = { registry = "https://idx.example/simple" }, marker = "python_full_version >= '3.11'" },
]

[package.metadata]
requires-dist = [{ name = "lib" }]

[[package]]
name = "lib"
version = "1.0"
source = { registry = "https://idx.example/simple" }
resolution-markers = ["python_full_version < '3.11'"]
wheels = [{ url = "https://idx.example/lib-1.0-py3-none-any.whl", hash = "${hash('a')}" }]

[[package]]
name = "lib"
version = "2.0"
source = { registry = "https://idx.example/simple" }
resolution-markers = ["python_full_version >= '3.11'"]
wheels = [{ url = "https://idx.example/lib-2.0-py3-none-any.whl", hash = "${hash('b')}" }]
`;
    const result = compile({
      pyprojectPath: 'pyproject.toml',
      pyprojectText: pyproject,
      files: new Map([['uv.lock', lock]]),
    });
    expect(heredoc(result.dockerfile, '/opt/microb/lock/requirements.txt')).toEqual([
      `lib==1.0 ; python_full_version < '3.11' --hash=${hash('a')}`,
      `lib==2.0 ; python_full_version >= '3.11' --hash=${hash('b')}`,
    ]);
    expect(result.dockerfile).toContain('PIP_INDEX_URL=https://idx.example/simple');
  });
});

describe('poetry.lock (Poetry 1.3.2)', () => {
  it('main dependencies pinned from the index the lock records; the content-hash matches', () => {
    const result = compile(fixture('poetry-local', 'poetry.lock'));
    const lines = heredoc(result.dockerfile, '/opt/microb/lock/requirements.txt').map(
      (l) => l.split(' --hash')[0],
    );
    expect(lines).toEqual(['click==8.1.3', 'colorama==0.4.6 ; platform_system == "Windows"']);
    expect(result.dockerfile).toContain('PIP_INDEX_URL=http://127.0.0.1:38993/simple');
  });

  it('extras and groups', () => {
    const result = compile(fixture('poetry-local', 'poetry.lock', 'extras = ["http"]\ngroups = ["dev"]\n'));
    const names = heredoc(result.dockerfile, '/opt/microb/lock/requirements.txt').map(
      (l) => l.split(/[ =]/)[0],
    );
    expect(names).toEqual([
      'certifi',
      'charset-normalizer',
      'click',
      'colorama',
      'idna',
      'requests',
      'six',
      'urllib3',
    ]);
  });

  it('a changed dependency makes the lock stale (content-hash)', () => {
    const snap = fixture('poetry-local', 'poetry.lock');
    const stale = { ...snap, pyprojectText: snap.pyprojectText.replace('click = "^8.1"', 'click = "^8.0"') };
    const e = error(() => compile(stale));
    expect(e.location.file).toBe('poetry-local/poetry.lock');
    expect(e.format()).toMatch(/poetry\.lock is out of date[\s\S]*poetry lock --no-update/);
  });
});

describe('poetry.lock of Poetry 2 (lock-version 2.1, [project] dependencies)', () => {
  it("the content-hash matches Poetry 2's algorithm; [project] dependencies are the roots", () => {
    const result = compile(fixture('poetry2-project', 'poetry.lock'));
    const names = heredoc(result.dockerfile, '/opt/microb/lock/requirements.txt').map(
      (l) => l.split(' --hash')[0],
    );
    expect(names).toEqual(['click==8.1.3', 'requests==2.28.1 ; python_version >= "3.11"']);
  });

  it('a changed [project] dependency makes it stale', () => {
    const snap = fixture('poetry2-project', 'poetry.lock');
    const stale = { ...snap, pyprojectText: snap.pyprojectText.replace('"click>=8.1"', '"click>=8.2"') };
    expect(error(() => compile(stale)).format()).toMatch(/poetry\.lock is out of date/);
  });
});

describe('pdm.lock (pdm 2.2.1)', () => {
  it('pinned with hashes; a stale content_hash fails', () => {
    const result = compile(fixture('pdm-local', 'pdm.lock', 'extras = ["http"]\n'));
    const names = heredoc(result.dockerfile, '/opt/microb/lock/requirements.txt').map(
      (l) => l.split(' --hash')[0],
    );
    expect(names).toEqual(
      [
        'certifi==2022.9.24',
        'charset-normalizer==3.0.1',
        'click==99.0.0',
        'idna==3.3',
        'requests==2.28.1',
        'urllib3==1.26.12',
        'six==1.16.0',
      ].sort((a, b) => names.indexOf(a) - names.indexOf(b)),
    );
    expect(names).not.toContain('six==1.16.0' + 'x');
    const snap = fixture('pdm-local', 'pdm.lock');
    const stale = { ...snap, pyprojectText: snap.pyprojectText.replace('"click>=8.1"', '"click>=8.0"') };
    expect(error(() => compile(stale)).format()).toMatch(/pdm\.lock is out of date[\s\S]*pdm lock/);
  });
});

describe('pylock.toml (PEP 751)', () => {
  it("the specification's example: every package, every wheel hash, from pip's default index", () => {
    const result = compile(fixture('pylock-spec', 'pylock.toml'));
    expect(heredoc(result.dockerfile, '/opt/microb/lock/requirements.txt')).toEqual([
      'attrs==25.1.0 --hash=sha256:c75a69e28a550a7e93789579c22aa26b0f5b83b75dc4e08fe092980051e1090a',
      'cattrs==24.1.2 --hash=sha256:67c7495b760168d931a10233f979b28dc04daf853b30752246f4f8471c6d68d0',
      'numpy==2.2.3 --hash=sha256:3b787adbf04b0db1967798dba8da1af07e387908ed1553a0d6e74c084d1ceafe --hash=sha256:83807d445817326b4bcdaaaf8e8e9f1753da04341eceec705c001ff342002e5d',
    ]);
    expect(result.dockerfile).not.toContain('PIP_INDEX_URL');
  });

  it('extras/dependency_groups markers are decided from the target; the rest stays for pip', () => {
    const h = `hashes = { sha256 = "${'a'.repeat(64)}" }`;
    const lock = `lock-version = "1.0"\nextras = ["fast"]\ndependency-groups = ["dev"]\ndefault-groups = []\ncreated-by = "test"\n
[[packages]]\nname = "base"\nversion = "1"\nindex = "https://idx.example/simple"\nwheels = [{ url = "https://idx.example/base-1-py3-none-any.whl", ${h} }]\n
[[packages]]\nname = "speedup"\nversion = "2"\nmarker = "'fast' in extras and sys_platform == 'linux'"\nindex = "https://idx.example/simple"\nwheels = [{ url = "https://idx.example/speedup-2-py3-none-any.whl", ${h} }]\n
[[packages]]\nname = "pytest"\nversion = "8"\nmarker = "'dev' in dependency_groups"\nindex = "https://idx.example/simple"\nwheels = [{ url = "https://idx.example/pytest-8-py3-none-any.whl", ${h} }]\n`;
    const pyproject = `[project]\nname = "p"\nversion = "1"\nrequires-python = ">=3.11"\n[project.optional-dependencies]\nfast = ["speedup"]\n[tool.microb.target.default]\nextras = ["fast"]\n`;
    const result = compile({
      pyprojectPath: 'pyproject.toml',
      pyprojectText: pyproject,
      files: new Map([['pylock.toml', lock]]),
    });
    expect(
      heredoc(result.dockerfile, '/opt/microb/lock/requirements.txt').map((l) => l.split(' --hash')[0]),
    ).toEqual(['base==1', "speedup==2 ; sys_platform == 'linux'"]);
  });
});

describe('pdm.lock of current pdm (lock_version 4.5, [dependency-groups], [tool.pdm.resolution])', () => {
  // content_hash computed by Python with current pdm's PyProject.content_hash logic
  const pyproject = `[project]\nname = "pdm-new"\nversion = "0.1.0"\nrequires-python = ">=3.11"\ndependencies = ["click>=8.1"]\n\n[dependency-groups]\nTest = ["six>=1.16"]\n\n[tool.pdm.resolution]\nallow-prereleases = false\n\n[tool.microb.target.default]\ngroups = ["test"]\n`;
  const lock = `[metadata]\ngroups = ["default", "test"]\nstrategy = ["inherit_metadata"]\nlock_version = "4.5.0"\ncontent_hash = "sha256:1173664ac76362c6c3f8ba8f6334c64235c0f374e8ffd9200bb35522365ba22a"\n
[[package]]\nname = "click"\nversion = "8.1.3"\nrequires_python = ">=3.7"\ngroups = ["default"]\nfiles = [\n    {file = "click-8.1.3-py3-none-any.whl", hash = "sha256:${'1'.repeat(64)}"},\n]\n
[[package]]\nname = "six"\nversion = "1.16.0"\ngroups = ["test"]\nfiles = [\n    {file = "six-1.16.0-py2.py3-none-any.whl", hash = "sha256:${'2'.repeat(64)}"},\n]\n`;
  const snap = (text: string) => ({
    pyprojectPath: 'pyproject.toml',
    pyprojectText: text,
    files: new Map([['pdm.lock', lock]]),
  });

  it('fresh, with the group', () => {
    const names = heredoc(compile(snap(pyproject)).dockerfile, '/opt/microb/lock/requirements.txt').map(
      (l) => l.split(' --hash')[0],
    );
    expect(names).toEqual(['click==8.1.3', 'six==1.16.0']);
  });

  it('stale after a group changes', () => {
    expect(error(() => compile(snap(pyproject.replace('"six>=1.16"', '"six>=1.15"')))).format()).toMatch(
      /pdm\.lock is out of date/,
    );
  });
});

describe('detection', () => {
  it('several locks and no `lock` key: an error naming them at the target', () => {
    const snap = fixture('built-by-uv', 'uv.lock', '', {
      'poetry.lock': read('poetry-local', 'poetry.lock'),
    });
    const e = error(() => compile(snap));
    expect(e.format()).toMatch(
      /several lock files beside the pyproject: uv\.lock, poetry\.lock[\s\S]*lock = "uv\.lock"/,
    );
    expect(e.location.line).toBe(read('built-by-uv', 'pyproject.toml').split('\n').length + 1);
  });

  it('lock = false installs the ranges, as before', () => {
    const result = compile(fixture('built-by-uv', 'uv.lock', 'lock = false\n'));
    expect(result.dockerfile).toContain("'anyio>=4,<5'");
    expect(result.dockerfile).not.toContain('require-hashes');
  });

  it('a lock file given as `requirements` is an error with a hint to use `lock`', () => {
    const e = error(() =>
      compile(fixture('built-by-uv', 'uv.lock', 'lock = false\nrequirements = "uv.lock"\n')),
    );
    expect(e.format()).toMatch(/`lock` cannot be combined|is a lock file/);
    const e2 = error(() => compile(fixture('built-by-uv', 'uv.lock', 'requirements = "uv.lock"\n')));
    expect(e2.format()).toMatch(/"uv\.lock" is a lock file[\s\S]*lock = "uv\.lock"/);
  });

  it("the snapshot reads the lock files: referencedFiles names them and a target's `lock`", () => {
    expect(referencedFiles('[tool.microb.target.a]\nlock = "sub/pylock.api.toml"\n')).toEqual(
      expect.arrayContaining(['uv.lock', 'poetry.lock', 'pdm.lock', 'pylock.toml', 'sub/pylock.api.toml']),
    );
  });
});

describe('groups without a lock (ranges)', () => {
  const snap = (pyproject: string) => ({
    pyprojectPath: 'pyproject.toml',
    pyprojectText: pyproject,
    files: new Map<string, string | null>(),
  });

  it('PEP 735 groups with include-group resolved', () => {
    const result = compile(
      snap(
        `[project]\nname = "p"\nversion = "1"\nrequires-python = ">=3.11"\ndependencies = ["click>=8"]\n[dependency-groups]\ntest = ["pytest>=8", { include-group = "lint" }]\nlint = ["ruff==0.6.0"]\n[tool.microb.target.default]\ngroups = ["test"]\n`,
      ),
    );
    expect(result.plan.dependencies).toEqual(['click>=8', 'pytest>=8', 'ruff==0.6.0']);
  });

  it('an include-group cycle is an error', () => {
    const e = error(() =>
      compile(
        snap(
          `[project]\nname = "p"\nversion = "1"\n[dependency-groups]\na = [{ include-group = "b" }]\nb = [{ include-group = "a" }]\n[tool.microb.target.default]\ngroups = ["a"]\n`,
        ),
      ),
    );
    expect(e.format()).toMatch(/include each other: a → b → a/);
  });

  it('Poetry groups and multiple-constraint dependencies are translated', () => {
    const result = compile(
      snap(
        `[tool.poetry]\nname = "p"\nversion = "1"\n[tool.poetry.dependencies]\npython = "^3.11"\nnumpy = [\n  { version = "^1.26", python = "<3.12" },\n  { version = "^2.0", python = ">=3.12" },\n]\n[tool.poetry.group.dev.dependencies]\npytest = "^8.0"\n[tool.microb.target.default]\ngroups = ["dev"]\n`,
      ),
    );
    expect(result.plan.dependencies).toEqual([
      'numpy>=1.26,<2.0; python_version < "3.12"',
      'numpy>=2.0,<3.0; python_version >= "3.12"',
      'pytest>=8.0,<9.0',
    ]);
  });
});

describe('requirements files with nested -r / -c', () => {
  const pyproject = `[project]\nname = "p"\nversion = "1"\nrequires-python = ">=3.11"\n[tool.microb.target.default]\nrequirements = "reqs/prod.txt"\n`;
  const snap = (files: Record<string, string>) => ({
    pyprojectPath: 'app/pyproject.toml',
    pyprojectText: pyproject,
    files: new Map<string, string | null>(Object.entries(files)),
  });

  it('resolve relative to the referring file; every file mounted at its own path', () => {
    const result = compile(
      snap({
        'reqs/prod.txt': '-r base.txt\n--constraint=../constraints.txt\nclick\n',
        'reqs/base.txt': 'six\n',
        'constraints.txt': 'click==8.1.3\n',
      }),
    );
    expect(result.dockerfile).toContain(
      '--mount=type=bind,source=reqs/prod.txt,target=/run/microb/requirements/reqs/prod.txt',
    );
    expect(result.dockerfile).toContain(
      '--mount=type=bind,source=reqs/base.txt,target=/run/microb/requirements/reqs/base.txt',
    );
    expect(result.dockerfile).toContain(
      '--mount=type=bind,source=constraints.txt,target=/run/microb/requirements/constraints.txt',
    );
    expect(result.dockerfile).toContain('-r /run/microb/requirements/reqs/.microb-requirements.txt');
  });

  it('a missing nested file is an error at its file:line', () => {
    const e = error(() => compile(snap({ 'reqs/prod.txt': 'click\n-r common.txt\n' })));
    expect(e.format()).toMatch(
      /^app\/reqs\/prod\.txt:2:4: error: the nested requirements file "common\.txt" does not exist \(looked for reqs\/common\.txt\)/,
    );
  });

  it('a -r split over a continuation is followed, by the snapshot reader and the compiler alike', () => {
    const prod = '-r \\\n  base.txt\nclick\n';
    expect(nestedRequirementFiles('reqs/prod.txt', prod)).toEqual(['reqs/base.txt']);
    const result = compile(snap({ 'reqs/prod.txt': prod, 'reqs/base.txt': 'six\n' }));
    expect(result.dockerfile).toContain(
      '--mount=type=bind,source=reqs/base.txt,target=/run/microb/requirements/reqs/base.txt',
    );
  });

  it('a nested file outside the project is refused', () => {
    const e = error(() => compile(snap({ 'reqs/prod.txt': '-r ../../etc/passwd\n' })));
    expect(e.format()).toMatch(/outside the project/);
  });
});

describe('uv workspace members and path dependencies', () => {
  const pyproject = `[project]\nname = "app"\nversion = "1"\nrequires-python = ">=3.11"\ndependencies = ["lib"]\n[tool.uv.sources]\nlib = { workspace = true }\n[tool.uv.workspace]\nmembers = ["packages/*"]\n[tool.microb.target.default]\n`;
  const lock = (memberPath: string) => `version = 1
revision = 3
requires-python = ">=3.11"

[manifest]
members = ["app", "lib"]

[[package]]
name = "app"
version = "1"
source = { editable = "." }
dependencies = [{ name = "lib" }]

[package.metadata]
requires-dist = [{ name = "lib", editable = "${memberPath}" }]

[[package]]
name = "lib"
version = "0.2.0"
source = { editable = "${memberPath}" }
dependencies = [{ name = "six" }]

[[package]]
name = "six"
version = "1.16.0"
source = { registry = "https://idx.example/simple" }
wheels = [{ url = "https://idx.example/six-1.16.0-py2.py3-none-any.whl", hash = "sha256:${'c'.repeat(64)}" }]
`;
  const snap = (memberPath: string) => ({
    pyprojectPath: 'pyproject.toml',
    pyprojectText: pyproject,
    files: new Map<string, string | null>([['uv.lock', lock(memberPath)]]),
  });

  it('a member is installed from its own directory of the build context; its dependencies from the lock', () => {
    const result = compile(snap('packages/lib'), { projectDir: 'svc' });
    expect(
      heredoc(result.dockerfile, '/opt/microb/lock/requirements.txt').map((l) => l.split(' --hash')[0]),
    ).toEqual(['six==1.16.0']);
    expect(heredoc(result.dockerfile, '/opt/microb/lock/local.txt')).toEqual(['/run/microb/local/0']);
    expect(result.dockerfile).toContain(
      '--mount=type=bind,source=svc/packages/lib,target=/run/microb/local/0,rw',
    );
    expect(result.dockerfile).toContain('--no-deps -r /opt/microb/lock/local.txt');
  });

  it('a member outside the project is refused', () => {
    expect(error(() => compile(snap('../elsewhere'))).format()).toMatch(/outside the project/);
  });
});

describe('lock content is untrusted', () => {
  const pyproject = `[project]\nname = "app"\nversion = "1"\nrequires-python = ">=3.11"\ndependencies = ["x"]\n[tool.microb.target.default]\n`;
  const lock = (name: string, wheels: string) =>
    `version = 1\nrequires-python = ">=3.11"\n\n[[package]]\nname = "app"\nversion = "1"\nsource = { editable = "." }\ndependencies = [{ name = ${JSON.stringify(name)} }]\n\n[package.metadata]\nrequires-dist = [{ name = "x" }]\n\n[[package]]\nname = ${JSON.stringify(name)}\nversion = "1"\nsource = { registry = "https://idx.example/simple" }\nwheels = [${wheels}]\n`;
  const compileLock = (text: string) =>
    compile({
      pyprojectPath: 'pyproject.toml',
      pyprojectText: pyproject,
      files: new Map([['uv.lock', text]]),
    });
  const wheel = (c: string) => `{ url = "https://idx.example/x.whl", hash = "sha256:${c.repeat(64)}" }`;

  it('a package name with a line break is refused, escaped in the message', () => {
    const e = error(() => compileLock(lock('x\nRUN id', wheel('a'))));
    expect(e.format()).toContain('invalid package name "x\\nRUN id"');
    expect(e.format()).not.toContain('\nRUN id');
  });

  it('a line longer than BuildKit reads is refused naming the package', () => {
    const many = Array.from(
      { length: 800 },
      (_, i) => `{ url = "https://idx.example/x.whl", hash = "sha256:${i.toString(16).padStart(64, '0')}" }`,
    ).join(', ');
    expect(error(() => compileLock(lock('x', many))).format()).toMatch(/package "x" makes a \d+-byte line/);
  });

  it('a git URL of a lock with a token in it is refused', () => {
    const text = lock('x', wheel('a')).replace(
      'source = { registry = "https://idx.example/simple" }',
      `source = { git = "https://ghp_secret@git.example/x.git?rev=main#${'0'.repeat(40)}" }`,
    );
    expect(error(() => compileLock(text)).format()).toMatch(/carries credentials/);
  });
});

describe('requirements files: every line parsed', () => {
  const pyproject = `[project]\nname = "p"\nversion = "1"\nrequires-python = ">=3.11"\n[tool.microb.target.default]\nrequirements = "requirements.txt"\n`;
  const compileWith = (text: string) =>
    compile({
      pyprojectPath: 'app/pyproject.toml',
      pyprojectText: pyproject,
      files: new Map([['requirements.txt', text]]),
    });

  it('uv export output (hashes on continuation lines, comments, markers) passes', () => {
    expect(() =>
      compileWith(
        "# uv export\n-e .\nclick==8.1.7 \\\n    --hash=sha256:aaaa \\\n    --hash=sha256:bbbb\n    # via app\ncolorama==0.4.6 ; sys_platform == 'win32' \\\n    --hash=sha256:cccc\n--index-url https://idx.example/simple\n./wheels/local-1.0-py3-none-any.whl\n",
      ),
    ).not.toThrow();
  });

  it('an invalid requirement is an error at file:line:column', () => {
    const e = error(() => compileWith('click==8.1.7\nrequests>=>2\n'));
    expect(e.format()).toMatch(/^app\/requirements\.txt:2:\d+: error: invalid requirement "requests>=>2"/);
  });

  it('lines are joined as pip joins them: a CRLF continuation too', () => {
    expect(() => compileWith('click==8.1.7 \\\r\n    --hash=sha256:aaaa\r\nsix\r\n')).not.toThrow();
  });

  it('a comment line ending in a backslash continues nothing: the next line is read (pip reads it)', () => {
    const e = error(() => compileWith('# pinned by hand \\\nrequests>=>2\n'));
    expect(e.format()).toMatch(/^app\/requirements\.txt:2:\d+: error: invalid requirement "requests>=>2"/);
  });

  it('a credential split over a continuation is found where its URL starts', () => {
    const e = error(() =>
      compileWith('click\npkg @ https://user:pa\\\nss@files.example/pkg-1.0-py3-none-any.whl\n'),
    );
    expect(e.format()).toMatch(
      /^app\/requirements\.txt:2:7: error: a https URL in the requirements file contains credentials/,
    );
  });

  it('an option pip would take from the file but that has no place here is refused', () => {
    expect(error(() => compileWith('--target /tmp/x\n')).format()).toMatch(
      /^app\/requirements\.txt:1:1: error: pip option "--target" is not supported/,
    );
  });
});
