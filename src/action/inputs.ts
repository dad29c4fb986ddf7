/**
 * The action's inputs, read once into one typed object. Secret values are masked here, the
 * moment they are read, before anything could log them.
 */
import * as core from '@actions/core';
import { readFileSync, statSync } from 'node:fs';
import type { SecretValue } from '../docker/buildx/secrets.js';
import { parseBuildTimeout } from '../process/deadline.js';
import { normalizePlatforms } from '../docker/platforms.js';
import { BINFMT_IMAGE, checkBinfmtImage } from '../docker/qemu.js';
import { ImageNameError, parseImages } from '../github/images.js';
import { keyLinesToMask, splitPrivateKeys } from '../ssh/agent.js';
import { parseCacheMode, type CacheMode } from '../cache/index.js';
import { maskSecret } from '../log/workflowLog.js';
import { Inputs } from './constants.js';
import type { SecretSource } from '../docker/buildx/argv.js';
import { ListInputError, parseListInput, type ListOptions } from '../github/listInput.js';
import { type Flavor, parseFlavor, parseTagRules, type TagRule, TagRuleError } from '../github/tagRules.js';

export interface ActionInputs {
  /** Path of the pyproject.toml. */
  readonly file: string;
  /** Build context; '' = the pyproject's directory. */
  readonly context: string;
  /** '' = the default target. */
  readonly target: string;
  /** Canonical (`linux/arm64`); empty = the builder's own platform. */
  readonly platforms: readonly string[];
  readonly tags: readonly string[];
  readonly push: boolean;
  readonly load: boolean;
  readonly buildArgs: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  readonly secrets: readonly SecretValue[];
  readonly sshPrivateKeys: readonly string[];
  readonly sshKnownHosts: string;
  readonly dryRun: boolean;
  readonly builder: string;
  readonly buildxVersion: string;
  readonly network: string;
  readonly provenance: string;
  readonly sbom: string;
  readonly syntax: string;
  readonly dependencyLabel: boolean;
  /** Image names without tags; with `tags` empty, tags are computed from the event. */
  readonly images: readonly string[];
  /** Post each target's Dockerfile as a PR comment (pull_request runs). */
  readonly comment: boolean;
  readonly githubToken: string;
  /** A fan-in leg: push untagged, output the digest. */
  readonly pushByDigest: boolean;
  /** A fan-in merge: the legs' digests (raw input; src/github/fanIn.ts parses it). */
  readonly mergeDigests: string;
  /** Build cache: `actions` (restore/save with the Actions cache), `gha` (buildx's backend), `none`. */
  readonly cache: CacheMode;
  /** Also carry the RUN cache mounts' contents (with `actions`). */
  readonly cacheMounts: boolean;
  /** Deadline of `docker buildx build` in ms; 0 = none (the job's own timeout). */
  readonly timeoutMs: number;
  /** The tonistiigi/binfmt image, pinned by digest. */
  readonly qemuImage: string;
  /** Where buildx releases are downloaded from instead of GitHub: this action's own tests only. */
  readonly unsafeBuildxDownloadBase: string;
  // --- docker/build-push-action, metadata-action and setup-buildx-action inputs of the same names ---
  /** build-push-action's build flags, parsed with its list rules (src/github/listInput.ts). */
  readonly buildPush: BuildPushInputs;
  /** metadata-action's tag rules, when images is set (`tags` empty = `type=default`); else empty. */
  readonly tagRules: readonly TagRule[];
  readonly flavor: Flavor;
  /** setup-buildx-action's, for a builder this action creates: `--driver-opt` items. */
  readonly driverOpts: readonly string[];
  /** setup-buildx-action's: BuildKit daemon config (TOML) for a builder this action creates. */
  readonly buildkitdConfigInline: string;
}

/** The inputs build-push-action users carry over, each as buildx takes it. */
export interface BuildPushInputs {
  readonly addHosts: readonly string[];
  readonly allow: readonly string[];
  readonly annotations: readonly string[];
  readonly attests: readonly string[];
  readonly buildContexts: readonly string[];
  /** Added after what `cache` restores (see docs/cache.md: they combine, `cache: none` leaves only these). */
  readonly cacheFrom: readonly string[];
  readonly cacheTo: readonly string[];
  readonly noCache: boolean;
  readonly noCacheFilters: readonly string[];
  readonly pull: boolean;
  readonly outputs: readonly string[];
  /** `ID=path` and `ID=ENV_VAR`, as references: the values never enter argv. */
  readonly secretFiles: readonly SecretSource[];
  readonly secretEnvs: readonly SecretSource[];
  readonly ssh: readonly string[];
  readonly shmSize: string;
  readonly ulimits: readonly string[];
}

export class InputError extends Error {
  override readonly name = 'InputError';
}

/** A plain list: items separated by newlines or commas (`linux/amd64,linux/arm64`). */
export function splitList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * KEY=VALUE items, one per line; a comma also separates items when what follows it looks
 * like `KEY=` — so `A=1,B=2` is two items and `A=x,y` keeps its comma.
 */
export function splitKeyValueList(text: string): string[] {
  return text
    .split('\n')
    .flatMap((line) => line.split(/,(?=\s*[A-Za-z_][A-Za-z0-9_.-]*=)/))
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function parseKeyValues(items: readonly string[], input: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new InputError(`${input}: "${item}" is not KEY=VALUE`);
    // defineProperty: `out["__proto__"] = v` would set the prototype and drop the entry
    Object.defineProperty(out, item.slice(0, eq).trim(), {
      value: item.slice(eq + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/**
 * `secrets`: `ID=VALUE`, one per line (a value may hold commas). A value spanning lines is
 * quoted as build-push-action takes it — the whole item, `"ID=line1↵line2"`, `""` for a quote.
 * The error for a bad line never repeats the line, which may be a secret.
 */
export function parseSecrets(text: string): SecretValue[] {
  if (/^\s*"/m.test(text)) return parseQuotedSecrets(text);
  const out: SecretValue[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') return;
    const eq = line.indexOf('=');
    const id = eq > 0 ? line.slice(0, eq).trim() : '';
    if (!/^[A-Za-z0-9_.-]+$/.test(id)) {
      throw new InputError(`secrets: line ${i + 1} is not ID=VALUE (ID of letters, digits, _ . -)`);
    }
    out.push({ id, value: line.slice(eq + 1) });
  });
  return out;
}

function parseQuotedSecrets(text: string): SecretValue[] {
  let items: string[];
  try {
    items = parseListInput(text, { ignoreComma: true, trimWhitespace: false });
  } catch (e) {
    throw new InputError(`secrets: ${(e as Error).message}`);
  }
  return items.map((item, i) => {
    const eq = item.indexOf('=');
    const id = eq > 0 ? item.slice(0, eq).trim() : '';
    if (!/^[A-Za-z0-9_.-]+$/.test(id)) {
      throw new InputError(`secrets: item ${i + 1} is not ID=VALUE (ID of letters, digits, _ . -)`);
    }
    return { id, value: item.slice(eq + 1).replace(/\r?\n$/, '') };
  });
}

/** `ID=VALUE` reference lists (`secret-files`: ID=path, `secret-envs`: ID=ENV_VAR). */
export function parseSecretReferences(
  items: readonly string[],
  kind: 'src' | 'env',
  input: string,
): SecretSource[] {
  return items.map((item) => {
    const eq = item.indexOf('=');
    const id = eq > 0 ? item.slice(0, eq).trim() : '';
    const ref = eq > 0 ? item.slice(eq + 1).trim() : '';
    if (!/^[A-Za-z0-9_.-]+$/.test(id) || ref === '') {
      throw new InputError(`${input}: "${item}" is not ID=${kind === 'src' ? 'PATH' : 'ENV_VAR'}`);
    }
    if (kind === 'env' && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(ref)) {
      throw new InputError(`${input}: "${ref}" is not an environment variable name`);
    }
    return kind === 'src' ? { id, src: ref } : { id, env: ref };
  });
}

/** A secret-files file's content, to mask it; it must exist now (buildx would fail later, less clearly). */
function readSecretFile(file: string): string {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new InputError(`secret-files: ${file} not found (relative paths are from the workspace)`);
  }
  // BuildKit caps a secret at 500 kB: nothing bigger is worth reading
  if (size > 512 * 1024)
    throw new InputError(`secret-files: ${file} is over 512 kB, too big for a build secret`);
  return readFileSync(file, 'utf8');
}

function listInput(name: string, opts: ListOptions = {}): string[] {
  try {
    return parseListInput(core.getInput(name, { trimWhitespace: opts.trimWhitespace !== false }), opts);
  } catch (e) {
    throw e instanceof ListInputError ? new InputError(`${name}: ${e.message}`) : e;
  }
}

/** build-push-action's list rules for each input (its src/context.ts getInputs). */
export function readBuildPushInputs(): BuildPushInputs {
  const secretFiles = parseSecretReferences(
    listInput(Inputs.SecretFiles, { ignoreComma: true }),
    'src',
    Inputs.SecretFiles,
  );
  const secretEnvs = parseSecretReferences(listInput(Inputs.SecretEnvs), 'env', Inputs.SecretEnvs);
  // the values behind secret-envs and secret-files: masked before anything could print them
  for (const s of secretEnvs) {
    const value = 'env' in s ? process.env[s.env] : undefined;
    if (value) maskSecret(value);
  }
  for (const s of secretFiles) if ('src' in s) maskSecret(readSecretFile(s.src));
  return {
    addHosts: listInput(Inputs.AddHosts),
    allow: listInput(Inputs.Allow),
    annotations: listInput(Inputs.Annotations, { ignoreComma: true }),
    attests: listInput(Inputs.Attests, { ignoreComma: true }),
    buildContexts: listInput(Inputs.BuildContexts, { ignoreComma: true }),
    cacheFrom: listInput(Inputs.CacheFrom, { ignoreComma: true }),
    cacheTo: listInput(Inputs.CacheTo, { ignoreComma: true }),
    noCache: boolInput(Inputs.NoCache, false),
    noCacheFilters: listInput(Inputs.NoCacheFilters),
    pull: boolInput(Inputs.Pull, false),
    outputs: listInput(Inputs.Outputs, { ignoreComma: true, quote: false }),
    secretFiles,
    secretEnvs,
    ssh: listInput(Inputs.Ssh),
    shmSize: core.getInput(Inputs.ShmSize),
    ulimits: listInput(Inputs.Ulimit, { ignoreComma: true }),
  };
}

/** With images set, `tags` holds metadata-action's rules (`#` starts a comment line). */
function readTagRules(images: readonly string[]): { tagRules: TagRule[]; flavor: Flavor } {
  try {
    const flavor = parseFlavor(listInput(Inputs.Flavor, { ignoreComma: true }));
    if (images.length === 0) return { tagRules: [], flavor };
    const lines = listInput(Inputs.Tags, { ignoreComma: true }).filter((l) => !l.startsWith('#'));
    return { tagRules: parseTagRules(lines), flavor };
  } catch (e) {
    throw e instanceof TagRuleError ? new InputError(e.message) : e;
  }
}

function boolInput(name: string, fallback: boolean): boolean {
  // action.yml supplies defaults on a runner; a bare `node dist/main` run may not
  return core.getInput(name) === '' ? fallback : core.getBooleanInput(name);
}

export function readInputs(): ActionInputs {
  const secrets = parseSecrets(core.getInput(Inputs.Secrets, { trimWhitespace: false }));
  for (const s of secrets) if (s.value !== '') maskSecret(s.value);
  const sshPrivateKeys = splitPrivateKeys(core.getInput(Inputs.SshPrivateKey));
  for (const key of sshPrivateKeys) for (const line of keyLinesToMask(key)) core.setSecret(line);

  const githubToken = core.getInput(Inputs.GithubToken);
  if (githubToken) core.setSecret(githubToken);
  let images: string[];
  try {
    images = parseImages(core.getInput(Inputs.Images));
  } catch (e) {
    throw e instanceof ImageNameError ? new InputError(`images: ${e.message}`) : e;
  }

  let cache: CacheMode;
  try {
    cache = parseCacheMode(core.getInput(Inputs.Cache));
  } catch (e) {
    throw new InputError(`cache: ${(e as Error).message}`);
  }

  let platforms: string[];
  try {
    platforms = normalizePlatforms(splitList(core.getInput(Inputs.Platforms)));
  } catch (e) {
    throw new InputError(`platforms: ${(e as Error).message}`);
  }
  let timeoutMs: number;
  let qemuImage: string;
  try {
    timeoutMs = parseBuildTimeout(core.getInput(Inputs.Timeout));
    qemuImage = checkBinfmtImage(core.getInput(Inputs.QemuImage) || BINFMT_IMAGE);
  } catch (e) {
    throw new InputError((e as Error).message);
  }
  const buildPush = readBuildPushInputs();
  const { tagRules, flavor } = readTagRules(images);
  return {
    file: core.getInput(Inputs.File) || 'pyproject.toml',
    context: core.getInput(Inputs.Context),
    target: core.getInput(Inputs.Target),
    platforms,
    // with images, tags are rules (tagRules); without, full references
    tags: images.length > 0 ? [] : splitList(core.getInput(Inputs.Tags)),
    push: boolInput(Inputs.Push, false),
    load: boolInput(Inputs.Load, false),
    buildArgs: parseKeyValues(splitKeyValueList(core.getInput(Inputs.BuildArgs)), Inputs.BuildArgs),
    labels: parseKeyValues(splitKeyValueList(core.getInput(Inputs.Labels)), Inputs.Labels),
    secrets,
    sshPrivateKeys,
    sshKnownHosts: core.getInput(Inputs.SshKnownHosts, { trimWhitespace: false }),
    dryRun: boolInput(Inputs.DryRun, false),
    builder: core.getInput(Inputs.Builder),
    buildxVersion: core.getInput(Inputs.BuildxVersion),
    network: core.getInput(Inputs.Network),
    provenance: core.getInput(Inputs.Provenance),
    sbom: core.getInput(Inputs.Sbom),
    syntax: core.getInput(Inputs.Syntax),
    dependencyLabel: boolInput(Inputs.DependencyLabel, true),
    images,
    comment: boolInput(Inputs.Comment, false),
    githubToken,
    pushByDigest: boolInput(Inputs.PushByDigest, false),
    mergeDigests: core.getInput(Inputs.MergeDigests),
    cache,
    cacheMounts: boolInput(Inputs.CacheMounts, true),
    timeoutMs,
    qemuImage,
    unsafeBuildxDownloadBase: core.getInput(Inputs.UnsafeBuildxDownloadBase),
    buildPush,
    tagRules,
    flavor,
    driverOpts: listInput(Inputs.DriverOpts, { ignoreComma: true }),
    buildkitdConfigInline: core.getInput(Inputs.BuildkitdConfigInline),
  };
}
