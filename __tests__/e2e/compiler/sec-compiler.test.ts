/**
 * Issue 9 items 10, 12, 13 on the real engine: what the compiler writes is what BuildKit reads.
 * - a `'` (and `"`, `$`) in a `${X:-fallback}` label: `docker inspect` equals the action's
 *   `labels` output (the bundled action: run `npm run package` first);
 * - 3,000 dependencies: no line over BuildKit's 65,535-byte limit, the build gets past parsing
 *   and writes the metadata wheel from its 3,000-line METADATA heredoc;
 * - a project directory named with spaces, `;`, `#`, `,`, `=`, `$` and quotes: the requirements
 *   bind mount and the project COPY find their files.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeGeneratedDockerfile } from '../../../src/workspace/generate.js';
import {
  buildx,
  dockerRun,
  ensureE2E,
  inspect,
  removeImages,
  REPO_ROOT,
  tempDir,
  uniqueTag,
  writeFiles,
  type TempDir,
} from '../support/index.js';
import { expectSucceeded, runAction } from '../support/actionRunner.js';

const project = (name: string, more = '') => `[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "${name}"
version = "1.0.0"

[tool.microb.target.default]
python_version = "3.11"
${more}`;

describe('sec-compiler: the engine reads what the compiler writes', () => {
  let work: TempDir;
  const images: string[] = [];

  beforeAll(async () => {
    await ensureE2E();
    work = await tempDir('microb-e2e-sec-compiler-');
  });
  afterAll(async () => {
    await removeImages(...images);
    await work?.cleanup();
  });

  it("a ' in a ${X:-fallback} label: docker inspect equals the action's labels output", async () => {
    if (!existsSync(path.join(REPO_ROOT, 'dist/main/index.js')))
      throw new Error('dist/ missing: run npm run package');
    const dir = path.join(work.path, 'fallback');
    await writeFiles(dir, {
      'pyproject.toml': project(
        'quoted',
        `labels = { "a" = "\${X:-it's \\"q\\" $HOME}", "b" = "after", "c" = "\${Y:-'}" }\n`,
      ),
      'src/quoted/__init__.py': '',
    });
    const tag = uniqueTag('sec-compiler-fallback');
    images.push(tag);
    const r = await runAction({ tags: tag, load: 'true', network: 'host' }, { workspace: dir });
    expectSucceeded(r);
    // metadata-action's json output holds the labels object (`labels` is KEY=VALUE lines)
    const output = (JSON.parse(r.outputs.json ?? '{}') as { labels: Record<string, string> }).labels;
    expect(output).toMatchObject({ a: `it's "q" $HOME`, b: 'after', c: "'" });
    const labels = (await inspect(tag)).Config.Labels;
    for (const [key, value] of Object.entries(output)) expect(labels[key], key).toBe(value);
  });

  it('3,000 dependencies: every line under 65,535 bytes, and BuildKit parses the whole file', async () => {
    const dir = path.join(work.path, 'many');
    const deps = Array.from(
      { length: 3000 },
      (_, i) => `"package-number-${i}[extra-a,extra-b]>=1.${i},<2 ; python_version >= \\"3.10\\""`,
    );
    await writeFiles(dir, {
      'pyproject.toml': project('many', '').replace(
        'version = "1.0.0"',
        `version = "1.0.0"\ndependencies = [${deps.join(',')}]`,
      ),
      'src/many/__init__.py': '',
    });
    const generated = await writeGeneratedDockerfile({ pyprojectPath: path.join(dir, 'pyproject.toml') });
    const longest = Math.max(...generated.result.dockerfile.split('\n').map((l) => Buffer.byteLength(l)));
    expect(longest).toBeLessThanOrEqual(65_535);
    // the project stage needs nothing from an index; BuildKit still parses every stage, the
    // 3,000-line pip RUN and the split dependency label among them, and builds the metadata wheel
    // from its 3,000-line METADATA heredoc: pip installs it, and the stage lists what it wrote
    const metadata = await buildx(
      ['-f', '-', '--target', 'check', '--progress=plain', '--no-cache-filter', 'check', dir],
      {
        timeoutMs: 10 * 60_000,
        input: `${generated.result.dockerfile}\nFROM project AS check\nRUN grep -c '^Requires-Dist: package-number-' /opt/microb/stage/opt/venv/lib/python3.11/site-packages/many-1.0.0.dist-info/METADATA\n`,
      },
    );
    expect(`${metadata.stdout}${metadata.stderr}`).not.toMatch(
      /token too long|dockerfile parse error|unterminated/i,
    );
    expect(metadata.code, metadata.stderr.split('\n').slice(-20).join('\n')).toBe(0);
    expect(metadata.stderr).toMatch(/\n#\d+ [\d.]+ 3000\n/);
  });

  it('a project directory named with spaces, ; # , = $ and quotes: mount and COPY find their files', async () => {
    const name = `my app; #1,a=b $HOME 'q"`;
    const dir = path.join(work.path, 'ctx', name);
    await mkdir(dir, { recursive: true });
    await writeFiles(dir, {
      'pyproject.toml': project('oddname', 'requirements = "requirements.txt"\n'),
      'requirements.txt': '# nothing to install: the bind mount itself is under test\n',
      'src/oddname/__init__.py': 'VALUE = "from the odd directory"\n',
    });
    const generated = await writeGeneratedDockerfile({
      pyprojectPath: path.join(dir, 'pyproject.toml'),
      context: path.join(work.path, 'ctx'),
    });
    expect(generated.result.dockerfile).toContain('--mount="type=bind,\\"source=my app; #1,a=b \\\\$HOME');
    const tag = uniqueTag('sec-compiler-oddname');
    images.push(tag);
    const r = await buildx(
      [
        '--progress=plain',
        '--provenance=false',
        '-f',
        generated.dockerfilePath,
        '-t',
        tag,
        '--load',
        path.join(work.path, 'ctx'),
      ],
      { timeoutMs: 10 * 60_000 },
    );
    expect(r.code, `${r.stderr.split('\n').slice(-30).join('\n')}`).toBe(0);
    const out = await dockerRun(tag, ['python', '-c', 'import oddname; print(oddname.VALUE)']);
    expect(out.stdout.trim()).toBe('from the odd directory');
  });
});
