/**
 * Issue 12, readable output: what a reviewer reads top to bottom in a PR comment. Each stage
 * headed by a comment, the metadata wheel as heredoc files and a short script (no one-line
 * program), no `--chmod=755` on the sources (their modes are made readable in the `sources`
 * stage), no heredoc line cut; and `shell = false`: a final stage without RUN.
 */
import path from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { describe, expect, it } from 'vitest';
import { GOLDEN_CASES } from '../../examples.js';
import { compile, ConfigError } from '../../../src/compiler/index.js';
import { MAX_LINE_BYTES } from '../../../src/compiler/dockerfile/render.js';
import { readProjectSnapshot } from '../../../src/workspace/snapshot.js';
import { snapshot } from './helpers.js';

const root = path.resolve(import.meta.dirname, '../../..');

const LAYOUT = new Map([
  ['src', 'dir'],
  ['src/p', 'package'],
] as const);

function compileProject(project: Record<string, string>, target = '') {
  const text = [
    '[project]',
    'name = "p"',
    'version = "1"',
    'requires-python = ">=3.11,<3.12"',
    ...Object.entries(project).map(([k, v]) => `${k} = ${v}`),
    '[tool.microb.target.default]',
    target,
  ].join('\n');
  return compile({ ...snapshot(text), layout: LAYOUT });
}

/** The stages: FROM line index, and the lines of each. */
function stages(dockerfile: string): { from: string; before: string[]; lines: string[] }[] {
  const lines = dockerfile.split('\n');
  const out: { from: string; before: string[]; lines: string[] }[] = [];
  lines.forEach((line, i) => {
    if (!line.startsWith('FROM ')) return;
    const before: string[] = [];
    for (let j = i - 1; j >= 0 && lines[j]?.startsWith('# '); j--) before.unshift(lines[j] ?? '');
    out.push({ from: line, before, lines: [] });
  });
  let current = -1;
  lines.forEach((line, i) => {
    if (line.startsWith('FROM ')) current++;
    const nextStageComment =
      line.startsWith('# ') &&
      lines
        .slice(i)
        .find((l) => !l.startsWith('# '))
        ?.startsWith('FROM ');
    if (current >= 0 && !nextStageComment && line !== '') out[current]?.lines.push(line);
  });
  return out;
}

/** The file a `COPY <<'MICROB_EOF' DEST` heredoc writes. */
function heredoc(dockerfile: string, dest: string): string | undefined {
  const lines = dockerfile.split('\n');
  const at = lines.findIndex((l) => l === `COPY <<'MICROB_EOF' ${dest}`);
  if (at === -1) return undefined;
  const end = lines.indexOf('MICROB_EOF', at);
  return `${lines.slice(at + 1, end).join('\n')}\n`;
}

describe('readable output', () => {
  it('every stage of every example is headed by a comment naming it and what rebuilds it', async () => {
    for (const c of GOLDEN_CASES) {
      const s = await readProjectSnapshot(path.join(root, 'examples', c.example, 'pyproject.toml'));
      const dockerfile = compile(s, { ...(c.target && { target: c.target }) }).dockerfile;
      for (const stage of stages(dockerfile)) {
        const name = / AS (\S+)$/.exec(stage.from)?.[1] ?? '';
        const text = stage.before.join(' ');
        expect(text, `${c.name}: ${stage.from}`).toMatch(new RegExp(`^# ${name}: `));
        expect(text, `${c.name}: ${stage.from}`).toMatch(/[Rr]ebuilt|never|no third-party/);
        for (const line of stage.before) expect(line.length, line).toBeLessThanOrEqual(102);
      }
    }
  });

  it('the metadata wheel is heredoc files and a commented script, not a one-line program', () => {
    const result = compileProject({
      description: '"A tool"',
      dependencies: '["requests>=2", "click"]',
      scripts: '{ p = "p.cli:main" }',
      'entry-points': '{ "p.plugins" = { a = "p.a" } }',
    });
    const dockerfile = result.dockerfile;
    expect(dockerfile).not.toMatch(/python -c/);
    expect(heredoc(dockerfile, '/opt/microb/metadata/p-1.dist-info/METADATA')).toBe(
      'Metadata-Version: 2.1\nName: p\nVersion: 1\nSummary: A tool\nRequires-Python: >=3.11,<3.12\nRequires-Dist: requests>=2\nRequires-Dist: click\n',
    );
    expect(heredoc(dockerfile, '/opt/microb/metadata/p-1.dist-info/entry_points.txt')).toBe(
      '[console_scripts]\np = p.cli:main\n[p.plugins]\na = p.a\n',
    );
    expect(heredoc(dockerfile, '/opt/microb/metadata/_microb_p.pth')).toBe('/opt/microb/project\n');
    const writer = heredoc(dockerfile, '/opt/microb/write_wheel.py') ?? '';
    expect(writer).toMatch(/^# Zip the files under DIR/);
    expect(Math.max(...writer.split('\n').map((l) => l.length))).toBeLessThan(100);
    expect(dockerfile).toContain(
      'RUN python /opt/microb/write_wheel.py /opt/microb/metadata /tmp/p-1-py3-none-any.whl p-1.dist-info/RECORD',
    );
  });

  it('one requirement per line in the deps step', () => {
    const dockerfile = compileProject({ dependencies: '["requests>=2", "click", "attrs"]' }).dockerfile;
    expect(dockerfile).toMatch(/\n {6}'requests>=2' \\\n {6}click \\\n {6}attrs \\\n/);
  });

  it('a heredoc line is never cut: a 30,000-character description stays one METADATA line', () => {
    const description = 'word '.repeat(6000).trim();
    const dockerfile = compileProject({ description: JSON.stringify(description) }).dockerfile;
    const metadata = heredoc(dockerfile, '/opt/microb/metadata/p-1.dist-info/METADATA') ?? '';
    expect(metadata.split('\n')).toContain(`Summary: ${description}`);
    for (const line of dockerfile.split('\n'))
      expect(Buffer.byteLength(line)).toBeLessThanOrEqual(MAX_LINE_BYTES);
  });

  it('a description with a control character compiles, without a Summary', () => {
    const dockerfile = compileProject({ description: '"tab\\there"' }).dockerfile;
    const metadata = heredoc(dockerfile, '/opt/microb/metadata/p-1.dist-info/METADATA') ?? '';
    expect(metadata).toMatch(/^Metadata-Version/);
    expect(metadata).not.toMatch(/Summary/);
  });

  it('the sources are copied without --chmod and made 644/755 in the sources stage', () => {
    const dockerfile = compileProject({}).dockerfile;
    expect(dockerfile).not.toMatch(/--chmod/);
    const sources = stages(dockerfile).find((s) => s.from === 'FROM builder AS sources');
    expect(sources?.lines).toEqual([
      'FROM builder AS sources',
      'COPY src/p /opt/microb/project/p',
      'RUN find /opt/microb/project ! -type l -exec chmod u=rwX,go=rX {} +',
    ]);
    const last = stages(dockerfile).at(-1);
    expect(last?.lines).toContain('COPY --from=sources --link /opt/microb/project /opt/microb/project');
  });

  it('an application goes through the sources stage into /app, without --chmod', () => {
    const text =
      '[project]\nname = "p"\nversion = "1"\nrequires-python = ">=3.11,<3.12"\n[tool.microb.target.default]\ninstall_project = false\n';
    const dockerfile = compile({
      ...snapshot(text),
      layout: new Map([['main.py', 'file']] as const),
    }).dockerfile;
    expect(dockerfile).not.toMatch(/--chmod/);
    expect(dockerfile).toContain('COPY . /app\nRUN find /app ! -type l -exec chmod u=rwX,go=rX {} +');
    expect(dockerfile).toContain('COPY --from=sources --link /app /app');
  });
});

describe('shell = false: a final base without a shell', () => {
  const finalInstructions = (dockerfile: string) => {
    const all = DockerfileParser.parse(dockerfile).getInstructions();
    const from = all.map((i) => i.getKeyword()).lastIndexOf('FROM');
    return all.slice(from);
  };

  it('the final stage runs no RUN; the user comes from a builder stage reading the base', () => {
    const dockerfile = compileProject({ scripts: '{ p = "p:main" }' }, 'shell = false').dockerfile;
    const final = finalInstructions(dockerfile);
    expect(final.map((i) => i.getKeyword())).not.toContain('RUN');
    expect(final[0]?.getTextContent()).toBe('FROM base AS image');
    expect(dockerfile).toMatch(/^ARG BASE_IMAGE="python:3\.11-slim"\n[^]*^FROM \$\{BASE_IMAGE\} AS base$/m);
    expect(dockerfile).toContain('COPY --from=base /etc/passwd /etc/group /opt/microb/user/etc/');
    expect(dockerfile).toContain('COPY --from=user --link /opt/microb/user/ /');
    expect(dockerfile).toContain('USER 65532:65532');
    // the stages a name refers to come first
    const names = stages(dockerfile).map((s) => / AS (\S+)$/.exec(s.from)?.[1]);
    expect(names).toEqual(['base', 'builder', 'deps', 'project', 'sources', 'user', 'image']);
  });

  it('the default (a shell) still creates the user in the final stage', () => {
    const final = finalInstructions(compileProject({}).dockerfile);
    expect(final.map((i) => i.getKeyword())).toContain('RUN');
  });

  it('system_deps with shell = false: an error at system_deps', () => {
    let error: unknown;
    try {
      compileProject({}, 'shell = false\nsystem_deps = ["libpq5"]');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).format()).toMatch(
      /^proj\/pyproject\.toml:\d+:\d+: error: `system_deps` needs a shell in the final image[^\n]*\n {2}hint: /,
    );
  });

  it('shell must be a boolean', () => {
    let error: unknown;
    try {
      compileProject({}, 'shell = "no"');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).field).toBe('tool.microb.target.default.shell');
    expect((error as ConfigError).problem).not.toMatch(/unknown key/);
  });
});

describe('heredoc files from hostile entry points', () => {
  it('a tab or U+2028 inside a reference is written as a space; a control character in a name is an error', () => {
    const dockerfile = compileProject({
      'entry-points': '{ "p.plugins" = { a = "p.mod\\t:\\u2028fn" } }',
    }).dockerfile;
    expect(dockerfile).toContain('[p.plugins]\na = p.mod : fn\nMICROB_EOF');
    expect(() => compileProject({ 'entry-points': '{ "p.plugins" = { "a\\u000bb" = "p.mod" } }' })).toThrow(
      ConfigError,
    );
  });
});

describe('a package without code', () => {
  it('py-modules = []: no sources stage (a find over a missing directory would fail the build)', () => {
    const text =
      '[project]\nname = "p"\nversion = "1"\nrequires-python = ">=3.11,<3.12"\n[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n[tool.setuptools]\npy-modules = []\n';
    const dockerfile = compile({ ...snapshot(text), layout: new Map() }).dockerfile;
    expect(dockerfile).toContain('FROM builder AS project');
    expect(dockerfile).not.toContain('AS sources');
    expect(dockerfile).not.toContain('--from=sources');
  });
});
