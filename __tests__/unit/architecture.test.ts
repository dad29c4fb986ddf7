/**
 * The shape of src/, checked from the source files: the folder-level import graph has no cycle
 * (src/'s top-level folders, and the compiler's own stages), and the ESLint boundaries in
 * eslint.config.js reject a deliberate violation (so a rule that stops matching fails here).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SRC = path.join(ROOT, 'src');

interface ImportEdge {
  readonly file: string;
  readonly target: string;
}

function sourceFiles(): string[] {
  return readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join('src', f));
}

/** Every relative import (static, type-only and dynamic) of every file under src/. */
function relativeImports(): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const file of sourceFiles()) {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*)'(\.[^']+)'/g)) {
      edges.push({ file, target: path.normalize(path.join(path.dirname(file), m[1] ?? '')) });
    }
  }
  return edges;
}

type Graph = Map<string, Set<string>>;

/** Strongly connected components with more than one node: each is a cycle. */
export function cycles(graph: Graph): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w === undefined) break;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

/** Folder graph: `nodeOf` names the folder a file belongs to (undefined = not in this graph). */
function folderGraph(nodeOf: (file: string) => string | undefined): {
  graph: Graph;
  why: Map<string, string>;
} {
  const graph: Graph = new Map();
  const why = new Map<string, string>();
  for (const { file, target } of relativeImports()) {
    const from = nodeOf(file);
    const to = nodeOf(target);
    if (from === undefined || to === undefined || from === to) continue;
    if (!graph.has(from)) graph.set(from, new Set());
    graph.get(from)?.add(to);
    why.set(`${from} -> ${to}`, `${file} imports ${target}`);
  }
  return { graph, why };
}

function explain(found: string[][], why: Map<string, string>): string {
  return found
    .map((cycle) =>
      [...why]
        .filter(
          ([edge]) =>
            cycle.includes(edge.split(' -> ')[0] ?? '') && cycle.includes(edge.split(' -> ')[1] ?? ''),
        )
        .map(([edge, reason]) => `${edge}: ${reason}`)
        .join('\n'),
    )
    .join('\n\n');
}

/** src/<folder>/… → <folder>; the entry files at src/'s root are their own node. */
const topFolder = (file: string): string | undefined => {
  const parts = file.split(path.sep);
  if (parts[0] !== 'src') return undefined;
  return parts.length > 2 ? (parts[1] ?? '') : 'src (entry files)';
};

/** src/compiler/<stage>/… → <stage>; the facade (index.ts, compile.ts) sits above every stage. */
const compilerStage = (file: string): string | undefined => {
  const parts = file.split(path.sep);
  if (parts[0] !== 'src' || parts[1] !== 'compiler') return undefined;
  return parts.length > 3 ? (parts[2] ?? '') : '(facade)';
};

describe('folder import graph', () => {
  it('finds a cycle when there is one (the check itself can fail)', () => {
    const graph: Graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
      ['d', new Set(['a'])],
    ]);
    expect(cycles(graph)).toEqual([['a', 'b', 'c']]);
    expect(cycles(new Map([['a', new Set(['b'])]]))).toEqual([]);
  });

  it("has no cycle between src/'s folders", () => {
    const { graph, why } = folderGraph(topFolder);
    expect(graph.size).toBeGreaterThan(5);
    const found = cycles(graph);
    expect(found, explain(found, why)).toEqual([]);
  });

  it('has no cycle between the compiler stages, and no stage imports the facade', () => {
    const { graph, why } = folderGraph(compilerStage);
    expect([...graph.keys()]).toEqual(expect.arrayContaining(['pyproject', 'plan', 'dockerfile']));
    const found = cycles(graph);
    expect(found, explain(found, why)).toEqual([]);
    const intoFacade = [...why].filter(([edge]) => edge.endsWith('-> (facade)'));
    expect(intoFacade.map(([, reason]) => reason)).toEqual([]);
  });

  it('keeps the compiler free of I/O imports (every file, also type-only imports)', () => {
    const offenders = sourceFiles()
      .filter((f) => f.startsWith(path.join('src', 'compiler')))
      .flatMap((f) =>
        [...readFileSync(path.join(ROOT, f), 'utf8').matchAll(/from\s+'([^.'][^']*)'/g)]
          .map((m) => m[1] ?? '')
          .filter((spec) => /^(node:(?!path$|crypto$)|fs|child_process|@actions\/)/.test(spec))
          .map((spec) => `${f}: ${spec}`),
      );
    expect(offenders).toEqual([]);
  });
});

/** The src/ files `entry` loads at run time: its value imports and theirs (type-only imports are erased). */
function runtimeClosure(entry: string): Set<string> {
  const seen = new Set<string>([entry]);
  const queue = [entry];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    const statements = text.matchAll(/^\s*(?:import|export)\s+(type\s+)?[^;]*?from\s+'(\.[^']+)'/gm);
    const dynamic = text.matchAll(/import\(\s*'(\.[^']+)'\s*\)/g);
    const targets = [
      ...[...statements].filter((m) => m[1] === undefined).map((m) => m[2] ?? ''),
      ...[...dynamic].map((m) => m[1] ?? ''),
    ];
    for (const target of targets) {
      const resolved = path.normalize(path.join(path.dirname(file), target.replace(/\.js$/, '.ts')));
      if (!seen.has(resolved)) {
        seen.add(resolved);
        queue.push(resolved);
      }
    }
  }
  return seen;
}

describe('what each entry point loads', () => {
  it('post loads none of the compiler but the quoting of Dockerfile lines (the cache dance writes some)', () => {
    const compiler = [...runtimeClosure(path.join('src', 'post.ts'))].filter((f) =>
      f.startsWith(path.join('src', 'compiler')),
    );
    // (and the one class of characters a line can't carry, which the quoting refuses)
    expect(compiler.sort()).toEqual([
      path.join('src', 'compiler', 'dockerfile', 'quote.ts'),
      path.join('src', 'compiler', 'model', 'text.ts'),
    ]);
    // the closure does follow the compiler where it is imported
    expect(runtimeClosure(path.join('src', 'main.ts'))).toContain(path.join('src', 'compiler', 'compile.ts'));
  });
});

describe('ESLint boundaries (eslint.config.js)', () => {
  const eslint = new ESLint({ cwd: ROOT });
  const lint = async (file: string, text: string): Promise<string[]> => {
    const [result] = await eslint.lintText(text, { filePath: path.join(ROOT, file) });
    return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  };

  it('rejects I/O, the runner and other src/ folders in the compiler', async () => {
    const text = [
      "import { readFileSync } from 'node:fs';",
      "import * as core from '@actions/core';",
      "import { dockerArch } from '../../docker/platforms.js';",
      "import { ConfigError } from '../model/errors.js';",
      'export const used = [readFileSync, core, dockerArch, ConfigError];',
      '',
    ].join('\n');
    const messages = await lint('src/compiler/plan/deliberateViolation.ts', text);
    expect(messages).toHaveLength(3);
    expect(messages.join('\n')).toMatch(
      /does no I\/O[\s\S]*does not know the runner[\s\S]*other src\/ folders/,
    );
    const facade = await lint(
      'src/compiler/deliberateViolation.ts',
      "import { dockerArch } from '../docker/platforms.js';\nexport const used = dockerArch;\n",
    );
    expect(facade).toHaveLength(1);
  });

  it('rejects a library importing the action or the CLI', async () => {
    for (const file of ['src/cache/deliberateViolation.ts', 'src/docker/buildx/deliberateViolation.ts']) {
      const up = file.split('/').length === 4 ? '../../' : '../';
      const messages = await lint(
        file,
        `import type { MainContext } from '${up}action/context.js';\nexport type Used = MainContext;\n`,
      );
      expect(messages, file).toEqual([expect.stringMatching(/libraries do not import the action/)]);
    }
  });

  it('accepts the current tree', async () => {
    const results = await eslint.lintFiles(['src/**/*.ts']);
    const restricted = results.flatMap((r) =>
      r.messages
        .filter((m) => m.ruleId === 'no-restricted-imports')
        .map((m) => `${r.filePath}: ${m.message}`),
    );
    expect(restricted).toEqual([]);
  });
});
