/**
 * The job summary, after docker/build-push-action's: whether the build succeeded and, if not,
 * which phase failed with its last log lines; what was built, where it went, how big (and its
 * biggest layers), how long each phase took, what the cache did; the exact Dockerfile in a
 * collapsed block. Written on failure too. Rendering is pure; only `writeJobSummary` does I/O,
 * and `DOCKER_BUILD_SUMMARY=false` (build-push-action's switch) turns it off.
 *
 * Every piece of project or log text is HTML-escaped and known secrets are redacted
 * (src/github/redact.ts) before it reaches the page.
 */
import * as core from '@actions/core';
import type { StepCounts } from '../docker/buildx/progress.js';
import { fenced } from '../github/markdown.js';
import { redactSecrets } from '../github/redact.js';

export interface PhaseTiming {
  readonly name: string;
  readonly durationMs: number;
  readonly status: 'ok' | 'failed';
}

export interface SummaryCache {
  /** The `cache` input: `actions`, `gha`, `none`. */
  readonly mode: string;
  /** With `actions`: restored by its exact key. Undefined: not known (gha, none). */
  readonly hit?: boolean;
  /** The `cache-from`/`cache-to` inputs, as given. */
  readonly from?: readonly string[];
  readonly to?: readonly string[];
}

export type { StepCounts } from '../docker/buildx/progress.js';

export interface LayerInfo {
  readonly bytes: number;
  /** The instruction that made it (`RUN …`), when the engine says. */
  readonly createdBy?: string;
}

export interface SummaryFailure {
  /** The phase that failed, e.g. `Build`. */
  readonly phase: string;
  /** BuildKit's failing step, when the build itself failed. */
  readonly step?: string;
  /** The error, then the last lines of its log. */
  readonly message: string;
  readonly lastLines: readonly string[];
}

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
  /** Relative to the workspace (as the repository shows it). */
  readonly dockerfilePath: string;
  readonly dockerfile: string;
  readonly failure?: SummaryFailure;
  readonly phases?: readonly PhaseTiming[];
  readonly cache?: SummaryCache;
  readonly steps?: StepCounts;
  /** The image's layers, in order (the loaded image's history). */
  readonly layers?: readonly LayerInfo[];
  /** Values to redact wherever they appear. */
  readonly secrets?: readonly string[];
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

const escapeHtml = (s: string): string =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '&#124;')
    // a control character means nothing on a web page; keep it visible
    .replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

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

/** Log lines for a code block: at most `max` of them, each at most 400 characters. */
function logBlock(lines: readonly string[], max = 30): string {
  return lines
    .slice(-max)
    .map((l) => (l.length > 400 ? `${l.slice(0, 400)}…` : l))
    .join('\n');
}

/** A two-column table whose first column names each row: no header row to leave empty. */
function keyValueTable(rows: readonly [string, string][]): string {
  return [
    '<table>',
    ...rows.map(([k, v]) => `<tr><th align="left">${k}</th><td>${v}</td></tr>`),
    '</table>',
  ].join('\n');
}

function status(d: SummaryData): string {
  if (d.failure) return `:x: failed in ${escapeHtml(d.failure.phase)}`;
  if (d.dryRun) return ':memo: dry run: nothing built';
  const where = [d.pushed && 'pushed', d.loaded && 'loaded into the engine'].filter(Boolean).join(', ');
  return `:white_check_mark: ${where || 'built, neither loaded nor pushed'}`;
}

function cacheRow(d: SummaryData): string | undefined {
  const parts: string[] = [];
  if (d.cache) {
    const { mode, hit } = d.cache;
    if (mode === 'none') parts.push('none');
    else if (hit === undefined) parts.push(escapeHtml(mode));
    else
      parts.push(`${escapeHtml(mode)}: ${hit ? 'hit (exact key)' : 'miss (restored a fallback or nothing)'}`);
    if (d.cache.from?.length) parts.push(`from ${d.cache.from.map(code).join(', ')}`);
    if (d.cache.to?.length) parts.push(`to ${d.cache.to.map(code).join(', ')}`);
  }
  if (d.steps && d.steps.total > 0) {
    const pct = Math.round((d.steps.cached / d.steps.total) * 100);
    parts.push(`${d.steps.cached} of ${d.steps.total} steps cached (${pct}%)`);
  }
  return parts.length > 0 ? parts.join('<br>') : undefined;
}

/** A generated RUN step is long (mounts, a credential helper): its start says which it is. */
const shortStep = (step: string): string => (step.length > 120 ? `${step.slice(0, 120)}…` : step);

function failureSection(f: SummaryFailure): string[] {
  // in the order they were printed: the step's last lines, then the error that ended it
  const lines = [...f.lastLines.filter((l) => l !== f.message), f.message];
  return [
    `> [!CAUTION]`,
    `> **${escapeHtml(f.phase)} failed**${f.step ? ` at step ${code(shortStep(f.step))}` : ''}`,
    '',
    '<details open><summary>Last log lines</summary>',
    '',
    fenced(logBlock(lines), 'text'),
    '',
    '</details>',
    '',
  ];
}

function phasesSection(phases: readonly PhaseTiming[]): string[] {
  if (phases.length === 0) return [];
  return [
    '<details><summary>Time per phase</summary>',
    '',
    '| Phase | Time | |',
    '|---|---:|---|',
    ...phases.map(
      (p) =>
        `| ${escapeHtml(p.name)} | ${formatDuration(p.durationMs)} | ${p.status === 'ok' ? 'ok' : ':x: failed'} |`,
    ),
    '',
    '</details>',
    '',
  ];
}

function layersSection(layers: readonly LayerInfo[]): string[] {
  const sized = layers.filter((l) => l.bytes > 0);
  if (sized.length === 0) return [];
  const biggest = [...sized].sort((a, b) => b.bytes - a.bytes).slice(0, 10);
  const total = sized.reduce((n, l) => n + l.bytes, 0);
  return [
    `<details><summary>Layers: ${layers.length}, ${formatBytes(total)} unpacked — the biggest</summary>`,
    '',
    '| Size | Created by |',
    '|---:|---|',
    ...biggest.map((l) => {
      const by = (l.createdBy ?? '').replace(/\s+/g, ' ').trim();
      return `| ${formatBytes(l.bytes)} | ${by ? code(by.length > 160 ? `${by.slice(0, 160)}…` : by) : ''} |`;
    }),
    '',
    '</details>',
    '',
  ];
}

export function renderSummary(d: SummaryData): string {
  const rows: [string, string][] = [
    ['Status', status(d)],
    ['Target', code(d.target)],
    ['Platforms', d.platforms.length > 0 ? d.platforms.map(code).join(' ') : 'the builder’s own'],
    ['Tags', d.tags.length > 0 ? d.tags.map(code).join('<br>') : 'none'],
  ];
  if (d.digest) rows.push(['Digest', code(d.digest)]);
  if (d.imageId && d.imageId !== d.digest) rows.push(['Image ID', code(d.imageId)]);
  if (d.imageSizes && d.imageSizes.length > 0) {
    rows.push([
      'Image size',
      d.imageSizes.map((s) => `${formatBytes(s.bytes)}: ${escapeHtml(s.label)}`).join('<br>'),
    ]);
  }
  const cache = cacheRow(d);
  if (cache) rows.push(['Cache', cache]);
  if (d.durationMs !== undefined) rows.push(['Build time', formatDuration(d.durationMs)]);
  const cachedSteps = d.steps?.cachedNames ?? [];
  const md = [
    `### microb: ${escapeHtml(d.target)}`,
    '',
    keyValueTable(rows),
    '',
    ...(d.failure ? failureSection(d.failure) : []),
    ...phasesSection(d.phases ?? []),
    ...(cachedSteps.length > 0
      ? [
          '<details><summary>Cached steps</summary>',
          '',
          ...cachedSteps.map((s) => `- ${code(s)}`),
          '',
          '</details>',
          '',
        ]
      : []),
    ...layersSection(d.layers ?? []),
    `<details><summary>Generated Dockerfile (${code(d.dockerfilePath)})</summary>`,
    '',
    fenced(d.dockerfile, 'dockerfile'),
    '',
    '</details>',
    '',
  ].join('\n');
  return d.secrets && d.secrets.length > 0 ? redactSecrets(md, d.secrets) : md;
}

/** build-push-action's switch: `DOCKER_BUILD_SUMMARY=false` writes no summary. */
export function summaryEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return (env['DOCKER_BUILD_SUMMARY'] ?? '').trim().toLowerCase() !== 'false';
}

/** Appends to GITHUB_STEP_SUMMARY; a runner without one (or a local run) just skips it. */
export async function writeJobSummary(d: SummaryData): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY || !summaryEnabled()) return;
  await core.summary.addRaw(renderSummary(d)).write();
}
