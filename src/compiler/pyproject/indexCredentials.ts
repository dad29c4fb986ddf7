/**
 * The credentials written inline in a pyproject (`indices = [{ …, username = "…", password = "…" }]`),
 * for the shells to mask before anything could print them: read from the snapshot's one parse
 * (the one compile then reads), with no check of the tables they sit in, so a target that fails
 * to compile, or is not compiled in this run, has its credentials masked too.
 */
import type { ProjectSnapshot } from '../model/types.js';
import { isTable, snapshotDocument, type PyprojectDocument } from './document.js';

/**
 * The inline `username`/`password` of every `indices` entry anywhere under `[tool.microb]`
 * (not only where a target's `indices` belongs: a misplaced one is a secret too), each once; none
 * when the TOML does not parse (compile reports that).
 */
export function inlineIndexCredentials(snapshot: ProjectSnapshot): string[] {
  let doc: PyprojectDocument;
  try {
    doc = snapshotDocument(snapshot);
  } catch {
    return [];
  }
  const out = new Set<string>();
  const walk = (node: unknown, depth: number): void => {
    if (depth > 8) return;
    if (Array.isArray(node)) for (const v of node) walk(v, depth + 1);
    if (!isTable(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'indices' && Array.isArray(value))
        for (const index of value) {
          if (!isTable(index)) continue;
          for (const field of [index.username, index.password])
            if (typeof field === 'string' && field !== '') out.add(field);
        }
      walk(value, depth + 1);
    }
  };
  walk(doc.get(['tool', 'microb']), 0);
  return [...out];
}
