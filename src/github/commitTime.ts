/**
 * When the built commit was made: the `created` label and SOURCE_DATE_EPOCH.
 *
 * The checkout knows it for every event (`git log -1 --format=%ct`); the event payload only for
 * pushes (`head_commit.timestamp`), which covers a checkout without git (a downloaded tarball).
 * The committer time is used, not the author time, because a rebase or cherry-pick changes the
 * tree without changing the author time.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { childEnvironment } from '../process/runner.js';
import { type EventPayload, payloadString } from './eventContext.js';

const execFileAsync = promisify(execFile);

/** The committer time of `sha` in the repository at `cwd`; undefined when git can't tell. */
export async function gitCommitTime(cwd: string, sha: string): Promise<Date | undefined> {
  try {
    const { stdout } = await execFileAsync('git', ['log', '-1', '--format=%ct', sha || 'HEAD', '--'], {
      cwd,
      env: childEnvironment(),
      timeout: 10_000,
    });
    return fromEpochSeconds(stdout.trim());
  } catch {
    return undefined;
  }
}

/** The head commit's time from a push payload. */
export function payloadCommitTime(payload: EventPayload): Date | undefined {
  const stamp = payloadString(payload, 'head_commit', 'timestamp');
  if (!stamp) return undefined;
  const date = new Date(stamp);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export async function readCommitTime(
  cwd: string,
  sha: string,
  payload: EventPayload,
): Promise<Date | undefined> {
  return (await gitCommitTime(cwd, sha)) ?? payloadCommitTime(payload);
}

function fromEpochSeconds(text: string): Date | undefined {
  if (!/^\d+$/.test(text)) return undefined;
  return new Date(Number(text) * 1000);
}
