/**
 * Every workflow we publish or run is consistent with action.yml: the README's and
 * docs/workflows.md's ```yaml blocks, examples/workflows/ and .github/workflows/.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import {
  checkOwnWorkflow,
  checkStepsSnippet,
  checkWorkflow,
  parseActionMetadata,
  yamlBlocks,
} from './github/workflowCheck.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const yamlFiles = (dir: string) =>
  existsSync(join(ROOT, dir))
    ? readdirSync(join(ROOT, dir))
        .filter((f) => /\.ya?ml$/.test(f))
        .map((f) => `${dir}/${f}`)
    : [];

const action = parseActionMetadata(read('action.yml'));

/** Every Markdown file we publish: README, SECURITY and docs/. */
const markdownFiles = [
  'README.md',
  'SECURITY.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

const markdownWorkflows = markdownFiles
  .filter((f) => existsSync(join(ROOT, f)))
  .flatMap((f) =>
    yamlBlocks(read(f))
      .map((text, i) => ({ name: `${f} block ${i + 1}`, text }))
      // only whole workflows; a snippet of inputs is checked where it is used
      .filter((w) => /^jobs:/m.test(w.text)),
  );
const fileWorkflows = [...yamlFiles('examples/workflows'), ...yamlFiles('.github/workflows')].map((f) => ({
  name: f,
  text: read(f),
}));

describe('published workflows match action.yml', () => {
  it('finds the workflows (four uses, CI and release)', () => {
    expect(yamlFiles('examples/workflows').length).toBeGreaterThanOrEqual(4);
    expect(yamlFiles('.github/workflows')).toEqual(
      expect.arrayContaining(['.github/workflows/ci.yml', '.github/workflows/release.yml']),
    );
    expect(markdownWorkflows.length).toBeGreaterThanOrEqual(4);
  });

  it.each([...markdownWorkflows, ...fileWorkflows])('$name', ({ text }) => {
    expect(checkWorkflow(text, action)).toEqual([]);
  });

  const snippets = markdownFiles
    .filter((f) => existsSync(join(ROOT, f)))
    .flatMap((f) => yamlBlocks(read(f)).map((text, i) => ({ name: `${f} block ${i + 1}`, text })))
    .filter((w) => !/^jobs:/m.test(w.text) && /(?:uses|run):/.test(w.text));

  it.each(snippets)('step snippet $name', ({ text }) => {
    expect(checkStepsSnippet(text, action)).toEqual([]);
  });

  it.each(yamlFiles('.github/workflows'))('%s keeps its token from dependencies', (file) => {
    expect(checkOwnWorkflow(read(file))).toEqual([]);
  });

  it('inlines each example in docs/workflows.md exactly as the file has it', () => {
    const blocks = yamlBlocks(read('docs/workflows.md'));
    for (const file of yamlFiles('examples/workflows')) expect(blocks).toContain(read(file));
  });

  it('uses the plan output as the matrix, as the issue describes', () => {
    const matrix = read('examples/workflows/matrix-per-target.yml');
    expect(matrix).toContain('target: ${{ fromJSON(needs.plan.outputs.targets) }}');
    expect(matrix).toMatch(/dry-run: true/);
  });
});

describe('CI runs on a GitHub-hosted runner as it is', () => {
  const ci = parse(read('.github/workflows/ci.yml')) as {
    jobs: Record<string, { 'runs-on': string; if?: string; permissions?: unknown; steps: Step[] }>;
  };
  interface Step {
    uses?: string;
    run?: string;
    with?: Record<string, unknown>;
  }
  const runs = (job: string) => (ci.jobs[job]?.steps ?? []).map((s) => s.run ?? '').join('\n');

  it('the e2e job: runner mode on Node 24, no sudo, the daemon config left alone', () => {
    const e2e = ci.jobs['e2e'];
    expect(e2e?.['runs-on']).toBe('ubuntu-24.04');
    const node = e2e?.steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(String(node?.with?.['node-version'])).toBe('24');
    expect(runs('e2e')).toContain('bash scripts/e2e/runner-e2e.sh');
    for (const [id, job] of Object.entries(ci.jobs)) {
      const text = job.steps.map((s) => s.run ?? '').join('\n');
      expect(text, id).not.toMatch(/\bsudo\b|daemon\.json|systemctl|setup\.sh|test:e2e/);
    }
  });

  it('the action itself on examples/: plan, a matrix over its targets, a PR comment', () => {
    const uses = (job: string) => ci.jobs[job]?.steps.find((s) => s.uses === './')?.with ?? {};
    expect(uses('self-test-plan')['dry-run']).toBe(true);
    expect(read('.github/workflows/ci.yml')).toContain(
      'target: ${{ fromJSON(needs.self-test-plan.outputs.targets) }}',
    );
    const comment = ci.jobs['self-test-comment'];
    expect(comment?.if).toBe("github.event_name == 'pull_request'");
    expect(comment?.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    expect(uses('self-test-comment')).toMatchObject({ 'dry-run': true, comment: true });
    for (const job of ['self-test-plan', 'self-test-build', 'self-test-comment'])
      expect(String(uses(job)['file']), job).toMatch(/^examples\//);
  });

  it('every script a step runs exists', () => {
    const scripts = Object.keys(ci.jobs)
      .flatMap((job) => [...runs(job).matchAll(/\b(scripts\/[\w./-]+\.(?:sh|mjs))/g)].map((m) => m[1] ?? ''))
      .filter((f) => f !== '');
    expect(scripts.length).toBeGreaterThan(0);
    for (const file of scripts) expect(existsSync(join(ROOT, file)), file).toBe(true);
  });
});

describe('the check itself', () => {
  const broken = `
on: push
jobs:
  plan:
    runs-on: ubuntu-24.04
    outputs:
      targets: \${{ steps.plan.outputs.targets }}
    steps:
      - uses: actions/checkout@v4
      - id: plan
        uses: org/microb-action@v1
        with:
          dry-run: true
          no-such-input: x
  build:
    needs: plan
    runs-on: ubuntu-24.04
    strategy:
      matrix:
        target: \${{ fromJSON(needs.plan.outputs.target-list) }}
    steps:
      - id: b
        uses: org/microb-action@v1
        with:
          target: \${{ matrix.targett }}
      - run: echo \${{ steps.b.outputs.nope }} \${{ steps.missing.outputs.digest }} \${{ needs.other.outputs.x }}
      - uses: microb-action@v1
      - run: npm ci
`;

  it('checks our own workflows: no persisted credentials, no npm where the token may write', () => {
    const release = `
on: release
permissions:
  contents: write
jobs:
  tag:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
      - run: npm ci --ignore-scripts
  check:
    runs-on: ubuntu-24.04
    permissions: { contents: read }
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with: { persist-credentials: false }
      - run: npm ci --ignore-scripts
`;
    expect(checkOwnWorkflow(release)).toEqual([
      'job tag: actions/checkout without persist-credentials: false',
      'job tag: may write ({"contents":"write"}) and runs npm/node',
    ]);
    expect(checkOwnWorkflow('on: push\njobs: {}\n')).toEqual([
      'no top-level permissions: the token gets the defaults',
    ]);
  });

  it('checks the pins and run scripts of a steps snippet', () => {
    const snippet =
      '- uses: actions/checkout@v4\n- id: b\n  uses: microb-action@v1\n- run: echo "${{ steps.b.outputs.digest }}"\n';
    expect(checkStepsSnippet(snippet, action)).toEqual([
      'line 1: actions/checkout@v4 is not pinned by a full commit SHA',
      'line 3: microb-action@v1 has no owner: write org/microb-action@v1 as the README does',
      'run: "echo "${{ steps.b.outputs.digest }}"" puts ${{ steps.b.outputs.digest }} into the script: pass it through env:',
    ]);
  });

  it('checks the inputs of a steps snippet', () => {
    const snippet = '- uses: org/microb-action@v1\n  with:\n    tag: x\n    push: true\n';
    expect(checkStepsSnippet(snippet, action)).toEqual(['input "tag" is not in action.yml']);
  });

  it('reports each kind of mistake', () => {
    expect(checkWorkflow(broken, action)).toEqual([
      'line 9: actions/checkout@v4 is not pinned by a full commit SHA',
      'line 27: microb-action@v1 has no owner: write org/microb-action@v1 as the README does',
      'run: "echo ${{ steps.b.outputs.nope }} ${{ steps.missing.outputs.digest }} ${{ needs.other.outputs.x }}" puts ${{ steps.b.outputs.nope }} into the script: pass it through env:',
      'run: "echo ${{ steps.b.outputs.nope }} ${{ steps.missing.outputs.digest }} ${{ needs.other.outputs.x }}" puts ${{ steps.missing.outputs.digest }} into the script: pass it through env:',
      'run: "echo ${{ steps.b.outputs.nope }} ${{ steps.missing.outputs.digest }} ${{ needs.other.outputs.x }}" puts ${{ needs.other.outputs.x }} into the script: pass it through env:',
      'run: "npm ci" runs the dependencies\' install scripts: add --ignore-scripts',
      'job plan: input "no-such-input" is not in action.yml',
      'job build: job plan declares no output "target-list"',
      "job build: matrix.targett is not in the job's matrix",
      'job build: steps.b has no output "nope"',
      'job build: steps.missing is not a step id of this job',
      "job build: needs.other is not in this job's needs",
    ]);
  });
});
