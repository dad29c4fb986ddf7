import { describe, expect, it } from 'vitest';
import { parseSaveState, serializeSaveState, type CacheSaveState } from '../../../src/cache/saveState.js';

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
