import { parseTOML } from 'toml-eslint-parser';
import type { AST } from 'toml-eslint-parser';

/** A key path into the TOML document: table and key names, array indices. */
export type KeyPath = readonly (string | number)[];

interface Position {
  readonly line: number;
  readonly column: number;
}

/**
 * Where each key and array element of a TOML document is written. smol-toml gives the values
 * but no positions, so this second, syntax-only pass answers "which line is this field on?".
 */
export class SourceMap {
  private readonly positions = new Map<string, Position>();

  constructor(text: string) {
    let program: AST.TOMLProgram;
    try {
      program = parseTOML(text);
    } catch {
      return; // syntax errors are reported from smol-toml's parse, which runs first
    }
    for (const top of program.body) {
      for (const node of top.body) {
        if (node.type === 'TOMLTable') {
          this.recordHeader(node);
          this.visitKeyValues(node.resolvedKey, node.body);
        } else {
          this.visitKeyValues([], [node]);
        }
      }
    }
  }

  /** Position (1-based line and column) of the deepest part of `path` written in the file. */
  locate(path: KeyPath): Position {
    for (let n = path.length; n > 0; n--) {
      const found = this.positions.get(keyOf(path.slice(0, n)));
      if (found) return found;
    }
    return { line: 1, column: 1 };
  }

  /** True when exactly this path is written in the file. */
  has(path: KeyPath): boolean {
    return this.positions.has(keyOf(path));
  }

  /** `[a.b.c]` / `[[a.b]]`: each part of the header at its own column (array indices with it). */
  private recordHeader(table: AST.TOMLTable): void {
    const resolved = table.resolvedKey;
    let part = 0;
    resolved.forEach((name, i) => {
      if (typeof name === 'number') return;
      const loc = table.key.keys[part++]?.loc.start ?? table.loc.start;
      this.record(resolved.slice(0, i + 1), loc);
      if (typeof resolved[i + 1] === 'number') this.record(resolved.slice(0, i + 2), loc);
    });
  }

  private visitKeyValues(prefix: KeyPath, nodes: readonly AST.TOMLKeyValue[]): void {
    for (const kv of nodes) {
      const names = kv.key.keys.map((k) => (k.type === 'TOMLBare' ? k.name : k.value));
      const path: (string | number)[] = [...prefix];
      for (const [i, name] of names.entries()) {
        path.push(name);
        this.record(path, kv.key.keys[i]?.loc.start ?? kv.loc.start);
      }
      this.visitValue(path, kv.value);
    }
  }

  private visitValue(path: KeyPath, value: AST.TOMLContentNode): void {
    if (value.type === 'TOMLInlineTable') {
      this.visitKeyValues(path, value.body);
    } else if (value.type === 'TOMLArray') {
      value.elements.forEach((element, index) => {
        this.record([...path, index], element.loc.start);
        this.visitValue([...path, index], element);
      });
    }
  }

  private record(path: KeyPath, start: { line: number; column: number }): void {
    const key = keyOf(path);
    // the first mention wins: `[a.b]` after `[a]` must not move `a`
    if (!this.positions.has(key)) this.positions.set(key, { line: start.line, column: start.column + 1 });
  }
}

function keyOf(path: KeyPath): string {
  return path.map(String).join('\u0000');
}
