#!/usr/bin/env node
// Bundles the action's entry points and the CLI into dist/ with @vercel/ncc (committed, as
// GitHub runs dist/ directly without npm install). src/ is first compiled with tsc into a
// cache dir: that type-checks src/ alone (a work-in-progress test can't break the bundle)
// and emits ES modules, which ncc then bundles as an ES module.
//   node scripts/package.mjs          write dist/
//   node scripts/package.mjs --check  bundle into a temp dir; exit 1 listing the files when
//                                     the committed dist/ differs (CI runs this)
import ncc from '@vercel/ncc';
import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ENTRIES = [
  { source: 'src/main.js', out: 'main' },
  { source: 'src/post.js', out: 'post' },
  { source: 'src/cli/main.js', out: 'cli', executable: true },
];
// a fixed path inside node_modules: packages resolve from there, and ncc's output does not
// vary with a random temp name
const jsDir = path.join(root, 'node_modules', '.cache', 'microb-package');

async function compileSources() {
  await rm(jsDir, { recursive: true, force: true });
  await mkdir(jsDir, { recursive: true });
  const tsconfig = path.join(jsDir, 'tsconfig.json');
  await writeFile(
    tsconfig,
    JSON.stringify({
      extends: path.join(root, 'tsconfig.json'),
      compilerOptions: { noEmit: false, outDir: jsDir, rootDir: root, sourceMap: false, declaration: false },
      include: [path.join(root, 'src')],
    }),
  );
  await writeFile(path.join(jsDir, 'package.json'), '{"type":"module"}\n');
  const tsc = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', tsconfig],
    {
      encoding: 'utf8',
    },
  );
  if (tsc.status !== 0) {
    console.error(`tsc failed on src/:\n${tsc.stdout}${tsc.stderr}`);
    process.exit(1);
  }
}

async function bundle(entry, distDir) {
  const { code, assets } = await ncc(path.join(jsDir, entry.source), {
    esm: true,
    minify: false,
    sourceMap: false,
    license: 'licenses.txt',
    target: 'es2022',
    quiet: true,
  });
  const dir = path.join(distDir, entry.out);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, 'index.js');
  await writeFile(file, entry.executable ? `#!/usr/bin/env node\n${code}` : code);
  if (entry.executable) await chmod(file, 0o755);
  for (const [name, asset] of Object.entries(assets)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), asset.source);
  }
  // ncc emits ES module syntax: the bundle's own package.json says so, whatever dist/ sits in
  const pkg = path.join(dir, 'package.json');
  await writeFile(pkg, `${JSON.stringify({ type: 'module' })}\n`);
}

async function listFiles(dir, prefix = '') {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const files = [];
  for (const e of entries) {
    const rel = path.join(prefix, e.name);
    if (e.isDirectory()) files.push(...(await listFiles(path.join(dir, e.name), rel)));
    else files.push(rel);
  }
  return files.sort();
}

async function differences(expectedDir, actualDir) {
  const expected = await listFiles(expectedDir);
  const actual = await listFiles(actualDir);
  const all = [...new Set([...expected, ...actual])].sort();
  const diffs = [];
  for (const f of all) {
    if (!expected.includes(f)) diffs.push(`${f} (not produced by the build: remove it)`);
    else if (!actual.includes(f)) diffs.push(`${f} (missing)`);
    else if (!(await readFile(path.join(expectedDir, f))).equals(await readFile(path.join(actualDir, f)))) {
      diffs.push(`${f} (differs)`);
    }
  }
  return diffs;
}

const check = process.argv.includes('--check');
const distDir = path.join(root, 'dist');
const outDir = check ? await mkdtemp(path.join(os.tmpdir(), 'microb-dist-')) : distDir;
try {
  if (!check) {
    for (const e of ENTRIES) await rm(path.join(distDir, e.out), { recursive: true, force: true });
  }
  await compileSources();
  for (const e of ENTRIES) {
    try {
      await bundle(e, outDir);
    } catch (err) {
      console.error(`ncc could not bundle ${e.source}:\n${String(err?.message ?? err).slice(0, 4000)}`);
      process.exit(1);
    }
  }
  if (check) {
    const diffs = await differences(outDir, distDir);
    if (diffs.length > 0) {
      console.error(`dist/ is stale; run \`npm run package\` and commit dist/:\n  ${diffs.join('\n  ')}`);
      process.exitCode = 1;
    } else {
      console.log('dist/ is up to date');
    }
  } else {
    console.log(`bundled ${ENTRIES.map((e) => `dist/${e.out}/index.js`).join(', ')}`);
  }
} finally {
  if (check) await rm(outDir, { recursive: true, force: true });
}
