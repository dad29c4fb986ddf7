/** Timing, sizes and start times, measured on the real engine. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildx, run, runOk } from '../__tests__/e2e/support/index.js';

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? Number.NaN) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const t0 = performance.now();
  const value = await work();
  return { value, seconds: (performance.now() - t0) / 1000 };
}

export interface TimedBuild {
  readonly seconds: number;
  readonly log: string;
}

/** One `docker buildx build` (host network, no provenance), timed; throws with the log tail on failure. */
export async function timedBuild(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
): Promise<TimedBuild> {
  const { value: r, seconds } = await timed(() =>
    buildx(['--progress=plain', '--provenance=false', ...args], { env: { ...env }, timeoutMs: 10 * 60_000 }),
  );
  const log = `${r.stdout}\n${r.stderr}`;
  const keep = process.env['BENCH_KEEP_LOGS'];
  if (keep) {
    await mkdir(keep, { recursive: true });
    await writeFile(path.join(keep, `${Date.now()}-${seconds.toFixed(2)}s.log`), `${args.join(' ')}\n${log}`);
  }
  if (r.code !== 0) throw new Error(`build failed:\n${log.split('\n').slice(-30).join('\n')}`);
  return { seconds, log };
}

/** The engine's size of the image; with the containerd image store, its compressed content. */
export async function imageBytes(tag: string): Promise<number> {
  return Number((await runOk('docker', ['image', 'inspect', '--format', '{{.Size}}', tag])).stdout.trim());
}

/**
 * In one container of the image: the unpacked file system size (`du -sx /`), and the median
 * milliseconds from exec to exit of its console script, so `docker run`'s own start-up is not
 * counted. The first start is a warm-up.
 */
export async function insideImage(
  tag: string,
  script: string,
  runs = 7,
): Promise<{ startMs: number; rootfsBytes: number }> {
  const loop =
    `du -sxk / 2>/dev/null | cut -f1; for i in $(seq ${runs + 1}); do s=$(date +%s%N); ${script} >/dev/null || exit 1; ` +
    `e=$(date +%s%N); echo $(( (e - s) / 1000000 )); done`;
  const r = await run('docker', ['run', '--rm', '--entrypoint', '/bin/sh', tag, '-c', loop], {
    timeoutMs: 120_000,
  });
  if (r.code !== 0) throw new Error(`${tag} did not start: ${r.stderr}`);
  const [kib, ...ms] = r.stdout.trim().split('\n').map(Number);
  return { rootfsBytes: (kib ?? 0) * 1024, startMs: median(ms.slice(1)) };
}
