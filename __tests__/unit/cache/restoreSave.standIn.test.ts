/**
 * restoreBuildCache / saveBuildCache with the real @actions/cache client against the local
 * stand-in for the runner's cache service (twirp API + azurite blob storage on 127.0.0.1).
 * No Docker here: the "build" is a directory written where buildx's --cache-to would write;
 * the e2e tests do the same with real builds.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { restoreBuildCache, saveBuildCache, type CacheInputs } from '../../../src/cache/index.js';
import { captureStdout, type CapturedOutput } from '../../support/cache-service/annotations.js';
import { startCacheService, type CacheServiceStandIn } from '../../support/cache-service/index.js';

let service: CacheServiceStandIn;
let root: string;
let restoreEnv: () => void;
let out: CapturedOutput;
let pyproject: string;

beforeAll(async () => {
  service = await startCacheService();
  root = await mkdtemp(path.join(os.tmpdir(), 'microb-cache-unit-'));
  await mkdir(path.join(root, 'ws'));
  await mkdir(path.join(root, 'runner-temp'));
  restoreEnv = service.applyEnv({
    GITHUB_WORKSPACE: path.join(root, 'ws'),
    RUNNER_TEMP: path.join(root, 'runner-temp'),
  });
  pyproject = path.join(root, 'ws', 'pyproject.toml');
}, 60_000);

afterAll(async () => {
  restoreEnv?.();
  await service?.stop();
  if (root) await rm(root, { recursive: true, force: true });
});

beforeEach(async () => {
  await service.setFault({ kind: 'ok' });
  out = captureStdout();
});
afterEach(() => out.restore());

function inputs(over: Partial<CacheInputs> = {}): CacheInputs {
  return {
    mode: 'actions',
    cacheMounts: false,
    target: 'default',
    platforms: ['linux/amd64'],
    keyFiles: [pyproject],
    cacheMountsPlan: [],
    workDir: path.join(root, 'runner-temp', 'microb-cache'),
    timeoutMs: 20_000,
    ...over,
  };
}

/** What `docker buildx build --cache-to type=local,dest=DIR` leaves behind, in miniature. */
async function fakeExport(cacheTo: readonly string[], marker: string): Promise<void> {
  const dest = /dest=([^,]+)/.exec(cacheTo[0] ?? '')?.[1];
  if (!dest) throw new Error(`no local cache-to in ${JSON.stringify(cacheTo)}`);
  await mkdir(path.join(dest, 'blobs', 'sha256'), { recursive: true });
  await writeFile(path.join(dest, 'index.json'), JSON.stringify({ marker }));
  await writeFile(path.join(dest, 'blobs', 'sha256', marker), marker.repeat(1000));
}

describe('build cache through the local stand-in for the runner cache service', () => {
  it('saves on a cold run, hits exactly next time, falls back by prefix after a dependency change', async () => {
    await writeFile(pyproject, '[project]\nname = "a"\ndependencies = ["requests"]\n');
    const cold = await restoreBuildCache(inputs({ target: 'roundtrip' }));
    expect(cold.cacheHit).toBe(false);
    expect(cold.cacheFrom).toEqual([]);
    expect(cold.cacheTo).toHaveLength(1);
    await fakeExport(cold.cacheTo, 'run1');
    const saved = await saveBuildCache(cold.saveState);
    expect(saved.saved).toBe(true);
    expect(service.entries().map((e) => e.key)).toContain(cold.primaryKey);

    // a fresh runner: nothing on disk
    await rm(path.join(root, 'runner-temp', 'microb-cache'), { recursive: true, force: true });
    const warm = await restoreBuildCache(inputs({ target: 'roundtrip' }));
    expect(warm.cacheHit).toBe(true);
    expect(warm.restoredKey).toBe(cold.primaryKey);
    expect(warm.cacheTo).toEqual([]); // nothing will be saved: no export needed
    const src = /src=([^,]+)/.exec(warm.cacheFrom[0] ?? '')?.[1] ?? '';
    expect(JSON.parse(await readFile(path.join(src, 'index.json'), 'utf8'))).toEqual({ marker: 'run1' });
    expect((await saveBuildCache(warm.saveState)).saved).toBe(false);

    await writeFile(pyproject, '[project]\nname = "a"\ndependencies = ["requests", "click"]\n');
    const changed = await restoreBuildCache(inputs({ target: 'roundtrip' }));
    expect(changed.cacheHit).toBe(false);
    expect(changed.restoredKey).toBe(cold.primaryKey);
    expect(changed.cacheFrom).toHaveLength(1);
    await fakeExport(changed.cacheTo, 'run3');
    expect((await saveBuildCache(changed.saveState)).saved).toBe(true);

    // the newest cache of the scope wins the prefix match
    await writeFile(pyproject, '[project]\nname = "a"\ndependencies = ["click"]\n');
    const third = await restoreBuildCache(inputs({ target: 'roundtrip' }));
    expect(third.restoredKey).toBe(changed.primaryKey);
    expect(out.warnings()).toEqual([]);
  });

  it('keeps matrix legs apart: another platform set or target never restores this cache', async () => {
    await writeFile(pyproject, '[project]\nname = "legs"\n');
    const amd = await restoreBuildCache(inputs({ target: 'legs' }));
    await fakeExport(amd.cacheTo, 'amd');
    await saveBuildCache(amd.saveState);
    const arm = await restoreBuildCache(inputs({ target: 'legs', platforms: ['linux/arm64'] }));
    expect(arm.restoredKey).toBe('');
    const other = await restoreBuildCache(inputs({ target: 'legs-worker' }));
    expect(other.restoredKey).toBe('');
  });

  it('exports to a fresh directory and saves only it, so old blobs never pile up', async () => {
    await writeFile(pyproject, '[project]\nname = "bounded"\n');
    const first = await restoreBuildCache(
      inputs({ target: 'bounded', keyFiles: [pyproject, path.join(root, 'v1')] }),
    );
    await fakeExport(first.cacheTo, 'one');
    const s1 = await saveBuildCache(first.saveState);
    const second = await restoreBuildCache(
      inputs({ target: 'bounded', keyFiles: [pyproject, path.join(root, 'v2')] }),
    );
    expect(second.restoredKey).toBe(first.primaryKey);
    await fakeExport(second.cacheTo, 'two');
    const s2 = await saveBuildCache(second.saveState);
    expect(s2.saved).toBe(true);
    // the restored "one" blob is not carried into the second archive
    expect(s2.sizeBytes).toBe(s1.sizeBytes);
    const [e1, e2] = service
      .entries()
      .filter((e) => e.key === first.primaryKey || e.key === second.primaryKey);
    expect(Math.abs((e2?.sizeBytes ?? 0) - (e1?.sizeBytes ?? 0))).toBeLessThan(200);
  });

  it('service down (connection refused): a warning, and the build runs cold', async () => {
    await writeFile(pyproject, '[project]\nname = "down"\n');
    await service.setFault({ kind: 'down' });
    const r = await restoreBuildCache(inputs({ target: 'down' }));
    expect(r.cacheHit).toBe(false);
    expect(r.cacheFrom).toEqual([]);
    expect(r.cacheTo).toHaveLength(1);
    await fakeExport(r.cacheTo, 'down');
    const s = await saveBuildCache(r.saveState);
    expect(s.saved).toBe(false);
    expect(out.warnings().join('\n')).toMatch(/ECONNREFUSED|connect/i);
    expect(out.warnings().join('\n')).toMatch(/build cache was not saved/);
    expect(out.errors()).toEqual([]);
  });

  it('service slow: restore gives up at the deadline with a warning', async () => {
    await writeFile(pyproject, '[project]\nname = "slow"\n');
    await service.setFault({ kind: 'slow', delayMs: 5_000 });
    const t0 = Date.now();
    const r = await restoreBuildCache(inputs({ target: 'slow', timeoutMs: 1_000 }));
    expect(Date.now() - t0).toBeLessThan(4_000);
    expect(r.cacheFrom).toEqual([]);
    expect(out.warnings().join('\n')).toMatch(/took longer than 1 s: building without it/);
  });

  it('storage quota used up: the save is refused with a warning', async () => {
    await writeFile(pyproject, '[project]\nname = "quota"\n');
    await service.setFault({ kind: 'quota' });
    const r = await restoreBuildCache(inputs({ target: 'quota' }));
    await fakeExport(r.cacheTo, 'quota');
    const s = await saveBuildCache(r.saveState);
    expect(s.saved).toBe(false);
    expect(out.warnings().join('\n')).toMatch(/build cache was not saved/);
    expect(service.api.calls.some((c) => c.method === 'CreateCacheEntry' && c.status === 429)).toBe(true);
  });

  it('HTTP 4xx from the service: a warning, never a failure', async () => {
    await writeFile(pyproject, '[project]\nname = "forbidden"\n');
    await service.setFault({ kind: 'status', status: 403 });
    const r = await restoreBuildCache(inputs({ target: 'forbidden' }));
    expect(r.cacheFrom).toEqual([]);
    await fakeExport(r.cacheTo, 'forbidden');
    expect((await saveBuildCache(r.saveState)).saved).toBe(false);
    expect(out.warnings().length).toBeGreaterThanOrEqual(2);
    expect(out.errors()).toEqual([]);
  });

  it('modes gha and none touch no service and no disk', async () => {
    const gha = await restoreBuildCache(inputs({ mode: 'gha' }));
    expect(gha.buildxArgs[0]).toBe('--cache-from');
    expect(gha.buildxArgs[1]).toMatch(/^type=gha,scope=microb-buildkit-v1-default-linux-amd64-/);
    const none = await restoreBuildCache(inputs({ mode: 'none' }));
    expect(none.buildxArgs).toEqual([]);
    expect((await saveBuildCache(none.saveState)).saved).toBe(false);
    expect((await saveBuildCache('')).saved).toBe(false);
  });
});
