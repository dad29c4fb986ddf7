import path from 'node:path';
import { ConfigError } from '../model/errors.js';
import { requirementsLines } from './requirementsLines.js';

/** pip's nested references: `-r other.txt`, `--requirement=other.txt`, `-c constraints.txt`. */
const NESTED = /^(-r|--requirement|-c|--constraint)(?:\s*=\s*|\s+)(\S+)/;
const SAFE = /^[A-Za-z0-9_@%+=:./-]+$/;
/** Bound on nested files, so a cycle or a fan-out can't make the reader read forever. */
export const MAX_REQUIREMENTS_FILES = 64;

export interface NestedReference {
  readonly line: number;
  readonly column: number;
  /** As written. */
  readonly ref: string;
  /** Resolved against the referring file's directory (POSIX, relative to the pyproject's dir). */
  readonly resolved: string;
}

/** The `-r` / `-c` lines of a requirements file at `relative` (relative to the pyproject's dir), as pip reads them. */
function nestedReferences(relative: string, text: string): NestedReference[] {
  const out: NestedReference[] = [];
  for (const line of requirementsLines(text)) {
    const m = NESTED.exec(line.content);
    if (!m) continue;
    const ref = m[2] as string;
    out.push({
      ...line.position(line.contentIndex + line.content.indexOf(ref, (m[1] as string).length)),
      ref,
      resolved: path.posix.normalize(path.posix.join(path.posix.dirname(relative), ref)),
    });
  }
  return out;
}

/** The files a shell must read for `relative`'s nested references (pure; no I/O). */
export function nestedRequirementFiles(relative: string, text: string): string[] {
  return nestedReferences(relative, text)
    .map((r) => r.resolved)
    .filter((p) => !p.startsWith('..') && !p.startsWith('/') && SAFE.test(p));
}

/**
 * Every file `top` pulls in through `-r`/`-c`, `top` first, each once. A reference that leaves
 * the project, names a URL, or isn't in the snapshot is an error at its file:line.
 */
export function requirementsClosure(
  files: ReadonlyMap<string, string | null>,
  pyprojectPath: string,
  top: string,
): string[] {
  const dir = pyprojectPath.includes('/') ? pyprojectPath.slice(0, pyprojectPath.lastIndexOf('/') + 1) : '';
  const seen = [top];
  for (let i = 0; i < seen.length; i++) {
    const file = seen[i] as string;
    for (const ref of nestedReferences(file, files.get(file) ?? '')) {
      const where = { file: `${dir}${file}`, line: ref.line, column: ref.column };
      if (/^[a-z][a-z0-9+.-]*:/i.test(ref.ref))
        throw new ConfigError(
          where,
          'requirements',
          `a nested requirements file by URL (${ref.ref.split(':')[0]}:…) is not supported`,
          'commit the file and reference it by a relative path',
        );
      if (ref.resolved.startsWith('..') || ref.resolved.startsWith('/') || !SAFE.test(ref.resolved))
        throw new ConfigError(
          where,
          'requirements',
          `the nested requirements file ${JSON.stringify(ref.ref)} is outside the project or has an unsupported name`,
          "a relative path inside the project, resolved from this file's directory",
        );
      if (files.get(ref.resolved) == null)
        throw new ConfigError(
          where,
          'requirements',
          `the nested requirements file "${ref.ref}" does not exist (looked for ${ref.resolved})`,
          'paths in -r/-c lines are relative to the file that names them',
        );
      if (!seen.includes(ref.resolved)) seen.push(ref.resolved);
      if (seen.length > MAX_REQUIREMENTS_FILES)
        throw new ConfigError(
          where,
          'requirements',
          `more than ${MAX_REQUIREMENTS_FILES} nested requirements files`,
          'flatten them',
        );
    }
  }
  return seen;
}
