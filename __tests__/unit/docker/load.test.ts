import { describe, expect, it } from 'vitest';
import { loadProblem, requestedAttestations } from '../../../src/docker/buildx/load.js';

describe('loadProblem: what --load cannot do on this engine', () => {
  const two = ['linux/amd64', 'linux/arm64'];
  const none: string[] = [];

  it.each([
    ['no load', { load: false, platforms: two, attestations: ['provenance'], containerdStore: false }],
    [
      'one platform on the classic store',
      { load: true, platforms: ['linux/arm64'], attestations: none, containerdStore: false },
    ],
    [
      "the builder's own platform on the classic store",
      { load: true, platforms: [], attestations: none, containerdStore: false },
    ],
    [
      'two platforms on the containerd store',
      { load: true, platforms: two, attestations: none, containerdStore: true },
    ],
    [
      'attestations on the containerd store',
      { load: true, platforms: [], attestations: ['provenance', 'sbom'], containerdStore: true },
    ],
  ])('%s: fine', (_name, req) => {
    expect(loadProblem(req)).toBeUndefined();
  });

  it('two platforms on the classic store: refused, saying what to do instead', () => {
    const problem = loadProblem({ load: true, platforms: two, attestations: none, containerdStore: false });
    expect(problem).toMatch(/^load: true with more than one platform \(linux\/amd64, linux\/arm64\)/);
    expect(problem).toContain('needs the containerd image store');
    expect(problem).toContain('push: true');
    expect(problem).toContain('"containerd-snapshotter": true');
  });

  // buildx 0.13 on the classic store: "docker exporter does not currently support exporting manifest
  // lists" (docker-container builder) / "Attestation is not supported for the docker driver"
  it('attestations on the classic store: refused, naming them', () => {
    const problem = loadProblem({
      load: true,
      platforms: [],
      attestations: ['provenance', 'sbom'],
      containerdStore: false,
    });
    expect(problem).toMatch(
      /^load: true with provenance and sbom attestations needs the containerd image store/,
    );
    expect(problem).toContain('provenance: false');
  });
});

describe('requestedAttestations: the inputs that ask BuildKit for one', () => {
  it.each([
    [{ provenance: '', sbom: '' }, []],
    [{ provenance: 'false', sbom: 'FALSE' }, []],
    [{ provenance: 'disabled=true', sbom: '' }, []],
    [{ provenance: 'mode=max', sbom: '' }, ['provenance']],
    [{ provenance: 'true', sbom: 'generator=img' }, ['provenance', 'sbom']],
    [{ provenance: '', sbom: 'true' }, ['sbom']],
  ])('%j → %j', (inputs, want) => {
    expect(requestedAttestations(inputs)).toEqual(want);
  });
});
