import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseCli } from '../../src/cli/args.js';
import { runCli } from '../../src/cli/run.js';

const root = path.resolve(import.meta.dirname, '../..');
const example = (name: string) => path.join(root, 'examples', name, 'pyproject.toml');

async function cli(...argv: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: '', err: '' };
  stdout.on('data', (d: Buffer) => (chunks.out += d.toString()));
  stderr.on('data', (d: Buffer) => (chunks.err += d.toString()));
  const code = await runCli(argv, { stdout, stderr });
  return { code, ...chunks };
}

async function tempPyproject(text: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'microb-cli-'));
  const file = path.join(dir, 'pyproject.toml');
  await writeFile(file, text);
  return file;
}

describe('microb CLI', () => {
  it('targets prints the target names as JSON, in file order', async () => {
    const r = await cli('targets', '--file', example('two-targets'));
    expect(r).toMatchObject({ code: 0, out: '["api","worker"]\n', err: '' });
  });

  it('dockerfile prints the same text as the golden file', async () => {
    const r = await cli('dockerfile', '-f', example('two-targets'), '--target', 'worker');
    expect(r.code).toBe(0);
    expect(r.out).toContain('ENTRYPOINT ["multi-worker"]');
  });

  it('dockerfile --build-arg fills ${NAME:-default} through an ARG default', async () => {
    const r = await cli('dockerfile', '--file', example('labels'), '--build-arg', 'TEST=Hello');
    expect(r.out).toContain('ARG TEST="Hello"');
  });

  it('--build-arg keeps keys named like Object.prototype members (__proto__, constructor)', () => {
    const { buildArgs } = parseCli([
      'dockerfile',
      '--build-arg',
      '__proto__=p',
      '--build-arg',
      'constructor=c',
    ]);
    expect(Object.keys(buildArgs)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(buildArgs)).toBe(Object.prototype);
  });

  it('check validates every target and reports each broken one with file:line:col', async () => {
    const file = await tempPyproject(
      '[project]\nname = "a"\nrequires-python = ">=3.11,<3.12"\n[tool.microb.target.a]\nflavor = "arch"\n[tool.microb.target.b]\n[tool.microb.target.c]\nbuild_deps = "gcc"\n',
    );
    const r = await cli('check', '--file', file);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${file}:5:1: error: unknown flavor "arch"`);
    expect(r.err).toContain(`${file}:8:1: error: \`build_deps\` must be an array of strings`);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('exits 1 for an invalid configuration with PATH:LINE:COL and a hint', async () => {
    const file = await tempPyproject(
      '[project]\nname = "a"\n[tool.microb.target.default]\nentrypont = ["x"]\n',
    );
    const r = await cli('dockerfile', '--file', file);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `${file}:4:1: error: unknown key \`entrypont\` in target "default"\n  hint: did you mean \`entrypoint\`?\n`,
    );
    expect(r.out).toBe('');
  });

  it('exits 1 for a TOML syntax error at its line and column', async () => {
    const file = await tempPyproject('[project]\nname = "a\n');
    const r = await cli('check', '--file', file);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`^${file}:2:\\d+: error: invalid TOML`));
  });

  it('exits 1 with a hint when the pyproject is missing', async () => {
    const r = await cli('targets', '--file', '/nonexistent/pyproject.toml');
    expect(r.code).toBe(1);
    expect(r.err).toContain('cannot read the pyproject (no such file)');
  });

  it('exits 2 for usage errors, printing the usage', async () => {
    for (const argv of [
      [],
      ['frobnicate'],
      ['dockerfile', '--bogus'],
      ['dockerfile', '--tag', 'x'],
      ['build', '--load', '--push'],
      ['check', '--target', 'x'],
      ['dockerfile', '--build-arg', 'novalue'],
    ]) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toContain('usage: microb');
    }
  });

  it('help prints the usage and exits 0', async () => {
    expect(await cli('--help')).toMatchObject({ code: 0 });
  });
});
