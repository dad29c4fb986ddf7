import type { KeyPath } from './sourceMap.js';
import { isTable, type PyprojectDocument } from './document.js';
import { MAX_VALUE_BYTES } from './limits.js';

/** The keys JavaScript objects enumerate first, in numeric order. */
const ARRAY_INDEX = /^(0|[1-9]\d*)$/;

/**
 * Typed readers for one field each: they return the value in the shape the compiler wants or
 * throw a ConfigError at the field's line with the expected type as the hint.
 */
export class FieldReader {
  constructor(readonly doc: PyprojectDocument) {}

  string(path: KeyPath, value: unknown): string {
    if (typeof value !== 'string') throw this.typeError(path, value, 'a string', `${last(path)} = "…"`);
    return this.wellFormed(path, value);
  }

  /** TOML escapes can spell a lone surrogate, which no UTF-8 Dockerfile can hold. */
  private wellFormed(path: KeyPath, value: string): string {
    // every value lands on one Dockerfile line (or in one shell word): bound it below BuildKit's limit
    if (value.length > MAX_VALUE_BYTES / 3 && Buffer.byteLength(value) > MAX_VALUE_BYTES)
      throw this.doc.error(
        path,
        `\`${String(last(path))}\` is ${Buffer.byteLength(value)} bytes long, more than the ${MAX_VALUE_BYTES} one Dockerfile line can hold`,
        'shorten it (BuildKit reads lines of at most 65,535 bytes)',
      );
    if (/\p{Cs}/u.test(value))
      throw this.doc.error(
        path,
        `\`${String(last(path))}\` is not valid Unicode (a lone surrogate)`,
        'remove the \\uD800–\\uDFFF escape',
      );
    return value;
  }

  /** Strings, and numbers/booleans written without quotes (env values, label values). */
  private scalar(path: KeyPath, value: unknown): string {
    if (typeof value === 'string') return this.wellFormed(path, value);
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
      return String(value);
    throw this.typeError(path, value, 'a string', `${last(path)} = "…"`);
  }

  boolean(path: KeyPath, value: unknown): boolean {
    if (typeof value !== 'boolean')
      throw this.typeError(path, value, 'true or false', `${last(path)} = true`);
    return value;
  }

  /** A TOML integer (bigints beyond 2^53 are kept approximate: every bound checked is far below). */
  integer(path: KeyPath, value: unknown): number {
    if (typeof value === 'bigint') return Number(value);
    if (typeof value !== 'number' || !Number.isInteger(value))
      throw this.typeError(path, value, 'an integer', `${last(path)} = 1000`);
    return value;
  }

  stringArray(path: KeyPath, value: unknown): string[] {
    if (typeof value === 'string') {
      throw this.doc.error(
        path,
        `\`${last(path)}\` must be an array of strings, not a string`,
        `write ${last(path)} = ["${value.split(/\s+/)[0] ?? ''}", …]`,
      );
    }
    if (!Array.isArray(value))
      throw this.typeError(path, value, 'an array of strings', `${last(path)} = ["…"]`);
    return value.map((item: unknown, i) => this.string([...path, i], item));
  }

  /** A table of string values, as [key, value] pairs in the order they are written. */
  stringTable(path: KeyPath, value: unknown): [string, string][] {
    if (!isTable(value)) throw this.typeError(path, value, 'a table', `${last(path)} = { KEY = "value" }`);
    return this.keysInFileOrder(path, value).map((key) => [key, this.scalar([...path, key], value[key])]);
  }

  tableArray(path: KeyPath, value: unknown, example: string): Record<string, unknown>[] {
    if (!Array.isArray(value)) throw this.typeError(path, value, 'an array of tables', example);
    return value.map((item: unknown, i) => {
      if (!isTable(item)) throw this.typeError([...path, i], item, 'a table', example);
      return item;
    });
  }

  /** Keys of a table sorted by where they are written (JS objects put integer-like keys first). */
  keysInFileOrder(path: KeyPath, table: object): string[] {
    const keys = Object.keys(table);
    // smol-toml inserts keys as they are written; only integer-like keys are moved to the front
    if (!keys.some((k) => ARRAY_INDEX.test(k))) return keys;
    const at = (key: string) => this.doc.position([...path, key]);
    return keys.sort((a, b) => {
      const pa = at(a);
      const pb = at(b);
      return pa.line - pb.line || pa.column - pb.column;
    });
  }

  private typeError(path: KeyPath, value: unknown, expected: string, example: string) {
    return this.doc.error(
      path,
      `\`${String(last(path))}\` must be ${expected}, found ${describe(value)}`,
      `expected ${expected}, e.g. ${example}`,
    );
  }
}

function last(path: KeyPath): string | number {
  return path[path.length - 1] ?? '';
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a date';
  if (isTable(value)) return 'a table';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (typeof value === 'number' || typeof value === 'bigint') return `the number ${String(value)}`;
  if (typeof value === 'boolean') return `the boolean ${String(value)}`;
  return typeof value;
}
