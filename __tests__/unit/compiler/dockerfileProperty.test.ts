/**
 * Issue 9's property: every string field of the pyproject fed with line breaks, NUL, U+2028,
 * quotes, `$(...)` and workflow commands gives either a located ConfigError or a Dockerfile with
 * exactly the instructions the same pyproject has with a plain value there.
 */
import { DockerfileParser } from 'dockerfile-ast';
import fc from 'fast-check';
import { stringify } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { compile, ConfigError } from '../../../src/compiler/index.js';
import { MAX_LINE_BYTES } from '../../../src/compiler/dockerfile/render.js';
import { snapshot } from './helpers.js';

type Doc = Record<string, unknown>;

/** A pyproject using every string field, with `value` written into the field `at` chooses. */
function pyproject(value: string, at: number): { text: string; field: string } {
  const v = (i: number, plain: string) => (i === at ? value : plain);
  const fields: [string, (doc: Doc) => void][] = [];
  const doc: Doc = {
    'build-system': { requires: [v(0, 'setuptools>=61')], 'build-backend': v(1, 'setuptools.build_meta') },
    project: {
      name: v(2, 'app'),
      version: v(3, '1.0'),
      description: v(4, 'An app'),
      license: v(5, 'MIT'),
      authors: [{ name: v(6, 'Ann'), email: v(7, 'ann@example.com') }],
      'requires-python': '>=3.11,<3.12',
      dependencies: [v(8, 'requests>=2')],
      'optional-dependencies': { web: [v(9, 'flask')] },
      scripts: { [v(10, 'app')]: v(11, 'app.cli:main') },
      'entry-points': { 'app.plugins': { [v(12, 'p')]: v(13, 'app.plugin') } },
    },
    tool: {
      microb: {
        target: {
          default: {
            extras: ['web'],
            system_deps: [v(14, 'libpq5')],
            build_deps: [v(15, 'gcc')],
            env: { APP_MODE: v(16, 'prod'), [v(17, 'KEY')]: 'x' },
            labels: {
              'com.example.a': v(18, 'a'),
              [v(19, 'com.example.b')]: 'b',
              'com.example.c': `\${X:-${v(20, 'd')}}`,
            },
            entrypoint: ['python', v(21, '-m')],
            command: [v(22, 'app')],
            copy_files: [{ src: v(23, 'config.yaml'), dst: v(24, '/app/config.yaml') }],
            add_files: [{ src: v(25, 'https://example.com/f'), dst: v(26, '/app/f') }],
            indices: [
              { url: v(27, 'https://pypi.example.com/simple'), username: v(28, 'u'), password: v(29, 'p') },
            ],
            python_version: v(30, '3.11'),
            flavor: 'debian',
          },
        },
      },
    },
  };
  void fields;
  return { text: stringify(doc), field: String(at) };
}
const FIELDS = 31;

const hostile = fc.oneof(
  fc.constantFrom(
    'a\nRUN curl x | sh',
    'a\r\nRUN id',
    'a\u2028RUN id',
    'a\u2029b',
    'a\u0000b',
    'x\n::save-state name=cacheSaveState::{"buildxCommand":["sh"]}',
    '::set-output name=digest::sha256:0',
    '::add-mask::x',
    '$(id)',
    '`id`',
    "it's",
    'say "hi"',
    '${HOME}',
    'a\\',
    '#',
    ' # x',
    'a\tb',
    '',
  ),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc
    .array(
      fc.constantFrom(
        'a',
        '\n',
        '\r',
        '\u2028',
        '\u0000',
        '"',
        "'",
        '\\',
        '$',
        '(',
        ')',
        '`',
        ':',
        ' ',
        '#',
        '{',
        '}',
      ),
      {
        maxLength: 12,
      },
    )
    .map((a) => a.join('')),
);

/** The instructions, but ARG: a `${NAME}` in an env or label value declares one, by design. */
function keywords(dockerfile: string): string[] {
  return DockerfileParser.parse(dockerfile)
    .getInstructions()
    .map((i) => i.getKeyword())
    .filter((k) => k !== 'ARG');
}

const baseline = (() => {
  const result = compile(snapshot(pyproject('', -1).text));
  return keywords(result.dockerfile);
})();

describe('property: hostile strings in every pyproject field', () => {
  it('give a located error or exactly the expected instructions', () => {
    expect(baseline.length).toBeGreaterThan(20);
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: FIELDS - 1 }), hostile, (at, value) => {
        let dockerfile: string;
        try {
          dockerfile = compile(snapshot(pyproject(value, at).text)).dockerfile;
        } catch (error) {
          if (!(error instanceof ConfigError)) throw error;
          refused++;
          expect(error.format()).toMatch(
            /^proj\/pyproject\.toml:\d+:\d+: error: [^\n]+(\n {2}hint: [^\n]+)?$/,
          );
          return;
        }
        accepted++;
        // no line break or control character of a field survives into the text
        // eslint-disable-next-line no-control-regex -- looking for control characters on purpose
        expect(dockerfile).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
        for (const line of dockerfile.split('\n')) {
          expect(Buffer.byteLength(line)).toBeLessThanOrEqual(MAX_LINE_BYTES);
          // a workflow command can't start a line (the shells escape what they print, too)
          expect(line).not.toMatch(/^::/);
          if (line.startsWith('ARG ')) expect(line).toMatch(/^ARG [A-Za-z_][A-Za-z0-9_]*(="[^"]*")?$/);
        }
        expect(keywords(dockerfile)).toEqual(baseline);
      }),
      { numRuns: 400 },
    );
    expect(accepted).toBeGreaterThan(40);
    expect(refused).toBeGreaterThan(40);
  }, 60_000);
});
