import { LINE_UNSAFE } from './text.js';

/** A configuration problem located in a file: what the CLI prints and the action annotates. */
export interface SourceLocation {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly problem: string;
  readonly hint?: string;

  constructor(
    readonly location: SourceLocation,
    /** Dotted path of the offending field, e.g. `tool.microb.target.default.entrypoint`. */
    readonly field: string,
    problem: string,
    hint?: string,
  ) {
    // messages quote pyproject text: each stays one line of bounded length, whatever it quotes
    const clean = oneLineText(problem);
    super(`${location.file}:${location.line}:${location.column}: error: ${clean}`);
    this.problem = clean;
    if (hint !== undefined) this.hint = oneLineText(hint);
  }

  /** `PATH:LINE:COL: error: MESSAGE` plus an indented hint line. */
  format(): string {
    return this.hint ? `${this.message}\n  hint: ${this.hint}` : this.message;
  }
}

const MAX_MESSAGE = 500;
const CONTROL = new RegExp(LINE_UNSAFE.source, 'g');

/** Control characters and line breaks as `\uXXXX`, the text cut to MAX_MESSAGE characters. */
function oneLineText(text: string): string {
  const escaped = text.replace(CONTROL, (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
  return escaped.length > MAX_MESSAGE ? `${escaped.slice(0, MAX_MESSAGE)}…` : escaped;
}
