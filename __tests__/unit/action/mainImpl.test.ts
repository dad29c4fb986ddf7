import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Phase } from '../../../src/action/context.js';
import type { MainPhases } from '../../../src/action/phases/index.js';
import { MAIN_PHASES, runMain } from '../../../src/action/mainImpl.js';
import { runPost } from '../../../src/action/postImpl.js';
import { ActionState, memoryStateStore } from '../../../src/action/state.js';
import { startAgent } from '../../../src/ssh/agent.js';

const PYPROJECT = `[project]
name = "svc"
version = "0.1.0"
dependencies = ["requests>=2"]

[tool.microb.target.api]
python_version = "3.11"
labels = { "greeting" = "\${TEST:-World}" }

[tool.microb.target.worker]
python_version = "3.11"
indices = [{ url = "http://127.0.0.1:9/simple/", primary = true, username_secret = "IDX_USER", password_secret = "IDX_PW" }]
`;

let dir: string;
let out: string[];
const savedEnv = { ...process.env };

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'main-test-'));
  mkdirSync(path.join(dir, 'svc'));
  writeFileSync(path.join(dir, 'svc', 'pyproject.toml'), PYPROJECT);
  out = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  process.env.RUNNER_TEMP = dir;
  process.env.INPUT_FILE = path.join(dir, 'svc', 'pyproject.toml');
});
afterEach(() => {
  vi.restoreAllMocks();
  for (const k of Object.keys(process.env)) if (!(k in savedEnv)) delete process.env[k];
  Object.assign(process.env, savedEnv);
  process.exitCode = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** MAIN_PHASES, each recording its name in `ran` when it runs. */
function recording(ran: string[]): MainPhases {
  const [generate, ...rest] = MAIN_PHASES;
  return [
    { ...generate, run: (c) => (ran.push(generate.name), generate.run(c)) },
    ...rest.map((p): Phase => ({ ...p, run: (c) => (ran.push(p.name), p.run(c)) })),
  ];
}

const fakeHost = () => {
  const outputs = new Map<string, string>();
  const state = memoryStateStore();
  return { outputs, state, host: { state, setOutput: (n: string, v: string) => void outputs.set(n, v) } };
};

describe('runMain: the job summary of a failed run', () => {
  const failing = (message: string): Phase => ({
    name: 'Check the build request',
    run: () => Promise.reject(new Error(message)),
  });

  it('is written with the failing phase and its error, secrets redacted; the phase times are there', async () => {
    const summary = path.join(dir, 'summary.md');
    writeFileSync(summary, '');
    process.env.GITHUB_STEP_SUMMARY = summary;
    process.env.GITHUB_WORKSPACE = dir;
    process.env.INPUT_SECRETS = 'IDX_PW=hunter2-secret';
    const { host } = fakeHost();
    const generate = MAIN_PHASES[0];
    await runMain(host, [generate, failing('the index said no to hunter2-secret')]);
    expect(process.exitCode).toBe(1);
    const md = readFileSync(summary, 'utf8');
    expect(md).toContain(':x: failed in Check the build request');
    expect(md).toContain('the index said no to ***');
    expect(md).not.toContain('hunter2-secret');
    expect(md).toMatch(/\| Generate the Dockerfile \| \d+\.\d s \| ok \|/);
    expect(md).toMatch(/\| Check the build request \| \d+\.\d s \| :x: failed \|/);
    // the Dockerfile path as the repository shows it
    expect(md).toContain('<code>svc/.microb/api.Dockerfile</code>');
  });

  it('DOCKER_BUILD_SUMMARY=false writes none', async () => {
    const summary = path.join(dir, 'summary.md');
    writeFileSync(summary, '');
    process.env.GITHUB_STEP_SUMMARY = summary;
    process.env.DOCKER_BUILD_SUMMARY = 'false';
    const { host } = fakeHost();
    await runMain(host, [MAIN_PHASES[0], failing('boom')]);
    expect(process.exitCode).toBe(1);
    expect(readFileSync(summary, 'utf8')).toBe('');
  });
});

describe('runMain: tag rules and flavor with images', () => {
  it('type=default plus one raw tag, flavor latest=false; version is the image label', async () => {
    Object.assign(process.env, {
      'INPUT_DRY-RUN': 'true',
      INPUT_IMAGES: 'ghcr.io/acme/svc',
      INPUT_TAGS: 'type=default\ntype=raw,value=stable',
      INPUT_FLAVOR: 'latest=false',
      GITHUB_EVENT_NAME: 'push',
      GITHUB_REF: 'refs/tags/v1.2.3',
      GITHUB_SHA: '860c1904a1ce19322e91ac35af1ab07466440c37',
      GITHUB_EVENT_PATH: path.join(dir, 'no-event.json'),
    });
    const { outputs, host } = fakeHost();
    await runMain(host);
    expect(process.exitCode).toBeUndefined();
    expect(outputs.get('tags')?.split('\n')).toEqual([
      'ghcr.io/acme/svc:1.2.3',
      'ghcr.io/acme/svc:1.2',
      'ghcr.io/acme/svc:1',
      'ghcr.io/acme/svc:sha-860c190',
      'ghcr.io/acme/svc:stable',
    ]);
    // the pyproject's [project] version is the image's version label
    expect(outputs.get('version')).toBe('0.1.0');
  });

  it('a full reference in tags with images set fails as an input error', async () => {
    Object.assign(process.env, {
      'INPUT_DRY-RUN': 'true',
      INPUT_IMAGES: 'ghcr.io/acme/svc',
      INPUT_TAGS: 'ghcr.io/acme/svc:1',
    });
    const { host } = fakeHost();
    await runMain(host);
    expect(process.exitCode).toBe(1);
    expect(out.join('')).toMatch(/::error::tags: "ghcr.io\/acme\/svc:1" is not a tag name/);
  });
});

describe('runMain', () => {
  it('dry run: writes the Dockerfile, sets the no-build outputs, builds nothing', async () => {
    process.env['INPUT_DRY-RUN'] = 'true';
    process.env['INPUT_BUILD-ARGS'] = 'TEST=Hello';
    process.env.INPUT_LABELS = 'extra=1';
    const { outputs, host } = fakeHost();
    const ran: string[] = [];
    await runMain(host, recording(ran));
    expect(process.exitCode).toBeUndefined();
    expect(ran).toEqual(['Generate the Dockerfile', 'Outputs and summary']);
    const dockerfile = outputs.get('dockerfile') ?? '';
    expect(dockerfile).toBe(path.join(dir, 'svc', '.microb', 'api.Dockerfile'));
    expect(readFileSync(dockerfile, 'utf8')).toMatch(
      /^ARG BUILDER_IMAGE="python:3\.11"\n[^]*^FROM \$\{BUILDER_IMAGE\} AS builder$/m,
    );
    expect(JSON.parse(outputs.get('targets') ?? '')).toEqual(['api', 'worker']);
    expect(outputs.get('target')).toBe('api');
    // the label as the image will have it: build arg applied, input label added
    expect(JSON.parse(outputs.get('json') ?? '').labels).toMatchObject({ greeting: 'Hello', extra: '1' });
    // labels: metadata-action's KEY=VALUE lines
    expect((outputs.get('labels') ?? '').split('\n')).toEqual(
      expect.arrayContaining(['greeting=Hello', 'extra=1']),
    );
  });

  it('dependency-label: false drops the dev.microb.dependencies label', async () => {
    process.env['INPUT_DRY-RUN'] = 'true';
    const withLabel = fakeHost();
    await runMain(withLabel.host);
    process.env['INPUT_DEPENDENCY-LABEL'] = 'false';
    const without = fakeHost();
    await runMain(without.host);
    expect(JSON.parse(withLabel.outputs.get('json') ?? '').labels).toHaveProperty([
      'dev.microb.dependencies',
    ]);
    expect(JSON.parse(without.outputs.get('json') ?? '').labels).not.toHaveProperty([
      'dev.microb.dependencies',
    ]);
  });

  it('annotates a configuration error on the pyproject line, without a stack trace', async () => {
    process.env.INPUT_TARGET = 'nope';
    const { host } = fakeHost();
    await runMain(host);
    expect(process.exitCode).toBe(1);
    const errors = out
      .join('')
      .split('\n')
      .filter((l) => l.startsWith('::error'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^::error title=Invalid microb configuration.*,file=.*pyproject\.toml,line=\d+,col=\d+::/,
    );
    expect(errors[0]).toMatch(/nope/);
    expect(out.join('')).not.toMatch(/at .*\.ts:\d+/);
  });

  it('names each missing secret and the pyproject field before touching Docker', async () => {
    process.env.INPUT_TARGET = 'worker';
    process.env.INPUT_SECRETS = 'IDX_USER=ci';
    const { host } = fakeHost();
    const ran: string[] = [];
    await runMain(host, recording(ran));
    expect(process.exitCode).toBe(1);
    expect(ran).toEqual(['Generate the Dockerfile', 'Tags and labels', 'Check the build request']);
    const errors = out
      .join('')
      .split('\n')
      .filter((l) => l.startsWith('::error'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^::error title=Missing build secret IDX_PW,file=.*pyproject\.toml,line=12,col=\d+::/,
    );
    expect(errors[0]).toMatch(/named by `password_secret`/);
    expect(out.join('')).toContain('::add-mask::ci');
  });

  it('a failing phase ends as one ::error:: and later phases do not run', async () => {
    const { host, state } = fakeHost();
    const phases: MainPhases = [
      {
        name: 'boom',
        run: async () => {
          throw new Error('the engine said no');
        },
      },
      { name: 'never', run: async () => expect.fail('ran after a failure') },
    ];
    await runMain(host, phases);
    expect(process.exitCode).toBe(1);
    expect(out.join('')).toContain('::error::the engine said no');
    expect(new ActionState(state).read().tempDir).toBeDefined(); // recorded before anything could fail
  });
});

describe('runPost', () => {
  it('kills the agent and removes the temp dir, and keeps going past a failing cleanup', async () => {
    const agent = await startAgent();
    const temp = mkdtempSync(path.join(dir, 'microb-'));
    const store = memoryStateStore();
    const s = new ActionState(store);
    s.setTempDir(temp);
    s.setSshAgentPid(agent.pid);
    s.setCreatedBuilder('microb-local-0badf0');
    await runPost(store, undefined, { dryRun: false, cache: 'none', builder: '' });
    const stat = existsSync(`/proc/${agent.pid}/stat`) ? readFileSync(`/proc/${agent.pid}/stat`, 'utf8') : '';
    expect(stat === '' || / Z /.test(stat)).toBe(true);
    expect(existsSync(temp)).toBe(false);
    const log = out.join('');
    expect(log).toContain(`stopped ssh-agent (pid ${agent.pid})`);
    expect(log).toMatch(/::warning::cleanup of builder failed/);
    expect(process.exitCode).toBeUndefined();
  });

  // issue 9, item 1: a forged save-state must not make post delete, rename or run anything
  it('acts on no forged state: cache dirs outside its work dir, a command, a builder it did not create', async () => {
    const victim = path.join(dir, 'victim');
    const next = path.join(dir, 'evil-next');
    mkdirSync(path.join(next, 'buildkit'), { recursive: true });
    writeFileSync(path.join(next, 'buildkit', 'index.json'), '{}');
    mkdirSync(victim);
    writeFileSync(path.join(victim, 'keep.txt'), 'keep');
    const pwned = path.join(dir, 'PWNED');
    const store = memoryStateStore({
      cacheSaveState: JSON.stringify({
        mode: 'actions',
        primaryKey: 'forged',
        cacheDir: victim,
        nextDir: next,
        mounts: [{ id: 'pip', target: '/root/.cache/pip' }],
        helperImage: 'busybox',
        buildxCommand: ['sh', '-c', `id > ${pwned}`],
        timeoutMs: 1000,
      }),
      createdBuilder: 'default',
      tempDir: victim,
    });
    await runPost(store, undefined, { dryRun: false, cache: 'actions', builder: '' });
    expect(existsSync(pwned)).toBe(false);
    expect(existsSync(path.join(victim, 'keep.txt'))).toBe(true);
    expect(existsSync(next)).toBe(true);
    const log = out.join('');
    expect(log).toContain('post ignored state it did not recognise as main');
    expect(log).toContain('post ignored a build cache state');
    expect(log).not.toContain('removed builder');
  });

  it('after a dry run removes its temp dir only: main creates no builder, agent or cache there', async () => {
    const temp = mkdtempSync(path.join(dir, 'microb-'));
    const store = memoryStateStore();
    const s = new ActionState(store);
    s.setTempDir(temp);
    s.setCreatedBuilder('microb-local-0badf0');
    s.setSshAgentPid(process.pid);
    await runPost(store, undefined, { dryRun: true, cache: '', builder: '' });
    expect(existsSync(temp)).toBe(false);
    expect(out.join('')).not.toMatch(/builder|ssh-agent/);
  });

  it('does nothing with an empty state', async () => {
    await runPost(memoryStateStore(), undefined, { dryRun: false, cache: 'actions', builder: '' });
    expect(out.join('')).toBe('');
  });
});
