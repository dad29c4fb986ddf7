/** What a lock file pins for one target: the exact requirements the deps stage installs. */

export type LockFormat = 'uv' | 'poetry' | 'pdm' | 'pylock';

/** One pinned distribution, ready to be written as a line of a pip requirements file. */
export interface LockedRequirement {
  /** Normalized name (PEP 503). */
  readonly name: string;
  readonly version: string;
  /**
   * - `registry`: `name==version` from `index`, every artifact hash listed;
   * - `url`: a direct archive URL (hashed when the lock records the hash);
   * - `git`: a VCS URL at the locked commit (pip can't hash a repository);
   * - `path`: a directory or archive in the build context, relative to the pyproject's directory.
   */
  readonly kind: 'registry' | 'url' | 'git' | 'path';
  /** The requirement without hashes and marker: `click==8.1.7`, `x @ git+https://…@<commit>`. */
  readonly requirement: string;
  /** `sha256:<hex>` (or another algorithm pip knows), sorted, deduplicated. */
  readonly hashes: readonly string[];
  /** PEP 508 environment marker pip evaluates in each platform's build; absent: always. */
  readonly marker?: string;
  /** Registry URL (kind `registry`). */
  readonly index?: string;
  /** Project-relative path (kind `path`). */
  readonly path?: string;
  /** The requirement fetches over ssh (git+ssh). */
  readonly ssh: boolean;
}

export interface LockPlan {
  readonly format: LockFormat;
  /** Path of the lock relative to the pyproject's directory. */
  readonly file: string;
  /** In the lock's order. */
  readonly requirements: readonly LockedRequirement[];
  /** Distinct registry URLs the requirements come from, in order of first use. */
  readonly indexes: readonly string[];
  /** The command that refreshes this lock, for hints. */
  readonly refresh: string;
}

/** A node of a lock's dependency graph, one per locked distribution. */
export interface LockNode {
  readonly id: string;
  readonly name: string;
  readonly version: string;
  /** Edges to follow whenever the node is installed. */
  readonly dependencies: readonly LockEdge[];
  /** Edges added by each of its extras. */
  readonly optional: ReadonlyMap<string, readonly LockEdge[]>;
  /** Turn the node into a requirement line (or throw when its source can't be honoured). */
  readonly requirement: () => Omit<LockedRequirement, 'marker'>;
}

export interface LockEdge {
  readonly to: string;
  readonly marker?: string;
  readonly extras: readonly string[];
}
