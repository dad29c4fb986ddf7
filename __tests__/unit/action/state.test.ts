import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { State } from '../../../src/action/constants.js';
import {
  ActionState,
  isOurBuilderName,
  isOurTempDir,
  memoryStateStore,
  newBuilderName,
} from '../../../src/action/state.js';

const TEMP = '/runner/temp';

describe('ActionState', () => {
  it('round-trips what post needs', () => {
    const store = memoryStateStore();
    const s = new ActionState(store, TEMP);
    s.setTempDir('/runner/temp/microb-Ab12Cd');
    s.setSshAgentPid(4242);
    s.setCreatedBuilder('microb-1-abc123');
    expect(new ActionState(store, TEMP).read()).toEqual({
      tempDir: '/runner/temp/microb-Ab12Cd',
      sshAgentPid: 4242,
      createdBuilder: 'microb-1-abc123',
      ignored: [],
    });
  });

  it('reads an empty or garbled state as nothing to clean', () => {
    expect(new ActionState(memoryStateStore(), TEMP).read()).toEqual({ ignored: [] });
    expect(new ActionState(memoryStateStore({ [State.SshAgentPid]: 'x' }), TEMP).read()).toEqual({
      ignored: [State.SshAgentPid],
    });
  });

  it('a later phase of main reads back what main saved (the runner shows state only to post)', () => {
    const runnerLike = { save: () => undefined, get: () => '' };
    const s = new ActionState(runnerLike, TEMP);
    s.setCacheSaveState('{"mode":"none"}');
    expect(s.read().cacheSaveState).toBe('{"mode":"none"}');
  });

  // issue 9, item 1: state is whatever reached the runner as save-state
  it.each([
    [State.CreatedBuilder, 'default'],
    [State.CreatedBuilder, '--help'],
    [State.CreatedBuilder, 'microb-1-abc123 extra'],
    [State.CreatedBuilder, 'mybuilder'],
    [State.TempDir, '/home/runner/work'],
    [State.TempDir, '/runner/temp'],
    [State.TempDir, '/runner/temp/microb-Ab12Cd/../../x'],
    [State.TempDir, '/runner/temp/other-Ab12Cd'],
    [State.TempDir, 'microb-Ab12Cd'],
    [State.SshAgentPid, '1 2'],
    [State.SshAgentPid, '-1'],
  ])('ignores a forged %s = %j', (name, value) => {
    const state = new ActionState(memoryStateStore({ [name]: value }), TEMP).read();
    expect(state).toEqual({ ignored: [name] });
  });

  it('main creates only builder names post accepts, and post accepts no other', () => {
    for (const id of ['4242', undefined, 'x; rm -rf /'])
      expect(isOurBuilderName(newBuilderName(id))).toBe(true);
    expect(newBuilderName('x; rm -rf /')).toMatch(/^microb-local-[0-9a-f]{6}$/);
    expect(() => new ActionState(memoryStateStore(), TEMP).setCreatedBuilder('default')).toThrow(
      /not one main creates/,
    );
  });

  it('a temp dir is ours only directly under RUNNER_TEMP with mkdtemp’s shape', () => {
    expect(isOurTempDir(path.join(TEMP, 'microb-xY9z0Q'), TEMP)).toBe(true);
    expect(isOurTempDir(path.join(TEMP, 'a', 'microb-xY9z0Q'), TEMP)).toBe(false);
  });
});
