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
  // docker/build-push-action's inputs of the same names (src/action/inputs.ts readBuildPushInputs)
  AddHosts: 'add-hosts',
  Allow: 'allow',
  Annotations: 'annotations',
  Attests: 'attests',
  BuildContexts: 'build-contexts',
  CacheFrom: 'cache-from',
  CacheTo: 'cache-to',
  NoCache: 'no-cache',
  NoCacheFilters: 'no-cache-filters',
  Pull: 'pull',
  Outputs: 'outputs',
  SecretFiles: 'secret-files',
  SecretEnvs: 'secret-envs',
  Ssh: 'ssh',
  ShmSize: 'shm-size',
  Ulimit: 'ulimit',
  // docker/metadata-action's
  Flavor: 'flavor',
  // docker/setup-buildx-action's, for a builder this action creates
  DriverOpts: 'driver-opts',
  BuildkitdConfigInline: 'buildkitd-config-inline',
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
  // metadata-action's formats: labels and annotations as KEY=VALUE lines; json the JSON object
  Json: 'json',
  Annotations: 'annotations',
} as const;

/** Keys of the main→post state (see state.ts, the only module that reads or writes them). */
export const State = {
  TempDir: 'tempDir',
  SshAgentPid: 'sshAgentPid',
  CreatedBuilder: 'createdBuilder',
  CacheSaveState: 'cacheSaveState',
} as const;
