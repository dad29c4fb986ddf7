/**
 * pip's requirements file format, read as pip reads it (pip's req_file.py: `join_lines`, then
 * `ignore_comments`): the one reader of it, for the checks here, the nested -r/-c files
 * (requirementsFiles.ts, and the snapshot reader through it) and what a build needs (git, ssh).
 * `[tool.setuptools.dynamic]` files are another format, setuptools' (pyproject/dynamicFiles.ts).
 */
import { CREDENTIAL_HINT, findUrlCredential } from '../model/credentials.js';
import { ConfigError } from '../model/errors.js';
import { parseRequirement, Pep508Error } from '../pyproject/pep508.js';

/** One logical line of a requirements file. */
export interface RequirementsLine {
  /** The line as pip joins it: continuations joined (their backslashes dropped), CRs dropped, comments kept. */
  readonly text: string;
  /** What pip reads of it: comments removed, trimmed; '' for a blank or comment line. */
  readonly content: string;
  /** Where `content` starts in `text`. */
  readonly contentIndex: number;
  /** Line and column (1-based) in the file of character `index` of `text`. */
  position(index: number): { line: number; column: number };
}

/** pip's COMMENT_RE: `#` at the start of the line or after whitespace, to the end. */
const COMMENT = /(^|\s+)#.*$/;
/** A comment line (COMMENT_RE matched at the start): pip never continues it. */
const COMMENT_LINE = /^\s*#/;

/** Every logical line of `text`, in order, blank and comment lines included. */
export function requirementsLines(text: string): RequirementsLine[] {
  const out: RequirementsLine[] = [];
  // a logical line is pieces of physical lines: where each starts in `text`, and its file position
  let pieces: { start: number; line: number; column: number }[] = [];
  let joined = '';
  const add = (piece: string, line: number, column: number) => {
    pieces.push({ start: joined.length, line, column });
    joined += piece;
  };
  const end = () => {
    const text = joined;
    const at = pieces;
    const uncommented = text.replace(COMMENT, '');
    const content = uncommented.trim();
    out.push({
      text,
      content,
      contentIndex: content === '' ? 0 : uncommented.indexOf(content),
      position(index) {
        const piece = [...at].reverse().find((p) => p.start <= index) ?? at[0];
        if (piece === undefined) return { line: 1, column: 1 };
        return { line: piece.line, column: Math.max(1, piece.column + index - piece.start) };
      },
    });
    pieces = [];
    joined = '';
  };
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (!line.endsWith('\\') || COMMENT_LINE.test(line)) {
      // pip puts a space before a comment line that ends a continuation, so it stays a comment
      if (pieces.length > 0 && COMMENT_LINE.test(line)) add(` ${line}`, i + 1, 0);
      else add(line, i + 1, 1);
      end();
    } else {
      // pip's line.strip("\\"): backslashes at both ends go
      const leading = /^\\*/.exec(line)?.[0].length ?? 0;
      add(line.replace(/^\\+|\\+$/g, ''), i + 1, leading + 1);
    }
  });
  if (pieces.length > 0) end();
  return out;
}

/**
 * A requirements file the compiler hands to pip: no credentials in its URLs (a continuation
 * doesn't hide one), and every line something pip takes here (`checkRequirementsLines`).
 * Returns its lines, read once.
 */
export function checkRequirementsFile(file: string, text: string): RequirementsLine[] {
  const lines = requirementsLines(text);
  for (const line of lines) {
    const found = findUrlCredential(line.text);
    if (found !== undefined)
      throw new ConfigError(
        { file, ...line.position(found.index) },
        'requirements',
        `a ${found.scheme} URL in the requirements file contains credentials`,
        CREDENTIAL_HINT,
      );
  }
  checkRequirementsLines(file, lines);
  return lines;
}

/**
 * pip options that make sense in a requirements file the compiler hands to pip (a pinned or
 * exported set): nesting, hashes, editable installs, index selection, binary policy.
 */
const OPTIONS = new Set([
  '-r',
  '--requirement',
  '-c',
  '--constraint',
  '-e',
  '--editable',
  '--hash',
  '-i',
  '--index-url',
  '--extra-index-url',
  '--no-index',
  '-f',
  '--find-links',
  '--trusted-host',
  '--pre',
  '--prefer-binary',
  '--only-binary',
  '--no-binary',
  '--require-hashes',
  '--config-settings',
  '--use-feature',
]);

/**
 * Parse every logical line of a requirements file: a PEP 508 requirement with trailing
 * per-requirement options (`--hash=…`), one of pip's options above, or a path/URL pip accepts as
 * it is. Anything else is an error at file:line:column, before pip ever sees it.
 */
function checkRequirementsLines(file: string, lines: readonly RequirementsLine[]): void {
  for (const { content, contentIndex, position } of lines) {
    if (content === '') continue;
    const at = (offset: number) => ({ file, ...position(contentIndex + offset) });
    if (content.startsWith('-')) {
      const option = /^(--?[A-Za-z][A-Za-z-]*)/.exec(content)?.[1] ?? content;
      if (!OPTIONS.has(option))
        throw new ConfigError(
          at(0),
          'requirements',
          `pip option ${JSON.stringify(option)} is not supported in a requirements file here`,
          `supported: ${[...OPTIONS].join(', ')}`,
        );
      continue;
    }
    // a path or URL (`./pkg`, `/wheels/x.whl`, `https://…/x.whl`, `git+https://…`) is pip's to read
    if (/^(\.|\/|[A-Za-z][A-Za-z0-9+.-]*:\/\/)/.test(content)) continue;
    // per-requirement options follow the requirement: `name==1.0 --hash=sha256:…`
    const split = /\s--?[A-Za-z]/.exec(content);
    const requirement = split === null ? content : content.slice(0, split.index);
    try {
      parseRequirement(requirement.trim());
    } catch (error) {
      if (!(error instanceof Pep508Error)) throw error;
      throw new ConfigError(
        at(error.offset),
        'requirements',
        `invalid requirement ${JSON.stringify(requirement.trim())}: ${error.problem}`,
        error.hint,
      );
    }
  }
}
