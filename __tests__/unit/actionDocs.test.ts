/**
 * action.yml and its documentation agree: every input and output has a row in docs/action.md's
 * tables (spliced into README.md) and every row is a real one; descriptions are short, as
 * build-push-action's are; the names in src/action/constants.ts are the ones action.yml declares;
 * the phases of main are listed, each with its file, in run order in docs/action.md and in the
 * README's Architecture table.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Inputs, Outputs } from '../../src/action/constants.js';
import { MAIN_PHASES } from '../../src/action/phases/index.js';

const root = path.resolve(import.meta.dirname, '../..');
const action = parse(readFileSync(path.join(root, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { description: string }>;
  outputs: Record<string, { description: string }>;
};
const docs = readFileSync(path.join(root, 'docs/action.md'), 'utf8');

/** The first-column names of the markdown table under `## heading`. */
function tableNames(heading: string): string[] {
  const section = docs.split(/^## /m).find((s) => s.startsWith(`${heading}\n`)) ?? '';
  return [...section.matchAll(/^\| `([a-z-]+)` +\|/gm)].map((m) => m[1] ?? '');
}

describe('action.yml and docs/action.md', () => {
  it('one inputs table with every input, nothing else', () => {
    expect(tableNames('Inputs').sort()).toEqual(Object.keys(action.inputs).sort());
  });

  it('one outputs table with every output, nothing else', () => {
    expect(tableNames('Outputs').sort()).toEqual(Object.keys(action.outputs).sort());
  });

  it('descriptions are one short line (build-push-action length)', () => {
    for (const [name, v] of [...Object.entries(action.inputs), ...Object.entries(action.outputs)]) {
      expect(v.description.includes('\n'), name).toBe(false);
      expect(v.description.length, name).toBeLessThanOrEqual(100);
    }
  });

  it('src/action/constants.ts names exactly the declared inputs and outputs', () => {
    expect(Object.values(Inputs).sort()).toEqual(Object.keys(action.inputs).sort());
    expect(Object.values(Outputs).sort()).toEqual(Object.keys(action.outputs).sort());
  });
});

/** Main's phases in run order, each as `name` and the file under src/action/phases/ it is in. */
function mainPhases(): { name: string; file: string }[] {
  const index = readFileSync(path.join(root, 'src/action/phases/index.ts'), 'utf8');
  const fileOf = new Map(
    [...index.matchAll(/^import \{ (\w+) \} from '\.\/(\w+)\.js';$/gm)].map((m) => [m[1], `${m[2]}.ts`]),
  );
  const list = /MAIN_PHASES: MainPhases = \[([^\]]*)\]/.exec(index)?.[1] ?? '';
  const ids = [...list.matchAll(/^\s*(\w+),$/gm)].map((m) => m[1] ?? '');
  expect(ids).toHaveLength(MAIN_PHASES.length);
  return MAIN_PHASES.map((phase, i) => ({ name: phase.name, file: fileOf.get(ids[i]) ?? `? ${ids[i]}` }));
}

describe("main's phases in the docs", () => {
  it('docs/action.md lists every phase in run order, each naming its file', () => {
    const section = docs.split(/^## /m).find((s) => s.startsWith('What main does, phase by phase\n')) ?? '';
    const listed = [...section.matchAll(/^\d+\. \*\*(.+?)\*\* \(`phases\/(\w+\.ts)`\)/gm)].map((m) => ({
      name: m[1],
      file: m[2],
    }));
    expect(listed).toEqual(mainPhases());
  });

  it("the README's Architecture table lists the same phases and files, in the same order", () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const section = readme.split(/^## /m).find((s) => s.startsWith('Architecture\n')) ?? '';
    const rows = [...section.matchAll(/^\| ([A-Z][^|]*?) +\| `(\w+\.ts)` +\|/gm)].map((m) => ({
      name: m[1],
      file: m[2],
    }));
    expect(rows).toEqual(mainPhases());
  });
});
