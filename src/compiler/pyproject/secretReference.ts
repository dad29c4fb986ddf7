/**
 * Where the pyproject names a build secret (`password_secret = "ID"`), from the source map: the
 * action annotates a missing secret on that line. Runs on that error path only (the source map
 * is a second, syntax-only parse).
 */
import { PyprojectDocument } from './document.js';
import type { KeyPath } from './sourceMap.js';

export interface SecretReference {
  /** The pyproject key naming the secret, e.g. `password_secret`. */
  readonly key: string;
  /** 1-based. */
  readonly line: number;
  readonly column: number;
}

/** The first `*_secret` key under `[tool.microb]` whose value is `id`; undefined when none. */
export function findSecretReference(pyprojectText: string, id: string): SecretReference | undefined {
  let doc: PyprojectDocument;
  try {
    doc = new PyprojectDocument('pyproject.toml', pyprojectText);
  } catch {
    return undefined;
  }
  const found: KeyPath[] = [];
  const walk = (node: unknown, path: KeyPath, depth: number): void => {
    if (depth > 8 || node === null || typeof node !== 'object' || node instanceof Date) return;
    for (const [key, value] of Object.entries(node)) {
      const at = [...path, Array.isArray(node) ? Number(key) : key];
      if (key.endsWith('_secret') && value === id) found.push(at);
      else walk(value, at, depth + 1);
    }
  };
  walk(doc.get(['tool', 'microb']), ['tool', 'microb'], 0);
  const located = found.map((path) => ({ key: String(path.at(-1)), ...doc.position(path) }));
  located.sort((a, b) => a.line - b.line || a.column - b.column);
  return located[0];
}
