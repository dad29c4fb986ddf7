import type { CacheMount, Flavor } from '../model/types.js';
import type { Instruction, Mount } from '../dockerfile/instructions.js';

/** apt/apk steps with BuildKit cache mounts, so packages are downloaded once per builder. */
const APT_CACHE_MOUNTS: readonly CacheMount[] = [
  { id: 'microb-apt-cache', target: '/var/cache/apt' },
  { id: 'microb-apt-lists', target: '/var/lib/apt/lists' },
];
const APK_CACHE_MOUNTS: readonly CacheMount[] = [{ id: 'microb-apk-cache', target: '/var/cache/apk' }];

export function packageCacheMounts(flavor: Flavor): readonly CacheMount[] {
  return flavor === 'alpine' ? APK_CACHE_MOUNTS : APT_CACHE_MOUNTS;
}

function lockedMounts(flavor: Flavor): Mount[] {
  // sharing=locked: apt and apk take their own locks and break when two builds share the dir
  return packageCacheMounts(flavor).map((m) => ({
    type: 'cache',
    id: m.id,
    target: m.target,
    sharing: 'locked',
  }));
}

/** Debian images delete downloaded .debs after every install; keep them in the cache mount. */
export const KEEP_APT_DOWNLOADS: Instruction = {
  op: 'RUN',
  mounts: [],
  commands: [
    'rm -f /etc/apt/apt.conf.d/docker-clean',
    `echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' > /etc/apt/apt.conf.d/keep-cache`,
  ],
};

/** Install packages (already validated names: they are written as they are). */
export function installPackages(flavor: Flavor, packages: readonly string[]): Instruction {
  const commands =
    flavor === 'alpine'
      ? [`apk add --cache-dir /var/cache/apk ${packages.join(' ')}`]
      : ['apt-get update -qq', `apt-get install -y --no-install-recommends ${packages.join(' ')}`];
  return { op: 'RUN', mounts: lockedMounts(flavor), commands };
}

/**
 * git for `git+` dependencies (and an ssh client for git+ssh ones), installed only when the image
 * lacks them: Debian's full python image has both, Alpine's has neither.
 */
export function ensureGitAndSsh(flavor: Flavor, ssh = true): Instruction {
  const packages = ssh ? 'git openssh-client' : 'git';
  const install =
    flavor === 'alpine'
      ? `apk add --cache-dir /var/cache/apk ${packages}`
      : `{ apt-get update -qq && apt-get install -y --no-install-recommends ${packages}; }`;
  const check = ssh ? '{ command -v git && command -v ssh; } >/dev/null' : 'command -v git >/dev/null';
  return { op: 'RUN', mounts: lockedMounts(flavor), commands: [`${check} || ${install}`] };
}

export function createUser(flavor: Flavor, uid: number): Instruction {
  const commands =
    flavor === 'alpine'
      ? [
          `addgroup -g ${uid} nonroot`,
          `adduser -D -u ${uid} -G nonroot -h /home/nonroot -s /sbin/nologin nonroot`,
        ]
      : [
          `groupadd --gid ${uid} nonroot`,
          `useradd --uid ${uid} --gid ${uid} --home-dir /home/nonroot --create-home --shell /usr/sbin/nologin nonroot`,
        ];
  return { op: 'RUN', mounts: [], commands };
}
