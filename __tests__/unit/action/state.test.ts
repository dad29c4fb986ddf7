import { describe, expect, it } from 'vitest';
import { State } from '../../../src/action/constants.js';
import { ActionState, memoryStateStore } from '../../../src/action/state.js';

describe('ActionState', () => {
  it('round-trips what post needs', () => {
    const store = memoryStateStore();
    const s = new ActionState(store);
    s.setTempDir('/runner/temp/microb-x');
    s.setSshAgentPid(4242);
    s.setCreatedBuilder('microb-1-abc');
    expect(new ActionState(store).read()).toEqual({
      tempDir: '/runner/temp/microb-x',
      sshAgentPid: 4242,
      createdBuilder: 'microb-1-abc',
    });
  });

  it('reads an empty or garbled state as nothing to clean', () => {
    expect(new ActionState(memoryStateStore()).read()).toEqual({});
    expect(new ActionState(memoryStateStore({ [State.SshAgentPid]: 'x' })).read()).toEqual({});
  });
});
