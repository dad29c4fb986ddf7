/**
 * Every user string that reaches the Dockerfile goes through exactly one function here, chosen
 * by the context it lands in. (The plan also quotes fixed shell text of its own, such as
 * `"$(echo /wheels/*.whl)"`, and error messages quote with JSON.stringify: neither holds a user
 * string that lands in the Dockerfile unquoted by this module.)
 */
import type { TemplatePart } from '../model/template.js';
import { LINE_UNSAFE } from '../model/text.js';

/** Text that must not reach a Dockerfile; `compile` turns it into a located ConfigError. */
export class UnsafeTextError extends Error {
  override readonly name = 'UnsafeTextError';
  constructor(
    /** What the text was for: `RUN command`, `LABEL value`, `COPY path`… */
    readonly field: string,
    /** The offending character. */
    readonly character: string,
  ) {
    super(`${field} contains the character U+${codePoint(character)}, which a Dockerfile line cannot carry`);
  }
}

export function codePoint(character: string): string {
  return (character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
}

/** `text`, if it holds no control character; else an UnsafeTextError naming `field`. */
export function oneLine(field: string, text: string): string {
  // no Dockerfile line holds LINE_UNSAFE's characters: refused outright, whatever the field, so
  // no present or future field can end a line early and start an instruction of its own
  const bad = LINE_UNSAFE.exec(text);
  if (bad) throw new UnsafeTextError(field, bad[0]);
  return text;
}

/** POSIX shell single-quoting: one argument, nothing expanded; for a Dockerfile line. */
export function shellQuote(word: string): string {
  return shellWord(oneLine('shell word', word));
}

function shellWord(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * A command as a POSIX shell reads it back into exactly these words: the one shell quoting of
 * the shells too (the action's build log, `microb build --print`). Not for a Dockerfile: a word
 * may hold a line break here.
 */
export function shellCommand(words: readonly string[]): string {
  return words.map(shellWord).join(' ');
}

/**
 * A Dockerfile ENV/LABEL value in double quotes: `"`, `\` and a literal `$` are escaped so the
 * Dockerfile's own word processing gives back the original text; `${NAME}` / `${NAME:-default}`
 * references stay live so BuildKit fills them from build args.
 */
export function dockerValue(parts: readonly TemplatePart[]): string {
  for (const part of parts)
    oneLine('ENV/LABEL value', part.kind === 'text' ? part.text : (part.fallback ?? ''));
  const escape = (text: string) => text.replace(/[\\"$]/g, '\\$&');
  const body = parts
    .map((part) => {
      if (part.kind === 'text') return escape(part.text);
      return part.fallback === undefined
        ? `\${${part.name}}`
        : `\${${part.name}:-${escapeFallback(part.fallback)}}`;
    })
    .join('');
  return `"${body}"`;
}

// Inside `${NAME:-…}` BuildKit reads the word with its own quoting, even within the outer
// double quotes: a `}` ends the word, `$` starts another reference and a `'` or `"` opens a
// quoted section (an unmatched quote, or the next pair swallowed). Escape all of them.
function escapeFallback(text: string): string {
  return text.replace(/[\\"'$}]/g, '\\$&');
}

/** A literal ENV/LABEL value (no references). */
export function dockerLiteral(text: string): string {
  return dockerValue([{ kind: 'text', text }]);
}

/** A LABEL key: quoted so dots, slashes and dashes are taken as written. */
export function labelKey(key: string): string {
  return dockerLiteral(key);
}

/** Exec-form arguments for ENTRYPOINT/CMD: a JSON array (no variable expansion in exec form). */
export function execForm(args: readonly string[]): string {
  // JSON escapes C0 controls itself; the rest (DEL, C1, U+2028/9) become \u escapes too, so the
  // argument arrives exactly as written and the line holds none of them
  const json = JSON.stringify(args).replace(
    /[\u007f-\u009f\u2028\u2029]/g,
    (c) => `\\u${codePoint(c).toLowerCase()}`,
  );
  return oneLine('ENTRYPOINT/CMD argument', json).replace(/","/g, '", "');
}

const PLAIN_PATH = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * COPY/ADD sources and destination. Plain words when they are simple; otherwise the JSON form,
 * with `\`, `$` and quotes escaped for the word processing BuildKit applies to each element.
 */
export function copyArgs(paths: readonly string[]): string {
  for (const p of paths) oneLine('COPY/ADD path', p);
  if (paths.every((p) => PLAIN_PATH.test(p))) return paths.join(' ');
  return `[${paths.map((p) => JSON.stringify(p.replace(/[\\$"']/g, '\\$&'))).join(', ')}]`;
}

/**
 * A comment line: a line break in it would end the comment and start an instruction, and a
 * comment cannot be continued, so it is also cut to a length any parser reads.
 */
export function commentText(text: string): string {
  oneLine('comment', text);
  return text.length > MAX_COMMENT ? `${text.slice(0, MAX_COMMENT)}…` : text;
}
const MAX_COMMENT = 2000;

/**
 * A `--mount=` flag's `key=value` list. BuildKit reads it three times: the flag word (quotes and
 * `\` escapes removed), a CSV record (a field holding `,` or `"` must be in double quotes, a `"`
 * doubled), then each value's variable expansion (`$` starts a reference, quotes open a quoted part, `\`
 * escapes). Values
 * are escaped for the last step, fields CSV-quoted when needed, and the part after `--mount=`
 * double-quoted (with `\` and `"` escaped) if it holds anything but plain characters.
 */
export function mountFlag(fields: readonly (readonly [string, string])[]): string {
  for (const [key, value] of fields) {
    // a bind source is also an include pattern of the context transfer: no glob characters
    const glob = key === 'source' ? /[\\*?[]/.exec(value) : null;
    if (glob) throw new UnsafeTextError('bind mount source (a glob pattern for BuildKit)', glob[0]);
  }
  const csv = fields.map(([key, value]) => {
    const field = `${key}=${oneLine('mount field', value).replace(/[\\$'"]/g, '\\$&')}`;
    return /[,"\s]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
  });
  const value = csv.join(',');
  // the flag word must start with `--`: quote what follows `--mount=`
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(value)
    ? `--mount=${value}`
    : `--mount="${value.replace(/[\\"]/g, '\\$&')}"`;
}

/** What a heredoc line can't hold: a control character, or a line break to some reader. */
// eslint-disable-next-line no-control-regex -- refusing control characters on purpose
export const NOT_IN_HEREDOC = /[\u0000-\u001f\u007f\u2028\u2029]/;

/**
 * Lines of a quoted heredoc (`COPY <<'END'`): taken as written, so the only things to refuse are
 * a control character (a line break would end the line early) and a line equal to the delimiter.
 */
export function heredocLines(lines: readonly string[], end: string): readonly string[] {
  for (const line of lines) {
    if (NOT_IN_HEREDOC.test(line) || line.trim() === end)
      throw new Error(`internal error: a heredoc line can't hold ${JSON.stringify(line)}`);
  }
  return lines;
}
