import { describe, expect, it } from 'vitest';
import { compile, describeProjectInstall, type EntryKind } from '../../../src/compiler/index.js';
import { metadataWheel } from '../../../src/compiler/plan/metadataWheel.js';
import { snapshot } from './helpers.js';

const SETUPTOOLS = `[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n`;
const HATCHLING = `[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n`;
const FLIT = `[build-system]\nrequires = ["flit_core>=3.4"]\nbuild-backend = "flit_core.buildapi"\n`;
const POETRY = `[build-system]\nrequires = ["poetry-core"]\nbuild-backend = "poetry.core.masonry.api"\n`;
const META = `[project]\nname = "my-app"\nversion = "1.2.0"\nrequires-python = ">=3.11"\n`;

type Layout = Record<string, EntryKind>;

function dockerfile(pyproject: string, layout: Layout | undefined): string {
  const snap = snapshot(pyproject);
  return compile(layout === undefined ? snap : { ...snap, layout: new Map(Object.entries(layout)) })
    .dockerfile;
}

/** The `COPY … /opt/microb/project/…` sources, or the build reason. */
function decision(pyproject: string, layout: Layout | undefined): string[] | string {
  const text = dockerfile(pyproject, layout);
  const copies = [...text.matchAll(/^COPY (\S+) \/opt\/microb\/project\/(\S+)$/gm)];
  if (copies.length > 0) {
    expect(text).not.toMatch(/^COPY \. \/src$/m);
    return copies.map((m) => `${m[1]}→${m[2]}`);
  }
  expect(text).toMatch(/^COPY \. \/src$/m);
  // the comment heading the project stage, its lines joined
  const heading = text
    .slice(0, text.indexOf('\nFROM builder AS project'))
    .split('\n')
    .reverse()
    .filter((line, i, lines) => lines.slice(0, i + 1).every((l) => l.startsWith('# ')))
    .reverse()
    .map((line) => line.slice(2))
    .join(' ');
  const reason = /Rebuilt by every source change: (.*?)\.(?: With its dependencies|$)/.exec(heading);
  return reason?.[1] ?? 'no reason given';
}

const SRC: Layout = { src: 'dir', 'src/my_app': 'package', tests: 'dir' };
const FLAT: Layout = { my_app: 'package', tests: 'package', docs: 'dir', 'setup_helpers.py': 'file' };

describe('how the project gets into the image: copied as it is, or built by its backend', () => {
  const cases: [string, string, Layout | undefined, string[] | RegExp][] = [
    ['setuptools, src layout', META + SETUPTOOLS, SRC, ['src/my_app→my_app']],
    [
      'setuptools, src layout with a module and two packages',
      META + SETUPTOOLS,
      { src: 'dir', 'src/a': 'package', 'src/b': 'package', 'src/c.py': 'file', 'src/x.egg-info': 'dir' },
      ['src/a→a', 'src/b→b', 'src/c.py→c.py'],
    ],
    [
      'setuptools, flat layout: the one package (tests/, docs/ and modules aside)',
      META + SETUPTOOLS,
      { my_app: 'package', tests: 'package', docs: 'dir', 'conftest.py': 'file' },
      ['my_app→my_app'],
    ],
    [
      'setuptools, single module',
      META + SETUPTOOLS,
      { 'tool.py': 'file', 'README.md': 'file' },
      ['tool.py→tool.py'],
    ],
    [
      'setuptools, explicit packages with package-dir',
      `${META + SETUPTOOLS}[tool.setuptools]\npackages = ["core", "core.sub"]\npackage-dir = { "" = "src" }\n`,
      { src: 'dir', 'src/core': 'package', 'src/other': 'package' },
      ['src/core→core'],
    ],
    [
      'setuptools, packages.find where = ["src"] and package-data',
      `${META + SETUPTOOLS}[tool.setuptools.packages.find]\nwhere = ["src"]\n[tool.setuptools.package-data]\nmy_app = ["*.json"]\n`,
      SRC,
      ['src/my_app→my_app'],
    ],
    ['no [build-system]: setuptools legacy', META, SRC, ['src/my_app→my_app']],
    [
      'setuptools, listed packages without package-dir are beside the pyproject, even with a src/',
      `${META + SETUPTOOLS}[tool.setuptools]\npackages = ["app"]\n`,
      { app: 'package', src: 'dir', 'src/other': 'package' },
      ['app→app'],
    ],
    [
      'setuptools, packages.find without where (every directory beside the pyproject)',
      `${META + SETUPTOOLS}[tool.setuptools.packages.find]\nnamespaces = false\n`,
      SRC,
      /include\/exclude\/namespaces/,
    ],
    [
      'setuptools, packages.find with where = ["."]',
      `${META + SETUPTOOLS}[tool.setuptools.packages.find]\nwhere = ["."]\n`,
      FLAT,
      /where is not \["src"\]/,
    ],
    ['hatchling default', META + HATCHLING, SRC, ['src/my_app→my_app']],
    ['hatchling default, flat', META + HATCHLING, FLAT, ['my_app→my_app']],
    [
      'hatchling explicit packages',
      `${META + HATCHLING}[tool.hatch.build.targets.wheel]\npackages = ["src/lib"]\n`,
      { src: 'dir', 'src/lib': 'package' },
      ['src/lib→lib'],
    ],
    ['flit default module', META + FLIT, { 'my_app.py': 'file' }, ['my_app.py→my_app.py']],
    [
      'flit [tool.flit.module] name',
      `${META + FLIT}[tool.flit.module]\nname = "other"\n`,
      { other: 'package' },
      ['other→other'],
    ],
    [
      'poetry metadata and packages from src',
      `[tool.poetry]\nname = "my-app"\nversion = "0.1.0"\ndescription = ""\nauthors = []\npackages = [{ include = "pkg", from = "src" }]\n[tool.poetry.dependencies]\npython = "^3.11"\n${POETRY}`,
      { src: 'dir', 'src/pkg': 'package' },
      ['src/pkg→pkg'],
    ],
    ['the layout was not read', META + SETUPTOOLS, undefined, /layout was not read/],
    ['dynamic version', `[project]\nname = "a"\ndynamic = ["version"]\n${SETUPTOOLS}`, SRC, /dynamic/],
    ['setup.py beside the pyproject', META + SETUPTOOLS, { ...SRC, 'setup.py': 'file' }, /setup\.py/],
    [
      'ext-modules',
      `${META + SETUPTOOLS}[[tool.setuptools.ext-modules]]\nname = "x"\nsources = ["x.c"]\n`,
      SRC,
      /ext-modules/,
    ],
    [
      'find with include/exclude',
      `${META + SETUPTOOLS}[tool.setuptools.packages.find]\ninclude = ["my_app*"]\n`,
      SRC,
      /include\/exclude/,
    ],
    ['namespace package in src', META + SETUPTOOLS, { src: 'dir', 'src/ns': 'dir' }, /no __init__\.py/],
    [
      'flat layout with two packages but setup.py (it may name them)',
      META + SETUPTOOLS,
      { a: 'package', b: 'package', 'setup.py': 'file' },
      /setup\.py may configure the build/,
    ],
    ['hatchling build hook', `${META + HATCHLING}[tool.hatch.build.hooks.custom]\n`, SRC, /sets hooks/],
    [
      'hatchling, no package by the project name',
      META + HATCHLING,
      { src: 'dir', 'src/other': 'package' },
      /no package or module named my_app/,
    ],
    [
      'an unknown backend',
      `${META}[build-system]\nrequires = ["maturin"]\nbuild-backend = "maturin"\n`,
      SRC,
      /maturin/,
    ],
    [
      'in-tree backend',
      `${META}[build-system]\nrequires = []\nbuild-backend = "b"\nbackend-path = ["."]\n`,
      SRC,
      /in-tree/,
    ],
    ['a symlinked package', META + SETUPTOOLS, { src: 'dir', 'src/my_app': 'other' }, /no package in src/],
    [
      'poetry include',
      `[tool.poetry]\nname = "my-app"\nversion = "0.1.0"\ninclude = ["data/*"]\n${POETRY}`,
      FLAT,
      /sets include/,
    ],
  ];
  it.each(cases)('%s', (_rule, pyproject, layout, expected) => {
    const got = decision(pyproject, layout);
    if (expected instanceof RegExp) expect(got).toMatch(expected);
    else expect(got).toEqual(expected);
  });

  it('the copy path stages the metadata wheel with the pyproject entry points, and no sources', () => {
    const text = dockerfile(
      `${META}dependencies = ["click>=8; python_version > \\"3\\""]\n[project.scripts]\nmy-app = "my_app.cli:main"\n[project.entry-points."app.plugins"]\nbasic = "my_app.plugins:basic"\n${SETUPTOOLS}`,
      SRC,
    );
    const finalAt = text.search(/^FROM \S+ AS image$/m);
    const project = text.slice(
      text.indexOf('FROM builder AS project'),
      text.indexOf('FROM builder AS sources'),
    );
    // no source in it: only files written from the pyproject
    expect(project.match(/^COPY .*$/gm)?.every((l) => l.startsWith("COPY <<'MICROB_EOF' "))).toBe(true);
    expect(project).toContain('--root /opt/microb/stage /tmp/my_app-1.2.0-py3-none-any.whl');
    expect(project).toContain(
      "COPY <<'MICROB_EOF' /opt/microb/metadata/my_app-1.2.0.dist-info/entry_points.txt\n[console_scripts]\nmy-app = my_app.cli:main\n[app.plugins]\nbasic = my_app.plugins:basic\nMICROB_EOF\n",
    );
    // the sources come last, after every other file layer of the final image
    const final = text.slice(finalAt);
    expect(final.lastIndexOf('COPY')).toBe(
      final.indexOf('COPY --from=sources --link /opt/microb/project /opt/microb/project'),
    );
  });

  it('the plan says which way was taken, and the shells print it in one line', () => {
    const copied = compile({ ...snapshot(META + SETUPTOOLS), layout: new Map(Object.entries(SRC)) }).plan;
    expect(copied.projectInstall).toEqual({ kind: 'copy', sources: ['src/my_app'] });
    expect(describeProjectInstall(copied)).toBe(
      'project code: src/my_app copied as it is (a source change runs no pip and no backend: a copy and a chmod)',
    );
    const built = compile(snapshot(META + SETUPTOOLS)).plan;
    expect(built.projectInstall).toEqual({ kind: 'build', reason: 'the directory layout was not read' });
    expect(describeProjectInstall(built)).toMatch(
      /^project code: built by its backend on every source change/,
    );
  });

  it('the sources are named relative to the build context', () => {
    const snap = { ...snapshot(META + SETUPTOOLS), layout: new Map(Object.entries(SRC)) };
    const text = compile(snap, { projectDir: 'services/api' }).dockerfile;
    expect(text).toContain('COPY services/api/src/my_app /opt/microb/project/my_app');
  });

  it('a build reason from the pyproject cannot break out of its comment line', () => {
    const text = dockerfile(`[project]\nname = "a"\ndynamic = ["version\\nRUN evil"]\n${SETUPTOOLS}`, SRC);
    expect(text).not.toMatch(/^RUN evil/m);
  });
});

describe('metadataWheel', () => {
  const wheel = metadataWheel({
    name: 'My.App',
    version: '1.0-rc1',
    summary: 'one line\nInjected: header',
    requiresPython: '>=3.11',
    requiresDist: ['click>=8', 'requests; python_version > "3"'],
    entryPoints: [{ group: 'console_scripts', entries: [{ name: 'my-app', reference: 'my_app:main' }] }],
    importRoot: '/opt/microb/project',
  });

  it('names the wheel and its dist-info as pip expects', () => {
    expect(wheel.fileName).toBe('my_app-1.0_rc1-py3-none-any.whl');
    expect(wheel.record).toBe('my_app-1.0_rc1.dist-info/RECORD');
    expect([...wheel.files.keys()]).toEqual([
      '_microb_my_app.pth',
      'my_app-1.0_rc1.dist-info/METADATA',
      'my_app-1.0_rc1.dist-info/WHEEL',
      'my_app-1.0_rc1.dist-info/entry_points.txt',
    ]);
    expect(wheel.files.get('_microb_my_app.pth')).toBe('/opt/microb/project\n');
  });

  it('writes one header per line and leaves out a value with a line break', () => {
    const metadata = wheel.files.get('my_app-1.0_rc1.dist-info/METADATA') ?? '';
    expect(metadata).toBe(
      'Metadata-Version: 2.1\nName: My.App\nVersion: 1.0-rc1\nRequires-Python: >=3.11\n' +
        'Requires-Dist: click>=8\nRequires-Dist: requests; python_version > "3"\n',
    );
  });
});
