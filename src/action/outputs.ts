/**
 * The image's metadata as step outputs, in docker/metadata-action's formats, so a workflow can
 * hand them on unchanged (`labels: ${{ steps.build.outputs.labels }}`). Pure.
 *
 * `labels` was a JSON object before; that object is now `json`'s `labels`
 * (`fromJSON(steps.build.outputs.json).labels`): a breaking change of the `labels` output.
 */

/** OCI's version label key. */
const VERSION_LABEL = 'org.opencontainers.image.version';

/** A value on one line: the KEY=VALUE list format has no way to spell a line break. */
const oneLine = (value: string): string => value.replace(/\r?\n/g, ' ');

/** `labels`: `KEY=VALUE`, one per line, in the image's label order. */
export function formatLabelsOutput(labels: Readonly<Record<string, string>>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${oneLine(v)}`)
    .join('\n');
}

/** `annotations`: what the build was given (`index:KEY=VALUE`, …), one per line. */
export function formatAnnotationsOutput(annotations: readonly string[]): string {
  return annotations.map(oneLine).join('\n');
}

/** `json`: metadata-action's object — `{tags, labels, annotations}` — with labels as an object. */
export function formatJsonOutput(d: {
  readonly tags: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: readonly string[];
}): string {
  return JSON.stringify({ tags: d.tags, labels: d.labels, annotations: d.annotations });
}

/**
 * `version`: the image's own version label when it has one (the pyproject's version wins over
 * the event's, see ociLabels.ts), else the version computed from the event.
 */
export function versionOutput(
  labels: Readonly<Record<string, string>>,
  computed: string | undefined,
): string {
  return Object.prototype.hasOwnProperty.call(labels, VERSION_LABEL)
    ? (labels[VERSION_LABEL] ?? '')
    : (computed ?? '');
}

/** Sets `labels`, `annotations` and `json` (and `version`, when given) together, so they agree. */
export function setMetadataOutputs(
  setOutput: (name: string, value: string) => void,
  d: {
    readonly tags: readonly string[];
    readonly labels: Readonly<Record<string, string>>;
    readonly annotations: readonly string[];
    readonly version?: string;
  },
): void {
  setOutput('labels', formatLabelsOutput(d.labels));
  setOutput('annotations', formatAnnotationsOutput(d.annotations));
  setOutput('json', formatJsonOutput(d));
  if (d.version !== undefined) setOutput('version', d.version);
}
