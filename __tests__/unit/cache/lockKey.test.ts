import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { cacheKeys, dependencyKeyFiles, type KeyFile } from '../../../src/cache/keys.js';
import { compile, referencedFiles } from '../../../src/compiler/index.js';
import { readProjectSnapshot } from '../../../src/workspace/snapshot.js';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const PYPROJECT = `[project]\nname = "app"\nversion = "1"\nrequires-python = ">=3.11"\ndependencies = ["click>=8"]\n`;
const lock = (version: string, hash: string) =>
  `version = 1\nrequires-python = ">=3.11"\n\n[[package]]\nname = "app"\nversion = "1"\nsource = { editable = "." }\ndependencies = [{ name = "click" }]\n\n[package.metadata]\nrequires-dist = [{ name = "click", specifier = ">=8" }]\n\n[[package]]\nname = "click"\nversion = "${version}"\nsource = { registry = "https://idx.example/simple" }\nwheels = [{ url = "https://idx.example/click.whl", hash = "sha256:${hash.repeat(64)}" }]\n`;

async function keyFor(): Promise<{ primaryKey: string; restoreKeys: readonly string[]; files: string[] }> {
  const pyproject = path.join(dir as string, 'pyproject.toml');
  const dockerfile = path.join(dir as string, '.microb', 'default.Dockerfile');
  const snapshot = await readProjectSnapshot(pyproject);
  await writeFile(path.join(dir as string, 'Dockerfile'), compile(snapshot).dockerfile);
  const files = dependencyKeyFiles(pyproject, referencedFiles(snapshot.pyprojectText), dockerfile).map((f) =>
    f === dockerfile ? path.join(dir as string, 'Dockerfile') : f,
  );
  const keyFiles: KeyFile[] = await Promise.all(
    files.map(async (f) => ({ path: f, content: await readFile(f).catch(() => null) })),
  );
  return { ...cacheKeys({ target: 'default', platforms: [], hostPlatform: 'linux/amd64', keyFiles }), files };
}

it('a lock bump (uv lock --upgrade) changes the cache key; the restore prefix stays', async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'microb-locks-key-'));
  await writeFile(path.join(dir, 'pyproject.toml'), PYPROJECT);
  await writeFile(path.join(dir, 'uv.lock'), lock('8.1.7', 'a'));
  const before = await keyFor();
  expect(before.files).toContain(path.join(dir, 'uv.lock'));
  await writeFile(path.join(dir, 'uv.lock'), lock('8.1.8', 'b'));
  const after = await keyFor();
  expect(after.primaryKey).not.toBe(before.primaryKey);
  expect(after.restoreKeys).toEqual(before.restoreKeys);
});
