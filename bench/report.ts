/** The benchmark's figures as one markdown table: medians per variant, ratios to cold, targets. */
import { median } from './measure.js';
import type { Sample } from './repetition.js';

export interface VariantResult {
  readonly name: string;
  readonly samples: readonly Sample[];
}

interface Row {
  readonly label: string;
  readonly value: (s: Summary) => string;
}

export interface Summary {
  readonly cold: number;
  readonly noChange: number;
  readonly sourceOnly: number;
  readonly exportExtra: number;
  readonly save: number;
  readonly savedMiB: number;
  readonly archiveMiB: number;
  /** Medians of the saved entry's breakdown, MiB. */
  readonly entry: Readonly<Record<keyof Sample['entry'], number>>;
  /** Repetitions whose restored builds (both) had the dependency step CACHED. */
  readonly freshHitCount: number;
  readonly reps: number;
  readonly restore: number;
  readonly restoredRerun: number;
  readonly restoredBuild: number;
  readonly freshHits: string;
  readonly imageMB: number;
  readonly rootfsMB: number;
  readonly startMs: number;
}

export function summarize(samples: readonly Sample[]): Summary {
  const m = (f: (s: Sample) => number) => median(samples.map(f));
  return {
    cold: m((s) => s.cold),
    noChange: median(samples.flatMap((s) => s.noChange)),
    sourceOnly: median(samples.flatMap((s) => s.sourceOnly)),
    exportExtra: m((s) => s.exportBuild),
    save: m((s) => s.save),
    savedMiB: m((s) => s.savedBytes) / 2 ** 20,
    archiveMiB: m((s) => s.archiveBytes) / 2 ** 20,
    entry: {
      baseOmitted: m((s) => s.entry.baseOmitted) / 2 ** 20,
      baseKept: m((s) => s.entry.baseKept) / 2 ** 20,
      dependencies: m((s) => s.entry.dependencies) / 2 ** 20,
      project: m((s) => s.entry.project) / 2 ** 20,
      build: m((s) => s.entry.build) / 2 ** 20,
      metadata: m((s) => s.entry.metadata) / 2 ** 20,
      cacheMounts: m((s) => s.entry.cacheMounts) / 2 ** 20,
    },
    freshHitCount: samples.filter((s) => s.depsCachedOnFreshRunner).length,
    reps: samples.length,
    restore: m((s) => s.restore),
    restoredRerun: m((s) => s.restoredRerun),
    restoredBuild: m((s) => s.restoredBuild),
    freshHits: `${samples.filter((s) => s.depsCachedOnFreshRunner).length}/${samples.length}`,
    imageMB: m((s) => s.imageBytes) / 1e6,
    rootfsMB: m((s) => s.rootfsBytes) / 1e6,
    startMs: m((s) => s.startMs),
  };
}

const sec = (n: number) => n.toFixed(2);
const ratio = (n: number) => n.toFixed(2);

const ROWS: readonly Row[] = [
  { label: 'cold build (s)', value: (s) => sec(s.cold) },
  { label: 'no-change rebuild (s)', value: (s) => sec(s.noChange) },
  { label: 'source-only rebuild (s)', value: (s) => sec(s.sourceOnly) },
  { label: 'source-only / cold', value: (s) => ratio(s.sourceOnly / s.cold) },
  { label: 'source-only / no-change', value: (s) => ratio(s.sourceOnly / s.noChange) },
  { label: 'fresh runner: restore cache (s)', value: (s) => sec(s.restore) },
  { label: 'fresh runner: build, restored cache, same sources (s)', value: (s) => sec(s.restoredRerun) },
  { label: 'fresh runner: build, restored cache, source changed (s)', value: (s) => sec(s.restoredBuild) },
  { label: 'fresh runner build, same sources / cold', value: (s) => ratio(s.restoredRerun / s.cold) },
  { label: 'fresh runner build, source changed / cold', value: (s) => ratio(s.restoredBuild / s.cold) },
  {
    label: 'fresh runner (restore + build) / cold',
    value: (s) => ratio((s.restore + s.restoredBuild) / s.cold),
  },
  { label: 'fresh runner: dependency step CACHED', value: (s) => s.freshHits },
  { label: 'first run: build with --cache-to (s)', value: (s) => sec(s.exportExtra) },
  { label: 'first run: post step, save cache (s)', value: (s) => sec(s.save) },
  { label: 'saved cache, before compression (MiB)', value: (s) => s.savedMiB.toFixed(1) },
  { label: 'saved cache, archive as stored (MiB)', value: (s) => s.archiveMiB.toFixed(1) },
  { label: '… in it: base-image layers (MiB)', value: (s) => s.entry.baseKept.toFixed(1) },
  { label: '… in it: dependency (venv) layers (MiB)', value: (s) => s.entry.dependencies.toFixed(2) },
  { label: "… in it: the project's layers (MiB)", value: (s) => s.entry.project.toFixed(2) },
  {
    label: '… in it: other build layers (builder set-up, build backend) (MiB)',
    value: (s) => s.entry.build.toFixed(2),
  },
  { label: '… in it: RUN cache mount contents (MiB)', value: (s) => s.entry.cacheMounts.toFixed(2) },
  { label: '… in it: metadata (index, cache records) (MiB)', value: (s) => s.entry.metadata.toFixed(3) },
  { label: '… left out: base-image layers (MiB)', value: (s) => s.entry.baseOmitted.toFixed(1) },
  { label: 'image, unpacked file system (MB)', value: (s) => s.rootfsMB.toFixed(1) },
  { label: 'image, compressed layers (MB)', value: (s) => s.imageMB.toFixed(1) },
  { label: 'app start (ms)', value: (s) => s.startMs.toFixed(0) },
];

export interface Target {
  readonly label: string;
  readonly met: boolean;
  readonly detail: string;
}

/** The targets, checked on the generated Dockerfile's figures. */
export function targets(s: Summary): Target[] {
  const srcCold = s.sourceOnly / s.cold;
  const srcNoChange = s.sourceOnly / s.noChange;
  const fresh = s.restoredRerun / s.cold;
  const freshChanged = s.restoredBuild / s.cold;
  const wholeJob = (s.restore + s.restoredBuild) / s.cold;
  return [
    { label: 'source-only rebuild ≤ 0.10 × cold', met: srcCold <= 0.1, detail: ratio(srcCold) },
    {
      label: 'source-only rebuild ≤ 2 × no-change rebuild',
      met: srcNoChange <= 2,
      detail: ratio(srcNoChange),
    },
    {
      label: 'restored-cache build on a fresh runner ≤ 0.30 × cold',
      met: fresh <= 0.3,
      detail: ratio(fresh),
    },
    {
      label: 'the same after a source change since the save ≤ 0.30 × cold',
      met: freshChanged <= 0.3,
      detail: ratio(freshChanged),
    },
    {
      label: 'fresh runner (restore + build, source changed) ≤ 0.20 × cold',
      met: wholeJob <= 0.2,
      detail: ratio(wholeJob),
    },
    {
      label: 'fresh runner: the dependency step CACHED in every repetition',
      met: s.freshHitCount === s.reps,
      detail: s.freshHits,
    },
  ];
}

export function renderMarkdown(results: readonly VariantResult[], header: readonly string[]): string {
  const summaries = results.map((r) => summarize(r.samples));
  const lines = [
    ...header,
    '',
    `| | ${results.map((r) => r.name).join(' | ')} |`,
    `|---|${results.map(() => '---').join('|')}|`,
    ...ROWS.map((row) => `| ${row.label} | ${summaries.map((s) => row.value(s)).join(' | ')} |`),
  ];
  const first = summaries[0];
  if (first) {
    lines.push('', `Targets (${results[0]?.name}):`, '');
    for (const t of targets(first)) lines.push(`- ${t.met ? '✅' : '❌'} ${t.label}: ${t.detail}`);
  }
  // a locked project keeps the source-only targets (its deps step installs from the lock)
  const lockedIndex = results.findIndex((r) => r.name.includes('pylock'));
  const lockedSummary = summaries[lockedIndex];
  if (lockedSummary) {
    lines.push('', `Targets (${results[lockedIndex]?.name}):`, '');
    for (const t of targets(lockedSummary).slice(0, 2))
      lines.push(`- ${t.met ? '✅' : '❌'} ${t.label}: ${t.detail}`);
  }
  return `${lines.join('\n')}\n`;
}
