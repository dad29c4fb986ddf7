/**
 * Multi-arch fan-in: each matrix leg builds one platform on its native runner (QEMU is slow) and
 * pushes it by digest; a last use of the action merges those digests into one tagged index with
 * `docker buildx imagetools create`. Pure: argv and parsing here, running in mergeDigests.ts.
 *
 * What was verified on Docker 26 / buildx 0.13 (see docs/workflows.md):
 * - `push-by-digest=true` is refused by buildx for the `docker` driver ("currently not
 *   implemented for docker driver"); a docker-container builder (docker/setup-buildx-action's
 *   default) supports it. On the docker driver a leg therefore pushes under a per-platform tag
 *   (`IMAGE:<tag>-linux-arm64`) and still outputs the digest.
 * - `imagetools create` talks to the registry from the client, not through dockerd; it reaches a
 *   plain-http registry on 127.0.0.1/localhost without configuration (containerd's resolver uses
 *   http for loopback hosts). Other insecure registries need a docker-container builder with a
 *   buildkitd.toml `[registry."host:port"] http = true`.
 * - Index annotations survive only when the legs push OCI media types (`oci-mediatypes=true`); on
 *   a Docker manifest list buildx drops them silently.
 */

const DIGEST = /^sha256:[a-f0-9]{64}$/;

export class DigestListError extends Error {
  override readonly name = 'DigestListError';
}

/**
 * The `merge-digests` input → `image@sha256:…` sources. Entries are separated by newlines,
 * commas or spaces; each is `image@sha256:<hex>`, or a bare `sha256:<hex>` that lives in
 * `defaultImage` (the first of `images`, where the legs pushed). Duplicates are dropped.
 */
export function parseDigestSources(input: string, defaultImage: string | undefined): string[] {
  const entries = input
    .split(/[\s,]+/)
    .map((e) => e.trim())
    .filter((e) => e !== '');
  if (entries.length === 0)
    throw new DigestListError('merge-digests is empty: pass the digests the matrix legs output');
  const sources = entries.map((entry) => {
    const at = entry.lastIndexOf('@');
    const name = at < 0 ? defaultImage : entry.slice(0, at);
    const digest = at < 0 ? entry : entry.slice(at + 1);
    if (!DIGEST.test(digest)) {
      throw new DigestListError(
        `"${entry}" is not a digest: expected sha256:<64 hex> or image@sha256:<64 hex>`,
      );
    }
    if (!name)
      throw new DigestListError(`"${entry}" is a bare digest: set images so it is known where it was pushed`);
    return `${name.toLowerCase()}@${digest}`;
  });
  return [...new Set(sources)];
}

/**
 * The `--output` of one leg. Registry-side push by digest where the driver can do it; else a
 * per-platform tag (`fallbackTag`), which the merge does not need but the docker driver does.
 * OCI media types keep the index annotations of the merge.
 */
export function digestPushOutput(image: string, driver: string, fallbackTag: string): string {
  if (driver === 'docker') return `type=image,name=${image}:${fallbackTag},push=true,oci-mediatypes=true`;
  return `type=image,name=${image},push-by-digest=true,name-canonical=true,push=true,oci-mediatypes=true`;
}

/** `sha-abc1234-linux-arm64`: the per-platform tag of the docker-driver fallback. */
export function platformTag(baseTag: string, platform: string): string {
  return `${baseTag}-${platform.replace(/[^A-Za-z0-9_.-]+/g, '-')}`;
}

export interface ImagetoolsCreateRequest {
  /** Full references to write (`ghcr.io/org/app:1.2.3`). */
  readonly tags: readonly string[];
  /** `image@sha256:…` of each leg. */
  readonly sources: readonly string[];
  /** Index annotations (`org.opencontainers.image.source` …), written as `index:KEY=VALUE`. */
  readonly annotations?: Readonly<Record<string, string>>;
  readonly builder?: string;
}

export function imagetoolsCreateArgv(req: ImagetoolsCreateRequest): string[] {
  if (req.tags.length === 0)
    throw new DigestListError('no tags to merge into: set tags, or images to compute them');
  const argv = ['buildx', 'imagetools', 'create', '--progress', 'plain'];
  if (req.builder) argv.push('--builder', req.builder);
  for (const [key, value] of Object.entries(req.annotations ?? {}))
    argv.push('--annotation', `index:${key}=${value}`);
  for (const tag of req.tags) argv.push('--tag', tag);
  argv.push(...req.sources);
  return argv;
}

/**
 * The index digest from `imagetools create --progress plain` output: one
 * `pushing sha256:<d> to <ref>` line per tag, all with the same digest.
 */
export function pushedIndexDigest(output: string): string | undefined {
  const digests = new Set([...output.matchAll(/pushing (sha256:[a-f0-9]{64}) to \S+/g)].map((m) => m[1]));
  return digests.size === 1 ? [...digests][0] : undefined;
}

/** The pushed digest from a buildx `--metadata-file` (`containerimage.digest`). */
export function metadataDigest(metadata: unknown): string | undefined {
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const digest = (metadata as Record<string, unknown>)['containerimage.digest'];
  return typeof digest === 'string' && DIGEST.test(digest) ? digest : undefined;
}
