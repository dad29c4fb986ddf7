import type { LockPlan } from '../lock/index.js';
import type { IndexConfig } from '../pyproject/targetConfig.js';
import { shellQuote } from '../dockerfile/quote.js';
import path from 'node:path';
import type { Instruction, Mount } from '../dockerfile/instructions.js';
import { pipAccess, type PipAccess } from './pipAccess.js';

const LOCK_DIR = '/opt/microb/lock';
const HASHED = `${LOCK_DIR}/requirements.txt`;
const UNHASHED = `${LOCK_DIR}/vcs.txt`;
const LOCAL = `${LOCK_DIR}/local.txt`;
const LOCAL_DIR = '/run/microb/local';

const sameIndex = (a: string, b: string) =>
  a.replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase();

/**
 * The indexes a lock's packages come from: exactly those the lock records (the first replaces
 * pip's default unless some package comes from the default index), credentials from the target's
 * `indices` entry with the same URL.
 */
export function lockAccess(lock: LockPlan, configured: readonly IndexConfig[]): PipAccess {
  const usesDefault = lock.requirements.some((r) => r.kind === 'registry' && r.index === undefined);
  const replacement = configured.find((i) => i.primary);
  const indices: IndexConfig[] = [];
  if (usesDefault && replacement !== undefined) indices.push(replacement);
  lock.indexes.forEach((url, n) => {
    const known = configured.find((i) => sameIndex(i.url, url));
    const primary = !usesDefault && n === 0;
    const host = hostOf(url);
    indices.push(known ? { ...known, primary } : { url, host, trust: false, primary });
  });
  return pipAccess(indices, (index, n) => {
    const at = configured.findIndex((c) => sameIndex(c.url, index.url));
    return at === -1 ? configured.length + n + 1 : at + 1;
  });
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * The lock written into the Dockerfile, one requirement per line in the lock's order, and the pip
 * runs that install exactly that: `--no-deps` (nothing resolved at build time) and
 * `--require-hashes` for everything that has artifacts to hash; git sources at their locked commit.
 */
export function lockInstall(
  lock: LockPlan,
  pip: (args: string) => string,
  inProject: (path: string) => string,
): { files: Instruction[]; commands: string[]; mounts: Mount[] } {
  const line = (r: LockPlan['requirements'][number]) =>
    [
      r.requirement + (r.marker !== undefined ? ` ; ${r.marker}` : ''),
      ...r.hashes.map((h) => `--hash=${h}`),
    ].join(' ');
  const local = lock.requirements.filter((r) => r.kind === 'path');
  const hashed = lock.requirements.filter((r) => r.kind !== 'path' && r.hashes.length > 0);
  const unhashed = lock.requirements.filter((r) => r.kind !== 'path' && r.hashes.length === 0);
  // workspace members and path dependencies: only their own directory is mounted, so a change
  // of the app's sources does not rerun this step (their dependencies come from the lock)
  const mounts: Mount[] = local.map((r, n) => ({
    type: 'bind',
    source: inProject(path.posix.normalize(r.path ?? '')),
    target: `${LOCAL_DIR}/${n}`,
    readwrite: true,
  }));
  const files: Instruction[] = [];
  const commands: string[] = [];
  const failure = shellQuote(
    `microb: pip refused a package locked in ${lock.file} (named above); a hash mismatch means the artifact is not the one locked: check the index, or run \`${lock.refresh}\` if the lock is wrong`,
  );
  if (hashed.length > 0) {
    files.push({ op: 'FILE', dest: HASHED, lines: hashed.map(line), continuation: true });
    commands.push(
      `{ ${pip(`--no-deps --require-hashes -r ${HASHED}`)} || { echo ${failure} >&2; exit 1; }; }`,
    );
  }
  if (unhashed.length > 0) {
    files.push({ op: 'FILE', dest: UNHASHED, lines: unhashed.map(line), continuation: true });
    commands.push(pip(`--no-deps -r ${UNHASHED}`));
  }
  if (local.length > 0) {
    files.push({
      op: 'FILE',
      continuation: true,
      dest: LOCAL,
      lines: local.map((r, n) => `${LOCAL_DIR}/${n}${r.marker !== undefined ? ` ; ${r.marker}` : ''}`),
    });
    commands.push(pip(`--no-deps -r ${LOCAL}`));
  }
  return { files, commands, mounts };
}
