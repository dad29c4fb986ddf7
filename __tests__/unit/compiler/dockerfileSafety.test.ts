import { DockerfileParser } from 'dockerfile-ast';
import { describe, expect, it } from 'vitest';
import {
  commentText,
  copyArgs,
  dockerValue,
  execForm,
  labelKey,
  mountFlag,
  shellQuote,
  UnsafeTextError,
} from '../../../src/compiler/dockerfile/quote.js';
import { MAX_LINE_BYTES, renderDockerfile, wrapLongLines } from '../../../src/compiler/dockerfile/render.js';
import { compile, ConfigError, type CompileResult } from '../../../src/compiler/index.js';
import { formatRequirement, parseRequirement } from '../../../src/compiler/pyproject/pep508.js';
import { compileText, configError, PROJECT, snapshot } from './helpers.js';

const CONTROLS = ['\n', '\r', '\u0000', '\u2028', '\u2029', '\u001b', '\u0085', '\u007f', '\t'];

describe('the quoting layer refuses control characters in every field', () => {
  const fields: [string, (text: string) => string][] = [
    ['shell word', (t) => shellQuote(`a${t}b`)],
    ['ENV/LABEL value', (t) => dockerValue([{ kind: 'text', text: `a${t}b` }])],
    ['${X:-fallback}', (t) => dockerValue([{ kind: 'arg', name: 'X', fallback: `a${t}` }])],
    ['label key', (t) => labelKey(`a${t}`)],
    ['COPY path', (t) => copyArgs([`a${t}`, '/x'])],
    ['comment', (t) => commentText(`a${t}`)],
    ['mount field', (t) => mountFlag([['target', `/a${t}`]])],
  ];
  for (const [name, quote] of fields) {
    it(name, () => {
      for (const c of CONTROLS) expect(() => quote(c), JSON.stringify(c)).toThrow(UnsafeTextError);
    });
  }

  it('every raw field of the renderer, too (a future field cannot slip a line in)', () => {
    const plan =
      (instruction: Parameters<typeof renderDockerfile>[0]['stages'][0]['instructions'][0]) => () =>
        renderDockerfile({ header: [], stages: [{ instructions: [instruction] }] });
    expect(plan({ op: 'FROM', image: 'python:3\nRUN id', name: 'x' })).toThrow(UnsafeTextError);
    expect(plan({ op: 'WORKDIR', path: '/a\u2028b' })).toThrow(UnsafeTextError);
    expect(plan({ op: 'USER', user: '1\r2' })).toThrow(UnsafeTextError);
    expect(plan({ op: 'RUN', mounts: [], commands: ['echo a\nid'] })).toThrow(UnsafeTextError);
    expect(plan({ op: 'RUN', mounts: [], commands: [['pip install', 'x\ny']] })).toThrow(UnsafeTextError);
    expect(plan({ op: 'ARG', name: 'A\nB' })).toThrow(UnsafeTextError);
    expect(() => renderDockerfile({ header: ['a\nRUN id'], stages: [] })).toThrow(UnsafeTextError);
  });

  it('exec-form arguments keep such characters, as JSON escapes', () => {
    const json = execForm(['a\nb', 'c\u2028d', 'e\u0085']);
    expect(json).not.toMatch(/[\n\u2028\u0085]/);
    expect(JSON.parse(json)).toEqual(['a\nb', 'c\u2028d', 'e\u0085']);
  });

  it('a pyproject value that would carry one is a located error (build-backend in the comment)', () => {
    let error: unknown;
    try {
      compile({
        ...snapshot(
          `[build-system]\nrequires = ["x"]\nbuild-backend = "x.api\\n::save-state name=cacheSaveState::{}"\n${PROJECT}`,
        ),
        layout: new Map([['src', 'dir']]),
      });
    } catch (e) {
      error = e;
    }
    if (!(error instanceof ConfigError)) throw new Error(`expected a ConfigError, got ${String(error)}`);
    expect(error.field).toBe('build-system.build-backend');
    expect(`${error.location.line}:${error.location.column}`).toBe('3:1');
    expect(error.problem).toMatch(/comment: the character U\+000A cannot be written into a Dockerfile line/);
    expect(error.hint).toMatch(/remove the line break/);
  });

  it('so does a hatch packages entry (a comment of the build-by-backend reason)', () => {
    const r = () =>
      compile({
        ...snapshot(
          `[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n${PROJECT}[tool.hatch.build.targets.wheel]\npackages = ["src/a\\u2028RUN id"]\n`,
        ),
        layout: new Map([['src', 'dir']]),
      });
    expect(r).toThrow(/^proj\/pyproject\.toml:9:13: error: comment: the character U\+2028/);
  });
});

describe('item 13: no generated line over 65,535 bytes', () => {
  const deps = (n: number) =>
    Array.from(
      { length: n },
      (_, i) => `"package-number-${i}[extra-a,extra-b]>=1.${i},<2 ; python_version >= \\"3.10\\""`,
    );
  const longest = (text: string) => Math.max(...text.split('\n').map((l) => Buffer.byteLength(l)));

  it('3,000 dependencies: one requirement per line, the dependency label split, every line short', () => {
    const r = compileText(`${PROJECT}dependencies = [${deps(3000).join(',')}]\n`);
    expect(longest(r.dockerfile)).toBeLessThanOrEqual(MAX_LINE_BYTES);
    expect(r.dockerfile).toContain(
      `\n      'package-number-2999[extra-a,extra-b]>=1.2999,<2; python_version >= "3.10"' \\\n`,
    );
    // the label value, split over continuation lines, still parses to the whole list
    const label = DockerfileParser.parse(r.dockerfile)
      .getInstructions()
      .filter((i) => i.getKeyword() === 'LABEL')
      .flatMap((i) =>
        (i as unknown as { getProperties(): { getName(): string; getValue(): string }[] }).getProperties(),
      )
      .find((p) => p.getName() === 'dev.microb.dependencies');
    expect(JSON.parse(label?.getValue() ?? '')).toEqual(r.plan.dependencies);
    expect(r.plan.dependencies).toHaveLength(3000);
  });

  it('the metadata wheel of a copied project with 3,000 dependencies: one heredoc line each, as written', () => {
    const r: CompileResult = compile({
      ...snapshot(
        `[project]\nname = "p"\nversion = "1"\nrequires-python = ">=3.11,<3.12"\ndependencies = [${deps(3000).join(',')}]\n`,
      ),
      layout: new Map([
        ['src', 'dir'],
        ['src/p', 'package'],
      ] as const),
    });
    expect(longest(r.dockerfile)).toBeLessThanOrEqual(MAX_LINE_BYTES);
    // written as a heredoc: a line a dependency, read back exactly as it is
    const start = "COPY <<'MICROB_EOF' /opt/microb/metadata/p-1.dist-info/METADATA\n";
    const at = r.dockerfile.indexOf(start) + start.length;
    const metadata = r.dockerfile.slice(at, r.dockerfile.indexOf('\nMICROB_EOF\n', at));
    expect(metadata.match(/^Requires-Dist: .*$/gm)).toEqual(
      deps(3000).map((d) => `Requires-Dist: ${formatRequirement(parseRequirement(JSON.parse(d) as string))}`),
    );
  });

  it('a single value too long for a line is a located error in check', () => {
    const error = configError(`${PROJECT}dependencies = ["ok", "p @ https://h/${'x'.repeat(70_000)}"]\n`);
    expect(error.field).toBe('project.dependencies.1');
    expect(error.problem).toMatch(/bytes long, more than the 60000/);
    expect(`${error.location.line}`).toBe('5');
    const label = configError(
      `${PROJECT}[tool.microb.target.default]\nlabels = { a = "${'é'.repeat(31_000)}" }\n`,
    );
    expect(label.field).toBe('tool.microb.target.default.labels.a');
  });

  it('long lines are cut where a continuation is read back exactly', () => {
    const line = `LABEL a="${'x '.repeat(20_000)}#${'\\\\'.repeat(9000)}"`;
    const wrapped = wrapLongLines(line);
    expect(longest(wrapped)).toBeLessThanOrEqual(MAX_LINE_BYTES);
    for (const next of wrapped.split('\\\n').slice(1)) expect(next).toMatch(/^[^\s#]/);
    expect(wrapped.split('\\\n').join('')).toBe(line);
  });
});

describe('item 10: mount fields survive a project directory with spaces, ; # , = $ and quotes', () => {
  it('the bind mount of a requirements file is one flag word with a CSV-quoted source', () => {
    const r = compileText(
      `${PROJECT}[tool.microb.target.default]\nrequirements = "requirements.txt"\n`,
      { projectDir: `my app; #1,a=b $HOME 'q"` },
      { 'requirements.txt': 'x==1\n' },
    );
    const mount = r.dockerfile.split('\n').find((l) => l.includes('type=bind')) ?? '';
    expect(mount.trim()).toBe(
      String.raw`--mount="type=bind,\"source=my app; #1,a=b \\$HOME \\'q\\\"\"/requirements.txt\",target=/run/microb/requirements.in"` +
        ' \\',
    );
    // the same instructions as with a plain directory name (the flag's own reading: e2e, real engine)
    const plain = compileText(
      `${PROJECT}[tool.microb.target.default]\nrequirements = "requirements.txt"\n`,
      { projectDir: 'app' },
      { 'requirements.txt': 'x==1\n' },
    );
    const keywords = (text: string) =>
      DockerfileParser.parse(text)
        .getInstructions()
        .map((i) => i.getKeyword());
    expect(keywords(r.dockerfile)).toEqual(keywords(plain.dockerfile));
  });

  it('glob characters in a bind source are refused (BuildKit uses it as a pattern)', () => {
    expect(() =>
      compileText(
        `${PROJECT}[tool.microb.target.default]\nrequirements = "requirements.txt"\n`,
        { projectDir: 'a[1]' },
        { 'requirements.txt': 'x\n' },
      ),
    ).toThrow(/bind mount source/);
  });
});
