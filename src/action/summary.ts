/**
 * The job summary: what was built, where it went, how big and how long, and the exact
 * Dockerfile in a collapsed block. Rendering is pure; only `writeJobSummary` does I/O.
 */
import * as core from '@actions/core';

export interface SummaryData {
  readonly target: string;
  readonly platforms: readonly string[];
  readonly tags: readonly string[];
  readonly dryRun: boolean;
  readonly pushed: boolean;
  readonly loaded: boolean;
  readonly digest?: string;
  readonly imageId?: string;
  /** Measured sizes, e.g. `linux/arm64 (compressed)` → bytes (see docker/buildx/imageSize.ts). */
  readonly imageSizes?: readonly { readonly label: string; readonly bytes: number }[];
  readonly durationMs?: number;
  readonly dockerfilePath: string;
  readonly dockerfile: string;
}

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '&#124;');

const code = (s: string): string => `<code>${escapeHtml(s)}</code>`;

export function formatBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let v = n;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return u === 0 ? `${v} B` : `${v.toFixed(1)} ${units[u]}`;
}

export function formatDuration(ms: number): string {
  const s = ms / 1000;
  return s < 60 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

/** A fence longer than any run of backticks inside, so the Dockerfile can't close it early. */
function fenced(text: string, lang: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${text.replace(/\n$/, '')}\n${fence}`;
}

export function renderSummary(d: SummaryData): string {
  const where = d.dryRun
    ? 'dry run: nothing built'
    : [d.pushed && 'pushed', d.loaded && 'loaded into the engine'].filter(Boolean).join(', ') ||
      'built, neither loaded nor pushed';
  const rows: [string, string][] = [
    ['Target', code(d.target)],
    ['Platforms', d.platforms.length > 0 ? d.platforms.map(code).join(' ') : 'the builder’s own'],
    ['Tags', d.tags.length > 0 ? d.tags.map(code).join('<br>') : 'none'],
    ['Result', escapeHtml(where)],
  ];
  if (d.digest) rows.push(['Digest', code(d.digest)]);
  if (d.imageId && d.imageId !== d.digest) rows.push(['Image ID', code(d.imageId)]);
  if (d.imageSizes && d.imageSizes.length > 0) {
    rows.push([
      'Image size',
      d.imageSizes.map((s) => `${formatBytes(s.bytes)}: ${escapeHtml(s.label)}`).join('<br>'),
    ]);
  }
  if (d.durationMs !== undefined) rows.push(['Build time', formatDuration(d.durationMs)]);
  return [
    `### microb: ${escapeHtml(d.target)}`,
    '',
    '| | |',
    '|---|---|',
    ...rows.map(([k, v]) => `| ${k} | ${v} |`),
    '',
    `<details><summary>Generated Dockerfile (${escapeHtml(d.dockerfilePath)})</summary>`,
    '',
    fenced(d.dockerfile, 'dockerfile'),
    '',
    '</details>',
    '',
  ].join('\n');
}

/** Appends to GITHUB_STEP_SUMMARY; a runner without one (or a local run) just skips it. */
export async function writeJobSummary(d: SummaryData): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await core.summary.addRaw(renderSummary(d)).write();
}
