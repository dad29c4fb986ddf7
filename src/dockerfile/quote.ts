/**
 * Every user string that reaches the Dockerfile goes through exactly one function here, chosen
 * by the context it lands in. Nothing else in the compiler builds quoted text.
 */
import type { TemplatePart } from '../config/template.js';

/** POSIX shell single-quoting: one argument, nothing expanded. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * A Dockerfile ENV/LABEL value in double quotes: `"`, `\` and a literal `$` are escaped so the
 * Dockerfile's own word processing gives back the original text; `${NAME}` / `${NAME:-default}`
 * references stay live so BuildKit fills them from build args.
 */
export function dockerValue(parts: readonly TemplatePart[]): string {
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
  return JSON.stringify(args).replace(/","/g, '", "');
}

const PLAIN_PATH = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * COPY/ADD sources and destination. Plain words when they are simple; otherwise the JSON form,
 * with `\`, `$` and quotes escaped for the word processing BuildKit applies to each element.
 */
export function copyArgs(paths: readonly string[]): string {
  if (paths.every((p) => PLAIN_PATH.test(p))) return paths.join(' ');
  return `[${paths.map((p) => JSON.stringify(p.replace(/[\\$"']/g, '\\$&'))).join(', ')}]`;
}

/** A comment line: a line break in it would end the comment and start an instruction. */
export function commentText(text: string): string {
  // eslint-disable-next-line no-control-regex -- replacing control characters on purpose
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
}

/**
 * Lines of a quoted heredoc (`COPY <<'END'`): taken as written, so the only things to refuse are
 * a control character (a line break would end the line early) and a line equal to the delimiter.
 */
export function heredocLines(lines: readonly string[], end: string): readonly string[] {
  for (const line of lines) {
    // eslint-disable-next-line no-control-regex -- refusing control characters on purpose
    if (/[\u0000-\u001f\u007f\u2028\u2029]/.test(line) || line.trim() === end)
      throw new Error(`internal error: a heredoc line can't hold ${JSON.stringify(line)}`);
  }
  return lines;
}
