/**
 * Reads a git tag name as a release version, the way its author meant it.
 *
 * A tag written in SemVer form (`v2.0.0-rc.1`) keeps its SemVer spelling, as docker/metadata-action's
 * `type=semver` does. Anything else that is a valid PEP 440 version (`1.2.3rc1`, `1.2.3.post1`,
 * `1.2`) is normalized the way pip and PyPI show it (`1.2.3-RC1` → `1.2.3rc1`, `1.2.3-1` →
 * `1.2.3.post1`), as Python users expect.
 */
import * as pep440 from '@renovatebot/pep440';
import * as semver from 'semver';

export interface ReleaseVersion {
  readonly scheme: 'semver' | 'pep440';
  /** Normalized spelling, without a leading `v`; may still hold characters a tag can't (`+`, `!`). */
  readonly normalized: string;
  /** The release segment: `[1, 2, 3]`. */
  readonly release: readonly number[];
  /**
   * True for versions that are not a final release: SemVer pre-releases, PEP 440 pre- and dev
   * releases, and `+…` variants (PEP 440 local versions like `1.2.3+cpu`, SemVer build metadata):
   * a variant must not take over `1.2.3`'s `1.2`, `1` and `latest`.
   * PEP 440 post-releases (`1.2.3.post1`) are releases: they supersede `1.2.3`.
   */
  readonly prerelease: boolean;
  /** PEP 440 epoch (`1!2.0`); 0 for SemVer. Partial tags (`2`, `2.0`) are skipped when non-zero. */
  readonly epoch: number;
}

/** Parses a tag name (without `refs/tags/`); undefined when it is not a version at all. */
export function parseReleaseVersion(tagName: string): ReleaseVersion | undefined {
  const bare = tagName.trim().replace(/^[vV](?=\d)/, '');
  if (bare === '') return undefined;

  // Strict SemVer (three numbers, `-` pre-release): keep the author's SemVer spelling.
  const sv = semver.parse(bare);
  if (sv) {
    const build = sv.build.length > 0 ? `+${sv.build.join('.')}` : '';
    return {
      scheme: 'semver',
      normalized: `${sv.version}${build}`,
      release: [sv.major, sv.minor, sv.patch],
      prerelease: sv.prerelease.length > 0 || build !== '',
      epoch: 0,
    };
  }

  const pv = pep440.explain(bare);
  if (!pv) return undefined;
  // `pep440.clean` mangles local segments (`+local.7` → `+local,7`): rebuild from the parts.
  const normalized = pv.local ? `${pv.public}+${pv.local}` : pv.public;
  return {
    scheme: 'pep440',
    normalized,
    release: pv.release,
    prerelease: pv.is_prerelease || pv.is_devrelease || pv.local !== null,
    epoch: pv.epoch,
  };
}
