import { describe, expect, it } from 'vitest';

import {
  DigestListError,
  digestPushOutput,
  imagetoolsCreateArgv,
  metadataDigest,
  parseDigestSources,
  platformTag,
  pushedIndexDigest,
} from '../../../src/docker/fanIn.js';
import { indexPlatforms } from '../../../src/docker/imagetools.js';

const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;

describe('parseDigestSources', () => {
  it('accepts image@digest and bare digests, in any separator, without duplicates', () => {
    expect(parseDigestSources(`ghcr.io/Acme/App@${A}\n${B}, ${B}\n`, 'ghcr.io/acme/app')).toEqual([
      `ghcr.io/acme/app@${A}`,
      `ghcr.io/acme/app@${B}`,
    ]);
    expect(parseDigestSources(`127.0.0.1:5000/app@${A}`, undefined)).toEqual([`127.0.0.1:5000/app@${A}`]);
  });

  it('explains what is wrong', () => {
    expect(() => parseDigestSources('  \n', 'x')).toThrow(/empty/);
    expect(() => parseDigestSources('sha256:abc', 'x')).toThrow(DigestListError);
    expect(() => parseDigestSources(A, undefined)).toThrow(/set images/);
  });
});

describe('leg outputs', () => {
  it('pushes by digest where the driver can, else under a per-platform tag', () => {
    expect(digestPushOutput('ghcr.io/acme/app', 'docker-container', 'x')).toBe(
      'type=image,name=ghcr.io/acme/app,push-by-digest=true,name-canonical=true,push=true,oci-mediatypes=true',
    );
    expect(digestPushOutput('ghcr.io/acme/app', 'docker', platformTag('sha-abc1234', 'linux/arm64/v8'))).toBe(
      'type=image,name=ghcr.io/acme/app:sha-abc1234-linux-arm64-v8,push=true,oci-mediatypes=true',
    );
  });

  it('reads the digest from buildx metadata (docker 26, push)', () => {
    const metadata = {
      'buildx.build.ref': 'default/default/lbrv5ps9y9i49e317etn85tvc',
      'containerimage.config.digest':
        'sha256:10b081695c2bbf23bbb4649ba7886b343e6a6c1b47e906f359463ee5fff82827',
      'containerimage.digest': 'sha256:54e9ff6c26c5509945f11ebb4e2c75beea602088e13eb9bf5907226a14d13f5a',
      'image.name': '127.0.0.1:5417/h4/fanin:leg-amd64',
    };
    expect(metadataDigest(metadata)).toBe(
      'sha256:54e9ff6c26c5509945f11ebb4e2c75beea602088e13eb9bf5907226a14d13f5a',
    );
    expect(metadataDigest({})).toBeUndefined();
  });
});

describe('imagetools create', () => {
  it('writes every tag from every source, with index annotations', () => {
    expect(
      imagetoolsCreateArgv({
        tags: ['r/app:1.2.3', 'r/app:latest'],
        sources: [`r/app@${A}`, `r/app@${B}`],
        annotations: { 'org.opencontainers.image.version': '1.2.3' },
      }),
    ).toEqual([
      'buildx',
      'imagetools',
      'create',
      '--progress',
      'plain',
      '--annotation',
      'index:org.opencontainers.image.version=1.2.3',
      '--tag',
      'r/app:1.2.3',
      '--tag',
      'r/app:latest',
      `r/app@${A}`,
      `r/app@${B}`,
    ]);
    expect(() => imagetoolsCreateArgv({ tags: [], sources: [A] })).toThrow(/no tags/);
  });

  it('finds the pushed index digest in the progress output (buildx 0.13)', () => {
    const output = [
      '#1 [internal] pushing 127.0.0.1:5417/h4/fanin:m3',
      '#1 0.000 pushing sha256:21a7e9ccf71569b3d9579b14479fea0d82f9731d7e6f24484828f4446907feec to 127.0.0.1:5417/h4/fanin:m3',
      '#1 DONE 0.0s',
      '#2 0.000 pushing sha256:21a7e9ccf71569b3d9579b14479fea0d82f9731d7e6f24484828f4446907feec to 127.0.0.1:5417/h4/fanin:m2',
    ].join('\n');
    expect(pushedIndexDigest(output)).toBe(
      'sha256:21a7e9ccf71569b3d9579b14479fea0d82f9731d7e6f24484828f4446907feec',
    );
    expect(pushedIndexDigest('nothing')).toBeUndefined();
  });

  it('lists an index’s platforms without attestation entries', () => {
    const index = {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        { digest: A, platform: { architecture: 'amd64', os: 'linux' } },
        { digest: B, platform: { architecture: 'unknown', os: 'unknown' } },
        { digest: B, platform: { architecture: 'arm64', os: 'linux', variant: 'v8' } },
      ],
    };
    expect(indexPlatforms(JSON.stringify(index))).toEqual(['linux/amd64', 'linux/arm64/v8']);
  });
});
