/**
 * What `--load` can't do on the engine at hand, decided before a builder is created or a build
 * starts. Without the containerd image store an engine holds one single-platform image per tag
 * and no attestations, and buildx (0.13) refuses such a load whichever builder runs the build —
 * "docker exporter does not currently support exporting manifest lists" (docker-container,
 * remote) or "Attestation is not supported for the docker driver" — only once the builder
 * exists, and without saying what to do.
 */

export interface LoadRequest {
  readonly load: boolean;
  /** Canonical platforms; empty = the builder's own one. */
  readonly platforms: readonly string[];
  /** The attestations asked for (requestedAttestations). */
  readonly attestations: readonly string[];
  /** The engine stores images in containerd (`docker info` names the snapshotter). */
  readonly containerdStore: boolean;
}

/** `provenance` / `sbom` inputs that ask for an attestation (not empty, not false / disabled=true). */
export function requestedAttestations(inputs: {
  readonly provenance: string;
  readonly sbom: string;
}): string[] {
  const asks = (v: string): boolean => {
    const t = v.trim().toLowerCase();
    return t !== '' && t !== 'false' && !/(^|,)disabled=true(,|$)/.test(t);
  };
  return (['provenance', 'sbom'] as const).filter((k) => asks(inputs[k]));
}

const TURN_ON = '("features": { "containerd-snapshotter": true } in the engine\'s daemon.json)';

/** Pure: why this load can't work here, or undefined when it can. */
export function loadProblem(req: LoadRequest): string | undefined {
  if (!req.load || req.containerdStore) return undefined;
  if (req.platforms.length > 1) {
    return (
      `load: true with more than one platform (${req.platforms.join(', ')}) needs the containerd image store, ` +
      'and this Docker engine uses the classic one, which holds one platform per image: push the image ' +
      `instead (push: true), load one platform per job, or turn the containerd image store on ${TURN_ON}`
    );
  }
  if (req.attestations.length > 0) {
    const names = req.attestations.join(' and ');
    return (
      `load: true with ${names} attestations needs the containerd image store, and this Docker engine uses ` +
      'the classic one, which cannot hold them: push the image instead (push: true, the attestations are ' +
      `stored next to it), set ${req.attestations.map((a) => `${a}: false`).join(' and ')} for the loaded ` +
      `build, or turn the containerd image store on ${TURN_ON}`
    );
  }
  return undefined;
}
