/**
 * OCI image labels (https://github.com/opencontainers/image-spec/blob/main/annotations.md) and
 * SOURCE_DATE_EPOCH, from the GitHub context.
 *
 * `created` is the commit time, not the build time (metadata-action uses the build time): two
 * builds of one commit then carry the same labels, and with SOURCE_DATE_EPOCH set to the same
 * instant BuildKit stamps the image config with it too, so a rebuild is reproducible.
 */
import { type GitHubEventContext, payloadString } from './eventContext.js';

export const OCI = {
  created: 'org.opencontainers.image.created',
  source: 'org.opencontainers.image.source',
  url: 'org.opencontainers.image.url',
  revision: 'org.opencontainers.image.revision',
  version: 'org.opencontainers.image.version',
} as const;

export interface OciLabelSources {
  readonly context: GitHubEventContext;
  /** The computed version (`ComputedTags.version`): `1.2.3`, `pr-42`, `main`. */
  readonly version: string | undefined;
  /** When the built commit was made; see `readCommitTime`. Omitted from labels when unknown. */
  readonly commitTime: Date | undefined;
}

/** The labels, sorted by key; keys whose value is unknown are left out rather than set empty. */
export function ociLabels(sources: OciLabelSources): Record<string, string> {
  const { context } = sources;
  const repositoryUrl =
    payloadString(context.payload, 'repository', 'html_url') ??
    (context.repository ? `${context.serverUrl}/${context.repository}` : undefined);
  const candidates: [string, string | undefined][] = [
    [OCI.created, sources.commitTime?.toISOString()],
    [OCI.revision, context.sha || undefined],
    [OCI.source, repositoryUrl],
    [OCI.url, repositoryUrl],
    [OCI.version, sources.version],
  ];
  const labels: Record<string, string> = {};
  for (const [key, value] of candidates) {
    const clean = value?.trim();
    if (clean) labels[key] = clean;
  }
  return labels;
}

/**
 * SOURCE_DATE_EPOCH (seconds since the epoch, https://reproducible-builds.org/specs/source-date-epoch/)
 * for the commit time; buildx passes it to BuildKit as a build arg of the same name.
 */
export function sourceDateEpoch(commitTime: Date | undefined): string | undefined {
  if (!commitTime || Number.isNaN(commitTime.getTime())) return undefined;
  return String(Math.floor(commitTime.getTime() / 1000));
}

/**
 * The context labels to pass as `--label`: those the generated Dockerfile does not set itself.
 * `--label` overrides a Dockerfile LABEL, and the pyproject is the user's word (its `[project]
 * version` is the software's version; a branch name is not), so on a clash the Dockerfile wins.
 */
export function labelsNotIn(
  computed: Readonly<Record<string, string>>,
  dockerfileLabels: Readonly<Record<string, string>>,
): Record<string, string> {
  return Object.fromEntries(Object.entries(computed).filter(([key]) => !(key in dockerfileLabels)));
}

/** Labels as `KEY=VALUE` lines (the shape of buildx `--label` and of the action's `labels` output). */
export function formatLabels(labels: Readonly<Record<string, string>>): string[] {
  return Object.entries(labels).map(([key, value]) => `${key}=${value}`);
}
