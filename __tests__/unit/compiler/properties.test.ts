import { execFileSync } from 'node:child_process';
import { DockerfileParser } from 'dockerfile-ast';
import fc from 'fast-check';
import { stringify } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { compile, ConfigError, type CompileResult } from '../../../src/compiler/index.js';
import { formatRequirement, parseRequirement } from '../../../src/compiler/pyproject/pep508.js';
import { shellQuote } from '../../../src/compiler/dockerfile/quote.js';
import { compileText, snapshot } from './helpers.js';
import { schemaVerdict, validatorVerdict } from './schemaVerdict.js';

/** Compile a pyproject built from data; a ConfigError is a valid outcome, anything else thrown is not. */
function attempt(
  target: Record<string, unknown>,
  project: Record<string, unknown> = {},
): CompileResult | ConfigError {
  const text = stringify({
    project: { name: 'p', version: '1', 'requires-python': '>=3.11,<3.12', ...project },
    tool: { microb: { target: { default: target } } },
  });
  // the JSON Schema and the validator give the same verdict on every input of these properties
  const schema = schemaVerdict(text);
  expect(schema, `schema and validator disagree on\n${text}`).toBe(validatorVerdict(text));
  try {
    const result = compileText(text);
    expect(schema, 'a config that compiles is schema-valid').toBe(true);
    return result;
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
}

const anyString = fc.string({ unit: 'binary', maxLength: 40 });
// printable strings with the characters that matter to Dockerfile and shell quoting
const tricky = fc.string({
  unit: fc.constantFrom(
    'a',
    'Z',
    '0',
    ' ',
    '"',
    "'",
    '\\',
    '$',
    '{',
    '}',
    ':',
    '-',
    '=',
    '#',
    '\n',
    '\t',
    ';',
    '&',
    '|',
    '`',
    '(',
    ')',
    '*',
    'é',
    '/',
    '.',
  ),
  maxLength: 30,
});
const text = fc.oneof(anyString, tricky);
/** Arbitrary text, or a requirement whose marker string holds arbitrary (tricky) text. */
const markerText = fc.string({
  unit: fc.constantFrom('a', ' ', '"', "'", '$', '{', '}', '(', ')', ';', '&', '|', '`', '#', '*', '=', ':'),
  maxLength: 12,
});
const requirement = fc.oneof(
  { arbitrary: text.filter((s) => s.trim() !== ''), weight: 1 },
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom('requests', 'a.b-c', 'X_1'),
        fc.constantFrom('', '[x]', '[a, b]'),
        fc.constantFrom('', '>=1', '==2.*,!=2.1', ' (<3)'),
        markerText,
      )
      .map(([n, e, v, s]) => `${n}${e}${v} ; platform_release == ${s.includes('"') ? `'${s}'` : `"${s}"`}`),
    weight: 4,
  },
);
/** The form the compiler writes a requirement in. */
const canonical = (r: string) => formatRequirement(parseRequirement(r));

function finalStage(dockerfile: string) {
  const instructions = DockerfileParser.parse(dockerfile).getInstructions();
  const from = instructions.map((i) => i.getKeyword()).lastIndexOf('FROM');
  return instructions.slice(from);
}

// dockerfile-ast removes quotes and `\"`/`\\` escapes but leaves `\$` for the variable expansion
// BuildKit does next; do that step here.
const expand = (value: string) => value.replace(/\\\$/g, '$');

describe('property: arbitrary strings in every field give a clean error or a faithful Dockerfile', () => {
  it('env and label values round-trip through a Dockerfile parser', () => {
    fc.assert(
      fc.property(
        text.filter((s) => !s.includes('${')),
        text.filter((s) => !s.includes('${')),
        (envValue, labelValue) => {
          const r = attempt({ env: { MY_VAR: envValue }, labels: { 'com.example.x': labelValue } });
          if (r instanceof ConfigError) {
            expect(r.problem).toMatch(/control character/);
            return;
          }
          const stage = finalStage(r.dockerfile);
          const env = stage
            .filter((i) => i.getKeyword() === 'ENV')
            .flatMap((i) =>
              (
                i as unknown as { getProperties(): { getName(): string; getValue(): string }[] }
              ).getProperties(),
            );
          expect(expand(env.find((p) => p.getName() === 'MY_VAR')?.getValue() ?? '<missing>')).toBe(envValue);
          const labels = stage
            .filter((i) => i.getKeyword() === 'LABEL')
            .flatMap((i) =>
              (
                i as unknown as { getProperties(): { getName(): string; getValue(): string }[] }
              ).getProperties(),
            );
          expect(expand(labels.find((p) => p.getName() === 'com.example.x')?.getValue() ?? '<missing>')).toBe(
            labelValue,
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('env keys and label keys are either valid or refused', () => {
    fc.assert(
      fc.property(text, text, (envKey, labelKey) => {
        const r = attempt({ env: { [envKey]: 'v' }, labels: { [labelKey]: 'v' } });
        if (r instanceof ConfigError) return;
        expect(envKey).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
        expect(r.dockerfile).toContain(`"${labelKey}"="v"`);
      }),
      { numRuns: 200 },
    );
  });

  it('entrypoint and command survive as exec-form JSON arrays', () => {
    fc.assert(
      fc.property(
        fc.array(text, { maxLength: 4 }),
        fc.array(text, { maxLength: 4 }),
        (entrypoint, command) => {
          const r = attempt({ entrypoint, command });
          if (r instanceof ConfigError) throw new Error(`unexpected: ${r.format()}`);
          const stage = finalStage(r.dockerfile);
          const json = (keyword: string) =>
            JSON.parse(
              r.dockerfile
                .split('\n')
                .find((l) => l.startsWith(`${keyword} `))
                ?.slice(keyword.length + 1) ?? 'null',
            ) as unknown;
          expect(json('ENTRYPOINT')).toEqual(entrypoint);
          expect(json('CMD')).toEqual(command);
          expect(stage.filter((i) => i.getKeyword() === 'CMD')).toHaveLength(1);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('expose, healthcheck, stopsignal and user become the instructions a Dockerfile parser reads back', () => {
    const port = fc.oneof(
      fc.integer({ min: -2, max: 70_000 }),
      fc.stringMatching(/^[0-9]{1,5}(\/(tcp|udp|sctp))?$/, { size: 'xsmall' }),
    );
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.array(port, { maxLength: 3 }),
        fc.array(text, { minLength: 1, maxLength: 3 }),
        fc.oneof(fc.constantFrom('SIGINT', 'SIGRTMIN+3', '9'), text),
        fc.integer({ min: -1, max: 70_000 }),
        (expose, cmd, stopsignal, user) => {
          const r = attempt({ expose, healthcheck: { cmd, interval: '5s' }, stopsignal, user });
          if (r instanceof ConfigError) return;
          accepted++;
          const stage = finalStage(r.dockerfile);
          const args = (keyword: string) =>
            stage.filter((i) => i.getKeyword() === keyword).map((i) => i.getArgumentsContent() ?? '');
          expect(args('EXPOSE')).toEqual(expose.length > 0 ? [expose.map(String).join(' ')] : []);
          expect(args('STOPSIGNAL')).toEqual([stopsignal]);
          expect(args('USER')).toEqual([`${user}:${user}`]);
          const line = r.dockerfile.split('\n').find((l) => l.startsWith('HEALTHCHECK ')) ?? '';
          expect(line.startsWith('HEALTHCHECK --interval=5s CMD [')).toBe(true);
          expect(JSON.parse(line.slice('HEALTHCHECK --interval=5s CMD '.length))).toEqual(cmd);
          expect(args('HEALTHCHECK')).toHaveLength(1);
        },
      ),
      { numRuns: 200 },
    );
    expect(accepted).toBeGreaterThan(20);
  });

  it('package names and python versions are refused, never escaped, when invalid', () => {
    fc.assert(
      fc.property(text, text, (pkg, version) => {
        const r = attempt({ system_deps: [pkg], python_version: version });
        if (r instanceof ConfigError) return;
        expect(pkg).toMatch(/^[a-z0-9][a-z0-9+.:=~-]+$/);
        expect(version).toMatch(/^3(\.\d+){0,2}$/);
        expect(r.dockerfile).toContain(`apt-get install -y --no-install-recommends ${pkg}\n`);
      }),
      { numRuns: 200 },
    );
  });

  it('copy paths produce COPY instructions that parse to the same number of arguments', () => {
    fc.assert(
      fc.property(text, text, (src, dst) => {
        const r = attempt({ copy_files: [{ src, dst }] });
        if (r instanceof ConfigError) return;
        const copy =
          r.dockerfile
            .split('\n')
            .filter((l) => l.startsWith('COPY '))
            .at(-1) ?? '';
        if (copy.startsWith('COPY [')) {
          const args = (JSON.parse(copy.slice(5)) as string[]).map((a) => a.replace(/\\(.)/g, '$1'));
          expect(args).toEqual([src, dst]);
        } else {
          expect(copy).toBe(`COPY ${src} ${dst}`);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('requirements are single shell words in the install RUN (checked by a real POSIX shell)', () => {
    const requirements = fc.array(requirement, { minLength: 1, maxLength: 3 });
    const samples = fc.sample(requirements, 60);
    const accepted: string[][] = [];
    for (const deps of samples) {
      const r = attempt({}, { dependencies: deps });
      if (r instanceof ConfigError) continue;
      const written = [...new Set(deps.map(canonical))];
      // one requirement per line, each one shell word
      expect(r.dockerfile).toContain(
        `--no-warn-script-location \\\n${written.map((w) => `      ${shellQuote(w)} \\\n`).join('')} && `,
      );
      accepted.push(written);
    }
    expect(accepted.length).toBeGreaterThan(10);
    const words = accepted.flat();
    const out = execFileSync('sh', ['-c', `printf '%s\\0' ${words.map(shellQuote).join(' ')}`]);
    expect(out.toString('utf8').split('\0').slice(0, -1)).toEqual(words);
  });
});

describe('property: the copied-project path carries pyproject strings into its metadata wheel intact', () => {
  /** The argv of the project stage's wheel writer, as a real POSIX shell hands it to python. */
  /** The files the project stage writes as heredocs: destination → text. */
  function heredocFiles(dockerfile: string): Map<string, string> {
    const files = new Map<string, string>();
    for (const m of dockerfile.matchAll(/^COPY <<'MICROB_EOF' (\S+)\n([\s\S]*?)^MICROB_EOF$/gm))
      files.set(m[1] ?? '', m[2] ?? '');
    return files;
  }

  it('description, dependencies and entry points reach METADATA and entry_points.txt as written', () => {
    const samples = fc.sample(
      fc.record({
        description: text,
        deps: fc.array(requirement, { maxLength: 2 }),
        // names are arbitrary; references mostly valid ones, so that most samples get through
        entry: fc.tuple(text, fc.oneof(text, fc.constantFrom('p.mod:fn', 'p', ' p.x:y.z [extra] '))),
      }),
      200,
    );
    let accepted = 0;
    for (const { description, deps, entry } of samples) {
      const pyproject = stringify({
        project: {
          name: 'p',
          version: '1',
          'requires-python': '>=3.11,<3.12',
          description,
          dependencies: deps,
          'entry-points': { 'p.plugins': { [entry[0]]: entry[1] } },
        },
      });
      let result: CompileResult;
      try {
        result = compile({
          ...snapshot(pyproject),
          layout: new Map([
            ['src', 'dir'],
            ['src/p', 'package'],
          ] as const),
        });
      } catch (error) {
        if (error instanceof ConfigError) continue;
        throw error;
      }
      accepted++;
      expect(result.dockerfile).toContain(
        'RUN python /opt/microb/write_wheel.py /opt/microb/metadata /tmp/p-1-py3-none-any.whl p-1.dist-info/RECORD',
      );
      const files = heredocFiles(result.dockerfile);
      const metadata = (files.get('/opt/microb/metadata/p-1.dist-info/METADATA') ?? '').split('\n');
      // a value a heredoc can't hold (a control character, U+2028/9) is left out, never cut or escaped
      // eslint-disable-next-line no-control-regex -- the characters a heredoc line can't hold
      if (!/[\u0000-\u001f\u007f\u2028\u2029]/.test(description))
        expect(metadata).toContain(`Summary: ${description}`);
      else expect(metadata.some((l) => l.startsWith('Summary:'))).toBe(false);
      expect(metadata.filter((l) => l.startsWith('Requires-Dist: '))).toEqual(
        deps.map(canonical).map((d) => `Requires-Dist: ${d}`),
      );
      expect(files.get('/opt/microb/metadata/p-1.dist-info/entry_points.txt')).toBe(
        `[p.plugins]\n${entry[0]} = ${entry[1].trim()}\n`,
      );
    }
    expect(accepted).toBeGreaterThan(15);
  });
});
