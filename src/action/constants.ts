/** Input, output and state names: the one place to rename a thing (action.yml must agree). */

export const Inputs = {
  File: 'file',
  Context: 'context',
  Target: 'target',
  Platforms: 'platforms',
  Tags: 'tags',
  Push: 'push',
  Load: 'load',
  BuildArgs: 'build-args',
  Labels: 'labels',
  Secrets: 'secrets',
  SshPrivateKey: 'ssh-private-key',
  SshKnownHosts: 'ssh-known-hosts',
  DryRun: 'dry-run',
  Builder: 'builder',
  BuildxVersion: 'buildx-version',
  Network: 'network',
  Provenance: 'provenance',
  Sbom: 'sbom',
  Syntax: 'syntax',
  DependencyLabel: 'dependency-label',
  // src/github: tags from the event, PR comments, multi-arch fan-in
  Images: 'images',
  Comment: 'comment',
  GithubToken: 'github-token',
  PushByDigest: 'push-by-digest',
  MergeDigests: 'merge-digests',
  Cache: 'cache',
  CacheMounts: 'cache-mounts',
  // src/buildx: deadlines and the supply chain
  Timeout: 'timeout',
  QemuImage: 'qemu-image',
  UnsafeBuildxDownloadBase: 'unsafe-buildx-download-base',
} as const;

export const Outputs = {
  Dockerfile: 'dockerfile',
  Targets: 'targets',
  Target: 'target',
  Digest: 'digest',
  ImageId: 'imageid',
  Metadata: 'metadata',
  Labels: 'labels',
  Tags: 'tags',
  Platforms: 'platforms',
  Version: 'version',
  CacheHit: 'cache-hit',
} as const;

/** Keys of the main→post state (see state.ts, the only module that reads or writes them). */
export const State = {
  TempDir: 'tempDir',
  SshAgentPid: 'sshAgentPid',
  CreatedBuilder: 'createdBuilder',
  CacheSaveState: 'cacheSaveState',
} as const;
