/**
 * `npm run bench`: build a sample project (20 modules, a console script, real wheels from the
 * local index) with the generated Dockerfile and with a hand-written microb-style one, and
 * print medians of several repetitions as a markdown table (also written to bench/results.md).
 *
 *   BENCH_REPS=3   repetitions per variant (each: cold, 2 no-change, 2 source-only, fresh runner)
 *   BENCH_ONLY=check   only the `microb check` timings (1,000 targets; 20,000 dependencies), no
 *                      docker needed: `BENCH_ONLY=check node --import tsx bench/run.ts`
 *
 * The second-runner figures go through the real cache path: @actions/cache against the local
 * stand-in for the runner's cache service (the same one the tests use), on the same engine.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { startCacheService } from '../__tests__/support/cache-service/index.js';
import { ensureE2E, run, startPrivateIndex, tempDir } from '../__tests__/e2e/support/index.js';
import { timeChecks } from './checkTiming.js';
import { renderMarkdown } from './report.js';
import { runRepetition, SCRIPT, type BenchContext, type Sample } from './repetition.js';
import { generated, locked, microbStyle } from './variants.js';

/** Real wheels from Debian, repacked by scripts/e2e/wheels.sh and served by the local index. */
const DEPENDENCIES = ['requests', 'click', 'attrs', 'packaging', 'six', 'typing_extensions'];

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** `microb check` on generated pyprojects (bench/checkTiming.ts): both must stay under 1 s. */
const CHECK_SIZES = [
  { dependencies: 20, targets: 1000 },
  { dependencies: 20_000, targets: 1 },
];

async function checkSection(): Promise<string[]> {
  const timings = await timeChecks(CHECK_SIZES);
  return [
    '',
    '## `microb check` (no docker)',
    '',
    'In-process `microb check` on a generated pyproject (bench/checkTiming.ts), one run each:',
    '',
    '| pyproject | size | check (s) |',
    '| --- | --- | --- |',
    ...timings.map(
      (t) =>
        `| ${t.what} | ${(t.bytes / 1e6).toFixed(2)} MB | ${t.seconds.toFixed(2)}${t.exitCode === 0 ? '' : ' (failed)'} |`,
    ),
    '',
  ];
}

async function main(): Promise<void> {
  if (process.env['BENCH_ONLY'] === 'check') {
    process.stdout.write(`${(await checkSection()).join('\n')}\n`);
    return;
  }
  const reps = Math.max(1, Number(process.env['BENCH_REPS'] ?? 3));
  await ensureE2E();
  const work = await tempDir('microb-bench-');
  const index = await startPrivateIndex();
  const service = await startCacheService();
  await mkdir(path.join(work.path, 'workspace'), { recursive: true });
  await mkdir(path.join(work.path, 'runner-temp'), { recursive: true });
  const restoreEnv = service.applyEnv({
    GITHUB_WORKSPACE: path.join(work.path, 'workspace'),
    RUNNER_TEMP: path.join(work.path, 'runner-temp'),
  });
  const t0 = performance.now();
  try {
    const ctx: BenchContext = {
      work: work.path,
      index,
      credentials: { user: index.user, password: index.password, pipConf: index.pipConf() },
      dependencies: DEPENDENCIES,
      archiveBytes: (key) => service.entries().find((e) => e.key === key)?.sizeBytes ?? 0,
    };
    const variants = [generated, microbStyle(SCRIPT), locked(index.url)];
    const results = variants.map((v) => ({ name: v.name, samples: [] as Sample[] }));
    // interleaved, so a slow minute of the shared machine hits both variants alike
    for (let r = 1; r <= reps; r++) {
      for (const [i, v] of variants.entries()) {
        const elapsed = ((performance.now() - t0) / 60_000).toFixed(1);
        process.stderr.write(`[bench] ${elapsed} min: ${v.name}, repetition ${r}/${reps}\n`);
        const sample = await runRepetition(
          ctx,
          v,
          ['generated', 'microb-style', 'pylock'][i] ?? `variant-${i}`,
        );
        results[i]?.samples.push(sample);
      }
    }
    const engine = (await run('docker', ['version', '--format', '{{.Server.Version}}'])).stdout.trim();
    const minutes = ((performance.now() - t0) / 60_000).toFixed(1);
    const md = renderMarkdown(results, [
      '# Benchmark: build times, cache, image size',
      '',
      `Command: \`npm run bench\` (BENCH_REPS=${reps}); ${new Date().toISOString().slice(0, 10)}, ` +
        `Docker engine ${engine}, ${(await run('nproc', [])).stdout.trim()} cores; whole run ${minutes} min.`,
      `Sample app: 20 modules + a console script; dependencies ${DEPENDENCIES.join(', ')} and one wheel ` +
        'made per repetition, all from the local private index (basic auth, passed as build secrets).',
      'Medians over the repetitions (no-change and source-only: two builds each per repetition).',
      'Cold: base images present, nothing of this project in the engine (each repetition adds one layer of',
      'its own to the base images and a wheel of its own to the dependencies, so no cache key or layer of',
      "another run matches). Fresh runner: the repetition's engine records deleted, no cache directory; the",
      'cache restored by the real @actions/cache client from the local stand-in cache service, then a build',
      'of the sources as saved (a re-run) and one after a source change (a new commit).',
    ]);
    const withCheck = `${md}${(await checkSection()).join('\n')}\n`;
    process.stdout.write(withCheck);
    // formatted as `npm run lint` wants it, so a fresh results.md can be committed as it is
    const file = path.join(HERE, 'results.md');
    const options = (await resolveConfig(file)) ?? {};
    await writeFile(file, await format(withCheck, { ...options, filepath: file }));
  } finally {
    restoreEnv();
    await service.stop();
    await index.stop();
    await work.cleanup();
  }
}

await main();
