import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesToPrune, pruneMounts, type MountFile } from '../../../src/cache/mountPrune.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 1);

describe('filesToPrune', () => {
  const f = (p: string, bytes: number, ageDays: number): MountFile => ({
    path: p,
    bytes,
    mtimeMs: NOW - ageDays * DAY,
  });

  it('drops what is older than the age limit, then the oldest until it fits', () => {
    const files = [f('old', 10, 40), f('a', 50, 1), f('b', 50, 2), f('c', 50, 3), f('d', 1, 0)];
    const drop = filesToPrune(files, { maxAgeMs: 30 * DAY, maxBytes: 101 }, NOW);
    // newest first: d (1), a (50), b (50) = 101 fit; c does not; old is past the age limit
    expect(drop.map((x) => x.path).sort()).toEqual(['c', 'old']);
  });

  it('keeps everything within both limits, and a file bigger than the budget goes', () => {
    const files = [f('a', 5, 1), f('b', 5, 2)];
    expect(filesToPrune(files, { maxAgeMs: 30 * DAY, maxBytes: 100 }, NOW)).toEqual([]);
    expect(
      filesToPrune([f('huge', 1000, 0), f('a', 5, 1)], { maxAgeMs: DAY * 30, maxBytes: 100 }, NOW),
    ).toEqual([f('huge', 1000, 0)]);
  });
});

describe('pruneMounts', () => {
  it('prunes each mount directory in place, by file modification time', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'microb-prune-'));
    try {
      const pip = path.join(root, 'microb-pip-1234', 'http', 'a');
      const apt = path.join(root, 'microb-apt-5678');
      await mkdir(pip, { recursive: true });
      await mkdir(apt, { recursive: true });
      const put = async (file: string, bytes: number, ageDays: number) => {
        await writeFile(file, Buffer.alloc(bytes));
        const t = new Date(NOW - ageDays * DAY);
        await utimes(file, t, t);
      };
      await put(path.join(pip, 'stale.whl'), 100, 45);
      await put(path.join(pip, 'fresh.whl'), 100, 1);
      await put(path.join(pip, 'older.whl'), 100, 5);
      await put(path.join(apt, 'pkg.deb'), 150, 2);
      const r = await pruneMounts(root, { maxAgeMs: 30 * DAY, maxBytes: 150 }, NOW);
      expect(await readdir(pip)).toEqual(['fresh.whl']);
      // the budget is per mount: apt's one file fits its own
      expect(await readdir(apt)).toEqual(['pkg.deb']);
      expect(r).toEqual({ removedFiles: 2, removedBytes: 200, keptBytes: 250 });
      // no mounts directory at all is not an error
      expect(await pruneMounts(path.join(root, 'none'), { maxAgeMs: DAY, maxBytes: 1 }, NOW)).toEqual({
        removedFiles: 0,
        removedBytes: 0,
        keptBytes: 0,
      });
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
