import type { TemplatePart } from '../model/template.js';

/** A `--mount=` of a RUN step. */
export type Mount =
  | { readonly type: 'cache'; readonly id: string; readonly target: string; readonly sharing?: 'locked' }
  | { readonly type: 'secret'; readonly id: string; readonly target: string }
  | { readonly type: 'ssh' }
  | {
      readonly type: 'bind';
      readonly source: string;
      readonly target: string;
      /** Writable inside the RUN (writes are discarded): pip builds a local project in place. */
      readonly readwrite?: boolean;
    };

export interface KeyValue {
  readonly key: string;
  readonly value: readonly TemplatePart[];
}

/**
 * One shell command of a RUN: a line, or the lines of one command written with line
 * continuations (a command, then one argument per line: `pip install` and its requirements).
 */
export type Command = string | readonly string[];

/**
 * One Dockerfile instruction as data. Shell scripts are lists of commands whose user parts were
 * already quoted by dockerfile/quote.ts; every other user string is quoted when rendered.
 */
export type Instruction =
  | { readonly op: 'FROM'; readonly image: string; readonly name: string }
  | { readonly op: 'ARG'; readonly name: string; readonly value?: string }
  | { readonly op: 'ENV'; readonly pairs: readonly KeyValue[] }
  | { readonly op: 'LABEL'; readonly pairs: readonly KeyValue[] }
  | { readonly op: 'RUN'; readonly mounts: readonly Mount[]; readonly commands: readonly Command[] }
  | {
      readonly op: 'COPY';
      readonly from?: string;
      readonly link?: boolean;
      readonly chmod?: string;
      readonly sources: readonly string[];
      readonly dest: string;
    }
  | {
      readonly op: 'ADD';
      readonly checksum?: string;
      readonly chmod?: string;
      readonly sources: readonly string[];
      readonly dest: string;
    }
  | { readonly op: 'WORKDIR'; readonly path: string }
  | { readonly op: 'USER'; readonly user: string }
  | { readonly op: 'ENTRYPOINT' | 'CMD'; readonly args: readonly string[] }
  | { readonly op: 'EXPOSE'; readonly ports: readonly string[] }
  | {
      readonly op: 'HEALTHCHECK';
      /** `--interval=30s` etc., in this order. */
      readonly options: readonly (readonly [string, string])[];
      readonly args: readonly string[];
    }
  | { readonly op: 'STOPSIGNAL'; readonly signal: string }
  | { readonly op: 'COMMENT'; readonly text: string }
  /**
   * A file written from lines in the Dockerfile itself (a quoted heredoc: nothing is expanded).
   * Its lines are never cut, unless `continuation`: the file's own format joins a line ending in
   * `\` with the next (pip requirements files), so an over-long line may be split like any other.
   */
  | {
      readonly op: 'FILE';
      readonly dest: string;
      readonly lines: readonly string[];
      readonly continuation?: boolean;
    };

interface Stage {
  readonly instructions: readonly Instruction[];
}

export interface DockerfilePlan {
  /** Comment lines at the top of the file. */
  readonly header: readonly string[];
  readonly syntax?: string;
  /** Global ARGs before the first FROM (the base images, swappable with --build-arg). */
  readonly preamble?: readonly Instruction[];
  readonly stages: readonly Stage[];
}
