import { parse, TomlError } from 'smol-toml';
import { ConfigError } from '../model/errors.js';
import { isTable, type TomlTable } from '../pyproject/document.js';
import { SourceMap, type KeyPath } from '../pyproject/sourceMap.js';

/** A lock file parsed once; located errors point into it (the source map is built on demand). */
export class LockFile {
  readonly root: TomlTable;
  private sourceMap: SourceMap | undefined;

  constructor(
    /** As printed in errors: beside the pyproject path the user gave. */
    readonly file: string,
    readonly text: string,
  ) {
    try {
      this.root = parse(text) as TomlTable;
    } catch (error) {
      if (error instanceof TomlError) {
        const problem = `invalid TOML: ${error.message.split('\n')[0]?.replace(/^Invalid TOML document: /, '')}`;
        throw new ConfigError({ file, line: error.line, column: error.column }, '', problem);
      }
      throw error;
    }
  }

  error(path: KeyPath, problem: string, hint?: string): ConfigError {
    this.sourceMap ??= new SourceMap(this.text);
    const { line, column } = this.sourceMap.locate(path);
    return new ConfigError({ file: this.file, line, column }, path.join('.'), problem, hint);
  }

  /** The array of tables at `key` (e.g. `package`), [] when absent. */
  tables(key: string): TomlTable[] {
    const value = this.root[key];
    if (value === undefined) return [];
    if (!Array.isArray(value) || !value.every(isTable))
      throw this.error([key], `\`${key}\` must be an array of tables`);
    return value as TomlTable[];
  }

  string(path: KeyPath, value: unknown): string {
    if (typeof value !== 'string') throw this.error(path, `\`${path.join('.')}\` must be a string`);
    return value;
  }

  /**
   * A package name as PEP 508 allows it (normalized); anything else is refused here, so no name
   * from a lock file carries a control character or a quote into a message or the Dockerfile.
   * `extras`: pdm writes `name[extra]` entries.
   */
  packageName(path: KeyPath, value: unknown, extras = false): string {
    const text = this.string(path, value);
    const pattern = extras
      ? /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?(\[[A-Za-z0-9._,-]+\])?$/
      : PACKAGE_NAME;
    if (!pattern.test(text))
      throw this.error(
        path,
        `invalid package name ${JSON.stringify(text)}`,
        'letters, digits, ".", "_" and "-"',
      );
    return normalizeName(text);
  }

  optionalString(path: KeyPath, value: unknown): string | undefined {
    return value === undefined ? undefined : this.string(path, value);
  }
}

const PACKAGE_NAME = /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/;

/** PEP 503 normalized name. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** Hashes pip accepts in `--hash=`: `algo:hex`. */
export function checkHash(lock: LockFile, path: KeyPath, hash: unknown): string {
  const text = lock.string(path, hash);
  if (!/^(sha256|sha384|sha512):[0-9a-f]+$/.test(text))
    throw lock.error(path, `invalid hash ${JSON.stringify(text)}`, 'expected "sha256:<hex digits>"');
  return text;
}
