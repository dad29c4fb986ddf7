import { describe, expect, it } from 'vitest';

import { compile, dependencyChanges } from '../../../src/compiler/index.js';

describe('dependencyChanges', () => {
  it('lists added, removed and changed versions by normalised name, sorted', () => {
    expect(
      dependencyChanges(
        ['requests==2.31.0', 'Flask>=2', 'idna==3.6', 'numpy==1.26.4 ; python_version < "3.12"'],
        ['requests==2.32.3', 'flask>=2', 'click==8.1.7', 'numpy==1.26.4 ; python_version < "3.12"'],
      ),
    ).toEqual([
      { name: 'click', after: '8.1.7' },
      { name: 'idna', before: '3.6' },
      { name: 'requests', before: '2.31.0', after: '2.32.3' },
    ]);
  });

  it('keeps markers, extras, ranges and direct references readable', () => {
    expect(
      dependencyChanges(
        ['uvicorn[standard]>=0.20', 'lib @ git+https://git.example/lib.git@aaaa'],
        [
          'uvicorn[standard]>=0.30,<1',
          'lib @ git+https://git.example/lib.git@bbbb',
          'tomli==2.0.1 ; python_version < "3.11"',
        ],
      ),
    ).toEqual([
      {
        name: 'lib',
        before: '@ git+https://git.example/lib.git@aaaa',
        after: '@ git+https://git.example/lib.git@bbbb',
      },
      { name: 'tomli', after: '2.0.1 (python_version < "3.11")' },
      { name: 'uvicorn', before: '[standard] >=0.20', after: '[standard] >=0.30,<1' },
    ]);
  });

  it('is empty when only the order changes, and keeps a non-requirement line whole', () => {
    expect(dependencyChanges(['a==1', 'b==2'], ['b==2', 'a==1'])).toEqual([]);
    expect(dependencyChanges(['-r requirements.txt'], [])).toEqual([
      { name: '-r requirements.txt', before: '' },
    ]);
  });

  it("compares two compiled plans' lock pins", () => {
    const lock = (version: string) => `version = 1
requires-python = ">=3.11"

[[package]]
name = "app"
version = "1.0.0"
source = { editable = "." }
dependencies = [{ name = "six" }]

[[package]]
name = "six"
version = "${version}"
source = { registry = "https://index.example/simple" }
sdist = { url = "https://files.example/six-${version}.tar.gz", hash = "sha256:${'a'.repeat(64)}" }
`;
    const plan = (version: string) =>
      compile({
        pyprojectPath: 'pyproject.toml',
        pyprojectText: '[project]\nname = "app"\nversion = "1.0.0"\ndependencies = ["six"]\n',
        files: new Map([
          ['.python-version', '3.11\n'],
          ['.dockerignore', null],
          ['uv.lock', lock(version)],
        ]),
      }).plan.dependencies;
    expect(dependencyChanges(plan('1.16.0'), plan('1.17.0'))).toEqual([
      { name: 'six', before: '1.16.0', after: '1.17.0' },
    ]);
  });
});
