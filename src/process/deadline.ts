/**
 * The `timeout` input: how long `docker buildx build` may run before it (and every process it
 * started) is stopped. A wedged remote builder otherwise holds the job until its 6-hour limit.
 */

const UNIT_MS: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000 };

/** The longest a job may run on GitHub-hosted runners; a longer deadline is a typo. */
const MAX_MS = 6 * 3_600_000;

/** `45m`, `2h`, `90s`, `1h30m`, or a bare number of minutes → ms; '' → 0 (no deadline). */
export function parseBuildTimeout(text: string): number {
  const t = text.trim();
  if (t === '') return 0;
  let ms = 0;
  if (/^\d+$/.test(t)) ms = Number(t) * UNIT_MS.m!;
  else if (/^(?:\d+[hms])+$/i.test(t)) {
    for (const [, n, unit] of t.toLowerCase().matchAll(/(\d+)([hms])/g)) ms += Number(n) * UNIT_MS[unit!]!;
  } else {
    throw new Error(
      `timeout: "${t}" is not a duration like 45m, 2h, 90s or 1h30m (a bare number is minutes)`,
    );
  }
  if (ms <= 0) throw new Error(`timeout: "${t}" is zero; leave timeout empty for no deadline`);
  if (ms > MAX_MS) throw new Error(`timeout: "${t}" is longer than a job may run (6h)`);
  return ms;
}

/** `1h 30m 5s`-style wording for messages. */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  const parts = [
    [Math.floor(s / 3600), 'h'],
    [Math.floor((s % 3600) / 60), 'min'],
    [s % 60, 's'],
  ] as const;
  const shown = parts.filter(([n]) => n > 0).map(([n, u]) => `${n} ${u}`);
  return shown.length > 0 ? shown.join(' ') : `${ms} ms`;
}
