/**
 * The one place where text becomes a log line or an annotation. On a pull request the
 * pyproject and every file beside it are the PR author's, and the runner reads workflow
 * commands in everything a step prints (stdout and stderr, line by line): a target name, a
 * build-backend or a file name holding `\n::save-state name=…::` would otherwise set state that
 * post acts on, or forge outputs. Every message goes through `neutralise` before it is printed.
 *
 * Why escaping and not `::stop-commands::` around untrusted text: an annotation (`::error
 * file=…,line=…::`) must itself stay a command, and most messages mix our words with project
 * text, so a stop-commands pair would have to wrap nearly every line (and make the log twice as
 * long). Escaping keeps one message = the lines we meant, each safe on its own:
 * - control characters (C0, DEL, C1 incl. NEL, U+2028/U+2029) become visible `\xNN`/`\uNNNN`
 *   escapes; the runner ends a line at CR as well as LF, so only our own LF is left a line break;
 * - a line whose first non-blank characters are `::` gets its first colon escaped (`\x3a:`),
 *   since the runner trims leading white space before it looks for a command;
 * - `##[` (the runner's older command syntax, obeyed anywhere in a line) becomes `#\x23[`.
 * Build logs (a RUN step can print anything) are the other untrusted text; build.ts prints
 * those between `::stop-commands::` and its random token, where none of this is needed.
 */
import * as core from '@actions/core';

// C0 except LF (split on below), DEL, C1, and the Unicode line/paragraph separators
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;
// what .NET's TrimStart removes before the runner looks for `::` (white space, plus the
// format characters a viewer doesn't show)
const COMMAND_START = /^([\s\p{Z}\p{Cf}\u180e]*):(?=:)/u;

function escapeChar(c: string): string {
  const code = c.charCodeAt(0);
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One line of untrusted text: no line break survives (LF and CR become `\n`, `\r`). */
export function oneLine(text: string): string {
  return neutraliseLine(text.replace(/\n/g, '\\n'));
}

function neutraliseLine(line: string): string {
  return line.replace(CONTROL, escapeChar).replace(COMMAND_START, '$1\\x3a').replace(/##\[/g, '#\\x23[');
}

/**
 * One line of a terminal view (buildx's TTY progress, already passed through the terminal filter
 * of src/docker/buildx/terminal.ts, which keeps a few escape sequences): only what the runner
 * would read as a workflow command is escaped, so the view's own sequences survive.
 */
export function neutraliseCommands(line: string): string {
  return line.replace(COMMAND_START, '$1\\x3a').replace(/##\[/g, '#\\x23[');
}

/**
 * Text safe to print: every LF stays a line break, but no line can be read as a workflow
 * command and no other character can start a line (for the runner or for a log viewer).
 */
export function neutralise(text: string): string {
  return text.split('\n').map(neutraliseLine).join('\n');
}

/** Annotation fields (file, title) get one line each; core escapes `:` and `,` in them. */
function safeProperties(p: core.AnnotationProperties | undefined): core.AnnotationProperties | undefined {
  if (!p) return p;
  return {
    ...p,
    ...(p.title !== undefined ? { title: oneLine(p.title) } : {}),
    ...(p.file !== undefined ? { file: oneLine(p.file) } : {}),
  };
}

/**
 * The logging API of the action, the CLI's shells and the cache: `@actions/core`'s, with every
 * message neutralised. ESLint forbids calling core's own printers anywhere else.
 */
export const log = {
  info: (message: string): void => core.info(neutralise(message)),
  debug: (message: string): void => core.debug(neutralise(message)),
  warning: (message: string, properties?: core.AnnotationProperties): void =>
    core.warning(neutralise(message), safeProperties(properties)),
  error: (message: string, properties?: core.AnnotationProperties): void =>
    core.error(neutralise(message), safeProperties(properties)),
  notice: (message: string, properties?: core.AnnotationProperties): void =>
    core.notice(neutralise(message), safeProperties(properties)),
  /** core.setFailed: the exit code and one `::error::`. */
  setFailed: (message: string): void => core.setFailed(neutralise(message)),
};

/** Encodings a tool may print a credential in: pip and URLs show `user%40corp` for `user@corp`. */
export function maskedForms(value: string): string[] {
  const forms = new Set<string>();
  const add = (v: string): void => {
    // the runner masks line by line: a one-character or blank line would blank out the log
    if (v.trim().length > 1) forms.add(v);
  };
  if (value !== '') forms.add(value);
  // a multi-line value: its lines as well (the runner matches masks within one line)
  for (const line of value.split(/\r?\n/)) add(line);
  for (const v of [...forms]) {
    add(encodeURIComponent(v));
    // Python's urllib.parse.quote(safe=''): also encodes ! ' ( ) *
    add(encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`));
    // application/x-www-form-urlencoded: a space as +
    add(encodeURIComponent(v).replace(/%20/g, '+'));
  }
  return [...forms];
}

/** Masks a credential in every form it may be printed in, before anything could print it. */
export function maskSecret(value: string): void {
  for (const form of maskedForms(value)) core.setSecret(form);
}
