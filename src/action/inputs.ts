/**
 * The action's inputs, read once into one typed object. Secret values are masked here, the
 * moment they are read, before anything could log them.
 */
import * as core from '@actions/core';
import type { SecretValue } from '../docker/buildx/secrets.js';
import { parseBuildTimeout } from '../process/deadline.js';
import { normalizePlatforms } from '../docker/platforms.js';
import { BINFMT_IMAGE, checkBinfmtImage } from '../docker/qemu.js';
import { ImageNameError, parseImages } from '../github/images.js';
import { keyLinesToMask, splitPrivateKeys } from '../ssh/agent.js';
import { parseCacheMode, type CacheMode } from '../cache/index.js';
import { maskSecret } from '../log/workflowLog.js';
import { Inputs } from './constants.js';

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
 * `secrets`: `ID=VALUE`, one per line only (a value may hold commas). The error for a bad
 * line never repeats the line, which may be a secret.
 */
export function parseSecrets(text: string): SecretValue[] {
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
  return {
    file: core.getInput(Inputs.File) || 'pyproject.toml',
    context: core.getInput(Inputs.Context),
    target: core.getInput(Inputs.Target),
    platforms,
    tags: splitList(core.getInput(Inputs.Tags)),
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
  };
}
