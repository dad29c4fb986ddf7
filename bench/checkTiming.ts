/**
 * `microb check` timings on generated pyprojects, no docker needed: many targets and many
 * dependencies (issue 9 item 6: a fork must not be able to hold a runner with a large pyproject).
 *
 *   node --import tsx bench/checkTiming.ts [REPO_ROOT] [SIZES]
 *
 * REPO_ROOT (default: this checkout) is where `src/cli/run.ts` is loaded from, so the same
 * generator can time another checkout (e.g. the code before a change). SIZES, e.g.
 * `deps=20000,40000 targets=1000`, default `deps=20000 targets=1000`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface CheckTiming {
  readonly what: string;
  readonly seconds: number;
  readonly exitCode: number;
  readonly bytes: number;
}

/** A valid pyproject with `dependencies` requirements and `targets` targets. */
export function generatePyproject(opts: { dependencies: number; targets: number }): string {
  const deps = Array.from({ length: opts.dependencies }, (_, i) =>
    i % 3 === 0
      ? `"pkg-${i}>=1.${i % 50},<2"`
      : i % 3 === 1
        ? `"pkg_${i}[extra]==2.*"`
        : `"pkg.${i} ; python_version >= \\"3.10\\""`,
  );
  const lines = [
    '[project]',
    'name = "bench-app"',
    'version = "1.0"',
    'requires-python = ">=3.11,<3.12"',
    `dependencies = [\n  ${deps.join(',\n  ')}\n]`,
    '[project.optional-dependencies]',
    'extra = ["rich>=13"]',
  ];
  for (let t = 0; t < opts.targets; t++) {
    lines.push(
      `[tool.microb.target.t${t}]`,
      'python_version = "3.11"',
      `env = { APP_MODE = "mode-${t}", VERSION = "\${VERSION:-1.${t}}" }`,
      `labels = { "com.example.team" = "team-${t % 7}" }`,
      'system_deps = ["libpq5"]',
      t % 2 === 0 ? 'extras = ["extra"]' : 'entrypoint = ["python", "-m", "app"]',
    );
  }
  return `${lines.join('\n')}\n`;
}

type RunCli = (
  argv: readonly string[],
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
) => Promise<number>;

async function loadRunCli(root: string): Promise<RunCli> {
  const mod = (await import(pathToFileURL(path.join(root, 'src/cli/run.ts')).href)) as { runCli: RunCli };
  return mod.runCli;
}

/** Time `microb check` (in process: no node start-up in the figure) on each generated pyproject. */
export async function timeChecks(
  sizes: readonly { dependencies: number; targets: number }[],
  root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'),
): Promise<CheckTiming[]> {
  const runCli = await loadRunCli(root);
  const dir = await mkdtemp(path.join(tmpdir(), 'microb-check-bench-'));
  const sink = () => new Writable({ write: (_c, _e, done) => done() });
  const out: CheckTiming[] = [];
  try {
    for (const size of sizes) {
      const file = path.join(dir, `${size.dependencies}-${size.targets}`, 'pyproject.toml');
      await rm(path.dirname(file), { recursive: true, force: true });
      await import('node:fs/promises').then((fs) => fs.mkdir(path.dirname(file), { recursive: true }));
      const text = generatePyproject(size);
      await writeFile(file, text);
      const t0 = performance.now();
      const exitCode = await runCli(['check', '--file', file], { stdout: sink(), stderr: sink() });
      const seconds = (performance.now() - t0) / 1000;
      out.push({
        what: `${size.targets} target${size.targets === 1 ? '' : 's'}, ${size.dependencies} dependencies`,
        seconds,
        exitCode,
        bytes: Buffer.byteLength(text),
      });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return out;
}

function parseSizes(arg: string | undefined): { dependencies: number; targets: number }[] {
  const spec = arg ?? 'deps=20000 targets=1000';
  const sizes: { dependencies: number; targets: number }[] = [];
  for (const part of spec.split(/\s+/).filter(Boolean)) {
    const [key, values] = part.split('=');
    for (const n of (values ?? '').split(',').map(Number)) {
      sizes.push(key === 'deps' ? { dependencies: n, targets: 1 } : { dependencies: 20, targets: n });
    }
  }
  return sizes;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = process.argv[2] ? path.resolve(process.argv[2]) : undefined;
  const results = await timeChecks(parseSizes(process.argv[3]), root);
  for (const r of results)
    process.stdout.write(
      `${r.what} (${(r.bytes / 1e6).toFixed(1)} MB): ${r.seconds.toFixed(2)} s, exit ${r.exitCode}\n`,
    );
}
