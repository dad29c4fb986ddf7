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

  constructor(
    readonly location: SourceLocation,
    /** Dotted path of the offending field, e.g. `tool.microb.target.default.entrypoint`. */
    readonly field: string,
    readonly problem: string,
    readonly hint?: string,
  ) {
    super(`${location.file}:${location.line}:${location.column}: error: ${problem}`);
  }

  /** `PATH:LINE:COL: error: MESSAGE` plus an indented hint line. */
  format(): string {
    return this.hint ? `${this.message}\n  hint: ${this.hint}` : this.message;
  }
}
