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
  /** One-line string values: where the text inside the quotes starts, and its style. */
  private readonly strings = new Map<string, { start: Position; offset: number; basic: boolean }>();
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
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

  /**
   * Position of character `index` of the one-line string value at `path`, counting TOML escapes
   * (`\"`, `\u00e9`) as the one character they stand for; undefined for other values.
   */
  stringPosition(path: KeyPath, index: number): Position | undefined {
    const found = this.strings.get(keyOf(path));
    if (found === undefined) return undefined;
    let raw = found.offset;
    for (let i = 0; i < index && raw < this.text.length; i++) {
      if (found.basic && this.text[raw] === '\\') {
        const kind = this.text[raw + 1];
        raw += kind === 'u' ? 6 : kind === 'U' ? 10 : 2;
      } else {
        const code = this.text.codePointAt(raw) ?? 0;
        raw += code > 0xffff ? 2 : 1;
        if (code > 0xffff) i++; // one code point, two UTF-16 units of the value
      }
    }
    return { line: found.start.line, column: found.start.column + (raw - found.offset) };
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
    if (value.type === 'TOMLValue' && value.kind === 'string' && !value.multiline) {
      const key = keyOf(path);
      if (!this.strings.has(key))
        this.strings.set(key, {
          start: { line: value.loc.start.line, column: value.loc.start.column + 2 },
          offset: value.range[0] + 1,
          basic: value.style === 'basic',
        });
    } else if (value.type === 'TOMLInlineTable') {
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
