/**
 * Runs the fan-in merge: `docker buildx imagetools create` of the legs' digests into one index
 * under every tag, then reads back what the registry holds so the output digest is the one a
 * `docker pull` resolves.
 */
import { createHash } from 'node:crypto';

import { type RunProcess, runProcess } from '../process/runner.js';
import { imagetoolsCreateArgv, type ImagetoolsCreateRequest, pushedIndexDigest } from './fanIn.js';

export interface MergedIndex {
  /** Digest of the pushed index (`sha256:…`). */
  readonly digest: string;
  /** Platforms the index lists, attestation entries (`unknown/unknown`) left out. */
  readonly platforms: readonly string[];
}

const TIMEOUT_MS = 10 * 60_000;

export async function mergeDigests(
  req: ImagetoolsCreateRequest,
  run: RunProcess = runProcess,
): Promise<MergedIndex> {
  const created = await run('docker', imagetoolsCreateArgv(req), { timeoutMs: TIMEOUT_MS });
  if (created.exitCode !== 0) {
    const why = created.stderr.trim().split('\n').slice(-3).join('\n') || `exit code ${created.exitCode}`;
    throw new Error(
      `docker buildx imagetools create failed: ${why}\n` +
        'Check that every digest was pushed to the registry the merge reads, and that the job is logged in to it.',
    );
  }
  const first = req.tags[0] as string;
  const raw = await run('docker', ['buildx', 'imagetools', 'inspect', '--raw', first], {
    timeoutMs: TIMEOUT_MS,
  });
  if (raw.exitCode !== 0) throw new Error(`docker buildx imagetools inspect ${first}: ${raw.stderr.trim()}`);
  // A manifest's digest is the sha256 of its exact bytes as served.
  const digest = `sha256:${createHash('sha256').update(raw.stdout).digest('hex')}`;
  const pushed = pushedIndexDigest(created.stdout + created.stderr);
  if (pushed && pushed !== digest) {
    throw new Error(
      `${first} resolves to ${digest}, not the ${pushed} just pushed: another job moved the tag`,
    );
  }
  return { digest, platforms: indexPlatforms(raw.stdout) };
}

/** `linux/amd64`, `linux/arm64/v8` … of an image index's manifests, in order. */
export function indexPlatforms(indexJson: string): string[] {
  const index = JSON.parse(indexJson) as { manifests?: { platform?: Record<string, string> }[] };
  return (index.manifests ?? [])
    .map((m) => m.platform)
    .filter((p): p is Record<string, string> => p !== undefined && p['os'] !== 'unknown')
    .map((p) => [p['os'], p['architecture'], p['variant']].filter(Boolean).join('/'));
}
