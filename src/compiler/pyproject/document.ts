import { parse, TomlError } from 'smol-toml';
import { ConfigError } from '../model/errors.js';
import type { ProjectSnapshot } from '../model/types.js';
import { SourceMap, type KeyPath } from './sourceMap.js';

export type TomlTable = { readonly [key: string]: TomlValue };
export type TomlValue = string | number | boolean | bigint | Date | object | readonly TomlValue[] | TomlTable;

/** A parsed pyproject: its values, where each key is written, and a way to raise located errors. */
export class PyprojectDocument {
  readonly root: TomlTable;
  private map: SourceMap | undefined;

  constructor(
    readonly file: string,
    private readonly text: string,
  ) {
    try {
      // frozen: one document serves every reader of a snapshot (see `snapshotDocument`)
      this.root = deepFreeze(parse(text)) as TomlTable;
    } catch (error) {
      if (error instanceof TomlError) {
        const problem = `invalid TOML: ${error.message.split('\n')[0]?.replace(/^Invalid TOML document: /, '')}`;
        throw new ConfigError({ file, line: error.line, column: error.column }, '', problem);
      }
      throw error;
    }
  }

  /**
   * Positions come from a second, syntax-only parse that costs more than the first: it runs only
   * when an error (or a key order smol-toml cannot give) needs one.
   */
  private get sourceMap(): SourceMap {
    this.map ??= new SourceMap(this.text);
    return this.map;
  }

  /** The value at `path`, or undefined. */
  get(path: KeyPath): unknown {
    let node: unknown = this.root;
    for (const part of path) {
      if (node === null || typeof node !== 'object') return undefined;
      node = (node as Record<string | number, unknown>)[part];
    }
    return node;
  }

  /** A ConfigError pointing at `path` (or its nearest written ancestor). */
  error(path: KeyPath, problem: string, hint?: string): ConfigError {
    const { line, column } = this.sourceMap.locate(path);
    return new ConfigError({ file: this.file, line, column }, path.join('.'), problem, hint);
  }

  /** Line and column of character `index` of the one-line string value at `path`, if written so. */
  stringPosition(path: KeyPath, index: number): { line: number; column: number } | undefined {
    return this.sourceMap.stringPosition(path, index);
  }

  /** Line and column of `path`, for ordering keys as written. */
  position(path: KeyPath): { line: number; column: number } {
    return this.sourceMap.locate(path);
  }
}

const documents = new WeakMap<ProjectSnapshot, { text: string; path: string; doc: PyprojectDocument }>();

/**
 * The snapshot's pyproject, parsed once however many readers ask (the action's masking, compile,
 * each target of compileTargets). Throws the located ConfigError of broken TOML.
 */
export function snapshotDocument(snapshot: ProjectSnapshot): PyprojectDocument {
  const known = documents.get(snapshot);
  if (known !== undefined && known.text === snapshot.pyprojectText && known.path === snapshot.pyprojectPath)
    return known.doc;
  const doc = new PyprojectDocument(snapshot.pyprojectPath, snapshot.pyprojectText);
  documents.set(snapshot, { text: snapshot.pyprojectText, path: snapshot.pyprojectPath, doc });
  return doc;
}

function deepFreeze(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * The first key or string value (in document order of the parsed tree) that contains `character`,
 * as a path: where a text the Dockerfile layer refused came from.
 */
export function findText(root: TomlTable, character: string): KeyPath | undefined {
  const visit = (node: unknown, path: (string | number)[]): KeyPath | undefined => {
    if (typeof node === 'string') return node.includes(character) ? path : undefined;
    if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) {
        const found = visit(item, [...path, i]);
        if (found) return found;
      }
      return undefined;
    }
    if (isTable(node)) {
      for (const [key, value] of Object.entries(node)) {
        if (key.includes(character)) return [...path, key];
        const found = visit(value, [...path, key]);
        if (found) return found;
      }
    }
    return undefined;
  };
  return visit(root, []);
}

export function isTable(value: unknown): value is TomlTable {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
}
