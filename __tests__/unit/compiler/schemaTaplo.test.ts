/**
 * The schema in the editor engine it is for: taplo (what Even Better TOML runs), for real —
 * @taplo/cli is taplo compiled to wasm — wired the two ways the README shows (`#:schema` line,
 * `.taplo.toml` rule). ajv (schema.test.ts) speaks draft 2020-12 in full; taplo does not, and a
 * schema it cannot compile makes it refuse every file with a bare "invalid key".
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EDGE_CASES, edgeCasePyproject, validatorVerdict } from './schemaVerdict.js';

const root = path.resolve(import.meta.dirname, '../../..');
const SCHEMA = path.join(root, 'schema', 'pyproject.schema.json');
const TAPLO = createRequire(import.meta.url).resolve('@taplo/cli/dist/cli.js');
/** a TOML date (no quotes) as the value of a key whose value is a string */
const DATE_FOR_STRING = /^(requirements|lock|workdir|python_version) = \d{4}-\d\d-\d\d/m;
const work = mkdtempSync(path.join(tmpdir(), 'microb-taplo-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Lint {
  readonly code: number | null;
  readonly output: string;
  /** the files taplo called invalid */
  readonly refused: ReadonlySet<string>;
}

/** `taplo lint` over files, from cwd (where it looks for .taplo.toml), never online. */
function taploLint(cwd: string, files: readonly string[]): Lint {
  const r = spawnSync(process.execPath, [TAPLO, 'lint', '--colors', 'never', ...files], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: work, RUST_LOG: 'warn' },
  });
  const output = `${r.stdout}${r.stderr}`;
  const refused = new Set(
    [...output.matchAll(/invalid file error=.*? path="([^"]+)"/g)].map((m) => m[1] ?? ''),
  );
  return { code: r.status, output, refused };
}

/** a pyproject that names the schema on its first line, as the README shows */
function withSchemaLine(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `#:schema ${path.relative(path.dirname(file), SCHEMA)}\n${text}`);
  return file;
}

describe('taplo (Even Better TOML) reads the schema', () => {
  it('accepts every example pyproject with the `#:schema` line', () => {
    const dir = path.join(work, 'examples');
    const files = readdirSync(path.join(root, 'examples'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .flatMap((e) => {
        try {
          return [[e.name, readFileSync(path.join(root, 'examples', e.name, 'pyproject.toml'), 'utf8')]];
        } catch {
          return [];
        }
      })
      .map(([name, text]) => withSchemaLine(dir, `${name}/pyproject.toml`, text ?? ''));
    expect(files.length).toBeGreaterThanOrEqual(10);
    const lint = taploLint(dir, files);
    expect([...lint.refused], lint.output).toEqual([]);
    expect(lint.code, lint.output).toBe(0);
  });

  it("gives each edge case of the rules the validator's verdict", () => {
    const dir = path.join(work, 'edges');
    const files = EDGE_CASES.map((body, i) =>
      withSchemaLine(dir, `${i}/pyproject.toml`, edgeCasePyproject(body)),
    );
    const lint = taploLint(dir, files);
    const verdicts = EDGE_CASES.map((body, i) => ({
      body: body.slice(0, 80),
      taplo: !lint.refused.has(files[i] ?? ''),
      // taplo hands a TOML date to the schema as a string: where a string belongs, only
      // microb check refuses one
      microb: validatorVerdict(edgeCasePyproject(body)) || DATE_FOR_STRING.test(body),
    }));
    expect(
      verdicts.filter((v) => v.taplo !== v.microb),
      lint.output.slice(0, 4000),
    ).toEqual([]);
    // the cases are not all one way
    expect(verdicts.filter((v) => v.microb).length).toBeGreaterThan(3);
    expect(verdicts.filter((v) => !v.microb).length).toBeGreaterThan(3);
  });

  it('points at the line and names the key of a mistake', () => {
    const file = withSchemaLine(
      path.join(work, 'mistake'),
      'pyproject.toml',
      '[project]\nname = "p"\nversion = "1"\n\n[tool.microb.target.default]\nexpose = ["http"]\nbogus = 1\n',
    );
    const lint = taploLint(path.dirname(file), [file]);
    expect(lint.code).not.toBe(0);
    // line 1 is the `#:schema` line; an unknown key is reported at its table's header
    expect(lint.output).toContain(`${file}:6:1`);
    expect(lint.output).toContain("'bogus' was unexpected");
    expect(lint.output).toContain(`${file}:7:11`); // "http" is no port
  });

  it('a `.taplo.toml` rule at the root checks every pyproject below it', () => {
    const dir = path.join(work, 'repository');
    mkdirSync(path.join(dir, 'good'), { recursive: true });
    mkdirSync(path.join(dir, 'bad'), { recursive: true });
    writeFileSync(
      path.join(dir, '.taplo.toml'),
      `[[rule]]\ninclude = ["**/pyproject.toml"]\n[rule.schema]\npath = "${path.relative(dir, SCHEMA)}"\n`,
    );
    const good = path.join(dir, 'good', 'pyproject.toml');
    const bad = path.join(dir, 'bad', 'pyproject.toml');
    writeFileSync(good, edgeCasePyproject('expose = [8000]\nuser = 1000'));
    writeFileSync(bad, edgeCasePyproject('expose = [70000]'));
    const lint = taploLint(dir, [good, bad]);
    expect([...lint.refused], lint.output).toEqual([bad]);
  });
});
