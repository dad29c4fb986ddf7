import type { Flavor } from '../model/types.js';
import type { TemplatePart } from '../model/template.js';

/** A credential for an index: written in the pyproject, or the id of a build secret. */
export type Credential =
  { readonly kind: 'inline'; readonly value: string } | { readonly kind: 'secret'; readonly id: string };

export interface IndexConfig {
  /** Without credentials: they never reach the Dockerfile. */
  readonly url: string;
  readonly host: string;
  readonly username?: Credential;
  readonly password?: Credential;
  readonly trust: boolean;
  /** Replace PyPI (`--index-url`) instead of adding to it (`--extra-index-url`). */
  readonly primary: boolean;
}

export interface CopyEntry {
  readonly src: string;
  readonly dst: string;
  readonly from?: string;
}

export interface AddEntry {
  readonly src: string;
  readonly dst: string;
  readonly checksum?: string;
}

export interface KeyedTemplate {
  readonly key: string;
  readonly template: readonly TemplatePart[];
}

export interface Healthcheck {
  /** Exec form. */
  readonly cmd: readonly string[];
  readonly interval?: string;
  readonly timeout?: string;
  readonly startPeriod?: string;
  readonly retries?: number;
}

/** One validated `[tool.microb.target.NAME]` table. */
export interface TargetConfig {
  readonly name: string;
  readonly pythonVersion?: string;
  readonly flavor: Flavor;
  readonly buildDeps: readonly string[];
  readonly systemDeps: readonly string[];
  readonly env: readonly KeyedTemplate[];
  readonly indices: readonly IndexConfig[];
  readonly labels: readonly KeyedTemplate[];
  readonly entrypoint?: readonly string[];
  readonly command?: readonly string[];
  readonly copyFiles: readonly CopyEntry[];
  readonly addFiles: readonly AddEntry[];
  readonly copyFilesBeforeBuild: readonly CopyEntry[];
  readonly addFilesBeforeBuild: readonly AddEntry[];
  /** Path relative to the pyproject's directory, POSIX form. */
  readonly requirements?: string;
  readonly extras: readonly string[];
  /** `install_project`: true = a package (run its backend), false = an application; unset = detected. */
  readonly installProject?: boolean;
  /** `lock = "path"` picks the lock file, `lock = false` opts out; unset: the one beside the pyproject. */
  readonly lock?: string | false;
  /** Dependency groups to install (PEP 735, Poetry and pdm groups); unset: none (or uv's default-groups). */
  readonly groups?: readonly string[];
  /** `shell = false`: the final base image has no shell (distroless-style), so the final stage runs no RUN. */
  readonly shell?: boolean;
  /** The final image's base (`base_image`); unset: the official python image. */
  readonly baseImage?: string;
  /** The builder's base (`builder_image`); unset: the official python image. */
  readonly builderImage?: string;
  /** `EXPOSE` ports as written ("8000", "53/udp"). */
  readonly expose?: readonly string[];
  readonly healthcheck?: Healthcheck;
  /** The final image's WORKDIR (absolute); unset: /app. */
  readonly workdir?: string;
  /** The uid (and gid) the image runs as; unset: 65532; 0: root, no user created. */
  readonly user?: number;
  readonly stopsignal?: string;
}
