/**
 * The cache's directories on the runner, through the injected cache service (an in-memory one
 * that archives a directory by copying it): restore starts from a clean scope whatever an
 * earlier build of the job left, and save keeps exactly this build's export.
 */
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { CacheService } from '../../../src/cache/actionsCache.js';
import { restoreBuildCache, saveBuildCache, cacheScope, type CacheInputs } from '../../../src/cache/index.js';
import { cacheLayout } from '../../../src/cache/layout.js';

const HOST = 'linux/amd64';

/** Archives by copying into its own directory; restores the exact key, else the newest prefix match. */
function memoryCache(root: string): CacheService & { keys: string[] } {
  const keys: string[] = [];
  const dirOf = (key: string) => path.join(root, encodeURIComponent(key));
  return {
    keys,
    isAvailable: () => true,
    restore: async ([dir = ''], primaryKey, restoreKeys) => {
      const key = keys.includes(primaryKey)
        ? primaryKey
        : restoreKeys.flatMap((p) => keys.filter((k) => k.startsWith(p)).reverse())[0];
      if (key === undefined) return undefined;
      await cp(dirOf(key), dir, { recursive: true });
      return key;
    },
    save: async ([dir = ''], key) => {
      await cp(dir, dirOf(key), { recursive: true });
      keys.push(key);
      return keys.length;
    },
  };
}

/** Every file under `dir`, relative, sorted. */
async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

let root: string;
let inputs: CacheInputs;
let service: ReturnType<typeof memoryCache>;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'microb-cache-dirs-'));
  await writeFile(path.join(root, 'pyproject.toml'), '[project]\nname = "x"\n');
  await mkdir(path.join(root, 'store'));
  service = memoryCache(path.join(root, 'store'));
  inputs = {
    mode: 'actions',
    cacheMounts: false,
    target: 'api',
    platforms: [],
    keyFiles: [path.join(root, 'pyproject.toml')],
    cacheMountsPlan: [],
    workDir: path.join(root, 'work'),
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(root, { recursive: true, force: true });
});

const layout = () => cacheLayout(inputs.workDir, cacheScope(inputs.target, [], HOST));

/** What buildx's --cache-to would write into next/. */
async function exportInto(dir: string, blob: string): Promise<void> {
  await mkdir(path.join(dir, 'buildkit', 'blobs'), { recursive: true });
  await writeFile(path.join(dir, 'buildkit', 'index.json'), '{}');
  await writeFile(path.join(dir, 'buildkit', 'blobs', blob), blob);
}

describe('the cache directories', () => {
  it('restore removes what an earlier build of the scope left in the cache and next dirs', async () => {
    const { cacheDir, nextDir } = layout();
    await exportInto(cacheDir, 'stale-from-an-earlier-build');
    await exportInto(nextDir, 'half-written-export');
    await restoreBuildCache(inputs, { service, hostPlatform: HOST });
    expect(existsSync(nextDir)).toBe(false);
    expect(existsSync(path.join(cacheDir, 'buildkit', 'blobs', 'stale-from-an-earlier-build'))).toBe(false);
  });

  it('save keeps exactly this build’s export, not the older blobs the restored dir held', async () => {
    const { cacheDir, nextDir } = layout();
    const first = await restoreBuildCache(inputs, { service, hostPlatform: HOST });
    await exportInto(nextDir, 'first');
    await saveBuildCache(first.saveState, { service });
    expect(existsSync(nextDir)).toBe(false);

    // the next run: the key files changed, so the restore is a fallback to the first entry
    await writeFile(path.join(root, 'pyproject.toml'), '[project]\nname = "y"\n');
    const second = await restoreBuildCache(inputs, { service, hostPlatform: HOST });
    expect(second.restoredKey).toBe(service.keys[0]);
    expect(await files(cacheDir)).toContain(path.join('buildkit', 'blobs', 'first'));
    await exportInto(nextDir, 'second');
    await saveBuildCache(second.saveState, { service });
    expect(existsSync(nextDir)).toBe(false);
    expect(await files(cacheDir)).toEqual([
      path.join('buildkit', 'blobs', 'second'),
      path.join('buildkit', 'index.json'),
    ]);
  });

  it('an exact hit saves nothing and removes this run’s export', async () => {
    const { nextDir } = layout();
    const first = await restoreBuildCache(inputs, { service, hostPlatform: HOST });
    await exportInto(nextDir, 'first');
    await saveBuildCache(first.saveState, { service });
    const again = await restoreBuildCache(inputs, { service, hostPlatform: HOST });
    expect(again.cacheHit).toBe(true);
    await exportInto(nextDir, 'again');
    expect((await saveBuildCache(again.saveState, { service })).saved).toBe(false);
    expect(existsSync(nextDir)).toBe(false);
    expect(service.keys).toHaveLength(1);
  });
});
