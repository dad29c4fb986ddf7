import { describe, expect, it } from 'vitest';
import {
  formatMarker,
  formatRequirement,
  parseMarker,
  parseRequirement,
  Pep508Error,
} from '../../../src/compiler/pyproject/pep508.js';
import { configError, compileText } from './helpers.js';

/** The canonical text, or the error's offset and problem. */
function reading(text: string): string {
  try {
    return formatRequirement(parseRequirement(text));
  } catch (error) {
    if (error instanceof Pep508Error) return `error at ${error.offset}: ${error.problem}`;
    throw error;
  }
}

describe('PEP 508: the examples of the specification', () => {
  // PEP 508, "Complete Grammar" test cases, with the form packaging prints them in
  const examples: [string, string][] = [
    ['A', 'A'],
    ['A.B-C_D', 'A.B-C_D'],
    ['aa', 'aa'],
    ['name', 'name'],
    ['name<=1', 'name<=1'],
    ['name>=3', 'name>=3'],
    ['name>=3,', 'name>=3'],
    ['name@http://foo.com', 'name @ http://foo.com'],
    [
      "name [fred,bar] @ http://foo.com ; python_version=='2.7'",
      'name[fred,bar] @ http://foo.com ; python_version == "2.7"',
    ],
    [
      "name[quux, strange];python_version<'2.7' and platform_version=='2'",
      'name[quux,strange]; python_version < "2.7" and platform_version == "2"',
    ],
    ["name; os_name=='a' or os_name=='b'", 'name; os_name == "a" or os_name == "b"'],
    // (a and b) or c
    [
      "name; os_name=='a' and os_name=='b' or os_name=='c'",
      'name; os_name == "a" and os_name == "b" or os_name == "c"',
    ],
    // a and (b or c): the parentheses are kept
    [
      "name; os_name=='a' and (os_name=='b' or os_name=='c')",
      'name; os_name == "a" and (os_name == "b" or os_name == "c")',
    ],
    // a or (b and c)
    [
      "name; os_name=='a' or os_name=='b' and os_name=='c'",
      'name; os_name == "a" or os_name == "b" and os_name == "c"',
    ],
    // (a or b) and c
    [
      "name; (os_name=='a' or os_name=='b') and os_name=='c'",
      'name; (os_name == "a" or os_name == "b") and os_name == "c"',
    ],
  ];
  for (const [text, canonical] of examples) {
    it(JSON.stringify(text), () => {
      expect(reading(text)).toBe(canonical);
      // the canonical form reads back to itself
      expect(reading(canonical)).toBe(canonical);
    });
  }

  it('reads every part of a requirement', () => {
    expect(parseRequirement('requests [security,tests] >= 2.8.1, == 2.8.* ; python_version < "2.7"')).toEqual(
      {
        name: 'requests',
        extras: ['security', 'tests'],
        specifiers: [
          { op: '>=', version: '2.8.1' },
          { op: '==', version: '2.8.*' },
        ],
        marker: {
          kind: 'compare',
          left: { kind: 'variable', name: 'python_version' },
          op: '<',
          right: { kind: 'string', value: '2.7' },
        },
      },
    );
    expect(
      reading(
        'pip @ https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee9982d4bbb3c72346a6de940a148ea686',
      ),
    ).toBe(
      'pip @ https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee9982d4bbb3c72346a6de940a148ea686',
    );
    expect(reading('name (>=1.0, <2)')).toBe('name>=1.0,<2');
    expect(reading('name[]')).toBe('name');
    expect(reading('name===weird-1')).toBe('name===weird-1');
    expect(reading('name~=1.4.5')).toBe('name~=1.4.5');
    expect(reading('name==1.0+local.7')).toBe('name==1.0+local.7');
    expect(reading('name; "linux" in sys_platform and platform_machine not in "x86 i386"')).toBe(
      'name; "linux" in sys_platform and platform_machine not in "x86 i386"',
    );
    expect(reading(`name; extra == 'with "quote"'`)).toBe(`name; extra == 'with "quote"'`);
    expect(reading('name @ git+ssh://git@github.com/o/r@v1 ; python_version >= "3.10"')).toBe(
      'name @ git+ssh://git@github.com/o/r@v1 ; python_version >= "3.10"',
    );
  });

  it('parses a marker alone (Poetry `markers`) and prints `or` inside `and` with its parentheses', () => {
    const marker = parseMarker('sys_platform == "win32" or (os_name=="nt" and python_version<"3.12")');
    expect(formatMarker(marker)).toBe(
      'sys_platform == "win32" or os_name == "nt" and python_version < "3.12"',
    );
    expect(formatMarker({ kind: 'and', left: marker, right: marker })).toMatch(/^\(.*\) and \(.*\)$/);
  });
});

describe('PEP 508: malformed requirements are refused at the offending character', () => {
  const malformed: [string, number, RegExp][] = [
    ['requests>>2', 9, /expected a version after `>`, found `>`/],
    ['flask[async', 11, /expected `,` or `]` in the extras, found the end/],
    [
      'name; python_version >= "3" andd os_name == "nt"',
      28,
      /expected `and`, `or` or the end of the marker, found `andd`/,
    ],
    ['--index-url=https://evil/simple', 0, /a pip option is not a requirement/],
    ['-e .', 0, /a pip option is not a requirement/],
    ['', 0, /empty requirement/],
    ['name @ ', 7, /expected a URL after `@`/],
    ['name @ not-a-url', 7, /invalid URL/],
    ['name==1.0 extra', 10, /expected a version specifier, `;` or the end/],
    ['name; foo == "1"', 6, /unknown marker variable `foo`/],
    ['name; python_version >= "3', 24, /unterminated string/],
    ['name; python_version ~ "3"', 21, /expected a marker operator/],
    ['name; (os_name == "a"', 21, /expected `\)`/],
    ['name~=1', 4, /~= needs at least two release segments/],
    ['name>=1.0+local', 4, /local version/],
    ['name>=1.*', 4, /`\.\*` only goes with == and !=/],
    ['name==one', 4, /not a PEP 440 version/],
    ['name (>=1', 9, /expected `,` or `\)`/],
    ['name\nRUN curl x | sh', 4, /control character \(U\+000A\)/],
    ['name\u2028x', 4, /control character \(U\+2028\)/],
    ['name; os_name == "a\\b"', 19, /not allowed in a marker string/],
    ['café', 3, /expected a version specifier/],
    ['.name', 0, /expected a project name/],
    ['name[a,]', 7, /expected an extra name/],
    ['name; python_version >= "3" and', 31, /expected a marker variable or a quoted string, found the end/],
    ['name ; ', 7, /expected a marker variable/],
    ['name $(id)', 5, /expected a version specifier/],
  ];
  for (const [text, offset, problem] of malformed) {
    it(JSON.stringify(text), () => {
      let caught: unknown;
      try {
        parseRequirement(text);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(Pep508Error);
      const error = caught as Pep508Error;
      expect(error.problem).toMatch(problem);
      expect(error.offset).toBe(offset);
      expect(error.hint.length).toBeGreaterThan(10);
    });
  }
});

describe('requirements in the pyproject: check fails with file:line:col and a hint', () => {
  const project = (deps: string) =>
    `[project]\nname = "app"\nversion = "1.0"\nrequires-python = ">=3.11,<3.12"\ndependencies = ["ok", ${deps}]\n`;
  // `dependencies = ["ok", "` is 23 characters: the string's first character is column 24
  const cases: [string, string, RegExp, RegExp][] = [
    ['"requests>>2"', '5:33', /expected a version after `>`/, /an operator/],
    ['"flask[async"', '5:35', /in the extras/, /flask\[async\]/],
    [
      '"x; python_version >= \\"3\\" andd os_name == \\"nt\\""',
      '5:51',
      /andd/,
      /join marker conditions with `and` or `or`/,
    ],
    ['"--index-url=https://evil/simple"', '5:24', /a pip option is not a requirement/, /indices/],
  ];
  for (const [written, at, problem, hint] of cases) {
    it(written, () => {
      const error = configError(project(written));
      expect(`${error.location.line}:${error.location.column}`).toBe(at);
      expect(error.field).toBe('project.dependencies.1');
      expect(error.problem).toMatch(problem);
      expect(error.hint).toMatch(hint);
      expect(error.format()).toMatch(/^proj\/pyproject\.toml:5:\d+: error: invalid requirement /);
    });
  }

  it('the same rules hold for build-system.requires, optional-dependencies and Poetry tables', () => {
    const build = configError(
      `[build-system]\nrequires = ["setuptools\\nRUN --mount=type=ssh curl x | sh"]\n[project]\nname = "a"\nversion = "1"\n`,
    );
    expect(build.field).toBe('build-system.requires.0');
    expect(build.problem).toMatch(/control character/);
    const extra = configError(
      `[project]\nname = "a"\nversion = "1"\n[project.optional-dependencies]\nx = ["ok", "requests>>2"]\n`,
    );
    expect(extra.field).toBe('project.optional-dependencies.x.1');
    const poetry = configError(
      `[tool.poetry]\nname = "a"\n[tool.poetry.dependencies]\npython = "^3.11"\nrich = { version = "^13", markers = "os_name == 'nt' andd x" }\n`,
    );
    expect(poetry.field).toBe('tool.poetry.dependencies.rich.markers');
    expect(poetry.problem).toMatch(/andd/);
  });

  it('dependencies are written in canonical form, and Poetry three-part python bounds use python_full_version', () => {
    const r = compileText(
      `[tool.poetry]\nname = "a"\n[tool.poetry.dependencies]\npython = "^3.11"\nrich = { version = "^13", python = "^3.8.1", markers = "os_name=='nt'" }\nclick = { version = "8.*", python = ">=3.9" }\n`,
    );
    expect(r.plan.dependencies).toEqual([
      'rich>=13,<14; os_name == "nt" and python_full_version >= "3.8.1" and python_full_version < "4.0.0"',
      'click==8.*; python_version >= "3.9"',
    ]);
  });
});
