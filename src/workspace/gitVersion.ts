/**
 * The version of a project whose backend takes it from git (hatch-vcs, setuptools-scm,
 * pdm-backend's scm source). `.git` stays out of the build context, so the shells work it out
 * here and pass it as the build arg the plan names (`SETUPTOOLS_SCM_PRETEND_VERSION`,
 * `PDM_BUILD_SCM_VERSION`): the tag being built, else `git describe --tags` of the checkout.
 */
import { execFile } from 'node:child_process';
import { valid as validPep440 } from '@renovatebot/pep440';

/** No version could be worked out: the message says how to give one. */
export class GitVersionError extends Error {
  override readonly name = 'GitVersionError';
}

export interface GitVersion {
  readonly version: string;
  /** Where it came from, for the log: `tag v1.2.0`, `git describe: v1.2.0-3-gabc1234`. */
  readonly source: string;
}

const TAG_PREFIX = 'refs/tags/';

/** A tag as the version it names: `v1.2.0` → `1.2.0` (the prefix setuptools-scm strips too). */
function tagVersion(tag: string): string | undefined {
  const version = tag.replace(/^[A-Za-z_-]*(?=\d)/, '');
  return validPep440(version) === null ? undefined : version;
}

/**
 * `git describe --tags --long` output as setuptools-scm's default scheme (guess-next-dev) spells
 * it: on the tag `1.2.0`; 3 commits after it `1.2.1.dev3+gabc1234`.
 */
export function describeToVersion(described: string): string | undefined {
  const m = /^(.*)-(\d+)-g([0-9a-f]+)$/.exec(described.trim());
  if (!m || m[1] === undefined || m[2] === undefined || m[3] === undefined) return undefined;
  const tag = tagVersion(m[1]);
  if (tag === undefined) return undefined;
  const distance = Number(m[2]);
  if (distance === 0) return tag;
  const release = /^(\d+(?:\.\d+)*)$/.exec(tag)?.[1];
  const next =
    release === undefined
      ? `${tag}.post${distance}.dev0`
      : `${release.replace(/(\d+)$/, (n) => String(Number(n) + 1))}.dev${distance}`;
  const version = `${next}+g${m[3]}`;
  return validPep440(version) === null ? undefined : version;
}

function gitDescribe(dir: string): Promise<{ ok: true; out: string } | { ok: false; why: string }> {
  return new Promise((resolve) => {
    execFile(
      'git',
      ['-C', dir, 'describe', '--tags', '--long'],
      { timeout: 30_000, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error) {
          const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'git is not installed' : stderr;
          resolve({ ok: false, why: why.trim().split('\n')[0] ?? '' });
        } else resolve({ ok: true, out: stdout.trim() });
      },
    );
  });
}

/**
 * The version to build: from `ref` when it is a tag (`refs/tags/v1.2.0`, the tag a workflow was
 * triggered by), else from `git describe --tags` in `dir`. `argName` is for the error's hint.
 */
export async function gitVersion(args: {
  readonly dir: string;
  readonly ref?: string;
  readonly argName: string;
  /** How to pass the build arg in this shell, for the hint: `--build-arg` or `build-args`. */
  readonly passArg: string;
}): Promise<GitVersion> {
  const hint = `tag a release (git tag v1.0.0), make the tags reachable (actions/checkout with fetch-depth: 0), or pass ${args.passArg} ${args.argName}=VERSION`;
  if (args.ref?.startsWith(TAG_PREFIX)) {
    const tag = args.ref.slice(TAG_PREFIX.length);
    const version = tagVersion(tag);
    if (version === undefined)
      throw new GitVersionError(
        `the tag being built (${JSON.stringify(tag.slice(0, 100))}) is not a PEP 440 version; ${hint}`,
      );
    return { version, source: `tag ${tag}` };
  }
  const described = await gitDescribe(args.dir);
  if (!described.ok)
    throw new GitVersionError(
      `the version comes from git, and git describe --tags found none (${described.why.slice(0, 200)}); ${hint}`,
    );
  const version = describeToVersion(described.out);
  if (version === undefined)
    throw new GitVersionError(
      `git describe --tags gave ${JSON.stringify(described.out.slice(0, 100))}, whose tag is not a PEP 440 version; ${hint}`,
    );
  return { version, source: `git describe: ${described.out}` };
}
