/**
 * Image tags computed from the GitHub event when the user gives `images` but no `tags`.
 *
 * Follows docker/metadata-action with its usual release configuration
 * (`type=schedule`, `type=ref,event=branch`, `type=ref,event=pr`,
 * `type=semver,pattern={{version}}|{{major}}.{{minor}}|{{major}}`, `type=sha`, `latest=auto`):
 *
 * | event                              | tags                                        |
 * |------------------------------------|---------------------------------------------|
 * | push `refs/heads/feature/x`        | `feature-x`, `sha-abc1234`                  |
 * | push `refs/tags/v1.2.3`            | `1.2.3`, `1.2`, `1`, `sha-…`, `latest`      |
 * | push `refs/tags/v0.3.1`            | `0.3.1`, `0.3`, `sha-…`, `latest` (no `0`)  |
 * | push `refs/tags/v2.0.0-rc.1`       | `2.0.0-rc.1`, `sha-…`                       |
 * | push `refs/tags/1.2.3rc1`          | `1.2.3rc1`, `sha-…`                         |
 * | push `refs/tags/1.2.3.post1`       | `1.2.3.post1`, `1.2`, `1`, `sha-…`, `latest`|
 * | push `refs/tags/nightly-build`     | `nightly-build`, `sha-…` (not a version: no `latest`) |
 * | `pull_request` #42                 | `pr-42`, `sha-…`                            |
 * | `schedule`                         | `nightly`, `sha-…`                          |
 *
 * Where we differ from metadata-action, on purpose: a PEP 440 post-release is a release (it
 * supersedes `1.2.3`, so `1.2`, `1` and `latest` move to it); a tag that is not a version gets no
 * `latest`; `pull_request_target` runs (whose ref is the base branch) are tagged `pr-N` too.
 */
import { type GitHubEventContext, pullRequestNumber } from './eventContext.js';
import { parseReleaseVersion } from './releaseVersion.js';

export const SHORT_SHA_LENGTH = 7;
/** Docker's limit on a tag's length. */
const MAX_TAG_LENGTH = 128;

export interface ComputedTags {
  /**
   * What this build stands for: `1.2.3`, `pr-42`, `main`, `nightly`; the OCI `version` label.
   * Undefined when the event says nothing (then only the `sha-` tag is computed).
   */
  readonly version: string | undefined;
  /** Tag names in order: the version, its partials (`1.2`, `1`), `sha-…`, `latest`. */
  readonly tags: readonly string[];
  /** True when the version is a pre-release (no `latest` and no partial tags were added). */
  readonly prerelease: boolean;
}

/** Tag names for the event, without image names. */
export function computeTags(context: GitHubEventContext): ComputedTags {
  const { version, partials, latest, prerelease } = versionTags(context);
  const tags = [version, ...partials];
  if (context.sha) tags.push(`sha-${context.sha.slice(0, SHORT_SHA_LENGTH)}`);
  if (latest) tags.push('latest');
  return {
    version,
    tags: dedupe(tags.filter((t): t is string => t !== undefined).map(sanitizeTag)).filter((t) => t !== ''),
    prerelease,
  };
}

interface VersionTags {
  version: string | undefined;
  partials: string[];
  latest: boolean;
  prerelease: boolean;
}

function versionTags(context: GitHubEventContext): VersionTags {
  const none: VersionTags = { version: undefined, partials: [], latest: false, prerelease: false };
  if (context.eventName === 'schedule') return { ...none, version: 'nightly' };

  const pr = pullRequestNumber(context);
  if (pr !== undefined && context.eventName.startsWith('pull_request')) {
    return { ...none, version: `pr-${pr}` };
  }

  const tagName = stripPrefix(context.ref, 'refs/tags/');
  if (tagName !== undefined) return releaseTags(tagName);

  const branch = stripPrefix(context.ref, 'refs/heads/');
  if (branch !== undefined) return { ...none, version: sanitizeTag(branch) };

  if (pr !== undefined) return { ...none, version: `pr-${pr}` };
  return none;
}

function releaseTags(tagName: string): VersionTags {
  const parsed = parseReleaseVersion(tagName);
  if (!parsed) {
    // Not a version (`nightly-build`): tag it by name, but it is no release, so no `latest`.
    return { version: sanitizeTag(tagName), partials: [], latest: false, prerelease: false };
  }
  const version = sanitizeTag(parsed.normalized);
  if (parsed.prerelease) return { version, partials: [], latest: false, prerelease: true };

  const [major = 0, minor = 0] = parsed.release;
  const partials: string[] = [];
  if (parsed.epoch === 0) {
    partials.push(`${major}.${minor}`);
    // Major version zero is for initial development: `0` would promise a stability it lacks.
    if (major !== 0) partials.push(`${major}`);
  }
  return { version, partials, latest: true, prerelease: false };
}

/**
 * A valid Docker tag (`[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`): runs of other characters become `-`,
 * as metadata-action does, and leading separators go.
 */
export function sanitizeTag(raw: string): string {
  return raw
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, MAX_TAG_LENGTH);
}

function stripPrefix(value: string, prefix: string): string | undefined {
  return value.startsWith(prefix) ? value.slice(prefix.length) : undefined;
}

function dedupe(values: readonly string[]): string[] {
  return [...new Set(values)];
}
