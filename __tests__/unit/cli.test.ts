import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseCli } from '../../src/cli/args.js';
import { progressFor } from '../../src/cli/build.js';
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

  it('exits 2 for usage errors with one line that points at --help', async () => {
    for (const argv of [
      [],
      ['frobnicate'],
      ['dockerfile', '--bogus'],
      ['dockerfile', '--tag', 'x'],
      ['build', '--load', '--push'],
      ['check', '--target', 'x'],
      ['dockerfile', '--build-arg', 'novalue'],
      ['build', '--label', 'novalue'],
      ['help', 'frobnicate'],
    ]) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err, argv.join(' ')).toMatch(/^microb: [^\n]+ \(see microb (\w+ )?--help\)\n$/);
      expect(r.out).toBe('');
    }
  });

  it('help prints the usage and exits 0', async () => {
    const r = await cli('--help');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toContain('usage: microb <command>');
  });

  it('each command has its own help: `microb help build` = `microb build --help`', async () => {
    const a = await cli('help', 'build');
    const b = await cli('build', '--help');
    expect(a).toMatchObject({ code: 0, err: '' });
    expect(b).toEqual(a);
    expect(a.out).toMatch(/^usage: microb build \[options\]/);
    for (const flag of [
      '--cache-from',
      '--cache-to',
      '--provenance',
      '--sbom',
      '--output',
      '--label',
      '--builder',
      '--print',
    ])
      expect(a.out).toContain(flag);
    for (const command of ['dockerfile', 'targets', 'check']) {
      const h = await cli('help', command);
      expect(h.out).toMatch(new RegExp(`^usage: microb ${command}`));
      expect(h.out).not.toContain('--cache-from');
    }
  });

  it('--version prints the package version', async () => {
    const { version } = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as {
      version: string;
    };
    for (const flag of ['--version', '-V'])
      expect(await cli(flag)).toEqual({ code: 0, out: `microb ${version}\n`, err: '' });
  });

  it('build --print shows the buildx command, shell-quoted, with the parity flags, and runs nothing', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'microb cli print '));
    const file = path.join(dir, 'pyproject.toml');
    await writeFile(
      file,
      '[project]\nname = "a"\nversion = "1"\n[tool.microb.target.default]\npython_version = "3.11"\n',
    );
    const r = await cli(
      'build',
      '--file',
      file,
      '--print',
      '--tag',
      'x:1',
      '--label',
      "org.example.note=it's here",
      '--cache-from',
      'type=local,src=/tmp/c',
      '--cache-to',
      'type=local,dest=/tmp/c,mode=max',
      '--provenance',
      'mode=max',
      '--sbom',
      'true',
      '--output',
      'type=oci,dest=/tmp/x.tar',
      '--builder',
      'b1',
      '--syntax',
      'docker/dockerfile:1',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const line = r.out.trimEnd();
    expect(line.split('\n')).toHaveLength(1);
    // a POSIX shell reads it back into exactly the argv
    const words = execFileSync(
      'sh',
      ['-c', 'eval "set -- $1"; for w in "$@"; do printf \'%s\\0\' "$w"; done', 'sh', line],
      { encoding: 'utf8' },
    )
      .split('\0')
      .slice(0, -1);
    expect(words.slice(0, 3)).toEqual(['docker', 'buildx', 'build']);
    expect(words).toContain(`--file`);
    expect(words).toContain(path.join(dir, '.microb', 'default.Dockerfile'));
    for (const pair of [
      ['--label', "org.example.note=it's here"],
      ['--cache-from', 'type=local,src=/tmp/c'],
      ['--cache-to', 'type=local,dest=/tmp/c,mode=max'],
      ['--output', 'type=oci,dest=/tmp/x.tar'],
      ['--builder', 'b1'],
    ])
      expect(words.slice(words.indexOf(pair[0]!), words.indexOf(pair[0]!) + 2)).toEqual(pair);
    expect(words).toContain('--provenance=mode=max');
    expect(words).toContain('--sbom=true');
    expect(words.at(-1)).toBe(dir);
    // --syntax reaches the Dockerfile microb build writes
    expect(await readFile(path.join(dir, '.microb', 'default.Dockerfile'), 'utf8')).toMatch(
      /^# syntax=docker\/dockerfile:1\n/,
    );
  });

  it('--progress: auto (default), plain or tty; anything else is a usage error', async () => {
    expect(parseCli(['build']).progress).toBe('auto');
    expect(parseCli(['build', '--progress', 'plain']).progress).toBe('plain');
    expect(parseCli(['build', '--progress=tty']).progress).toBe('tty');
    const r = await cli('build', '--progress', 'fancy');
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'microb: --progress expects auto, plain or tty, got "fancy" (see microb build --help)\n',
    );
    expect((await cli('dockerfile', '--progress', 'plain')).code).toBe(2);
  });

  it('auto is the TTY view only on a terminal that is not dumb, and never in a GitHub Actions step', () => {
    expect(progressFor('auto', true, { TERM: 'xterm-256color' })).toBe('tty');
    expect(progressFor('auto', false, { TERM: 'xterm-256color' })).toBe('plain');
    expect(progressFor('auto', true, { TERM: 'dumb' })).toBe('plain');
    expect(progressFor('auto', true, { TERM: 'xterm', GITHUB_ACTIONS: 'true' })).toBe('plain');
    expect(progressFor('plain', true, {})).toBe('plain');
    expect(progressFor('tty', false, {})).toBe('tty');
  });
});
