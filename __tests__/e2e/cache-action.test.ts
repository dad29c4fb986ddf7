/**
 * The action's own main and post steps (src/action: runMain / runPost, in this process, with
 * INPUT_* as the runner sets them) with the build cache on: the real @actions/cache client
 * against a local stand-in for the runner's cache service, and the real engine.
 * Run 1 saves in post; the engine then forgets run 1 (see support/cache-service/freshRunner.ts);
 * run 2 reports cache-hit and its dependency step is CACHED.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../../src/action/mainImpl.js';
import { runPost } from '../../src/action/postImpl.js';
import { memoryStateStore } from '../../src/action/state.js';
import { DANCE_PATHS } from '../../src/cache/cacheMounts.js';
import { captureStdout } from '../support/cache-service/annotations.js';
import { stepCached, writeSampleProject } from '../support/cache-service/ciRun.js';
import {
  buildRecordIds,
  buildRecords,
  pruneRecords,
  recordsOfBuild,
} from '../support/cache-service/freshRunner.js';
import { startCacheService, type CacheServiceStandIn } from '../support/cache-service/index.js';
import {
  dockerRun,
  ensureE2E,
  makeWheel,
  removeImages,
  startPrivateIndex,
  tempDir,
  uniqueTag,
  type PrivateIndex,
  type TempDir,
} from './support/index.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const PROBE = `microb-cache-action-probe-${randomBytes(4).toString('hex')}`;

interface StepRun {
  readonly outputs: Map<string, string>;
  readonly mainLog: string;
  readonly postLog: string;
  readonly warnings: string[];
  readonly failed: boolean;
}

describe('the action with cache: actions, through a local stand-in for the runner cache service', () => {
  let index: PrivateIndex;
  let service: CacheServiceStandIn;
  let work: TempDir;
  let restoreEnv: () => void;
  let defaults: Record<string, string>;
  const tags: string[] = [];
  const made = new Set<string>();

  beforeAll(async () => {
    await ensureE2E();
    work = await tempDir('microb-e2e-cache-action-');
    index = await startPrivateIndex({ wheels: [await makeWheel(work.path, PROBE, '1.0.0')] });
    service = await startCacheService();
    await mkdir(path.join(work.path, 'runner-temp'), { recursive: true });
    restoreEnv = service.applyEnv({
      GITHUB_WORKSPACE: work.path,
      RUNNER_TEMP: path.join(work.path, 'runner-temp'),
    });
    const yml = parseYaml(await readFile(path.join(REPO, 'action.yml'), 'utf8')) as {
      inputs: Record<string, { default?: string }>;
    };
    defaults = Object.fromEntries(Object.entries(yml.inputs).map(([k, v]) => [k, v.default ?? '']));
  });

  afterAll(async () => {
    restoreEnv?.();
    await removeImages(...tags);
    await pruneRecords([...made]).catch(() => undefined);
    await service?.stop();
    await index?.stop();
    await work?.cleanup();
  });

  /** main then post, as the runner runs a JavaScript action's steps (state kept in between). */
  async function actionRun(inputs: Record<string, string>): Promise<StepRun> {
    const env = Object.entries({ ...defaults, ...inputs }).map(
      ([k, v]) => [`INPUT_${k.toUpperCase()}`, v] as const,
    );
    const saved = new Map(env.map(([k]) => [k, process.env[k]]));
    for (const [k, v] of env) process.env[k] = v;
    const state = memoryStateStore();
    const outputs = new Map<string, string>();
    const before = await buildRecordIds();
    const main = captureStdout();
    let post = main;
    let failed: boolean;
    try {
      await runMain({ state, setOutput: (n, v) => void outputs.set(n, v) });
      failed = process.exitCode === 1;
      main.restore();
      post = captureStdout();
      await runPost(state);
    } finally {
      main.restore();
      post.restore();
      process.exitCode = undefined;
      for (const [k, v] of saved) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
    const mainLog = main.lines.join('\n');
    for (const r of recordsOfBuild(await buildRecords(), before, {
      tokens: [`127.0.0.1:${index.port}/`, PROBE],
      log: mainLog,
      markers: DANCE_PATHS,
    }))
      made.add(r.id);
    return {
      outputs,
      mainLog,
      postLog: post.lines.join('\n'),
      warnings: [...main.warnings(), ...post.warnings()],
      failed,
    };
  }

  it('run 1 saves in post; a fresh runner reports cache-hit and builds the dependencies from the cache', async () => {
    const project = await writeSampleProject(path.join(work.path, 'app'), {
      name: 'cache-action-app',
      indexUrl: index.url,
      dependencies: ['requests', PROBE],
    });
    const tag = uniqueTag('cache-action');
    tags.push(tag);
    const inputs = {
      file: project.pyproject,
      tags: tag,
      load: 'true',
      network: 'host',
      provenance: 'false',
      secrets: `index-user=${index.user}\nindex-password=${index.password}`,
    };

    const run1 = await actionRun(inputs);
    expect(run1.failed, run1.mainLog.split('\n').slice(-30).join('\n')).toBe(false);
    expect(run1.outputs.get('cache-hit')).toBe('false');
    expect(stepCached(run1.mainLog, '[deps 1/1] RUN')).toBe(false);
    expect(run1.postLog).toMatch(/Saved build cache microb-buildkit-v1-default-/);
    expect(service.entries()).toHaveLength(1);
    expect(run1.warnings).toEqual([]);

    // a fresh runner: the engine forgets run 1, the disk starts without the cache directory
    await pruneRecords([...made]);
    const run2 = await actionRun(inputs);
    expect(run2.failed, run2.mainLog.split('\n').slice(-30).join('\n')).toBe(false);
    expect(run2.outputs.get('cache-hit')).toBe('true');
    expect(run2.mainLog).toMatch(/importing cache manifest from local/);
    expect(stepCached(run2.mainLog, '[deps 1/1] RUN')).toBe(true);
    expect(run2.postLog).toMatch(/restored exactly: not saving it again/);
    expect(service.entries()).toHaveLength(1);
    expect((await dockerRun(tag)).stdout).toContain('cache-action-app r0');
  });

  it('cache service down: warnings, and the action still builds and succeeds', async () => {
    const project = await writeSampleProject(path.join(work.path, 'down'), {
      name: 'cache-action-down',
      indexUrl: index.url,
      dependencies: ['requests', PROBE],
    });
    const tag = uniqueTag('cache-action-down');
    tags.push(tag);
    await service.setFault({ kind: 'down' });
    try {
      const r = await actionRun({
        file: project.pyproject,
        tags: tag,
        load: 'true',
        network: 'host',
        secrets: `index-user=${index.user}\nindex-password=${index.password}`,
      });
      expect(r.failed).toBe(false);
      expect(r.outputs.get('cache-hit')).toBe('false');
      expect(r.warnings.join('\n')).toMatch(/Failed to restore: .*ECONNREFUSED/);
      expect(r.warnings.join('\n')).toMatch(/The build cache was not saved/);
      expect((await dockerRun(tag)).stdout).toContain('cache-action-down r0');
    } finally {
      await service.setFault({ kind: 'ok' });
    }
  });
});
